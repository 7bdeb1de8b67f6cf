// Internal: ICU error handling and RAII.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <unicode/brkiter.h>
#include <unicode/utext.h>
#include <unicode/utypes.h>

#include "precis/error.hpp"

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

// A read-only UText over UTF-8 bytes that must outlive it. Native indices are byte offsets.
inline UTextPtr open_utf8(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  UText* opened = utext_openUTF8(nullptr, text.data(), static_cast<int64_t>(text.size()), &status);
  check_icu(status, "utext_openUTF8");
  return UTextPtr(opened);
}

using BreakIteratorPtr = std::unique_ptr<icu::BreakIterator>;

inline BreakIteratorPtr clone(const icu::BreakIterator& prototype) {
  BreakIteratorPtr copy(prototype.clone());
  if (!copy) throw Error(ErrorCode::kIcu, "BreakIterator::clone failed");
  return copy;
}

}  // namespace precis::detail
