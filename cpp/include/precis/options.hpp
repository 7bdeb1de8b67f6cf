// Options for every stage of the pipeline, with their defaults documented here and nowhere else.
//
// Options are plain aggregates, so C++20 designated initializers read well:
//
//   precis::SummarizerOptions options{.segment = {.language = "de"},
//                                     .select = {.sentences = 3}};
//
// Each struct lists its fields once, with their documentation and valid ranges, in fields()
// (fields.hpp); the defaults are the member initializers. validate() checks every field against
// its range; Summarizer's constructor calls it, so a Summarizer never holds invalid options. The
// same tables give the JSON form (json.hpp) and the Python properties.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "precis/fields.hpp"

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
constexpr auto enum_names(InvalidUtf8) {
  using enum InvalidUtf8;
  return std::array{std::pair{kError, std::string_view("error")}, std::pair{kReplace, std::string_view("replace")}};
}

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
constexpr auto enum_names(TooLong) {
  using enum TooLong;
  return std::array{std::pair{kError, std::string_view("error")}, std::pair{kTruncate, std::string_view("truncate")}};
}

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
constexpr auto enum_names(Similarity) {
  using enum Similarity;
  return std::array{std::pair{kTextRank, std::string_view("textrank")}, std::pair{kBm25, std::string_view("bm25")},
                    std::pair{kCosine, std::string_view("cosine")}};
}

// Guards for input from untrusted sources: a service that must bound its work per request, or
// a corpus with stray bytes that should be summarized anyway.
struct InputOptions {
  std::size_t max_bytes = 0;
  TooLong on_too_long = TooLong::kError;
  InvalidUtf8 on_invalid_utf8 = InvalidUtf8::kError;
  double deadline_ms = 0.0;

  static constexpr auto fields() {
    return std::tuple{
        field("max_bytes", &InputOptions::max_bytes,
              "Longest text accepted, in UTF-8 bytes; 0: no limit other than ICU's (texts of 2 GiB "
              "or more, which are errors unless on_too_long is 'truncate')."),
        field("on_too_long", &InputOptions::on_too_long,
              "'error' (InputTooLargeError) or 'truncate' (summarize the beginning; "
              "diagnostics.truncated_bytes says how much was left out)."),
        field("on_invalid_utf8", &InputOptions::on_invalid_utf8,
              "'error' or 'replace': ill-formed UTF-8 (lone surrogates, from Python) becomes U+FFFD, "
              "counted in diagnostics.replaced_sequences."),
        field("deadline_ms", &InputOptions::deadline_ms,
              "Stop with DeadlineExceededError once a call has run this many milliseconds; checked "
              "after each stage (sentences and tokens, terms, keyphrases, graph, ranking, selection), each "
              "linear in the text, so a call ends at most one stage late. 0: no limit.",
              Range::at_least(0)),
    };
  }
  bool operator==(const InputOptions&) const = default;
};

struct SegmentOptions {
  std::string language = "auto";
  bool suppress_abbreviations = true;
  bool join_wrapped_lines = true;
  bool split_glued_sentences = true;

  static constexpr auto fields() {
    return std::tuple{
        field("language", &SegmentOptions::language,
              "ISO 639 language code, optionally with a region or script ('en', 'de', 'zh', "
              "'pt-BR'), or 'auto': the language is detected (precis.detect_language: the script, "
              "then a character n-gram model among the languages sharing it; the script's usual "
              "language, with the warning language_uncertain, when the text cannot tell). "
              "diagnostics.language reports the language used."),
        field("suppress_abbreviations", &SegmentOptions::suppress_abbreviations,
              "Use the language's abbreviation rules (titles, initials, multi-period forms such as "
              "'U.S.'; lists in cpp/data/segmentation), so 'Mr. Smith' is one sentence. With false, "
              "a period followed by a capital always ends a sentence, as in ICU."),
        field("join_wrapped_lines", &SegmentOptions::join_wrapped_lines,
              "A single line break inside prose (hard-wrapped text) does not end a sentence. Blank "
              "lines always do, and so does a line break after a short line without final "
              "punctuation (a heading) or before a list item. With false, every line break ends a "
              "sentence."),
        field("split_glued_sentences", &SegmentOptions::split_glued_sentences,
              "Split 'word.Word' where a sentence ends without a space before the next "
              "('speech.Photo by')."),
    };
  }
  bool operator==(const SegmentOptions&) const = default;
};

struct TokenOptions {
  bool remove_stopwords = true;
  bool stem = true;
  bool keep_numbers = true;

  static constexpr auto fields() {
    return std::tuple{
        field("remove_stopwords", &TokenOptions::remove_stopwords,
              "Drop the builtin stopword list of the language (when it has one) from the features."),
        field("stem", &TokenOptions::stem,
              "Reduce words to their Snowball stem (when the language has a Snowball stemmer)."),
        field("keep_numbers", &TokenOptions::keep_numbers, "Keep number tokens ('2024', '3.5') as features."),
    };
  }
  bool operator==(const TokenOptions&) const = default;
};

struct GraphOptions {
  Similarity similarity = Similarity::kTextRank;
  double min_edge_weight = 0.0;
  std::size_t full_graph_sentences = 250;
  std::size_t max_neighbors = 40;
  std::size_t max_pairs_per_sentence = 100;

  static constexpr auto fields() {
    return std::tuple{
        field("similarity", &GraphOptions::similarity,
              "Edge weight of two sentences: 'textrank' (Mihalcea & Tarau 2004), 'bm25' (Barrios "
              "et al. 2016) or 'cosine' (tf-idf); formulas at enum Similarity."),
        field("min_edge_weight", &GraphOptions::min_edge_weight,
              "Edges lighter than this are dropped (0 keeps every edge with a shared term).", Range::at_least(0)),
        field("full_graph_sentences", &GraphOptions::full_graph_sentences,
              "A document of at most this many sentences (news, reports) gets the full graph: an "
              "edge for every pair of sentences that share a term. A longer one (books, transcripts) "
              "gets max_neighbors and max_pairs_per_sentence, which make the graph's work grow "
              "linearly with the length."),
        field("max_neighbors", &GraphOptions::max_neighbors,
              "Each sentence keeps its max_neighbors heaviest edges (ties: the earlier sentence); an "
              "edge stays when either end keeps it, so the graph stays symmetric with at most "
              "n * max_neighbors edges. The kept edges are then rebalanced so each sentence keeps "
              "its share of the total weight (w_ij *= sqrt(f_i * f_j), f_i = sqrt(full total_i / "
              "kept total_i), 4 rounds). Applies beyond full_graph_sentences, and only when some sentence "
              "has more neighbours. 0: no limit."),
        field("max_pairs_per_sentence", &GraphOptions::max_pairs_per_sentence,
              "A term found in df sentences links df*(df-1)/2 pairs; when the sum over all terms "
              "exceeds max_pairs_per_sentence * n, the most common terms (highest df, all terms of "
              "one df together) are left out of the graph until the rest fit, which bounds the work "
              "on very long texts (idf, norms and lengths still count them). Applies beyond "
              "full_graph_sentences. 0: no limit."),
    };
  }
  bool operator==(const GraphOptions&) const = default;
};

struct RankOptions {
  double damping = 0.85;
  double tolerance = 1e-6;
  int max_iterations = 100;
  double position_weight = 1.0;
  double position_budget_exponent = 3.0;
  double query_weight = 0.8;

  static constexpr auto fields() {
    return std::tuple{
        field("damping", &RankOptions::damping, "PageRank damping factor.", Range::open(0, 1)),
        field("tolerance", &RankOptions::tolerance,
              "Stop when the L1 change of the score vector between two iterations is below this.",
              Range::greater_than(0)),
        field("max_iterations", &RankOptions::max_iterations,
              "Hard cap on power iterations; diagnostics.converged says whether tolerance was reached.",
              Range::at_least(1)),
        field("position_weight", &RankOptions::position_weight,
              "Position prior: score_i ~ pagerank_i^(1 - w) * prior_i^w with prior_i ~ 1/(i + 1), "
              "a log-linear mix of centrality and position (apply_position_prior in rank.hpp; the "
              "Summarizer applies it, pagerank() does not). 0 is classic TextRank.",
              Range::closed(0, 1)),
        field("position_budget_exponent", &RankOptions::position_budget_exponent,
              "The Summarizer scales position_weight by (1 - k/n)^position_budget_exponent for a "
              "budget of k of n sentences: the lead carries a news story when a summary keeps 3 of "
              "30 sentences, much less when it keeps 9 of 20. 0 does not scale.",
              Range::at_least(0)),
        field("query_weight", &RankOptions::query_weight,
              "With a query: the share of PageRank's teleport distribution that goes to sentences "
              "in proportion to the query terms they contain (biased TextRank).",
              Range::closed(0, 1)),
    };
  }
  bool operator==(const RankOptions&) const = default;
};

// How long the summary may be, and which sentences may be chosen. Every budget that is set
// applies (the summary satisfies all of them at once); when none is set, `sentences = 5` applies.
struct SelectOptions {
  std::optional<std::int64_t> sentences{};
  std::optional<double> ratio{};
  std::optional<std::int64_t> words{};
  std::optional<std::int64_t> chars{};
  double duplicate_threshold = 0.8;
  bool skip_unterminated = true;
  double min_length_ratio = 0.35;
  double length_penalty = 0.2;
  double redundancy = 0.0;
  bool skip_structure = true;
  bool cover_long_documents = true;
  std::int64_t keywords = 0;

  static constexpr auto fields() {
    return std::tuple{
        field("sentences", &SelectOptions::sentences, "Budget: at most this many sentences.", Range::at_least(1)),
        field("ratio", &SelectOptions::ratio, "Budget: at most round(ratio * sentence count) sentences, at least 1.",
              Range::open_closed(0, 1)),
        field("words", &SelectOptions::words, "Budget: at most this many words in total.", Range::at_least(1)),
        field("chars", &SelectOptions::chars,
              "Budget: at most this many characters (code points) in total over the chosen sentences.",
              Range::at_least(1)),
        field("duplicate_threshold", &SelectOptions::duplicate_threshold,
              "A candidate whose set of terms has a Jaccard similarity of at least this with a chosen "
              "sentence is skipped as a near-duplicate (exact repeats always are).",
              Range::open_closed(0, 1)),
        field("skip_unterminated", &SelectOptions::skip_unterminated,
              "Lines without sentence-final punctuation (headings, captions, bylines) are not chosen "
              "when most sentences of the document do end with punctuation."),
        field("min_length_ratio", &SelectOptions::min_length_ratio,
              "Sentences with fewer words than this times the median word count of the document's "
              "sentences (fragments such as 'Photo: Reuters.') are not chosen; relative, so it means "
              "the same in languages with short and long words. 0 keeps all.",
              Range::closed_open(0, 1)),
        field("length_penalty", &SelectOptions::length_penalty,
              "Length normalization of the order of choice: a sentence is ranked by score * (mean "
              "words per sentence / its words)^length_penalty, since centrality favours long "
              "sentences. 0 ranks by score alone.",
              Range::closed(0, 1)),
        field("redundancy", &SelectOptions::redundancy,
              "Maximal marginal relevance (Carbonell & Goldstein 1998): the next sentence maximizes "
              "(1 - redundancy) * score / max score - redundancy * (largest cosine similarity of its "
              "terms with a chosen sentence). 0 chooses by score alone.",
              Range::closed_open(0, 1)),
        field("skip_structure", &SelectOptions::skip_structure,
              "Structure and fragments are not chosen: lines mostly in capitals or in title case "
              "(headings, tables of contents), lines ending in a number (page numbers), addresses "
              "(URLs, e-mail), continuations that start in lower case, sentences with fewer than "
              "5 words or fewer than 4 distinct content terms (6 in a long document), and front and "
              "back matter: a block at either end whose terms the rest hardly uses (a licence, a title "
              "page), with the sentences elsewhere that speak its words."),
        field("cover_long_documents", &SelectOptions::cover_long_documents,
              "In a document of at least 20 times as many sentences as the summary holds, the "
              "summary covers the document: no position prior; the lead gets a share of the budget "
              "that grows with its similarity to the whole document, and the rest goes round the "
              "body's ten equal parts, the most central candidate of each first (MMR does not "
              "apply)."),
        field("keywords", &SelectOptions::keywords,
              "Also extract this many keyphrases (Summary.keywords), from the same segmentation; "
              "options.keyphrases says how. 0: none.",
              Range::at_least(0)),
    };
  }
  bool operator==(const SelectOptions&) const = default;
};

// Keyphrases, TextRank's other half (Mihalcea & Tarau 2004): a graph of the candidate words, each
// linked to the next cooccurrence_window - 1 candidates of the text; weighted PageRank; then
// phrases of adjacent candidates, scored by the sum of their words' scores and how often they
// occur. A candidate is a word (no number) of at least two characters that is no stopword of the
// language, nor of its keyphrase stop list (cpp/data/keywords), outside lines written in capitals
// (headings such as "CHAPTER II"). Without a part-of-speech model, a
// phrase is a run of candidates with nothing but spaces or a hyphen between them (punctuation and
// line breaks end it), cut by the language's keyphrase rules: in English a plural ends a phrase
// ("gradient descent yields sparse models" gives "gradient descent yields" and "sparse models")
// and no phrase ends in "-ed" or "-ly".
struct KeyphraseOptions {
  std::size_t cooccurrence_window = 2;
  double keyphrase_position_weight = 0.5;
  std::size_t max_phrase_words = 5;
  std::size_t max_unspaced_phrase_words = 2;
  double single_word_weight = 0.5;
  double phrase_frequency_exponent = 0.5;
  bool keyphrase_rules = true;

  static constexpr auto fields() {
    return std::tuple{
        field("cooccurrence_window", &KeyphraseOptions::cooccurrence_window,
              "Two candidate words are linked when at most this many candidates apart in the text "
              "(2: neighbours, as in TextRank; 10 is SingleRank's window).",
              Range::at_least(2)),
        field("keyphrase_position_weight", &KeyphraseOptions::keyphrase_position_weight,
              "The share of the word graph's teleport distribution that goes to words by their "
              "positions (sum of 1/(k+1) over their occurrences, k counting candidates: "
              "PositionRank, Florescu & Caragea 2017); the rest goes by frequency. 0: by frequency only.",
              Range::closed(0, 1)),
        field("max_phrase_words", &KeyphraseOptions::max_phrase_words,
              "Runs of candidates longer than this are no keyphrases (lists, headlines in title case).",
              Range::at_least(1)),
        field("max_unspaced_phrase_words", &KeyphraseOptions::max_unspaced_phrase_words,
              "In text written without spaces (Chinese, Japanese, Thai), where ICU's dictionary "
              "words are short and stopwords rarely cut a clause, keyphrases are every sequence of "
              "1 to this many adjacent candidate words.",
              Range::at_least(1)),
        field("single_word_weight", &KeyphraseOptions::single_word_weight,
              "A keyphrase of one word scores this times its word's score: a phrase names a topic "
              "more often than its head word alone.",
              Range::closed(0, 1)),
        field("phrase_frequency_exponent", &KeyphraseOptions::phrase_frequency_exponent,
              "A keyphrase's score is multiplied by its number of occurrences to this power: in a long "
              "text the phrase written 17 times is the topic, its one-off extensions are not. 0: "
              "ignore repeats.",
              Range::closed(0, 1)),
        field("keyphrase_rules", &KeyphraseOptions::keyphrase_rules,
              "Use the language's keyphrase stop list and phrase rules (cpp/data/keywords) when it "
              "has them; false: the language's stopwords only."),
    };
  }
  bool operator==(const KeyphraseOptions&) const = default;
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
  KeyphraseOptions keyphrases{};

  static constexpr auto fields() {
    return std::tuple{
        field("input", &SummarizerOptions::input, "Guards for untrusted input: a size limit, ill-formed text."),
        field("segment", &SummarizerOptions::segment, "How text is split into sentences."),
        field("tokens", &SummarizerOptions::tokens, "How sentences become content terms."),
        field("graph", &SummarizerOptions::graph, "How the sentence-similarity graph is weighted."),
        field("rank", &SummarizerOptions::rank, "PageRank parameters and the position and query priors."),
        field("select", &SummarizerOptions::select, "Summary budgets and candidate rules."),
        field("keyphrases", &SummarizerOptions::keyphrases, "How keyphrases are extracted."),
    };
  }
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
