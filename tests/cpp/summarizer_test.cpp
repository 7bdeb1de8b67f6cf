// The whole pipeline: a real noisy article, degenerate inputs, the invariants of a Summary
// (scores, ranks, spans, duplicates), determinism across runs and threads, option validation,
// and agreement between summarize() and the public stages run one by one.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>
#include <numeric>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "precis/precis.hpp"
#include "test_data.hpp"

namespace precis {
namespace {

using testing::code_points;
using testing::sample_article;

const std::string kShortEnglish =
    "Rivers carry water from the mountains to the sea. The sea returns water to the mountains as "
    "rain. Mountains store the rain as snow and ice. In spring the snow melts and the rivers rise. "
    "Farmers along the rivers depend on the spring floods.";

const std::string kShortChinese =
    "长江是中国最长的河流。长江流经许多省份和城市。重庆位于长江上游。"
    "重庆是西部地区重要的物流中心。许多货物从重庆运往世界各地。";

// What every Summary promises, whatever the input.
void expect_summary_invariants(std::string_view text, const Summary& summary) {
  const std::size_t n = summary.diagnostics.sentence_count;
  ASSERT_EQ(summary.scores.size(), n) << "one score per sentence";
  if (n > 0) {
    EXPECT_NEAR(std::accumulate(summary.scores.begin(), summary.scores.end(), 0.0), 1.0, 1e-12);
  }
  for (double score : summary.scores) EXPECT_GE(score, 0.0);
  std::size_t previous = 0;
  for (std::size_t k = 0; k < summary.sentences.size(); ++k) {
    const ScoredSentence& s = summary.sentences[k];
    ASSERT_LT(s.index, n);
    if (k > 0) {
      EXPECT_GT(s.index, previous) << "document order, no index twice";
    }
    previous = s.index;
    ASSERT_LE(s.bytes().end, text.size());
    ASSERT_LT(s.bytes().begin, s.bytes().end);
    EXPECT_EQ(s.text, text.substr(s.bytes().begin, s.bytes().size())) << "text is the slice of the input";
    EXPECT_EQ(s.start, code_points(text.substr(0, s.bytes().begin)));
    EXPECT_EQ(s.end, code_points(text.substr(0, s.bytes().end)));
    EXPECT_EQ(s.score, summary.scores[s.index]);
    // Rank: 1 + the number of sentences ahead of it (higher ranking_key of the score, or an equal
    // one and a lower index).
    std::size_t ahead = 0;
    const double key = ranking_key(s.score);
    for (std::size_t other = 0; other < n; ++other) {
      const double o = ranking_key(summary.scores[other]);
      ahead += o > key || (o == key && other < s.index);
    }
    EXPECT_EQ(s.rank, ahead + 1) << "sentence " << s.index;
  }
  // Each warning at most once.
  const std::set<Warning> distinct(summary.diagnostics.warnings.begin(), summary.diagnostics.warnings.end());
  EXPECT_EQ(distinct.size(), summary.diagnostics.warnings.size());
}

// ---------------------------------------------------------------------------------------------
// The sample article

TEST(SummarizerTest, SampleArticleGivesFiveCleanSentences) {
  const std::string& text = sample_article();
  ASSERT_FALSE(text.empty());
  const Summarizer summarizer;
  const Summary summary = summarizer.summarize(text);
  expect_summary_invariants(text, summary);
  ASSERT_EQ(summary.sentences.size(), 5u) << "the default budget";
  EXPECT_EQ(summary.diagnostics.language, "en");
  EXPECT_TRUE(summary.diagnostics.warnings.empty());

  // The article's page furniture: the title (repeated above the body), photo credits glued to
  // captions ("speech.Photo by ..."), the translation note, the tag list and the link to the
  // next article.
  const std::string title = text.substr(0, text.find('\n'));
  ASSERT_TRUE(title.starts_with("Promoting the development of the western region is a century project"));
  std::set<std::string> seen;
  for (const ScoredSentence& s : summary.sentences) {
    EXPECT_TRUE(seen.insert(s.text).second) << "repeated: " << s.text;
    EXPECT_NE(s.text, title);
    EXPECT_EQ(s.text.find("Photo by"), std::string::npos) << s.text;
    EXPECT_EQ(s.text.find("Tags:"), std::string::npos) << s.text;
    EXPECT_EQ(s.text.find("The article is in Chinese"), std::string::npos) << s.text;
    EXPECT_FALSE(s.text.starts_with("NEXT")) << s.text;
  }
}

TEST(SummarizerTest, SampleArticleChoosesOnlyTerminatedSentences) {
  // Most sentences of the article end with punctuation, so headings, captions and the tag line
  // are not candidates (SelectOptions::skip_unterminated).
  const std::string& text = sample_article();
  const Summarizer summarizer;
  const Analysis analysis = summarizer.analyze(text);
  const Summary summary = summarizer.summarize(text, {.sentences = 20});
  ASSERT_EQ(summary.sentences.size(), 20u);
  for (const ScoredSentence& s : summary.sentences) {
    EXPECT_TRUE(analysis.sentences[s.index].terminated) << s.text;
  }
}

TEST(SummarizerTest, RepeatedParagraphsOfTheSampleScoreEquallyAndAppearOnce) {
  // The article repeats its title and a paragraph with a photo credit. Every occurrence keeps its
  // own score; the summary never holds the same text twice, even with a generous budget.
  const std::string& text = sample_article();
  const Summarizer summarizer;
  const Summary summary = summarizer.summarize(text, {.ratio = 1.0, .skip_unterminated = false});
  expect_summary_invariants(text, summary);
  const Analysis analysis = summarizer.analyze(text);
  std::size_t repeated_pairs = 0;
  for (std::size_t i = 0; i < analysis.sentences.size(); ++i) {
    const Span a = analysis.sentences[i].span;
    for (std::size_t j = i + 1; j < analysis.sentences.size(); ++j) {
      const Span b = analysis.sentences[j].span;
      if (text.compare(a.begin, a.size(), text, b.begin, b.size()) != 0) continue;
      ++repeated_pairs;
      // Identical rows of the graph, summed in a different order: equal up to rounding.
      EXPECT_DOUBLE_EQ(summary.scores[i], summary.scores[j]) << i << " and " << j;
    }
  }
  EXPECT_GE(repeated_pairs, 2u) << "the sample repeats its title and a paragraph";
  std::set<std::string> texts;
  for (const ScoredSentence& s : summary.sentences) EXPECT_TRUE(texts.insert(s.text).second) << s.text;
}

TEST(SummarizerTest, WordsOfGluedSentencesCountForTheirOwnSentence) {
  // "speech.Photo" is one ICU word but ends one sentence and starts the next: "speech" belongs to
  // the first (5 words), "Photo" to the caption (4 words), and neither is lost.
  const Analysis analysis = Summarizer().analyze("He delivered an important speech.Photo by Li Xin");
  ASSERT_EQ(analysis.sentences.size(), 2u);
  EXPECT_EQ(analysis.word_counts, (std::vector<std::size_t>{5, 4}));
  EXPECT_EQ(analysis.diagnostics.token_count, 9u);
  auto terms_of = [&](std::size_t sentence) {
    std::set<std::string> terms;
    for (std::uint32_t k = analysis.terms.offsets[sentence]; k < analysis.terms.offsets[sentence + 1]; ++k) {
      terms.insert(analysis.vocabulary[analysis.terms.ids[k]]);
    }
    return terms;
  };
  EXPECT_EQ(terms_of(0).count("speech"), 1u);  // the Porter2 stem of "speech" is itself
  EXPECT_EQ(terms_of(1).count("photo"), 1u);   // folded to lowercase
}

// ---------------------------------------------------------------------------------------------
// Degenerate inputs: valid summaries with warnings, never exceptions

TEST(SummarizerTest, EmptyAndWhiteSpaceOnlyInput) {
  const Summarizer summarizer;
  for (const std::string text : {"", "   \n\n\t \r\n  "}) {
    Summary summary;
    ASSERT_NO_THROW(summary = summarizer.summarize(text));
    expect_summary_invariants(text, summary);
    EXPECT_TRUE(summary.sentences.empty());
    EXPECT_TRUE(summary.scores.empty());
    EXPECT_EQ(summary.text(), "");
    EXPECT_EQ(summary.diagnostics.sentence_count, 0u);
    EXPECT_EQ(summary.diagnostics.warnings, std::vector<Warning>{Warning::kEmptyInput});
  }
}

TEST(SummarizerTest, OneSentenceIsTheSummary) {
  const Summarizer summarizer;
  // Unterminated too: with a single sentence, "most sentences are terminated" does not hold.
  for (const std::string text : {"Only one sentence is here.", "  A lone heading  "}) {
    const Summary summary = summarizer.summarize(text);
    expect_summary_invariants(text, summary);
    ASSERT_EQ(summary.sentences.size(), 1u) << text;
    EXPECT_EQ(summary.scores, std::vector<double>{1.0});
    EXPECT_EQ(summary.sentences[0].rank, 1u);
    EXPECT_EQ(summary.diagnostics.warnings, std::vector<Warning>{Warning::kSingleSentence}) << text;
  }
}

TEST(SummarizerTest, PunctuationOnlyHasNoWords) {
  const Summarizer summarizer;
  const std::string text = "!!! ??? ... — ;;";
  const Summary summary = summarizer.summarize(text);
  expect_summary_invariants(text, summary);
  EXPECT_TRUE(summary.diagnostics.has(Warning::kNoWords));
  EXPECT_EQ(summary.diagnostics.token_count, 0u);
  EXPECT_EQ(summary.diagnostics.term_count, 0u);
  // A sentence without a word is never chosen: nothing to choose, and the summary says why.
  EXPECT_TRUE(summary.sentences.empty());
  EXPECT_TRUE(summary.diagnostics.has(Warning::kNoCandidates));
}

TEST(SummarizerTest, NoContentWordsGivesUniformScoresAndLeadSentences) {
  // Only stopwords: words, but no content terms. Uniform PageRank scores (without the position
  // prior, which would order them by position).
  const Summarizer summarizer({.rank = {.position_weight = 0.0}});
  const std::string text = "It is. It was! He is? She was.";
  const Summary summary = summarizer.summarize(text, {.sentences = 2});
  expect_summary_invariants(text, summary);
  EXPECT_EQ(summary.diagnostics.warnings, std::vector<Warning>{Warning::kNoWords});
  EXPECT_EQ(summary.scores, std::vector<double>(4, 0.25));
  ASSERT_EQ(summary.sentences.size(), 2u);
  EXPECT_EQ(summary.sentences[0].index, 0u);
  EXPECT_EQ(summary.sentences[1].index, 1u);
}

TEST(SummarizerTest, NoSharedTermsGivesUniformScoresAndLeadSentences) {
  const Summarizer summarizer({.rank = {.position_weight = 0.0}});
  const std::string text = "Cats purr. Dogs bark. Fish swim.";
  const Summary summary = summarizer.summarize(text, {.sentences = 1});
  // With the default position prior the scores are the prior: decreasing in document order.
  const Summary prior = Summarizer().summarize(text, {.sentences = 1});
  EXPECT_GT(prior.scores[0], prior.scores[1]);
  EXPECT_GT(prior.scores[1], prior.scores[2]);
  EXPECT_EQ(prior.sentences.at(0).text, "Cats purr.");
  expect_summary_invariants(text, summary);
  EXPECT_EQ(summary.diagnostics.warnings, std::vector<Warning>{Warning::kNoEdges});
  EXPECT_EQ(summary.diagnostics.edge_count, 0u);
  for (double score : summary.scores) EXPECT_DOUBLE_EQ(score, 1.0 / 3);
  ASSERT_EQ(summary.sentences.size(), 1u);
  EXPECT_EQ(summary.sentences[0].text, "Cats purr.");
}

TEST(SummarizerTest, BudgetTooSmallAndNotConvergedAreWarnings) {
  const Summarizer summarizer;
  const Summary tiny = summarizer.summarize(kShortEnglish, {.words = 1});
  EXPECT_TRUE(tiny.sentences.empty());
  EXPECT_TRUE(tiny.diagnostics.has(Warning::kBudgetTooSmall));

  const Summarizer capped({.rank = {.tolerance = 1e-12, .max_iterations = 1}});
  const Summary summary = capped.summarize(sample_article());
  expect_summary_invariants(sample_article(), summary);
  EXPECT_TRUE(summary.diagnostics.has(Warning::kNotConverged));
  EXPECT_FALSE(summary.diagnostics.converged);
  EXPECT_EQ(summary.diagnostics.iterations, 1);
  EXPECT_EQ(summary.sentences.size(), 5u);
}

TEST(SummarizerTest, InvalidUtf8IsTheOnlyContentThatThrows) {
  const Summarizer summarizer;
  try {
    summarizer.summarize("Fine so far. \xe2\x82 Not fine.");
    ADD_FAILURE() << "no exception";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidUtf8);
    EXPECT_NE(std::string(e.what()).find("byte 13"), std::string::npos) << e.what();
  }
}

TEST(SummarizerTest, InvalidUtf8CanBeReplacedAndIsReported) {
  const std::string text = "The river floods in spring. The \xFF river feeds the farms. The farms need the river.";
  const Summarizer summarizer({.input = {.on_invalid_utf8 = InvalidUtf8::kReplace}});
  const Summary summary = summarizer.summarize(text, {.sentences = 3});
  const std::string repaired = replace_invalid_utf8(text);
  expect_summary_invariants(repaired, summary);
  EXPECT_EQ(summary.diagnostics.replaced_sequences, 1u);
  EXPECT_EQ(summary.diagnostics.truncated_bytes, 0u);
  EXPECT_TRUE(summary.diagnostics.has(Warning::kInvalidUtf8Replaced));
  ASSERT_EQ(summary.sentences.size(), 3u);
  EXPECT_EQ(summary.sentences[1].text, "The \uFFFD river feeds the farms.");
  // The same text without the bad byte's replacement gives the same ranking.
  EXPECT_EQ(summarizer.summarize(repaired, {.sentences = 3}).scores, summary.scores);
  EXPECT_FALSE(summarizer.summarize(repaired).diagnostics.has(Warning::kInvalidUtf8Replaced));
  // A query is repaired too, and counted.
  EXPECT_EQ(summarizer.summarize(text, {.sentences = 1}, "farms \xC0").diagnostics.replaced_sequences, 2u);
  // analyze() reports it as well.
  EXPECT_EQ(summarizer.analyze(text).diagnostics.replaced_sequences, 1u);
}

TEST(SummarizerTest, MaxBytesIsAClearErrorByDefault) {
  const Summarizer summarizer({.input = {.max_bytes = 20}});
  EXPECT_NO_THROW(summarizer.summarize("Twenty bytes here ok"));
  try {
    summarizer.summarize(kShortEnglish);
    ADD_FAILURE() << "no exception";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInputTooLarge);
    EXPECT_EQ(std::string(e.what()),
              "text is " + std::to_string(kShortEnglish.size()) + " bytes, more than input.max_bytes = 20");
  }
}

TEST(SummarizerTest, DeadlineStopsTheCallAfterTheStageThatOverranIt) {
  const std::string& text = sample_article();
  try {
    Summarizer({.input = {.deadline_ms = 1e-9}}).summarize(text);
    ADD_FAILURE() << "no exception";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kDeadlineExceeded);
    EXPECT_NE(std::string(e.what()).find("ms after sentences and tokens"), std::string::npos) << e.what();
  }
  // A deadline that is met changes nothing.
  const Summary free = Summarizer().summarize(text);
  const Summary timed = Summarizer({.input = {.deadline_ms = 60'000}}).summarize(text);
  EXPECT_EQ(timed.sentences, free.sentences);
  EXPECT_EQ(timed.scores, free.scores);
}

TEST(SummarizerTest, TruncationKeepsAPrefixAndSaysSo) {
  const std::size_t limit = 120;
  const Summarizer summarizer({.input = {.max_bytes = limit, .on_too_long = TooLong::kTruncate}});
  const Summary summary = summarizer.summarize(kShortEnglish, {.sentences = 10});
  expect_summary_invariants(kShortEnglish, summary);  // offsets into the original: it is a prefix
  EXPECT_TRUE(summary.diagnostics.has(Warning::kTruncated));
  const std::size_t kept = kShortEnglish.size() - summary.diagnostics.truncated_bytes;
  EXPECT_LE(kept, limit);
  // Cut at the last space before the limit, so no word is cut in half.
  EXPECT_EQ(kShortEnglish[kept], ' ');
  EXPECT_EQ(kept, kShortEnglish.rfind(' ', limit));
  for (const ScoredSentence& s : summary.sentences) EXPECT_LE(s.bytes().end, kept);
  EXPECT_EQ(summary.scores.size(), summarizer.summarize(kShortEnglish.substr(0, kept)).scores.size());
  // Short enough: nothing happens.
  const Summary whole = Summarizer({.input = {.max_bytes = kShortEnglish.size(), .on_too_long = TooLong::kTruncate}})
                            .summarize(kShortEnglish);
  EXPECT_EQ(whole.diagnostics.truncated_bytes, 0u);
  EXPECT_TRUE(whole.diagnostics.warnings.empty());
}

TEST(SummarizerTest, TruncationNeverSplitsACodePoint) {
  // No spaces (Chinese): the cut falls back to a code point boundary, whatever the limit.
  for (std::size_t limit = 1; limit < 40; ++limit) {
    const Summarizer summarizer({.input = {.max_bytes = limit, .on_too_long = TooLong::kTruncate}});
    const Summary summary = summarizer.summarize(kShortChinese);
    const std::size_t kept = kShortChinese.size() - summary.diagnostics.truncated_bytes;
    EXPECT_LE(kept, limit);
    EXPECT_GT(kept + 3, limit) << "at most one code point less than the limit";
    EXPECT_NO_THROW(check_utf8(kShortChinese.substr(0, kept)));
    expect_summary_invariants(kShortChinese, summary);
  }
}

TEST(SummarizerTest, TruncationAndReplacementTogether) {
  std::string text;
  for (int i = 0; i < 50; ++i) text += "Sentence number " + std::to_string(i) + " has a \xFE mark. ";
  const Summarizer summarizer(
      {.input = {.max_bytes = 200, .on_too_long = TooLong::kTruncate, .on_invalid_utf8 = InvalidUtf8::kReplace}});
  const Summary summary = summarizer.summarize(text);
  EXPECT_EQ(summary.diagnostics.warnings.at(0), Warning::kTruncated);
  EXPECT_EQ(summary.diagnostics.warnings.at(1), Warning::kInvalidUtf8Replaced);
  EXPECT_EQ(summary.diagnostics.replaced_sequences, 6u);  // the marks in the first 200 bytes
  EXPECT_EQ(to_json(summary_from_json(to_json(summary))), to_json(summary));
}

// ---------------------------------------------------------------------------------------------
// Scores and ranks

TEST(SummarizerTest, ScoresAndRanksAreConsistentForEveryLanguage) {
  const Summarizer summarizer;
  for (const std::string& text : {sample_article(), kShortEnglish, kShortChinese}) {
    // Choose every sentence, so every rank is visible.
    const Summary summary =
        summarizer.summarize(text, {.ratio = 1.0, .skip_unterminated = false, .skip_structure = false});
    expect_summary_invariants(text, summary);
  }
}

TEST(SummarizerTest, RanksArePermutationWhenEverySentenceIsChosen) {
  const Summarizer summarizer;
  for (const std::string& text : {kShortEnglish, kShortChinese}) {
    const Summary summary =
        summarizer.summarize(text, {.ratio = 1.0, .skip_unterminated = false, .skip_structure = false});
    ASSERT_EQ(summary.sentences.size(), summary.scores.size()) << text;
    std::vector<std::size_t> ranks;
    for (const ScoredSentence& s : summary.sentences) ranks.push_back(s.rank);
    std::sort(ranks.begin(), ranks.end());
    std::vector<std::size_t> expected(ranks.size());
    std::iota(expected.begin(), expected.end(), 1);
    EXPECT_EQ(ranks, expected);
  }
  EXPECT_EQ(summarizer.summarize(kShortChinese).diagnostics.language, "zh");
}

TEST(SummarizerTest, DuplicateSentencesGetEqualScoresAndBothAreScored) {
  // Sentences 0 and 2 are the same text. A summarizer keyed by sentence text would drop one of
  // them from the scores; here each keeps its own entry, with the same value.
  const std::string text =
      "Rivers carry water to the sea. Mountains rise above the clouds. Rivers carry water to the "
      "sea. The sea feeds the clouds with rain.";
  const Summary summary = Summarizer().summarize(text, {.ratio = 1.0, .skip_structure = false});
  expect_summary_invariants(text, summary);
  ASSERT_EQ(summary.scores.size(), 4u);
  EXPECT_DOUBLE_EQ(summary.scores[0], summary.scores[2]);
  // Only the first occurrence is chosen (equal scores: the lower index goes first).
  std::vector<std::size_t> chosen;
  for (const ScoredSentence& s : summary.sentences) chosen.push_back(s.index);
  EXPECT_EQ(chosen, (std::vector<std::size_t>{0, 1, 3}));
}

// ---------------------------------------------------------------------------------------------
// Determinism and threads

TEST(SummarizerTest, IsDeterministic) {
  const Summarizer a;
  const Summarizer b;
  EXPECT_EQ(a.summarize(sample_article()), a.summarize(sample_article()));
  EXPECT_EQ(a.summarize(sample_article()), b.summarize(sample_article()));
  const Summarizer bm25({.graph = {.similarity = Similarity::kBm25}});
  EXPECT_EQ(bm25.summarize(sample_article()), bm25.summarize(sample_article()));
}

std::vector<std::string> batch_texts() {
  return {sample_article(), kShortEnglish,    kShortChinese,           "",
          "One sentence.",  "It is. It was.", "Cats purr. Dogs bark.", "Привет, мир. Это тест. Мир большой.",
          kShortEnglish};
}

TEST(SummarizerTest, ConcurrentSummarizeEqualsSerial) {
  const Summarizer summarizer;
  const std::vector<std::string> texts = batch_texts();
  std::vector<Summary> serial;
  for (const std::string& text : texts) serial.push_back(summarizer.summarize(text));

  constexpr int kThreads = 8;
  constexpr int kRounds = 3;
  std::vector<std::vector<Summary>> results(kThreads);
  {
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        // Each thread starts at a different text, so different texts run at the same time.
        for (int round = 0; round < kRounds; ++round) {
          for (std::size_t k = 0; k < texts.size(); ++k) {
            const std::size_t i = (k + static_cast<std::size_t>(t)) % texts.size();
            results[static_cast<std::size_t>(t)].push_back(summarizer.summarize(texts[i]));
          }
        }
      });
    }
    for (std::thread& thread : threads) thread.join();
  }
  for (int t = 0; t < kThreads; ++t) {
    ASSERT_EQ(results[static_cast<std::size_t>(t)].size(), kRounds * texts.size());
    for (std::size_t r = 0; r < results[static_cast<std::size_t>(t)].size(); ++r) {
      const std::size_t i = (r % texts.size() + static_cast<std::size_t>(t)) % texts.size();
      EXPECT_EQ(results[static_cast<std::size_t>(t)][r], serial[i]) << "thread " << t << ", text " << i;
    }
  }
}

TEST(SummarizerTest, WordsRememberedFromEarlierTextsChangeNothing) {
  // Term extraction remembers the features of words per thread (FeatureMemo in terms.cpp): a
  // thread that has seen other texts, in several languages and with other token options, and
  // more distinct words than the memo holds, gives what a fresh thread gives.
  const std::string text = sample_article();
  const SummarizerOptions unstemmed{.tokens = {.stem = false}};
  const std::vector<std::function<Summary()>> calls{
      [&] { return Summarizer().summarize(text); }, [&] { return Summarizer(unstemmed).summarize(text); },
      [&] { return Summarizer().summarize(kShortChinese); }, [&] { return Summarizer().summarize(kShortEnglish); }};
  auto summarize_all = [&] {
    std::vector<Summary> summaries;
    for (const auto& call : calls) summaries.push_back(call());
    return summaries;
  };
  std::vector<Summary> fresh;  // each in a thread of its own
  for (const auto& call : calls) std::thread([&] { fresh.push_back(call()); }).join();

  std::string many_words;
  for (int i = 0; i < 70'000; ++i) many_words += "Word" + std::to_string(i) + (i % 10 == 9 ? ". " : " ");
  std::vector<Summary> warm;
  std::thread([&] {
    Summarizer().summarize(many_words);
    for (int round = 0; round < 2; ++round) warm = summarize_all();
  }).join();
  EXPECT_EQ(warm, fresh);
}

TEST(SummarizerTest, SummarizeManyEqualsSerialForAnyWorkerCount) {
  const Summarizer summarizer;
  const std::vector<std::string> owned = batch_texts();
  const std::vector<std::string_view> texts(owned.begin(), owned.end());
  const SelectOptions select{.sentences = 3};
  std::vector<Summary> serial;
  for (std::string_view text : texts) serial.push_back(summarizer.summarize(text, select));
  for (unsigned workers : {1u, 2u, 8u, 0u}) {
    EXPECT_EQ(summarizer.summarize_many(texts, select, workers), serial) << workers << " workers";
  }
  EXPECT_TRUE(summarizer.summarize_many({}, select, 4).empty());
}

TEST(SummarizerTest, SummarizeManyRethrowsTheFirstErrorByIndex) {
  const Summarizer summarizer;
  // Texts 1 and 3 are invalid, at different byte offsets; text 1's error is the one reported,
  // whichever worker hits its error first.
  const std::vector<std::string_view> texts{kShortEnglish, "ok \xff", kShortChinese, "\xff", kShortEnglish};
  for (unsigned workers : {1u, 2u, 8u}) {
    try {
      summarizer.summarize_many(texts, {}, workers);
      ADD_FAILURE() << "no exception with " << workers << " workers";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::kInvalidUtf8);
      EXPECT_NE(std::string(e.what()).find("byte 3"), std::string::npos) << e.what();
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Options

void expect_invalid_options(const SummarizerOptions& options, const std::string& field, const std::string& value) {
  try {
    Summarizer summarizer(options);
    ADD_FAILURE() << field << ": no exception";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidArgument) << e.what();
    const std::string message = e.what();
    EXPECT_NE(message.find(field), std::string::npos) << message;
    EXPECT_NE(message.find(value), std::string::npos) << message << " (want the value " << value << ")";
  }
}

// Sets `value` into the field `entry` of the group `group` of `options` (an optional field is set).
template <typename GroupField, typename Entry>
void set_option(SummarizerOptions& options, const GroupField& group, const Entry& entry, double value) {
  auto& member = (options.*group.member).*entry.member;
  using Member = std::decay_t<decltype(member)>;
  if constexpr (kIsOptional<Member>) {
    member = static_cast<typename Member::value_type>(value);
  } else if constexpr (std::is_arithmetic_v<Member> && !std::is_same_v<Member, bool>) {
    member = static_cast<Member>(value);
  }
}

TEST(SummarizerTest, InvalidOptionsThrowNamingTheFieldAndValue) {
  expect_invalid_options({.segment = {.language = "klingon"}}, "segment.language", "klingon");
  // Every ranged field of the tables, just outside each finite end of its range.
  int checked = 0;
  for_each_field<SummarizerOptions>([&](const auto& group) {
    using Group = typename std::decay_t<decltype(group)>::member_type;
    for_each_field<Group>([&](const auto& entry) {
      const Range range = entry.range;
      std::vector<double> outside;
      if (range.low != -Range::kNone) outside.push_back(range.low_open ? range.low : range.low - 1);
      if (range.high != Range::kNone) outside.push_back(range.high_open ? range.high : range.high + 1);
      for (double value : outside) {
        SummarizerOptions options;
        set_option(options, group, entry, value);
        std::ostringstream shown;
        shown << value;
        expect_invalid_options(options, std::string(group.name) + "." + std::string(entry.name), shown.str());
        ++checked;
      }
    });
  });
  EXPECT_GE(checked, 20);
}

TEST(SummarizerTest, PerCallBudgetsAreValidatedToo) {
  const Summarizer summarizer;
  try {
    summarizer.summarize(kShortEnglish, {.sentences = 0});
    ADD_FAILURE() << "summarize: no exception";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(std::string(e.what()).find("select.sentences"), std::string::npos) << e.what();
  }
  try {
    summarizer.summarize_many({kShortEnglish}, {.ratio = 2.0}, 2);
    ADD_FAILURE() << "summarize_many: no exception";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(std::string(e.what()).find("select.ratio"), std::string::npos) << e.what();
  }
}

TEST(SummarizerTest, SummaryEchoesTheOptionsUsed) {
  const SummarizerOptions options{.graph = {.similarity = Similarity::kCosine}, .select = {.sentences = 2}};
  const Summarizer summarizer(options);
  EXPECT_EQ(summarizer.summarize(kShortEnglish).options, options);
  SummarizerOptions per_call = options;
  per_call.select = {.words = 30};
  EXPECT_EQ(summarizer.summarize(kShortEnglish, per_call.select).options, per_call);
}

TEST(SummarizerTest, BudgetsShapeTheSummary) {
  const Summarizer summarizer;
  const std::string& text = sample_article();
  EXPECT_EQ(summarizer.summarize(text, {.sentences = 3}).sentences.size(), 3u);
  const Summary by_chars = summarizer.summarize(text, {.chars = 600});
  std::size_t chars = 0;
  for (const ScoredSentence& s : by_chars.sentences) chars += s.end - s.start;
  EXPECT_LE(chars, 600u);
  EXPECT_FALSE(by_chars.sentences.empty());
  const Summary by_ratio = summarizer.summarize(text, {.ratio = 0.05});
  EXPECT_EQ(by_ratio.sentences.size(),
            static_cast<std::size_t>(std::llround(0.05 * static_cast<double>(by_ratio.scores.size()))));
}

// ---------------------------------------------------------------------------------------------
// summarize() == the public stages run one by one

TEST(SummarizerTest, SummarizeEqualsTheStagesRunOneByOne) {
  for (Similarity similarity : {Similarity::kTextRank, Similarity::kBm25, Similarity::kCosine}) {
    const SummarizerOptions options{.graph = {.similarity = similarity}, .select = {.sentences = 4}};
    const Summarizer summarizer(options);
    const std::string& text = sample_article();
    const Summary summary = summarizer.summarize(text);
    const Analysis analysis = summarizer.analyze(text);

    // Segmentation: the same sentences as the public Segmenter.
    EXPECT_EQ(analysis.diagnostics.language, "en");
    EXPECT_EQ(analysis.sentences, Segmenter(options.segment).split_sentences(text, analysis.diagnostics.language));
    const std::size_t n = analysis.sentences.size();
    ASSERT_EQ(analysis.terms.sentence_count(), n);
    ASSERT_EQ(analysis.word_counts.size(), n);
    EXPECT_EQ(std::accumulate(analysis.word_counts.begin(), analysis.word_counts.end(), std::size_t{0}),
              analysis.diagnostics.token_count);
    EXPECT_LE(analysis.diagnostics.token_count, Segmenter(options.segment).tokenize(text).size());
    EXPECT_EQ(analysis.vocabulary.size(), analysis.terms.term_count);

    // Graph and rank: the public stage functions on the analysis' terms give the same results.
    const SparseGraph graph = build_similarity_graph(analysis.terms, options.graph);
    ASSERT_EQ(graph.nonZeros(), analysis.graph.nonZeros());
    EXPECT_EQ((graph - analysis.graph).norm(), 0.0);
    RankResult rank = pagerank(analysis.graph, options.rank);
    std::vector<std::size_t> all_char_counts;
    for (const Sentence& s : analysis.sentences) {
      all_char_counts.push_back(code_points(std::string_view(text).substr(s.span.begin, s.span.size())));
    }
    EXPECT_EQ(analysis.char_counts, all_char_counts);
    const double budget = expected_sentence_count(options.select, analysis.word_counts, all_char_counts);
    EXPECT_EQ(budget, 4.0);
    if (!is_long_document(options.select, n, budget)) {
      apply_position_prior(rank.scores, effective_position_weight(options.rank, budget, static_cast<double>(n)));
    }
    EXPECT_EQ(rank.scores, analysis.rank.scores);
    EXPECT_EQ(rank.iterations, analysis.rank.iterations);

    // Selection, fed what the documentation says it needs.
    std::vector<std::string_view> texts;
    std::vector<std::size_t> char_counts;
    for (const Sentence& s : analysis.sentences) {
      texts.push_back(std::string_view(text).substr(s.span.begin, s.span.size()));
      char_counts.push_back(code_points(texts.back()));
    }
    const std::vector<double> scores(rank.scores.begin(), rank.scores.end());
    std::vector<Warning> warnings;
    const std::vector<std::size_t> chosen = select_sentences({.scores = scores,
                                                              .texts = texts,
                                                              .word_counts = analysis.word_counts,
                                                              .char_counts = char_counts,
                                                              .sentences = analysis.sentences,
                                                              .terms = &analysis.terms},
                                                             options.select, warnings);

    EXPECT_EQ(summary.scores, scores);
    std::vector<std::size_t> summary_indices;
    for (const ScoredSentence& s : summary.sentences) summary_indices.push_back(s.index);
    EXPECT_EQ(summary_indices, chosen) << to_string(similarity);
    EXPECT_EQ(summary.diagnostics.sentence_count, n);
    EXPECT_EQ(summary.diagnostics.token_count, analysis.diagnostics.token_count);
    EXPECT_EQ(summary.diagnostics.term_count, analysis.terms.term_count);
    EXPECT_EQ(summary.diagnostics.edge_count, static_cast<std::size_t>(graph.nonZeros()) / 2);
    EXPECT_EQ(summary.diagnostics.iterations, rank.iterations);
    EXPECT_EQ(summary.diagnostics.converged, rank.converged);
    EXPECT_EQ(summary.diagnostics.stemmer, analysis.diagnostics.stemmer);
  }
}

TEST(SummarizerTest, CharCountsAreCodePointsInEveryScript) {
  const std::string text = kShortChinese + " Ünïcödé façade 😀 emoji, “quoted” text… e\u0301 here. " +
                           "A plain ASCII sentence that is longer than eight bytes.";
  const Analysis analysis = Summarizer().analyze(text);
  ASSERT_EQ(analysis.char_counts.size(), analysis.sentences.size());
  for (std::size_t i = 0; i < analysis.sentences.size(); ++i) {
    const Span span = analysis.sentences[i].span;
    EXPECT_EQ(analysis.char_counts[i], code_points(std::string_view(text).substr(span.begin, span.size()))) << i;
  }
}

TEST(SummarizerTest, SimilaritiesAllProduceValidSummaries) {
  for (Similarity similarity : {Similarity::kTextRank, Similarity::kBm25, Similarity::kCosine}) {
    const Summarizer summarizer({.graph = {.similarity = similarity}});
    for (const std::string& text : batch_texts()) {
      expect_summary_invariants(text, summarizer.summarize(text));
    }
  }
}

}  // namespace
}  // namespace precis

namespace precis {
namespace {

TEST(SummarizerTest, ThreeLetterAndNorwegianCodesUseTheSameStemmerAndStopwords) {
  const std::string text = "The cats were running in the garden. The dogs ran after the cats.";
  const Summary two_letter = Summarizer({.segment = {.language = "en"}}).summarize(text);
  const Summary three_letter = Summarizer({.segment = {.language = "eng"}}).summarize(text);
  EXPECT_EQ(three_letter.diagnostics.stemmer, two_letter.diagnostics.stemmer);
  EXPECT_EQ(three_letter.diagnostics.stopword_count, two_letter.diagnostics.stopword_count);
  EXPECT_GT(three_letter.diagnostics.stopword_count, 0u);
  EXPECT_EQ(three_letter.scores, two_letter.scores);

  const std::string norsk = "Hunden løper i hagen. Katten løper etter hunden.";
  const Summary bokmaal = Summarizer({.segment = {.language = "nb"}}).summarize(norsk);
  EXPECT_EQ(bokmaal.diagnostics.stemmer, "no");
  EXPECT_GT(bokmaal.diagnostics.stopword_count, 0u);
}

constexpr std::string_view kTwoTopics =
    "The city council approved the new budget for schools on Monday. "
    "The school budget adds teachers and repairs old school buildings. "
    "Parents welcomed the school budget at the council meeting. "
    "Separately, the river flooded the northern farms after heavy rain. "
    "Farmers said the flood destroyed the wheat harvest. "
    "The council will debate school transport next week.";

TEST(SummarizerQualityTest, QueryLeansTowardItsTerms) {
  const Summarizer summarizer({.segment = {.language = "en"}});
  const Summary plain = summarizer.summarize(kTwoTopics, {.sentences = 1});
  const Summary focused = summarizer.summarize(kTwoTopics, {.sentences = 1}, "Flooding of farms");
  ASSERT_EQ(focused.sentences.size(), 1u);
  EXPECT_NE(focused.sentences[0].text.find("flood"), std::string::npos) << focused.sentences[0].text;
  EXPECT_EQ(plain.sentences[0].text.find("flood"), std::string::npos) << plain.sentences[0].text;
  // No content term of the text in the query, or no query: the plain summary, bit for bit.
  EXPECT_EQ(summarizer.summarize(kTwoTopics, {.sentences = 1}, "zebra").scores, plain.scores);
  EXPECT_EQ(summarizer.summarize(kTwoTopics, {.sentences = 1}, "").scores, plain.scores);
}

TEST(SummarizerQualityTest, PositionPriorVanishesWhenEverySentenceIsKept) {
  const Summarizer with_prior({.segment = {.language = "en"}});
  const Summarizer classic({.segment = {.language = "en"}, .rank = {.position_weight = 0.0}});
  EXPECT_EQ(with_prior.summarize(kTwoTopics, {.sentences = 6}).scores,
            classic.summarize(kTwoTopics, {.sentences = 6}).scores);
  const Summary lead = with_prior.summarize(kTwoTopics, {.sentences = 1});
  const Summary central = classic.summarize(kTwoTopics, {.sentences = 1});
  EXPECT_GT(lead.scores[0] / lead.scores[2], central.scores[0] / central.scores[2]);
}

TEST(SummarizerQualityTest, PresetsAreValidAndNamed) {
  for (std::string_view name : preset_names()) EXPECT_NO_THROW(validate(preset_options(name))) << name;
  EXPECT_EQ(preset_options("default"), SummarizerOptions{});
  EXPECT_EQ(preset_options("classic").rank.position_weight, 0.0);
  try {
    preset_options("best");
    ADD_FAILURE() << "no exception";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(std::string(e.what()).find("news-lead"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace precis

namespace precis {
namespace {

// ---------------------------------------------------------------------------------------------
// Transcripts and queries

const char* const kTurns[] = {
    "We should ship the new parser before the conference deadline.",
    "The parser still fails on long documents with many tables.",
    "Then we fix the tables first and test the parser on the long documents again.",
    "I can write the table tests this week if the deadline allows it.",
    "Good, the conference deadline is in three weeks, so the tests come first.",
};

std::string transcript(bool labelled) {
  const char* const speakers[] = {"Anna", "Ben Okafor", "Anna", "Project Manager", "Ben Okafor"};
  std::string text;
  for (std::size_t i = 0; i < std::size(kTurns); ++i) {
    text += (labelled ? std::string(speakers[i]) + ": " : std::string()) + kTurns[i] + "\n";
  }
  return text;
}

TEST(SummarizerTest, SpeakerNamesAreNeverTerms) {
  const Summarizer summarizer;
  const Analysis labelled = summarizer.analyze(transcript(true));
  const Analysis plain = summarizer.analyze(transcript(false));
  // The names are in the text and the spans, but the terms, and so the graph, are those of the
  // turns alone.
  EXPECT_EQ(labelled.vocabulary, plain.vocabulary);
  EXPECT_EQ(labelled.terms.ids, plain.terms.ids);
  EXPECT_EQ(labelled.sentences.size(), plain.sentences.size());
  EXPECT_GT(labelled.diagnostics.token_count, plain.diagnostics.token_count);
  // One "Note:" in prose is no transcript: its word stays a term.
  const Analysis prose = summarizer.analyze("Note: the parser fails on tables. The tables are long. Tests help.");
  EXPECT_NE(std::find(prose.vocabulary.begin(), prose.vocabulary.end(), "note"), prose.vocabulary.end());
}

TEST(SummarizerTest, DiagnosticsSayHowManySentencesMatchTheQuery) {
  const Summarizer summarizer;
  const std::string text = transcript(false);
  const Summary matched = summarizer.summarize(text, {.sentences = 2}, "table tests");
  EXPECT_EQ(matched.diagnostics.query_sentences, 4u);  // turns 2 to 5: "tables" stems as "table"
  EXPECT_FALSE(matched.diagnostics.has(Warning::kQueryUnmatched));
  const Summary unmatched = summarizer.summarize(text, {.sentences = 2}, "budget spreadsheet");
  EXPECT_EQ(unmatched.diagnostics.query_sentences, 0u);
  EXPECT_TRUE(unmatched.diagnostics.has(Warning::kQueryUnmatched));
  EXPECT_EQ(summarizer.summarize(text).diagnostics.query_sentences, 0u);
  EXPECT_FALSE(summarizer.summarize(text).diagnostics.has(Warning::kQueryUnmatched));
}

}  // namespace
}  // namespace precis
