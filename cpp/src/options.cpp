#include <cmath>
#include <sstream>
#include <string>
#include <type_traits>

#include "language.hpp"
#include "precis/error.hpp"
#include "precis/options.hpp"
#include "precis/types.hpp"

namespace precis {
namespace {

std::string number(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

template <typename T>
[[noreturn]] void invalid(std::string_view field, const std::string& requirement, const T& value) {
  std::ostringstream message;
  message << field << " must be " << requirement << ", got " << value;
  throw Error(ErrorCode::kInvalidArgument, message.str());
}

template <typename T>
void check_range(std::string_view parent, std::string_view name, const Range& range, const T& value) {
  if constexpr (std::is_arithmetic_v<T> && !std::is_same_v<T, bool>) {
    if (!range.contains(static_cast<double>(value))) {
      const std::string path = parent.empty() ? std::string(name) : std::string(parent) + "." + std::string(name);
      invalid(path, range.describe(std::is_integral_v<T>), value);
    }
  }
}

// Checks every ranged field of `value`, recursing into nested structs; `path` names the struct
// ("rank"), so messages name the field as in JSON ("rank.damping"). Names are only built for a
// message: every summarize() call validates its options.
template <HasFields T>
void check_ranges(const T& value, std::string_view path) {
  for_each_field<T>([&](const auto& entry) {
    using Member = typename std::decay_t<decltype(entry)>::member_type;
    const Member& member = value.*entry.member;
    if constexpr (HasFields<Member>) {
      if (path.empty()) {
        check_ranges(member, entry.name);
      } else {
        check_ranges(member, std::string(path) + "." + std::string(entry.name));
      }
    } else if constexpr (requires { member.has_value(); }) {
      if (member && !entry.range.unbounded()) check_range(path, entry.name, entry.range, *member);
    } else if (!entry.range.unbounded()) {
      check_range(path, entry.name, entry.range, member);
    }
  });
}

}  // namespace

std::string Range::describe(bool integral) const {
  if (high == kNone) {
    return std::string(integral ? "" : "finite and ") + (low_open ? "> " : ">= ") + number(low);
  }
  if (low == -kNone) return std::string(integral ? "" : "finite and ") + (high_open ? "< " : "<= ") + number(high);
  return std::string("in ") + (low_open ? "(" : "[") + number(low) + ", " + number(high) + (high_open ? ")" : "]");
}

namespace detail {
void throw_unknown_name(std::string_view option_name, const std::string& known, std::string_view name) {
  throw Error(ErrorCode::kInvalidArgument,
              std::string(option_name) + " must be one of " + known + ", got '" + std::string(name) + "'");
}
}  // namespace detail

const std::vector<std::string_view>& preset_names() {
  static const std::vector<std::string_view> names{"default", "news-lead", "coverage", "classic"};
  return names;
}

SummarizerOptions preset_options(std::string_view name) {
  SummarizerOptions options;
  if (name == "default") return options;
  if (name == "news-lead") {
    options.rank.position_budget_exponent = 1.0;
    return options;
  }
  if (name == "coverage") {
    options.rank.position_weight = 0.0;
    options.select.redundancy = 0.2;
    return options;
  }
  if (name == "classic") {
    options.rank.position_weight = 0.0;
    options.select.length_penalty = 0.0;
    options.select.redundancy = 0.0;
    options.select.min_length_ratio = 0.0;
    options.select.skip_unterminated = false;
    options.select.duplicate_threshold = 1.0;
    options.select.skip_structure = false;
    options.select.cover_long_documents = false;
    return options;
  }
  std::string known;
  for (std::string_view n : preset_names()) known += (known.empty() ? "" : ", ") + std::string(n);
  throw Error(ErrorCode::kInvalidArgument, "preset must be one of " + known + ", got '" + std::string(name) + "'");
}

void validate(const SummarizerOptions& options) {
  detail::require_known_language(options.segment.language, "segment.language");
  check_ranges(options, "");
}

bool Diagnostics::has(Warning warning) const noexcept {
  for (Warning w : warnings) {
    if (w == warning) return true;
  }
  return false;
}

std::string Summary::text() const {
  std::string joined;
  for (const ScoredSentence& sentence : sentences) {
    if (!joined.empty()) joined += '\n';
    joined += sentence.text;
  }
  return joined;
}

}  // namespace precis
