"""How results look: Jupyter's rich display (HTML, Markdown), IPython's terminal display, tables.

Summary methods in the binding (``_repr_html_``, ``to_pandas``, ``graph``...) call the functions
here. Nothing here imports more than the standard library at import time: pandas, scipy and
networkx are imported when a function needs them, and a missing one raises an ImportError that
names the extra to install.

The document text: a Summary holds offsets, not the text. ``Summary.source`` is a reference to
the str that was summarized (set by ``Summarizer.summarize``; assign it yourself to a Summary read
from JSON). All sentence spans are recomputed from it with the summary's own options, which is
deterministic, so they are the spans the scores belong to.
"""

from __future__ import annotations

import html
import importlib
from typing import Any, SupportsIndex, TypeVar, overload

from precis import _core

# Documents with more sentences than this are shown collapsed around the chosen sentences.
COLLAPSE_ABOVE = 40
# Sentences shown on either side of a chosen sentence when collapsed.
CONTEXT = 1


def require(module: str, extra: str, what: str) -> Any:
    """Imports an optional dependency, or raises ImportError naming the extra that provides it."""
    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise ImportError(
            f"{what} needs {module}, which is not installed: pip install 'precis[{extra}]'"
        ) from error


# ------------------------------------------------------------------------------------------------
# The document behind a Summary


def _source(summary: _core.Summary, what: str) -> str:
    source = summary.source
    if source is None:
        raise ValueError(
            f"{what} needs the document text, and this Summary has none (it was read from JSON?): "
            "set summary.source = text first"
        )
    return source


def analysis(summary: _core.Summary, what: str = "this") -> _core.Analysis:
    """The pipeline's intermediate results for the summary's source, with the summary's options."""
    source = _source(summary, what)
    from precis import _api  # _api imports this module

    result = _api.summarizer_for(options=summary.options).analyze(source)
    if result.scores != summary.scores:
        raise ValueError(f"{what}: summary.source does not give this summary's scores")
    return result


def document_sentences(summary: _core.Summary, what: str = "this") -> list[_core.Sentence]:
    """Every sentence of the summary's source; one per score."""
    return analysis(summary, what).sentences


# ------------------------------------------------------------------------------------------------
# Summary: HTML

_FONT = "font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; line-height: 1.65;"
_BADGE = (
    "display: inline-block; min-width: 1.3em; margin-right: 0.3em; padding: 0 0.35em;"
    " border-radius: 0.8em; background: #c62828; color: #fff; font-size: 0.72em;"
    " font-weight: 600; text-align: center; line-height: 1.45; vertical-align: 0.12em;"
)
_CELL = "padding: 0.15em 0.6em; text-align: left; vertical-align: top;"


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _header(summary: _core.Summary) -> str:
    d = summary.diagnostics
    parts = [
        f"<b>{len(summary)}</b> of {d.sentence_count} sentences",
        f"language <code>{_e(d.language)}</code>",
        f"similarity <code>{_e(summary.options.graph.similarity)}</code>",
        f"PageRank {'converged' if d.converged else 'did not converge'} in {d.iterations} iterations",
    ]
    if d.warnings:
        parts.append("warnings: " + ", ".join(f"<code>{_e(w)}</code>" for w in d.warnings))
    return (
        '<div class="precis-header" style="margin-bottom: 0.5em; font-size: 0.9em;">'
        "<b>precis Summary</b> · " + " · ".join(parts) + "</div>"
    )


def _table(summary: _core.Summary) -> str:
    head = "".join(
        f'<th style="{_CELL}">{name}</th>' for name in ("rank", "score", "#", "offsets", "sentence")
    )
    rows = []
    for s in sorted(summary.sentences, key=lambda s: s.rank):
        rows.append(
            f'<tr class="precis-row" data-index="{s.index}">'
            f'<td style="{_CELL}"><span class="precis-badge" style="{_BADGE}">{s.rank}</span></td>'
            f'<td style="{_CELL}">{s.score:.4f}</td><td style="{_CELL}">{s.index}</td>'
            f'<td style="{_CELL} white-space: nowrap;">{s.start}–{s.end}</td>'
            f'<td style="{_CELL}">{_e(_shorten(s.text, 140))}</td></tr>'
        )
    return (
        '<table class="precis-table" style="margin-top: 0.8em; border-collapse: collapse;'
        ' font-size: 0.85em;">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _shade(score: float, top: float) -> str:
    """A background whose strength follows the score (transparent for the lowest)."""
    alpha = 0.06 + 0.3 * (score / top) if top > 0 else 0.0
    return f"background: rgba(255, 152, 0, {alpha:.3f});"


def _visible(count: int, chosen: set[int]) -> list[bool]:
    if count <= COLLAPSE_ABOVE:
        return [True] * count
    shown = [False] * count
    for i in chosen:
        for j in range(max(0, i - CONTEXT), min(count, i + CONTEXT + 1)):
            shown[j] = True
    return shown


def _document(summary: _core.Summary, source: str) -> str:
    spans = document_sentences(summary, "the rich display")
    marks = _keyphrase_marks(summary.keywords)
    chosen = {s.index: s for s in summary.sentences}
    top = max(summary.scores, default=0.0)
    all_ranks = _core.sentence_ranks(summary.scores)
    shown = _visible(len(spans), set(chosen))

    def sentence(i: int) -> str:
        span = spans[i]
        score = summary.scores[i]
        tip = _e(f"sentence {i} · score {score:.4f} · rank {all_ranks[i]}")
        body = _marked(source, span.start, span.end, marks)
        if i in chosen:
            return (
                f'<mark class="precis-chosen" data-index="{i}" data-rank="{chosen[i].rank}" '
                f'title="{tip}" style="background: #ffd54f; color: #1a1a1a; padding: 0.05em 0.15em;'
                f' border-radius: 0.2em; box-shadow: inset 0 -0.12em 0 #f9a825;">'
                f'<span class="precis-badge" style="{_BADGE}">{chosen[i].rank}</span>{body}</mark>'
            )
        return (
            f'<span class="precis-sentence" data-index="{i}" title="{tip}" '
            f'style="{_shade(score, top)} border-radius: 0.2em;">{body}</span>'
        )

    out: list[str] = [_e(source[: spans[0].start]) if spans else _e(source)]
    i = 0
    while i < len(spans):
        if shown[i]:
            out.append(sentence(i))
            end = spans[i + 1].start if i + 1 < len(spans) else len(source)
            out.append(_e(source[spans[i].end : end]))
            i += 1
            continue
        j = i
        while j < len(spans) and not shown[j]:
            j += 1
        hidden = []
        for k in range(i, j):
            end = spans[k + 1].start if k + 1 < len(spans) else len(source)
            hidden.append(sentence(k) + _e(source[spans[k].end : end]))
        label = f"{j - i} sentence{'s' if j - i > 1 else ''} ({i}–{j - 1}) not chosen"
        out.append(
            '<details class="precis-collapsed" style="display: block; margin: 0.1em 0;">'
            '<summary style="cursor: pointer; opacity: 0.65; font-size: 0.85em;">'
            f"[… {label} …]</summary>{''.join(hidden)}</details>"
        )
        i = j
    return (
        '<div class="precis-document" style="white-space: pre-wrap; max-height: 36em;'
        " overflow-y: auto; padding: 0.4em 0.8em; border-left: 3px solid #ffb300;"
        f'">{"".join(out).strip()}</div>'
    )


def summary_html(summary: _core.Summary) -> str:
    source = summary.source
    if source is None:
        body = (
            '<div class="precis-note" style="font-size: 0.85em; opacity: 0.75;">The document text'
            " is not attached to this Summary: set <code>summary.source = text</code> to see it"
            " highlighted.</div>"
        )
    else:
        body = _document(summary, source)
    return (
        f'<div class="precis-summary" style="{_FONT} max-width: 72em;">'
        f"{_header(summary)}{body}{_table(summary) if len(summary) else ''}"
        f"{_keyphrase_table(summary.keywords) if summary.keywords else ''}</div>"
    )


# ------------------------------------------------------------------------------------------------
# Summary: Markdown and plain text


def _md_cell(text: str) -> str:
    return html.escape(" ".join(text.split()), quote=False).replace("|", "\\|")


def summary_markdown(summary: _core.Summary) -> str:
    d = summary.diagnostics
    lines = [
        f"**precis Summary**: {len(summary)} of {d.sentence_count} sentences, "
        f"language `{d.language}`, similarity `{summary.options.graph.similarity}`",
        "",
        "| rank | score | # | offsets | sentence |",
        "|---:|---:|---:|---|---|",
    ]
    for s in sorted(summary.sentences, key=lambda s: s.rank):
        lines.append(
            f"| {s.rank} | {s.score:.4f} | {s.index} | {s.start}–{s.end} | "
            f"{_md_cell(_shorten(s.text, 160))} |"
        )
    if summary.keywords:
        lines += ["", f"Keyphrases: {_md_cell('; '.join(k.text for k in summary.keywords))}"]
    return "\n".join(lines)


def summary_text(summary: _core.Summary) -> str:
    d = summary.diagnostics
    lines = [
        f"Summary: {len(summary)} of {d.sentence_count} sentences "
        f"(language {d.language}, {summary.options.graph.similarity})"
    ]
    if d.warnings:
        lines.append("  warnings: " + ", ".join(d.warnings))
    lines.append(f"  {'rank':>4}  {'score':>6}  {'#':>5}  sentence")
    for s in summary.sentences:
        lines.append(f"  {s.rank:>4}  {s.score:.4f}  {s.index:>5}  {_shorten(s.text, 90)}")
    if summary.keywords:
        lines.append("  keyphrases: " + "; ".join(k.text for k in summary.keywords))
    return "\n".join(lines)


# ------------------------------------------------------------------------------------------------
# Summary: tables and graphs


def summary_frame(summary: _core.Summary) -> Any:
    pandas = require("pandas", "pandas", "Summary.to_pandas()")
    source = _source(summary, "Summary.to_pandas()")
    spans = document_sentences(summary, "Summary.to_pandas()")
    chosen = {s.index for s in summary.sentences}
    all_ranks = _core.sentence_ranks(summary.scores)
    return pandas.DataFrame(
        {
            "index": [s.index for s in spans],
            "start": [s.start for s in spans],
            "end": [s.end for s in spans],
            "text": [source[s.start : s.end] for s in spans],
            "score": list(summary.scores),
            "rank": all_ranks,
            "chosen": [s.index in chosen for s in spans],
        }
    ).set_index("index")


def csr_matrix(result: _core.Analysis) -> Any:
    sparse = require("scipy.sparse", "viz", "the similarity matrix")
    indptr, indices, weights = result.graph_csr
    n = len(result.sentences)
    return sparse.csr_array((weights, indices, indptr), shape=(n, n))


def summary_similarity(summary: _core.Summary) -> Any:
    require("scipy.sparse", "viz", "Summary.similarity()")
    return csr_matrix(analysis(summary, "Summary.similarity()"))


def summary_graph(summary: _core.Summary) -> Any:
    networkx = require("networkx", "viz", "Summary.graph()")
    result = analysis(summary, "Summary.graph()")
    chosen = {s.index for s in summary.sentences}
    all_ranks = _core.sentence_ranks(summary.scores)
    graph = networkx.Graph()
    for s in result.sentences:
        graph.add_node(
            s.index,
            score=summary.scores[s.index],
            rank=all_ranks[s.index],
            chosen=s.index in chosen,
            text=s.text,
            start=s.start,
            end=s.end,
        )
    indptr, indices, weights = result.graph_csr
    for row in range(len(result.sentences)):
        for k in range(indptr[row], indptr[row + 1]):
            if indices[k] > row:
                graph.add_edge(row, indices[k], weight=weights[k])
    return graph


# ------------------------------------------------------------------------------------------------
# Segmentation results: numbered lists with offsets

T = TypeVar("T", _core.Sentence, _core.Token)
S = TypeVar("S", bound="_Spans[Any]")


class _Spans(list[T]):
    """A list of spans that displays as a numbered list with offsets in Jupyter."""

    _noun = "span"

    @overload
    def __getitem__(self, i: SupportsIndex) -> T: ...
    @overload
    def __getitem__(self: S, i: slice) -> S: ...
    def __getitem__(self, i: SupportsIndex | slice) -> Any:
        """An item, or for a slice a list of the same kind (so ``sentences[:5]`` displays too)."""
        result: Any = super().__getitem__(i)
        return type(self)(result) if isinstance(i, slice) else result

    def _label(self, item: T) -> str:
        return ""

    def _repr_html_(self) -> str:
        items = "".join(
            f'<li value="{n}" style="margin: 0.1em 0;"><code style="opacity: 0.7;">'
            f"{item.start}–{item.end}</code>{self._label(item)} {_e(item.text)}</li>"
            for n, item in enumerate(self)
        )
        count = f"{len(self)} {self._noun}{'' if len(self) == 1 else 's'}"
        return (
            f'<div class="precis-spans" style="{_FONT}"><div style="font-size: 0.9em;">'
            f'<b>{count}</b></div><ol start="0" style="margin: 0.2em 0;">{items}</ol></div>'
        )

    def _repr_markdown_(self) -> str:
        count = f"**{len(self)} {self._noun}{'' if len(self) == 1 else 's'}**"
        lines: list[str] = [
            f"{n}. `{item.start}–{item.end}` {_md_cell(item.text)}" for n, item in enumerate(self)
        ]
        return "\n".join([count, "", *lines])


class Sentences(_Spans[_core.Sentence]):
    """The sentences of a text (a list of Sentence); displays as a numbered list with offsets."""

    _noun = "sentence"

    def _label(self, item: _core.Sentence) -> str:
        return "" if item.terminated else ' <i style="opacity: 0.6;">(unterminated)</i>'


class Tokens(_Spans[_core.Token]):
    """The tokens of a text (a list of Token); displays as a numbered list with offsets."""

    _noun = "token"

    def _label(self, item: _core.Token) -> str:
        return "" if item.kind == "word" else f' <i style="opacity: 0.6;">({_e(item.kind)})</i>'


# ------------------------------------------------------------------------------------------------
# Keyphrases: a table, and the document with every occurrence highlighted

_KEYPHRASE = "background: #b3e5fc; color: #1a1a1a; border-radius: 0.2em; padding: 0 0.1em;"


def _keyphrase_marks(keyphrases: list[_core.Keyphrase]) -> list[tuple[int, int, int]]:
    """(start, end, rank) of every occurrence, in text order, without overlaps: where two
    overlap, the one that starts first stays (the longer one, then the better ranked, on ties)."""
    spans = sorted(
        (o.start, -o.end, rank) for rank, k in enumerate(keyphrases, 1) for o in k.occurrences
    )
    marks: list[tuple[int, int, int]] = []
    for start, negative_end, rank in spans:
        if not marks or start >= marks[-1][1]:
            marks.append((start, -negative_end, rank))
    return marks


def _marked(source: str, start: int, end: int, marks: list[tuple[int, int, int]]) -> str:
    """source[start:end], escaped, with the keyphrase occurrences inside it highlighted."""
    out: list[str] = []
    at = start
    for mark_start, mark_end, rank in marks:
        if mark_start < at or mark_end > end:
            continue
        out.append(_e(source[at:mark_start]))
        out.append(
            f'<mark class="precis-keyphrase" data-rank="{rank}" title="keyphrase {rank}" '
            f'style="{_KEYPHRASE}">{_e(source[mark_start:mark_end])}</mark>'
        )
        at = mark_end
    out.append(_e(source[at:end]))
    return "".join(out)


def _keyphrase_table(keyphrases: list[_core.Keyphrase]) -> str:
    head = "".join(
        f'<th style="{_CELL}">{name}</th>'
        for name in ("rank", "keyphrase", "score", "occurrences", "first at")
    )
    rows = "".join(
        f'<tr class="precis-keyphrase-row"><td style="{_CELL}">{rank}</td>'
        f'<td style="{_CELL}"><span style="{_KEYPHRASE}">{_e(k.text)}</span></td>'
        f'<td style="{_CELL}">{k.score:.4f}</td><td style="{_CELL}">{len(k.occurrences)}</td>'
        f'<td style="{_CELL}">{k.occurrences[0].start if k.occurrences else ""}</td></tr>'
        for rank, k in enumerate(keyphrases, 1)
    )
    return (
        '<table class="precis-keyphrases" style="margin-top: 0.8em; border-collapse: collapse;'
        f' font-size: 0.85em;"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
    )


def keyphrases_html(keyphrases: list[_core.Keyphrase], source: str | None) -> str:
    count = f"{len(keyphrases)} keyphrase{'' if len(keyphrases) == 1 else 's'}"
    document = ""
    if source is not None:
        document = (
            '<div class="precis-document" style="white-space: pre-wrap; max-height: 24em;'
            " overflow-y: auto; padding: 0.4em 0.8em; border-left: 3px solid #4fc3f7;"
            f' margin-top: 0.5em;">{_marked(source, 0, len(source), _keyphrase_marks(keyphrases))}</div>'
        )
    return (
        f'<div class="precis-keyphrases-view" style="{_FONT} max-width: 72em;">'
        f'<div style="font-size: 0.9em;"><b>precis Keyphrases</b> · {count}</div>'
        f"{_keyphrase_table(keyphrases)}{document}</div>"
    )


def keyphrases_markdown(keyphrases: list[_core.Keyphrase]) -> str:
    lines = [
        f"**precis Keyphrases**: {len(keyphrases)}",
        "",
        "| rank | keyphrase | score | occurrences |",
        "|---:|---|---:|---:|",
    ]
    for rank, k in enumerate(keyphrases, 1):
        lines.append(f"| {rank} | {_md_cell(k.text)} | {k.score:.4f} | {len(k.occurrences)} |")
    return "\n".join(lines)


class Keyphrases(list[_core.Keyphrase]):
    """The keyphrases of a text, best first (a list of Keyphrase). ``source`` is the text they
    were found in. Jupyter displays them as a table and the document with each occurrence
    highlighted; ``to_pandas()`` gives one row per keyphrase."""

    def __init__(self, items: list[_core.Keyphrase] = (), source: str | None = None) -> None:  # type: ignore[assignment]
        super().__init__(items)
        self.source = source

    def _repr_html_(self) -> str:
        return keyphrases_html(list(self), self.source)

    def _repr_markdown_(self) -> str:
        return keyphrases_markdown(list(self))

    def to_pandas(self) -> Any:
        pandas = require("pandas", "pandas", "Keyphrases.to_pandas()")
        return pandas.DataFrame(
            {
                "text": [k.text for k in self],
                "score": [k.score for k in self],
                "normalized": [k.normalized for k in self],
                "occurrences": [len(k.occurrences) for k in self],
                "first": [k.occurrences[0].start if k.occurrences else -1 for k in self],
            }
        ).rename_axis("rank")
