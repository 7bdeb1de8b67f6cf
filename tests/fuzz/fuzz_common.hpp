// Shared helpers of the libFuzzer targets: an independent UTF-8 check and a failure macro that
// aborts (so libFuzzer records the input) with a message naming the broken invariant.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#define PRECIS_FUZZ_CHECK(condition)                                                         \
  do {                                                                                       \
    if (!(condition)) {                                                                      \
      std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #condition); \
      std::abort();                                                                          \
    }                                                                                        \
  } while (false)

namespace precis_fuzz {

// Well-formed UTF-8 per Unicode Table 3-7, written out here rather than borrowed from ICU or
// precis, so that the targets check precis's validation instead of repeating it.
inline bool is_valid_utf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char b = s[i];
    std::size_t length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (b < 0x80) {
      ++i;
      continue;
    } else if (b >= 0xC2 && b <= 0xDF) {
      length = 2;
    } else if (b >= 0xE0 && b <= 0xEF) {
      length = 3;
      if (b == 0xE0) low = 0xA0;
      if (b == 0xED) high = 0x9F;  // no surrogates
    } else if (b >= 0xF0 && b <= 0xF4) {
      length = 4;
      if (b == 0xF0) low = 0x90;
      if (b == 0xF4) high = 0x8F;  // nothing above U+10FFFF
    } else {
      return false;
    }
    if (i + length > n) return false;
    if (s[i + 1] < low || s[i + 1] > high) return false;
    for (std::size_t k = 2; k < length; ++k) {
      if (s[i + k] < 0x80 || s[i + k] > 0xBF) return false;
    }
    i += length;
  }
  return true;
}

inline bool is_continuation_byte(std::string_view text, std::size_t offset) {
  return offset < text.size() && (static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80;
}

// White space as segmenter.hpp's "trimmed of white space" means it: ASCII space and \t..\r,
// U+FEFF and Unicode White_Space.
inline bool is_space(UChar32 c) {
  if (c < 0x80) return c == ' ' || (c >= '\t' && c <= '\r');
  return c == 0xFEFF || u_isUWhiteSpace(c);
}

// The first and last code points of text[begin, end), which is valid UTF-8 on code-point
// boundaries and not empty.
inline UChar32 first_code_point(std::string_view text, std::size_t begin, std::size_t end) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data() + begin);
  int32_t i = 0;
  UChar32 c = 0;
  U8_NEXT(s, i, static_cast<int32_t>(end - begin), c);
  return c;
}
inline UChar32 last_code_point(std::string_view text, std::size_t begin, std::size_t end) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data() + begin);
  auto i = static_cast<int32_t>(end - begin);
  UChar32 c = 0;
  U8_PREV(s, 0, i, c);
  return c;
}

}  // namespace precis_fuzz
