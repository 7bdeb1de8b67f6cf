// Keyphrases: what every result promises (order, spans, normalized forms), the phrase rules one by
// one, Chinese, degenerate input, options, determinism across calls and threads, and agreement
// between keywords() and summarize()'s keywords.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "precis/precis.hpp"
#include "test_data.hpp"

namespace precis {
namespace {

using testing::code_points;
using testing::sample_article;

std::vector<std::string> texts_of(const std::vector<Keyphrase>& keyphrases) {
  std::vector<std::string> out;
  for (const Keyphrase& k : keyphrases) out.push_back(k.text);
  return out;
}

bool has(const std::vector<Keyphrase>& keyphrases, std::string_view text) {
  return std::ranges::any_of(keyphrases, [&](const Keyphrase& k) { return k.text == text; });
}

// What every list of keyphrases promises.
void expect_invariants(std::string_view text, const std::vector<Keyphrase>& keyphrases, std::size_t count) {
  EXPECT_LE(keyphrases.size(), count);
  std::vector<std::string> normalized;
  for (std::size_t i = 0; i < keyphrases.size(); ++i) {
    const Keyphrase& k = keyphrases[i];
    if (i > 0) {
      EXPECT_GE(keyphrases[i - 1].score, k.score) << "best first";
    }
    EXPECT_GT(k.score, 0.0);
    EXPECT_FALSE(k.normalized.empty());
    normalized.push_back(k.normalized);
    ASSERT_FALSE(k.occurrences.empty());
    bool text_seen = false;
    for (std::size_t j = 0; j < k.occurrences.size(); ++j) {
      const Occurrence& o = k.occurrences[j];
      ASSERT_LT(o.byte_start, o.byte_end);
      ASSERT_LE(o.byte_end, text.size());
      if (j > 0) {
        EXPECT_GT(o.byte_start, k.occurrences[j - 1].byte_start) << "text order";
      }
      EXPECT_EQ(o.start, code_points(text.substr(0, o.byte_start)));
      EXPECT_EQ(o.end, code_points(text.substr(0, o.byte_end)));
      text_seen = text_seen || text.substr(o.byte_start, o.byte_end - o.byte_start) == k.text;
    }
    EXPECT_TRUE(text_seen) << "the text is one of its occurrences: " << k.text;
  }
  std::ranges::sort(normalized);
  EXPECT_EQ(std::ranges::adjacent_find(normalized), normalized.end()) << "each normalized form once";
}

TEST(KeyphrasesTest, SampleArticleNamesItsTopic) {
  const std::string text = sample_article();
  const Summarizer summarizer;
  const std::vector<Keyphrase> keyphrases = summarizer.keywords(text, 10);
  ASSERT_EQ(keyphrases.size(), 10u);
  expect_invariants(text, keyphrases, 10);
  // The article is about China's western region and its development.
  std::size_t western = 0;
  for (std::size_t i = 0; i < 5; ++i) {
    std::string lower = keyphrases[i].text;
    std::ranges::transform(lower, lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    western += lower.find("western") != std::string::npos;
  }
  EXPECT_GE(western, 1u) << ::testing::PrintToString(texts_of(keyphrases));
}

TEST(KeyphrasesTest, SummarizeReturnsTheSameKeyphrases) {
  const std::string text = sample_article();
  const Summarizer summarizer;
  SelectOptions select;
  select.keywords = 12;
  const Summary summary = summarizer.summarize(text, select);
  EXPECT_EQ(summary.keywords, summarizer.keywords(text, 12));
  EXPECT_EQ(summary.sentences, summarizer.summarize(text).sentences) << "keywords do not change the summary";
  EXPECT_TRUE(summarizer.summarize(text).keywords.empty()) << "none unless asked for";
}

TEST(KeyphrasesTest, DeterministicAcrossCallsAndThreads) {
  const std::string article = sample_article();
  const std::vector<std::string> texts = {article, article.substr(0, 5000), "", article.substr(9000, 7000)};
  const std::vector<std::string_view> views(texts.begin(), texts.end());
  const Summarizer summarizer;
  std::vector<std::vector<Keyphrase>> expected;
  for (const std::string& text : texts) expected.push_back(summarizer.keywords(text, 8));
  EXPECT_EQ(summarizer.keywords_many(views, 8, 1), expected);
  EXPECT_EQ(summarizer.keywords_many(views, 8, 4), expected);
  EXPECT_EQ(summarizer.keywords(texts[0], 8), expected[0]);
}

TEST(KeyphrasesTest, PhrasesAreRunsOfCandidatesBetweenStopwordsAndPunctuation) {
  const Summarizer summarizer(SummarizerOptions{.segment = {.language = "en"}});
  const std::string text =
      "Adaptive robust control of uncertain systems. The adaptive robust control uses state feedback. "
      "State feedback gives robust control.";
  const std::vector<Keyphrase> found = summarizer.keywords(text, 20);
  expect_invariants(text, found, 20);
  EXPECT_TRUE(has(found, "Adaptive robust control")) << ::testing::PrintToString(texts_of(found));
  EXPECT_TRUE(has(found, "state feedback") || has(found, "State feedback"));
  // "of", "the", "uses" (the SMART list), the period: never inside a phrase.
  for (const Keyphrase& k : found) {
    EXPECT_EQ(k.text.find(" of "), std::string::npos) << k.text;
    EXPECT_EQ(k.text.find('.'), std::string::npos) << k.text;
    EXPECT_EQ(k.text.find("uses"), std::string::npos) << k.text;
  }
  // Two occurrences of one phrase, differently cased, share a normalized form.
  const auto feedback =
      std::ranges::find_if(found, [](const Keyphrase& k) { return k.normalized == "state feedback"; });
  ASSERT_NE(feedback, found.end());
  EXPECT_EQ(feedback->occurrences.size(), 2u);
}

TEST(KeyphrasesTest, EnglishRulesCutPluralsAndParticiples) {
  const Summarizer summarizer(SummarizerOptions{.segment = {.language = "en"}});
  // A plural ends a phrase (the verb "yields" would otherwise glue two noun phrases).
  std::vector<Keyphrase> found = summarizer.keywords("Gradient descent yields sparse models quickly.", 10);
  EXPECT_TRUE(has(found, "Gradient descent yields")) << ::testing::PrintToString(texts_of(found));
  EXPECT_TRUE(has(found, "sparse models"));
  EXPECT_FALSE(has(found, "Gradient descent yields sparse models"));
  // A phrase does not end with "-ed"; "analysis" is no plural.
  found = summarizer.keywords("Spectral analysis results obtained.", 10);
  EXPECT_TRUE(has(found, "Spectral analysis results")) << ::testing::PrintToString(texts_of(found));
  EXPECT_FALSE(has(found, "Spectral analysis results obtained"));
  // Without the rules, only stopwords cut runs.
  SummarizerOptions plain{.segment = {.language = "en"}};
  plain.keyphrases.keyphrase_rules = false;
  found = Summarizer(plain).keywords("Gradient descent yields sparse models.", 10);
  EXPECT_TRUE(has(found, "Gradient descent yields sparse models")) << ::testing::PrintToString(texts_of(found));
}

TEST(KeyphrasesTest, HyphensJoinLineBreaksAndLongRunsDoNot) {
  const Summarizer summarizer(SummarizerOptions{.segment = {.language = "en"}});
  std::vector<Keyphrase> found = summarizer.keywords("Closed-loop control is simple. We like closed-loop control.", 5);
  EXPECT_TRUE(has(found, "Closed-loop control")) << ::testing::PrintToString(texts_of(found));
  found = summarizer.keywords("Thermal imaging\nsatellite sensors", 10);
  EXPECT_TRUE(has(found, "Thermal imaging")) << ::testing::PrintToString(texts_of(found));
  EXPECT_FALSE(has(found, "Thermal imaging\nsatellite sensors"));
  // Six candidates in a row (a headline in title case) are no keyphrase at the default of five.
  const std::string headline = "Golden Lattice Dragon Dance Paris Harbor.";
  EXPECT_TRUE(summarizer.keywords(headline, 10).empty());
  SummarizerOptions longer{.segment = {.language = "en"}};
  longer.keyphrases.max_phrase_words = 6;
  found = Summarizer(longer).keywords(headline, 10);
  EXPECT_TRUE(has(found, "Golden Lattice Dragon Dance Paris Harbor")) << ::testing::PrintToString(texts_of(found));
}

TEST(KeyphrasesTest, HeadingsInCapitalsAreNoCandidates) {
  const Summarizer summarizer(SummarizerOptions{.segment = {.language = "en"}});
  std::string book;
  for (const char* chapter : {"I", "II", "III", "IV"}) {
    book += std::string("CHAPTER ") + chapter + "\n\nThe old lighthouse keeper watched the harbor. ";
    book += "The lighthouse keeper kept a logbook.\n\n";
  }
  const std::vector<Keyphrase> found = summarizer.keywords(book, 10);
  EXPECT_TRUE(has(found, "lighthouse keeper")) << ::testing::PrintToString(texts_of(found));
  for (const Keyphrase& k : found) EXPECT_EQ(k.text.find("CHAPTER"), std::string::npos) << k.text;
  // A capital inside a line of prose is no heading.
  EXPECT_TRUE(has(summarizer.keywords("NASA launched the Artemis rocket.", 5), "NASA"));
}

TEST(KeyphrasesTest, ChineseKeyphrasesAreDictionaryWords) {
  const std::string text =
      "活性染料的染色性能很好。活性染料广泛用于棉织物染色。"
      "棉织物的染色工艺需要控制温度。活性染料和棉织物的结合牢度高。";
  const Summarizer summarizer;
  const std::vector<Keyphrase> found = summarizer.keywords(text, 10);
  expect_invariants(text, found, 10);
  ASSERT_FALSE(found.empty());
  EXPECT_TRUE(has(found, "活性染料") || has(found, "棉织物")) << ::testing::PrintToString(texts_of(found));
  for (const Keyphrase& k : found) {
    EXPECT_EQ(k.normalized.find(' '), std::string::npos) << "written without spaces: " << k.normalized;
  }
  SummarizerOptions single;
  single.keyphrases.max_unspaced_phrase_words = 1;
  const std::vector<Keyphrase> words = Summarizer(single).keywords(text, 10);
  ASSERT_FALSE(words.empty());
  for (const Keyphrase& k : words) EXPECT_LE(code_points(k.text), 3u) << "one dictionary word: " << k.text;
}

TEST(KeyphrasesTest, DegenerateInputGivesAnEmptyListOrAnError) {
  const Summarizer summarizer;
  EXPECT_TRUE(summarizer.keywords("", 10).empty());
  EXPECT_TRUE(summarizer.keywords("   \n\t ", 10).empty());
  EXPECT_TRUE(summarizer.keywords("The and of it is 12 34.", 10).empty()) << "stopwords and numbers only";
  EXPECT_TRUE(summarizer.keywords(sample_article(), 0).empty());
  // A maximal run is the phrase; its words alone are phrases only where they stand alone.
  const std::vector<Keyphrase> one = summarizer.keywords("Quantum computing.", 10);
  ASSERT_EQ(one.size(), 1u) << ::testing::PrintToString(texts_of(one));
  EXPECT_EQ(one[0].text, "Quantum computing");
  EXPECT_EQ(summarizer.keywords(sample_article(), 1000000).size(), summarizer.keywords(sample_article(), 5000).size());
  try {
    (void)summarizer.keywords("bad \xff byte", 5);
    FAIL() << "invalid UTF-8 must throw";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidUtf8);
  }
  SummarizerOptions repair;
  repair.input.on_invalid_utf8 = InvalidUtf8::kReplace;
  EXPECT_FALSE(Summarizer(repair).keywords("Quantum \xff computing matters.", 5).empty());
}

TEST(KeyphrasesTest, OptionsAreValidatedAndChangeTheResult) {
  const auto invalid = [](auto change) {
    SummarizerOptions options;
    change(options.keyphrases);
    EXPECT_THROW(Summarizer{options}, Error);
  };
  invalid([](KeyphraseOptions& o) { o.cooccurrence_window = 1; });
  invalid([](KeyphraseOptions& o) { o.keyphrase_position_weight = 1.5; });
  invalid([](KeyphraseOptions& o) { o.max_phrase_words = 0; });
  invalid([](KeyphraseOptions& o) { o.single_word_weight = -0.1; });
  invalid([](KeyphraseOptions& o) { o.phrase_frequency_exponent = 2.0; });
  SelectOptions select;
  select.keywords = -1;
  EXPECT_THROW((void)Summarizer().summarize("Text.", select), Error);

  const std::string text = sample_article();
  const std::vector<Keyphrase> base = Summarizer().keywords(text, 10);
  SummarizerOptions window;
  window.keyphrases.cooccurrence_window = 10;
  EXPECT_NE(Summarizer(window).keywords(text, 10), base);
  // A phrase of one word scores single_word_weight times its word's score.
  SummarizerOptions single;
  single.keyphrases.single_word_weight = 1.0;
  const std::vector<Keyphrase> all = Summarizer().keywords(text, 100000);
  const std::vector<Keyphrase> singles = Summarizer(single).keywords(text, 100000);
  const auto one_word =
      std::ranges::find_if(all, [](const Keyphrase& k) { return k.text.find(' ') == std::string::npos; });
  ASSERT_NE(one_word, all.end());
  const auto same =
      std::ranges::find_if(singles, [&](const Keyphrase& k) { return k.normalized == one_word->normalized; });
  ASSERT_NE(same, singles.end());
  EXPECT_NEAR(same->score, one_word->score / SummarizerOptions{}.keyphrases.single_word_weight, 1e-12);
  // The JSON form round-trips.
  EXPECT_EQ(from_json<Keyphrase>(to_json(base[0])), base[0]);
}

}  // namespace
}  // namespace precis
