// Weighted PageRank over the similarity graph.
#pragma once

#include <Eigen/Core>

#include "precis/graph.hpp"
#include "precis/options.hpp"

namespace precis {

struct RankResult {
  Eigen::VectorXd scores;  // one per node, non-negative, summing to 1
  int iterations = 0;      // power iterations run
  bool converged = false;  // the L1 change fell below options.tolerance
  double residual = 0.0;   // L1 change of the last iteration
};

// Weighted PageRank by sparse power iteration:
//   s' = (1 − d)/n + d · (Wᵀ D⁻¹ s + (Σ_{dangling i} s_i) / n)
// where D is the diagonal of row sums (out-weights) of W and a dangling node (row sum 0) spreads
// its score uniformly. Starts from the uniform vector and stops when ‖s' − s‖₁ < tolerance or
// after max_iterations. No randomness: the same graph gives the same scores bit for bit. An empty
// graph gives an empty vector; a graph without edges gives uniform scores.
// `graph` must be square with non-negative entries; throws Error{kInvalidArgument} otherwise, and
// for options outside their documented ranges.
RankResult pagerank(const SparseGraph& graph, const RankOptions& options = {});

}  // namespace precis
