#include "precis/graph.hpp"

#include <algorithm>
#include <bit>
#include <climits>
#include <cmath>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <utility>

#include "graph_phases.hpp"
#include "precis/error.hpp"

namespace precis {
namespace {

void check_term_matrix(const TermMatrix& terms) {
  if (terms.offsets.empty() || terms.offsets.front() != 0 || terms.offsets.back() != terms.ids.size()) {
    throw Error(ErrorCode::kInvalidArgument, "TermMatrix offsets must start at 0 and end at ids.size()");
  }
  if (!std::is_sorted(terms.offsets.begin(), terms.offsets.end())) {
    throw Error(ErrorCode::kInvalidArgument, "TermMatrix offsets must be non-decreasing");
  }
  // Term ids are 32-bit; a larger term_count is a malformed matrix, not a bigger vocabulary (and
  // sizing the inverted index by it could not be allocated).
  if (terms.term_count > static_cast<std::size_t>(UINT32_MAX) + 1) {
    throw Error(ErrorCode::kInvalidArgument,
                "TermMatrix term_count " + std::to_string(terms.term_count) + " exceeds 2^32");
  }
  for (std::uint32_t id : terms.ids) {
    if (id >= terms.term_count) {
      throw Error(ErrorCode::kInvalidArgument, "TermMatrix id " + std::to_string(id) + " is not below term_count " +
                                                   std::to_string(terms.term_count));
    }
  }
  if (terms.sentence_count() >= static_cast<std::size_t>(INT_MAX)) {
    throw Error(ErrorCode::kInvalidArgument, "too many sentences for one graph");
  }
}

// Eigen indexes the graph's entries (2 per edge) with int.
void check_edge_count(std::size_t edges) {
  if (2 * edges > static_cast<std::size_t>(INT_MAX)) {
    throw Error(ErrorCode::kInvalidArgument,
                "the similarity graph has more than " + std::to_string(INT_MAX / 2) +
                    " edges, more than one graph can index; set graph.max_neighbors or raise "
                    "graph.min_edge_weight");
  }
}

// A row's touched columns are found by scanning the accumulator instead of sorting them when
// they are at least 1/kScanInsteadOfSort of the columns scanned: a branch-free scan of a column
// costs a small fraction of sorting one element.
constexpr std::size_t kScanInsteadOfSort = 16;

}  // namespace

namespace detail {

CountedTerms count_terms(const TermMatrix& terms) {
  CountedTerms counted;
  counted.entries.reserve(terms.ids.size());
  std::vector<std::uint32_t> scratch;
  for (std::size_t s = 0; s < terms.sentence_count(); ++s) {
    scratch.assign(terms.ids.begin() + terms.offsets[s], terms.ids.begin() + terms.offsets[s + 1]);
    std::sort(scratch.begin(), scratch.end());
    for (std::size_t k = 0; k < scratch.size();) {
      std::size_t end = k;
      while (end < scratch.size() && scratch[end] == scratch[k]) ++end;
      counted.entries.push_back({scratch[k], static_cast<std::uint32_t>(end - k)});
      k = end;
    }
    counted.rows.push_back(counted.entries.size());
  }
  return counted;
}

Postings invert(const CountedTerms& counted, std::size_t term_count) {
  Postings postings;
  postings.rows.assign(term_count + 1, 0);
  for (const TermCount& e : counted.entries) ++postings.rows[e.term + 1];
  for (std::size_t t = 0; t < term_count; ++t) postings.rows[t + 1] += postings.rows[t];
  postings.sentence.resize(counted.entries.size());
  postings.count.resize(counted.entries.size());
  std::vector<std::size_t> fill(postings.rows.begin(), postings.rows.end() - 1);
  for (std::size_t s = 0; s + 1 < counted.rows.size(); ++s) {
    for (std::size_t k = counted.rows[s]; k < counted.rows[s + 1]; ++k) {
      const std::size_t at = fill[counted.entries[k].term]++;
      postings.sentence[at] = static_cast<std::uint32_t>(s);
      postings.count[at] = counted.entries[k].count;
    }
  }
  return postings;
}

Weighting::Weighting(const GraphOptions& options, const TermMatrix& terms, const Postings& postings)
    : similarity_(options.similarity), terms_(terms) {
  const std::size_t n = terms.sentence_count();
  const std::size_t term_count = terms.term_count;
  idf_.assign(term_count, 1.0);
  if (similarity_ == Similarity::kTextRank) {
    // log|S_i| once per sentence, not once per pair.
    log_size_.resize(n);
    for (std::size_t s = 0; s < n; ++s) log_size_[s] = std::log(static_cast<double>(terms.size(s)));
  } else if (similarity_ == Similarity::kBm25) {
    constexpr double kEpsilon = 0.25;
    double total = 0.0;
    std::size_t terms_in_document = 0;
    for (std::size_t t = 0; t < term_count; ++t) {
      const double df = static_cast<double>(postings.rows[t + 1] - postings.rows[t]);
      if (df == 0.0) continue;  // an id no sentence uses is no term of the document
      idf_[t] = std::log((static_cast<double>(n) - df + 0.5) / (df + 0.5));
      total += idf_[t];
      ++terms_in_document;
    }
    const double mean = terms_in_document ? total / static_cast<double>(terms_in_document) : 0.0;
    // Terms in half the sentences or more have idf <= 0; they get a small positive floor (so
    // common terms still link sentences, weakly). When even the mean is not positive (tiny
    // documents), the floor is kEpsilon itself.
    const double floor = mean > 0.0 ? kEpsilon * mean : kEpsilon;
    for (double& idf : idf_) {
      if (idf <= 0.0) idf = floor;
    }
    double length_sum = 0.0;
    for (std::size_t s = 0; s < n; ++s) length_sum += static_cast<double>(terms.size(s));
    average_length_ = n ? length_sum / static_cast<double>(n) : 0.0;
  } else if (similarity_ == Similarity::kCosine) {
    for (std::size_t t = 0; t < term_count; ++t) {
      const double df = static_cast<double>(postings.rows[t + 1] - postings.rows[t]);
      idf_[t] = std::log((1.0 + static_cast<double>(n)) / (1.0 + df)) + 1.0;
    }
  }
}

void Weighting::set_norms(const CountedTerms& counted) {
  if (similarity_ != Similarity::kCosine) return;
  const std::size_t n = counted.rows.size() - 1;
  norm_.assign(n, 0.0);
  for (std::size_t s = 0; s < n; ++s) {
    double sum = 0.0;
    for (std::size_t k = counted.rows[s]; k < counted.rows[s + 1]; ++k) {
      const double v = counted.entries[k].count * idf_[counted.entries[k].term];
      sum += v * v;
    }
    norm_[s] = std::sqrt(sum);
  }
}

void Weighting::prepare_common_terms(const Postings& postings, std::size_t max_df) {
  const std::size_t term_count = terms_.term_count;
  common_rows_.assign(term_count + 1, 0);
  sum_a_.assign(term_count, 0.0);
  sum_b_.assign(term_count, 0.0);
  std::vector<std::uint32_t> lengths;
  for (std::size_t t = 0; t < term_count; ++t) {
    common_rows_[t + 1] = common_rows_[t];
    if (postings.rows[t + 1] - postings.rows[t] <= max_df) continue;
    lengths.clear();
    for (std::size_t k = postings.rows[t]; k < postings.rows[t + 1]; ++k) {
      const std::size_t j = postings.sentence[k];
      const double cj = postings.count[k];
      switch (similarity_) {
        case Similarity::kTextRank: lengths.push_back(static_cast<std::uint32_t>(terms_.size(j))); break;
        case Similarity::kBm25:
          sum_a_[t] += cj;
          sum_b_[t] += saturate(postings.count[k], terms_.size(j));
          break;
        case Similarity::kCosine: sum_a_[t] += cj * idf_[t] / norm_[j]; break;
      }
    }
    std::sort(lengths.begin(), lengths.end());
    for (std::size_t k = 0; k < lengths.size();) {
      std::size_t end = k;
      while (end < lengths.size() && lengths[end] == lengths[k]) ++end;
      length_counts_.emplace_back(std::log(static_cast<double>(lengths[k])), static_cast<double>(end - k));
      k = end;
    }
    common_rows_[t + 1] = length_counts_.size();
  }
}

std::size_t max_graph_df(const Postings& postings, std::size_t n, std::size_t max_pairs_per_sentence) {
  if (max_pairs_per_sentence == 0 || n < 2) return n;
  const std::size_t term_count = postings.rows.size() - 1;
  // pairs[d]: pairs linked by the terms of document frequency d.
  std::vector<double> pairs(n + 1, 0.0);
  double total = 0.0;
  for (std::size_t t = 0; t < term_count; ++t) {
    const double df = static_cast<double>(postings.rows[t + 1] - postings.rows[t]);
    const double p = df * (df - 1.0) / 2.0;
    pairs[static_cast<std::size_t>(df)] += p;
    total += p;
  }
  const double budget = static_cast<double>(max_pairs_per_sentence) * static_cast<double>(n);
  if (total <= budget) return n;
  double kept = 0.0;
  std::size_t d = 1;
  while (d + 1 <= n && kept + pairs[d + 1] <= budget) kept += pairs[++d];
  return d;
}

GraphPlan plan_graph(const CountedTerms& counted, const Postings& postings, const GraphOptions& options) {
  const std::size_t n = counted.rows.size() - 1;
  const std::size_t term_count = postings.rows.size() - 1;
  GraphPlan plan;
  // The full graph: its work, at most the tokens times half the sentences, is bounded here.
  if (n <= options.full_graph_sentences) {
    plan.max_df = n;
    plan.full_first = true;
    return plan;
  }
  plan.max_df = max_graph_df(postings, n, options.max_pairs_per_sentence);
  // Terms left out by the pair budget make a sparse graph too, balanced like a capped one.
  for (std::size_t t = 0; t < term_count && !plan.leaves_terms_out; ++t) {
    plan.leaves_terms_out = postings.rows[t + 1] - postings.rows[t] > plan.max_df;
  }
  plan.may_cap = plan.leaves_terms_out;
  double candidate_pairs = 0.0;  // Σ df·(df−1)/2 over the graph's terms
  for (std::size_t t = 0; t < term_count; ++t) {
    const double df = static_cast<double>(postings.rows[t + 1] - postings.rows[t]);
    if (df <= static_cast<double>(plan.max_df)) candidate_pairs += df * (df - 1.0) / 2.0;
  }
  // Whether some sentence may have more than max_neighbors neighbours: the sum of (df − 1) over
  // its graph terms bounds its degree.
  if (options.max_neighbors > 0) {
    for (std::size_t i = 0; i < n && !plan.may_cap; ++i) {
      std::size_t bound = 0;
      for (std::size_t k = counted.rows[i]; k < counted.rows[i + 1]; ++k) {
        const std::size_t df = postings.df(counted.entries[k].term);
        if (df <= plan.max_df) bound += df - 1;
      }
      plan.may_cap = bound > options.max_neighbors;
    }
  }
  // When the cap might apply but the full graph is small (at most max_neighbors pairs per
  // sentence to visit), build the full graph first and cap it only if a sentence really has too
  // many neighbours: news-length documents then cost what the full graph costs.
  plan.full_first =
      !plan.leaves_terms_out &&
      (!plan.may_cap || candidate_pairs <= static_cast<double>(options.max_neighbors) * static_cast<double>(n));
  return plan;
}

RowAccumulator::RowAccumulator(const CountedTerms& counted, const Postings& postings, const Weighting& weighting,
                               std::size_t max_df, double min_edge_weight)
    : counted_(counted),
      postings_(postings),
      weighting_(weighting),
      max_df_(max_df),
      min_edge_weight_(min_edge_weight),
      accumulator_(counted.rows.size() - 1, 0.0),
      own_posting_(postings.rows.begin(), postings.rows.end() - 1) {}

void RowAccumulator::accumulate(std::size_t i, bool whole_row) {
  double* const accumulator = accumulator_.data();
  const std::uint32_t* const base = postings_.sentence.data();
  for (std::size_t k = counted_.rows[i]; k < counted_.rows[i + 1]; ++k) {
    const TermCount term = counted_.entries[k];
    if (postings_.df(term.term) > max_df_) continue;
    const std::uint32_t* const first = base + postings_.rows[term.term];
    const std::uint32_t* const last = base + postings_.rows[term.term + 1];
    for (const std::uint32_t* it = whole_row ? first : base + own_posting_[term.term]++ + 1; it != last; ++it) {
      const std::uint32_t j = *it;
      if (j == i) continue;
      const std::uint32_t cj = postings_.count[static_cast<std::size_t>(it - base)];
      if (accumulator[j] == 0.0) touched_.push_back(j);
      accumulator[j] += weighting_.contribution(term.term, i, term.count, j, cj);
    }
  }
}

void RowAccumulator::upper_row(std::size_t i, EdgeRows& upper) {
  const std::size_t n = accumulator_.size();
  accumulate(i, false);
  // The touched columns in ascending order: sorted, or, when they are many of the columns left,
  // found by a scan of the accumulator (every contribution is positive).
  if (touched_.size() * kScanInsteadOfSort >= n - i) {
    // Without a branch: whether a column was touched is a coin toss to the predictor.
    touched_.resize(n - i);
    std::size_t found = 0;
    for (std::size_t j = i + 1; j < n; ++j) {
      touched_[found] = static_cast<std::uint32_t>(j);
      found += accumulator_[j] != 0.0;
    }
    touched_.resize(found);
  } else {
    std::sort(touched_.begin(), touched_.end());
  }
  for (std::uint32_t j : touched_) {
    const double w = weighting_.weight(accumulator_[j], i, j);
    accumulator_[j] = 0.0;
    if (keep(w)) upper.entries.emplace_back(j, w);
  }
  touched_.clear();
  upper.rows.push_back(upper.entries.size());
}

void RowAccumulator::whole_row(std::size_t i, std::vector<Edge>& row) {
  row.clear();
  accumulate(i, true);
  for (std::uint32_t j : touched_) {
    const double w = weighting_.weight(accumulator_[j], i, j);
    accumulator_[j] = 0.0;
    if (keep(w)) row.emplace_back(j, w);
  }
  touched_.clear();
}

EdgeRows accumulate_upper(RowAccumulator& rows, std::size_t n) {
  EdgeRows upper;
  upper.rows.reserve(n + 1);
  for (std::size_t i = 0; i < n; ++i) {
    rows.upper_row(i, upper);
    // Checked as the edges accumulate, so a huge dense graph stops with this error instead of
    // exhausting memory first.
    check_edge_count(upper.entries.size());
  }
  return upper;
}

// Kept weights are positive and finite, and such doubles order as their bit patterns do:
// selecting on the integers spares the floating point comparisons (and their NaN checks) of
// std::nth_element on doubles.
double kth_heaviest(std::span<const Edge> row, std::size_t k, std::vector<std::uint64_t>& bits) {
  bits.resize(row.size());
  for (std::size_t e = 0; e < row.size(); ++e) bits[e] = std::bit_cast<std::uint64_t>(row[e].second);
  std::nth_element(bits.begin(), bits.begin() + static_cast<std::ptrdiff_t>(k - 1), bits.end(), std::greater<>());
  return std::bit_cast<double>(bits[k - 1]);
}

namespace {

// The full graph's row offsets (both triangles) from its upper triangle.
std::vector<std::size_t> full_row_offsets(const EdgeRows& upper, std::size_t n) {
  std::vector<std::size_t> rows(n + 1, 0);
  for (std::size_t i = 0; i < n; ++i) {
    rows[i + 1] += upper.rows[i + 1] - upper.rows[i];
    for (std::size_t e = upper.rows[i]; e < upper.rows[i + 1]; ++e) ++rows[upper.entries[e].first + 1];
  }
  for (std::size_t i = 0; i < n; ++i) rows[i + 1] += rows[i];
  return rows;
}

// Fills full.entries, full.rows being set: row r holds its lower entries, then its upper ones.
void mirror_into(const EdgeRows& upper, std::size_t n, EdgeRows& full) {
  full.entries.resize(full.rows[n]);
  std::vector<std::size_t> fill(full.rows.begin(), full.rows.end() - 1);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t e = upper.rows[i]; e < upper.rows[i + 1]; ++e) {
      full.entries[fill[i]++] = upper.entries[e];
      full.entries[fill[upper.entries[e].first]++] = {static_cast<std::uint32_t>(i), upper.entries[e].second};
    }
  }
}

}  // namespace

bool cap_cuts_edges(const EdgeRows& upper, std::size_t n, std::size_t max_neighbors, EdgeRows& full) {
  full.rows = full_row_offsets(upper, n);
  std::size_t max_degree = 0;
  for (std::size_t i = 0; i < n; ++i) max_degree = std::max(max_degree, full.rows[i + 1] - full.rows[i]);
  if (max_degree <= max_neighbors) return false;
  mirror_into(upper, n, full);
  // An edge goes only when both of its sentences have more than max_neighbors edges and it is
  // among the heaviest of neither. When nothing goes, the full graph stands as it is.
  const std::size_t k = max_neighbors;
  std::vector<std::pair<double, std::uint32_t>> cut(n, {-1.0, 0});  // (weight, last column) kept
  std::vector<std::uint64_t> weight_bits;
  std::vector<std::uint32_t> ties;
  for (std::size_t i = 0; i < n; ++i) {
    if (full.rows[i + 1] - full.rows[i] <= k) continue;
    const double threshold = kth_heaviest(full.row(i), k, weight_bits);
    std::size_t heavier = 0;
    ties.clear();
    for (std::size_t e = full.rows[i]; e < full.rows[i + 1]; ++e) {
      if (full.entries[e].second > threshold) ++heavier;
      if (full.entries[e].second == threshold) ties.push_back(full.entries[e].first);
    }
    std::nth_element(ties.begin(), ties.begin() + static_cast<std::ptrdiff_t>(k - heavier - 1), ties.end());
    cut[i] = {threshold, ties[k - heavier - 1]};
  }
  const auto dropped_by = [&](std::size_t row, std::uint32_t column, double w) {
    return cut[row].first >= 0.0 && (w < cut[row].first || (w == cut[row].first && column > cut[row].second));
  };
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t e = upper.rows[i]; e < upper.rows[i + 1]; ++e) {
      const auto [j, w] = upper.entries[e];
      if (dropped_by(i, j, w) && dropped_by(j, static_cast<std::uint32_t>(i), w)) return true;
    }
  }
  return false;
}

void keep_heaviest(std::span<const Edge> row, std::size_t k, std::vector<Edge>& kept, CapScratch& scratch) {
  if (row.size() <= k) {
    kept.insert(kept.end(), row.begin(), row.end());
    return;
  }
  // The k-th heaviest weight, then the lowest columns among the edges of exactly that weight.
  const double threshold = kth_heaviest(row, k, scratch.weight_bits);
  // Whether a weight is above the threshold is a coin toss to the branch predictor: these loops
  // count and copy without branching on it.
  std::size_t heavier = 0;
  scratch.ties.clear();
  for (const auto& [j, w] : row) {
    heavier += w > threshold;
    if (w == threshold) scratch.ties.push_back(j);
  }
  const std::size_t tie_slots = k - heavier;  // >= 1
  std::nth_element(scratch.ties.begin(), scratch.ties.begin() + static_cast<std::ptrdiff_t>(tie_slots - 1),
                   scratch.ties.end());
  const std::uint32_t last_tie = scratch.ties[tie_slots - 1];
  std::size_t end = kept.size();
  kept.resize(end + row.size());
  for (const auto& e : row) {
    kept[end] = e;
    end += (e.second > threshold) | ((e.second == threshold) & (e.first <= last_tie));
  }
  kept.resize(end);
}

CappedRows cap_rows(const EdgeRows* full, RowAccumulator& rows, const CountedTerms& counted, const Postings& postings,
                    const Weighting& weighting, const GraphPlan& plan, std::size_t max_neighbors, std::size_t n) {
  const std::size_t k_max = max_neighbors > 0 ? max_neighbors : SIZE_MAX;
  CappedRows capped;
  capped.strength.assign(n, 0.0);
  std::vector<Edge> accumulated;
  CapScratch scratch;
  for (std::size_t i = 0; i < n; ++i) {
    std::span<const Edge> row;
    if (full) {
      row = full->row(i);
    } else {
      rows.whole_row(i, accumulated);
      row = accumulated;
    }
    double& strength = capped.strength[i];
    for (const auto& e : row) strength += e.second;
    if (plan.leaves_terms_out) {
      for (std::size_t k = counted.rows[i]; k < counted.rows[i + 1]; ++k) {
        const TermCount term = counted.entries[k];
        if (postings.df(term.term) > plan.max_df) strength += weighting.common_share(term.term, i, term.count);
      }
    }
    capped.full_entries += row.size();
    keep_heaviest(row, k_max, capped.kept.entries, scratch);
    capped.kept.rows.push_back(capped.kept.entries.size());
  }
  return capped;
}

EdgeRows union_of_kept(EdgeRows kept, std::size_t n) {
  // Bucketed by the lower end: counting sort, then sort and dedupe each row.
  std::vector<std::size_t> bucket(n + 1, 0);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t e = kept.rows[i]; e < kept.rows[i + 1]; ++e) {
      ++bucket[std::min<std::size_t>(i, kept.entries[e].first) + 1];
    }
  }
  for (std::size_t r = 0; r < n; ++r) bucket[r + 1] += bucket[r];
  std::vector<Edge> pairs(kept.entries.size());
  std::vector<std::size_t> fill(bucket.begin(), bucket.end() - 1);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t e = kept.rows[i]; e < kept.rows[i + 1]; ++e) {
      const auto [j, w] = kept.entries[e];
      const std::size_t low = std::min<std::size_t>(i, j);
      pairs[fill[low]++] = {static_cast<std::uint32_t>(std::max<std::size_t>(i, j)), w};
    }
  }
  std::vector<Edge>().swap(kept.entries);
  EdgeRows upper;
  upper.entries.reserve(pairs.size());
  for (std::size_t r = 0; r < n; ++r) {
    const auto first = pairs.begin() + static_cast<std::ptrdiff_t>(bucket[r]);
    const auto last = pairs.begin() + static_cast<std::ptrdiff_t>(bucket[r + 1]);
    std::sort(first, last, [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto it = first; it != last; ++it) {
      if (upper.entries.size() > upper.rows.back() && upper.entries.back().first == it->first) {
        continue;  // kept by both ends
      }
      upper.entries.push_back(*it);
    }
    upper.rows.push_back(upper.entries.size());
  }
  return upper;
}

void rebalance(EdgeRows& upper, std::span<const double> strength) {
  constexpr int kBalancingRounds = 4;
  const std::size_t n = strength.size();
  std::vector<double> kept_strength(n);
  std::vector<double> factor(n);
  for (int round = 0; round < kBalancingRounds; ++round) {
    std::fill(kept_strength.begin(), kept_strength.end(), 0.0);
    for (std::size_t r = 0; r < n; ++r) {
      for (std::size_t e = upper.rows[r]; e < upper.rows[r + 1]; ++e) {
        kept_strength[r] += upper.entries[e].second;
        kept_strength[upper.entries[e].first] += upper.entries[e].second;
      }
    }
    for (std::size_t r = 0; r < n; ++r) {
      factor[r] = kept_strength[r] > 0.0 ? std::sqrt(strength[r] / kept_strength[r]) : 1.0;
    }
    for (std::size_t r = 0; r < n; ++r) {
      for (std::size_t e = upper.rows[r]; e < upper.rows[r + 1]; ++e) {
        upper.entries[e].second *= factor[r] * factor[upper.entries[e].first];
      }
    }
  }
}

SparseGraph emit_csr(const EdgeRows& upper, std::size_t n) {
  check_edge_count(upper.entries.size());
  const std::size_t nonzeros = 2 * upper.entries.size();
  // Row r holds its lower entries (columns < r, ascending, from earlier rows) followed by its upper
  // entries (columns > r, ascending).
  std::vector<int> lower_count(n, 0);
  for (const auto& [j, w] : upper.entries) ++lower_count[j];
  SparseGraph graph(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(n));
  graph.resizeNonZeros(static_cast<Eigen::Index>(nonzeros));
  int* outer = graph.outerIndexPtr();
  int* inner = graph.innerIndexPtr();
  double* values = graph.valuePtr();
  outer[0] = 0;
  for (std::size_t r = 0; r < n; ++r) {
    outer[r + 1] = outer[r] + lower_count[r] + static_cast<int>(upper.rows[r + 1] - upper.rows[r]);
  }
  std::vector<int> lower_fill(outer, outer + n);
  for (std::size_t i = 0; i < n; ++i) {
    int upper_at = outer[i] + lower_count[i];
    for (std::size_t k = upper.rows[i]; k < upper.rows[i + 1]; ++k) {
      const auto [j, w] = upper.entries[k];
      inner[upper_at] = static_cast<int>(j);
      values[upper_at++] = w;
      const int lower_at = lower_fill[j]++;
      inner[lower_at] = static_cast<int>(i);
      values[lower_at] = w;
    }
  }
  return graph;
}

}  // namespace detail

SparseGraph build_similarity_graph(const TermMatrix& terms, const GraphOptions& options) {
  using namespace detail;
  check_term_matrix(terms);
  const std::size_t n = terms.sentence_count();
  const CountedTerms counted = count_terms(terms);
  const Postings postings = invert(counted, terms.term_count);
  Weighting weighting(options, terms, postings);
  weighting.set_norms(counted);
  const GraphPlan plan = plan_graph(counted, postings, options);
  if (plan.max_df < n) weighting.prepare_common_terms(postings, plan.max_df);

  RowAccumulator rows(counted, postings, weighting, plan.max_df, options.min_edge_weight);
  EdgeRows upper;
  EdgeRows full;  // the full graph's rows, when it was built first and must be capped
  bool capped = plan.may_cap;
  if (plan.full_first) {
    upper = accumulate_upper(rows, n);
    capped = capped && cap_cuts_edges(upper, n, options.max_neighbors, full);
  }
  if (capped) {
    // Each sentence keeps its max_neighbors heaviest edges; only those are stored:
    // O(n · max_neighbors).
    CappedRows kept =
        cap_rows(plan.full_first ? &full : nullptr, rows, counted, postings, weighting, plan, options.max_neighbors, n);
    upper = union_of_kept(std::move(kept.kept), n);
    // PageRank on an undirected graph follows each sentence's total edge weight (its strength),
    // and the cut edges take strength from every sentence unevenly. When the union kept every
    // edge, the graph is the full one and stays untouched.
    if (plan.leaves_terms_out || 2 * upper.entries.size() != kept.full_entries) rebalance(upper, kept.strength);
  }
  return emit_csr(upper, n);
}

}  // namespace precis
