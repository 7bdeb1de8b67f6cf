// Test oracle: the similarity graph and PageRank of precis written the obvious way.
//
// Everything here is dense and O(n²) or worse on purpose: every pair of sentences is compared
// term by term, with no inverted index, no sorting tricks and no sparse matrices, so each formula
// can be checked against its documentation (options.hpp for the similarities, rank.hpp for
// PageRank, the comments of graph.cpp for the BM25 idf floor) by reading it once. The fast path
// must agree with it to rounding error.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "precis/graph.hpp"
#include "precis/options.hpp"

namespace precis::reference {

using Dense = std::vector<std::vector<double>>;

// The terms of every sentence as plain lists (repeats kept, in token order).
inline std::vector<std::vector<std::uint32_t>> sentences_of(const TermMatrix& terms) {
  std::vector<std::vector<std::uint32_t>> sentences;
  for (std::size_t s = 0; s < terms.sentence_count(); ++s) {
    sentences.emplace_back(terms.ids.begin() + terms.offsets[s], terms.ids.begin() + terms.offsets[s + 1]);
  }
  return sentences;
}

// tf_s(t): how often term t occurs in sentence s.
inline double count_of(const std::vector<std::uint32_t>& sentence, std::uint32_t term) {
  double count = 0;
  for (std::uint32_t t : sentence) count += t == term;
  return count;
}

inline bool contains(const std::vector<std::uint32_t>& sentence, std::uint32_t term) {
  return count_of(sentence, term) > 0;
}

// df(t): the number of sentences containing t.
inline double document_frequency(const std::vector<std::vector<std::uint32_t>>& sentences, std::uint32_t term) {
  double df = 0;
  for (const auto& sentence : sentences) df += contains(sentence, term);
  return df;
}

// TextRank (Mihalcea & Tarau): |distinct shared terms| / (log|S_i| + log|S_j|), with 1 as the
// denominator when both sentences have a single term (log 1 + log 1 = 0).
inline double textrank_similarity(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b,
                                  std::size_t term_count) {
  double shared = 0;
  for (std::uint32_t t = 0; t < term_count; ++t) shared += contains(a, t) && contains(b, t);
  if (shared == 0) return 0.0;
  if (a.size() == 1 && b.size() == 1) return shared / 1.0;
  return shared / (std::log(static_cast<double>(a.size())) + std::log(static_cast<double>(b.size())));
}

// Okapi BM25 idf per term: log((N − df + 0.5) / (df + 0.5)); a term with idf <= 0 gets the
// floor 0.25 × (mean idf over the terms of the document), or 0.25 itself when that mean is not
// positive.
inline std::vector<double> bm25_idf(const std::vector<std::vector<std::uint32_t>>& sentences, std::size_t term_count) {
  const double n = static_cast<double>(sentences.size());
  std::vector<double> idf(term_count, 0.0);
  double total = 0.0;
  double terms_in_document = 0.0;
  for (std::uint32_t t = 0; t < term_count; ++t) {
    const double df = document_frequency(sentences, t);
    if (df == 0) continue;  // not a term of this document: no idf, not in the mean
    idf[t] = std::log((n - df + 0.5) / (df + 0.5));
    total += idf[t];
    terms_in_document += 1;
  }
  const double mean = terms_in_document > 0 ? total / terms_in_document : 0.0;
  const double floor = mean > 0.0 ? 0.25 * mean : 0.25;
  for (std::uint32_t t = 0; t < term_count; ++t) {
    if (document_frequency(sentences, t) > 0 && idf[t] <= 0.0) idf[t] = floor;
  }
  return idf;
}

// bm25(i, j) = Σ_{t ∈ S_j} idf(t)·tf_i(t)·(k1+1) / (tf_i(t) + k1·(1 − b + b·|S_i|/avg|S|)), the sum
// running over the tokens of S_j (a term repeated in S_j counts each time), k1 = 1.2, b = 0.75.
inline double bm25_directed(const std::vector<std::vector<std::uint32_t>>& sentences, const std::vector<double>& idf,
                            std::size_t i, std::size_t j) {
  constexpr double k1 = 1.2;
  constexpr double b = 0.75;
  double length_sum = 0;
  for (const auto& sentence : sentences) length_sum += static_cast<double>(sentence.size());
  const double average_length = length_sum / static_cast<double>(sentences.size());
  const double length_i = static_cast<double>(sentences[i].size());
  double score = 0.0;
  for (std::uint32_t t : sentences[j]) {
    const double tf = count_of(sentences[i], t);
    score += idf[t] * tf * (k1 + 1) / (tf + k1 * (1 - b + b * length_i / average_length));
  }
  return score;
}

// LexRank-style cosine of tf-idf vectors, idf(t) = log((1 + N) / (1 + df(t))) + 1.
inline double cosine_similarity(const std::vector<std::vector<std::uint32_t>>& sentences, std::size_t term_count,
                                std::size_t i, std::size_t j) {
  const double n = static_cast<double>(sentences.size());
  double dot = 0.0, norm_i = 0.0, norm_j = 0.0;
  for (std::uint32_t t = 0; t < term_count; ++t) {
    const double idf = std::log((1 + n) / (1 + document_frequency(sentences, t))) + 1;
    const double vi = count_of(sentences[i], t) * idf;
    const double vj = count_of(sentences[j], t) * idf;
    dot += vi * vj;
    norm_i += vi * vi;
    norm_j += vj * vj;
  }
  if (dot == 0.0) return 0.0;
  return dot / (std::sqrt(norm_i) * std::sqrt(norm_j));
}

// The full similarity matrix: zero diagonal, the symmetrized similarity elsewhere, and 0 for a
// pair lighter than min_edge_weight.
inline Dense similarity_graph(const TermMatrix& terms, const GraphOptions& options) {
  const auto sentences = sentences_of(terms);
  const std::size_t n = sentences.size();
  Dense w(n, std::vector<double>(n, 0.0));
  std::vector<double> idf;
  if (options.similarity == Similarity::kBm25) idf = bm25_idf(sentences, terms.term_count);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) {
      if (i == j) continue;
      double weight = 0.0;
      switch (options.similarity) {
        case Similarity::kTextRank: weight = textrank_similarity(sentences[i], sentences[j], terms.term_count); break;
        case Similarity::kBm25:
          // BM25 is asymmetric; the undirected edge is the mean of both directions.
          weight = 0.5 * (bm25_directed(sentences, idf, i, j) + bm25_directed(sentences, idf, j, i));
          break;
        case Similarity::kCosine: weight = cosine_similarity(sentences, terms.term_count, i, j); break;
      }
      if (weight >= options.min_edge_weight) w[i][j] = weight;
    }
  }
  return w;
}

struct PageRankResult {
  std::vector<double> scores;
  int iterations = 0;
  bool converged = false;
};

// PageRank by dense power iteration, exactly the update of rank.hpp:
//   s'_k = (1 − d)/n + d · (Σ_i s_i · W[i][k] / out_i  +  (Σ_{i: out_i = 0} s_i) / n)
// from the uniform vector, until Σ_k |s'_k − s_k| < tolerance or max_iterations; then normalized
// to sum 1.
inline PageRankResult pagerank(const Dense& w, double damping, double tolerance, int max_iterations) {
  const std::size_t n = w.size();
  PageRankResult result;
  result.converged = true;
  if (n == 0) return result;
  std::vector<double> out(n, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t k = 0; k < n; ++k) out[i] += w[i][k];
  }
  std::vector<double> s(n, 1.0 / static_cast<double>(n));
  result.converged = false;
  for (int iteration = 1; iteration <= max_iterations; ++iteration) {
    double dangling = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      if (out[i] == 0.0) dangling += s[i];
    }
    std::vector<double> next(n, 0.0);
    for (std::size_t k = 0; k < n; ++k) {
      double incoming = 0.0;
      for (std::size_t i = 0; i < n; ++i) {
        if (out[i] > 0.0) incoming += s[i] * w[i][k] / out[i];
      }
      next[k] = (1 - damping) / static_cast<double>(n) + damping * (incoming + dangling / static_cast<double>(n));
    }
    double change = 0.0;
    for (std::size_t k = 0; k < n; ++k) change += std::abs(next[k] - s[k]);
    s = std::move(next);
    result.iterations = iteration;
    if (change < tolerance) {
      result.converged = true;
      break;
    }
  }
  double total = 0.0;
  for (double v : s) total += v;
  for (double& v : s) v /= total;
  result.scores = std::move(s);
  return result;
}

// The exact stationary vector, without iterating: with P the row-stochastic transition matrix
// (P[i][k] = W[i][k] / out_i, and 1/n for every k when row i is dangling), PageRank is the
// solution of (I − d·Pᵀ) s = (1 − d)/n · 1, solved here by Gaussian elimination with partial
// pivoting.
inline std::vector<double> pagerank_exact(const Dense& w, double damping) {
  const std::size_t n = w.size();
  Dense a(n, std::vector<double>(n + 1, 0.0));  // augmented [I − d·Pᵀ | (1 − d)/n]
  for (std::size_t i = 0; i < n; ++i) {
    double out = 0.0;
    for (std::size_t k = 0; k < n; ++k) out += w[i][k];
    for (std::size_t k = 0; k < n; ++k) {
      const double p = out > 0.0 ? w[i][k] / out : 1.0 / static_cast<double>(n);
      a[k][i] -= damping * p;  // row k of Pᵀ, column i
    }
  }
  for (std::size_t k = 0; k < n; ++k) {
    a[k][k] += 1.0;
    a[k][n] = (1 - damping) / static_cast<double>(n);
  }
  for (std::size_t col = 0; col < n; ++col) {
    std::size_t pivot = col;
    for (std::size_t r = col + 1; r < n; ++r) {
      if (std::abs(a[r][col]) > std::abs(a[pivot][col])) pivot = r;
    }
    std::swap(a[col], a[pivot]);
    for (std::size_t r = 0; r < n; ++r) {
      if (r == col) continue;
      const double factor = a[r][col] / a[col][col];
      for (std::size_t c = col; c <= n; ++c) a[r][c] -= factor * a[col][c];
    }
  }
  std::vector<double> s(n);
  for (std::size_t k = 0; k < n; ++k) s[k] = a[k][n] / a[k][k];
  return s;
}

}  // namespace precis::reference
