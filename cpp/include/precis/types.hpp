// Plain value types that flow through the pipeline and make up a Summary.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
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
  kEmptyInput,            // no sentence at all (empty or white-space-only text)
  kSingleSentence,        // one sentence: it is the summary, nothing was ranked
  kNoWords,               // no sentence has a content term: scores are uniform, lead sentences chosen
  kNoEdges,               // no two sentences share a term: scores are uniform, lead sentences chosen
  kNotConverged,          // PageRank hit rank.max_iterations before reaching rank.tolerance
  kBudgetTooSmall,        // no candidate sentence fits the word or character budget
  kNoCandidates,          // no sentence has a word (or every one is an unchosen heading): nothing
                          // to choose
  kTruncated,             // the text was longer than input.max_bytes: only its beginning was used
  kInvalidUtf8Replaced,   // ill-formed UTF-8 (or lone surrogates, from Python) became U+FFFD
};

// "empty_input", "single_sentence", ... (the enumerator name without k, in snake_case).
std::string_view to_string(Warning warning) noexcept;

struct Diagnostics {
  std::vector<Warning> warnings;    // in the order they arose, each at most once
  std::string language;             // the language actually used (resolved from "auto")
  std::string stemmer;              // the Snowball stemmer used ("" when none: the language has
                                    // none, or tokens.stem is false)
  std::size_t stopword_count = 0;   // size of the stopword list used (0: none)
  std::size_t sentence_count = 0;
  std::size_t token_count = 0;      // word and number tokens, before stopword removal
  std::size_t term_count = 0;       // distinct content terms (after folding, stopwords, stemming)
  std::size_t edge_count = 0;       // undirected edges of the similarity graph
  int iterations = 0;               // PageRank power iterations run
  bool converged = true;            // PageRank reached rank.tolerance
  double residual = 0.0;            // L1 change of the last iteration
  std::size_t truncated_bytes = 0;  // bytes left out at the end of the text (input.on_too_long)
  std::size_t replaced_sequences = 0;  // ill-formed UTF-8 sequences (from Python: lone
                                       // surrogates) replaced by U+FFFD (input.on_invalid_utf8)

  bool has(Warning warning) const noexcept;
  bool operator==(const Diagnostics&) const = default;
};

// A chosen sentence.
struct ScoredSentence {
  std::size_t index = 0;  // position of the sentence in the document, 0-based
  Span bytes;             // UTF-8 byte offsets into the input
  std::size_t start = 0;  // code-point offsets into the input: what Python's str slicing uses
  std::size_t end = 0;
  double score = 0.0;     // PageRank score; all scores of a document sum to 1
  std::size_t rank = 0;   // 1 for the highest score in the document; ties ranked by index
  std::string text;       // the sentence as it appears in the input (a copy of the span)

  bool operator==(const ScoredSentence&) const = default;
};

struct Summary {
  std::vector<ScoredSentence> sentences;  // the chosen sentences, in document order
  std::vector<double> scores;             // the score of every sentence of the document
  Diagnostics diagnostics;
  SummarizerOptions options;              // the options that produced this summary

  // The chosen sentences joined by "\n", in document order ("" when none was chosen).
  std::string text() const;
  bool operator==(const Summary&) const = default;
};

}  // namespace precis
