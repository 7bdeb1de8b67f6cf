// Options for every stage of the pipeline, with their defaults documented here and nowhere else.
//
// Options are plain aggregates, so C++20 designated initializers read well:
//
//   precis::SummarizerOptions options{.segment = {.language = "de"},
//                                     .select = {.sentences = 3}};
//
// validate() checks every field once; Summarizer's constructor calls it, so a Summarizer never
// holds invalid options. The same options serialize to and from JSON (json.hpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace precis {

// What summarize() does with text that is not well-formed UTF-8.
enum class InvalidUtf8 {
  // Throw Error{kInvalidUtf8} naming the byte offset of the first ill-formed sequence.
  kError,
  // Summarize a repaired copy in which each maximal ill-formed subsequence is replaced by U+FFFD
  // (the Unicode "substitution of maximal subparts" practice, as ICU, Python and browsers do):
  // replace_invalid_utf8(text) in segmenter.hpp. Offsets in the Summary refer to that copy;
  // Diagnostics::replaced_sequences counts the replacements (warning kInvalidUtf8Replaced).
  kReplace,
};

// What summarize() does with text longer than InputOptions::max_bytes.
enum class TooLong {
  // Throw Error{kInputTooLarge} giving the size and the limit.
  kError,
  // Summarize the first max_bytes bytes at most: the cut moves back to a code point boundary, and
  // to the last ASCII white space among the final 256 bytes when there is one, so no word is cut
  // in half. Offsets are unchanged (the text kept is a prefix); Diagnostics::truncated_bytes
  // says how many bytes were left out (warning kTruncated).
  kTruncate,
};

// "error", "replace"; "error", "truncate".
std::string_view to_string(InvalidUtf8 policy) noexcept;
std::string_view to_string(TooLong policy) noexcept;
// Parse the names above; throw Error{kInvalidArgument} naming `option_name` otherwise.
InvalidUtf8 invalid_utf8_from_string(std::string_view name, std::string_view option_name = "input.on_invalid_utf8");
TooLong too_long_from_string(std::string_view name, std::string_view option_name = "input.on_too_long");

// Guards for input from untrusted sources: a service that must bound its work per request, or
// a corpus with stray bytes that should be summarized anyway.
struct InputOptions {
  // Longest text summarize() accepts, in UTF-8 bytes; 0: no limit other than ICU's (texts of
  // 2 GiB or more, which are errors unless on_too_long is kTruncate).
  std::size_t max_bytes = 0;
  TooLong on_too_long = TooLong::kError;
  InvalidUtf8 on_invalid_utf8 = InvalidUtf8::kError;

  bool operator==(const InputOptions&) const = default;
};

struct SegmentOptions {
  // ISO 639 language code, optionally with a region or script ("en", "de", "zh", "pt-BR"), or
  // "auto": the language is guessed from the script of the text (Han → zh, kana → ja, Hangul →
  // ko, Thai → th, Cyrillic → ru, Greek → el, Arabic → ar, Devanagari → hi, Hebrew → he,
  // Armenian → hy, Georgian → ka, Ethiopic → am, Myanmar → my, Latin and others → en).
  // Diagnostics::language reports the language actually used.
  std::string language = "auto";
  // Use the language's abbreviation rules (titles, abbreviations, initials such as "Jonas E.
  // Smith", multi-period forms such as "U.S."; lists in cpp/data/segmentation), so "Mr. Smith" is
  // one sentence. With false, a period followed by a capital always ends a sentence, as in ICU.
  bool suppress_abbreviations = true;
  // A single line break inside prose (hard-wrapped text) does not end a sentence. Blank lines
  // always do, and so does a line break after a short line without final punctuation (a heading
  // or a caption) or before a list item. With false, every line break ends a sentence.
  bool join_wrapped_lines = true;
  // Split "word.Word" where a sentence ends without a space before the next ("speech.Photo by").
  bool split_glued_sentences = true;

  bool operator==(const SegmentOptions&) const = default;
};

struct TokenOptions {
  // Drop the builtin stopword list of the language (when it has one) from the features.
  bool remove_stopwords = true;
  // Reduce words to their Snowball stem (when the language has a Snowball stemmer).
  bool stem = true;
  // Keep number tokens ("2024", "3.5") as features.
  bool keep_numbers = true;

  bool operator==(const TokenOptions&) const = default;
};

// Similarity of two sentences, the edge weights of the sentence graph. With S_i the content
// terms of sentence i, tf_i(t) the count of t in S_i, N sentences, df(t) the number of
// sentences containing t:
enum class Similarity {
  // Mihalcea & Tarau (2004): |distinct terms shared| / (log|S_i| + log|S_j|). When both
  // sentences have one term the denominator is 0 and 1 is used instead.
  kTextRank,
  // Barrios et al. (2016), Okapi BM25 with k1 = 1.2, b = 0.75 and idf floored at 0.25 times
  // the mean idf: bm25(i, j) = Σ_{t∈S_j} idf(t)·tf_i(t)·(k1+1) / (tf_i(t) + k1·(1−b+b·|S_i|/avg|S|)),
  // with idf(t) = log((N − df(t) + 0.5) / (df(t) + 0.5)). BM25 is asymmetric; the edge weight is
  // the mean of both directions, so the graph stays undirected.
  kBm25,
  // LexRank-style cosine of tf-idf vectors, idf(t) = log((1 + N) / (1 + df(t))) + 1.
  kCosine,
};

// "textrank", "bm25", "cosine".
std::string_view to_string(Similarity similarity) noexcept;
// Parses the names above; throws Error{kInvalidArgument} naming `option_name` otherwise.
Similarity similarity_from_string(std::string_view name, std::string_view option_name = "similarity");

struct GraphOptions {
  Similarity similarity = Similarity::kTextRank;
  // Edges lighter than this are dropped (0 keeps every edge with a shared term). >= 0.
  double min_edge_weight = 0.0;
  // Long documents get a sparser graph, in two steps; news-length documents are far below both
  // limits and get exactly the full graph (tests/cpp/graph_test.cpp, benchmarks/RESULTS.md).
  //
  // Each sentence keeps its max_neighbors heaviest edges (ties: the earlier sentence), and an
  // edge stays when either of its sentences keeps it, so the graph stays symmetric and has at
  // most n · max_neighbors edges. PageRank follows each sentence's total edge weight, which the
  // cut takes away unevenly, so the kept edges are then rebalanced (4 rounds of
  // w_ij ← w_ij·√(f_i·f_j), f_i = √(full total_i / kept total_i)); min_edge_weight applies before
  // that. The cap applies only when some sentence could have more than max_neighbors
  // neighbours; otherwise the graph is exactly the full one. 0: no limit.
  std::size_t max_neighbors = 150;
  // A term found in df sentences links df·(df−1)/2 pairs, all of which must be visited; when the
  // sum over all terms exceeds max_pairs_per_sentence × n, the most common terms (highest df, all
  // terms of one df together) are left out of the graph until the rest fit, which bounds the work
  // on very long texts. Their contribution is missing from every edge weight; idf, norms and
  // sentence lengths still count them. 0: no limit.
  std::size_t max_pairs_per_sentence = 250;

  bool operator==(const GraphOptions&) const = default;
};

struct RankOptions {
  // PageRank damping factor, in (0, 1).
  double damping = 0.85;
  // Stop when the L1 change of the score vector between two iterations is below this. > 0.
  double tolerance = 1e-6;
  // Hard cap on power iterations; Diagnostics::converged says whether tolerance was reached. >= 1.
  int max_iterations = 100;
  // Position prior: with w = position_weight, the final score of sentence i (0-based) is
  //   score_i ∝ pagerank_i^(1 − w) · prior_i^w,   prior_i ∝ 1/(i + 1),
  // a log-linear mix of centrality and position (apply_position_prior in rank.hpp; the
  // Summarizer applies it, pagerank() does not). In [0, 1]; 0 is classic TextRank.
  double position_weight = 1.0;
  // The Summarizer scales position_weight by (1 − k/n)^position_budget_exponent for a budget of
  // k of n sentences: the lead carries a news story when a summary keeps 3 of 30 sentences
  // (w · 0.73), much less when it keeps 9 of 20 (w · 0.17), where the summary is about coverage.
  // pagerank() itself applies position_weight as given. >= 0; 0 does not scale.
  double position_budget_exponent = 3.0;
  // With a query (Summarizer::summarize(text, select, query)): the share of the teleport
  // distribution that goes to sentences in proportion to the query terms they contain (biased
  // TextRank). In [0, 1].
  double query_weight = 0.8;

  bool operator==(const RankOptions&) const = default;
};

// How long the summary may be. Every limit that is set applies (the summary satisfies all of
// them at once); when none is set, `sentences = 5` applies.
struct SelectOptions {
  std::optional<std::int64_t> sentences{};  // at most this many sentences, >= 1
  std::optional<double> ratio{};            // at most round(ratio × sentence count) sentences, at
                                            // least 1; ratio in (0, 1]
  std::optional<std::int64_t> words{};      // at most this many words in total, >= 1
  std::optional<std::int64_t> chars{};      // at most this many characters (code points) in total
                                            // over the chosen sentences, >= 1
  // A candidate whose set of terms has a Jaccard similarity of at least this with an already
  // chosen sentence is skipped as a near-duplicate (exact repeats always are). In (0, 1].
  double duplicate_threshold = 0.8;
  // Lines without sentence-final punctuation (headings, captions, bylines, tag lists) are not
  // chosen when most sentences of the document do end with punctuation. false keeps them.
  bool skip_unterminated = true;
  // Sentences with fewer words than min_length_ratio × the median word count of the document's
  // sentences (fragments such as "Photo: Reuters.", "Read more." or a dateline "April 22nd to
  // 24th, Chongqing.") are not chosen. Relative, so that it means the same in languages with
  // short words (Chinese) and long ones. In [0, 1); 0 keeps all.
  double min_length_ratio = 0.35;
  // Length normalization of the order of choice: a sentence is ranked by
  // score · (mean words per sentence / its words)^length_penalty, because centrality favours
  // long sentences, which costs precision. In [0, 1]; 0 ranks by score alone.
  double length_penalty = 0.2;
  // Maximal marginal relevance (Carbonell & Goldstein 1998): the next sentence maximizes
  // (1 − redundancy) · score / max score − redundancy · (largest cosine similarity of its terms
  // with a chosen sentence). In [0, 1); 0 chooses by score alone.
  double redundancy = 0.0;

  bool operator==(const SelectOptions&) const = default;
};

// The {} initializers let callers name only the groups they change ({.select = {...}}) without
// -Wmissing-field-initializers warnings.
struct SummarizerOptions {
  InputOptions input{};
  SegmentOptions segment{};
  TokenOptions tokens{};
  GraphOptions graph{};
  RankOptions rank{};
  SelectOptions select{};

  bool operator==(const SummarizerOptions&) const = default;
};

// Named presets beside the default (SummarizerOptions{}), measured by benchmarks/eval_summaries.py:
//   "default"   SummarizerOptions{}: centrality with a position prior that fades as the budget
//               grows, length normalization, candidate filters.
//   "news-lead" a position prior that fades more slowly as the budget grows
//               (position_budget_exponent 1): closer to LEAD-k, for lead-first news stories.
//   "coverage"  no position prior, MMR redundancy 0.2: for summaries that should cover the whole
//               document, such as long extractive digests.
//   "classic"   Mihalcea & Tarau's TextRank: no prior, no length normalization, no MMR and no
//               candidate filters beyond exact repeats.
// Throws Error{kInvalidArgument} naming the known presets for any other name.
SummarizerOptions preset_options(std::string_view name);
// The names above, in that order.
const std::vector<std::string_view>& preset_names();

// Throws Error{kInvalidArgument} with a message naming the first invalid field and its value,
// e.g. "rank.damping must be in (0, 1), got 1.2".
void validate(const SummarizerOptions& options);
}  // namespace precis
