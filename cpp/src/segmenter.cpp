#include "precis/segmenter.hpp"

#include <algorithm>
#include <array>
#include <climits>
#include <cstdint>
#include <cstring>
#include <map>
#include <mutex>
#include <string>

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "icu_util.hpp"
#include "language.hpp"
#include "precis/error.hpp"
#include "precis/language.hpp"
#include "sentence_rules.hpp"
#include "utf8_text.hpp"

namespace precis {
namespace {

using detail::code_point_at;
using detail::code_point_before;
using detail::code_point_count;
using detail::is_closing;
using detail::is_lower;
using detail::is_space;
using detail::trim;

// Throws for a text ICU cannot take: 2 GiB or longer, or not well-formed UTF-8.
void check_text(std::string_view text) {
  if (text.size() > detail::kLongestText) {
    throw Error(ErrorCode::kInputTooLarge,
                "text must be smaller than 2 GiB, got " + std::to_string(text.size()) + " bytes");
  }
  check_utf8(text);
}

// Whether the (trimmed) span ends with sentence-final punctuation, possibly followed by closing
// quotes or brackets: "end." "end?”" "end.)" "結束。" "and so…". A colon ends a sentence that
// introduces a quotation or a list in the next paragraph; it counts only with `colon`.
bool ends_terminated(std::string_view text, Span span, bool colon) {
  std::size_t end = span.end;
  while (end > span.begin) {
    std::size_t start = 0;
    const UChar32 c = code_point_before(text, end, &start);
    if (is_closing(c)) {
      end = start;
      continue;
    }
    return u_hasBinaryProperty(c, UCHAR_S_TERM) || c == 0x2026 /* … */ || (colon && (c == ':' || c == 0xFF1A /* ： */));
  }
  return false;
}

// A line that starts like a list item: a bullet or dash, "12." "3)" "b)".
bool starts_list_item(std::string_view text, Span line) {
  std::size_t i = line.begin;
  if (i >= line.end) return false;
  const UChar32 first = code_point_at(text, i);
  const bool bullet = first == '*' || first == '-' || first == '+' || first == 0x2022 /* • */ || first == 0x2023 ||
                      first == 0x25E6 || first == 0x25AA || first == 0x2043 || first == 0x00B7 || first == 0x2013 ||
                      first == 0x2014;
  if (bullet) {
    i += U8_LENGTH(first);
    return i < line.end && is_space(code_point_at(text, i));
  }
  std::size_t digits = 0;
  while (i < line.end && text[i] >= '0' && text[i] <= '9' && digits < 4) ++i, ++digits;
  bool letter = false;
  if (digits == 0 && i < line.end && ((text[i] >= 'a' && text[i] <= 'z') || (text[i] >= 'A' && text[i] <= 'Z'))) {
    ++i;
    letter = true;
  }
  if (digits == 0 && !letter) return false;
  if (i + 1 >= line.end) return false;
  const bool closes = text[i] == ')' || (digits > 0 && text[i] == '.');
  return closes && (text[i + 1] == ' ' || text[i + 1] == '\t');
}

// English prose has a sentence per 100-110 bytes; reserving for one per 128 avoids most regrowth.
constexpr std::size_t kBytesPerSentenceGuess = 128;

// A line break after this many words, before a lowercase letter, is inside a sentence.
constexpr std::size_t kMinWordsBeforeStrayBreak = 3;

std::size_t word_count(std::string_view text, Span span) {
  std::size_t words = 0;
  bool in_word = false;
  for (std::size_t i = span.begin; i < span.end; ++i) {
    const bool space = text[i] == ' ' || text[i] == '\t';
    words += !space && !in_word;
    in_word = !space;
  }
  return words;
}

// Hard-wrapped prose has lines of similar length (40+ characters); lists, poems and addresses
// have short lines whose breaks are real. Nothing wraps prose wider than kMaxWrapWidth (mail and
// books wrap at 60-80, PDF extractions at up to about 130): a block with a longer line holds one
// paragraph per line, and each of its breaks is real ("...reporter Ju Peng\nApril 22nd...").
constexpr std::size_t kMinWrapWidth = 40;
constexpr std::size_t kMaxWrapWidth = 160;

struct Line {
  Span content;                 // trimmed
  std::size_t width = 0;        // code points of content
  std::size_t break_begin = 0;  // the line terminator that follows: [break_begin, break_end)
  std::size_t break_end = 0;
};

// Decides which line breaks of `text` are soft (inside a sentence of hard-wrapped prose) and
// returns a copy of `text` with those replaced by spaces (same byte length, so every offset into
// the copy is an offset into `text`), or an empty string when there is none.
std::string hide_soft_line_breaks(std::string_view text) {
  std::string view;
  std::vector<Line> block;  // consecutive non-blank lines
  auto flush_block = [&] {
    std::size_t width = 0;
    for (const Line& line : block) width = std::max(width, line.width);
    for (std::size_t k = 0; k + 1 < block.size(); ++k) {
      const Line& line = block[k];
      if (starts_list_item(text, block[k + 1].content)) continue;
      // Wrapped prose: lines of similar width, where only a short unterminated line (a heading)
      // keeps its break. A stray break: a line of several words goes on in lowercase ("This is
      // a sentence\ncut off by the PDF").
      const bool terminated = ends_terminated(text, line.content, /*colon=*/false);
      const bool short_line = line.width * 2 < width;
      const bool wrapped = width >= kMinWrapWidth && width <= kMaxWrapWidth && (terminated || !short_line);
      const bool continues = !wrapped && !terminated && is_lower(code_point_at(text, block[k + 1].content.begin)) &&
                             word_count(text, line.content) >= kMinWordsBeforeStrayBreak;
      if (!wrapped && !continues) continue;
      if (view.empty()) view.assign(text);
      for (std::size_t b = line.break_begin; b < line.break_end; ++b) view[b] = ' ';
    }
    block.clear();
  };
  // Without a CR in the text, memchr finds each line end. With one, find_any looks for both
  // eight bytes at a time (find_first_of("\r\n") calls memchr once per byte).
  static constexpr std::array<char, 2> kLineBreakBytes{'\r', '\n'};
  const bool has_cr = text.find('\r') != std::string_view::npos;
  std::size_t begin = 0;
  while (begin < text.size()) {
    const std::size_t end = has_cr ? detail::find_any<kLineBreakBytes>(text, begin, text.size())
                                   : std::min(text.find('\n', begin), text.size());
    std::size_t next = end;
    if (end < text.size()) next += (text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n') ? 2 : 1;
    const Span content = trim(text, {begin, end});
    if (content.size() == 0) {
      flush_block();
    } else {
      block.push_back({content, code_point_count(text, content), end, next});
    }
    begin = next;
  }
  flush_block();
  return view;
}

void add(std::vector<Sentence>& sentences, std::string_view text, Span span) {
  span = trim(text, span);
  if (span.size() > 0) sentences.push_back({span, ends_terminated(text, span, /*colon=*/true)});
}

struct Iterators {
  detail::BreakIteratorPtr sentence;
  detail::BreakIteratorPtr word;
  std::shared_ptr<const detail::SentenceRules> rules;  // immutable, shared
};

}  // namespace

struct Segmenter::Impl {
  SegmentOptions options;
  // Prototype iterators per language, built on first use and cloned for every call (cloning costs
  // far less than building). Guarded by mutex: ICU iterators are not thread-safe, so even cloning
  // happens under the lock.
  mutable std::mutex mutex;
  mutable std::map<std::string, Iterators, std::less<>> prototypes;

  Iterators& prototypes_for(const std::string& language) const {
    auto found = prototypes.find(language);
    if (found != prototypes.end()) return found->second;
    std::string id = detail::icu_locale_id(language);
    if (id.empty()) id = "en";
    // No "@ss=standard": its suppressions cannot be undone ("Jane and co. They should know"),
    // and SentenceRules decides abbreviations from the language's own lists instead.
    icu::Locale locale(id.c_str());
    UErrorCode status = U_ZERO_ERROR;
    Iterators made;
    made.sentence.reset(icu::BreakIterator::createSentenceInstance(locale, status));
    detail::check_icu(status, "BreakIterator::createSentenceInstance(" + id + ")");
    made.word.reset(icu::BreakIterator::createWordInstance(icu::Locale(id.c_str()), status));
    detail::check_icu(status, "BreakIterator::createWordInstance(" + id + ")");
    made.rules = std::make_shared<const detail::SentenceRules>(detail::primary_language(language),
                                                               options.suppress_abbreviations);
    return prototypes.emplace(language, std::move(made)).first->second;
  }

  Iterators clones_for(const std::string& language) const {
    std::lock_guard lock(mutex);
    const Iterators& prototype = prototypes_for(language);
    return {detail::clone(*prototype.sentence), detail::clone(*prototype.word), prototype.rules};
  }
  // Only the word iterator: tokenize() needs no other.
  detail::BreakIteratorPtr word_clone_for(const std::string& language) const {
    std::lock_guard lock(mutex);
    return detail::clone(*prototypes_for(language).word);
  }
  // A language with prototypes was checked when they were built.
  bool has_prototypes(std::string_view language) const {
    std::lock_guard lock(mutex);
    return prototypes.find(language) != prototypes.end();
  }
  // The sentences of `text` (checked and not empty); ICU sees `view`, `text` with its soft line
  // breaks hidden (the same length), through `utf16`, its UTF-16 copy.
  std::vector<Sentence> sentences(std::string_view text, std::string_view view, icu::BreakIterator& it,
                                  const detail::SentenceRules& rules, const detail::Utf16Text& utf16) const;
  // The tokens of `text` (checked and not empty), through `utf16`, its UTF-16 copy.
  std::vector<Token> tokens(std::string_view text, icu::BreakIterator& it, const detail::Utf16Text& utf16) const;
};

std::vector<Sentence> Segmenter::Impl::sentences(std::string_view text, std::string_view view, icu::BreakIterator& it,
                                                 const detail::SentenceRules& rules,
                                                 const detail::Utf16Text& utf16) const {
  std::vector<Sentence> sentences;
  sentences.reserve(text.size() / kBytesPerSentenceGuess + 1);
  detail::UTextPtr utext = utf16.open();
  UErrorCode status = U_ZERO_ERROR;
  it.setText(utext.get(), status);
  detail::check_icu(status, "BreakIterator::setText");
  detail::Utf16Text::ByteOffsets byte_offset(utf16);
  std::vector<detail::ListMarker> markers;
  detail::find_list_markers(view, markers);

  // ICU's boundaries, kept where the rules agree, plus a boundary before every list marker;
  // each sentence is then cut where ICU found no boundary at all (glued sentences, "…").
  std::vector<std::size_t> missing;
  const detail::TextEvidence evidence = rules.evidence(view);
  std::size_t sentence_begin = 0;
  auto close = [&](std::size_t end) {
    const Span sentence = trim(text, {sentence_begin, end});
    sentence_begin = end;
    if (sentence.size() == 0) return;
    missing.clear();
    rules.missing_ends(text, sentence, options.split_glued_sentences, evidence, missing);
    std::size_t piece = sentence.begin;
    for (std::size_t cut : missing) {
      add(sentences, text, {piece, cut});
      piece = cut;
    }
    add(sentences, text, {piece, sentence.end});
  };
  std::size_t marker = 0;
  std::size_t marker_end = 0;  // the end of the last list marker passed
  // A boundary is judged only once the sentence has content past any list marker ("1. The first
  // item"), found by a scan that never moves back: runs of blank lines stay linear.
  std::size_t scanned = 0;
  it.first();
  for (int32_t next = it.next(); next != icu::BreakIterator::DONE; next = it.next()) {
    const std::size_t boundary = byte_offset(next);
    for (; marker < markers.size() && markers[marker].begin < boundary; ++marker) {
      if (markers[marker].begin > sentence_begin) close(markers[marker].begin);
      marker_end = markers[marker].end;
    }
    if (boundary >= text.size()) break;
    scanned = detail::skip_space(view, std::max({scanned, sentence_begin, marker_end}), boundary);
    if (scanned >= boundary) continue;
    if (const std::size_t end = rules.sentence_end(view, sentence_begin, boundary, evidence); end > 0) close(end);
  }
  close(text.size());
  return sentences;
}

std::vector<Token> Segmenter::Impl::tokens(std::string_view text, icu::BreakIterator& it,
                                           const detail::Utf16Text& utf16) const {
  std::vector<Token> tokens;
  detail::UTextPtr utext = utf16.open();
  UErrorCode status = U_ZERO_ERROR;
  it.setText(utext.get(), status);
  detail::check_icu(status, "BreakIterator::setText");
  detail::Utf16Text::ByteOffsets byte_offset(utf16);
  tokens.reserve(text.size() / 6);
  std::vector<std::size_t> glued;
  // The next '.', '!' or '?' not before the current token.
  std::size_t glued_candidate = detail::next_glued_end_candidate(text, 0);
  std::size_t begin = byte_offset(it.first());
  for (int32_t next = it.next(); next != icu::BreakIterator::DONE; next = it.next()) {
    const std::size_t end = byte_offset(next);
    const int32_t rule = it.getRuleStatus();
    Span token{begin, end};
    begin = end;
    if (rule < UBRK_WORD_NONE_LIMIT || rule >= UBRK_WORD_IDEO_LIMIT) continue;
    const TokenKind kind = rule < UBRK_WORD_NUMBER_LIMIT ? TokenKind::kNumber : TokenKind::kWord;
    // ICU reads "speech.Photo" as one word; split_sentences cuts it in two sentences, so cut the
    // word the same way, or it would belong to neither sentence.
    glued.clear();
    if (options.split_glued_sentences) {
      if (glued_candidate < token.begin) glued_candidate = detail::next_glued_end_candidate(text, token.begin);
      if (glued_candidate < token.end) detail::glued_sentence_ends(text, token, glued);
    }
    for (std::size_t cut : glued) {
      // The left word ends before the sentence-final punctuation (and closing quotes) before `cut`.
      std::size_t left_end = cut;
      std::size_t start = 0;
      while (left_end > token.begin && is_closing(code_point_before(text, left_end, &start))) left_end = start;
      tokens.push_back({{token.begin, left_end - 1}, kind});
      token.begin = cut;
    }
    tokens.push_back({token, kind});
  }
  return tokens;
}

Segmenter::Segmenter(SegmentOptions options) {
  detail::require_known_language(options.language, "segment.language");
  auto impl = std::make_shared<Impl>();
  impl->options = std::move(options);
  // Load ICU data now, so a missing-data failure surfaces at construction, not mid-batch.
  impl->prototypes_for(impl->options.language == detail::kAutoLanguage ? "en" : impl->options.language);
  impl_ = std::move(impl);
}

const SegmentOptions& Segmenter::options() const noexcept { return impl_->options; }

std::string Segmenter::resolve_language(std::string_view text, std::string_view language) const {
  if (language.empty()) language = impl_->options.language;
  if (!impl_->has_prototypes(language)) detail::require_known_language(language, "language");
  if (language == detail::kAutoLanguage) return detect_language(text).language;
  return std::string(language);
}

std::vector<Sentence> Segmenter::split_sentences(std::string_view text, std::string_view language) const {
  check_text(text);
  if (text.empty()) return {};
  const std::string soft = impl_->options.join_wrapped_lines ? hide_soft_line_breaks(text) : "";
  const std::string_view view = soft.empty() ? text : std::string_view(soft);
  Iterators iterators = impl_->clones_for(resolve_language(text, language));
  return impl_->sentences(text, view, *iterators.sentence, *iterators.rules, detail::Utf16Text(view));
}

std::vector<Token> Segmenter::tokenize(std::string_view text, std::string_view language) const {
  check_text(text);
  if (text.empty()) return {};
  const detail::BreakIteratorPtr word = impl_->word_clone_for(resolve_language(text, language));
  return impl_->tokens(text, *word, detail::Utf16Text(text));
}

Segmentation Segmenter::segment(std::string_view text, std::string_view language) const {
  check_text(text);
  if (text.empty()) return {};
  const std::string soft = impl_->options.join_wrapped_lines ? hide_soft_line_breaks(text) : "";
  Iterators iterators = impl_->clones_for(resolve_language(text, language));
  Segmentation result;
  if (soft.empty()) {
    const detail::Utf16Text utf16(text);
    result.sentences = impl_->sentences(text, text, *iterators.sentence, *iterators.rules, utf16);
    result.tokens = impl_->tokens(text, *iterators.word, utf16);
  } else {
    // One copy at a time: each lives only through its own pass.
    result.sentences = impl_->sentences(text, soft, *iterators.sentence, *iterators.rules, detail::Utf16Text(soft));
    result.tokens = impl_->tokens(text, *iterators.word, detail::Utf16Text(text));
  }
  return result;
}

std::vector<std::size_t> codepoint_offsets(std::string_view text, const std::vector<std::size_t>& sorted_byte_offsets) {
  std::vector<std::size_t> result;
  result.reserve(sorted_byte_offsets.size());
  std::size_t byte = 0;
  std::size_t code_points = 0;
  for (std::size_t target : sorted_byte_offsets) {
    if (target < byte || target > text.size()) {
      throw Error(ErrorCode::kInvalidArgument,
                  "byte offsets must be sorted and within the text, got " + std::to_string(target));
    }
    code_points += detail::code_point_count(text, {byte, target});
    byte = target;
    result.push_back(code_points);
  }
  return result;
}

void check_utf8(std::string_view text) {
  std::size_t length = 0;
  const std::size_t bad = detail::find_invalid_utf8(text, 0, &length);
  if (bad != std::string_view::npos) {
    throw Error(ErrorCode::kInvalidUtf8, "invalid UTF-8 at byte " + std::to_string(bad));
  }
}

std::string replace_invalid_utf8(std::string_view text, std::size_t* replaced) {
  static constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";  // U+FFFD
  std::string repaired;
  std::size_t count = 0;
  std::size_t done = 0;
  std::size_t length = 0;
  for (std::size_t bad; (bad = detail::find_invalid_utf8(text, done, &length)) != std::string_view::npos;) {
    if (count == 0) repaired.reserve(text.size() + 16);
    repaired.append(text.substr(done, bad - done)).append(kReplacementCharacter);
    done = bad + length;
    ++count;
  }
  if (count == 0)
    repaired.assign(text);
  else
    repaired.append(text.substr(done));
  if (replaced) *replaced = count;
  return repaired;
}

}  // namespace precis
