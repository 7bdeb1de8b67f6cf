// Budgeted selection: every budget alone and combined, the default, tie-breaking, document-order
// output, duplicate and near-duplicate skipping, unterminated lines, and the warnings.
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "precis/error.hpp"
#include "precis/select.hpp"

namespace precis {
namespace {

using Indices = std::vector<std::size_t>;

// Owns the per-sentence data a SelectionInput points into. Every sentence starts distinct,
// terminated, 1 word and 10 characters long, without terms; tests change what they need.
struct Document {
  std::vector<double> scores;
  std::vector<std::string> text_storage;
  std::vector<std::string_view> texts;
  std::vector<std::size_t> word_counts;
  std::vector<std::size_t> char_counts;
  std::vector<Sentence> sentences;
  TermMatrix terms;
  bool use_terms = false;

  explicit Document(std::vector<double> s) : scores(std::move(s)) {
    const std::size_t n = scores.size();
    for (std::size_t i = 0; i < n; ++i) text_storage.push_back("sentence " + std::to_string(i));
    word_counts.assign(n, 1);
    char_counts.assign(n, 10);
    sentences.assign(n, Sentence{.span = {}, .terminated = true});
  }

  void set_terms(const std::vector<std::vector<std::uint32_t>>& per_sentence, std::size_t term_count) {
    terms = TermMatrix{};
    for (const auto& ids : per_sentence) {
      terms.ids.insert(terms.ids.end(), ids.begin(), ids.end());
      terms.offsets.push_back(static_cast<std::uint32_t>(terms.ids.size()));
    }
    terms.term_count = term_count;
    use_terms = true;
  }

  // Budgets, not length normalization, are under test: order by score alone (length_penalty 0).
  bool by_score_alone = false;

  Indices select(SelectOptions options, std::vector<Warning>* warnings_out = nullptr) {
    if (by_score_alone) options.length_penalty = 0.0;
    texts.assign(text_storage.begin(), text_storage.end());
    SelectionInput input{.scores = scores,
                         .texts = texts,
                         .word_counts = word_counts,
                         .char_counts = char_counts,
                         .sentences = sentences,
                         .terms = use_terms ? &terms : nullptr};
    std::vector<Warning> warnings;
    Indices chosen = select_sentences(input, options, warnings);
    if (warnings_out) *warnings_out = warnings;
    return chosen;
  }
};

// A long document for the coverage tests: `body` sentences of prose whose terms drift from topic
// to topic and back (a topic every 6 sentences, 25 of them in turn; 5 of its 10 terms and 3 of
// 30 common ones), preceded by `front` sentences and followed by `back` ones of their own
// vocabulary (8 of 20 terms), as a title page or a licence. The body opens with 5 sentences
// about the whole (common terms only) or, with `central_lead` false, about nothing else in it.
// Scores in [0.5, 1), 12 words a sentence.
Document long_document(std::size_t front, std::size_t body, std::size_t back, bool central_lead = false) {
  std::mt19937 random(7);
  const auto pick = [&](std::uint32_t first, std::uint32_t count, std::size_t k) {
    std::vector<std::uint32_t> pool(count);
    std::iota(pool.begin(), pool.end(), first);
    std::shuffle(pool.begin(), pool.end(), random);
    pool.resize(k);
    return pool;
  };
  std::vector<std::vector<std::uint32_t>> terms;
  std::vector<double> scores;
  std::uniform_real_distribution<double> score(0.5, 1.0);
  for (std::size_t i = 0; i < front; ++i) terms.push_back(pick(2000, 20, 8)), scores.push_back(score(random));
  for (std::size_t i = 0; i < body; ++i) {
    if (i < 5) {
      terms.push_back(central_lead ? pick(0, 30, 8) : pick(1000, 20, 8)), scores.push_back(score(random));
      continue;
    }
    std::vector<std::uint32_t> ids = pick(0, 30, 3);
    const auto topic_terms = pick(100 + 10 * static_cast<std::uint32_t>(i / 6 % 25), 10, 5);
    ids.insert(ids.end(), topic_terms.begin(), topic_terms.end());
    terms.push_back(ids), scores.push_back(score(random));
  }
  for (std::size_t i = 0; i < back; ++i) terms.push_back(pick(3000, 20, 8)), scores.push_back(score(random));
  Document doc(scores);
  for (std::size_t i = 0; i < scores.size(); ++i) {
    doc.text_storage[i] = "The story goes on in passage " + std::to_string(i) + " with ships and weather.";
  }
  doc.word_counts.assign(scores.size(), 12);
  doc.set_terms(terms, 3020);
  return doc;
}

// The fifths of [first, first + count) that hold a chosen sentence.
std::size_t fifths_covered(const Indices& chosen, std::size_t first, std::size_t count) {
  std::set<std::size_t> fifths;
  for (std::size_t i : chosen) {
    if (i >= first && i < first + count) fifths.insert((i - first) * 5 / count);
  }
  return fifths.size();
}

TEST(SelectTest, SentenceBudgetTakesTheHighestScores) {
  Document doc({0.1, 0.4, 0.2, 0.3});
  EXPECT_EQ(doc.select({.sentences = 2}), (Indices{1, 3}));
  EXPECT_EQ(doc.select({.sentences = 1}), (Indices{1}));
  // A budget above the sentence count takes everything.
  EXPECT_EQ(doc.select({.sentences = 10}), (Indices{0, 1, 2, 3}));
}

TEST(SelectTest, OutputIsInDocumentOrder) {
  // Chosen by descending score (3, 2, 1), returned in document order.
  Document doc({0.1, 0.2, 0.3, 0.4});
  EXPECT_EQ(doc.select({.sentences = 3}), (Indices{1, 2, 3}));
}

TEST(SelectTest, TiesAreBrokenByLowerIndex) {
  Document equal({0.25, 0.25, 0.25, 0.25});
  EXPECT_EQ(equal.select({.sentences = 2}), (Indices{0, 1}));
  Document pairs({0.2, 0.3, 0.3, 0.2});
  EXPECT_EQ(pairs.select({.sentences = 1}), (Indices{1}));
  EXPECT_EQ(pairs.select({.sentences = 3}), (Indices{0, 1, 2}));
}

TEST(SelectTest, ScoresThatDifferOnlyByRoundingTie) {
  // A sentence and its repeat get scores a unit in the last place apart when their sums ran in a
  // different order: the earlier one must win, not the rounding.
  const double score = 0.10403875134663293;
  Document repeat({0.05, std::nextafter(score, 0.0), std::nextafter(score, 1.0)});
  repeat.by_score_alone = true;
  EXPECT_EQ(repeat.select({.sentences = 1}), (Indices{1}));
  EXPECT_EQ(ranking_key(std::nextafter(score, 0.0)), ranking_key(std::nextafter(score, 1.0)));
  // Real differences keep their order.
  EXPECT_GT(ranking_key(score * (1.0 + 1e-9)), ranking_key(score));
  EXPECT_EQ(ranking_key(0.0), 0.0);
  EXPECT_EQ(ranking_key(0.5), 0.5);  // exactly representable in 36 bits
  EXPECT_NEAR(ranking_key(score), score, score * 1e-10);
  // Half-way cases round to even (test_api.py checks the Python twin on the same bit patterns).
  EXPECT_EQ(std::bit_cast<std::uint64_t>(ranking_key(std::bit_cast<double>(std::uint64_t{0x3FB0000000010000}))),
            std::uint64_t{0x3FB0000000000000});
  EXPECT_EQ(std::bit_cast<std::uint64_t>(ranking_key(std::bit_cast<double>(std::uint64_t{0x3FB0000000030000}))),
            std::uint64_t{0x3FB0000000040000});
}

TEST(SelectTest, RatioRoundsToNearestWithAMinimumOfOne) {
  // 10 sentences with descending scores, so the first k are chosen.
  Document doc({1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1});
  EXPECT_EQ(doc.select({.ratio = 0.34}), (Indices{0, 1, 2}));     // 3.4 → 3
  EXPECT_EQ(doc.select({.ratio = 0.36}), (Indices{0, 1, 2, 3}));  // 3.6 → 4
  EXPECT_EQ(doc.select({.ratio = 0.25}), (Indices{0, 1, 2}));     // 2.5 → 3 (half away from 0)
  EXPECT_EQ(doc.select({.ratio = 0.04}), (Indices{0}));           // 0.4 → 0, but at least 1
  EXPECT_EQ(doc.select({.ratio = 1.0}).size(), 10u);              // everything
}

TEST(SelectTest, WordBudgetSkipsWhatDoesNotFitButKeepsLooking) {
  // Descending scores; word counts 5, 3, 4, 2.
  Document doc({0.4, 0.3, 0.2, 0.1});
  doc.word_counts = {5, 3, 4, 2};
  EXPECT_EQ(doc.select({.words = 8}), (Indices{0, 1}));  // 5 + 3; neither 4 nor 2 fits
  // 5 + 3 = 8; sentence 2 (4 words) would make 12; the shorter, lower-ranked sentence 3 fits: 10.
  EXPECT_EQ(doc.select({.words = 10}), (Indices{0, 1, 3}));
  EXPECT_EQ(doc.select({.words = 14}), (Indices{0, 1, 2, 3}));
  // The best sentence alone is too long; the next ones still count.
  EXPECT_EQ(doc.select({.words = 4}), (Indices{1}));
}

TEST(SelectTest, CharBudgetSkipsWhatDoesNotFitButKeepsLooking) {
  Document doc({0.4, 0.3, 0.2, 0.1});
  doc.char_counts = {50, 30, 40, 20};
  EXPECT_EQ(doc.select({.chars = 80}), (Indices{0, 1}));
  EXPECT_EQ(doc.select({.chars = 100}), (Indices{0, 1, 3}));
  // 50 does not fit in 49; 30 does, and then neither 40 nor 20 fits in the remaining 19.
  EXPECT_EQ(doc.select({.chars = 49}), (Indices{1}));
}

TEST(SelectTest, CombinedBudgetsAllApply) {
  Document doc({0.6, 0.5, 0.4, 0.3, 0.2, 0.1});
  doc.by_score_alone = true;
  doc.word_counts = {4, 4, 1, 1, 1, 1};
  doc.char_counts = {10, 10, 10, 10, 10, 30};
  // Words alone would allow 0, 1, 2, 3, 4 (11 words of 11); sentences = 3 cuts at three.
  EXPECT_EQ(doc.select({.sentences = 3, .words = 11}), (Indices{0, 1, 2}));
  // Sentences alone would allow three; 6 words allow only 0 and then the one-word sentences.
  EXPECT_EQ(doc.select({.sentences = 3, .words = 6}), (Indices{0, 2, 3}));
  // The smaller of sentences and ratio: ratio 0.5 of 6 is 3, sentences 2 is smaller.
  EXPECT_EQ(doc.select({.sentences = 2, .ratio = 0.5}), (Indices{0, 1}));
  EXPECT_EQ(doc.select({.sentences = 5, .ratio = 0.5}), (Indices{0, 1, 2}));
  // Words allow everything; chars = 35 allows 0, 1, 2 (30 characters) and nothing more fits.
  EXPECT_EQ(doc.select({.words = 100, .chars = 35}), (Indices{0, 1, 2}));
  // All four at once: words = 9 stops at 0, 1, 2 (9 words); chars and sentences are looser.
  EXPECT_EQ(doc.select({.sentences = 4, .ratio = 1.0, .words = 9, .chars = 1000}), (Indices{0, 1, 2}));
}

TEST(SelectTest, DefaultIsFiveSentencesWhenNoBudgetIsSet) {
  Document doc({0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1});
  EXPECT_EQ(doc.select({}), (Indices{0, 1, 2, 3, 4}));
  // The default is for "no budget at all": a words or chars budget alone has no sentence cap.
  EXPECT_EQ(doc.select({.words = 1000}).size(), 8u);
  EXPECT_EQ(doc.select({.chars = 1000}).size(), 8u);
  // Fewer sentences than the default: all of them.
  Document short_doc({0.5, 0.3, 0.2});
  EXPECT_EQ(short_doc.select({}), (Indices{0, 1, 2}));
}

TEST(SelectTest, ExactRepeatsAreNeverChosenTwice) {
  // Sentences 0 and 2 have the same text; the repeat is skipped and the next best is taken.
  Document doc({0.4, 0.1, 0.35, 0.15});
  doc.text_storage[2] = doc.text_storage[0];
  EXPECT_EQ(doc.select({.sentences = 2}), (Indices{0, 3}));
  // Even with a threshold that lets every near-duplicate through.
  doc.set_terms({{0}, {1}, {2}, {3}}, 4);
  EXPECT_EQ(doc.select({.sentences = 2, .duplicate_threshold = 1.0}), (Indices{0, 3}));
}

TEST(SelectTest, NearDuplicatesAreSkippedByJaccardOfTerms) {
  Document doc({0.4, 0.3, 0.2, 0.1});
  doc.set_terms({{1, 2, 3, 4, 5},     // chosen first
                 {1, 2, 3, 4, 5, 6},  // Jaccard with 0: 5/6 ≈ 0.83
                 {1, 2, 3, 4},        // Jaccard with 0: 4/5 = 0.8 exactly
                 {7, 8}},             // unrelated
                9);
  // Default threshold 0.8: both 1 (0.83) and 2 (0.8, "at least") are near-duplicates of 0.
  EXPECT_EQ(doc.select({.sentences = 2}), (Indices{0, 3}));
  // Threshold 0.82: 2 (0.8) passes, 1 (0.83) does not.
  EXPECT_EQ(doc.select({.sentences = 2, .duplicate_threshold = 0.82}), (Indices{0, 2}));
  // Threshold 0.9: 1 passes; then 2 has Jaccard 4/6 with 1 and 0.8 with 0, under 0.9 too.
  EXPECT_EQ(doc.select({.sentences = 3, .duplicate_threshold = 0.9}), (Indices{0, 1, 2}));
  // Repeated ids inside a sentence are one term for Jaccard: {1,1,2,2,3,4,5} is {1,...,5}.
  doc.set_terms({{1, 2, 3, 4, 5}, {1, 1, 2, 2, 3, 4, 5}, {7}, {8}}, 9);
  EXPECT_EQ(doc.select({.sentences = 2, .duplicate_threshold = 1.0}), (Indices{0, 2}));
}

// The near-duplicate check is indexed (prefix filtering); it must skip exactly the sentences an
// all-pairs check skips.
TEST(SelectTest, NearDuplicateIndexAgreesWithAllPairs) {
  std::mt19937_64 rng(17);
  for (int trial = 0; trial < 200; ++trial) {
    const std::size_t n = std::uniform_int_distribution<std::size_t>(1, 60)(rng);
    const std::uint32_t vocabulary = std::uniform_int_distribution<std::uint32_t>(1, 12)(rng);
    std::vector<double> scores(n);
    for (double& score : scores) score = std::uniform_int_distribution<int>(0, 20)(rng);  // ties too
    Document doc(scores);
    std::vector<std::vector<std::uint32_t>> per_sentence(n);
    for (auto& ids : per_sentence) {
      for (std::size_t k = std::uniform_int_distribution<std::size_t>(0, 8)(rng); k > 0; --k) {
        ids.push_back(std::uniform_int_distribution<std::uint32_t>(0, vocabulary - 1)(rng));
      }
    }
    doc.set_terms(per_sentence, vocabulary);
    const auto set_of = [&](std::size_t s) {
      std::vector<std::uint32_t> ids = per_sentence[s];
      std::sort(ids.begin(), ids.end());
      ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
      return ids;
    };
    for (double threshold : {0.3, 0.5, 0.8, 1.0}) {
      // All pairs: greedy by descending score (ties: lower index).
      std::vector<std::size_t> order(n);
      for (std::size_t i = 0; i < n; ++i) order[i] = i;
      std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });
      Indices expected;
      for (std::size_t index : order) {
        const std::vector<std::uint32_t> a = set_of(index);
        bool near = false;
        for (std::size_t c : expected) {
          const std::vector<std::uint32_t> b = set_of(c);
          std::vector<std::uint32_t> shared;
          std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(shared));
          const double jaccard = a.empty() || b.empty() ? 0.0
                                                        : static_cast<double>(shared.size()) /
                                                              static_cast<double>(a.size() + b.size() - shared.size());
          near = near || jaccard >= threshold;
        }
        if (!near) expected.push_back(index);
      }
      std::sort(expected.begin(), expected.end());
      EXPECT_EQ(doc.select({.sentences = static_cast<std::int64_t>(n), .duplicate_threshold = threshold}), expected)
          << "trial " << trial << ", threshold " << threshold;
    }
    if (HasFailure()) return;
  }
}

TEST(SelectTest, SentencesWithoutTermsAreNotNearDuplicates) {
  // Jaccard of two empty term sets is not 1: wordless sentences ("!!!", "—") differ in text and
  // are kept apart only by their text.
  Document doc({0.3, 0.2, 0.1});
  doc.set_terms({{}, {}, {}}, 0);
  EXPECT_EQ(doc.select({.sentences = 3}), (Indices{0, 1, 2}));
}

TEST(SelectTest, UnterminatedSentencesAreSkippedWhenMostAreTerminated) {
  // The best sentence is an unterminated line (a heading); 3 of 4 sentences are terminated.
  Document doc({0.4, 0.3, 0.2, 0.1});
  doc.sentences[0].terminated = false;
  EXPECT_EQ(doc.select({.sentences = 2}), (Indices{1, 2}));
  // With skip_unterminated = false the heading is an ordinary candidate.
  EXPECT_EQ(doc.select({.sentences = 2, .skip_unterminated = false}), (Indices{0, 1}));
}

TEST(SelectTest, UnterminatedSentencesAreKeptWhenNotMostAreTerminated) {
  // Half the sentences terminated is not "most": the text is a list or bare lines, and skipping
  // would leave little to choose from.
  Document half({0.4, 0.3, 0.2, 0.1});
  half.sentences[0].terminated = false;
  half.sentences[1].terminated = false;
  EXPECT_EQ(half.select({.sentences = 2}), (Indices{0, 1}));
  Document none({0.4, 0.3, 0.2});
  for (Sentence& s : none.sentences) s.terminated = false;
  EXPECT_EQ(none.select({.sentences = 2}), (Indices{0, 1}));
}

TEST(SelectTest, AddressesAreStructureUpToAnAddressLength) {
  Document doc({0.5, 0.3, 0.2});
  doc.word_counts = {8, 8, 8};
  doc.text_storage = {"Write to tickets@example.com for the seats today.", "The band played until late in the night.",
                      "They met at noon@" + std::string(300, 'x') + ".y and left by train."};
  // The address is never chosen; an '@' whose '.' lies beyond 254 bytes makes no address.
  EXPECT_EQ(doc.select({.sentences = 2}), (Indices{1, 2}));
  EXPECT_EQ(doc.select({.sentences = 2, .skip_structure = false}), (Indices{0, 1}));
}

TEST(SelectTest, ShortFragmentsAreNotCandidates) {
  Document doc({0.5, 0.3, 0.2});
  doc.word_counts = {2, 6, 8};  // "Read more." outranks the prose; the median is 6
  EXPECT_EQ(doc.select({.sentences = 1, .min_length_ratio = 0.35}), (Indices{1}));  // < 2.1 words
  EXPECT_EQ(doc.select({.sentences = 1, .min_length_ratio = 0.0}), (Indices{0}));
  EXPECT_EQ(doc.select({.sentences = 1, .min_length_ratio = 0.3}), (Indices{0}));  // 2 >= 1.8
  // The median sentence always qualifies: the rule never empties a summary.
  EXPECT_EQ(doc.select({.sentences = 3, .min_length_ratio = 0.99}), (Indices{1, 2}));
  // Relative: the same ratio on a document of short sentences (Chinese words) keeps them.
  Document short_words({0.5, 0.3, 0.2});
  short_words.word_counts = {2, 3, 3};
  EXPECT_EQ(short_words.select({.sentences = 1, .min_length_ratio = 0.35}), (Indices{0}));
}

TEST(SelectTest, LengthPenaltyPrefersTheShorterOfSimilarScores) {
  // Scores 0.30 and 0.25 for 40 and 10 words (mean 20): with penalty 1, 0.30 · 20/40 = 0.15 <
  // 0.25 · 20/10 = 0.5, so the short sentence wins; with penalty 0 the score alone decides.
  Document doc({0.30, 0.25, 0.45});
  doc.word_counts = {40, 10, 10};
  EXPECT_EQ(doc.select({.sentences = 1, .length_penalty = 0.0}), (Indices{2}));
  EXPECT_EQ(doc.select({.sentences = 2, .length_penalty = 0.0}), (Indices{0, 2}));
  EXPECT_EQ(doc.select({.sentences = 2, .length_penalty = 1.0}), (Indices{1, 2}));
}

TEST(SelectTest, RedundancyPenaltyChoosesTheNovelSentence) {
  // 0 and 1 share most terms; 2 is about something else and scores a little lower. MMR takes 0,
  // then 2 over 1; without it, the two top scores.
  Document doc({0.40, 0.35, 0.25});
  doc.set_terms({{1, 2, 3, 4}, {1, 2, 3, 5}, {6, 7, 8}}, 9);
  EXPECT_EQ(doc.select({.sentences = 2}), (Indices{0, 1}));
  EXPECT_EQ(doc.select({.sentences = 2, .redundancy = 0.5}), (Indices{0, 2}));
  // A small trade-off keeps the higher score: (1 − 0.1)·0.35/0.4 − 0.1·0.75 > 0.9·0.25/0.4.
  EXPECT_EQ(doc.select({.sentences = 2, .redundancy = 0.1}), (Indices{0, 1}));
}

TEST(SelectTest, RedundancyPenaltyStillHonoursBudgets) {
  Document doc({0.40, 0.35, 0.25, 0.1});
  doc.set_terms({{1, 2}, {1, 3}, {4, 5}, {6}}, 7);
  doc.word_counts = {5, 5, 50, 5};
  // After 0, MMR prefers the novel 2, which does not fit; then 1 (similar, but higher) fits; 3
  // no longer does.
  EXPECT_EQ(doc.select({.words = 12, .min_length_ratio = 0.0, .redundancy = 0.5}), (Indices{0, 1}));
}

TEST(SelectTest, ExpectedSentenceCountOfEachBudget) {
  const std::vector<std::size_t> words(20, 10), chars(20, 60);
  EXPECT_DOUBLE_EQ(expected_sentence_count({.sentences = 3}, words, chars), 3);
  EXPECT_DOUBLE_EQ(expected_sentence_count({.ratio = 0.45}, words, chars), 9);
  EXPECT_DOUBLE_EQ(expected_sentence_count({}, words, chars), 5);
  EXPECT_DOUBLE_EQ(expected_sentence_count({.words = 40}, words, chars), 4);
  EXPECT_DOUBLE_EQ(expected_sentence_count({.sentences = 6, .chars = 120}, words, chars), 2);
  EXPECT_DOUBLE_EQ(expected_sentence_count({.sentences = 50}, words, chars), 20);
  EXPECT_DOUBLE_EQ(expected_sentence_count({.words = 1}, words, chars), 1);
}

TEST(SelectTest, BudgetTooSmallWarnsAndChoosesNothing) {
  Document doc({0.5, 0.3, 0.2});
  doc.word_counts = {5, 3, 4};
  std::vector<Warning> warnings;
  EXPECT_TRUE(doc.select({.words = 2}, &warnings).empty());
  EXPECT_EQ(warnings, std::vector<Warning>{Warning::kBudgetTooSmall});

  doc.char_counts = {50, 30, 40};
  EXPECT_TRUE(doc.select({.chars = 29}, &warnings).empty());
  EXPECT_EQ(warnings, std::vector<Warning>{Warning::kBudgetTooSmall});

  // When something fits there is no warning.
  EXPECT_EQ(doc.select({.words = 3}, &warnings), (Indices{1}));
  EXPECT_TRUE(warnings.empty());
}

TEST(SelectTest, WarningsAreAppendedNotReplaced) {
  Document doc({0.5, 0.5});
  doc.word_counts = {5, 5};
  SelectionInput input;
  doc.texts.assign(doc.text_storage.begin(), doc.text_storage.end());
  input.scores = doc.scores;
  input.texts = doc.texts;
  input.word_counts = doc.word_counts;
  input.char_counts = doc.char_counts;
  input.sentences = doc.sentences;
  std::vector<Warning> warnings{Warning::kNoEdges};
  EXPECT_TRUE(select_sentences(input, {.words = 1}, warnings).empty());
  EXPECT_EQ(warnings, (std::vector<Warning>{Warning::kNoEdges, Warning::kBudgetTooSmall}));
}

TEST(SelectTest, EmptyDocumentChoosesNothing) {
  Document doc({});
  std::vector<Warning> warnings;
  EXPECT_TRUE(doc.select({}, &warnings).empty());
  EXPECT_TRUE(doc.select({.sentences = 3, .words = 10}, &warnings).empty());
}

TEST(SelectTest, MismatchedSpansThrow) {
  Document doc({0.5, 0.3, 0.2});
  doc.texts.assign(doc.text_storage.begin(), doc.text_storage.end());
  std::vector<Warning> warnings;
  const std::vector<std::size_t> two_counts{1, 1};
  SelectionInput input{.scores = doc.scores,
                       .texts = doc.texts,
                       .word_counts = two_counts,
                       .char_counts = doc.char_counts,
                       .sentences = doc.sentences};
  try {
    select_sentences(input, {}, warnings);
    ADD_FAILURE() << "no exception";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidArgument);
  }
  // A TermMatrix with a different sentence count is a mismatch too.
  input.word_counts = doc.word_counts;
  TermMatrix two_sentences;
  two_sentences.offsets = {0, 0, 0};
  input.terms = &two_sentences;
  EXPECT_THROW(select_sentences(input, {}, warnings), Error);
}

}  // namespace
}  // namespace precis

namespace precis {
namespace {

TEST(SelectTest, InvalidOptionsThrowNamingTheField) {
  Document doc({0.5, 0.3, 0.2});
  for (const auto& [options, field] : std::vector<std::pair<SelectOptions, std::string>>{
           {{.sentences = -3}, "select.sentences"},
           {{.ratio = 1.5}, "select.ratio"},
           {{.duplicate_threshold = 0.0}, "select.duplicate_threshold"}}) {
    try {
      doc.select(options);
      ADD_FAILURE() << "no error for " << field;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::kInvalidArgument);
      EXPECT_NE(std::string(e.what()).find(field), std::string::npos) << e.what();
    }
  }
}

TEST(SelectTest, SentencesWithoutWordsAreNeverChosen) {
  Document doc({0.6, 0.3, 0.1});
  doc.word_counts = {0, 1, 0};  // "…………", a sentence, "-"
  EXPECT_EQ(doc.select({.sentences = 3}), (Indices{1}));
  doc.word_counts = {0, 0, 0};
  std::vector<Warning> warnings;
  EXPECT_TRUE(doc.select({.sentences = 3}, &warnings).empty());
  EXPECT_EQ(warnings, std::vector<Warning>{Warning::kNoCandidates});
}

TEST(SelectTest, LongDocumentSummaryCoversItsParts) {
  Document doc = long_document(0, 300, 0);
  for (std::size_t i = 0; i < 30; ++i) doc.scores[i] += 1.0;  // the opening ranks highest
  const Indices covering = doc.select({.sentences = 5});
  EXPECT_EQ(covering.size(), 5u);
  EXPECT_GE(fifths_covered(covering, 0, 300), 4u);
  const Indices by_score = doc.select({.sentences = 5, .cover_long_documents = false});
  EXPECT_EQ(fifths_covered(by_score, 0, 300), 1u);
  // 20 times the summary's length is long; shorter is ranked by score alone.
  EXPECT_EQ(fifths_covered(doc.select({.sentences = 16}), 0, 300), 1u);
}

TEST(SelectTest, ALeadAboutTheWholeDocumentIsItsSummary) {
  Document doc = long_document(0, 300, 0, true);
  EXPECT_EQ(doc.select({.sentences = 5}), (Indices{0, 1, 2, 3, 4}));
  EXPECT_NE(long_document(0, 300, 0, false).select({.sentences = 5}), (Indices{0, 1, 2, 3, 4}));
}

TEST(SelectTest, ALargerBudgetDoesNotMakeTheLeadCentral) {
  // 40 sentences of a 900-sentence document: the first 40 are as like the whole as any 40 are, but
  // the opening is not about the whole, so the summary still covers the document.
  EXPECT_GE(fifths_covered(long_document(0, 900, 0).select({.sentences = 40}), 0, 900), 4u);
}

TEST(SelectTest, BackAndFrontMatterAreNeverChosen) {
  Document doc = long_document(25, 300, 60);
  for (std::size_t i = 0; i < 25; ++i) doc.scores[i] += 2.0;  // as central as a licence can be
  for (std::size_t i = 325; i < 385; ++i) doc.scores[i] += 2.0;
  for (const std::size_t sentences : {5, 10, 15}) {
    const Indices chosen = doc.select({.sentences = sentences});
    EXPECT_EQ(chosen.size(), sentences);
    EXPECT_TRUE(std::ranges::all_of(chosen, [](std::size_t i) { return i >= 25 && i < 325; }));
    EXPECT_GE(fifths_covered(chosen, 25, 300), 4u);
  }
  // Front and back matter are structure: any document leaves them out, and without skip_structure
  // they compete.
  const auto in_body = [](std::size_t i) { return i >= 25 && i < 325; };
  EXPECT_TRUE(std::ranges::all_of(doc.select({.sentences = 5, .cover_long_documents = false}), in_body));
  EXPECT_FALSE(std::ranges::all_of(doc.select({.sentences = 5, .skip_structure = false}), in_body));
  Document shorter = long_document(25, 100, 30);  // not long for 10 sentences: 155 < 20 × 10
  for (std::size_t i = 125; i < 155; ++i) shorter.scores[i] += 2.0;
  EXPECT_TRUE(std::ranges::all_of(shorter.select({.sentences = 10}), [](std::size_t i) { return i >= 25 && i < 125; }));
  EXPECT_FALSE(std::ranges::all_of(shorter.select({.sentences = 10, .skip_structure = false}),
                                   [](std::size_t i) { return i >= 25 && i < 125; }));
}

TEST(SelectTest, SentencesThatSpeakTheBackMattersWordsGoWithIt) {
  Document doc = long_document(0, 300, 60);
  // A sentence of the body in the back matter's words: a licence summarized in the header.
  std::vector<std::vector<std::uint32_t>> terms;
  for (std::size_t i = 0; i < doc.terms.sentence_count(); ++i) {
    const auto begin = doc.terms.ids.begin();
    terms.emplace_back(begin + doc.terms.offsets[i], begin + doc.terms.offsets[i + 1]);
  }
  terms[150] = {3000, 3001, 3002, 3003, 3004, 3005, 3006, 3007};
  doc.set_terms(terms, 3020);
  doc.scores[150] = 5.0;
  EXPECT_FALSE(std::ranges::binary_search(doc.select({.sentences = 5}), std::size_t{150}));
  EXPECT_TRUE(std::ranges::binary_search(doc.select({.sentences = 5, .skip_structure = false}), std::size_t{150}));
}

TEST(SelectTest, AnEndingLikeTheRestIsNoBackMatter) {
  Document doc = long_document(0, 360, 0);
  for (std::size_t i = 300; i < 360; ++i) doc.scores[i] += 2.0;
  const Indices chosen = doc.select({.sentences = 5});
  EXPECT_TRUE(std::ranges::any_of(chosen, [](std::size_t i) { return i >= 300; }));
}

TEST(SelectTest, SentenceRanksOrderByDescendingScore) {
  const std::vector<double> scores{0.1, 0.3, 0.25, 0.2};
  EXPECT_EQ(sentence_ranks(scores), (Indices{4, 1, 2, 3}));
  EXPECT_TRUE(sentence_ranks({}).empty());
}

TEST(SelectTest, SentenceRanksBreakTiesByLowerIndex) {
  // Equal scores, and scores equal after ranking_key, rank in index order.
  const double a = 0.2;
  const double b = std::nextafter(a, 1.0);
  ASSERT_EQ(ranking_key(a), ranking_key(b));
  EXPECT_EQ(sentence_ranks(std::vector<double>{b, a, 0.5, a}), (Indices{2, 3, 1, 4}));
}

}  // namespace
}  // namespace precis
