// Internal: PageRank for the Summarizer's own graphs.
#pragma once

#include <span>

#include "precis/rank.hpp"

namespace precis::detail {

// pagerank() of a graph that equals its transpose array for array, such as one from
// build_similarity_graph (graph.hpp) or the keyphrases' word graph: the same result, bit for bit,
// without the transposed copy pagerank() makes of any other graph (as costly as a few iterations
// on long documents). With `start_near_fixed_point`, the iteration starts from
// (1 − d)·teleport + d·strength/Σ strength instead of the uniform vector: the fixed point itself
// when the teleport follows the nodes' strengths, and close to it when it follows word
// frequencies, as in a co-occurrence graph. `options` are not validated again: the Summarizer's
// own are valid.
RankResult pagerank_of_symmetric_graph(const SparseGraph& graph, const RankOptions& options,
                                       std::span<const double> bias, bool start_near_fixed_point = false);

}  // namespace precis::detail
