// The one error type of precis.
//
// precis throws only for things a caller must fix: invalid options (at construction), malformed
// JSON configuration, invalid UTF-8 input from C++, ICU failures (for example missing data), and
// a deadline the caller set and the call overran.
// Degenerate but valid content (empty text, one sentence, no words, a graph without edges,
// PageRank that did not converge) is never an error: it yields a Summary whose Diagnostics carry
// a Warning.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace precis {

enum class ErrorCode {
  kInvalidArgument,   // an option or argument is out of range; the message names it and its value
  kInvalidUtf8,       // the input is not well-formed UTF-8; the message gives the byte offset
  kInputTooLarge,     // the input is longer than InputOptions::max_bytes, or 2 GiB or more
  kParse,             // malformed JSON, or a JSON config with an unknown key or a wrongly typed value
  kIcu,               // ICU reported a failure (U_FAILURE), e.g. missing break-iterator data
  kDeadlineExceeded,  // the call ran longer than InputOptions::deadline_ms
  kInternal,          // a broken invariant inside precis: please report it
};

// "invalid_argument", "invalid_utf8", "input_too_large", "parse", "icu", "deadline_exceeded",
// "internal".
std::string_view to_string(ErrorCode code) noexcept;

class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, const std::string& message);
  ErrorCode code() const noexcept { return code_; }

 private:
  ErrorCode code_;
};

}  // namespace precis
