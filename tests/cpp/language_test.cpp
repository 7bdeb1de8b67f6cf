// Language identification: each language of a shared script told apart (the close pairs too), the
// script languages, short and mixed texts, the sample of long texts, any bytes, determinism.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "precis/language.hpp"
#include "precis/summarizer.hpp"

namespace precis {
namespace {

struct Case {
  const char* language;
  const char* text;
};

// One or two sentences per language, written for this test.
const Case kCases[] = {
    {"en", "The committee will publish its report on the new railway line before the end of the month."},
    {"de", "Der Ausschuss wird seinen Bericht über die neue Bahnstrecke noch vor Ende des Monats vorlegen."},
    {"nl", "De commissie publiceert haar rapport over de nieuwe spoorlijn voor het einde van de maand."},
    {"da", "Udvalget offentliggør sin rapport om den nye jernbane inden udgangen af måneden, siger formanden."},
    {"no", "Komiteen legger fram rapporten om den nye jernbanen før utgangen av måneden, sier lederen."},
    {"sv", "Kommittén lägger fram sin rapport om den nya järnvägen före slutet av månaden, säger ordföranden."},
    {"fr", "La commission publiera son rapport sur la nouvelle ligne de chemin de fer avant la fin du mois."},
    {"es", "La comisión publicará su informe sobre la nueva línea de ferrocarril antes de que termine el mes."},
    {"pt", "A comissão vai publicar o seu relatório sobre a nova linha ferroviária antes do fim do mês."},
    {"it", "La commissione pubblicherà la sua relazione sulla nuova linea ferroviaria prima della fine del mese."},
    {"ca", "La comissió publicarà el seu informe sobre la nova línia de ferrocarril abans que acabi el mes."},
    {"ro", "Comisia își va publica raportul despre noua linie de cale ferată înainte de sfârșitul lunii."},
    {"pl", "Komisja opublikuje swój raport o nowej linii kolejowej przed końcem miesiąca, powiedział jej szef."},
    {"cs", "Komise zveřejní svou zprávu o nové železniční trati ještě před koncem měsíce, řekl její předseda."},
    {"sk", "Komisia zverejní svoju správu o novej železničnej trati ešte pred koncom mesiaca, povedal jej predseda."},
    {"fi", "Valiokunta julkaisee raporttinsa uudesta rautatieyhteydestä ennen kuun loppua, puheenjohtaja sanoi."},
    {"hu", "A bizottság a hónap vége előtt közzéteszi jelentését az új vasútvonalról, mondta az elnök."},
    {"tr", "Komisyon, yeni demiryolu hattı hakkındaki raporunu ay sonundan önce yayımlayacak."},
    {"id", "Komisi akan menerbitkan laporannya tentang jalur kereta api baru sebelum akhir bulan ini."},
    {"ru", "Комиссия опубликует свой доклад о новой железной дороге до конца месяца, сообщил её председатель."},
    {"bg", "Комисията ще публикува своя доклад за новата железопътна линия преди края на месеца."},
    {"kk", "Комиссия ай соңына дейін жаңа темір жол желісі туралы баяндамасын жариялайды."},
    {"ar", "ستنشر اللجنة تقريرها عن خط السكك الحديدية الجديد قبل نهاية الشهر، كما قال رئيسها."},
    {"fa", "کمیسیون گزارش خود را درباره خط آهن جدید منتشر می\u200cکند."},
    {"hi", "समिति महीने के अंत से पहले नई रेल लाइन के बारे में अपनी रिपोर्ट प्रकाशित करेगी।"},
    {"mr", "समिती महिन्याच्या अखेरीस नव्या रेल्वे मार्गाबद्दलचा आपला अहवाल प्रसिद्ध करणार आहे."},
    {"el", "Η επιτροπή θα δημοσιεύσει την έκθεσή της για τη νέα σιδηροδρομική γραμμή πριν από το τέλος του μήνα."},
    {"zh", "委员会将在月底前发布关于新铁路线的报告。"},
    {"zh", "委員會將在月底前發布關於新鐵路線的報告。"},
    {"ja", "委員会は月末までに新しい鉄道路線についての報告書を発表する予定です。"},
    {"ko", "위원회는 이달 말까지 새 철도 노선에 관한 보고서를 발표할 예정이다."},
    {"hy", "Հանձնաժողովը մինչև ամսվա վերջ կհրապարակի նոր երկաթուղու մասին իր զեկույցը։"},
    {"th", "คณะกรรมการจะเผยแพร่รายงานเกี่ยวกับเส้นทางรถไฟสายใหม่ก่อนสิ้นเดือนนี้"},
};

TEST(DetectLanguageTest, EachLanguageIsToldApartFromTheOthersOfItsScript) {
  for (const Case& c : kCases) {
    const LanguageGuess guess = detect_language(c.text);
    EXPECT_EQ(guess.language, c.language) << c.text;
    EXPECT_TRUE(guess.reliable) << c.text;
    EXPECT_GT(guess.confidence, 0.5) << c.text;
    ASSERT_FALSE(guess.candidates.empty());
    EXPECT_EQ(guess.candidates.front().language, c.language);
    double total = 0.0;
    for (const LanguageScore& candidate : guess.candidates) {
      EXPECT_GE(candidate.probability, 0.0);
      total += candidate.probability;
    }
    EXPECT_LE(total, 1.0 + 1e-9);
  }
}

TEST(DetectLanguageTest, EveryDetectedLanguageIsListed) {
  const std::vector<std::string> languages = detectable_languages();
  EXPECT_TRUE(std::ranges::is_sorted(languages));
  for (const Case& c : kCases) EXPECT_TRUE(std::ranges::find(languages, c.language) != languages.end()) << c.language;
}

TEST(DetectLanguageTest, TooLittleTextIsUnreliableAndFallsBackToTheScript) {
  for (const char* text : {"", "   ", "12 345 678", "!!!", "Hi", "Ok ja"}) {
    const LanguageGuess guess = detect_language(text);
    EXPECT_FALSE(guess.reliable) << text;
    EXPECT_EQ(guess.language, "en") << text;
  }
  EXPECT_EQ(detect_language("Да").language, "ru");
  EXPECT_FALSE(detect_language("Да").reliable);
  EXPECT_EQ(detect_language("").confidence, 0.0);
  EXPECT_TRUE(detect_language("").candidates.empty());
}

TEST(DetectLanguageTest, AQuotationKeepsTheMainLanguage) {
  const std::string text =
      "Die Ministerin sagte am Dienstag in Berlin, man werde die Pläne für die neue Bahnstrecke "
      "gründlich prüfen. Auf Englisch fügte sie hinzu: \"We will not rush this decision.\" Danach "
      "beantwortete sie noch die Fragen der Journalisten zu den Kosten des Projekts.";
  EXPECT_EQ(detect_language(text).language, "de");
  const std::string chinese = "记者问及iPhone和Android的市场份额时，发言人表示公司将继续投资研发。";
  EXPECT_EQ(detect_language(chinese).language, "zh");
}

TEST(DetectLanguageTest, ALongTextIsReadFromSpreadWindows) {
  // French prose long enough to be sampled; its middle is English: the windows are spread, so the
  // answer is the language of most of them.
  std::string text;
  const std::string french = "La commission publiera son rapport sur la nouvelle ligne avant la fin du mois. ";
  const std::string english = "The committee will publish its report on the new line before the end of the month. ";
  for (int i = 0; i < 300; ++i) text += french;
  for (int i = 0; i < 20; ++i) text += english;
  for (int i = 0; i < 300; ++i) text += french;
  ASSERT_GT(text.size(), 10 * kLanguageSampleBytes);
  EXPECT_EQ(detect_language(text).language, "fr");
  EXPECT_EQ(detect_language(text), detect_language(text));
}

TEST(DetectLanguageTest, AnyBytesGiveAGuessWithoutCrashing) {
  std::mt19937 random(7);
  for (int round = 0; round < 200; ++round) {
    std::string bytes(static_cast<std::size_t>(random() % 5000), '\0');
    for (char& b : bytes) b = static_cast<char>(random());
    const LanguageGuess guess = detect_language(bytes);
    EXPECT_FALSE(guess.language.empty());
    EXPECT_GE(guess.confidence, 0.0);
    EXPECT_LE(guess.confidence, 1.0);
  }
}

TEST(DetectLanguageTest, SummariesReportTheDetectedLanguageAndItsConfidence) {
  const Summarizer summarizer;
  const Summary german = summarizer.summarize(
      "Der Ausschuss wird seinen Bericht vorlegen. Die neue Bahnstrecke soll im Herbst eröffnet werden. "
      "Die Kosten sind seit dem letzten Jahr deutlich gestiegen.");
  EXPECT_EQ(german.diagnostics.language, "de");
  EXPECT_EQ(german.diagnostics.stemmer, "de");
  EXPECT_GT(german.diagnostics.language_confidence, 0.9);
  EXPECT_FALSE(german.diagnostics.has(Warning::kLanguageUncertain));

  const Summary short_text = summarizer.summarize("Ok. Ja.");
  EXPECT_TRUE(short_text.diagnostics.has(Warning::kLanguageUncertain));
  EXPECT_EQ(short_text.diagnostics.language, "en");

  const Summary given = Summarizer({.segment = {.language = "de"}}).summarize("Ok. Ja.");
  EXPECT_EQ(given.diagnostics.language, "de");
  EXPECT_EQ(given.diagnostics.language_confidence, 1.0);
  EXPECT_FALSE(given.diagnostics.has(Warning::kLanguageUncertain));

  EXPECT_FALSE(summarizer.summarize("").diagnostics.has(Warning::kLanguageUncertain));
}

}  // namespace
}  // namespace precis
