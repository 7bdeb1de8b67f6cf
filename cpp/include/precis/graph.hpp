// The sentence-similarity graph.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include <Eigen/SparseCore>

#include "precis/options.hpp"

namespace precis {

// Content terms of every sentence as interned term ids, in CSR layout: the terms of sentence i
// are ids[offsets[i]] .. ids[offsets[i + 1] - 1], in token order, repeats kept (they are the term
// frequencies). offsets has sentence_count() + 1 entries; every id is < term_count.
struct TermMatrix {
  std::vector<std::uint32_t> offsets{0};
  std::vector<std::uint32_t> ids;
  std::size_t term_count = 0;

  std::size_t sentence_count() const noexcept { return offsets.size() - 1; }
  std::size_t size(std::size_t sentence) const noexcept { return offsets[sentence + 1] - offsets[sentence]; }
  bool operator==(const TermMatrix&) const = default;
};

using SparseGraph = Eigen::SparseMatrix<double, Eigen::RowMajor, int>;

// The weighted, undirected similarity graph of the sentences: a symmetric sentence_count ×
// sentence_count matrix with a zero diagonal, non-negative weights, and an entry only for pairs of
// sentences that share a term (the Similarity formulas are in options.hpp). On long documents,
// GraphOptions::max_pairs_per_sentence leaves the most common terms out (see options.hpp): the
// graph is then a subgraph of the full one with lighter or equal weights; 0 always gives the full
// graph.
//
// Pairs are found through an inverted index (term → sentences), so the cost grows with the number
// of co-occurring pairs, not with sentence_count²; rows are written directly in compressed form,
// each with its columns ascending, so the graph equals its transpose array for array.
// Deterministic: the result depends only on the input, bit for bit.
// Throws Error{kInvalidArgument} when `terms` is malformed (offsets or ids out of range).
SparseGraph build_similarity_graph(const TermMatrix& terms, const GraphOptions& options = {});

}  // namespace precis
