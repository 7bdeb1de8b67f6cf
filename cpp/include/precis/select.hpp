// Budgeted choice of summary sentences.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

#include "precis/graph.hpp"
#include "precis/options.hpp"
#include "precis/types.hpp"

namespace precis {

// What selection needs to know of every sentence of a document; all spans have one entry per
// sentence.
struct SelectionInput {
  std::span<const double> scores;
  std::span<const std::string_view> texts;   // exact repeats are never chosen twice
  std::span<const std::size_t> word_counts;  // for the words budget
  std::span<const std::size_t> char_counts;  // code points, for the chars budget
  std::span<const Sentence> sentences;       // Sentence::terminated, see skip_unterminated
  const TermMatrix* terms = nullptr;         // for near-duplicates; nullptr: exact repeats only
  // With a query (query_relevance in rank.hpp): both empty, or one entry per sentence.
  std::span<const double> query_match;
  std::span<const double> query_relevance;
};

// A score as ranking compares it: rounded to 36 significant bits, half to even (a relative step
// of 1.5e-11, far finer than PageRank's tolerance). Scores that differ by a few units in the last
// place, such as those of a sentence and its exact repeat, whose sums ran in a different order,
// then almost always tie (unless a rounding boundary falls between them: about once in 10^4
// such pairs), and the lower index ranks first. Zero, infinities and NaN are returned as they are.
double ranking_key(double score);

// The rank of every sentence by its score: 1 for the highest ranking_key(score), ties by lower
// index (the order in which selection considers sentences when nothing else applies).
std::vector<std::size_t> sentence_ranks(std::span<const double> scores);

// Chooses the summary's sentences among the candidates: sentences with a word, less unterminated
// lines (SelectOptions::skip_unterminated), fragments (min_length_ratio) and structure
// (skip_structure). The order of choice is one of three:
//   - with a query (query_match given, some sentence matching): the passage that answers it,
//     anchored at the matching sentence of highest query_relevance that fits the budget, then the
//     sentences after it, then those before it;
//   - in a long document (is_long_document): round(share · e) lead sentences, the share growing
//     with the lead's similarity to the document, then rounds over ten equal parts, the best
//     candidate of each first;
//   - otherwise descending ranking_key of the score scaled for length (length_penalty; ties:
//     lower index first) and, after the first choice, discounted for redundancy with the chosen
//     sentences (maximal marginal relevance, redundancy, which needs `terms`).
// Skips a sentence that repeats or nearly repeats a chosen one, or whose words or chars would
// break a budget (a shorter, later one may still fit). Stops when the sentence-count budget (from
// `sentences` and `ratio`, the smaller) is reached. Returns indices in document order.
// Appends kBudgetTooSmall or kNoCandidates to `warnings` when nothing could be chosen for that
// reason. Throws Error{kInvalidArgument} when the spans' sizes differ or `options` is invalid.
std::vector<std::size_t> select_sentences(const SelectionInput& input, const SelectOptions& options,
                                          std::vector<Warning>& warnings);

// Whether a document of `sentence_count` sentences is long for a summary of `expected` of them
// (expected_sentence_count()): SelectOptions::cover_long_documents applies and it has at least
// kLongDocumentRatio times as many.
inline constexpr double kLongDocumentRatio = 20.0;
bool is_long_document(const SelectOptions& options, std::size_t sentence_count, double expected);

// How many sentences a budget amounts to for a document with these word and character counts:
// the sentence-count budget (sentences, ratio, or 5 when no budget is set), or for a words or
// chars budget the number of sentences of mean length it holds, whichever is smallest; at least
// 1, at most the sentence count. Used to scale the position prior (RankOptions).
double expected_sentence_count(const SelectOptions& options, std::span<const std::size_t> word_counts,
                               std::span<const std::size_t> char_counts);

}  // namespace precis
