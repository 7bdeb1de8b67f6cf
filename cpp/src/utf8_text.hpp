// Internal: reading code points around a byte offset of valid UTF-8 text, and the character
// classes segmentation needs. Everything here is inline and allocation-free.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "precis/types.hpp"

namespace precis::detail {

inline const uint8_t* bytes_of(std::string_view text) {
  return reinterpret_cast<const uint8_t*>(text.data());
}

// The code point starting at byte i (text is valid UTF-8, checked on entry).
inline UChar32 code_point_at(std::string_view text, std::size_t i) {
  UChar32 c;
  auto index = static_cast<int32_t>(i);
  U8_NEXT_UNSAFE(bytes_of(text), index, c);
  return c;
}

// The code point ending just before byte i, and its first byte in `start`.
inline UChar32 code_point_before(std::string_view text, std::size_t i, std::size_t* start = nullptr) {
  UChar32 c;
  auto index = static_cast<int32_t>(i);
  U8_PREV_UNSAFE(bytes_of(text), index, c);
  if (start) *start = static_cast<std::size_t>(index);
  return c;
}

inline bool is_space(UChar32 c) {
  // U+FEFF (a byte-order mark, or zero-width no-break space) separates nothing visible.
  return c == ' ' || (c >= '\t' && c <= '\r') || c == 0xFEFF || u_isUWhiteSpace(c);
}

// Closing quotes and brackets that may follow the final punctuation of a sentence.
inline bool is_closing(UChar32 c) {
  if (c == '"' || c == '\'') return true;
  const int8_t type = u_charType(c);
  return type == U_END_PUNCTUATION || type == U_FINAL_PUNCTUATION || type == U_INITIAL_PUNCTUATION;
}

inline bool is_lower(UChar32 c) { return u_islower(c); }
inline bool is_upper(UChar32 c) { return u_isupper(c) || u_istitle(c); }

// `span` without leading and trailing white space.
inline Span trim(std::string_view text, Span span) {
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

}  // namespace precis::detail
