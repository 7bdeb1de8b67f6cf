// Internal: PageRank for the Summarizer's own graphs.
#pragma once

#include <span>

#include "precis/rank.hpp"

namespace precis::detail {

// pagerank() of a graph from build_similarity_graph, which equals its transpose array for array
// (graph.hpp): the same result, bit for bit, without the transposed copy pagerank() makes of
// any other graph (as costly as a few iterations on long documents).
RankResult pagerank_of_similarity_graph(const SparseGraph& graph, const RankOptions& options,
                                        std::span<const double> bias);

}  // namespace precis::detail
