// Internal: PageRank for the Summarizer's own graphs.
#pragma once

#include <span>

#include "precis/rank.hpp"

namespace precis::detail {

// pagerank() of a graph that equals its transpose array for array, such as one from
// build_similarity_graph (graph.hpp) or the keyphrases' word graph: the same result, bit for bit,
// without the transposed copy pagerank() makes of any other graph (as costly as a few iterations
// on long documents). With `start_at_teleport`, the iteration starts from the teleport
// distribution instead of the uniform one: closer to the result when the bias follows the
// degrees, as word frequencies do in a co-occurrence graph.
RankResult pagerank_of_symmetric_graph(const SparseGraph& graph, const RankOptions& options,
                                       std::span<const double> bias, bool start_at_teleport = false);

}  // namespace precis::detail
