// The similarity graph: the inverted-index fast path against the dense reference, the structural
// contract of graph.hpp (symmetric, zero diagonal, non-negative, edges only for shared terms),
// min_edge_weight, the sparse mode (max_pairs_per_sentence) against the full graph, rejection
// of malformed input, and each phase of the build on its own (graph_phases.hpp).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <numeric>
#include <random>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "precis/error.hpp"
#include "precis/graph.hpp"
#include "precis/summarizer.hpp"
#include "reference/naive_textrank.hpp"
#include "test_data.hpp"
// The phases of build_similarity_graph, internal to the library.
#include "../../cpp/src/graph_phases.hpp"

namespace precis {
namespace {

constexpr double kTolerance = 1e-12;

const Similarity kAllSimilarities[] = {Similarity::kTextRank, Similarity::kBm25, Similarity::kCosine};

using testing::matrix_of;

reference::Dense dense_of(const SparseGraph& graph) {
  reference::Dense dense(static_cast<std::size_t>(graph.rows()),
                         std::vector<double>(static_cast<std::size_t>(graph.cols()), 0.0));
  for (Eigen::Index row = 0; row < graph.outerSize(); ++row) {
    for (SparseGraph::InnerIterator it(graph, row); it; ++it) {
      dense[static_cast<std::size_t>(it.row())][static_cast<std::size_t>(it.col())] = it.value();
    }
  }
  return dense;
}

// The graph of `terms` with these limits, as a dense matrix.
reference::Dense graph_of(const TermMatrix& terms, Similarity similarity, std::size_t max_neighbors,
                          std::size_t max_pairs_per_sentence) {
  return dense_of(build_similarity_graph(terms, {.similarity = similarity,
                                                 .full_graph_sentences = 0,
                                                 .max_neighbors = max_neighbors,
                                                 .max_pairs_per_sentence = max_pairs_per_sentence}));
}

// A random document in the shapes that stress the formulas: empty sentences, one-term
// sentences (the TextRank denominator special case), terms repeated inside a sentence (tf > 1),
// a small vocabulary so terms are shared by many sentences (BM25 idf <= 0, hence the floor), and
// term ids that no sentence uses.
TermMatrix random_document(std::mt19937_64& rng) {
  std::uniform_int_distribution<std::size_t> sentence_count(0, 40);
  std::uniform_int_distribution<std::size_t> vocabulary(1, 25);
  const std::size_t n = sentence_count(rng);
  const std::size_t term_count = vocabulary(rng);
  // Draw from a prefix of the ids only, so some documents leave ids unused.
  const std::size_t used = std::uniform_int_distribution<std::size_t>(1, term_count)(rng);
  std::uniform_int_distribution<std::uint32_t> term(0, static_cast<std::uint32_t>(used - 1));
  std::uniform_int_distribution<int> shape(0, 9);
  std::uniform_int_distribution<std::size_t> length(2, 12);
  std::vector<std::vector<std::uint32_t>> sentences(n);
  for (auto& sentence : sentences) {
    switch (shape(rng)) {
      case 0:  // empty
        break;
      case 1:  // a single term
        sentence.push_back(term(rng));
        break;
      case 2: {  // one term repeated
        const std::uint32_t t = term(rng);
        sentence.assign(length(rng), t);
        break;
      }
      default:
        for (std::size_t k = length(rng); k > 0; --k) sentence.push_back(term(rng));
    }
  }
  return matrix_of(sentences, term_count);
}

// The reference is the full graph, so the comparison runs in exact mode (max_neighbors = 0,
// max_pairs_per_sentence = 0); the sparse modes are compared with the exact one below.
void expect_matches_reference(const TermMatrix& terms, GraphOptions options, const std::string& what) {
  options.max_neighbors = 0;
  options.max_pairs_per_sentence = 0;
  const SparseGraph graph = build_similarity_graph(terms, options);
  const reference::Dense expected = reference::similarity_graph(terms, options);
  const reference::Dense actual = dense_of(graph);
  ASSERT_EQ(actual.size(), expected.size()) << what;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    for (std::size_t j = 0; j < expected.size(); ++j) {
      ASSERT_NEAR(actual[i][j], expected[i][j], kTolerance) << what << " at (" << i << ", " << j << ")";
    }
  }
  // An edge exists exactly where the reference has a positive weight: no stored zeros, no
  // missing light edges.
  long expected_nonzeros = 0;
  for (const auto& row : expected)
    expected_nonzeros += std::count_if(row.begin(), row.end(), [](double w) { return w > 0; });
  EXPECT_EQ(graph.nonZeros(), expected_nonzeros) << what;
}

TEST(GraphTest, MatchesDenseReferenceOnRandomDocuments) {
  std::mt19937_64 rng(20240423);
  for (int trial = 0; trial < 300; ++trial) {
    const TermMatrix terms = random_document(rng);
    for (Similarity similarity : kAllSimilarities) {
      expect_matches_reference(terms, {.similarity = similarity},
                               "trial " + std::to_string(trial) + ", " + std::string(to_string(similarity)));
      if (HasFatalFailure()) return;
    }
  }
}

TEST(GraphTest, MatchesDenseReferenceWithMinEdgeWeight) {
  std::mt19937_64 rng(7);
  for (int trial = 0; trial < 100; ++trial) {
    const TermMatrix terms = random_document(rng);
    for (Similarity similarity : kAllSimilarities) {
      for (double min_edge_weight : {0.1, 0.5, 1.0}) {
        expect_matches_reference(terms, {.similarity = similarity, .min_edge_weight = min_edge_weight},
                                 "trial " + std::to_string(trial) + ", " + std::string(to_string(similarity)) +
                                     ", min " + std::to_string(min_edge_weight));
        if (HasFatalFailure()) return;
      }
    }
  }
}

TEST(GraphTest, IsSymmetricNonNegativeWithZeroDiagonal) {
  std::mt19937_64 rng(99);
  for (int trial = 0; trial < 100; ++trial) {
    const TermMatrix terms = random_document(rng);
    for (Similarity similarity : kAllSimilarities) {
      const SparseGraph graph = build_similarity_graph(terms, {.similarity = similarity});
      ASSERT_EQ(graph.rows(), static_cast<Eigen::Index>(terms.sentence_count()));
      ASSERT_EQ(graph.cols(), graph.rows());
      const reference::Dense w = dense_of(graph);
      for (std::size_t i = 0; i < w.size(); ++i) {
        EXPECT_EQ(w[i][i], 0.0) << "diagonal " << i;
        for (std::size_t j = 0; j < w.size(); ++j) {
          // Exactly symmetric, not just nearly: each pair is computed once and mirrored.
          EXPECT_EQ(w[i][j], w[j][i]) << i << ", " << j;
          EXPECT_GE(w[i][j], 0.0);
          EXPECT_TRUE(std::isfinite(w[i][j]));
        }
      }
    }
  }
}

TEST(GraphTest, EqualsItsTransposeArrayForArray) {
  // The Summarizer ranks the graph as its own transpose (rank_internal.hpp): the compressed arrays
  // must be exactly those of the transpose Eigen builds, rows sorted, for full and capped graphs.
  std::mt19937_64 rng(98);
  for (int trial = 0; trial < 100; ++trial) {
    const TermMatrix terms = random_document(rng);
    for (Similarity similarity : kAllSimilarities) {
      for (const auto& [neighbors, pairs] : {std::pair<std::size_t, std::size_t>{0, 0}, {3, 0}, {0, 2}, {2, 3}}) {
        const SparseGraph graph = build_similarity_graph(terms, {.similarity = similarity,
                                                                 .full_graph_sentences = 0,
                                                                 .max_neighbors = neighbors,
                                                                 .max_pairs_per_sentence = pairs});
        ASSERT_TRUE(graph.isCompressed());
        const SparseGraph transposed = graph.transpose();
        const auto nnz = static_cast<std::size_t>(graph.nonZeros());
        const auto rows = static_cast<std::size_t>(graph.rows()) + 1;
        ASSERT_EQ(static_cast<std::size_t>(transposed.nonZeros()), nnz);
        EXPECT_TRUE(std::equal(graph.outerIndexPtr(), graph.outerIndexPtr() + rows, transposed.outerIndexPtr()));
        EXPECT_TRUE(std::equal(graph.innerIndexPtr(), graph.innerIndexPtr() + nnz, transposed.innerIndexPtr()));
        EXPECT_TRUE(std::equal(graph.valuePtr(), graph.valuePtr() + nnz, transposed.valuePtr()))
            << to_string(similarity) << " trial " << trial;
      }
    }
  }
}

TEST(GraphTest, EdgesOnlyBetweenSentencesSharingATerm) {
  // Sentences 0 and 1 share term 1; sentence 2 shares nothing; sentence 3 is empty.
  const TermMatrix terms = matrix_of({{0, 1}, {1, 2}, {3, 4}, {}}, 5);
  for (Similarity similarity : kAllSimilarities) {
    const reference::Dense w = dense_of(build_similarity_graph(terms, {.similarity = similarity}));
    EXPECT_GT(w[0][1], 0.0) << to_string(similarity);
    for (std::size_t other = 0; other < 4; ++other) {
      EXPECT_EQ(w[2][other], 0.0) << to_string(similarity);
      EXPECT_EQ(w[3][other], 0.0) << to_string(similarity);
    }
  }
}

TEST(GraphTest, TextRankWeightsByHand) {
  // S0 = {a, b}, S1 = {b, c}: one shared term over log 2 + log 2.
  // S2 = {d}, S3 = {d}: both have one term, so the denominator 0 is replaced by 1: weight 1.
  // S4 = {a, a, b, e}: |S4| = 4 counts the repeat; it shares a and b with S0 (2 distinct terms,
  // the repeat of a does not count twice) and b with S1.
  const TermMatrix terms = matrix_of({{0, 1}, {1, 2}, {3}, {3}, {0, 0, 1, 4}}, 5);
  const reference::Dense w = dense_of(build_similarity_graph(terms, {.similarity = Similarity::kTextRank}));
  EXPECT_NEAR(w[0][1], 1.0 / (2 * std::log(2.0)), kTolerance);
  EXPECT_NEAR(w[2][3], 1.0, kTolerance);
  EXPECT_NEAR(w[0][4], 2.0 / (std::log(2.0) + std::log(4.0)), kTolerance);
  EXPECT_NEAR(w[1][4], 1.0 / (std::log(2.0) + std::log(4.0)), kTolerance);
  EXPECT_EQ(w[0][2], 0.0);
  EXPECT_EQ(w[2][4], 0.0);
}

TEST(GraphTest, CosineWeightsByHand) {
  // Identical term vectors have cosine 1, whatever the idf. For S0 = {a, b} and S1 = {b, c},
  // with N = 4 and df(a) = df(c) = 1, df(b) = 2: idf(a) = idf(c) = log(5/2) + 1 and
  // idf(b) = log(5/3) + 1, so cos = idf(b)² / (idf(a)² + idf(b)²).
  const TermMatrix terms = matrix_of({{0, 1}, {1, 2}, {3, 3}, {3, 3}}, 4);
  const reference::Dense w = dense_of(build_similarity_graph(terms, {.similarity = Similarity::kCosine}));
  const double idf_a = std::log(5.0 / 2.0) + 1;
  const double idf_b = std::log(5.0 / 3.0) + 1;
  EXPECT_NEAR(w[0][1], idf_b * idf_b / (idf_a * idf_a + idf_b * idf_b), kTolerance);
  EXPECT_NEAR(w[2][3], 1.0, kTolerance);
}

TEST(GraphTest, Bm25UsesTheIdfFloorForCommonTerms) {
  // Three sentences all containing term 0: df = N = 3, idf = log(0.5 / 3.5) < 0. It is the only
  // term, so the mean idf is negative too and the floor is 0.25 itself. Every sentence has
  // length 1 = avg|S| and tf 1, so each direction is 0.25 · 1 · 2.2 / (1 + 1.2) = 0.25.
  const TermMatrix terms = matrix_of({{0}, {0}, {0}}, 1);
  const reference::Dense w = dense_of(build_similarity_graph(terms, {.similarity = Similarity::kBm25}));
  for (std::size_t i = 0; i < 3; ++i) {
    for (std::size_t j = 0; j < 3; ++j) {
      if (i != j) {
        EXPECT_NEAR(w[i][j], 0.25, kTolerance) << i << ", " << j;
      }
    }
  }
}

TEST(GraphTest, Bm25IgnoresTermIdsNoSentenceUses) {
  // term_count only bounds the ids; an id that occurs nowhere is not a term of the document and
  // must not move the mean idf (and with it the floor of common terms). Term 0 is in 3 of 4
  // sentences (idf < 0, floored); the edges 0-1, 0-2, 1-2 exist only through it, so their
  // weights are the floor and would change with a mean taken over unused ids.
  const std::vector<std::vector<std::uint32_t>> sentences{{0, 1}, {0, 2}, {0, 3}, {4, 5}};
  const SparseGraph tight = build_similarity_graph(matrix_of(sentences, 6), {.similarity = Similarity::kBm25});
  const SparseGraph loose = build_similarity_graph(matrix_of(sentences, 40), {.similarity = Similarity::kBm25});
  const reference::Dense a = dense_of(tight);
  const reference::Dense b = dense_of(loose);
  ASSERT_GT(a[0][1], 0.0);
  for (std::size_t i = 0; i < a.size(); ++i) {
    for (std::size_t j = 0; j < a.size(); ++j) EXPECT_NEAR(a[i][j], b[i][j], kTolerance) << i << ", " << j;
  }
}

TEST(GraphTest, MinEdgeWeightDropsExactlyTheLighterEdges) {
  std::mt19937_64 rng(3);
  for (int trial = 0; trial < 50; ++trial) {
    const TermMatrix terms = random_document(rng);
    for (Similarity similarity : kAllSimilarities) {
      const reference::Dense all = dense_of(build_similarity_graph(terms, {.similarity = similarity}));
      std::vector<double> weights;
      for (const auto& row : all) {
        for (double w : row) {
          if (w > 0) weights.push_back(w);
        }
      }
      if (weights.empty()) continue;
      std::sort(weights.begin(), weights.end());
      // A threshold equal to an existing weight: that edge is not lighter, so it stays.
      const double threshold = weights[weights.size() / 2];
      const reference::Dense kept =
          dense_of(build_similarity_graph(terms, {.similarity = similarity, .min_edge_weight = threshold}));
      for (std::size_t i = 0; i < all.size(); ++i) {
        for (std::size_t j = 0; j < all.size(); ++j) {
          const double expected = all[i][j] >= threshold ? all[i][j] : 0.0;
          EXPECT_EQ(kept[i][j], expected) << "trial " << trial << " (" << i << ", " << j << ")";
        }
      }
    }
  }
}

TEST(GraphTest, RelabelingSentencesPermutesTheGraph) {
  std::mt19937_64 rng(11);
  for (int trial = 0; trial < 50; ++trial) {
    const TermMatrix terms = random_document(rng);
    const auto sentences = reference::sentences_of(terms);
    std::vector<std::size_t> permutation(sentences.size());
    std::iota(permutation.begin(), permutation.end(), 0);
    std::shuffle(permutation.begin(), permutation.end(), rng);
    std::vector<std::vector<std::uint32_t>> moved(sentences.size());
    for (std::size_t i = 0; i < sentences.size(); ++i) moved[permutation[i]] = sentences[i];
    for (Similarity similarity : kAllSimilarities) {
      const reference::Dense w = dense_of(build_similarity_graph(terms, {.similarity = similarity}));
      const reference::Dense v =
          dense_of(build_similarity_graph(matrix_of(moved, terms.term_count), {.similarity = similarity}));
      for (std::size_t i = 0; i < w.size(); ++i) {
        for (std::size_t j = 0; j < w.size(); ++j) {
          EXPECT_NEAR(v[permutation[i]][permutation[j]], w[i][j], kTolerance);
        }
      }
    }
  }
}

TEST(GraphTest, EmptyAndWordlessDocumentsGiveGraphsWithoutEdges) {
  const SparseGraph empty = build_similarity_graph(TermMatrix{});
  EXPECT_EQ(empty.rows(), 0);
  EXPECT_EQ(empty.cols(), 0);
  const SparseGraph wordless = build_similarity_graph(matrix_of({{}, {}, {}}, 0));
  EXPECT_EQ(wordless.rows(), 3);
  EXPECT_EQ(wordless.nonZeros(), 0);
}

TEST(GraphTest, IsDeterministic) {
  std::mt19937_64 rng(5);
  const TermMatrix terms = random_document(rng);
  for (Similarity similarity : kAllSimilarities) {
    const reference::Dense a = dense_of(build_similarity_graph(terms, {.similarity = similarity}));
    const reference::Dense b = dense_of(build_similarity_graph(terms, {.similarity = similarity}));
    EXPECT_EQ(a, b);  // bit for bit
  }
}

// Σ over terms of df·(df−1)/2: the pairs the full graph examines.
double candidate_pairs(const TermMatrix& terms) {
  std::vector<std::vector<bool>> seen(terms.term_count, std::vector<bool>(terms.sentence_count(), false));
  std::vector<double> df(terms.term_count, 0.0);
  for (std::size_t s = 0; s < terms.sentence_count(); ++s) {
    for (std::size_t k = terms.offsets[s]; k < terms.offsets[s + 1]; ++k) {
      if (!seen[terms.ids[k]][s]) {
        seen[terms.ids[k]][s] = true;
        ++df[terms.ids[k]];
      }
    }
  }
  double pairs = 0.0;
  for (double d : df) pairs += d * (d - 1.0) / 2.0;
  return pairs;
}

TEST(GraphTest, PairBudgetIsExactWithinTheBudget) {
  std::mt19937_64 rng(31);
  int within = 0;
  for (int trial = 0; trial < 300; ++trial) {
    const TermMatrix terms = random_document(rng);
    const double n = static_cast<double>(terms.sentence_count());
    for (std::size_t budget : {std::size_t{5}, std::size_t{50}, std::size_t{200}}) {
      if (candidate_pairs(terms) > static_cast<double>(budget) * n) continue;
      ++within;
      for (Similarity similarity : kAllSimilarities) {
        const reference::Dense full = graph_of(terms, similarity, 0, 0);
        const reference::Dense sparse = graph_of(terms, similarity, 0, budget);
        ASSERT_EQ(sparse, full) << "trial " << trial << ", budget " << budget;  // bit for bit
      }
    }
  }
  EXPECT_GT(within, 100);
}

// Beyond the budget, the sparse graph is still a valid graph: symmetric, zero diagonal, finite
// positive weights (rebalanced towards the full totals), and a subgraph of the full one.
TEST(GraphTest, PairBudgetBeyondTheBudgetGivesAValidSubgraph) {
  std::mt19937_64 rng(32);
  int pruned = 0;
  for (int trial = 0; trial < 300; ++trial) {
    const TermMatrix terms = random_document(rng);
    const double n = static_cast<double>(terms.sentence_count());
    const std::size_t budget = 3;
    if (candidate_pairs(terms) <= static_cast<double>(budget) * n) continue;
    for (Similarity similarity : kAllSimilarities) {
      const SparseGraph full_graph = build_similarity_graph(
          terms,
          {.similarity = similarity, .full_graph_sentences = 0, .max_neighbors = 0, .max_pairs_per_sentence = 0});
      const SparseGraph sparse_graph = build_similarity_graph(
          terms,
          {.similarity = similarity, .full_graph_sentences = 0, .max_neighbors = 0, .max_pairs_per_sentence = budget});
      const reference::Dense full = dense_of(full_graph);
      const reference::Dense sparse = dense_of(sparse_graph);
      ASSERT_EQ(sparse.size(), full.size());
      ++pruned;
      EXPECT_LT(sparse_graph.nonZeros(), full_graph.nonZeros() + 1);
      for (std::size_t i = 0; i < sparse.size(); ++i) {
        EXPECT_EQ(sparse[i][i], 0.0);
        for (std::size_t j = 0; j < sparse.size(); ++j) {
          EXPECT_EQ(sparse[i][j], sparse[j][i]);
          EXPECT_GE(sparse[i][j], 0.0);
          EXPECT_TRUE(std::isfinite(sparse[i][j]));
          if (sparse[i][j] > 0.0) {
            EXPECT_GT(full[i][j], 0.0);
          }
        }
      }
      if (HasFailure()) return;
    }
  }
  EXPECT_GT(pruned, 50);
}

// The most common terms go first, all terms of one document frequency together.
TEST(GraphTest, PairBudgetLeavesOutTheMostCommonTerms) {
  // Term 0 is in all 6 sentences (15 pairs), term 1 in 3 (3 pairs), terms 2 and 3 in 2 (1 pair
  // each): 20 pairs in all.
  const TermMatrix terms = matrix_of({{0, 1, 2}, {0, 1, 2}, {0, 1}, {0, 3}, {0, 3}, {0}}, 4);
  const auto edges = [&](std::size_t budget) {
    return build_similarity_graph(terms,
                                  {.full_graph_sentences = 0, .max_neighbors = 0, .max_pairs_per_sentence = budget})
               .nonZeros() /
           2;
  };
  EXPECT_EQ(edges(0), 15);  // term 0 links every pair
  EXPECT_EQ(edges(4), 15);  // 20 pairs <= 4 × 6: the full graph
  EXPECT_EQ(edges(3), 4);   // 20 > 18: term 0 goes; terms 1-3 link (0,1), (0,2), (1,2), (3,4)
  EXPECT_EQ(edges(1), 4);   // 5 <= 6 without term 0: terms 1-3 stay
}

std::vector<std::size_t> degrees(const reference::Dense& w) {
  std::vector<std::size_t> out;
  for (const auto& row : w)
    out.push_back(static_cast<std::size_t>(std::count_if(row.begin(), row.end(), [](double x) { return x > 0; })));
  return out;
}

TEST(GraphTest, NeighbourCapIsExactWhenNoSentenceHasMoreNeighbours) {
  std::mt19937_64 rng(41);
  int within = 0;
  for (int trial = 0; trial < 300; ++trial) {
    const TermMatrix terms = random_document(rng);
    for (Similarity similarity : kAllSimilarities) {
      const reference::Dense full = graph_of(terms, similarity, 0, 0);
      const std::vector<std::size_t> d = degrees(full);
      const std::size_t max_degree = d.empty() ? 0 : *std::max_element(d.begin(), d.end());
      for (std::size_t k : {max_degree, max_degree + 1, std::size_t{1000}}) {
        if (k == 0) continue;
        ++within;
        const reference::Dense capped = graph_of(terms, similarity, k, 0);
        ASSERT_EQ(capped, full) << "trial " << trial << ", k " << k;  // bit for bit
      }
    }
  }
  EXPECT_GT(within, 300);
}

// With the cap in force: symmetric, zero diagonal, positive weights on a subset of the full graph's
// edges (rebalanced, see options.hpp), every edge among the k heaviest of one of its ends in the
// full graph, and every sentence keeping at least min(k, its full degree) edges.
TEST(GraphTest, NeighbourCapKeepsTheHeaviestEdgesOfEverySentence) {
  std::mt19937_64 rng(42);
  int capped_graphs = 0;
  for (int trial = 0; trial < 300; ++trial) {
    const TermMatrix terms = random_document(rng);
    for (Similarity similarity : kAllSimilarities) {
      for (std::size_t k : {std::size_t{1}, std::size_t{3}, std::size_t{8}}) {
        const reference::Dense full = graph_of(terms, similarity, 0, 0);
        const reference::Dense capped = graph_of(terms, similarity, k, 0);
        const std::size_t n = full.size();
        ASSERT_EQ(capped.size(), n);
        if (capped != full) ++capped_graphs;
        // Rank of column j in row i: how many edges of row i are heavier (ties: lower column).
        const auto in_top_k = [&](std::size_t i, std::size_t j) {
          std::size_t heavier = 0;
          for (std::size_t c = 0; c < n; ++c) {
            if (full[i][c] > full[i][j] || (full[i][c] == full[i][j] && full[i][c] > 0 && c < j)) ++heavier;
          }
          return heavier < k;
        };
        const std::vector<std::size_t> full_degree = degrees(full);
        const std::vector<std::size_t> capped_degree = degrees(capped);
        for (std::size_t i = 0; i < n; ++i) {
          EXPECT_EQ(capped[i][i], 0.0);
          EXPECT_GE(capped_degree[i], std::min(k, full_degree[i]));
          for (std::size_t j = 0; j < n; ++j) {
            EXPECT_EQ(capped[i][j], capped[j][i]);
            EXPECT_GE(capped[i][j], 0.0);
            if (capped[i][j] > 0) {
              EXPECT_GT(full[i][j], 0.0);
              EXPECT_TRUE(std::isfinite(capped[i][j]));
              EXPECT_TRUE(in_top_k(i, j) || in_top_k(j, i)) << i << "-" << j;
            } else if (full[i][j] > 0) {
              EXPECT_FALSE(in_top_k(i, j) || in_top_k(j, i)) << i << "-" << j;
            }
          }
        }
        if (HasFailure()) return;
      }
    }
  }
  EXPECT_GT(capped_graphs, 100);
}

// The defaults leave news-length documents alone: the sample article (25 KB, within
// full_graph_sentences, though the default max_neighbors would cut edges of it) and each of its
// paragraphs get exactly the full graph. The article twice over is longer, and gets the capped one.
TEST(GraphTest, NewsLengthDocumentsGetTheFullGraphByDefault) {
  std::ifstream in(std::string(PRECIS_EXAMPLES_DIR) + "/western-development.en.txt", std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string article = buffer.str();
  ASSERT_GT(article.size(), 20'000u);
  std::vector<std::string> documents{article};
  for (std::size_t at = 0, next; at < article.size(); at = next + 2) {
    next = article.find("\n\n", at);
    if (next == std::string::npos) next = article.size();
    documents.push_back(article.substr(at, next - at));
  }
  const Summarizer summarizer;
  for (const std::string& document : documents) {
    const Analysis analysis = summarizer.analyze(document);
    for (Similarity similarity : kAllSimilarities) {
      const GraphOptions defaults{.similarity = similarity};
      ASSERT_GT(defaults.max_neighbors, 0u);
      ASSERT_GT(defaults.max_pairs_per_sentence, 0u);
      const reference::Dense sparse = dense_of(build_similarity_graph(analysis.terms, defaults));
      const reference::Dense full = dense_of(build_similarity_graph(
          analysis.terms,
          {.similarity = similarity, .full_graph_sentences = 0, .max_neighbors = 0, .max_pairs_per_sentence = 0}));
      ASSERT_EQ(sparse, full) << to_string(similarity) << " on " << document.substr(0, 60);  // bit for bit
    }
  }
  const Analysis twice = summarizer.analyze(article + "\n\n" + article);
  ASSERT_GT(twice.sentences.size(), GraphOptions{}.full_graph_sentences);
  EXPECT_LT(build_similarity_graph(twice.terms, {}).nonZeros(),
            build_similarity_graph(twice.terms, {.max_neighbors = 0, .max_pairs_per_sentence = 0}).nonZeros());
}

void expect_invalid(const TermMatrix& terms, const std::string& what) {
  try {
    build_similarity_graph(terms);
    ADD_FAILURE() << what << ": no exception";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidArgument) << what << ": " << e.what();
  }
}

TEST(GraphTest, MalformedTermMatrixThrows) {
  TermMatrix no_offsets;
  no_offsets.offsets.clear();
  expect_invalid(no_offsets, "offsets empty");

  TermMatrix nonzero_start;
  nonzero_start.offsets = {1, 2};
  nonzero_start.ids = {0, 0};
  nonzero_start.term_count = 1;
  expect_invalid(nonzero_start, "offsets not starting at 0");

  TermMatrix short_end = matrix_of({{0, 1}}, 2);
  short_end.ids.push_back(1);  // offsets end at 2, ids has 3
  expect_invalid(short_end, "offsets not ending at ids.size()");

  TermMatrix past_end = matrix_of({{0, 1}}, 2);
  past_end.offsets.back() = 5;
  expect_invalid(past_end, "offsets past ids.size()");

  // A term_count beyond 32-bit ids must be rejected, not used to size the inverted index.
  TermMatrix huge_vocabulary = matrix_of({{0, 1}}, 2);
  huge_vocabulary.term_count = SIZE_MAX;
  expect_invalid(huge_vocabulary, "term_count beyond 2^32");

  TermMatrix decreasing;
  decreasing.offsets = {0, 3, 1, 3};
  decreasing.ids = {0, 0, 0};
  decreasing.term_count = 1;
  expect_invalid(decreasing, "offsets decreasing");

  expect_invalid(matrix_of({{0, 7}}, 7), "id equal to term_count");
  expect_invalid(matrix_of({{0}, {1}}, 0), "ids with term_count 0");
}

// The phases of build_similarity_graph (graph_phases.hpp), each on its own.

using detail::Edge;
using detail::EdgeRows;

EdgeRows edge_rows(const std::vector<std::vector<Edge>>& rows) {
  EdgeRows out;
  for (const auto& row : rows) {
    out.entries.insert(out.entries.end(), row.begin(), row.end());
    out.rows.push_back(out.entries.size());
  }
  return out;
}

std::vector<Edge> row_of(const EdgeRows& rows, std::size_t i) {
  const auto row = rows.row(i);
  return {row.begin(), row.end()};
}

TEST(GraphPhasesTest, PlanLeavesOutTheMostCommonTermBeyondThePairBudget) {
  // Term 0 is in all 6 sentences (15 pairs), terms 1 and 2 in two each (1 pair each).
  const TermMatrix terms = matrix_of({{0, 1}, {0, 1}, {0, 2}, {0, 2}, {0}, {0}}, 3);
  const detail::CountedTerms counted = detail::count_terms(terms);
  const detail::Postings postings = detail::invert(counted, terms.term_count);

  const detail::GraphPlan all = detail::plan_graph(
      counted, postings, {.full_graph_sentences = 0, .max_neighbors = 0, .max_pairs_per_sentence = 0});
  EXPECT_EQ(all.max_df, 6u);
  EXPECT_FALSE(all.leaves_terms_out);
  EXPECT_FALSE(all.may_cap);
  EXPECT_TRUE(all.full_first);

  // A budget of 6 pairs: the 2 pairs of terms 1 and 2 fit, term 0's 15 do not.
  const detail::GraphPlan budget = detail::plan_graph(
      counted, postings, {.full_graph_sentences = 0, .max_neighbors = 0, .max_pairs_per_sentence = 1});
  EXPECT_EQ(budget.max_df, 5u);
  EXPECT_TRUE(budget.leaves_terms_out);
  EXPECT_TRUE(budget.may_cap);
  EXPECT_FALSE(budget.full_first);
}

TEST(GraphPhasesTest, PlanBuildsTheFullGraphFirstWhenItIsSmall) {
  const TermMatrix terms = matrix_of({{0, 1}, {0, 1}, {0, 2}, {0, 2}, {0}, {0}}, 3);
  const detail::CountedTerms counted = detail::count_terms(terms);
  const detail::Postings postings = detail::invert(counted, terms.term_count);
  // Sentence 0 may have 5 + 1 neighbours; 17 candidate pairs fit in 3 per sentence, not in 2.
  const detail::GraphPlan small = detail::plan_graph(
      counted, postings, {.full_graph_sentences = 0, .max_neighbors = 3, .max_pairs_per_sentence = 0});
  EXPECT_TRUE(small.may_cap);
  EXPECT_TRUE(small.full_first);
  const detail::GraphPlan large = detail::plan_graph(
      counted, postings, {.full_graph_sentences = 0, .max_neighbors = 2, .max_pairs_per_sentence = 0});
  EXPECT_TRUE(large.may_cap);
  EXPECT_FALSE(large.full_first);
  const detail::GraphPlan uncapped = detail::plan_graph(
      counted, postings, {.full_graph_sentences = 0, .max_neighbors = 6, .max_pairs_per_sentence = 0});
  EXPECT_FALSE(uncapped.may_cap);
  EXPECT_TRUE(uncapped.full_first);
}

TEST(GraphPhasesTest, AccumulatedUpperTriangleIsTheFullGraphsUpperTriangle) {
  std::mt19937_64 rng(7);
  for (int trial = 0; trial < 100; ++trial) {
    const TermMatrix terms = random_document(rng);
    for (Similarity similarity : kAllSimilarities) {
      const GraphOptions options{
          .similarity = similarity, .full_graph_sentences = 0, .max_neighbors = 0, .max_pairs_per_sentence = 0};
      const std::size_t n = terms.sentence_count();
      const detail::CountedTerms counted = detail::count_terms(terms);
      const detail::Postings postings = detail::invert(counted, terms.term_count);
      detail::Weighting weighting(options, terms, postings);
      weighting.set_norms(counted);
      detail::RowAccumulator rows(counted, postings, weighting, n, options.min_edge_weight);
      const EdgeRows upper = detail::accumulate_upper(rows, n);
      ASSERT_EQ(upper.rows.size(), n + 1);
      const SparseGraph graph = build_similarity_graph(terms, options);
      for (std::size_t i = 0; i < n; ++i) {
        std::vector<Edge> expected;
        for (SparseGraph::InnerIterator it(graph, static_cast<Eigen::Index>(i)); it; ++it) {
          if (static_cast<std::size_t>(it.col()) > i)
            expected.emplace_back(static_cast<std::uint32_t>(it.col()), it.value());
        }
        EXPECT_EQ(row_of(upper, i), expected) << "trial " << trial << " row " << i;
      }
    }
  }
}

TEST(GraphPhasesTest, KeepHeaviestBreaksTiesByTheLowerColumn) {
  const std::vector<Edge> row{{5, 1.0}, {2, 3.0}, {7, 2.0}, {1, 2.0}, {3, 2.0}};
  detail::CapScratch scratch;
  std::vector<Edge> kept{{9, 9.0}};  // appended to, never replaced
  detail::keep_heaviest(row, 3, kept, scratch);
  EXPECT_EQ(kept, (std::vector<Edge>{{9, 9.0}, {2, 3.0}, {1, 2.0}, {3, 2.0}}));
  kept.clear();
  detail::keep_heaviest(row, 5, kept, scratch);
  EXPECT_EQ(kept, row);
}

TEST(GraphPhasesTest, CapCutsAnEdgeOnlyWhenBothEndsDropIt) {
  // A star: the hub keeps 2 of its 4 edges, but every leaf keeps its only one.
  const EdgeRows star = edge_rows({{{1, 0.4}, {2, 0.3}, {3, 0.2}, {4, 0.1}}, {}, {}, {}, {}});
  EdgeRows full;
  EXPECT_FALSE(detail::cap_cuts_edges(star, 5, 2, full));
  // A triangle capped at 1 neighbour: edge 1-2, the lightest, is the heaviest of neither end.
  const EdgeRows triangle = edge_rows({{{1, 0.5}, {2, 0.4}}, {{2, 0.1}}, {}});
  ASSERT_TRUE(detail::cap_cuts_edges(triangle, 3, 1, full));
  EXPECT_EQ(row_of(full, 0), (std::vector<Edge>{{1, 0.5}, {2, 0.4}}));
  EXPECT_EQ(row_of(full, 1), (std::vector<Edge>{{0, 0.5}, {2, 0.1}}));
  EXPECT_EQ(row_of(full, 2), (std::vector<Edge>{{0, 0.4}, {1, 0.1}}));
}

TEST(GraphPhasesTest, CapRowsKeepsTheHeaviestAndCountsTheFullStrength) {
  const TermMatrix terms = matrix_of({{0}, {0}, {0}}, 1);
  const detail::CountedTerms counted = detail::count_terms(terms);
  const detail::Postings postings = detail::invert(counted, terms.term_count);
  const detail::Weighting weighting(GraphOptions{}, terms, postings);
  detail::RowAccumulator rows(counted, postings, weighting, 3, 0.0);
  const EdgeRows full = edge_rows({{{1, 0.5}, {2, 0.25}}, {{0, 0.5}, {2, 0.125}}, {{0, 0.25}, {1, 0.125}}});
  const detail::GraphPlan plan{.max_df = 3};
  const detail::CappedRows capped = detail::cap_rows(&full, rows, counted, postings, weighting, plan, 1, 3);
  EXPECT_EQ(capped.kept.entries, (std::vector<Edge>{{1, 0.5}, {0, 0.5}, {0, 0.25}}));
  EXPECT_EQ(capped.kept.rows, (std::vector<std::size_t>{0, 1, 2, 3}));
  EXPECT_EQ(capped.strength, (std::vector<double>{0.75, 0.625, 0.375}));
  EXPECT_EQ(capped.full_entries, 6u);
}

TEST(GraphPhasesTest, UnionOfKeptHoldsAnEdgeKeptByBothEndsOnce) {
  const EdgeRows kept = edge_rows({{{1, 0.5}}, {{0, 0.5}, {2, 0.25}}, {{1, 0.25}}});
  const EdgeRows upper = detail::union_of_kept(kept, 3);
  EXPECT_EQ(upper.rows, (std::vector<std::size_t>{0, 1, 2, 2}));
  EXPECT_EQ(upper.entries, (std::vector<Edge>{{1, 0.5}, {2, 0.25}}));
}

TEST(GraphPhasesTest, RebalanceBringsKeptStrengthsTowardTheFullOnes) {
  // The path 0 - 1 - 2 with the strengths of weights 2 and 1.
  EdgeRows upper = edge_rows({{{1, 1.0}}, {{2, 1.0}}, {}});
  const std::vector<double> strength{2.0, 3.0, 1.0};
  const auto error = [&] {
    const double w01 = upper.entries[0].second;
    const double w12 = upper.entries[1].second;
    return std::abs(w01 - strength[0]) + std::abs(w01 + w12 - strength[1]) + std::abs(w12 - strength[2]);
  };
  const double before = error();
  detail::rebalance(upper, strength);
  EXPECT_EQ(upper.rows, (std::vector<std::size_t>{0, 1, 2, 2}));
  EXPECT_LT(error(), before / 4);
}

TEST(GraphPhasesTest, EmitCsrMirrorsTheUpperTriangle) {
  const EdgeRows upper = edge_rows({{{1, 0.5}, {2, 0.25}}, {{2, 0.125}}, {}});
  const SparseGraph graph = detail::emit_csr(upper, 3);
  const std::vector<int> outer(graph.outerIndexPtr(), graph.outerIndexPtr() + 4);
  const std::vector<int> inner(graph.innerIndexPtr(), graph.innerIndexPtr() + graph.nonZeros());
  const std::vector<double> values(graph.valuePtr(), graph.valuePtr() + graph.nonZeros());
  EXPECT_EQ(outer, (std::vector<int>{0, 2, 4, 6}));
  EXPECT_EQ(inner, (std::vector<int>{1, 2, 0, 2, 0, 1}));
  EXPECT_EQ(values, (std::vector<double>{0.5, 0.25, 0.5, 0.125, 0.25, 0.125}));
}

}  // namespace
}  // namespace precis
