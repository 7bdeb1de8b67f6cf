#include "precis/rank.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>

#include "precis/error.hpp"
#include "rank_internal.hpp"

namespace precis {

double effective_position_weight(const RankOptions& options, double budget, double sentences) {
  if (!(sentences > 0.0)) return options.position_weight;
  const double kept = std::clamp(budget / sentences, 0.0, 1.0);
  return options.position_weight * std::pow(1.0 - kept, options.position_budget_exponent);
}

void apply_position_prior(Eigen::VectorXd& scores, double weight) {
  if (!(weight >= 0.0 && weight <= 1.0)) {
    throw Error(ErrorCode::kInvalidArgument, "position weight must be in [0, 1], got " + std::to_string(weight));
  }
  if (weight == 0.0 || scores.size() == 0) return;
  for (Eigen::Index i = 0; i < scores.size(); ++i) {
    scores[i] = std::pow(scores[i], 1.0 - weight) * std::pow(1.0 / static_cast<double>(i + 1), weight);
  }
  const double sum = scores.sum();
  if (sum > 0.0) scores /= sum;
}

namespace {

// One step of the power iteration: next = d · (matrix * vector) + c · teleport, one row at a time.
// Each row's sum runs in four independent chains, as a single running sum (Eigen's product) waits
// for every addition in turn. The order of additions is fixed, so the result is deterministic.
void step(const SparseGraph& matrix, const Eigen::VectorXd& vector, double d, double c, const Eigen::VectorXd& teleport,
          Eigen::VectorXd& next) {
  const int* starts = matrix.outerIndexPtr();
  const int* counts = matrix.innerNonZeroPtr();  // null when compressed
  const int* columns = matrix.innerIndexPtr();
  const double* values = matrix.valuePtr();
  const double* x = vector.data();
  for (Eigen::Index row = 0; row < matrix.rows(); ++row) {
    const int begin = starts[row];
    const int end = counts ? begin + counts[row] : starts[row + 1];
    double sum0 = 0.0, sum1 = 0.0, sum2 = 0.0, sum3 = 0.0;
    int k = begin;
    for (; k + 4 <= end; k += 4) {
      sum0 += values[k] * x[columns[k]];
      sum1 += values[k + 1] * x[columns[k + 1]];
      sum2 += values[k + 2] * x[columns[k + 2]];
      sum3 += values[k + 3] * x[columns[k + 3]];
    }
    for (; k < end; ++k) sum0 += values[k] * x[columns[k]];
    next[row] = d * ((sum0 + sum1) + (sum2 + sum3)) + c * teleport[row];
  }
}

// pagerank(); `symmetric` says that the graph equals its transpose array for array.
RankResult power_iteration(const SparseGraph& graph, const RankOptions& options, std::span<const double> bias,
                           bool symmetric, bool start_near_fixed_point = false, bool options_valid = false) {
  if (!options_valid) {
    SummarizerOptions only_rank;
    only_rank.rank = options;
    validate(only_rank);
  }
  if (graph.rows() != graph.cols()) {
    throw Error(ErrorCode::kInvalidArgument, "pagerank needs a square graph, got " + std::to_string(graph.rows()) +
                                                 "x" + std::to_string(graph.cols()));
  }
  const Eigen::Index n = graph.rows();
  if (!bias.empty() && bias.size() != static_cast<std::size_t>(n)) {
    throw Error(ErrorCode::kInvalidArgument, "pagerank bias needs one entry per node, got " +
                                                 std::to_string(bias.size()) + " for " + std::to_string(n));
  }
  double bias_sum = 0.0;
  for (double b : bias) {
    if (!(b >= 0.0) || !std::isfinite(b)) {
      throw Error(ErrorCode::kInvalidArgument, "pagerank needs a finite, non-negative bias, got " + std::to_string(b));
    }
    bias_sum += b;
  }
  RankResult result;
  result.converged = true;
  if (n == 0) return result;

  // The teleport distribution: uniform, or leaning toward the bias.
  const double uniform = 1.0 / static_cast<double>(n);
  Eigen::VectorXd teleport = Eigen::VectorXd::Constant(n, uniform);
  if (bias_sum > 0.0 && options.query_weight > 0.0) {
    const double q = options.query_weight;
    for (Eigen::Index i = 0; i < n; ++i) teleport[i] = (1.0 - q) * teleport[i] + q * bias[i] / bias_sum;
  }

  // Out-weights; a node without any is dangling and spreads its score like the teleport.
  Eigen::VectorXd inverse_out = Eigen::VectorXd::Zero(n);
  Eigen::VectorXd strength(n);
  for (Eigen::Index row = 0; row < n; ++row) {
    double sum = 0.0;
    for (SparseGraph::InnerIterator it(graph, row); it; ++it) {
      if (!(it.value() >= 0.0) || !std::isfinite(it.value())) {
        throw Error(ErrorCode::kInvalidArgument,
                    "pagerank needs finite, non-negative weights, got " + std::to_string(it.value()));
      }
      sum += it.value();
    }
    if (sum > 0.0) inverse_out[row] = 1.0 / sum;
    strength[row] = sum;
  }

  // Wᵀ in row-major form, so every iteration is a cache-friendly row-by-row product (a transposed
  // view of a row-major matrix would scatter instead). A symmetric graph is its own: same entries
  // in the same order, so the same sums bit for bit, without a copy.
  SparseGraph transposed_copy;
  if (!symmetric) transposed_copy = graph.transpose();
  const SparseGraph& transposed = symmetric ? graph : transposed_copy;
  const double d = options.damping;
  Eigen::VectorXd scores = Eigen::VectorXd::Constant(n, uniform);
  // On an undirected graph the walk alone settles on scores proportional to the nodes' strengths:
  // mixed with the teleport as the iteration mixes them, that is the result itself when the
  // teleport follows the strengths, and close to it when it follows word frequencies.
  if (start_near_fixed_point) {
    const double total_strength = strength.sum();
    if (total_strength > 0.0) scores = (1.0 - d) * teleport + d / total_strength * strength;
  }
  Eigen::VectorXd next(n);
  Eigen::VectorXd weighted(n);
  result.converged = false;
  for (int iteration = 1; iteration <= options.max_iterations; ++iteration) {
    double dangling = 0.0;
    for (Eigen::Index i = 0; i < n; ++i) {
      if (inverse_out[i] == 0.0) dangling += scores[i];
      weighted[i] = scores[i] * inverse_out[i];
    }
    step(transposed, weighted, d, 1.0 - d + d * dangling, teleport, next);
    result.residual = (next - scores).lpNorm<1>();
    scores.swap(next);
    result.iterations = iteration;
    if (result.residual < options.tolerance) {
      result.converged = true;
      break;
    }
  }
  // The iteration preserves the total up to rounding; make the sum exactly what the docs promise.
  scores /= scores.sum();
  result.scores = std::move(scores);
  return result;
}

}  // namespace

RankResult pagerank(const SparseGraph& graph, const RankOptions& options, std::span<const double> bias) {
  return power_iteration(graph, options, bias, /*symmetric=*/false);
}

namespace detail {

RankResult pagerank_of_symmetric_graph(const SparseGraph& graph, const RankOptions& options,
                                       std::span<const double> bias, bool start_near_fixed_point) {
  return power_iteration(graph, options, bias, /*symmetric=*/true, start_near_fixed_point, /*options_valid=*/true);
}

}  // namespace detail

QueryRelevance query_relevance(const TermMatrix& terms, std::span<const std::uint32_t> query_terms) {
  constexpr double k1 = 1.2;
  constexpr double b = 0.75;
  constexpr double kSpread = 0.9;
  constexpr std::size_t kReach = 15;
  const std::size_t n = terms.sentence_count();
  QueryRelevance out{std::vector<double>(n, 0.0), std::vector<double>(n, 0.0)};
  if (n == 0 || query_terms.empty()) return out;
  std::vector<std::int32_t> slot(terms.term_count, -1);  // term id → position in query_terms
  for (std::size_t q = 0; q < query_terms.size(); ++q) slot[query_terms[q]] = static_cast<std::int32_t>(q);
  // df of each query term, and its count in each sentence as the sentences are walked.
  std::vector<double> df(query_terms.size(), 0.0);
  std::vector<std::size_t> last_seen(query_terms.size(), SIZE_MAX);
  for (std::size_t s = 0; s < n; ++s) {
    for (std::uint32_t k = terms.offsets[s]; k < terms.offsets[s + 1]; ++k) {
      const std::int32_t q = slot[terms.ids[k]];
      if (q >= 0 && last_seen[q] != s) last_seen[q] = s, df[q] += 1.0;
    }
  }
  const double mean_length = static_cast<double>(terms.ids.size()) / static_cast<double>(n);
  std::vector<double> weight(query_terms.size());  // idf²
  for (std::size_t q = 0; q < query_terms.size(); ++q) {
    const double idf = std::log(1.0 + (static_cast<double>(n) - df[q] + 0.5) / (df[q] + 0.5));
    weight[q] = idf * idf;
  }
  std::vector<double> count(query_terms.size(), 0.0);
  for (std::size_t s = 0; s < n; ++s) {
    const std::uint32_t begin = terms.offsets[s], end = terms.offsets[s + 1];
    for (std::uint32_t k = begin; k < end; ++k) {
      if (const std::int32_t q = slot[terms.ids[k]]; q >= 0) count[q] += 1.0;
    }
    const double norm = k1 * (1.0 - b + b * static_cast<double>(end - begin) / std::max(mean_length, 1e-9));
    double match = 0.0;
    for (std::uint32_t k = begin; k < end; ++k) {
      const std::int32_t q = slot[terms.ids[k]];
      if (q < 0 || count[q] == 0.0) continue;  // each query term once per sentence
      match += weight[q] * count[q] * (k1 + 1.0) / (count[q] + norm);
      count[q] = 0.0;
    }
    out.match[s] = match;
  }
  for (std::size_t s = 0; s < n; ++s) {
    if (out.match[s] == 0.0) continue;
    double factor = 1.0;
    out.relevance[s] += out.match[s];
    for (std::size_t k = 1; k <= kReach; ++k) {
      factor *= kSpread;
      if (s >= k) out.relevance[s - k] += factor * out.match[s];
      if (s + k < n) out.relevance[s + k] += factor * out.match[s];
    }
  }
  return out;
}

}  // namespace precis
