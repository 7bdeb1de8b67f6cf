"""The rich display, tables, graphs, plots and progress bars of the Python layer.

Rendering in a real browser is tested in test_browser.py; here the HTML and Markdown are checked
as text, and the optional extras (pandas, scipy, networkx, matplotlib, tqdm) against the engine.
"""

from __future__ import annotations

import html
import pickle
import re
import subprocess
import sys

import matplotlib
import networkx
import pandas
import pytest
import scipy.sparse
from IPython.lib.pretty import pretty

import precis
import precis.viz

matplotlib.use("Agg")

HOSTILE = (
    "Cats & dogs <script>alert('x')</script> share the garden with cats. "
    "The weather was cold. "
    "Cats & dogs | chase cats in the garden *daily*. "
    "Nothing else happened."
)


@pytest.fixture(scope="module")
def hostile() -> precis.Summary:
    return precis.summarize(HOSTILE, sentences=2)


def marks(page: str) -> list[tuple[int, int]]:
    return [
        (int(i), int(r))
        for i, r in re.findall(
            r'<mark class="precis-chosen" data-index="(\d+)" data-rank="(\d+)"', page
        )
    ]


# ------------------------------------------------------------------------------------------------
# Source text


def test_summary_keeps_its_source(sample_text: str, summarizer: precis.Summarizer) -> None:
    assert precis.summarize(sample_text).source is sample_text
    assert summarizer.summarize(sample_text).source is sample_text
    many = precis.summarize_many([sample_text, "One. Two."], sentences=1)
    assert many[0].source is sample_text and many[1].source == "One. Two."


def test_source_is_checked_and_optional(sample_summary: precis.Summary, sample_text: str) -> None:
    restored = precis.Summary.from_json(sample_summary.to_json())
    assert restored.source is None and restored == sample_summary
    with pytest.raises(ValueError, match="not the text this summary was made from"):
        restored.source = sample_text[1:]
    with pytest.raises(ValueError, match="not the text"):
        restored.source = "short"
    restored.source = sample_text
    assert restored.source == sample_text
    restored.source = None
    assert restored.source is None


def test_pickle_keeps_source(sample_summary: precis.Summary, sample_text: str) -> None:
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        copy = pickle.loads(pickle.dumps(sample_summary, protocol=protocol))
        assert copy == sample_summary and copy.source == sample_text


# ------------------------------------------------------------------------------------------------
# HTML


def test_html_highlights_chosen_sentences(sample_summary: precis.Summary) -> None:
    page = sample_summary._repr_html_()
    assert marks(page) == [(s.index, s.rank) for s in sample_summary.sentences]
    sentences = re.findall(r'class="precis-sentence" data-index="(\d+)"', page)
    assert len(sentences) + len(sample_summary) == sample_summary.diagnostics.sentence_count
    for s in sample_summary.sentences:
        assert html.escape(s.text) in page
    assert f"<b>{len(sample_summary)}</b> of {sample_summary.diagnostics.sentence_count}" in page


def test_html_collapses_long_documents(sample_summary: precis.Summary) -> None:
    page = sample_summary._repr_html_()
    folded = re.findall(r"<details class=\"precis-collapsed\".*?</details>", page, re.S)
    assert folded, "a 200-sentence document is collapsed"
    hidden = {int(i) for part in folded for i in re.findall(r'data-index="(\d+)"', part)}
    chosen = {s.index for s in sample_summary.sentences}
    assert not hidden & chosen
    shown = set(range(sample_summary.diagnostics.sentence_count)) - hidden
    assert all(chosen & {i - 1, i, i + 1} for i in shown), "only chosen sentences and neighbours"
    assert len(hidden) > 150


def test_html_short_document_is_whole(hostile: precis.Summary) -> None:
    page = hostile._repr_html_()
    assert "<details" not in page
    assert len(re.findall(r'data-index="\d+"', page.split("<table")[0])) == 4


def test_html_escapes_text(hostile: precis.Summary) -> None:
    page = hostile._repr_html_()
    assert "<script>" not in page and "</script>" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "Cats &amp; dogs" in page and "Cats & dogs" not in page


def test_html_without_source(sample_summary: precis.Summary) -> None:
    page = precis.Summary.from_json(sample_summary.to_json())._repr_html_()
    assert "summary.source = text" in page and "precis-document" not in page
    assert "precis-table" in page


def test_html_of_empty_summary() -> None:
    page = precis.summarize("")._repr_html_()
    assert "empty_input" in page and "precis-table" not in page


def test_sentences_and_tokens_display() -> None:
    text = "Tom & Jerry <b>ran</b>. They stopped."
    found = precis.sentences(text)
    assert isinstance(found, list) and isinstance(found[:1], precis.Sentences)
    assert [(s.start, s.end, s.text) for s in found] == [
        (s.start, s.end, s.text) for s in precis.Segmenter().split_sentences(text)
    ]
    page = found._repr_html_()
    assert "<b>ran</b>" not in page and "Tom &amp; Jerry &lt;b&gt;ran&lt;/b&gt;." in page
    assert re.findall(r'<li value="(\d+)".*?<code[^>]*>(\d+)–(\d+)</code>', page) == [
        (str(s.index), str(s.start), str(s.end)) for s in found
    ]
    assert (
        found._repr_markdown_().splitlines()[2]
        == "0. `0–23` Tom &amp; Jerry &lt;b&gt;ran&lt;/b&gt;."
    )
    assert "(number)" in precis.tokens("Route 66")._repr_html_()


# ------------------------------------------------------------------------------------------------
# Markdown and terminal


def test_markdown_table(hostile: precis.Summary) -> None:
    text = hostile._repr_markdown_()
    rows = [line for line in text.splitlines() if line.startswith("| ") and line[2].isdigit()]
    assert [int(r.split("|")[1]) for r in rows] == sorted(s.rank for s in hostile.sentences)
    assert "<script>" not in text
    piped = [s for s in hostile.sentences if "|" in s.text]
    assert piped, "the test needs a chosen sentence with a pipe"
    assert all(len(r.split(" | ")) == 5 for r in rows), "pipes in text are escaped"


def test_terminal_display(sample_summary: precis.Summary) -> None:
    text = pretty(sample_summary)
    lines = text.splitlines()
    n = sample_summary.diagnostics.sentence_count
    assert lines[0] == f"Summary: 5 of {n} sentences (language en, textrank)"
    assert len(lines) == 2 + len(sample_summary)
    for line, s in zip(lines[2:], sample_summary.sentences):
        assert line.split()[:3] == [str(s.rank), f"{s.score:.4f}", str(s.index)]
    assert repr(sample_summary).startswith(f"Summary(5 of {n} sentences")


# ------------------------------------------------------------------------------------------------
# Tables, analysis and graphs


def test_to_pandas(sample_summary: precis.Summary, sample_text: str) -> None:
    frame = sample_summary.to_pandas()
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame.columns) == ["start", "end", "text", "score", "rank", "chosen"]
    assert frame.index.name == "index" and len(frame) == sample_summary.diagnostics.sentence_count
    assert sorted(frame["rank"]) == list(range(1, len(frame) + 1))
    assert list(frame.score) == sample_summary.scores
    for row in frame.itertuples():
        assert sample_text[row.start : row.end] == row.text
    chosen = frame[frame.chosen]
    assert [(i, r.start, r.end, r.text, r.score, r["rank"]) for i, r in chosen.iterrows()] == [
        (s.index, s.start, s.end, s.text, s.score, s.rank) for s in sample_summary.sentences
    ]
    with pytest.raises(ValueError, match=r"summary\.source = text"):
        precis.Summary.from_json(sample_summary.to_json()).to_pandas()


def test_analyze_agrees_with_summarize(sample_text: str, sample_summary: precis.Summary) -> None:
    analysis = precis.analyze(sample_text)
    assert analysis.scores == sample_summary.scores
    assert analysis.diagnostics == sample_summary.diagnostics
    assert [(s.start, s.end) for s in analysis.sentences] == [
        (s.start, s.end) for s in precis.sentences(sample_text)
    ]
    assert len(analysis.vocabulary) == sample_summary.diagnostics.term_count
    assert all(0 <= t < len(analysis.vocabulary) for terms in analysis.terms for t in terms)
    indptr, indices, weights = analysis.graph_csr
    assert indptr.typecode == "i" and weights.typecode == "d"
    assert len(indptr) == len(analysis.sentences) + 1 and indptr[-1] == len(indices) == len(weights)
    assert len(weights) == 2 * analysis.diagnostics.edge_count


def test_similarity_matrix(sample_summary: precis.Summary) -> None:
    matrix = sample_summary.similarity()
    n = sample_summary.diagnostics.sentence_count
    assert scipy.sparse.issparse(matrix) and matrix.shape == (n, n)
    assert matrix.nnz == 2 * sample_summary.diagnostics.edge_count
    assert abs(matrix - matrix.T).max() == 0 and matrix.diagonal().max() == 0
    assert matrix.min() >= 0


def test_graph(sample_summary: precis.Summary) -> None:
    graph = sample_summary.graph()
    assert isinstance(graph, networkx.Graph)
    assert graph.number_of_nodes() == sample_summary.diagnostics.sentence_count
    assert graph.number_of_edges() == sample_summary.diagnostics.edge_count
    assert {n for n, chosen in graph.nodes(data="chosen") if chosen} == {
        s.index for s in sample_summary.sentences
    }
    assert [graph.nodes[n]["score"] for n in sorted(graph.nodes)] == sample_summary.scores
    matrix = sample_summary.similarity()
    for a, b, weight in list(graph.edges(data="weight"))[:50]:
        assert matrix[a, b] == weight


def test_graph_needs_the_right_source(sample_summary: precis.Summary, sample_text: str) -> None:
    # A source that matches the chosen sentences but not the rest of the document.
    restored = precis.Summary.from_json(sample_summary.to_json())
    end = sample_summary.sentences[-1].end
    restored.source = sample_text[:end]
    with pytest.raises(ValueError, match="does not give this summary's scores"):
        restored.graph()


@pytest.mark.parametrize(
    "plot", [precis.viz.plot_scores, precis.viz.plot_similarity, precis.viz.plot_graph]
)
def test_plots(plot: object, sample_summary: precis.Summary) -> None:
    import matplotlib.pyplot as plt

    ax = plot(sample_summary)  # type: ignore[operator]
    try:
        assert ax.get_title()
        assert ax.get_children()
    finally:
        plt.close(ax.figure)


def test_plot_scores_marks_chosen(sample_summary: precis.Summary) -> None:
    import matplotlib.pyplot as plt

    ax = precis.viz.plot_scores(sample_summary)
    try:
        offsets = ax.collections[-1].get_offsets()
        assert [(int(x), y) for x, y in offsets] == [
            (s.index, s.score) for s in sample_summary.sentences
        ]
    finally:
        plt.close(ax.figure)


# ------------------------------------------------------------------------------------------------
# Progress


def test_progress_bar(capsys: pytest.CaptureFixture[str], sample_text: str) -> None:
    texts = [sample_text[: 2000 + 500 * i] for i in range(30)]
    plain = precis.summarize_many(texts, sentences=2)
    capsys.readouterr()
    shown = precis.summarize_many(texts, sentences=2, progress=True, workers=2)
    err = capsys.readouterr().err
    assert shown == plain and [s.source for s in shown] == texts
    assert "30/30" in err and "summarize" in err
    assert precis.Summarizer().summarize_many(iter(texts), sentences=2, progress=False) == plain
    assert capsys.readouterr().err == ""


# ------------------------------------------------------------------------------------------------
# Optional dependencies


@pytest.mark.parametrize(
    ("module", "extra", "call"),
    [
        ("pandas", "pandas", lambda s: s.to_pandas()),
        ("scipy.sparse", "viz", lambda s: s.similarity()),
        ("networkx", "viz", lambda s: s.graph()),
        ("matplotlib.pyplot", "viz", lambda s: precis.viz.plot_scores(s)),
        ("tqdm.auto", "progress", lambda s: precis.summarize_many([s.source], progress=True)),
    ],
)
def test_missing_extra_names_it(
    monkeypatch: pytest.MonkeyPatch,
    sample_summary: precis.Summary,
    module: str,
    extra: str,
    call: object,
) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # import raises ImportError
    with pytest.raises(ImportError, match=re.escape(f"pip install 'precis[{extra}]'")):
        call(sample_summary)  # type: ignore[operator]


def test_import_precis_needs_no_extra() -> None:
    heavy = ["numpy", "pandas", "scipy", "matplotlib", "networkx", "tqdm"]
    code = (
        "import sys, precis, precis.viz; s = precis.summarize('One cat. Two cats. A dog.');"
        "s._repr_html_(); s._repr_markdown_(); precis.sentences('A. B.')._repr_html_();"
        f"print([m for m in {heavy!r} if m in sys.modules])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
