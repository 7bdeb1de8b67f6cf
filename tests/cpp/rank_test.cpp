// PageRank: hand-derived stationary vectors of tiny graphs, the documented edge cases (dangling
// nodes, no edges, empty graph, iteration cap), option and input validation, and agreement with
// the dense reference on random graphs.
//
// Most hand-derived cases use damping d = 1/2, which keeps the fractions small. The fixed point
// of rank.hpp's update is
//   s_k = (1 − d)/n + d · (Σ_i s_i · W[i][k] / out_i + (Σ_{dangling i} s_i) / n),
// a linear system we solve by hand below; run with a tight tolerance, the iteration must land on it.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "precis/error.hpp"
#include "precis/graph.hpp"
#include "precis/rank.hpp"
#include "reference/naive_textrank.hpp"
#include "test_data.hpp"

namespace precis {
namespace {

// Converged to far below the 1e-9 we compare with.
constexpr RankOptions kExact{.damping = 0.5, .tolerance = 1e-14, .max_iterations = 10000};

SparseGraph graph_of(const reference::Dense& w) {
  const auto n = static_cast<Eigen::Index>(w.size());
  SparseGraph graph(n, n);
  std::vector<Eigen::Triplet<double, int>> triplets;
  for (std::size_t i = 0; i < w.size(); ++i) {
    for (std::size_t j = 0; j < w.size(); ++j) {
      if (w[i][j] != 0.0) triplets.emplace_back(static_cast<int>(i), static_cast<int>(j), w[i][j]);
    }
  }
  graph.setFromTriplets(triplets.begin(), triplets.end());
  return graph;
}

void expect_scores(const RankResult& result, const std::vector<double>& expected, double tolerance = 1e-9) {
  ASSERT_EQ(result.scores.size(), static_cast<Eigen::Index>(expected.size()));
  for (std::size_t k = 0; k < expected.size(); ++k) {
    EXPECT_NEAR(result.scores[static_cast<Eigen::Index>(k)], expected[k], tolerance) << "node " << k;
  }
}

TEST(RankTest, TwoNodesShareTheScoreEqually) {
  // Each node's only out-edge goes to the other, whatever the weight: by symmetry s = (1/2, 1/2).
  // The uniform start already is that vector, so the first iteration changes nothing.
  const RankResult result = pagerank(graph_of({{0, 3.5}, {3.5, 0}}));
  expect_scores(result, {0.5, 0.5}, 1e-15);
  EXPECT_TRUE(result.converged);
  EXPECT_EQ(result.iterations, 1);
  EXPECT_NEAR(result.residual, 0.0, 1e-15);
}

TEST(RankTest, WeightedPathByHand) {
  // Path 0 —1— 1 —3— 2 (weights 1 and 3). Node 1 receives everything nodes 0 and 2 send:
  //   s1 = 1/6 + (s0 + s2)/2 = 1/6 + (1 − s1)/2  ⇒  s1 = 4/9.
  // Node 1 splits its score 1 : 3 between 0 and 2:
  //   s0 = 1/6 + (1/2)(4/9)(1/4) = 1/6 + 1/18 = 2/9,   s2 = 1/6 + (1/2)(4/9)(3/4) = 1/3.
  const RankResult result = pagerank(graph_of({{0, 1, 0}, {1, 0, 3}, {0, 3, 0}}), kExact);
  EXPECT_TRUE(result.converged);
  expect_scores(result, {2.0 / 9, 4.0 / 9, 1.0 / 3});
}

TEST(RankTest, UnweightedPathWithDefaultDamping) {
  // Path 0 — 1 — 2 with d = 0.85: s1 = 0.05 + 0.85(1 − s1)  ⇒  s1 = 0.9/1.85 = 18/37, and the
  // ends split the rest: s0 = s2 = (1 − 18/37)/2 = 19/74.
  const RankResult result =
      pagerank(graph_of({{0, 1, 0}, {1, 0, 1}, {0, 1, 0}}), {.tolerance = 1e-14, .max_iterations = 10000});
  EXPECT_TRUE(result.converged);
  expect_scores(result, {19.0 / 74, 18.0 / 37, 19.0 / 74});
}

TEST(RankTest, SymmetricTriangleByHand) {
  // Triangle with w01 = w02 = 1, w12 = 2. Swapping nodes 1 and 2 maps the graph onto itself, so
  // s1 = s2 = x and s0 = 1 − 2x. Node 0 gets a third of the out-weight of 1 and of 2:
  //   s0 = 1/6 + (1/2)(x/3 + x/3)  ⇒  1 − 2x = 1/6 + x/3  ⇒  x = 5/14, s0 = 2/7.
  const RankResult result = pagerank(graph_of({{0, 1, 1}, {1, 0, 2}, {1, 2, 0}}), kExact);
  expect_scores(result, {2.0 / 7, 5.0 / 14, 5.0 / 14});
}

TEST(RankTest, ScaleFreeTriangleByHand) {
  // Triangle with w01 = 1, w02 = 2, w12 = 3; out-weights 3, 4, 5:
  //   s0 = 1/6 + s1/8 + s2/5
  //   s1 = 1/6 + s0/6 + 3·s2/10
  //   s2 = 1/6 + s0/3 + 3·s1/8
  // whose solution is s = (159, 184, 215) / 558 (substituting: 93 + 23 + 43 = 159,
  // 93 + 26.5 + 64.5 = 184, 93 + 53 + 69 = 215, in 558ths).
  const reference::Dense w{{0, 1, 2}, {1, 0, 3}, {2, 3, 0}};
  const RankResult result = pagerank(graph_of(w), kExact);
  expect_scores(result, {159.0 / 558, 184.0 / 558, 215.0 / 558});
  // Scaling every weight does not change a random walk's transition probabilities.
  reference::Dense scaled = w;
  for (auto& row : scaled) {
    for (double& v : row) v *= 1000;
  }
  expect_scores(pagerank(graph_of(scaled), kExact), {159.0 / 558, 184.0 / 558, 215.0 / 558});
}

TEST(RankTest, IsolatedNodeIsDanglingAndSpreadsUniformly) {
  // Edge 0 — 1 and an isolated node 2. Node 2 only receives the damped teleport and its own
  // dangling mass: s2 = 1/6 + (1/2)(s2/3)  ⇒  s2 = 1/5; nodes 0 and 1 share the rest, 2/5 each.
  const RankResult result = pagerank(graph_of({{0, 1, 0}, {1, 0, 0}, {0, 0, 0}}), kExact);
  expect_scores(result, {0.4, 0.4, 0.2});
}

TEST(RankTest, DirectedEdgeIntoDanglingNode) {
  // pagerank accepts any square non-negative matrix. With only 0 → 1, node 1 is dangling:
  //   s0 = 1/4 + (1/2)(s1/2)  and  s0 + s1 = 1  ⇒  s0 = 2/5, s1 = 3/5.
  const RankResult result = pagerank(graph_of({{0, 1}, {0, 0}}), kExact);
  expect_scores(result, {0.4, 0.6});
}

TEST(RankTest, GraphWithoutEdgesGivesUniformScores) {
  // Every node is dangling, so every node receives exactly the same: uniform is the fixed point
  // and the start, reached in one iteration with no change at all.
  const RankResult result = pagerank(SparseGraph(4, 4));
  ASSERT_EQ(result.scores.size(), 4);
  for (Eigen::Index k = 0; k < 4; ++k) EXPECT_EQ(result.scores[k], 0.25);
  EXPECT_TRUE(result.converged);
  EXPECT_EQ(result.iterations, 1);
}

TEST(RankTest, EmptyGraphGivesNoScores) {
  const RankResult result = pagerank(SparseGraph(0, 0));
  EXPECT_EQ(result.scores.size(), 0);
  EXPECT_EQ(result.iterations, 0);
  EXPECT_TRUE(result.converged);  // nothing to do is not a failure to converge
}

TEST(RankTest, IterationCapReportsNotConverged) {
  // Path 0 — 1 — 2, d = 1/2. One step from uniform: the middle gets 1/6 + (1/2)(1/3 + 1/3) = 1/2,
  // each end 1/6 + (1/2)(1/3)(1/2) = 1/4; the L1 change is 1/12 + 1/6 + 1/12 = 1/3.
  const RankResult result =
      pagerank(graph_of({{0, 1, 0}, {1, 0, 1}, {0, 1, 0}}), {.damping = 0.5, .tolerance = 1e-12, .max_iterations = 1});
  EXPECT_FALSE(result.converged);
  EXPECT_EQ(result.iterations, 1);
  EXPECT_NEAR(result.residual, 1.0 / 3, 1e-15);
  expect_scores(result, {0.25, 0.5, 0.25}, 1e-15);
}

TEST(RankTest, ConvergedMeansResidualBelowTolerance) {
  const RankResult result = pagerank(graph_of({{0, 1, 2}, {1, 0, 3}, {2, 3, 0}}), {.tolerance = 1e-4});
  EXPECT_TRUE(result.converged);
  EXPECT_LT(result.residual, 1e-4);
  EXPECT_GT(result.iterations, 1);
  EXPECT_LE(result.iterations, 100);
}

// Random non-negative graphs: symmetric ones like the similarity graph, with some isolated
// (dangling) nodes and varied weights.
reference::Dense random_graph(std::mt19937_64& rng, std::size_t n) {
  std::uniform_real_distribution<double> weight(0.01, 5.0);
  std::bernoulli_distribution edge(0.3);
  std::bernoulli_distribution isolated(0.15);
  std::vector<bool> alone(n);
  for (std::size_t i = 0; i < n; ++i) alone[i] = isolated(rng);
  reference::Dense w(n, std::vector<double>(n, 0.0));
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) {
      if (!alone[i] && !alone[j] && edge(rng)) w[i][j] = w[j][i] = weight(rng);
    }
  }
  return w;
}

TEST(RankTest, ScoresAreNonNegativeAndSumToOne) {
  std::mt19937_64 rng(1);
  for (int trial = 0; trial < 100; ++trial) {
    const std::size_t n = std::uniform_int_distribution<std::size_t>(1, 60)(rng);
    const RankResult result = pagerank(graph_of(random_graph(rng, n)));
    ASSERT_EQ(result.scores.size(), static_cast<Eigen::Index>(n));
    EXPECT_NEAR(result.scores.sum(), 1.0, 1e-12);
    EXPECT_GE(result.scores.minCoeff(), 0.0);
  }
}

TEST(RankTest, AgreesWithDensePowerIteration) {
  // Same update, same start, same stopping rule: the same iterates up to rounding, so the same
  // iteration count and scores to 1e-12.
  std::mt19937_64 rng(2);
  for (int trial = 0; trial < 100; ++trial) {
    const std::size_t n = std::uniform_int_distribution<std::size_t>(1, 50)(rng);
    const reference::Dense w = random_graph(rng, n);
    const double damping = std::uniform_real_distribution<double>(0.3, 0.95)(rng);
    // A tolerance no iteration reaches in 8 steps (the change shrinks by about d per step, and
    // 0.3⁸ is far from rounding level), so both run exactly max_iterations: the counts cannot
    // differ through a residual that lands on the tolerance within rounding.
    const RankOptions options{.damping = damping, .tolerance = 1e-300, .max_iterations = 8};
    const RankResult fast = pagerank(graph_of(w), options);
    const reference::PageRankResult slow = reference::pagerank(w, damping, 1e-300, 8);
    EXPECT_EQ(fast.iterations, slow.iterations);
    for (std::size_t k = 0; k < n; ++k) {
      EXPECT_NEAR(fast.scores[static_cast<Eigen::Index>(k)], slow.scores[k], 1e-12) << "trial " << trial;
    }
  }
}

TEST(RankTest, ConvergesToTheExactStationaryVector) {
  // The reference solves the linear system directly, so this checks the fixed point itself, not
  // just that two iterations agree.
  std::mt19937_64 rng(3);
  for (int trial = 0; trial < 50; ++trial) {
    const std::size_t n = std::uniform_int_distribution<std::size_t>(1, 40)(rng);
    const reference::Dense w = random_graph(rng, n);
    const RankResult result = pagerank(graph_of(w), {.damping = 0.85, .tolerance = 1e-13, .max_iterations = 10000});
    ASSERT_TRUE(result.converged);
    const std::vector<double> exact = reference::pagerank_exact(w, 0.85);
    for (std::size_t k = 0; k < n; ++k) {
      EXPECT_NEAR(result.scores[static_cast<Eigen::Index>(k)], exact[k], 1e-10) << "trial " << trial;
    }
  }
}

TEST(RankTest, RelabelingNodesPermutesScores) {
  std::mt19937_64 rng(4);
  for (int trial = 0; trial < 30; ++trial) {
    const std::size_t n = std::uniform_int_distribution<std::size_t>(2, 30)(rng);
    const reference::Dense w = random_graph(rng, n);
    std::vector<std::size_t> p(n);
    std::iota(p.begin(), p.end(), 0);
    std::shuffle(p.begin(), p.end(), rng);
    reference::Dense moved(n, std::vector<double>(n, 0.0));
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = 0; j < n; ++j) moved[p[i]][p[j]] = w[i][j];
    }
    const RankResult a = pagerank(graph_of(w));
    const RankResult b = pagerank(graph_of(moved));
    for (std::size_t i = 0; i < n; ++i) {
      EXPECT_NEAR(b.scores[static_cast<Eigen::Index>(p[i])], a.scores[static_cast<Eigen::Index>(i)], 1e-12);
    }
  }
}

TEST(RankTest, IsDeterministicBitForBit) {
  std::mt19937_64 rng(5);
  const SparseGraph graph = graph_of(random_graph(rng, 40));
  const RankResult a = pagerank(graph);
  const RankResult b = pagerank(graph);
  EXPECT_EQ(a.scores, b.scores);
  EXPECT_EQ(a.iterations, b.iterations);
}

TEST(RankTest, DirectedGraphsAgreeWithDensePowerIteration) {
  // pagerank() multiplies by a transposed copy of the graph (the Summarizer's symmetric graphs
  // skip it): symmetric patterns with different weights each way, and one-way edges.
  std::mt19937_64 rng(9);
  std::uniform_real_distribution<double> weight(0.01, 5.0);
  for (int trial = 0; trial < 50; ++trial) {
    const std::size_t n = std::uniform_int_distribution<std::size_t>(2, 30)(rng);
    reference::Dense w = random_graph(rng, n);
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = 0; j < n; ++j) {
        if (w[i][j] != 0.0 && i < j) w[i][j] = weight(rng);
      }
    }
    w[0][1] = weight(rng);
    w[1][0] = 0.0;
    const RankOptions options{.damping = 0.85, .tolerance = 1e-300, .max_iterations = 8};
    const RankResult fast = pagerank(graph_of(w), options);
    const reference::PageRankResult slow = reference::pagerank(w, 0.85, 1e-300, 8);
    for (std::size_t k = 0; k < n; ++k) {
      EXPECT_NEAR(fast.scores[static_cast<Eigen::Index>(k)], slow.scores[k], 1e-12) << "trial " << trial;
    }
  }
}

void expect_invalid(const SparseGraph& graph, const RankOptions& options, const std::string& field) {
  try {
    pagerank(graph, options);
    ADD_FAILURE() << field << ": no exception";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidArgument) << e.what();
    EXPECT_NE(std::string(e.what()).find(field), std::string::npos) << e.what();
  }
}

TEST(RankTest, InvalidOptionsThrowNamingTheField) {
  const SparseGraph graph = graph_of({{0, 1}, {1, 0}});
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  for (double damping : {0.0, 1.0, 1.2, -0.5, nan}) {
    expect_invalid(graph, {.damping = damping}, "rank.damping");
  }
  for (double tolerance : {0.0, -1e-6, inf, nan}) {
    expect_invalid(graph, {.tolerance = tolerance}, "rank.tolerance");
  }
  for (int max_iterations : {0, -3}) {
    expect_invalid(graph, {.max_iterations = max_iterations}, "rank.max_iterations");
  }
  // Options are checked before the graph is looked at: an empty graph does not hide them.
  expect_invalid(SparseGraph(0, 0), {.damping = 2.0}, "rank.damping");
}

TEST(RankTest, PositionPriorIsLogLinear) {
  // Uniform scores become the prior itself at w = 1, and s^(1 − w)·(1/(i+1))^w in between.
  Eigen::VectorXd uniform = Eigen::VectorXd::Constant(3, 1.0 / 3);
  apply_position_prior(uniform, 1.0);
  const double h = 11.0 / 6;
  expect_scores({.scores = uniform}, {1 / h, 1 / (2 * h), 1 / (3 * h)});

  Eigen::VectorXd scores(3);
  scores << 0.2, 0.5, 0.3;
  apply_position_prior(scores, 0.5);
  const double a = std::sqrt(0.2), b = std::sqrt(0.5 / 2), c = std::sqrt(0.3 / 3);
  expect_scores({.scores = scores}, {a / (a + b + c), b / (a + b + c), c / (a + b + c)});

  Eigen::VectorXd unchanged = scores;
  apply_position_prior(unchanged, 0.0);
  EXPECT_EQ(unchanged, scores);
  EXPECT_THROW(apply_position_prior(unchanged, 1.5), Error);
}

TEST(RankTest, PositionPriorFavoursTheLeadOfASymmetricGraph) {
  // A symmetric cycle: classic scores are uniform; the prior breaks the tie in document order,
  // and a stronger prior gives the first node more.
  const SparseGraph cycle = graph_of({{0, 1, 0, 1}, {1, 0, 1, 0}, {0, 1, 0, 1}, {1, 0, 1, 0}});
  const RankResult classic = pagerank(cycle, kExact);
  expect_scores(classic, {0.25, 0.25, 0.25, 0.25});
  Eigen::VectorXd weak = classic.scores, strong = classic.scores;
  apply_position_prior(weak, 0.2);
  apply_position_prior(strong, 0.8);
  EXPECT_GT(weak[0], weak[1]);
  EXPECT_GT(weak[1], weak[3]);
  EXPECT_GT(strong[0], weak[0]);
  EXPECT_NEAR(strong.sum(), 1.0, 1e-12);
}

TEST(RankTest, PersonalizedAgreesWithTheLinearSystem) {
  // The fixed point of s = (1 − d)p + d(Wᵀ D⁻¹ s + dangling·p) on a weighted path with a bias:
  // solved densely by iteration to machine precision and compared with the sparse result.
  const reference::Dense w = {{0, 2, 0, 0}, {2, 0, 1, 0}, {0, 1, 0, 3}, {0, 0, 3, 0}};
  const std::vector<double> bias = {0, 1, 0, 3};
  RankOptions options = kExact;
  options.query_weight = 0.5;
  const RankResult result = pagerank(graph_of(w), options, bias);
  std::vector<double> p(4), s(4, 0.25);
  for (std::size_t i = 0; i < 4; ++i) p[i] = 0.5 / 4 + 0.5 * bias[i] / 4;
  for (int iteration = 0; iteration < 5000; ++iteration) {
    std::vector<double> next(4, 0.0);
    for (std::size_t i = 0; i < 4; ++i) {
      const double out = std::accumulate(w[i].begin(), w[i].end(), 0.0);
      for (std::size_t j = 0; j < 4; ++j) next[j] += 0.5 * s[i] * w[i][j] / out;
    }
    for (std::size_t j = 0; j < 4; ++j) next[j] += 0.5 * p[j];
    s = next;
  }
  expect_scores(result, s);
}

TEST(RankTest, ZeroBiasOrZeroQueryWeightIsClassicBitForBit) {
  const SparseGraph graph = graph_of({{0, 1, 2}, {1, 0, 0}, {2, 0, 0}});
  const RankResult classic = pagerank(graph);
  EXPECT_EQ(pagerank(graph, {}, std::vector<double>{0, 0, 0}).scores, classic.scores);
  EXPECT_EQ(pagerank(graph, {.query_weight = 0.0}, std::vector<double>{1, 0, 0}).scores, classic.scores);
}

TEST(RankTest, EffectivePositionWeightShrinksWithTheBudgetShare) {
  const RankOptions options{.position_weight = 0.5, .position_budget_exponent = 2.0};
  EXPECT_DOUBLE_EQ(effective_position_weight(options, 3, 30), 0.5 * 0.9 * 0.9);
  EXPECT_DOUBLE_EQ(effective_position_weight(options, 9, 20), 0.5 * 0.55 * 0.55);
  EXPECT_DOUBLE_EQ(effective_position_weight(options, 20, 20), 0.0);
  RankOptions unscaled = options;
  unscaled.position_budget_exponent = 0.0;
  EXPECT_DOUBLE_EQ(effective_position_weight(unscaled, 9, 20), 0.5);
}

TEST(RankTest, InvalidBiasOrPriorThrows) {
  const SparseGraph graph = graph_of({{0, 1}, {1, 0}});
  EXPECT_THROW(pagerank(graph, {}, std::vector<double>{1}), Error);
  EXPECT_THROW(pagerank(graph, {}, std::vector<double>{1, -1}), Error);
  EXPECT_THROW(pagerank(graph, {}, std::vector<double>{1, std::numeric_limits<double>::infinity()}), Error);
  expect_invalid(graph, {.position_weight = 1.5}, "rank.position_weight");
  expect_invalid(graph, {.position_weight = -0.1}, "rank.position_weight");
  expect_invalid(graph, {.position_budget_exponent = -1}, "rank.position_budget_exponent");
  expect_invalid(graph, {.query_weight = 2.0}, "rank.query_weight");
}

TEST(RankTest, InvalidGraphsThrow) {
  expect_invalid(SparseGraph(2, 3), {}, "square");
  expect_invalid(graph_of({{0, -1}, {-1, 0}}), {}, "non-negative");
  expect_invalid(graph_of({{0, 1, 0}, {1, 0, 2}, {0, -0.5, 0}}), {}, "non-negative");
  expect_invalid(graph_of({{0, std::numeric_limits<double>::quiet_NaN()}, {1, 0}}), {}, "finite");
  expect_invalid(graph_of({{0, std::numeric_limits<double>::infinity()}, {1, 0}}), {}, "finite");
}

}  // namespace
}  // namespace precis

namespace precis {
namespace {

TEST(QueryRelevanceTest, Bm25MatchSpreadToTheNeighbours) {
  // Term 0 is the query's, in sentence 2 only (twice in 3); term 1 is everywhere.
  const TermMatrix terms = testing::matrix_of({{1}, {1, 2}, {0, 1}, {1}, {0, 0, 1}, {1}}, 3);
  const std::uint32_t query[] = {0};
  const QueryRelevance r = query_relevance(terms, query);
  const double idf = std::log(1.0 + (6 - 2 + 0.5) / (2 + 0.5));
  const double mean_length = 10.0 / 6.0;
  const auto bm25 = [&](double tf, double length) {
    return idf * idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * length / mean_length));
  };
  EXPECT_DOUBLE_EQ(r.match[2], bm25(1, 2));
  EXPECT_DOUBLE_EQ(r.match[4], bm25(2, 3));
  for (std::size_t i : {0u, 1u, 3u, 5u}) EXPECT_EQ(r.match[i], 0.0);
  // Each match reaches every sentence within 15, by 0.9 per step.
  EXPECT_DOUBLE_EQ(r.relevance[3], 0.9 * r.match[2] + 0.9 * r.match[4]);
  EXPECT_DOUBLE_EQ(r.relevance[0], 0.81 * r.match[2] + 0.9 * 0.9 * 0.9 * 0.9 * r.match[4]);
  EXPECT_GT(r.relevance[3], r.relevance[0]);
  // No query term in the text: nothing is relevant.
  const std::uint32_t absent[] = {2};
  const QueryRelevance none = query_relevance(testing::matrix_of({{0}, {1}}, 3), absent);
  EXPECT_EQ(none.match, (std::vector<double>{0.0, 0.0}));
  EXPECT_EQ(none.relevance, (std::vector<double>{0.0, 0.0}));
}

}  // namespace
}  // namespace precis
