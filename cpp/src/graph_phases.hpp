// Internal: the phases of build_similarity_graph (graph.cpp), each testable on its own:
//   count_terms, invert  → the inverted index
//   plan_graph           → which terms take part (the pair budget), whether the cap may apply
//   accumulate_upper     → the full graph's upper triangle, row by row
//   cap_cuts_edges, cap_rows, union_of_kept → the max_neighbors cap
//   rebalance            → restore each sentence's total edge weight after the cap
//   emit_csr             → the symmetric compressed matrix
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "precis/graph.hpp"
#include "precis/options.hpp"

namespace precis::detail {

// A term of a sentence with its count in that sentence.
struct TermCount {
  std::uint32_t term;
  std::uint32_t count;
};

// Per-sentence distinct terms with counts (CSR: rows[i] .. rows[i+1]), sorted by term id so every
// later loop runs in a fixed order.
struct CountedTerms {
  std::vector<std::size_t> rows{0};
  std::vector<TermCount> entries;
};

CountedTerms count_terms(const TermMatrix& terms);

// term → the sentences containing it (ascending), with counts: the inverted index.
struct Postings {
  std::vector<std::size_t> rows;  // term_count + 1
  std::vector<std::uint32_t> sentence;
  std::vector<std::uint32_t> count;

  std::size_t df(std::uint32_t term) const { return rows[term + 1] - rows[term]; }
};

Postings invert(const CountedTerms& counted, std::size_t term_count);

// The per-term and per-sentence quantities each similarity needs, and the weight of a pair from
// the accumulated per-term contributions.
class Weighting {
 public:
  Weighting(const GraphOptions& options, const TermMatrix& terms, const Postings& postings);

  // Prepares the sentence-level values once the counted terms are known.
  void set_norms(const CountedTerms& counted);

  // What one shared term t adds to the pair (i, j), counted ci times in i and cj times in j.
  double contribution(std::uint32_t t, std::size_t i, std::uint32_t ci, std::size_t j, std::uint32_t cj) const {
    switch (similarity_) {
      case Similarity::kTextRank: return 1.0;
      case Similarity::kBm25:
        return 0.5 * idf_[t] * (cj * saturate(ci, terms_.size(i)) + ci * saturate(cj, terms_.size(j)));
      case Similarity::kCosine: return (ci * idf_[t]) * (cj * idf_[t]);
    }
    return 0.0;
  }

  // Terms left out of the pair enumeration (too common) still belong to every sentence's total
  // edge weight, which the sparse graph is balanced to. Their share of sentence i's total is a sum
  // over the term's postings that does not need the pairs: per term, the postings' sums for
  // cosine and BM25, and a histogram of sentence lengths for TextRank's log denominator.
  void prepare_common_terms(const Postings& postings, std::size_t max_df);

  // What the left-out term t (counted ci times in sentence i) adds to sentence i's total weight.
  double common_share(std::uint32_t t, std::size_t i, std::uint32_t ci) const {
    switch (similarity_) {
      case Similarity::kTextRank: {
        const auto denominator = [](double d) { return d > 0.0 ? d : 1.0; };
        double sum = -1.0 / denominator(2.0 * log_size_[i]);  // i is in its own postings
        for (std::size_t k = common_rows_[t]; k < common_rows_[t + 1]; ++k) {
          sum += length_counts_[k].second / denominator(log_size_[i] + length_counts_[k].first);
        }
        return sum;
      }
      case Similarity::kBm25: {
        const double sat_i = saturate(ci, terms_.size(i));
        return 0.5 * idf_[t] * (sat_i * (sum_a_[t] - ci) + ci * (sum_b_[t] - sat_i));
      }
      case Similarity::kCosine: {
        const double own = ci * idf_[t] / norm_[i];
        return own * (sum_a_[t] - own);
      }
    }
    return 0.0;
  }

  double weight(double accumulated, std::size_t i, std::size_t j) const {
    switch (similarity_) {
      case Similarity::kTextRank: {
        const double denominator = log_size_[i] + log_size_[j];
        return accumulated / (denominator > 0.0 ? denominator : 1.0);
      }
      case Similarity::kBm25: return accumulated;
      case Similarity::kCosine: return accumulated / (norm_[i] * norm_[j]);
    }
    return 0.0;
  }

 private:
  static constexpr double kK1 = 1.2;
  static constexpr double kB = 0.75;

  // BM25's term-frequency saturation of a term counted `count` times in a sentence of `length`.
  double saturate(std::uint32_t count, std::size_t length) const {
    const double tf = count;
    return tf * (kK1 + 1.0) / (tf + kK1 * (1.0 - kB + kB * static_cast<double>(length) / average_length_));
  }

  Similarity similarity_;
  const TermMatrix& terms_;
  std::vector<double> idf_;
  std::vector<double> norm_;
  std::vector<double> log_size_;
  std::vector<std::size_t> common_rows_;                  // per term, into length_counts_
  std::vector<std::pair<double, double>> length_counts_;  // (log length, sentences)
  std::vector<double> sum_a_, sum_b_;
  double average_length_ = 0.0;
};

// Phase 1, plan: which terms take part in the pairs, and how the cap is approached.
struct GraphPlan {
  std::size_t max_df = 0;         // terms in more sentences are left out of the pairs
  bool leaves_terms_out = false;  // some term is left out: the graph is sparse, and balanced
  bool may_cap = false;           // the graph may need the cap (or balancing): some sentence may
                                  // have more than max_neighbors neighbours, or terms are left out
  bool full_first = false;        // build the full graph first and cap it only if needed
};

// The largest document frequency a term may have to take part in the graph: every term when the
// pairs all terms link (Σ df·(df−1)/2) fit in max_pairs_per_sentence × n, else the largest df such
// that the terms of that df or less fit. Terms of equal df are kept or left out together, so the
// result does not depend on term ids.
std::size_t max_graph_df(const Postings& postings, std::size_t n, std::size_t max_pairs_per_sentence);

GraphPlan plan_graph(const CountedTerms& counted, const Postings& postings, const GraphOptions& options);

using Edge = std::pair<std::uint32_t, double>;  // (column, weight)

// Edges by row, CSR: row i's edges are entries[rows[i]] .. entries[rows[i + 1] - 1].
struct EdgeRows {
  std::vector<std::size_t> rows{0};
  std::vector<Edge> entries;

  std::span<const Edge> row(std::size_t i) const { return std::span(entries).subspan(rows[i], rows[i + 1] - rows[i]); }
};

// Phase 2, accumulate rows: the weights of a row's pairs summed over the shared graph terms, from
// a dense accumulator reset through the list of touched columns, so the cost follows the
// co-occurring pairs. A row sums its shared terms in ascending term order from either end of a
// pair, so w(i, j) and w(j, i) are the same double. Edges not positive, not finite or below
// min_edge_weight are dropped.
class RowAccumulator {
 public:
  RowAccumulator(const CountedTerms& counted, const Postings& postings, const Weighting& weighting, std::size_t max_df,
                 double min_edge_weight);

  // Appends row i's upper triangle (columns > i, ascending) to `upper`, and ends the row there.
  // Rows must come in ascending order, each once.
  void upper_row(std::size_t i, EdgeRows& upper);
  // Replaces `row` with all of row i's edges, in the order their columns were first reached.
  void whole_row(std::size_t i, std::vector<Edge>& row);

 private:
  void accumulate(std::size_t i, bool whole_row);
  bool keep(double w) const { return w > 0.0 && w >= min_edge_weight_ && std::isfinite(w); }

  const CountedTerms& counted_;
  const Postings& postings_;
  const Weighting& weighting_;
  std::size_t max_df_;
  double min_edge_weight_;
  std::vector<double> accumulator_;
  std::vector<std::uint32_t> touched_;
  // Upper triangles are accumulated for rows in ascending order, so each term's postings are
  // walked with a cursor: row i is the next posting of every one of its terms, and the row's pairs
  // through that term are the postings after it.
  std::vector<std::size_t> own_posting_;
};

// The full graph's upper triangle, every row. Throws Error{kInvalidArgument} as soon as it has
// more edges than a graph can index.
EdgeRows accumulate_upper(RowAccumulator& rows, std::size_t n);

// The k-th largest weight of `row` (0 < k <= row.size()). `bits` is scratch.
double kth_heaviest(std::span<const Edge> row, std::size_t k, std::vector<std::uint64_t>& bits);

// Phase 3, cap. Whether capping the full graph (its upper triangle) at max_neighbors removes any
// edge; if it does, `full` receives the full graph's rows (both triangles, columns ascending).
bool cap_cuts_edges(const EdgeRows& upper, std::size_t n, std::size_t max_neighbors, EdgeRows& full);

// Scratch of keep_heaviest, reused across rows.
struct CapScratch {
  std::vector<std::uint64_t> weight_bits;
  std::vector<std::uint32_t> ties;
};

// Appends to `kept` the k heaviest edges of `row` (ties: lower column first), in row order.
void keep_heaviest(std::span<const Edge> row, std::size_t k, std::vector<Edge>& kept, CapScratch& scratch);

// Each sentence's chosen edges, and what the full graph gives it.
struct CappedRows {
  EdgeRows kept;                 // row i: the max_neighbors heaviest edges of sentence i
  std::vector<double> strength;  // sentence i's total weight in the full graph (with left-out terms)
  std::size_t full_entries = 0;  // 2 × the full graph's edges
};

// Caps every row at max_neighbors edges (0: no cap). Rows come from `full` when it is given, else
// from `rows`.
CappedRows cap_rows(const EdgeRows* full, RowAccumulator& rows, const CountedTerms& counted, const Postings& postings,
                    const Weighting& weighting, const GraphPlan& plan, std::size_t max_neighbors, std::size_t n);

// The undirected union of the kept edges (an edge is in the graph when either end keeps it), as
// an upper triangle.
EdgeRows union_of_kept(EdgeRows kept, std::size_t n);

// Phase 4, rebalance: a few rounds of w_ij ← w_ij · √(f_i · f_j), f_i = √(strength_i / kept
// strength_i), which keeps the graph symmetric and brings every kept strength close to `strength`.
void rebalance(EdgeRows& upper, std::span<const double> strength);

// Phase 5, emit: the symmetric CSR matrix of an upper triangle. Throws Error{kInvalidArgument}
// when it has more edges than a graph can index.
SparseGraph emit_csr(const EdgeRows& upper, std::size_t n);

}  // namespace precis::detail
