// Weighted PageRank over the similarity graph.
#pragma once

#include <Eigen/Core>

#include <cstdint>
#include <span>
#include <vector>

#include "precis/graph.hpp"
#include "precis/options.hpp"

namespace precis {

struct RankResult {
  Eigen::VectorXd scores;  // one per node, non-negative, summing to 1
  int iterations = 0;      // power iterations run
  bool converged = false;  // the L1 change fell below options.tolerance
  double residual = 0.0;   // L1 change of the last iteration
};

// Weighted, personalized PageRank by sparse power iteration:
//   s' = (1 − d)·p + d · (Wᵀ D⁻¹ s + (Σ_{dangling i} s_i)·p)
// where D is the diagonal of row sums (out-weights) of W and a dangling node (row sum 0) spreads
// its score like the teleport distribution p. p is uniform (classic TextRank) unless `bias` is
// given (one non-negative entry per node, e.g. query relevance; all zero is ignored), which
// takes options.query_weight of it (biased TextRank):
//   p_i = (1 − query_weight)/n + query_weight · bias_i / Σ bias.
// The position options are not used here: the Summarizer applies them with apply_position_prior.
// Starts from the uniform vector and stops when ‖s' − s‖₁ < tolerance or after max_iterations.
// No randomness: the same graph gives the same scores bit for bit. An empty graph gives an empty
// vector; a graph without edges gives uniform scores.
// `graph` must be square with non-negative entries and `bias` empty or of size n, with finite,
// non-negative entries; throws Error{kInvalidArgument} otherwise, and for options outside their
// documented ranges.
RankResult pagerank(const SparseGraph& graph, const RankOptions& options = {}, std::span<const double> bias = {});

// The position prior, log-linear with weight w in [0, 1] (0: unchanged):
//   score_i ← score_i^(1 − w) · (1/(i+1))^w, normalized to sum 1 (i: 0-based node index).
// (The prior applies to the scores, not to the teleport distribution as in PositionRank: the walk
// would spread that mass over the whole graph.) Throws Error{kInvalidArgument} for w outside [0, 1].
void apply_position_prior(Eigen::VectorXd& scores, double weight);

// The position weight the Summarizer applies for a budget of `budget` of `sentences` sentences:
// options.position_weight · (1 − budget/sentences)^options.position_budget_exponent.
double effective_position_weight(const RankOptions& options, double budget, double sentences);

// How well each sentence answers a query whose content terms are `query_terms` (ids of `terms`'
// vocabulary, each once):
//   match_i     = Okapi BM25 of sentence i against the query (k1 = 1.2, b = 0.75, idf over
//                 sentences, idf(t) = ln(1 + (N − df + 0.5) / (df + 0.5)), each query term
//                 weighted by its idf again, so that the rarest terms lead);
//   relevance_i = Σ_{|k| ≤ 15} 0.9^|k| · match_{i+k}: an answer is usually a passage, so a
//                 sentence among matching ones is relevant too.
// Both are 0 everywhere when no sentence has a query term. Linear in the terms and sentences.
struct QueryRelevance {
  std::vector<double> match;
  std::vector<double> relevance;
};
QueryRelevance query_relevance(const TermMatrix& terms, std::span<const std::uint32_t> query_terms);

}  // namespace precis
