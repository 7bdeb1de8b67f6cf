// Internal: ICU error handling, RAII, and the UTF-16 copy of a text that break iterators run over.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <unicode/brkiter.h>
#include <unicode/utext.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>
#include <unicode/utypes.h>

#include "precis/error.hpp"
#include "utf8_text.hpp"

namespace precis::detail {

// ICU reports fallbacks (U_USING_DEFAULT_WARNING) through the same code as failures; only
// U_FAILURE is an error.
inline void check_icu(UErrorCode status, std::string_view what) {
  if (U_FAILURE(status)) {
    throw Error(ErrorCode::kIcu, std::string(what) + ": " + u_errorName(status));
  }
}

struct UTextCloser {
  void operator()(UText* text) const noexcept { utext_close(text); }
};
using UTextPtr = std::unique_ptr<UText, UTextCloser>;

// Valid UTF-8 text copied to UTF-16 for ICU's break iterators, which run faster over it than over
// a UTF-8 UText: ICU's UTF-8 UText provider converts the text to UTF-16 in small chunks as the
// iterator reads. ASCII is widened eight bytes at a time (cheaper than u_strFromUTF8 on mostly
// ASCII text), the rest goes through ICU's UTF-8 and UTF-16 macros. Boundaries
// come back as UTF-16 indices, which ByteOffsets maps back to byte offsets into the UTF-8 text.
class Utf16Text {
  // From UTF-16 index `unit` on (up to the next non-ASCII code point), byte offset = unit + shift.
  struct Shift {
    int32_t unit;
    uint32_t shift;
  };

 public:
  // `utf8` must be valid UTF-8 (check_utf8) and shorter than 2^31 bytes.
  explicit Utf16Text(std::string_view utf8) : units_(std::make_unique_for_overwrite<UChar[]>(utf8.size())) {
    const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
    const std::size_t size = utf8.size();
    UChar* units = units_.get();
    shifts_.reserve(non_ascii_code_point_count(utf8));  // no regrowth on Chinese, Thai, ...
    std::size_t byte = 0;
    int32_t unit = 0;
    while (byte < size) {
      // Eight ASCII bytes at a time (most of a European text), then one code point.
      for (uint64_t word = 0; byte + 8 <= size; byte += 8, unit += 8) {
        std::memcpy(&word, bytes + byte, 8);
        if (word & 0x8080808080808080ULL) break;
        uint8_t ascii[8];  // a local copy: the stores below cannot alias it
        std::memcpy(ascii, &word, 8);
        UChar* out = units + unit;
        for (int k = 0; k < 8; ++k) out[k] = ascii[k];
      }
      if (byte == size) break;
      if (bytes[byte] < 0x80) {
        units[unit++] = bytes[byte++];
        continue;
      }
      UChar32 c = 0;
      U8_NEXT_UNSAFE(bytes, byte, c);
      U16_APPEND_UNSAFE(units, unit, c);
      shifts_.push_back({unit, static_cast<uint32_t>(byte - static_cast<std::size_t>(unit))});
    }
    length_ = unit;
  }

  // A read-only UText over the copy, which must outlive it. Native indices are UTF-16 indices.
  UTextPtr open() const {
    UErrorCode status = U_ZERO_ERROR;
    UText* opened = utext_openUChars(nullptr, units_.get(), length_, &status);
    check_icu(status, "utext_openUChars");
    return UTextPtr(opened);
  }

  // UTF-16 index (of a code point boundary) → UTF-8 byte offset, for indices that never decrease:
  // constant time per call, amortized.
  class ByteOffsets {
   public:
    explicit ByteOffsets(const Utf16Text& text) : shifts_(text.shifts_) {}  // must outlive this
    std::size_t operator()(int32_t index) {
      for (; next_ < shifts_.size() && shifts_[next_].unit <= index; ++next_) shift_ = shifts_[next_].shift;
      return static_cast<std::size_t>(index) + shift_;
    }

   private:
    std::span<const Shift> shifts_;
    std::size_t next_ = 0;
    std::size_t shift_ = 0;
  };

 private:
  std::unique_ptr<UChar[]> units_;
  int32_t length_ = 0;
  std::vector<Shift> shifts_;  // one per non-ASCII code point, in order
};

using BreakIteratorPtr = std::unique_ptr<icu::BreakIterator>;

inline BreakIteratorPtr clone(const icu::BreakIterator& prototype) {
  BreakIteratorPtr copy(prototype.clone());
  if (!copy) throw Error(ErrorCode::kIcu, "BreakIterator::clone failed");
  return copy;
}

}  // namespace precis::detail
