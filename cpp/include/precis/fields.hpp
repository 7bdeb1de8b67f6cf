// Field tables: every option and result struct lists its fields once, in a static fields()
// function beside its members:
//
//   struct RankOptions {
//     double damping = 0.85;
//     ...
//     static constexpr auto fields() {
//       return std::tuple{field("damping", &RankOptions::damping, "PageRank damping factor.",
//                               Range::open(0, 1)), ...};
//     }
//   };
//
// JSON reading and writing (json.hpp), validation messages (validate()), the Python binding's
// properties, keyword constructors, repr and pickling, and the generated Python stub all walk
// these tables, so a new field is one member plus one table line.
//
// Enums that appear in tables spell their names once, in an enum_names() function found by
// argument-dependent lookup; to_string() and enum_from_string() read it.
#pragma once

#include <array>
#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace precis {

// The valid values of a numeric field (of an optional one, when it is set): an interval whose
// ends are open, closed or absent. The default accepts everything.
struct Range {
  static constexpr double kNone = std::numeric_limits<double>::infinity();
  double low = -kNone;
  double high = kNone;
  bool low_open = false;
  bool high_open = false;

  static constexpr Range open(double low, double high) { return {low, high, true, true}; }
  static constexpr Range closed(double low, double high) { return {low, high, false, false}; }
  static constexpr Range closed_open(double low, double high) { return {low, high, false, true}; }
  static constexpr Range open_closed(double low, double high) { return {low, high, true, false}; }
  static constexpr Range at_least(double low) { return {low, kNone, false, false}; }
  static constexpr Range greater_than(double low) { return {low, kNone, true, false}; }

  constexpr bool unbounded() const { return low == -kNone && high == kNone; }
  // NaN is never contained; a bound of kNone also excludes that infinity.
  constexpr bool contains(double value) const {
    const bool above = low_open ? value > low : value >= low;
    const bool below = high_open ? value < high : value <= high;
    return above && below && value != kNone && value != -kNone;
  }
  // "in (0, 1]", ">= 1", "finite and > 0" (integers are always finite).
  std::string describe(bool integral) const;
};

// One entry of a field table: a name (as in JSON and Python), the member, its documentation and
// its valid range.
template <typename Struct, typename Member>
struct Field {
  using member_type = Member;
  std::string_view name;
  Member Struct::*member;
  std::string_view doc;
  Range range{};
};

template <typename Struct, typename Member>
constexpr Field<Struct, Member> field(std::string_view name, Member Struct::*member, std::string_view doc,
                                      Range range = {}) {
  return {name, member, doc, range};
}

// The container types a field may have: std::optional<T> (unset is null / None) and
// std::vector<T> (an array / a list).
template <typename T>
inline constexpr bool kIsOptional = false;
template <typename T>
inline constexpr bool kIsOptional<std::optional<T>> = true;
template <typename T>
inline constexpr bool kIsVector = false;
template <typename T>
inline constexpr bool kIsVector<std::vector<T>> = true;

// A struct with a field table.
template <typename T>
concept HasFields = requires {
  T::fields();
};

// Calls visit(field) for each entry of T's table, in order.
template <HasFields T, typename Visitor>
constexpr void for_each_field(Visitor&& visit) {
  std::apply([&](const auto&... entry) { (visit(entry), ...); }, T::fields());
}

// An enum with names: enum_names(E{}) returns an array of {enumerator, name} pairs.
template <typename E>
concept NamedEnum = std::is_enum_v<E> && requires(E e) {
  enum_names(e);
};

template <NamedEnum E>
constexpr std::string_view to_string(E value) noexcept {
  for (const auto& [enumerator, name] : enum_names(E{})) {
    if (enumerator == value) return name;
  }
  return "unknown";
}

// The names of E joined by ", " (for messages and documentation).
template <NamedEnum E>
std::string enum_name_list() {
  std::string out;
  for (const auto& entry : enum_names(E{})) out += (out.empty() ? "" : ", ") + std::string(entry.second);
  return out;
}

namespace detail {
[[noreturn]] void throw_unknown_name(std::string_view option_name, const std::string& known, std::string_view name);
}  // namespace detail

// Parses a name of E; throws Error{kInvalidArgument} naming `option_name` and the known names.
template <NamedEnum E>
E enum_from_string(std::string_view name, std::string_view option_name) {
  for (const auto& [enumerator, known] : enum_names(E{})) {
    if (known == name) return enumerator;
  }
  detail::throw_unknown_name(option_name, enum_name_list<E>(), name);
}

}  // namespace precis
