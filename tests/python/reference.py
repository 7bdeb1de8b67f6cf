"""A slow, obviously-correct TextRank in pure Python (no numpy): the oracle for test_reference.py.

It follows the contracts in cpp/include/precis/ and shares no code with the engine:

- options.hpp, Similarity::kTextRank (Mihalcea & Tarau 2004): the weight of sentences i and j is
  |distinct terms shared| / (log|S_i| + log|S_j|), where |S_i| counts the terms of sentence i
  with repeats (graph.hpp: the term lists keep repeats); when the denominator is 0 (both
  sentences have one term) it is replaced by 1. Pairs sharing no term have no edge, and an edge
  lighter than min_edge_weight is dropped. The graph is symmetric with a zero diagonal.
- rank.hpp, pagerank():
      s' = (1 - d)/n + d * (W^T D^-1 s + (sum of s_i over dangling i) / n)
  with D the row sums of W; a dangling node (row sum 0) spreads its score uniformly. The
  iteration starts from the uniform vector and stops when ||s' - s||_1 < tolerance or after
  max_iterations; the result is divided by its sum. An empty graph gives no scores.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

Graph = list[dict[int, float]]  # row i: {j: weight of the edge i-j}


def textrank_graph(sentence_terms: Sequence[Sequence[str]], min_edge_weight: float = 0.0) -> Graph:
    """The Mihalcea–Tarau similarity graph, as adjacency dicts, by brute force over all pairs."""
    n = len(sentence_terms)
    distinct = [set(terms) for terms in sentence_terms]
    graph: Graph = [{} for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            shared = len(distinct[i] & distinct[j])
            if shared == 0:
                continue
            denominator = math.log(len(sentence_terms[i])) + math.log(len(sentence_terms[j]))
            if denominator == 0:
                denominator = 1.0
            weight = shared / denominator
            if weight > 0 and weight >= min_edge_weight:
                graph[i][j] = weight
                graph[j][i] = weight
    return graph


def edge_count(graph: Graph) -> int:
    return sum(len(row) for row in graph) // 2


@dataclass(frozen=True)
class RankResult:
    scores: list[float]
    iterations: int
    converged: bool
    residual: float


def pagerank(
    graph: Graph, *, damping: float = 0.85, tolerance: float = 1e-6, max_iterations: int = 100
) -> RankResult:
    """Weighted PageRank by power iteration, exactly as documented in rank.hpp."""
    n = len(graph)
    if n == 0:
        return RankResult(scores=[], iterations=0, converged=True, residual=0.0)
    out_weight = [sum(row.values()) for row in graph]
    scores = [1.0 / n] * n
    iterations = 0
    converged = False
    residual = 0.0
    for iteration in range(1, max_iterations + 1):
        dangling = sum(scores[i] for i in range(n) if out_weight[i] == 0)
        incoming = [0.0] * n
        for i, row in enumerate(graph):
            if out_weight[i] == 0:
                continue
            for j, weight in row.items():
                incoming[j] += weight / out_weight[i] * scores[i]
        teleport = (1.0 - damping) / n + damping * dangling / n
        new_scores = [teleport + damping * value for value in incoming]
        residual = sum(abs(new - old) for new, old in zip(new_scores, scores))
        scores = new_scores
        iterations = iteration
        if residual < tolerance:
            converged = True
            break
    total = sum(scores)
    return RankResult(
        scores=[value / total for value in scores],
        iterations=iterations,
        converged=converged,
        residual=residual,
    )


def textrank(
    sentence_terms: Sequence[Sequence[str]],
    *,
    damping: float = 0.85,
    tolerance: float = 1e-6,
    max_iterations: int = 100,
    min_edge_weight: float = 0.0,
) -> RankResult:
    """Scores of every sentence from its list of terms."""
    graph = textrank_graph(sentence_terms, min_edge_weight)
    return pagerank(graph, damping=damping, tolerance=tolerance, max_iterations=max_iterations)
