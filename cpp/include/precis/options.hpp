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

namespace precis {

struct SegmentOptions {
  // ISO 639 language code, optionally with a region or script ("en", "de", "zh", "pt-BR"), or
  // "auto": the language is guessed from the script of the text (Han → zh, kana → ja, Hangul →
  // ko, Thai → th, Cyrillic → ru, Greek → el, Arabic → ar, Devanagari → hi, Latin and others →
  // en). Diagnostics::language reports the language actually used.
  std::string language = "auto";
  // Use ICU's abbreviation suppressions ("@ss=standard"), so "Mr. Smith" is one sentence.
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

  bool operator==(const SelectOptions&) const = default;
};

// The {} initializers let callers name only the groups they change ({.select = {...}}) without
// -Wmissing-field-initializers warnings.
struct SummarizerOptions {
  SegmentOptions segment{};
  TokenOptions tokens{};
  GraphOptions graph{};
  RankOptions rank{};
  SelectOptions select{};

  bool operator==(const SummarizerOptions&) const = default;
};

// Throws Error{kInvalidArgument} with a message naming the first invalid field and its value,
// e.g. "rank.damping must be in (0, 1), got 1.2".
void validate(const SummarizerOptions& options);
}  // namespace precis
