#include "precis/error.hpp"

namespace precis {

std::string_view to_string(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::kInvalidArgument: return "invalid_argument";
    case ErrorCode::kInvalidUtf8: return "invalid_utf8";
    case ErrorCode::kInputTooLarge: return "input_too_large";
    case ErrorCode::kDeadlineExceeded: return "deadline_exceeded";
    case ErrorCode::kParse: return "parse";
    case ErrorCode::kIcu: return "icu";
    case ErrorCode::kInternal: return "internal";
  }
  return "internal";
}

Error::Error(ErrorCode code, const std::string& message) : std::runtime_error(message), code_(code) {}

}  // namespace precis
