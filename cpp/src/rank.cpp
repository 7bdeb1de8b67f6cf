#include "precis/rank.hpp"

#include <cmath>
#include <string>

#include "precis/error.hpp"

namespace precis {

RankResult pagerank(const SparseGraph& graph, const RankOptions& options) {
  SummarizerOptions only_rank;
  only_rank.rank = options;
  validate(only_rank);
  if (graph.rows() != graph.cols()) {
    throw Error(ErrorCode::kInvalidArgument, "pagerank needs a square graph, got " +
                                                 std::to_string(graph.rows()) + "x" +
                                                 std::to_string(graph.cols()));
  }
  const Eigen::Index n = graph.rows();
  RankResult result;
  result.converged = true;
  if (n == 0) return result;

  // Out-weights; a node without any is dangling and spreads its score uniformly.
  Eigen::VectorXd inverse_out = Eigen::VectorXd::Zero(n);
  for (Eigen::Index row = 0; row < n; ++row) {
    double sum = 0.0;
    for (SparseGraph::InnerIterator it(graph, row); it; ++it) {
      if (!(it.value() >= 0.0) || !std::isfinite(it.value())) {
        throw Error(ErrorCode::kInvalidArgument, "pagerank needs finite, non-negative weights, got " +
                                                     std::to_string(it.value()));
      }
      sum += it.value();
    }
    if (sum > 0.0) inverse_out[row] = 1.0 / sum;
  }

  // Wᵀ once, in row-major form, so every iteration is a cache-friendly row-by-row product (a
  // transposed view of a row-major matrix would scatter instead).
  const SparseGraph transposed = graph.transpose();
  const double d = options.damping;
  const double uniform = 1.0 / static_cast<double>(n);
  Eigen::VectorXd scores = Eigen::VectorXd::Constant(n, uniform);
  Eigen::VectorXd next(n);
  result.converged = false;
  for (int iteration = 1; iteration <= options.max_iterations; ++iteration) {
    double dangling = 0.0;
    for (Eigen::Index i = 0; i < n; ++i) {
      if (inverse_out[i] == 0.0) dangling += scores[i];
    }
    next.noalias() = transposed * scores.cwiseProduct(inverse_out);
    next = d * next + Eigen::VectorXd::Constant(n, (1.0 - d + d * dangling) * uniform);
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

}  // namespace precis
