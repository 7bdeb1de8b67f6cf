// Sentence segmentation and word tokenization with ICU.
//
//   precis::Segmenter segmenter({.language = "en"});
//   for (const precis::Sentence& s : segmenter.split_sentences(text))
//     std::cout << text.substr(s.span.begin, s.span.size()) << '\n';
//
// Sentences come from ICU's sentence BreakIterator. It runs over a transient UTF-16 copy of the
// text (ICU's iterators run faster over UTF-16 than over UTF-8 through a UText, copy included),
// and its boundaries are mapped back, so every Span is a byte offset into the caller's text, which
// is never copied into a result or rewritten. Line structure is decided before ICU sees the text:
// ICU ends a sentence at every line break (UAX #29 rule SB4), which cuts hard-wrapped prose in
// pieces, so single line breaks inside prose are hidden from it (see
// SegmentOptions::join_wrapped_lines). A rule layer then keeps ICU's
// boundaries where the language's rules agree, drops the others and adds the ones ICU misses,
// looking only at the bytes around them: abbreviations, initials and ordinals ("Mr. Smith",
// "U.S. Government", "Jonas E. Smith", "am 12. Juni"), list items ("1. one 2. two"), ellipses,
// quotations and brackets, "Yahoo! in", glued sentences ("speech.Photo"), CJK title brackets.
// The per-language facts are data files (cpp/data/segmentation, embedded at build time).
// Linear in the text: a rule that reads back into the sentence (an open quotation, title
// brackets, the words before a time, an address around a period) reads a bounded window, so a
// sentence that grows through thousands of rejected boundaries ("Mr. Mr. …") costs no more per
// boundary, and runs of blank lines are scanned once (tests/python/test_complexity.py).
// Words come from ICU's word BreakIterator in one pass over the text; Chinese, Japanese, Thai and
// other scripts without spaces are segmented by ICU's dictionaries.
//
// Thread safety: a Segmenter is immutable after construction and its const methods may be called
// from any number of threads at once (each call works on its own clone of the ICU iterators).
// Construction loads ICU data and the language's rules (well under 1 ms): build once, reuse.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "precis/options.hpp"
#include "precis/types.hpp"

namespace precis {

// The sentences and the tokens of one text (Segmenter::segment).
struct Segmentation {
  std::vector<Sentence> sentences;
  std::vector<Token> tokens;
};

class Segmenter {
 public:
  // Throws Error{kInvalidArgument} for an unknown language, Error{kIcu} if ICU data is missing.
  explicit Segmenter(SegmentOptions options = {});

  // The sentences of `text`, in order, non-overlapping, trimmed of white space, never empty.
  // Throws Error{kInvalidUtf8} (with the byte offset) when `text` is not well-formed UTF-8, and
  // Error{kInputTooLarge} when it is 2 GiB or larger (ICU indexes text with 32-bit integers).
  // `language`, when not empty, replaces options().language for this call (same rules).
  std::vector<Sentence> split_sentences(std::string_view text, std::string_view language = {}) const;

  // The word and number tokens of `text`, in order. Same errors and `language` as split_sentences.
  std::vector<Token> tokenize(std::string_view text, std::string_view language = {}) const;

  // Both of the above, for a caller that needs both: the text is checked, and its language
  // resolved, once, and when no line break of it is joined (SegmentOptions::join_wrapped_lines)
  // both passes share one UTF-16 copy. Same results and errors as the two calls.
  Segmentation segment(std::string_view text, std::string_view language = {}) const;

  // The language used for `text`: `language` (or options().language when empty), with "auto"
  // replaced by the language detect_language finds (precis/language.hpp).
  std::string resolve_language(std::string_view text, std::string_view language = {}) const;

  const SegmentOptions& options() const noexcept;

 private:
  struct Impl;
  std::shared_ptr<const Impl> impl_;
};

// Code-point offsets of the given byte offsets, which must be sorted ascending and lie on
// code-point boundaries of `text` (as every Span precis returns does). One pass over the text.
std::vector<std::size_t> codepoint_offsets(std::string_view text, const std::vector<std::size_t>& sorted_byte_offsets);

// Throws Error{kInvalidUtf8} naming the byte offset of the first ill-formed sequence.
void check_utf8(std::string_view text);

// `text` with each maximal ill-formed subsequence replaced by U+FFFD (Unicode's "substitution of
// maximal subparts", as ICU and Python's errors="replace" do: "a\xF0\x9F\x98z" becomes "a\uFFFDz",
// "\xC0\xAF" two U+FFFD). `replaced`, when given, receives the number of replacements. The text
// Summarizer uses with InputOptions::on_invalid_utf8 = kReplace, so a caller can map offsets.
std::string replace_invalid_utf8(std::string_view text, std::size_t* replaced = nullptr);

}  // namespace precis
