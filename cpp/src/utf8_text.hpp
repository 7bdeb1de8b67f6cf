// Internal: reading code points around a byte offset of valid UTF-8 text, and the character
// classes segmentation needs. Everything here is inline and allocation-free.
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <utility>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "precis/types.hpp"

namespace precis::detail {

// ICU indexes text with int32_t: the longest text precis takes (the Segmenter rejects longer ones,
// TooLong::kTruncate cuts them to this).
inline constexpr std::size_t kLongestText = INT32_MAX - 1;

inline const uint8_t* bytes_of(std::string_view text) { return reinterpret_cast<const uint8_t*>(text.data()); }

// The lines of an embedded data file (cpp/data), without "#" comments and trailing spaces.
template <typename Visit>
void for_each_line(std::string_view text, Visit visit) {
  while (!text.empty()) {
    const std::size_t newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.remove_suffix(1);
    if (!line.empty() && line.front() != '#') visit(line);
  }
}

// The lines of an embedded data file in sections: visit(section, line) for each line under a
// "[section]" line, with the section's name without brackets.
template <typename Visit>
void for_each_section_line(std::string_view text, Visit visit) {
  std::string_view section;
  for_each_line(text, [&](std::string_view line) {
    if (line.starts_with('[') && line.ends_with(']')) {
      section = line.substr(1, line.size() - 2);
    } else {
      visit(section, line);
    }
  });
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

// The first offset i in [from, end) with text[i] one of kBytes (a constant std::array<char, N>),
// or `end`. Skips eight bytes at a time where none occurs (the classic "has zero byte" test on
// 64-bit words), with one test per byte of kBytes unrolled at compile time.
template <const auto& kBytes>
inline std::size_t find_any(std::string_view text, std::size_t from, std::size_t end) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHighs = 0x8080808080808080ULL;
  constexpr auto kIndices = std::make_index_sequence<kBytes.size()>{};
  const auto flags = [&]<std::size_t... k>(uint64_t word, std::index_sequence<k...>) {
    const auto zero_bytes = [&](uint64_t x) { return (x - kOnes) & ~x & kHighs; };
    return (zero_bytes(word ^ (kOnes * static_cast<uint8_t>(kBytes[k]))) | ...);
  };
  const auto is_one = [&]<std::size_t... k>(char c, std::index_sequence<k...>) { return ((c == kBytes[k]) || ...); };
  std::size_t i = from;
  for (; i + 8 <= end; i += 8) {
    uint64_t word;
    std::memcpy(&word, text.data() + i, 8);
    if (const uint64_t hit = flags(word, kIndices); hit != 0) {
      // The lowest flagged byte is a true match (a borrow can only flag bytes above one).
      if constexpr (std::endian::native == std::endian::little) return i + std::countr_zero(hit) / 8;
      break;
    }
  }
  for (; i < end; ++i) {
    if (is_one(text[i], kIndices)) return i;
  }
  return end;
}

// The offset of the first ill-formed sequence in text[from, size), or npos; its length (the
// maximal subpart that U8_NEXT skips, 1 to 3 bytes) in `length`.
inline std::size_t find_invalid_utf8(std::string_view text, std::size_t from, std::size_t* length) {
  const uint8_t* bytes = bytes_of(text);
  const std::size_t size = text.size();
  std::size_t i = from;
  while (i < size) {
    // ASCII runs eight bytes at a time.
    uint64_t word;
    while (i + 8 <= size && (std::memcpy(&word, bytes + i, 8), (word & 0x8080808080808080ULL) == 0)) i += 8;
    if (i >= size) break;
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
      *length = static_cast<std::size_t>(offset);
      return i;
    }
    i += static_cast<std::size_t>(offset);
  }
  return std::string_view::npos;
}

inline bool is_space(UChar32 c) {
  if (c < 0x80) return c == ' ' || (c >= '\t' && c <= '\r');
  // U+FEFF (a byte-order mark, or zero-width no-break space) separates nothing visible.
  return c == 0xFEFF || u_isUWhiteSpace(c);
}

// Closing quotes and brackets that may follow the final punctuation of a sentence.
inline bool is_closing(UChar32 c) {
  if (c < 0x80) return c == '"' || c == '\'' || c == ')' || c == ']' || c == '}';
  const int8_t type = u_charType(c);
  return type == U_END_PUNCTUATION || type == U_FINAL_PUNCTUATION || type == U_INITIAL_PUNCTUATION;
}

inline bool is_lower(UChar32 c) { return c < 0x80 ? (c >= 'a' && c <= 'z') : u_islower(c); }
inline bool is_upper(UChar32 c) { return c < 0x80 ? (c >= 'A' && c <= 'Z') : (u_isupper(c) || u_istitle(c)); }

// The sum of the eight bytes of `flags`, each 0 or 1, by one multiplication (std::popcount is a
// library call on x86-64 without -mpopcnt).
inline std::size_t sum_of_byte_flags(uint64_t flags) {
  return static_cast<std::size_t>((flags * 0x0101010101010101ULL) >> 56);
}

// Code points in text[span): one per byte that is not a UTF-8 continuation byte (10xxxxxx),
// eight bytes at a time.
inline std::size_t code_point_count(std::string_view text, Span span) {
  std::size_t count = 0;
  std::size_t i = span.begin;
  for (uint64_t word; i + 8 <= span.end; i += 8) {
    std::memcpy(&word, text.data() + i, 8);
    count += 8 - sum_of_byte_flags((word & ~(word << 1) & 0x8080808080808080ULL) >> 7);
  }
  for (; i < span.end; ++i) count += (static_cast<uint8_t>(text[i]) & 0xC0) != 0x80;
  return count;
}

// Code points of `text` outside ASCII: one per lead byte (11xxxxxx), eight bytes at a time.
inline std::size_t non_ascii_code_point_count(std::string_view text) {
  std::size_t count = 0;
  std::size_t i = 0;
  for (uint64_t word; i + 8 <= text.size(); i += 8) {
    std::memcpy(&word, text.data() + i, 8);
    count += sum_of_byte_flags((word & (word << 1) & 0x8080808080808080ULL) >> 7);
  }
  for (; i < text.size(); ++i) count += static_cast<uint8_t>(text[i]) >= 0xC0;
  return count;
}

// The first offset in [i, end) whose code point is not of `kind`, or `end`; `i` on a code point
// boundary.
template <typename Kind>
std::size_t skip_while(std::string_view text, std::size_t i, std::size_t end, Kind kind) {
  while (i < end) {
    const UChar32 c = code_point_at(text, i);
    if (!kind(c)) break;
    i += U8_LENGTH(c);
  }
  return i;
}

// The first offset in [i, end) that is not white space, or `end`.
inline std::size_t skip_space(std::string_view text, std::size_t i, std::size_t end) {
  return skip_while(text, i, end, is_space);
}

// An e-mail address has at most 254 bytes: rules that look for one read no further.
inline constexpr std::size_t kMaxAddressBytes = 254;

// `span` without leading and trailing white space.
inline Span trim(std::string_view text, Span span) {
  span.begin = skip_space(text, span.begin, span.end);
  while (span.end > span.begin) {
    std::size_t start = 0;
    if (!is_space(code_point_before(text, span.end, &start))) break;
    span.end = start;
  }
  return span;
}

}  // namespace precis::detail
