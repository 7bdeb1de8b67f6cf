// Sentence segmentation and tokenization: the span contract (in bounds, ordered, non-overlapping,
// trimmed, slices of the original text), the line-structure rules, glued sentences, CJK, line
// endings, the terminated flag, tokens, language resolution, UTF-8 errors and code-point offsets.
#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <unicode/brkiter.h>
#include <unicode/utext.h>

#include "precis/error.hpp"
#include "precis/segmenter.hpp"
#include "test_data.hpp"

namespace precis {
namespace {

using testing::sample_article;

std::vector<std::string> sentence_texts(const Segmenter& segmenter, std::string_view text,
                                        std::string_view language = {}) {
  std::vector<std::string> out;
  for (const Sentence& s : segmenter.split_sentences(text, language)) {
    out.emplace_back(text.substr(s.span.begin, s.span.size()));
  }
  return out;
}

std::vector<std::string> token_texts(const Segmenter& segmenter, std::string_view text,
                                     std::string_view language = {}) {
  std::vector<std::string> out;
  for (const Token& t : segmenter.tokenize(text, language)) out.emplace_back(text.substr(t.span.begin, t.span.size()));
  return out;
}

using Texts = std::vector<std::string>;

// The white space our inputs use (trim also knows others; these are the ones we generate).
const std::vector<std::string> kSpaces{" ", "\t", "\n", "\r", "\u00A0", "\u3000"};

bool starts_with_space(std::string_view s) {
  for (const std::string& space : kSpaces) {
    if (s.starts_with(space)) return true;
  }
  return false;
}

bool ends_with_space(std::string_view s) {
  for (const std::string& space : kSpaces) {
    if (s.ends_with(space)) return true;
  }
  return false;
}

bool only_spaces(std::string_view s) {
  while (!s.empty()) {
    bool found = false;
    for (const std::string& space : kSpaces) {
      if (s.starts_with(space)) {
        s.remove_prefix(space.size());
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

bool on_code_point_boundary(std::string_view text, std::size_t offset) {
  return offset == text.size() || (static_cast<unsigned char>(text[offset]) & 0xC0) != 0x80;
}

// The span contract of split_sentences, and that no visible text is lost between sentences.
void expect_sentence_contract(std::string_view text, const std::vector<Sentence>& sentences) {
  std::size_t previous_end = 0;
  for (std::size_t k = 0; k < sentences.size(); ++k) {
    const Span span = sentences[k].span;
    ASSERT_LT(span.begin, span.end) << "sentence " << k << " is empty";
    ASSERT_LE(span.end, text.size()) << "sentence " << k << " out of bounds";
    ASSERT_GE(span.begin, previous_end) << "sentence " << k << " overlaps or is out of order";
    EXPECT_TRUE(on_code_point_boundary(text, span.begin)) << "sentence " << k;
    EXPECT_TRUE(on_code_point_boundary(text, span.end)) << "sentence " << k;
    const std::string_view slice = text.substr(span.begin, span.size());
    EXPECT_FALSE(starts_with_space(slice)) << "sentence " << k << " not trimmed: |" << slice << "|";
    EXPECT_FALSE(ends_with_space(slice)) << "sentence " << k << " not trimmed: |" << slice << "|";
    EXPECT_TRUE(only_spaces(text.substr(previous_end, span.begin - previous_end)))
        << "text lost before sentence " << k << ": |" << text.substr(previous_end, span.begin - previous_end) << "|";
    previous_end = span.end;
  }
  EXPECT_TRUE(only_spaces(text.substr(previous_end))) << "text lost at the end";
}

void expect_token_contract(std::string_view text, const std::vector<Token>& tokens) {
  std::size_t previous_end = 0;
  for (std::size_t k = 0; k < tokens.size(); ++k) {
    const Span span = tokens[k].span;
    ASSERT_LT(span.begin, span.end) << "token " << k;
    ASSERT_LE(span.end, text.size()) << "token " << k;
    ASSERT_GE(span.begin, previous_end) << "token " << k;
    EXPECT_TRUE(on_code_point_boundary(text, span.begin)) << "token " << k;
    EXPECT_TRUE(on_code_point_boundary(text, span.end)) << "token " << k;
    EXPECT_FALSE(only_spaces(text.substr(span.begin, span.size()))) << "token " << k;
    previous_end = span.end;
  }
}

// A token lies inside one sentence or outside all of them: a word cut by a sentence boundary
// would count for neither sentence.
void expect_tokens_inside_sentences(std::string_view text, const std::vector<Sentence>& sentences,
                                    const std::vector<Token>& tokens) {
  for (const Token& token : tokens) {
    for (const Sentence& sentence : sentences) {
      const bool overlaps = token.span.begin < sentence.span.end && sentence.span.begin < token.span.end;
      const bool inside = sentence.span.begin <= token.span.begin && token.span.end <= sentence.span.end;
      EXPECT_TRUE(!overlaps || inside) << "token |" << text.substr(token.span.begin, token.span.size())
                                       << "| crosses the sentence boundary of |"
                                       << text.substr(sentence.span.begin, sentence.span.size()) << "|";
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The span contract

TEST(SegmenterTest, SampleArticleSentencesAreTrimmedOrderedSlices) {
  const std::string text = sample_article();
  const Segmenter segmenter;
  const std::vector<Sentence> sentences = segmenter.split_sentences(text);
  // The article has about 100 paragraphs, most with several sentences.
  EXPECT_GT(sentences.size(), 100u);
  expect_sentence_contract(text, sentences);
  expect_token_contract(text, segmenter.tokenize(text));
  expect_tokens_inside_sentences(text, sentences, segmenter.tokenize(text));
}

// Random mixtures of words, punctuation, line breaks, CJK, emoji and odd spaces.
std::string random_text(std::mt19937_64& rng) {
  static const std::vector<std::string> pieces{
      "word",        "Capital", "Mr.", "U.S.", "3.5",  "e.g.", ".",  ".",       "!",      "?",      ",",
      ":",           "…",       "\"",  "”",    ")",    "(",    "—",  "-",       "1.",     "•",      "speech.Photo",
      "example.com", "今天",    "。",  "，",   "！",   "？",   "😀",  "e\u0301", "ไทย",    "Привет", " ",
      " ",           " ",       " ",   "\n",   "\n\n", "\r\n", "\r", "\t",      "\u00A0", "\u3000", "  "};
  std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1);
  std::uniform_int_distribution<int> length(0, 80);
  std::string text;
  for (int k = length(rng); k > 0; --k) text += pieces[pick(rng)];
  return text;
}

TEST(SegmenterTest, RandomTextsKeepTheSpanContract) {
  std::mt19937_64 rng(29);
  const Segmenter segmenter;
  const Segmenter literal(
      {.language = "en", .suppress_abbreviations = false, .join_wrapped_lines = false, .split_glued_sentences = false});
  for (int trial = 0; trial < 500; ++trial) {
    const std::string text = random_text(rng);
    SCOPED_TRACE("text: |" + text + "|");
    expect_sentence_contract(text, segmenter.split_sentences(text));
    expect_sentence_contract(text, literal.split_sentences(text));
    expect_token_contract(text, segmenter.tokenize(text));
    // Known ICU disagreement, left alone: after a period, the sentence rules break before a
    // letter without case (UAX #29 SB11: "U.S.ไทย" is two sentences) while the word rules keep
    // "U.S.ไทย" one word. Glued Latin/Cyrillic/Greek sentences are handled by precis.
    if (text.find("ไทย") == std::string::npos) {
      expect_tokens_inside_sentences(text, segmenter.split_sentences(text), segmenter.tokenize(text));
      expect_tokens_inside_sentences(text, literal.split_sentences(text), literal.tokenize(text));
    }
    if (HasFailure()) return;
  }
}

TEST(SegmenterTest, EmptyAndWhiteSpaceOnlyTextHaveNoSentences) {
  const Segmenter segmenter;
  EXPECT_TRUE(segmenter.split_sentences("").empty());
  EXPECT_TRUE(segmenter.split_sentences(" \n\r\n\t \u00A0\u3000 ").empty());
  EXPECT_TRUE(segmenter.tokenize("").empty());
  EXPECT_TRUE(segmenter.tokenize("  \n ").empty());
}

// ---------------------------------------------------------------------------------------------
// Sentence boundaries

TEST(SegmenterTest, AbbreviationsDoNotEndSentences) {
  const Segmenter segmenter({.language = "en"});
  EXPECT_EQ(sentence_texts(segmenter, "Mr. Smith arrived at noon. He said hi."),
            (Texts{"Mr. Smith arrived at noon.", "He said hi."}));
  // Without the suppressions ICU breaks after "Mr.", which is what the option is for.
  const Segmenter plain({.language = "en", .suppress_abbreviations = false});
  EXPECT_EQ(sentence_texts(plain, "Mr. Smith arrived at noon."), (Texts{"Mr.", "Smith arrived at noon."}));
}

// Rule families of the segmentation layer (cpp/src/sentence_rules.hpp). The cases are our own,
// written for each rule; the Golden Rules sets are only read by benchmarks/eval_segmentation.py.
class SentenceRulesTest : public ::testing::Test {
 protected:
  Texts en(std::string_view text) const { return sentence_texts(english_, text); }
  Texts in(std::string_view language, std::string_view text) const {
    return sentence_texts(Segmenter({.language = std::string(language)}), text);
  }
  Segmenter english_{{.language = "en"}};
};

TEST_F(SentenceRulesTest, ADashAfterASentenceOpensALineOfDialogue) {
  // Unicode's rules never break before a dash (SContinue); dialogue starts every line with one.
  EXPECT_EQ(in("pl", "Powstały trzy komitety. - A co czuję? - A czemu miał pójść?"),
            (Texts{"Powstały trzy komitety.", "- A co czuję?", "- A czemu miał pójść?"}));
  EXPECT_EQ(in("pl", "Pracował w swoim gabinecie. – a jeszcze chciał iść."),
            (Texts{"Pracował w swoim gabinecie.", "– a jeszcze chciał iść."}));
  EXPECT_EQ(en("Who knows? - Nobody did."), (Texts{"Who knows?", "- Nobody did."}));
  // A lowercase word after a question or an exclamation is the speaker; an abbreviation, a
  // range or a dash without spaces go on.
  EXPECT_EQ(in("kk", "Бірақ оның енді не керегі бар? — деді."), (Texts{"Бірақ оның енді не керегі бар? — деді."}));
  EXPECT_EQ(en("It costs approx. - 40 dollars."), (Texts{"It costs approx. - 40 dollars."}));
  EXPECT_EQ(en("See pp. 5 - 7 for details."), (Texts{"See pp. 5 - 7 for details."}));
  EXPECT_EQ(en("He left.-Then he came back."), (Texts{"He left.-Then he came back."}));
}

TEST_F(SentenceRulesTest, KoreanSentencesEndInTheirFinalEndingWithoutPunctuation) {
  EXPECT_EQ(in("ko", "말투가 기분 나빠서 취소했어요 몇 년 전에 자주 갔던 곳이다 정말 좋았다."),
            (Texts{"말투가 기분 나빠서 취소했어요", "몇 년 전에 자주 갔던 곳이다", "정말 좋았다."}));
  // "보다" (than) is a particle, not a final ending; other languages have no such list.
  EXPECT_EQ(in("ko", "평소보다 많은 사람이 찾았다."), (Texts{"평소보다 많은 사람이 찾았다."}));
  EXPECT_EQ(in("en", "말투가 취소했어요 몇 년"), (Texts{"말투가 취소했어요 몇 년"}));
}

TEST_F(SentenceRulesTest, ThaiSentencesEndAtASpaceBetweenLongEnoughPhrases) {
  EXPECT_EQ(in("th", "เมื่อวานฝนตกหนักทั้งวัน ถนนหลายสายในเมืองมีน้ำท่วมขัง"),
            (Texts{"เมื่อวานฝนตกหนักทั้งวัน", "ถนนหลายสายในเมืองมีน้ำท่วมขัง"}));
  // "และ" (and) goes on; "ว่า" (that) asks for more; a name of short parts and a number are phrases.
  EXPECT_EQ(in("th", "เขาซื้อผลไม้หลายชนิดที่ตลาด และนำกลับไปฝากแม่ที่บ้าน"),
            (Texts{"เขาซื้อผลไม้หลายชนิดที่ตลาด และนำกลับไปฝากแม่ที่บ้าน"}));
  EXPECT_EQ(in("th", "ผู้จัดการกล่าวว่า บริษัทจะเปิดสาขาใหม่ในปีหน้า"), (Texts{"ผู้จัดการกล่าวว่า บริษัทจะเปิดสาขาใหม่ในปีหน้า"}));
  EXPECT_EQ(in("th", "คุณสมชาย ใจดีเดินทางไปเชียงใหม่เมื่อวาน"), (Texts{"คุณสมชาย ใจดีเดินทางไปเชียงใหม่เมื่อวาน"}));
  EXPECT_EQ(in("th", "สินค้าทุกชิ้นในร้านราคา 50 บาทเท่านั้นตลอดเดือน"), (Texts{"สินค้าทุกชิ้นในร้านราคา 50 บาทเท่านั้นตลอดเดือน"}));
  // The lists hold whole words: "เพื่อน" (friend) is not "เพื่อ" (in order to), "มากกว่า" (more
  // than) does not end in "ว่า" (that).
  EXPECT_EQ(in("th", "เมื่อวานฝนตกหนักทั้งวัน เพื่อนของฉันมาเที่ยวที่บ้าน"), (Texts{"เมื่อวานฝนตกหนักทั้งวัน", "เพื่อนของฉันมาเที่ยวที่บ้าน"}));
  EXPECT_EQ(in("th", "ราคาน้ำมันปีนี้แพงมากกว่า ถนนหลายสายในเมืองมีน้ำท่วมขัง"),
            (Texts{"ราคาน้ำมันปีนี้แพงมากกว่า", "ถนนหลายสายในเมืองมีน้ำท่วมขัง"}));
  // The space that Thai types after the repetition mark "ๆ" and the abbreviation mark "ฯ" is part
  // of the word, however many spaces it is.
  EXPECT_EQ(in("th", "อาคารนี้มีแผงโซลาร์เซลล์บนหลังคา เด็กๆ สามารถเรียนที่ห้องสมุดได้ทุกบ่าย"),
            (Texts{"อาคารนี้มีแผงโซลาร์เซลล์บนหลังคา", "เด็กๆ สามารถเรียนที่ห้องสมุดได้ทุกบ่าย"}));
  EXPECT_EQ(in("th", "อาคารนี้มีแผงโซลาร์เซลล์บนหลังคา เด็กๆ  สามารถเรียนที่ห้องสมุดได้ทุกบ่าย"),
            (Texts{"อาคารนี้มีแผงโซลาร์เซลล์บนหลังคา", "เด็กๆ  สามารถเรียนที่ห้องสมุดได้ทุกบ่าย"}));
  EXPECT_EQ(in("th", "ผู้ว่าราชการกรุงเทพฯ ประกาศปิดโรงเรียนทุกแห่งในวันพรุ่งนี้"),
            (Texts{"ผู้ว่าราชการกรุงเทพฯ ประกาศปิดโรงเรียนทุกแห่งในวันพรุ่งนี้"}));
  // Nor inside brackets or quotes, nor next to a letter of another script or punctuation.
  EXPECT_EQ(in("th", "เมื่อวานฝนตกหนักทั้งวัน (ถนนหลายสายในเมืองมีน้ำท่วมขัง ประชาชนเดินทางลำบากมาก)"),
            (Texts{"เมื่อวานฝนตกหนักทั้งวัน (ถนนหลายสายในเมืองมีน้ำท่วมขัง ประชาชนเดินทางลำบากมาก)"}));
  EXPECT_EQ(in("th", "เขากล่าวว่า “ถนนหลายสายในเมืองมีน้ำท่วมขัง ประชาชนเดินทางลำบากมาก”"),
            (Texts{"เขากล่าวว่า “ถนนหลายสายในเมืองมีน้ำท่วมขัง ประชาชนเดินทางลำบากมาก”"}));
  // A period glued to the next letter is an abbreviation's: "พ.ศ." (Buddhist Era), "ก.ค." (July).
  EXPECT_EQ(in("th", "โรงเรียนแห่งนี้ก่อตั้งเมื่อพ.ศ. 2500 และเปิดสอนทุกวัน"),
            (Texts{"โรงเรียนแห่งนี้ก่อตั้งเมื่อพ.ศ. 2500 และเปิดสอนทุกวัน"}));
  EXPECT_EQ(in("th", "ในเดือนก.ค.ทุกปีจะมีงานประเพณีใหญ่"), (Texts{"ในเดือนก.ค.ทุกปีจะมีงานประเพณีใหญ่"}));
  // Lao ends its sentences with a period.
  EXPECT_EQ(in("lo", "ຂ້ອຍໄປຕະຫຼາດມື້ວານນີ້.ລາວຢູ່ບ້ານ."), (Texts{"ຂ້ອຍໄປຕະຫຼາດມື້ວານນີ້.", "ລາວຢູ່ບ້ານ."}));
  EXPECT_EQ(in("en", "เมื่อวานฝนตกหนักทั้งวัน ถนนหลายสายในเมืองมีน้ำท่วมขัง"),
            (Texts{"เมื่อวานฝนตกหนักทั้งวัน ถนนหลายสายในเมืองมีน้ำท่วมขัง"}));
}

TEST_F(SentenceRulesTest, ArmenianColonsEndSentencesBeforeACapitalOrANumber) {
  EXPECT_EQ(in("hy", "Կառուցվեց ջրանցքը: 22 կիլոմետր էր: Նոր շենքը ժամը 10:30 բացվեց:"),
            (Texts{"Կառուցվեց ջրանցքը:", "22 կիլոմետր էր:", "Նոր շենքը ժամը 10:30 բացվեց:"}));
  EXPECT_EQ(in("en", "The total: 22 kilometres."), (Texts{"The total: 22 kilometres."}));
}

TEST_F(SentenceRulesTest, ATextThatStartsItsSentencesInLowerCaseIsCutBeforeLowerCase) {
  // Chat and e-mail: the text itself shows that its sentences start in lower case.
  EXPECT_EQ(en("alex and jen are looking for you. call them at noon. they have not heard from you."),
            (Texts{"alex and jen are looking for you.", "call them at noon.", "they have not heard from you."}));
  // Elsewhere a lowercase word goes on, and abbreviations never count as evidence.
  EXPECT_EQ(en("It costs approx. ten dollars. She said so. The shop is open, e.g. on Sundays."),
            (Texts{"It costs approx. ten dollars.", "She said so.", "The shop is open, e.g. on Sundays."}));
  EXPECT_EQ(en("He works at Yahoo! in the accounting department. He likes it."),
            (Texts{"He works at Yahoo! in the accounting department.", "He likes it."}));
}

TEST_F(SentenceRulesTest, AMultiByteCharacterIsNeverReadFromItsMiddle) {
  // The rules once skipped white space from the byte after any candidate, also after the lead
  // byte of U+200B: its last two bytes read as a vertical tab and the next read past the end.
  EXPECT_EQ(en("\u200B"), Texts{"\u200B"});
  EXPECT_EQ(en("Wow!\u200B"), Texts{"Wow!\u200B"});
  EXPECT_EQ(en("and then\u2026"), Texts{"and then\u2026"});
}

TEST_F(SentenceRulesTest, QuotesTypedAsTwoCommasOrTwoApostrophes) {
  // Dutch typewriter quotes: ",," opens, "''" closes and stays with its sentence.
  EXPECT_EQ(in("nl",
               "Hij won de wedstrijd. ,, Mijn gedachten waren bij de koers. Ik was blij. '' Veertig "
               "kilometer voor de finish ging hij."),
            (Texts{"Hij won de wedstrijd.", ",, Mijn gedachten waren bij de koers.", "Ik was blij. ''",
                   "Veertig kilometer voor de finish ging hij."}));
  EXPECT_EQ(en("It is, he said, ''the best.'' Then he left."),
            (Texts{"It is, he said, ''the best.''", "Then he left."}));
}

TEST_F(SentenceRulesTest, TitlesNeverEndASentence) {
  EXPECT_EQ(en("Dr. Alvarez met Prof. Kim at noon. They talked."),
            (Texts{"Dr. Alvarez met Prof. Kim at noon.", "They talked."}));
  EXPECT_EQ(en("We climbed Mt. Rainier in May."), Texts{"We climbed Mt. Rainier in May."});
  EXPECT_EQ(en("See the table on p. 12 and fig. 3 below."), Texts{"See the table on p. 12 and fig. 3 below."});
  EXPECT_EQ(en("The winner was horse No. 7 again."), Texts{"The winner was horse No. 7 again."});
  EXPECT_EQ(in("id", "Pidato Ketua Fakultas Prof. Ir. Vreedenburgh dimulai. Acara selesai."),
            (Texts{"Pidato Ketua Fakultas Prof. Ir. Vreedenburgh dimulai.", "Acara selesai."}));
}

TEST_F(SentenceRulesTest, NumberingWordsHoldOnlyBeforeANumber) {
  // "No", "p", "fig" stand before numbers; anywhere else they are ordinary words.
  EXPECT_EQ(en("Yes. No. Maybe."), (Texts{"Yes.", "No.", "Maybe."}));
  EXPECT_EQ(en("I said no. Then he left."), (Texts{"I said no.", "Then he left."}));
  EXPECT_EQ(en("Item No. (3) is listed. It is on p. 55."), (Texts{"Item No. (3) is listed.", "It is on p. 55."}));
}

TEST_F(SentenceRulesTest, AbbreviationsEndASentenceOnlyBeforeASentenceStarter) {
  EXPECT_EQ(en("We bought apples, pears, etc. and went home."), Texts{"We bought apples, pears, etc. and went home."});
  EXPECT_EQ(en("We bought apples, pears, etc. They were cheap."),
            (Texts{"We bought apples, pears, etc.", "They were cheap."}));
  EXPECT_EQ(en("He works for Acme Inc. Boston is his home."), Texts{"He works for Acme Inc. Boston is his home."});
  EXPECT_EQ(en("Ask Smith & Co. Do they know?"), (Texts{"Ask Smith & Co.", "Do they know?"}));
  // [starters]: words beyond the stopwords that open sentences.
  EXPECT_EQ(en("Former U.S. First Lady Michelle Obama spoke."), Texts{"Former U.S. First Lady Michelle Obama spoke."});
  EXPECT_EQ(en("Talks began in the U.S. Meanwhile, prices rose."),
            (Texts{"Talks began in the U.S.", "Meanwhile, prices rose."}));
}

TEST_F(SentenceRulesTest, InitialsAndMultiPeriodAbbreviations) {
  EXPECT_EQ(en("The novel is by Mary W. Shelley and it is old."),
            Texts{"The novel is by Mary W. Shelley and it is old."});
  EXPECT_EQ(en("The talk was given by J. R. Oppenheimer."), Texts{"The talk was given by J. R. Oppenheimer."});
  EXPECT_EQ(en("He moved to the U.K. When did you move?"), (Texts{"He moved to the U.K.", "When did you move?"}));
  EXPECT_EQ(en("The U.N. Council met at 9 a.m. on Monday."), Texts{"The U.N. Council met at 9 a.m. on Monday."});
  EXPECT_EQ(en("Bring fruit, e.g. Apples or plums."), Texts{"Bring fruit, e.g. Apples or plums."});
  EXPECT_EQ(en("It was me and I. What about you?"), (Texts{"It was me and I.", "What about you?"}));
}

TEST_F(SentenceRulesTest, TimesEndASentenceUnlessTheSentenceIsOnlyTheTime) {
  EXPECT_EQ(en("By 8 p.m. Dr. Lee was home. The train left at 7 A.M. Dr. Lee was on it."),
            (Texts{"By 8 p.m. Dr. Lee was home.", "The train left at 7 A.M.", "Dr. Lee was on it."}));
  EXPECT_EQ(en("We open at 9 a.m. on weekdays."), Texts{"We open at 9 a.m. on weekdays."});
}

TEST_F(SentenceRulesTest, AbbreviationListsArePerLanguage) {
  EXPECT_EQ(in("de", "Wir treffen Hr. Weber morgen. Er kommt um acht."),
            (Texts{"Wir treffen Hr. Weber morgen.", "Er kommt um acht."}));
  EXPECT_EQ(in("es", "Hoy llega la Sra. Gómez con el Ing. Ruiz. Ella trae el informe."),
            (Texts{"Hoy llega la Sra. Gómez con el Ing. Ruiz.", "Ella trae el informe."}));
  EXPECT_EQ(in("ru", "Он живёт на ул. Ленина. Мы были там."), (Texts{"Он живёт на ул. Ленина.", "Мы были там."}));
  EXPECT_EQ(in("sk", "Kostol sv. Martina stojí na námestí. Je starý."),
            (Texts{"Kostol sv. Martina stojí na námestí.", "Je starý."}));
  // The lists are data: without them "Hr." ends a sentence as ICU says.
  EXPECT_EQ(sentence_texts(Segmenter({.language = "de", .suppress_abbreviations = false}), "Wir treffen Hr. Weber."),
            (Texts{"Wir treffen Hr.", "Weber."}));
}

TEST_F(SentenceRulesTest, OrdinalNumbersWhereTheLanguageWritesThem) {
  EXPECT_EQ(in("de", "Das Fest ist am 3. Oktober in Bonn."), Texts{"Das Fest ist am 3. Oktober in Bonn."});
  EXPECT_EQ(in("de", "Es kostet 12. Die Preise steigen."), (Texts{"Es kostet 12.", "Die Preise steigen."}));
  EXPECT_EQ(in("sk", "Je to XIV. Storočie podľa nich."), Texts{"Je to XIV. Storočie podľa nich."});
  // Four digits are a year, not an ordinal.
  EXPECT_EQ(in("sk", "Mesto vzniklo v roku 1541. Hradby postavili neskôr."),
            (Texts{"Mesto vzniklo v roku 1541.", "Hradby postavili neskôr."}));
  EXPECT_EQ(en("The total was 12. Then it rose."), (Texts{"The total was 12.", "Then it rose."}));
}

TEST_F(SentenceRulesTest, NumbersUrlsAndAddressesStayWhole) {
  EXPECT_EQ(en("It costs $4.50 today. Version 2.10.3 is out."),
            (Texts{"It costs $4.50 today.", "Version 2.10.3 is out."}));
  EXPECT_EQ(en("Write to bob.lee@mail.example.org. He answers fast."),
            (Texts{"Write to bob.lee@mail.example.org.", "He answers fast."}));
  EXPECT_EQ(en("Visit http://docs.example.net/a.b/c.html. It helps."),
            (Texts{"Visit http://docs.example.net/a.b/c.html.", "It helps."}));
  EXPECT_EQ(en("We met at 10.30 on 1.2.2024 at 48.85 N. It rained."),
            (Texts{"We met at 10.30 on 1.2.2024 at 48.85 N.", "It rained."}));
}

TEST_F(SentenceRulesTest, InlineListsSplitBeforeEachItem) {
  EXPECT_EQ(en("1. Buy milk 2. Call mom 3. Pay rent"), (Texts{"1. Buy milk", "2. Call mom", "3. Pay rent"}));
  EXPECT_EQ(en("a) Red wine. b) White wine."), (Texts{"a) Red wine.", "b) White wine."}));
  EXPECT_EQ(en("i. Mix well ii. Bake it"), (Texts{"i. Mix well", "ii. Bake it"}));
  EXPECT_EQ(en("• Eggs and ham • Toast"), (Texts{"• Eggs and ham", "• Toast"}));
  EXPECT_EQ(en("1.) Open it. 2.) Close it."), (Texts{"1.) Open it.", "2.) Close it."}));
  EXPECT_EQ(en("Two options: (a) stay here (b) leave now"), (Texts{"Two options:", "(a) stay here", "(b) leave now"}));
  // A lone number is no list.
  EXPECT_EQ(en("He scored 3) points and 4 goals."), Texts{"He scored 3) points and 4 goals."});
}

TEST_F(SentenceRulesTest, ListItemsOnTheirOwnLines) {
  EXPECT_EQ(en("Plan:\n1. The first step.\n2. The second step."),
            (Texts{"Plan:", "1. The first step.", "2. The second step."}));
}

TEST_F(SentenceRulesTest, StrayLineBreakBeforeALowercaseWord) {
  EXPECT_EQ(en("The report was split by the\nconverter into two lines."),
            Texts{"The report was split by the\nconverter into two lines."});
  // Short lines are a list: their breaks stay.
  EXPECT_EQ(en("flour\nsugar\neggs"), (Texts{"flour", "sugar", "eggs"}));
}

TEST_F(SentenceRulesTest, AutoPicksTheRulesOfTheScript) {
  const Segmenter automatic;
  EXPECT_EQ(automatic.resolve_language("ሰላም ነው። እንዴት ነህ።"), "am");
  EXPECT_EQ(sentence_texts(automatic, "ሰላም ነው። እንዴት ነህ።"), (Texts{"ሰላም ነው።", "እንዴት ነህ።"}));
  EXPECT_EQ(sentence_texts(automatic, "Он живёт на ул. Ленина. Мы были там."),
            (Texts{"Он живёт на ул. Ленина.", "Мы были там."}));
}

TEST_F(SentenceRulesTest, Ellipses) {
  EXPECT_EQ(en("Well ... maybe . . . I do not know."), Texts{"Well ... maybe . . . I do not know."});
  EXPECT_EQ(en("And then.... We left."), (Texts{"And then....", "We left."}));
  EXPECT_EQ(en("It was over . . . . Nobody came."), (Texts{"It was over . . . .", "Nobody came."}));
  EXPECT_EQ(en("I waited… Nobody came… and I left."), (Texts{"I waited…", "Nobody came… and I left."}));
  EXPECT_EQ(en("The quote [...] ends here."), Texts{"The quote [...] ends here."});
}

TEST_F(SentenceRulesTest, QuotesAndBracketsCloseAfterThePeriod) {
  EXPECT_EQ(en("He said, \"Stop.\" Then he sat."), (Texts{"He said, \"Stop.\"", "Then he sat."}));
  EXPECT_EQ(en("She wrote “done.” and left."), Texts{"She wrote “done.” and left."});
  EXPECT_EQ(en("It is here (see above.) and there."), Texts{"It is here (see above.) and there."});
  EXPECT_EQ(in("ru", "Он спросил: «Где ты?». Я молчал."), (Texts{"Он спросил: «Где ты?».", "Я молчал."}));
  // A quotation that goes on past its sentences ("…,” he said) is part of the sentence around it;
  // one that ends with its own period is not.
  EXPECT_EQ(en("“We tried. We failed,” he said. Then he left."),
            (Texts{"“We tried. We failed,” he said.", "Then he left."}));
  EXPECT_EQ(en("“We tried. We failed.” Then he left."), (Texts{"“We tried.", "We failed.”", "Then he left."}));
  EXPECT_EQ(in("de", "„Wir kommen. Es wird spät“, sagte sie. Dann ging sie."),
            (Texts{"„Wir kommen. Es wird spät“, sagte sie.", "Dann ging sie."}));
}

TEST_F(SentenceRulesTest, ExclamationInsideNames) {
  EXPECT_EQ(en("He played Jeopardy! on TV. It was fun!"), (Texts{"He played Jeopardy! on TV.", "It was fun!"}));
  EXPECT_EQ(en("Wow!! Great work?! Thanks."), (Texts{"Wow!!", "Great work?!", "Thanks."}));
  // An interjection that opens a sentence is no name, whatever follows it.
  EXPECT_EQ(en("\"Oh! no,\" she said. Later she cried: Oh! Please stop."),
            (Texts{"\"Oh! no,\" she said.", "Later she cried: Oh!", "Please stop."}));
  // A listed name goes on before a capital that starts no sentence ([exclamation_names]).
  EXPECT_EQ(en("She won on Jeopardy! Teen Week. I love Jeopardy! It is fun."),
            (Texts{"She won on Jeopardy! Teen Week.", "I love Jeopardy!", "It is fun."}));
}

TEST_F(SentenceRulesTest, SpeechGoesOnAfterAQuotedQuestionOrExclamation) {
  EXPECT_EQ(en("\"Who is there?\" she whispered. Nobody answered."),
            (Texts{"\"Who is there?\" she whispered.", "Nobody answered."}));
  EXPECT_EQ(en("'Get out!' yelled the cook, 'and take the dog!' We left."),
            (Texts{"'Get out!' yelled the cook, 'and take the dog!'", "We left."}));
  // After a quoted statement the verb must end the attribution.
  EXPECT_EQ(en("“It is over.” Police said. “We cannot stop it.” He added that prices rose."),
            (Texts{"“It is over.” Police said.", "“We cannot stop it.”", "He added that prices rose."}));
  EXPECT_EQ(en("\"Who is there?\" Nobody moved."), (Texts{"\"Who is there?\"", "Nobody moved."}));
  // A capital after the quotation starts its attribution when a speech verb follows.
  EXPECT_EQ(en("\"Is it far?\" I asked the driver. He shrugged."),
            (Texts{"\"Is it far?\" I asked the driver.", "He shrugged."}));
}

TEST_F(SentenceRulesTest, CitationMarkersStayWithTheSentenceTheyCite) {
  EXPECT_EQ(en("The river floods every spring.[7] Farmers plant late."),
            (Texts{"The river floods every spring.[7]", "Farmers plant late."}));
  EXPECT_EQ(en("It was rebuilt twice.[2][9] Its tower is new.[citation needed] Visitors come."),
            (Texts{"It was rebuilt twice.[2][9]", "Its tower is new.[citation needed]", "Visitors come."}));
  EXPECT_EQ(en("The law passed in 1990.[5]:44 It was repealed."),
            (Texts{"The law passed in 1990.[5]:44", "It was repealed."}));
  EXPECT_EQ(en("The case was closed.[8]"), Texts{"The case was closed.[8]"});
  // Words in brackets open a sentence; an omission after a sentence stays with it, as in UD's
  // English treebanks.
  EXPECT_EQ(en("He left. [The police] came. He left. […] Then he came. He left. [...] Then he came back."),
            (Texts{"He left.", "[The police] came.", "He left. […]", "Then he came.", "He left. [...]",
                   "Then he came back."}));
}

TEST_F(SentenceRulesTest, FootnoteNumbersGluedToThePeriod) {
  EXPECT_EQ(en("The dose was halved in children.7 Adults took more."),
            (Texts{"The dose was halved in children.7", "Adults took more."}));
  EXPECT_EQ(en("Both studies agree.2,5 9 Later ones do not."),
            (Texts{"Both studies agree.2,5 9", "Later ones do not."}));
  EXPECT_EQ(en("It spread after the war.¹² Trade grew."), (Texts{"It spread after the war.¹²", "Trade grew."}));
  EXPECT_EQ(en("The plant closed in 1987.14 Jobs moved south."),
            (Texts{"The plant closed in 1987.14", "Jobs moved south."}));
  EXPECT_EQ(en("He lived at No.10 Downing Street."), Texts{"He lived at No.10 Downing Street."});
  EXPECT_EQ(en("Version 2.5 Beta is out. See p.4 Table 2."), (Texts{"Version 2.5 Beta is out.", "See p.4 Table 2."}));
}

TEST_F(SentenceRulesTest, FullwidthFullStop) {
  EXPECT_EQ(en("The sample was dried．Then it was weighed．"),
            (Texts{"The sample was dried．", "Then it was weighed．"}));
  EXPECT_EQ(in("ja", "Ｊ．Ｋ．ローリングの本です。１．安い。２．早い。待って．．．どうして？"),
            (Texts{"Ｊ．Ｋ．ローリングの本です。", "１．安い。", "２．早い。", "待って．．．", "どうして？"}));
  EXPECT_EQ(in("ja", "結果は３．５だった．次に進む．"), (Texts{"結果は３．５だった．", "次に進む．"}));
}

TEST_F(SentenceRulesTest, LabelsAndUnitsBeforeNumbers) {
  EXPECT_EQ(en("Q. How old were you then? A. About twelve."), (Texts{"Q. How old were you then?", "A. About twelve."}));
  EXPECT_EQ(en("A room costs Rs. 900 a night, about Kr. 120."), Texts{"A room costs Rs. 900 a night, about Kr. 120."});
  EXPECT_EQ(en("He met President Xi. 20 people were there."), (Texts{"He met President Xi.", "20 people were there."}));
  EXPECT_EQ(en("She arrived in Rome. 20 years later she left."),
            (Texts{"She arrived in Rome.", "20 years later she left."}));
}

TEST_F(SentenceRulesTest, TheTextTellsOrdinaryWordsFromNamesAfterAnAbbreviation) {
  // "prices" is written in lower case elsewhere and never capitalized inside a sentence: an
  // ordinary word, so its capital after "U.K." starts a sentence. Without that evidence, only a
  // sentence starter ends one after an abbreviation.
  EXPECT_EQ(
      en("Prices fell in the U.K. and rents rose. Then she moved back to the U.K. Rents there were high."),
      (Texts{"Prices fell in the U.K. and rents rose.", "Then she moved back to the U.K.", "Rents there were high."}));
  EXPECT_EQ(en("Then she moved back to the U.K. Rents there were high."),
            Texts{"Then she moved back to the U.K. Rents there were high."});
  // "Army" is also capitalized inside a sentence: a name.
  EXPECT_EQ(en("The U.S. Army sent troops. Later the Army said the army was ready."),
            (Texts{"The U.S. Army sent troops.", "Later the Army said the army was ready."}));
  // The evidence is read near the abbreviation: a few kilobytes, not across a book.
  std::string filler;
  for (int i = 0; i < 400; ++i) filler += "Ébène and óak were here again. ";  // 12 KB, multi-byte letters
  const std::string site = "Then she moved back to the U.K. Rents there were high.";
  EXPECT_EQ(en("The rents fell. " + site).size(), 3u);
  EXPECT_EQ(en("The rents fell. " + filler + site).size(), 1u + 400u + 1u);
  // A word written with '!' before a lowercase word is a name; a capital after it goes on.
  EXPECT_EQ(en("He asked Yahoo! about it. Then he read Yahoo! News at noon. Wow! Nobody came."),
            (Texts{"He asked Yahoo! about it.", "Then he read Yahoo! News at noon.", "Wow!", "Nobody came."}));
}

TEST_F(SentenceRulesTest, APeriodAfterALongLowercaseWordEndsASentenceBeforeLowerCase) {
  // Too long for most abbreviations: "skalę", "market" (ICU reads on before a lowercase letter).
  EXPECT_EQ(in("pl", "Chodzi o kontakt na większą skalę. chodź tu szybko."),
            (Texts{"Chodzi o kontakt na większą skalę.", "chodź tu szybko."}));
  EXPECT_EQ(en("We went to the market. then we ate."), (Texts{"We went to the market.", "then we ate."}));
  EXPECT_EQ(in("pl", "Nie miała męża. chociaż to jest błędna polityka."),
            (Texts{"Nie miała męża.", "chociaż to jest błędna polityka."}));
  // Short words, listed abbreviations and units after a number read on.
  EXPECT_EQ(in("da", "En by med over 1 mill. indbyggere."), Texts{"En by med over 1 mill. indbyggere."});
  EXPECT_EQ(en("See the orig. version here."), Texts{"See the orig. version here."});
  EXPECT_EQ(in("de", "Der Preis zzgl. anfallender Gebühren."), Texts{"Der Preis zzgl. anfallender Gebühren."});
  EXPECT_EQ(en("Ask the dept. of health or the approx. total."),
            Texts{"Ask the dept. of health or the approx. total."});
}

TEST_F(SentenceRulesTest, NoSpaceAfterThePeriod) {
  EXPECT_EQ(en("We went home.Then we ate."), (Texts{"We went home.", "Then we ate."}));
  EXPECT_EQ(en("It happened in the region.XIX century was calm."),
            (Texts{"It happened in the region.", "XIX century was calm."}));
}

TEST_F(SentenceRulesTest, CjkFullStopsAndTitleBrackets) {
  EXPECT_EQ(in("zh", "他读了《你好！世界》这本书。很好看！"), (Texts{"他读了《你好！世界》这本书。", "很好看！"}));
  EXPECT_EQ(in("ja", "雨です。「本当？」"), (Texts{"雨です。", "「本当？」"}));
  EXPECT_EQ(in("zh", "你好。（他笑了。）"), (Texts{"你好。", "（他笑了。）"}));
}

TEST(SegmenterTest, HardWrappedProseIsJoined) {
  // Single line breaks inside a paragraph of 40+ character lines are not sentence ends.
  const std::string text =
      "The committee met on Tuesday to discuss the budget for the\n"
      "coming year and decided to postpone the vote until the\n"
      "next meeting of the full board in March. The chair agreed.\n";
  const Segmenter segmenter;
  EXPECT_EQ(sentence_texts(segmenter, text), (Texts{"The committee met on Tuesday to discuss the budget for the\n"
                                                    "coming year and decided to postpone the vote until the\n"
                                                    "next meeting of the full board in March.",
                                                    "The chair agreed."}));
  // With join_wrapped_lines = false every line break ends a sentence.
  const Segmenter literal({.join_wrapped_lines = false});
  EXPECT_EQ(sentence_texts(literal, text), (Texts{"The committee met on Tuesday to discuss the budget for the",
                                                  "coming year and decided to postpone the vote until the",
                                                  "next meeting of the full board in March.", "The chair agreed."}));
}

TEST(SegmenterTest, BlankLinesAlwaysEndSentences) {
  const std::string text =
      "A first paragraph that stops in the middle of a sentence without\n"
      "\n"
      "a second paragraph that picks up as if the sentence went on.";
  EXPECT_EQ(sentence_texts(Segmenter(), text),
            (Texts{"A first paragraph that stops in the middle of a sentence without",
                   "a second paragraph that picks up as if the sentence went on."}));
}

TEST(SegmenterTest, ShortUnterminatedLinesAreHeadings) {
  // "Budget talks" is less than half as long as the longest line and has no final punctuation:
  // a heading, so the line break after it is a boundary even inside the block.
  const std::string text =
      "Budget talks\n"
      "The committee met on Tuesday to discuss the budget for the\n"
      "coming year and decided to postpone the vote.";
  EXPECT_EQ(sentence_texts(Segmenter(), text), (Texts{"Budget talks",
                                                      "The committee met on Tuesday to discuss the budget for the\n"
                                                      "coming year and decided to postpone the vote."}));
}

TEST(SegmenterTest, AQuotationKeepsItsAttributionWhereTheScriptHasNoCase) {
  const Segmenter marathi({.language = "mr"});
  EXPECT_EQ(sentence_texts(marathi, "तो घरी गेला. \"कोण आले?\" आईने विचारले. \"मी आलो.\" भीमा म्हणाला. मग सगळे हसले."),
            (Texts{"तो घरी गेला.", "\"कोण आले?\" आईने विचारले.", "\"मी आलो.\" भीमा म्हणाला.", "मग सगळे हसले."}));
  // More than four words before the verb: a sentence of its own.
  EXPECT_EQ(sentence_texts(marathi, "\"कोण आले?\" त्या दिवशी सकाळी घरात आईने विचारले."),
            (Texts{"\"कोण आले?\"", "त्या दिवशी सकाळी घरात आईने विचारले."}));
}

TEST(SegmenterTest, ArmenianInitialsAbbreviationsAndAColonBeforeAQuote) {
  const Segmenter armenian({.language = "hy"});
  EXPECT_EQ(sentence_texts(armenian, "Խոսեց իրավագիտության դոկտոր Յու. Բարսեղովը: Նա ապրում է քաղ. Գյումրիում:"),
            (Texts{"Խոսեց իրավագիտության դոկտոր Յու. Բարսեղովը:", "Նա ապրում է քաղ. Գյումրիում:"}));
  EXPECT_EQ(sentence_texts(armenian, "Դա հնարավոր չէ: «Բայց դա իրական է», ասաց նա:"),
            (Texts{"Դա հնարավոր չէ:", "«Բայց դա իրական է», ասաց նա:"}));
}

TEST(SegmenterTest, DatesWrittenWithPeriodsAreNoListItems) {
  // "3." and "4." would continue a numbering, but each follows a number's period: a date.
  EXPECT_EQ(sentence_texts(Segmenter({.language = "sk"}), "BARAN 21. 3. - 20. 4. Do vašej duše sa vkráda smútok."),
            (Texts{"BARAN 21. 3. - 20. 4.", "Do vašej duše sa vkráda smútok."}));
  EXPECT_EQ(sentence_texts(Segmenter({.language = "sk"}), "Termín 21. 3. - 20. 4. platí."),
            (Texts{"Termín 21. 3. - 20. 4. platí."}));
  // Consecutive numbers inside a line are dates unless they count from 1 or from a sentence end.
  EXPECT_EQ(sentence_texts(Segmenter({.language = "de"}), "Er kam am 6. Mai, sie am 7. Juni."),
            (Texts{"Er kam am 6. Mai, sie am 7. Juni."}));
  EXPECT_EQ(sentence_texts(Segmenter({.language = "de"}), "Zwischen dem 1. und 2. Weltkrieg lag Frieden."),
            (Texts{"Zwischen dem 1. und 2. Weltkrieg lag Frieden."}));
  EXPECT_EQ(sentence_texts(Segmenter({.language = "de"}), "Wir prüfen. 3. Die Platten waschen 4. Trocknen"),
            (Texts{"Wir prüfen.", "3. Die Platten waschen", "4. Trocknen"}));
}

TEST(SegmenterTest, ListItemsStartNewSentences) {
  // The line before each item is long and unterminated, so only the list-item rule can break it.
  const std::string text =
      "The plan that the committee finally adopted has these parts\n"
      "- a new budget for the coming year and the years after it\n"
      "- a review of the spending rules by an independent panel\n"
      "1. the first vote is held in March by the full board\n"
      "2. the second vote is held in June by the full board";
  EXPECT_EQ(sentence_texts(Segmenter(), text), (Texts{"The plan that the committee finally adopted has these parts",
                                                      "- a new budget for the coming year and the years after it",
                                                      "- a review of the spending rules by an independent panel",
                                                      "1. the first vote is held in March by the full board",
                                                      "2. the second vote is held in June by the full board"}));
}

TEST(SegmenterTest, ShortLinesAreNotJoined) {
  // An address or a poem: no line reaches 40 characters, so these are not wrapped prose.
  EXPECT_EQ(sentence_texts(Segmenter(), "Line one without end\nLine two without end"),
            (Texts{"Line one without end", "Line two without end"}));
}

TEST(SegmenterTest, OneParagraphPerLineKeepsEveryBreak) {
  // Paragraphs separated by single line breaks (no blank lines): a line far longer than any
  // wrapping width shows the text is not hard-wrapped, so captions and headings stay apart.
  std::string long_sentence = "The council met on Monday";
  while (long_sentence.size() < 200) long_sentence += " and talked about the budget";
  long_sentence += ".";
  // The caption is glued to the paragraph's last sentence and ends its line without a period.
  const std::string text = long_sentence + "Photo by Jane Doe\nApril 22nd to 24th, Chongqing.";
  EXPECT_EQ(sentence_texts(Segmenter(), text),
            (Texts{long_sentence, "Photo by Jane Doe", "April 22nd to 24th, Chongqing."}));
}

TEST(SegmenterTest, GluedSentencesAreSplit) {
  const Segmenter segmenter;
  EXPECT_EQ(sentence_texts(segmenter, "He delivered an important speech.Photo by Li Xin"),
            (Texts{"He delivered an important speech.", "Photo by Li Xin"}));
  EXPECT_EQ(sentence_texts(segmenter, "Profits rose to $10.9bn.For the year they fell."),
            (Texts{"Profits rose to $10.9bn.", "For the year they fell."}));
  // A closing quote between the period and the next sentence stays with the first.
  EXPECT_EQ(sentence_texts(segmenter, "She said “we are done.”Then she left."),
            (Texts{"She said “we are done.”", "Then she left."}));
  const Segmenter unsplit({.split_glued_sentences = false});
  EXPECT_EQ(sentence_texts(unsplit, "He delivered an important speech.Photo by Li Xin"),
            (Texts{"He delivered an important speech.Photo by Li Xin"}));
}

TEST(SegmenterTest, GluedSentencesSplitTheGluedWordToo) {
  // ICU's word rules read "speech.Photo" as one word; once the sentences are split, so is it.
  const Segmenter segmenter;
  EXPECT_EQ(token_texts(segmenter, "He gave a speech.Photo by Li Xin"),
            (Texts{"He", "gave", "a", "speech", "Photo", "by", "Li", "Xin"}));
  EXPECT_EQ(token_texts(segmenter, "It was “done.”Then we left"), (Texts{"It", "was", "done", "Then", "we", "left"}));
  // Without glued-sentence splitting the glued pair stays one token, inside one sentence.
  const Segmenter unsplit({.split_glued_sentences = false});
  EXPECT_EQ(token_texts(unsplit, "He gave a speech.Photo by Li Xin"),
            (Texts{"He", "gave", "a", "speech.Photo", "by", "Li", "Xin"}));
  // Dots that do not end a glued sentence stay inside their token.
  EXPECT_EQ(token_texts(segmenter, "The U.S.Army and e.g.The example.com site"),
            (Texts{"The", "U.S.Army", "and", "e.g.The", "example.com", "site"}));
}

TEST(SegmenterTest, DotsInsideWordsAreNotGluedSentences) {
  // A glued end needs two lowercase letters before the period and a capitalized word after it:
  // initials (U.S.), abbreviations (e.g.), decimals and domain names do not qualify.
  const Segmenter segmenter;
  for (const std::string text : {"The U.S.Army arrived on time.", "Bring fruit, e.g.The apples we like.",
                                 "The road is 3.5 km long.", "Visit example.com today."}) {
    EXPECT_EQ(sentence_texts(segmenter, text), Texts{text}) << text;
  }
}

TEST(SegmenterTest, ChineseSentenceEndsButNotCommas) {
  const std::string text = "今天天气很好，我们去公园。你呢？太好了！";
  EXPECT_EQ(sentence_texts(Segmenter(), text), (Texts{"今天天气很好，我们去公园。", "你呢？", "太好了！"}));
  EXPECT_EQ(sentence_texts(Segmenter({.language = "zh"}), text),
            (Texts{"今天天气很好，我们去公园。", "你呢？", "太好了！"}));
}

TEST(SegmenterTest, ChineseEndsAtSemicolonsOutsideQuotationsAndTitles) {
  const Segmenter segmenter({.language = "zh"});
  EXPECT_EQ(sentence_texts(segmenter, "禁止室内吸烟；违反规定的将被罚款。"),
            (Texts{"禁止室内吸烟；", "违反规定的将被罚款。"}));
  EXPECT_EQ(sentence_texts(segmenter, "他说：“禁止吸烟；违者罚款”，然后离开了。"),
            (Texts{"他说：“禁止吸烟；违者罚款”，然后离开了。"}));
  EXPECT_EQ(sentence_texts(segmenter, "我读了《春天；秋天》这本书。"), (Texts{"我读了《春天；秋天》这本书。"}));
  // Other languages keep their semicolons inside the sentence.
  EXPECT_EQ(sentence_texts(Segmenter({.language = "en"}), "He came; she left. Then rain."),
            (Texts{"He came; she left.", "Then rain."}));
}

TEST(SegmenterTest, AnOpeningQuoteTouchingTheNextWordStartsTheNextSentence) {
  const Segmenter segmenter;
  EXPECT_EQ(sentence_texts(segmenter, "考生们忙着赶场。“小托福”对听说读写要求全面。"),
            (Texts{"考生们忙着赶场。", "“小托福”对听说读写要求全面。"}));
  // A German closing quote is followed by a space and stays with its sentence.
  EXPECT_EQ(sentence_texts(Segmenter({.language = "de"}), "Er sagte: „Wir kommen morgen.“ Dann ging er nach Hause."),
            (Texts{"Er sagte: „Wir kommen morgen.“", "Dann ging er nach Hause."}));
}

TEST(SegmenterTest, ANumbersPeriodTouchingTheNextWordIsNoSentenceEnd) {
  const Segmenter segmenter;
  EXPECT_EQ(sentence_texts(segmenter, "原则如下：1.为人们解决问题。"), (Texts{"原则如下：1.为人们解决问题。"}));
  EXPECT_EQ(sentence_texts(segmenter, "万福生科（300268.SZ）的造假案曝光。"),
            (Texts{"万福生科（300268.SZ）的造假案曝光。"}));
}

TEST(SegmenterTest, CrLfAndLoneCrAreLineBreaks) {
  const Segmenter segmenter;
  // CRLF blank line: a paragraph boundary; a wrapped CRLF line: joined, the CR kept in the slice.
  EXPECT_EQ(sentence_texts(segmenter,
                           "First line of a wrapped paragraph that goes on for a bit\r\n"
                           "and ends on the second line of the paragraph\r\n\r\nSecond paragraph"),
            (Texts{"First line of a wrapped paragraph that goes on for a bit\r\n"
                   "and ends on the second line of the paragraph",
                   "Second paragraph"}));
  // Old Mac line ends: a lone CR is a line break too, and CR CR a blank line.
  EXPECT_EQ(sentence_texts(segmenter,
                           "A fairly long first line that was wrapped by an old Mac\r"
                           "editor and continues on this line\r\rNext paragraph"),
            (Texts{"A fairly long first line that was wrapped by an old Mac\r"
                   "editor and continues on this line",
                   "Next paragraph"}));
  EXPECT_EQ(sentence_texts(segmenter, "Title line\r\n\r\nBody text here."), (Texts{"Title line", "Body text here."}));
  EXPECT_EQ(sentence_texts(segmenter, "Title line\r\rBody text here."), (Texts{"Title line", "Body text here."}));
}

TEST(SegmenterTest, TerminatedFlag) {
  const Segmenter segmenter;
  auto terminated = [&](std::string_view text) {
    const std::vector<Sentence> sentences = segmenter.split_sentences(text);
    EXPECT_EQ(sentences.size(), 1u) << text;
    return !sentences.empty() && sentences[0].terminated;
  };
  EXPECT_TRUE(terminated("It ended."));
  EXPECT_TRUE(terminated("Did it end?"));
  EXPECT_TRUE(terminated("It ended!"));
  EXPECT_TRUE(terminated("He said “it ended.”"));  // closing quote after the period
  EXPECT_TRUE(terminated("(It ended.)"));          // closing bracket
  EXPECT_TRUE(terminated("And so it went…"));      // ellipsis
  EXPECT_TRUE(terminated("结束了。"));
  EXPECT_TRUE(terminated("The reasons are:"));  // a colon introducing what follows
  EXPECT_FALSE(terminated("A heading without punctuation"));
  EXPECT_FALSE(terminated("Tags: development western region"));  // colon, but not at the end
  EXPECT_FALSE(terminated("Photo by Li Xin"));
}

// ---------------------------------------------------------------------------------------------
// Tokens

TEST(SegmenterTest, TokensAreWordsAndNumbersWithoutPunctuation) {
  const Segmenter segmenter({.language = "en"});
  const std::string text = "Don't stop: it's 3.5 km, café 1,000 times — 2024!";
  const std::vector<Token> tokens = segmenter.tokenize(text);
  Texts words, numbers;
  for (const Token& t : tokens) {
    (t.kind == TokenKind::kNumber ? numbers : words).emplace_back(text.substr(t.span.begin, t.span.size()));
  }
  EXPECT_EQ(words, (Texts{"Don't", "stop", "it's", "km", "café", "times"}));
  EXPECT_EQ(numbers, (Texts{"3.5", "1,000", "2024"}));
  EXPECT_EQ(token_texts(segmenter, "Hello,   world!!! ... (yes) — “ok”"), (Texts{"Hello", "world", "yes", "ok"}));
  EXPECT_TRUE(segmenter.tokenize("!!! ... — ,;: ()").empty());
}

TEST(SegmenterTest, ChineseAndThaiAreSegmentedIntoDictionaryWords) {
  const Segmenter segmenter;
  // 我们 (we) 去 (go) 公园 (park): no spaces in the text, words from ICU's dictionary.
  EXPECT_EQ(token_texts(segmenter, "我们去公园", "zh"), (Texts{"我们", "去", "公园"}));
  // ภาษา (language) ไทย (Thai) ง่าย (easy) นิด เดียว (a little).
  EXPECT_EQ(token_texts(segmenter, "ภาษาไทยง่ายนิดเดียว", "th"), (Texts{"ภาษา", "ไทย", "ง่าย", "นิด", "เดียว"}));
  // The Chinese comma and full stop are not tokens.
  EXPECT_EQ(token_texts(segmenter, "你好，世界。", "zh"), (Texts{"你好", "世界"}));
}

TEST(SegmenterTest, TokenSpansAreByteOffsetsIntoTheText) {
  const Segmenter segmenter;
  const std::string text = "Ünïcödé 中文 text 😀 naïve";
  const std::vector<Token> tokens = segmenter.tokenize(text);
  expect_token_contract(text, tokens);
  ASSERT_FALSE(tokens.empty());
  // "Ünïcödé" is 7 letters, 4 of them two bytes long.
  EXPECT_EQ(tokens[0].span, (Span{0, 11}));
  EXPECT_EQ(text.substr(tokens.back().span.begin, tokens.back().span.size()), "naïve");
}

// The Segmenter runs ICU over a UTF-16 copy of the text and maps the boundaries back to bytes; its
// words must be exactly those of ICU's word iterator run over the UTF-8 text itself.
std::vector<Span> icu_words_over_utf8(std::string_view text, const char* locale) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(icu::BreakIterator::createWordInstance(icu::Locale(locale), status));
  UText* utext = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  it->setText(utext, status);
  EXPECT_TRUE(U_SUCCESS(status)) << u_errorName(status);
  std::vector<Span> words;
  int32_t begin = it->first();
  for (int32_t end = it->next(); end != icu::BreakIterator::DONE; begin = end, end = it->next()) {
    const int32_t rule = it->getRuleStatus();
    if (rule >= UBRK_WORD_NONE_LIMIT && rule < UBRK_WORD_IDEO_LIMIT) {
      words.push_back({static_cast<std::size_t>(begin), static_cast<std::size_t>(end)});
    }
  }
  utext_close(utext);
  return words;
}

TEST(SegmenterTest, TokensAreIcuWordsOverTheUtf8Text) {
  // Runs of 1 to 19 ASCII bytes between code points of 2, 3 and 4 bytes, so the copy's eight-byte
  // ASCII steps end at every alignment; then real text in three scripts.
  std::string mixed;
  const std::vector<std::string> others{"é", "ß", "中", "—", "😀", "𝔘", "ไ", "́"};
  for (std::size_t run = 1; run < 20; ++run) {
    for (std::size_t k = 0; k < run; ++k) mixed += static_cast<char>(k % 5 == 4 ? ' ' : 'a' + (k + run) % 26);
    mixed += others[run % others.size()];
  }
  struct Case {
    std::string text;
    const char* language;
  };
  const std::vector<Case> cases{{mixed, "en"},
                                {sample_article(), "en"},
                                {"Ünïcödé 中文 text 😀 naïve 3.14 U.S. can't e-mail x", "en"},
                                {"我们去公园。你好，世界！2024年3月", "zh"},
                                {"ภาษาไทยง่ายนิดเดียว 123 abc", "th"},
                                {"exactly8", "en"},
                                {"é", "en"}};
  SegmentOptions options;
  options.split_glued_sentences = false;  // ICU alone, without precis' own cut of "end.Next"
  for (const Case& c : cases) {
    options.language = c.language;
    std::vector<Span> spans;
    for (const Token& token : Segmenter(options).tokenize(c.text)) spans.push_back(token.span);
    EXPECT_EQ(spans, icu_words_over_utf8(c.text, c.language)) << c.text.substr(0, 60);
  }
}

TEST(SegmenterTest, SegmentEqualsSplitSentencesAndTokenize) {
  const std::string wrapped =
      "This paragraph is hard-wrapped at a fixed width, the way books and\n"
      "e-mail are, so its line breaks fall inside sentences. Segment joins\n"
      "them for the sentence pass only.\n\nA second paragraph.";
  const std::vector<std::pair<std::string, std::string>> cases{{sample_article(), "en"},
                                                               {wrapped, "en"},
                                                               {"", "en"},
                                                               {"   ", "en"},
                                                               {"我们去公园。你好，世界！", "zh"},
                                                               {"Hello Mr. Smith.How are you? Fine… Thanks", "en"}};
  for (bool join : {true, false}) {
    const Segmenter segmenter({.language = "auto", .suppress_abbreviations = true, .join_wrapped_lines = join});
    for (const auto& [text, language] : cases) {
      const Segmentation both = segmenter.segment(text, language);
      EXPECT_EQ(both.sentences, segmenter.split_sentences(text, language)) << text.substr(0, 40);
      EXPECT_EQ(both.tokens, segmenter.tokenize(text, language)) << text.substr(0, 40);
    }
  }
  EXPECT_THROW(Segmenter().segment("bad \xFF byte"), Error);
}

// ---------------------------------------------------------------------------------------------
// Errors and languages

void expect_invalid_utf8(const Segmenter& segmenter, std::string_view text, std::size_t offset) {
  const std::string where = "at byte " + std::to_string(offset);
  for (int call = 0; call < 2; ++call) {
    try {
      if (call == 0) {
        segmenter.split_sentences(text);
      } else {
        segmenter.tokenize(text);
      }
      ADD_FAILURE() << "no exception for invalid UTF-8 " << where;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::kInvalidUtf8) << e.what();
      EXPECT_NE(std::string(e.what()).find(where), std::string::npos) << e.what() << " (want " << where << ")";
    }
  }
}

TEST(SegmenterTest, InvalidUtf8ThrowsWithTheByteOffset) {
  const Segmenter segmenter;
  expect_invalid_utf8(segmenter, "\xff abc", 0);           // never valid in UTF-8
  expect_invalid_utf8(segmenter, "abc \xe2\x82 def", 4);   // truncated 3-byte sequence
  expect_invalid_utf8(segmenter, "ok \xc0\xaf x", 3);      // overlong encoding of '/'
  expect_invalid_utf8(segmenter, "ok \xed\xa0\x80 x", 3);  // UTF-16 surrogate
  expect_invalid_utf8(segmenter, "abc\xf0\x9f\x98", 3);    // truncated emoji at the end
  expect_invalid_utf8(segmenter, "中文\x80", 6);           // stray continuation byte
  EXPECT_NO_THROW(check_utf8("中文 😀 e\u0301"));
  EXPECT_THROW(check_utf8("\xff"), Error);
}

TEST(SegmenterTest, ReplaceInvalidUtf8SubstitutesMaximalSubparts) {
  const std::string fffd = "\uFFFD";
  std::size_t replaced = 99;
  EXPECT_EQ(replace_invalid_utf8("中文 😀 e\u0301", &replaced), "中文 😀 e\u0301");
  EXPECT_EQ(replaced, 0u);
  EXPECT_EQ(replace_invalid_utf8("", &replaced), "");
  EXPECT_EQ(replaced, 0u);
  // A truncated sequence is one maximal subpart: one U+FFFD.
  EXPECT_EQ(replace_invalid_utf8("a\xF0\x9F\x98z", &replaced), "a" + fffd + "z");
  EXPECT_EQ(replaced, 1u);
  // Bytes that can never start a valid sequence are replaced one by one.
  EXPECT_EQ(replace_invalid_utf8("\xC0\xAF", &replaced), fffd + fffd);
  EXPECT_EQ(replaced, 2u);
  // An encoded surrogate: ED is a valid lead byte, but not before A0, so three replacements.
  EXPECT_EQ(replace_invalid_utf8("x\xED\xA0\x80y", &replaced), "x" + fffd + fffd + fffd + "y");
  EXPECT_EQ(replaced, 3u);
  EXPECT_EQ(replace_invalid_utf8("\xFF\xFE", &replaced), fffd + fffd);
  EXPECT_EQ(replace_invalid_utf8("end\xE2\x82"), "end" + fffd);
  EXPECT_NO_THROW(check_utf8(replace_invalid_utf8("\x80\xBF\xF5\xF8\xE0\x80\x80 ok")));
}

TEST(SegmenterTest, UnknownLanguageThrowsInvalidArgument) {
  for (const std::string language : {"klingon", "xx", "", "en_US_extra_garbage!", "123"}) {
    try {
      Segmenter segmenter({.language = language});
      ADD_FAILURE() << "no exception for language '" << language << "'";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::kInvalidArgument) << e.what();
      EXPECT_NE(std::string(e.what()).find("segment.language"), std::string::npos) << e.what();
    }
  }
  // The per-call language override follows the same rules.
  const Segmenter segmenter;
  try {
    segmenter.split_sentences("Some text.", "klingon");
    ADD_FAILURE() << "no exception for a per-call language";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidArgument) << e.what();
    EXPECT_NE(std::string(e.what()).find("klingon"), std::string::npos) << e.what();
  }
  // Known languages, with region or script, are accepted.
  for (const std::string language : {"en", "de", "pt-BR", "zh-Hant", "ja", "th", "auto"}) {
    EXPECT_NO_THROW(Segmenter({.language = language})) << language;
  }
}

TEST(SegmenterTest, AutoResolvesTheLanguageByScript) {
  const Segmenter segmenter;  // language "auto" by default
  EXPECT_EQ(segmenter.resolve_language("The quick brown fox jumps over the lazy dog."), "en");
  EXPECT_EQ(segmenter.resolve_language("今天天气很好，我们去公园。"), "zh");
  // Kana among the kanji means Japanese, not Chinese.
  EXPECT_EQ(segmenter.resolve_language("今日は晴れです。明日は雨でしょう。"), "ja");
  EXPECT_EQ(segmenter.resolve_language("Привет, мир. Это тест."), "ru");
  // An explicit language is not second-guessed, per call or by option.
  EXPECT_EQ(segmenter.resolve_language("Привет, мир.", "de"), "de");
  EXPECT_EQ(Segmenter({.language = "fr"}).resolve_language("今天天气很好"), "fr");
  EXPECT_EQ(segmenter.resolve_language(""), "en");  // nothing to go by: the Latin default
}

// ---------------------------------------------------------------------------------------------
// Code-point offsets

TEST(SegmenterTest, CodepointOffsetsCountCodePointsNotBytes) {
  // a (1 byte) 😀 (4) b (1) 中 (3) e (1) U+0301 combining acute (2): a combining mark is a code
  // point of its own, as in Python's str.
  const std::string text = "a\U0001F600b中e\u0301";
  ASSERT_EQ(text.size(), 12u);
  EXPECT_EQ(codepoint_offsets(text, {0, 1, 5, 6, 9, 10, 12}), (std::vector<std::size_t>{0, 1, 2, 3, 4, 5, 6}));
  // Repeated offsets are fine (sorted ascending, not strictly).
  EXPECT_EQ(codepoint_offsets(text, {5, 5, 12}), (std::vector<std::size_t>{2, 2, 6}));
  EXPECT_TRUE(codepoint_offsets(text, {}).empty());
}

TEST(SegmenterTest, CodepointOffsetsOfSentencesMatchADecodedCount) {
  const std::string text = "Emoji 😀 first. 中文句子。Ünïcödé e\u0301 last!";
  const std::vector<Sentence> sentences = Segmenter().split_sentences(text);
  ASSERT_EQ(sentences.size(), 3u);
  std::vector<std::size_t> bytes;
  for (const Sentence& s : sentences) {
    bytes.push_back(s.span.begin);
    bytes.push_back(s.span.end);
  }
  const std::vector<std::size_t> code_points = codepoint_offsets(text, bytes);
  // Count the lead bytes of each prefix independently.
  for (std::size_t k = 0; k < bytes.size(); ++k) {
    std::size_t count = 0;
    for (std::size_t i = 0; i < bytes[k]; ++i) count += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
    EXPECT_EQ(code_points[k], count) << "offset " << bytes[k];
  }
  // "Emoji 😀 first." is 14 code points in 17 bytes (the emoji is one code point, four bytes).
  EXPECT_EQ(bytes[1], 17u);
  EXPECT_EQ(code_points[0], 0u);
  EXPECT_EQ(code_points[1], 14u);
}

}  // namespace
}  // namespace precis
