// Plain value types that flow through the pipeline and make up a Summary.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "precis/options.hpp"

namespace precis {

// A half-open range [begin, end) of UTF-8 byte offsets into the caller's text. Spans always refer
// to the original, unmodified input: text.substr(begin, end - begin) is the sentence or token.
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;

  std::size_t size() const noexcept { return end - begin; }
  bool operator==(const Span&) const = default;
};

// One sentence found by the Segmenter.
struct Sentence {
  Span span;                // trimmed of surrounding white space; never empty
  bool terminated = false;  // ends with sentence-final punctuation (. ! ? 。 … or a colon), possibly
                            // followed by closing quotes or brackets
  bool operator==(const Sentence&) const = default;
};

enum class TokenKind {
  kWord,    // letters, including kana and ideographs (ICU word rule status 200-499)
  kNumber,  // digits, with their internal separators ("3.5", "1,000"; status 100-199)
};

// One word or number found by the Segmenter's word pass; punctuation and spaces are not tokens.
struct Token {
  Span span;
  TokenKind kind = TokenKind::kWord;
  bool operator==(const Token&) const = default;
};

// Non-fatal conditions, reported in Diagnostics rather than thrown.
enum class Warning {
  kEmptyInput,           // no sentence at all (empty or white-space-only text)
  kSingleSentence,       // one sentence: it is the summary, nothing was ranked
  kNoWords,              // no sentence has a content term: scores are uniform, lead sentences chosen
  kNoEdges,              // no two sentences share a term: scores are uniform, lead sentences chosen
  kNotConverged,         // PageRank hit rank.max_iterations before reaching rank.tolerance
  kBudgetTooSmall,       // no candidate sentence fits the word or character budget
  kNoCandidates,         // no sentence has a word (or every one is an unchosen heading): nothing
                         // to choose
  kTruncated,            // the text was longer than input.max_bytes: only its beginning was used
  kInvalidUtf8Replaced,  // ill-formed UTF-8 (or lone surrogates, from Python) became U+FFFD
  kQueryUnmatched,       // a query was given, but no sentence has any of its content terms
  kLanguageUncertain,    // language 'auto' could not tell the language (too short or mixed text):
                         // the script's usual language was used
};
constexpr auto enum_names(Warning) {
  using enum Warning;
  using name = std::string_view;
  return std::array{std::pair{kEmptyInput, name("empty_input")},
                    std::pair{kSingleSentence, name("single_sentence")},
                    std::pair{kNoWords, name("no_words")},
                    std::pair{kNoEdges, name("no_edges")},
                    std::pair{kNotConverged, name("not_converged")},
                    std::pair{kBudgetTooSmall, name("budget_too_small")},
                    std::pair{kNoCandidates, name("no_candidates")},
                    std::pair{kTruncated, name("truncated")},
                    std::pair{kInvalidUtf8Replaced, name("invalid_utf8_replaced")},
                    std::pair{kQueryUnmatched, name("query_unmatched")},
                    std::pair{kLanguageUncertain, name("language_uncertain")}};
}

// What happened while summarizing one text.
struct Diagnostics {
  std::vector<Warning> warnings;
  std::string language;
  double language_confidence = 1.0;
  std::string stemmer;
  std::size_t stopword_count = 0;
  std::size_t sentence_count = 0;
  std::size_t token_count = 0;
  std::size_t term_count = 0;
  std::size_t edge_count = 0;
  int iterations = 0;
  bool converged = true;
  double residual = 0.0;
  std::size_t truncated_bytes = 0;
  std::size_t replaced_sequences = 0;
  std::size_t query_sentences = 0;

  static constexpr auto fields() {
    return std::tuple{
        field("warnings", &Diagnostics::warnings,
              "Non-fatal conditions in the order they arose, each at most once ('empty_input', "
              "'single_sentence', 'not_converged', ...)."),
        field("language", &Diagnostics::language, "The language used (resolved from 'auto')."),
        field("language_confidence", &Diagnostics::language_confidence,
              "Probability of that language (precis.detect_language); 1 when segment.language names it. "
              "Warning language_uncertain when 'auto' could not tell."),
        field("stemmer", &Diagnostics::stemmer,
              "The Snowball stemmer used; '' when none (the language has none, or tokens.stem is false)."),
        field("stopword_count", &Diagnostics::stopword_count, "Size of the stopword list used (0: none)."),
        field("sentence_count", &Diagnostics::sentence_count, "Sentences of the document."),
        field("token_count", &Diagnostics::token_count, "Word and number tokens, before stopword removal."),
        field("term_count", &Diagnostics::term_count,
              "Distinct content terms (after folding, stopwords and stemming)."),
        field("edge_count", &Diagnostics::edge_count, "Undirected edges of the similarity graph."),
        field("iterations", &Diagnostics::iterations, "PageRank power iterations run."),
        field("converged", &Diagnostics::converged, "PageRank reached rank.tolerance."),
        field("residual", &Diagnostics::residual, "L1 change of PageRank's last iteration."),
        field("truncated_bytes", &Diagnostics::truncated_bytes,
              "Bytes left out at the end of the text (input.on_too_long = 'truncate')."),
        field("replaced_sequences", &Diagnostics::replaced_sequences,
              "Ill-formed UTF-8 sequences (from Python: lone surrogates) replaced by U+FFFD "
              "(input.on_invalid_utf8 = 'replace')."),
        field("query_sentences", &Diagnostics::query_sentences,
              "Sentences that contain a content term of the query (0 without a query; warning "
              "query_unmatched when a query matches none)."),
    };
  }
  bool has(Warning warning) const noexcept;
  bool operator==(const Diagnostics&) const = default;
};

// A chosen sentence.
struct ScoredSentence {
  std::size_t index = 0;
  std::size_t start = 0;
  std::size_t end = 0;
  std::size_t byte_start = 0;
  std::size_t byte_end = 0;
  double score = 0.0;
  std::size_t rank = 0;
  std::string text;

  static constexpr auto fields() {
    return std::tuple{
        field("index", &ScoredSentence::index, "Position of the sentence in the document, 0-based."),
        field("start", &ScoredSentence::start,
              "Code-point offset of the first character: what Python's str slicing uses."),
        field("end", &ScoredSentence::end, "Code-point offset after the last character."),
        field("byte_start", &ScoredSentence::byte_start, "UTF-8 byte offset of the first character."),
        field("byte_end", &ScoredSentence::byte_end, "UTF-8 byte offset after the last character."),
        field("score", &ScoredSentence::score, "Ranking score; all scores of a document sum to 1."),
        field("rank", &ScoredSentence::rank,
              "1 for the highest score in the document; ties ranked by index (sentence_ranks)."),
        field("text", &ScoredSentence::text, "The sentence as it appears in the input."),
    };
  }
  // The UTF-8 byte span of the sentence in the input.
  Span bytes() const noexcept { return {byte_start, byte_end}; }
  bool operator==(const ScoredSentence&) const = default;
};

// Where a keyphrase occurs in the input.
struct Occurrence {
  std::size_t start = 0;
  std::size_t end = 0;
  std::size_t byte_start = 0;
  std::size_t byte_end = 0;

  static constexpr auto fields() {
    return std::tuple{
        field("start", &Occurrence::start, "Code-point offset of the first character: text[start:end]."),
        field("end", &Occurrence::end, "Code-point offset after the last character."),
        field("byte_start", &Occurrence::byte_start, "UTF-8 byte offset of the first character."),
        field("byte_end", &Occurrence::byte_end, "UTF-8 byte offset after the last character."),
    };
  }
  Span bytes() const noexcept { return {byte_start, byte_end}; }
  bool operator==(const Occurrence&) const = default;
};

// A keyphrase of the text (KeyphraseOptions in options.hpp says how they are found).
struct Keyphrase {
  std::string text;
  std::string normalized;
  double score = 0.0;
  std::vector<Occurrence> occurrences;

  static constexpr auto fields() {
    return std::tuple{
        field("text", &Keyphrase::text, "The phrase as the input writes it most often (ties: the first)."),
        field("normalized", &Keyphrase::normalized,
              "Its words case-folded and stemmed, as the engine compares them: occurrences are the "
              "places with these words."),
        field("score", &Keyphrase::score,
              "The sum of its words' PageRank scores in the word graph (every word's score sums to 1 "
              "over the text), times single_word_weight for a phrase of one word, times its "
              "occurrences to the power phrase_frequency_exponent."),
        field("occurrences", &Keyphrase::occurrences, "Every place it occurs, in text order."),
    };
  }
  bool operator==(const Keyphrase&) const = default;
};

struct Summary {
  std::vector<ScoredSentence> sentences;
  std::vector<double> scores;
  Diagnostics diagnostics;
  SummarizerOptions options;
  std::vector<Keyphrase> keywords;

  static constexpr auto fields() {
    return std::tuple{
        field("sentences", &Summary::sentences, "The chosen sentences, in document order."),
        field("scores", &Summary::scores, "The score of every sentence of the document (they sum to 1)."),
        field("diagnostics", &Summary::diagnostics, "What happened while summarizing."),
        field("options", &Summary::options, "The options that produced this summary."),
        field("keywords", &Summary::keywords,
              "The select.keywords best keyphrases, best first (empty unless asked for)."),
    };
  }
  // The chosen sentences joined by "\n", in document order ("" when none was chosen).
  std::string text() const;
  bool operator==(const Summary&) const = default;
};

}  // namespace precis
