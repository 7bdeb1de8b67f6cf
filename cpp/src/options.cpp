#include <cmath>
#include <sstream>
#include <string>

#include "language.hpp"
#include "precis/error.hpp"
#include "precis/options.hpp"
#include "precis/types.hpp"

namespace precis {
namespace {

template <typename T>
[[noreturn]] void invalid(std::string_view field, std::string_view requirement, const T& value) {
  std::ostringstream message;
  message << field << " must be " << requirement << ", got " << value;
  throw Error(ErrorCode::kInvalidArgument, message.str());
}

void require_positive(std::string_view field, const std::optional<std::int64_t>& value) {
  if (value && *value < 1) invalid(field, ">= 1", *value);
}

}  // namespace

std::string_view to_string(Similarity similarity) noexcept {
  switch (similarity) {
    case Similarity::kTextRank: return "textrank";
    case Similarity::kBm25: return "bm25";
    case Similarity::kCosine: return "cosine";
  }
  return "textrank";
}

Similarity similarity_from_string(std::string_view name, std::string_view option_name) {
  for (Similarity s : {Similarity::kTextRank, Similarity::kBm25, Similarity::kCosine}) {
    if (name == to_string(s)) return s;
  }
  throw Error(ErrorCode::kInvalidArgument, std::string(option_name) +
                                               " must be one of textrank, bm25, cosine, got '" +
                                               std::string(name) + "'");
}

std::string_view to_string(InvalidUtf8 policy) noexcept {
  return policy == InvalidUtf8::kReplace ? "replace" : "error";
}

std::string_view to_string(TooLong policy) noexcept {
  return policy == TooLong::kTruncate ? "truncate" : "error";
}

InvalidUtf8 invalid_utf8_from_string(std::string_view name, std::string_view option_name) {
  for (InvalidUtf8 policy : {InvalidUtf8::kError, InvalidUtf8::kReplace}) {
    if (name == to_string(policy)) return policy;
  }
  throw Error(ErrorCode::kInvalidArgument,
              std::string(option_name) + " must be one of error, replace, got '" + std::string(name) + "'");
}

TooLong too_long_from_string(std::string_view name, std::string_view option_name) {
  for (TooLong policy : {TooLong::kError, TooLong::kTruncate}) {
    if (name == to_string(policy)) return policy;
  }
  throw Error(ErrorCode::kInvalidArgument,
              std::string(option_name) + " must be one of error, truncate, got '" + std::string(name) + "'");
}

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
    return options;
  }
  std::string known;
  for (std::string_view n : preset_names()) known += (known.empty() ? "" : ", ") + std::string(n);
  throw Error(ErrorCode::kInvalidArgument, "preset must be one of " + known + ", got '" + std::string(name) + "'");
}

void validate(const SummarizerOptions& options) {
  detail::require_known_language(options.segment.language, "segment.language");
  const double min_edge = options.graph.min_edge_weight;
  if (!(min_edge >= 0.0) || !std::isfinite(min_edge)) {
    invalid("graph.min_edge_weight", "finite and >= 0", min_edge);
  }
  const RankOptions& rank = options.rank;
  if (!(rank.damping > 0.0 && rank.damping < 1.0)) invalid("rank.damping", "in (0, 1)", rank.damping);
  if (!(rank.tolerance > 0.0) || !std::isfinite(rank.tolerance)) {
    invalid("rank.tolerance", "finite and > 0", rank.tolerance);
  }
  if (rank.max_iterations < 1) invalid("rank.max_iterations", ">= 1", rank.max_iterations);
  if (!(rank.position_weight >= 0.0 && rank.position_weight <= 1.0)) {
    invalid("rank.position_weight", "in [0, 1]", rank.position_weight);
  }
  if (!(rank.position_budget_exponent >= 0.0) || !std::isfinite(rank.position_budget_exponent)) {
    invalid("rank.position_budget_exponent", "finite and >= 0", rank.position_budget_exponent);
  }
  if (!(rank.query_weight >= 0.0 && rank.query_weight <= 1.0)) {
    invalid("rank.query_weight", "in [0, 1]", rank.query_weight);
  }
  const SelectOptions& select = options.select;
  require_positive("select.sentences", select.sentences);
  require_positive("select.words", select.words);
  require_positive("select.chars", select.chars);
  if (select.ratio && !(*select.ratio > 0.0 && *select.ratio <= 1.0)) {
    invalid("select.ratio", "in (0, 1]", *select.ratio);
  }
  if (!(select.duplicate_threshold > 0.0 && select.duplicate_threshold <= 1.0)) {
    invalid("select.duplicate_threshold", "in (0, 1]", select.duplicate_threshold);
  }
  if (!(select.min_length_ratio >= 0.0 && select.min_length_ratio < 1.0)) {
    invalid("select.min_length_ratio", "in [0, 1)", select.min_length_ratio);
  }
  if (!(select.length_penalty >= 0.0 && select.length_penalty <= 1.0)) {
    invalid("select.length_penalty", "in [0, 1]", select.length_penalty);
  }
  if (!(select.redundancy >= 0.0 && select.redundancy < 1.0)) {
    invalid("select.redundancy", "in [0, 1)", select.redundancy);
  }
}

std::string_view to_string(Warning warning) noexcept {
  switch (warning) {
    case Warning::kEmptyInput: return "empty_input";
    case Warning::kSingleSentence: return "single_sentence";
    case Warning::kNoWords: return "no_words";
    case Warning::kNoEdges: return "no_edges";
    case Warning::kNotConverged: return "not_converged";
    case Warning::kBudgetTooSmall: return "budget_too_small";
    case Warning::kNoCandidates: return "no_candidates";
    case Warning::kTruncated: return "truncated";
    case Warning::kInvalidUtf8Replaced: return "invalid_utf8_replaced";
  }
  return "unknown";
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
