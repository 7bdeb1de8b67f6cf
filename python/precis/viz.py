"""Plots of a Summary: the similarity graph, the score profile, the similarity heat map.

Needs the ``viz`` extra (matplotlib, networkx, scipy): ``pip install 'precis[viz]'``. Each
function draws on ``ax`` (a matplotlib Axes; a new figure when None) and returns the Axes.
The summary must carry its source text (``summary.source``), as every Summary made by
``precis.summarize`` or a ``Summarizer`` does.

>>> import precis, precis.viz
>>> summary = precis.summarize(text)
>>> precis.viz.plot_scores(summary)
"""

from __future__ import annotations

from typing import Any

from precis import _core, _display

__all__ = ["plot_graph", "plot_scores", "plot_similarity"]

CHOSEN = "#c62828"
OTHER = "#90a4ae"


def _axes(ax: Any, what: str, size: tuple[float, float]) -> Any:
    if ax is not None:
        return ax
    pyplot = _display.require("matplotlib.pyplot", "viz", what)
    return pyplot.subplots(figsize=size)[1]


def plot_scores(summary: _core.Summary, *, ax: Any = None) -> Any:
    """The score of every sentence across the document; chosen sentences marked with their rank."""
    ax = _axes(ax, "plot_scores()", (10, 3))
    scores = list(summary.scores)
    positions = range(len(scores))
    ax.plot(positions, scores, color=OTHER, linewidth=1, zorder=1)
    ax.fill_between(positions, scores, color=OTHER, alpha=0.25, linewidth=0, zorder=0)
    chosen = summary.sentences
    ax.scatter(
        [s.index for s in chosen], [s.score for s in chosen], color=CHOSEN, zorder=2, label="chosen"
    )
    for s in chosen:
        ax.annotate(
            str(s.rank),
            (s.index, s.score),
            textcoords="offset points",
            xytext=(0, 6),
            ha="center",
            fontsize=8,
            color=CHOSEN,
        )
    if scores:
        ax.axhline(
            1 / len(scores), color="#546e7a", linestyle=":", linewidth=1, label="uniform score 1/n"
        )
    ax.set_xlabel("sentence (document order)")
    ax.set_ylabel("PageRank score")
    ax.set_title(f"Score profile: {len(chosen)} of {len(scores)} sentences chosen")
    ax.legend(loc="upper right", fontsize=8)
    ax.margins(x=0.01)
    return ax


def plot_similarity(summary: _core.Summary, *, ax: Any = None) -> Any:
    """The sentence-similarity matrix as a heat map; chosen sentences as ticks on both axes."""
    ax = _axes(ax, "plot_similarity()", (6, 5.4))
    matrix = summary.similarity().toarray()
    image = ax.imshow(matrix, cmap="magma_r", interpolation="nearest")
    ax.figure.colorbar(image, ax=ax, shrink=0.8, label="similarity")
    chosen = [s.index for s in summary.sentences]
    ax.set_xticks(chosen)
    ax.set_yticks(chosen)
    ax.tick_params(labelsize=7, colors=CHOSEN)
    ax.set_title("Sentence similarity (ticks: chosen sentences)")
    return ax


def plot_graph(summary: _core.Summary, *, ax: Any = None, seed: int = 0) -> Any:
    """The similarity graph: nodes sized by score, chosen sentences in red and labelled by rank,
    edges shaded by weight. Sentences linked to no other are left out (the title says how many).
    The layout is a seeded spring layout, so the picture is the same on every run."""
    networkx = _display.require("networkx", "viz", "plot_graph()")
    ax = _axes(ax, "plot_graph()", (8, 6))
    graph = summary.graph()
    isolated = [n for n in graph.nodes if graph.degree[n] == 0]
    graph.remove_nodes_from(isolated)
    ax.set_axis_off()
    ax.set_title(
        f"Similarity graph: {graph.number_of_nodes()} linked sentences "
        f"({len(isolated)} unlinked not shown), {graph.number_of_edges()} edges\n"
        "node size: score; red: chosen, labelled by rank"
    )
    if graph.number_of_nodes() == 0:
        return ax
    layout = networkx.spring_layout(
        graph, weight="weight", seed=seed, k=2.5 / graph.number_of_nodes() ** 0.5, iterations=100
    )
    top = max(summary.scores)
    weights = [graph.edges[e]["weight"] for e in graph.edges]
    heaviest = max(weights, default=1.0) or 1.0
    networkx.draw_networkx_edges(
        graph,
        layout,
        ax=ax,
        width=0.4,
        alpha=[0.03 + 0.4 * w / heaviest for w in weights],
        edge_color="#607d8b",
    )
    for chosen in (False, True):  # chosen sentences drawn last, on top
        nodes = [n for n in graph.nodes if graph.nodes[n]["chosen"] == chosen]
        networkx.draw_networkx_nodes(
            graph,
            layout,
            nodelist=nodes,
            ax=ax,
            node_size=[20 + 500 * graph.nodes[n]["score"] / top for n in nodes],
            node_color=CHOSEN if chosen else OTHER,
            linewidths=0.6,
            edgecolors="white",
        )
    labels = {n: str(graph.nodes[n]["rank"]) for n in graph.nodes if graph.nodes[n]["chosen"]}
    networkx.draw_networkx_labels(
        graph, layout, labels=labels, ax=ax, font_size=8, font_color="white", font_weight="bold"
    )
    return ax
