#include "precis/graph.hpp"

#include <algorithm>
#include <bit>
#include <climits>
#include <cstdint>
#include <cmath>
#include <functional>
#include <span>
#include <string>
#include <utility>

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
      throw Error(ErrorCode::kInvalidArgument, "TermMatrix id " + std::to_string(id) +
                                                   " is not below term_count " +
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

// term → the sentences containing it (ascending), with counts: the inverted index.
struct Postings {
  std::vector<std::size_t> rows;     // term_count + 1
  std::vector<std::uint32_t> sentence;
  std::vector<std::uint32_t> count;
};

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

// The per-term and per-sentence quantities each similarity needs, and the weight of a pair from
// the accumulated per-term contributions.
class Weighting {
 public:
  Weighting(const GraphOptions& options, const TermMatrix& terms, const Postings& postings)
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

  // Prepares the sentence-level values once the counted terms are known.
  void set_norms(const CountedTerms& counted) {
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

  // What one shared term t adds to the pair (i, j), counted ci times in i and cj times in j.
  double contribution(std::uint32_t t, std::size_t i, std::uint32_t ci, std::size_t j,
                      std::uint32_t cj) const {
    switch (similarity_) {
      case Similarity::kTextRank:
        return 1.0;
      case Similarity::kBm25:
        return 0.5 * idf_[t] * (cj * saturate(ci, terms_.size(i)) + ci * saturate(cj, terms_.size(j)));
      case Similarity::kCosine:
        return (ci * idf_[t]) * (cj * idf_[t]);
    }
    return 0.0;
  }

  // Terms left out of the pair enumeration (too common) still belong to every sentence's total
  // edge weight, which the sparse graph is balanced to. Their share of sentence i's total is a sum
  // over the term's postings that does not need the pairs: per term, the postings' sums for
  // cosine and BM25, and a histogram of sentence lengths for TextRank's log denominator.
  void prepare_common_terms(const Postings& postings, const CountedTerms& counted, std::size_t max_df) {
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
          case Similarity::kTextRank:
            lengths.push_back(static_cast<std::uint32_t>(terms_.size(j)));
            break;
          case Similarity::kBm25:
            sum_a_[t] += cj;
            sum_b_[t] += saturate(postings.count[k], terms_.size(j));
            break;
          case Similarity::kCosine:
            sum_a_[t] += cj * idf_[t] / norm_[j];
            break;
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
    (void)counted;
  }

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
      case Similarity::kBm25:
        return accumulated;
      case Similarity::kCosine:
        return accumulated / (norm_[i] * norm_[j]);
    }
    return 0.0;
  }

 private:
  static constexpr double kK1 = 1.2;
  static constexpr double kB = 0.75;

  // BM25's term-frequency saturation of a term counted `count` times in a sentence of `length`.
  double saturate(std::uint32_t count, std::size_t length) const {
    const double tf = count;
    return tf * (kK1 + 1.0) /
           (tf + kK1 * (1.0 - kB + kB * static_cast<double>(length) / average_length_));
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

// The largest document frequency a term may have to take part in the graph: every term when the
// pairs all terms link (Σ df·(df−1)/2) fit in max_pairs_per_sentence × n, else the largest df such
// that the terms of that df or less fit. Terms of equal df are kept or left out together, so the
// result does not depend on term ids.
std::size_t max_graph_df(const Postings& postings, std::size_t term_count, std::size_t n,
                         std::size_t max_pairs_per_sentence) {
  if (max_pairs_per_sentence == 0 || n < 2) return n;
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

// The k-th largest weight of `row` (0 < k <= row.size()). Kept weights are positive and finite,
// and such doubles order as their bit patterns do: selecting on the integers spares the floating
// point comparisons (and their NaN checks) of std::nth_element on doubles. `bits` is scratch.
double kth_heaviest(std::span<const std::pair<std::uint32_t, double>> row, std::size_t k,
                    std::vector<std::uint64_t>& bits) {
  bits.resize(row.size());
  for (std::size_t e = 0; e < row.size(); ++e) bits[e] = std::bit_cast<std::uint64_t>(row[e].second);
  std::nth_element(bits.begin(), bits.begin() + static_cast<std::ptrdiff_t>(k - 1), bits.end(), std::greater<>());
  return std::bit_cast<double>(bits[k - 1]);
}

// A row's touched columns are found by scanning the accumulator instead of sorting them when
// they are at least 1/kScanInsteadOfSort of the columns scanned: a sort costs some 20 cycles per
// element on rows of news length, a branch-free scan about 2 per column (on graph_full, 16 and
// 32 measured alike, 4 was 25% slower at 1 MB).
constexpr std::size_t kScanInsteadOfSort = 16;

}  // namespace

SparseGraph build_similarity_graph(const TermMatrix& terms, const GraphOptions& options) {
  check_term_matrix(terms);
  const std::size_t n = terms.sentence_count();
  const CountedTerms counted = count_terms(terms);
  const Postings postings = invert(counted, terms.term_count);
  Weighting weighting(options, terms, postings);
  weighting.set_norms(counted);
  const std::size_t max_df = max_graph_df(postings, terms.term_count, n, options.max_pairs_per_sentence);
  if (max_df < n) weighting.prepare_common_terms(postings, counted, max_df);

  // Row by row from a dense accumulator that is reset through the list of touched columns, so
  // the cost follows the co-occurring pairs. A row sums its shared terms in ascending term order
  // from either end of a pair, so w(i, j) and w(j, i) are the same double.
  std::vector<double> accumulator(n, 0.0);
  std::vector<std::uint32_t> touched;
  // Upper triangles are accumulated for rows in ascending order, so each term's postings are
  // walked with a cursor: row i is the next posting of every one of its terms, and the row's pairs
  // through that term are the postings after it.
  std::vector<std::size_t> own_posting(postings.rows.begin(), postings.rows.end() - 1);
  const auto accumulate_row = [&](std::size_t i, bool whole_row) {
    for (std::size_t k = counted.rows[i]; k < counted.rows[i + 1]; ++k) {
      const TermCount term = counted.entries[k];
      if (postings.rows[term.term + 1] - postings.rows[term.term] > max_df) continue;
      const auto base = postings.sentence.begin();
      const auto first = base + static_cast<std::ptrdiff_t>(postings.rows[term.term]);
      const auto last = base + static_cast<std::ptrdiff_t>(postings.rows[term.term + 1]);
      for (auto it = whole_row ? first : base + static_cast<std::ptrdiff_t>(own_posting[term.term]++) + 1;
           it != last; ++it) {
        const std::uint32_t j = *it;
        if (j == i) continue;
        const std::uint32_t cj = postings.count[static_cast<std::size_t>(it - base)];
        if (accumulator[j] == 0.0) touched.push_back(j);
        accumulator[j] += weighting.contribution(term.term, i, term.count, j, cj);
      }
    }
  };
  const auto keep = [&](double w) { return w > 0.0 && w >= options.min_edge_weight && std::isfinite(w); };

  // Whether some sentence may have more than max_neighbors neighbours: the sum of (df − 1) over
  // its graph terms bounds its degree.
  // Terms left out by the pair budget make a sparse graph too, balanced like a capped one.
  bool leaves_terms_out = false;
  for (std::size_t t = 0; t < terms.term_count && !leaves_terms_out; ++t) {
    leaves_terms_out = postings.rows[t + 1] - postings.rows[t] > max_df;
  }
  bool capped = leaves_terms_out;
  double candidate_pairs = 0.0;  // Σ df·(df−1)/2 over the graph's terms
  for (std::size_t t = 0; t < terms.term_count; ++t) {
    const double df = static_cast<double>(postings.rows[t + 1] - postings.rows[t]);
    if (df <= static_cast<double>(max_df)) candidate_pairs += df * (df - 1.0) / 2.0;
  }
  if (options.max_neighbors > 0) {
    for (std::size_t i = 0; i < n && !capped; ++i) {
      std::size_t bound = 0;
      for (std::size_t k = counted.rows[i]; k < counted.rows[i + 1]; ++k) {
        const std::size_t df = postings.rows[counted.entries[k].term + 1] - postings.rows[counted.entries[k].term];
        if (df <= max_df) bound += df - 1;
      }
      capped = bound > options.max_neighbors;
    }
  }
  // When the cap might apply but the full graph is small (at most max_neighbors pairs per
  // sentence to visit), build the full graph first and cap it only if a sentence really has too
  // many neighbours: news-length documents then cost what the full graph costs.
  const bool full_first =
      !leaves_terms_out &&
      (!capped || candidate_pairs <= static_cast<double>(options.max_neighbors) * static_cast<double>(n));

  std::vector<std::size_t> upper_rows{0};
  std::vector<std::pair<std::uint32_t, double>> upper;  // (column > row, weight), by row
  upper_rows.reserve(n + 1);
  // The full graph's rows (both triangles), when it was built first and must be capped.
  std::vector<std::size_t> full_rows;
  std::vector<std::pair<std::uint32_t, double>> full_entries_of_rows;
  if (full_first) {
    // The full graph: the upper triangle (j > i) of every row, ascending.
    for (std::size_t i = 0; i < n; ++i) {
      accumulate_row(i, false);
      // The touched columns in ascending order: sorted, or, when they are many of the columns
      // left, found by a scan of the accumulator (every contribution is positive).
      if (touched.size() * kScanInsteadOfSort >= n - i) {
        // Without a branch: whether a column was touched is a coin toss to the predictor.
        touched.resize(n - i);
        std::size_t found = 0;
        for (std::size_t j = i + 1; j < n; ++j) {
          touched[found] = static_cast<std::uint32_t>(j);
          found += accumulator[j] != 0.0;
        }
        touched.resize(found);
      } else {
        std::sort(touched.begin(), touched.end());
      }
      for (std::uint32_t j : touched) {
        const double w = weighting.weight(accumulator[j], i, j);
        accumulator[j] = 0.0;
        if (keep(w)) upper.emplace_back(j, w);
      }
      touched.clear();
      upper_rows.push_back(upper.size());
      // Checked as the edges accumulate, so a huge dense graph stops with this error instead of
      // exhausting memory first.
      check_edge_count(upper.size());
    }
    if (capped) {
      full_rows.assign(n + 1, 0);
      for (std::size_t i = 0; i < n; ++i) {
        full_rows[i + 1] += upper_rows[i + 1] - upper_rows[i];
        for (std::size_t e = upper_rows[i]; e < upper_rows[i + 1]; ++e) ++full_rows[upper[e].first + 1];
      }
      for (std::size_t i = 0; i < n; ++i) full_rows[i + 1] += full_rows[i];
      std::size_t max_degree = 0;
      for (std::size_t i = 0; i < n; ++i) max_degree = std::max(max_degree, full_rows[i + 1] - full_rows[i]);
      capped = max_degree > options.max_neighbors;
      if (capped) {
        full_entries_of_rows.resize(full_rows[n]);
        std::vector<std::size_t> fill(full_rows.begin(), full_rows.end() - 1);
        for (std::size_t i = 0; i < n; ++i) {
          for (std::size_t e = upper_rows[i]; e < upper_rows[i + 1]; ++e) {
            full_entries_of_rows[fill[i]++] = upper[e];
            full_entries_of_rows[fill[upper[e].first]++] = {static_cast<std::uint32_t>(i), upper[e].second};
          }
        }
        // Whether the cap cuts anything: an edge goes only when both of its sentences have more
        // than max_neighbors edges and it is among the heaviest of neither. When nothing goes, the
        // full graph stands as it is (news-length documents often have a few such sentences).
        const std::size_t k = options.max_neighbors;
        std::vector<std::pair<double, std::uint32_t>> cut(n, {-1.0, 0});  // (weight, last column) kept
        std::vector<std::uint64_t> weight_bits;
        std::vector<std::uint32_t> ties;
        for (std::size_t i = 0; i < n; ++i) {
          if (full_rows[i + 1] - full_rows[i] <= k) continue;
          const double threshold =
              kth_heaviest(std::span(full_entries_of_rows).subspan(full_rows[i], full_rows[i + 1] - full_rows[i]), k,
                           weight_bits);
          std::size_t heavier = 0;
          ties.clear();
          for (std::size_t e = full_rows[i]; e < full_rows[i + 1]; ++e) {
            if (full_entries_of_rows[e].second > threshold) ++heavier;
            if (full_entries_of_rows[e].second == threshold) ties.push_back(full_entries_of_rows[e].first);
          }
          std::nth_element(ties.begin(), ties.begin() + static_cast<std::ptrdiff_t>(k - heavier - 1), ties.end());
          cut[i] = {threshold, ties[k - heavier - 1]};
        }
        const auto dropped_by = [&](std::size_t row, std::uint32_t column, double w) {
          return cut[row].first >= 0.0 &&
                 (w < cut[row].first || (w == cut[row].first && column > cut[row].second));
        };
        bool cuts = false;
        for (std::size_t i = 0; i < n && !cuts; ++i) {
          for (std::size_t e = upper_rows[i]; e < upper_rows[i + 1] && !cuts; ++e) {
            const auto [j, w] = upper[e];
            cuts = dropped_by(i, j, w) && dropped_by(j, static_cast<std::uint32_t>(i), w);
          }
        }
        capped = cuts;
        if (capped) {
          upper.clear();
          upper_rows.assign(1, 0);
        }
      }
    }
  }
  if (capped) {
    // Each sentence keeps its max_neighbors heaviest edges (ties: lower column first); an edge is
    // in the graph when either end keeps it. Only the kept edges are stored: O(n · max_neighbors).
    const std::size_t k_max = options.max_neighbors > 0 ? options.max_neighbors : SIZE_MAX;
    std::vector<std::pair<std::uint32_t, double>> row;  // (column, weight)
    std::vector<std::size_t> kept_rows{0};
    std::vector<std::pair<std::uint32_t, double>> kept;  // per row, its chosen neighbours
    std::vector<std::uint64_t> weight_bits;
    std::vector<std::uint32_t> ties;
    std::vector<double> strength(n, 0.0);
    std::size_t full_entries = 0;  // 2 × the full graph's edges
    for (std::size_t i = 0; i < n; ++i) {
      row.clear();
      if (full_first) {
        row.assign(full_entries_of_rows.begin() + static_cast<std::ptrdiff_t>(full_rows[i]),
                   full_entries_of_rows.begin() + static_cast<std::ptrdiff_t>(full_rows[i + 1]));
      } else {
        accumulate_row(i, true);
        for (std::uint32_t j : touched) {
          const double w = weighting.weight(accumulator[j], i, j);
          accumulator[j] = 0.0;
          if (keep(w)) row.emplace_back(j, w);
        }
        touched.clear();
      }
      for (const auto& e : row) strength[i] += e.second;
      if (leaves_terms_out) {
        for (std::size_t k = counted.rows[i]; k < counted.rows[i + 1]; ++k) {
          const TermCount term = counted.entries[k];
          if (postings.rows[term.term + 1] - postings.rows[term.term] > max_df) {
            strength[i] += weighting.common_share(term.term, i, term.count);
          }
        }
      }
      full_entries += row.size();
      if (row.size() > k_max) {
        // The k-th heaviest weight, then the lowest columns among the edges of exactly that weight.
        const double threshold = kth_heaviest(row, k_max, weight_bits);
        // Whether a weight is above the threshold is a coin toss to the branch predictor: these
        // loops count and copy without branching on it.
        std::size_t heavier = 0;
        ties.clear();
        for (const auto& [j, w] : row) {
          heavier += w > threshold;
          if (w == threshold) ties.push_back(j);
        }
        const std::size_t tie_slots = k_max - heavier;  // >= 1
        std::nth_element(ties.begin(), ties.begin() + static_cast<std::ptrdiff_t>(tie_slots - 1), ties.end());
        const std::uint32_t last_tie = ties[tie_slots - 1];
        std::size_t end = kept.size();
        kept.resize(end + row.size());
        for (const auto& e : row) {
          kept[end] = e;
          end += (e.second > threshold) | ((e.second == threshold) & (e.first <= last_tie));
        }
        kept.resize(end);
      } else {
        kept.insert(kept.end(), row.begin(), row.end());
      }
      kept_rows.push_back(kept.size());
    }
    // Undirected union, bucketed by the lower end: counting sort, then sort and dedupe each row.
    std::vector<std::size_t> bucket(n + 1, 0);
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t e = kept_rows[i]; e < kept_rows[i + 1]; ++e) ++bucket[std::min<std::size_t>(i, kept[e].first) + 1];
    }
    for (std::size_t r = 0; r < n; ++r) bucket[r + 1] += bucket[r];
    std::vector<std::pair<std::uint32_t, double>> pairs(kept.size());
    std::vector<std::size_t> fill(bucket.begin(), bucket.end() - 1);
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t e = kept_rows[i]; e < kept_rows[i + 1]; ++e) {
        const auto [j, w] = kept[e];
        const std::size_t low = std::min<std::size_t>(i, j);
        pairs[fill[low]++] = {static_cast<std::uint32_t>(std::max<std::size_t>(i, j)), w};
      }
    }
    std::vector<std::pair<std::uint32_t, double>>().swap(kept);
    upper.reserve(pairs.size());
    for (std::size_t r = 0; r < n; ++r) {
      const auto first = pairs.begin() + static_cast<std::ptrdiff_t>(bucket[r]);
      const auto last = pairs.begin() + static_cast<std::ptrdiff_t>(bucket[r + 1]);
      std::sort(first, last, [](const auto& a, const auto& b) { return a.first < b.first; });
      for (auto it = first; it != last; ++it) {
        if (upper.size() > upper_rows.back() && upper.back().first == it->first) continue;  // kept by both ends
        upper.push_back(*it);
      }
      upper_rows.push_back(upper.size());
    }
    // PageRank on an undirected graph follows each sentence's total edge weight (its strength),
    // and the cut edges take strength from every sentence unevenly. Balance it back: a few rounds
    // of w_ij ← w_ij · √(f_i · f_j), f_i = √(full strength_i / kept strength_i), which keeps the
    // graph symmetric and brings every kept strength close to the full one.
    // When the union kept every edge, the graph is the full one and stays untouched.
    const bool truncated = leaves_terms_out || 2 * upper.size() != full_entries;
    constexpr int kBalancingRounds = 4;
    std::vector<double> kept_strength(n);
    std::vector<double> factor(n);
    for (int round = 0; truncated && round < kBalancingRounds; ++round) {
      std::fill(kept_strength.begin(), kept_strength.end(), 0.0);
      for (std::size_t r = 0; r < n; ++r) {
        for (std::size_t e = upper_rows[r]; e < upper_rows[r + 1]; ++e) {
          kept_strength[r] += upper[e].second;
          kept_strength[upper[e].first] += upper[e].second;
        }
      }
      for (std::size_t r = 0; r < n; ++r) {
        factor[r] = kept_strength[r] > 0.0 ? std::sqrt(strength[r] / kept_strength[r]) : 1.0;
      }
      for (std::size_t r = 0; r < n; ++r) {
        for (std::size_t e = upper_rows[r]; e < upper_rows[r + 1]; ++e) {
          upper[e].second *= factor[r] * factor[upper[e].first];
        }
      }
    }
  }

  check_edge_count(upper.size());
  const std::size_t nonzeros = 2 * upper.size();
  // Mirror into full symmetric CSR: row r holds its lower entries (columns < r, ascending, from
  // earlier rows) followed by its upper entries (columns > r, ascending).
  std::vector<int> lower_count(n, 0);
  for (const auto& [j, w] : upper) ++lower_count[j];
  SparseGraph graph(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(n));
  graph.resizeNonZeros(static_cast<Eigen::Index>(nonzeros));
  int* outer = graph.outerIndexPtr();
  int* inner = graph.innerIndexPtr();
  double* values = graph.valuePtr();
  outer[0] = 0;
  for (std::size_t r = 0; r < n; ++r) {
    outer[r + 1] = outer[r] + lower_count[r] + static_cast<int>(upper_rows[r + 1] - upper_rows[r]);
  }
  std::vector<int> lower_fill(outer, outer + n);
  for (std::size_t i = 0; i < n; ++i) {
    int upper_at = outer[i] + lower_count[i];
    for (std::size_t k = upper_rows[i]; k < upper_rows[i + 1]; ++k) {
      const auto [j, w] = upper[k];
      inner[upper_at] = static_cast<int>(j);
      values[upper_at++] = w;
      const int lower_at = lower_fill[j]++;
      inner[lower_at] = static_cast<int>(i);
      values[lower_at] = w;
    }
  }
  return graph;
}

}  // namespace precis
