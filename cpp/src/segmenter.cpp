#include "precis/segmenter.hpp"

#include <climits>
#include <cstdint>
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

namespace precis {
namespace {

// ICU iterators index text with int32_t.
constexpr std::size_t kMaxTextBytes = INT32_MAX;

void check_size(std::string_view text) {
  if (text.size() >= kMaxTextBytes) {
    throw Error(ErrorCode::kInvalidArgument,
                "text must be smaller than 2 GiB, got " + std::to_string(text.size()) + " bytes");
  }
}

const uint8_t* bytes_of(std::string_view text) {
  return reinterpret_cast<const uint8_t*>(text.data());
}

// The code point starting at byte i (text is valid UTF-8, checked on entry).
UChar32 code_point_at(std::string_view text, std::size_t i) {
  UChar32 c;
  auto index = static_cast<int32_t>(i);
  U8_NEXT_UNSAFE(bytes_of(text), index, c);
  return c;
}

// The code point ending just before byte i, and its first byte in `start`.
UChar32 code_point_before(std::string_view text, std::size_t i, std::size_t* start = nullptr) {
  UChar32 c;
  auto index = static_cast<int32_t>(i);
  U8_PREV_UNSAFE(bytes_of(text), index, c);
  if (start) *start = static_cast<std::size_t>(index);
  return c;
}

bool is_space(UChar32 c) {
  // U+FEFF (a byte-order mark, or zero-width no-break space) separates nothing visible.
  return c == ' ' || (c >= '\t' && c <= '\r') || c == 0xFEFF || u_isUWhiteSpace(c);
}

// Closing quotes and brackets that may follow the final punctuation of a sentence.
bool is_closing(UChar32 c) {
  if (c == '"' || c == '\'') return true;
  const int8_t type = u_charType(c);
  return type == U_END_PUNCTUATION || type == U_FINAL_PUNCTUATION || type == U_INITIAL_PUNCTUATION;
}

Span trim(std::string_view text, Span span) {
  while (span.begin < span.end) {
    const UChar32 c = code_point_at(text, span.begin);
    if (!is_space(c)) break;
    span.begin += U8_LENGTH(c);
  }
  while (span.end > span.begin) {
    std::size_t start = 0;
    if (!is_space(code_point_before(text, span.end, &start))) break;
    span.end = start;
  }
  return span;
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
    return u_hasBinaryProperty(c, UCHAR_S_TERM) || c == 0x2026 /* … */ ||
           (colon && (c == ':' || c == 0xFF1A /* ： */));
  }
  return false;
}

std::size_t code_point_count(std::string_view text, Span span) {
  std::size_t count = 0;
  for (std::size_t i = span.begin; i < span.end; ++i) {
    count += (static_cast<uint8_t>(text[i]) & 0xC0) != 0x80;
  }
  return count;
}

// A line that starts like a list item: a bullet or dash, "12." "3)" "b)".
bool starts_list_item(std::string_view text, Span line) {
  std::size_t i = line.begin;
  if (i >= line.end) return false;
  const UChar32 first = code_point_at(text, i);
  const bool bullet = first == '*' || first == '-' || first == '+' || first == 0x2022 /* • */ ||
                      first == 0x2023 || first == 0x25E6 || first == 0x25AA || first == 0x2043 ||
                      first == 0x00B7 || first == 0x2013 || first == 0x2014;
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

// Hard-wrapped prose has lines of similar length (40+ characters); lists, poems and addresses
// have short lines whose breaks are real.
constexpr std::size_t kMinWrapWidth = 40;

struct Line {
  Span content;                    // trimmed
  std::size_t break_begin = 0;     // the line terminator that follows: [break_begin, break_end)
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
    for (const Line& line : block) width = std::max(width, code_point_count(text, line.content));
    if (width >= kMinWrapWidth) {
      for (std::size_t k = 0; k + 1 < block.size(); ++k) {
        const Line& line = block[k];
        const bool short_unterminated = code_point_count(text, line.content) * 2 < width &&
                                        !ends_terminated(text, line.content, /*colon=*/false);
        if (short_unterminated || starts_list_item(text, block[k + 1].content)) continue;
        if (view.empty()) view.assign(text);
        for (std::size_t b = line.break_begin; b < line.break_end; ++b) view[b] = ' ';
      }
    }
    block.clear();
  };
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t end = text.find_first_of("\r\n", begin);
    std::size_t next = end;
    if (end == std::string_view::npos) {
      end = next = text.size();
    } else {
      next = end + ((text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n') ? 2 : 1);
    }
    const Span content = trim(text, {begin, end});
    if (content.size() == 0) {
      flush_block();
    } else {
      block.push_back({content, end, next});
    }
    begin = next;
  }
  flush_block();
  return view;
}

bool is_lower(UChar32 c) { return u_islower(c); }
bool is_upper(UChar32 c) { return u_isupper(c) || u_istitle(c); }

// Ends of sentences glued to the next one without a space: "a speech.Photo by", "$10.9bn.For".
// The end is taken only between two lowercase letters and a capitalized word, so "U.S.Army",
// "e.g.The", "3.5" and "example.com" stay whole.
void glued_sentence_ends(std::string_view text, Span span, std::vector<std::size_t>& ends) {
  for (std::size_t i = span.begin + 2; i + 2 < span.end; ++i) {
    const char c = text[i];
    if (c != '.' && c != '!' && c != '?') continue;
    std::size_t before = 0;
    if (!is_lower(code_point_before(text, i, &before)) || before <= span.begin ||
        !is_lower(code_point_before(text, before))) {
      continue;
    }
    std::size_t next = i + 1;
    while (next < span.end && is_closing(code_point_at(text, next))) {
      next += U8_LENGTH(code_point_at(text, next));
    }
    if (next >= span.end) continue;
    const UChar32 capital = code_point_at(text, next);
    const std::size_t after = next + U8_LENGTH(capital);
    if (is_upper(capital) && after < span.end && is_lower(code_point_at(text, after))) {
      ends.push_back(next);
    }
  }
}

struct Iterators {
  detail::BreakIteratorPtr sentence;
  detail::BreakIteratorPtr word;
};

}  // namespace

struct Segmenter::Impl {
  SegmentOptions options;
  // Prototype iterators per language, built on first use and cloned for every call (a clone costs
  // about 0.2 µs; building "@ss=standard" costs about 130 µs). Guarded by mutex: ICU iterators are
  // not thread-safe, so even cloning happens under the lock.
  mutable std::mutex mutex;
  mutable std::map<std::string, Iterators, std::less<>> prototypes;

  Iterators& prototypes_for(const std::string& language) const {
    auto found = prototypes.find(language);
    if (found != prototypes.end()) return found->second;
    std::string id = detail::icu_locale_id(language);
    if (id.empty()) id = "en";
    icu::Locale locale(id.c_str());
    UErrorCode status = U_ZERO_ERROR;
    if (options.suppress_abbreviations) {
      locale.setKeywordValue("ss", "standard", status);
      detail::check_icu(status, "Locale::setKeywordValue");
    }
    Iterators made;
    made.sentence.reset(icu::BreakIterator::createSentenceInstance(locale, status));
    detail::check_icu(status, "BreakIterator::createSentenceInstance(" + id + ")");
    made.word.reset(icu::BreakIterator::createWordInstance(icu::Locale(id.c_str()), status));
    detail::check_icu(status, "BreakIterator::createWordInstance(" + id + ")");
    return prototypes.emplace(language, std::move(made)).first->second;
  }

  Iterators clones_for(const std::string& language) const {
    std::lock_guard lock(mutex);
    const Iterators& prototype = prototypes_for(language);
    return {detail::clone(*prototype.sentence), detail::clone(*prototype.word)};
  }
};

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
  detail::require_known_language(language, "language");
  if (language == detail::kAutoLanguage) return detail::guess_language(text);
  return std::string(language);
}

std::vector<Sentence> Segmenter::split_sentences(std::string_view text,
                                                 std::string_view language) const {
  check_size(text);
  check_utf8(text);
  std::vector<Sentence> sentences;
  if (text.empty()) return sentences;

  const std::string soft = impl_->options.join_wrapped_lines ? hide_soft_line_breaks(text) : "";
  const std::string_view view = soft.empty() ? text : std::string_view(soft);

  Iterators iterators = impl_->clones_for(resolve_language(text, language));
  icu::BreakIterator& it = *iterators.sentence;
  detail::UTextPtr utext = detail::open_utf8(view);
  UErrorCode status = U_ZERO_ERROR;
  it.setText(utext.get(), status);
  detail::check_icu(status, "BreakIterator::setText");

  std::vector<std::size_t> glued;
  auto add = [&](Span span) {
    span = trim(text, span);
    if (span.size() > 0) sentences.push_back({span, ends_terminated(text, span, /*colon=*/true)});
  };
  int32_t begin = it.first();
  for (int32_t end = it.next(); end != icu::BreakIterator::DONE; begin = end, end = it.next()) {
    const Span segment = trim(text, {static_cast<std::size_t>(begin), static_cast<std::size_t>(end)});
    glued.clear();
    if (impl_->options.split_glued_sentences) glued_sentence_ends(text, segment, glued);
    std::size_t piece = segment.begin;
    for (std::size_t cut : glued) {
      add({piece, cut});
      piece = cut;
    }
    add({piece, segment.end});
  }
  return sentences;
}

std::vector<Token> Segmenter::tokenize(std::string_view text, std::string_view language) const {
  check_size(text);
  check_utf8(text);
  std::vector<Token> tokens;
  if (text.empty()) return tokens;
  Iterators iterators = impl_->clones_for(resolve_language(text, language));
  icu::BreakIterator& it = *iterators.word;
  detail::UTextPtr utext = detail::open_utf8(text);
  UErrorCode status = U_ZERO_ERROR;
  it.setText(utext.get(), status);
  detail::check_icu(status, "BreakIterator::setText");
  tokens.reserve(text.size() / 6);
  std::vector<std::size_t> glued;
  int32_t begin = it.first();
  for (int32_t end = it.next(); end != icu::BreakIterator::DONE; begin = end, end = it.next()) {
    const int32_t rule = it.getRuleStatus();
    if (rule < UBRK_WORD_NONE_LIMIT || rule >= UBRK_WORD_IDEO_LIMIT) continue;
    const TokenKind kind = rule < UBRK_WORD_NUMBER_LIMIT ? TokenKind::kNumber : TokenKind::kWord;
    Span token{static_cast<std::size_t>(begin), static_cast<std::size_t>(end)};
    // ICU reads "speech.Photo" as one word; split_sentences cuts it in two sentences, so cut the
    // word the same way, or it would belong to neither sentence.
    glued.clear();
    if (impl_->options.split_glued_sentences) {
      glued_sentence_ends(text, token, glued);
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

std::vector<std::size_t> codepoint_offsets(std::string_view text,
                                           const std::vector<std::size_t>& sorted_byte_offsets) {
  std::vector<std::size_t> result;
  result.reserve(sorted_byte_offsets.size());
  std::size_t byte = 0;
  std::size_t code_points = 0;
  for (std::size_t target : sorted_byte_offsets) {
    if (target < byte || target > text.size()) {
      throw Error(ErrorCode::kInvalidArgument,
                  "byte offsets must be sorted and within the text, got " + std::to_string(target));
    }
    for (; byte < target; ++byte) {
      code_points += (static_cast<uint8_t>(text[byte]) & 0xC0) != 0x80;
    }
    result.push_back(code_points);
  }
  return result;
}

void check_utf8(std::string_view text) {
  const uint8_t* bytes = bytes_of(text);
  const std::size_t size = text.size();
  std::size_t i = 0;
  while (i < size) {
    if (bytes[i] < 0x80) {
      ++i;
      continue;
    }
    // U8_NEXT works on int32_t indices; decode from a window so huge texts are fine too.
    const std::size_t window = std::min<std::size_t>(size - i, 4);
    int32_t offset = 0;
    UChar32 c;
    U8_NEXT(bytes + i, offset, static_cast<int32_t>(window), c);
    if (c < 0) {
      throw Error(ErrorCode::kInvalidUtf8, "invalid UTF-8 at byte " + std::to_string(i));
    }
    i += static_cast<std::size_t>(offset);
  }
}

}  // namespace precis
