"""precis on Dask (pip install 'precis[dask]'): summaries of a bag or a dataframe of documents.

>>> import dask.bag as db, precis.dask
>>> bag = db.from_sequence(texts, npartitions=8)
>>> precis.dask.summarize_bag(bag, sentences=3).compute()        # [{"summary": ..., ...}, ...]
>>> frame = precis.dask.summarize_frame(ddf, text="body", id="doc_id", sentences=3)

Each partition is one ``Summarizer.summarize_many`` call: one C++ batch with the GIL released,
never a Python call per document. The Summarizer travels to the workers by pickling (its options
as JSON), so a local cluster and a remote one (``Client("tcp://scheduler:8786")``) give the same
summaries as the same Summarizer at home. Results are plain data in input order, one row per
document, with the columns of ``COLUMNS``; a document that cannot be summarized (no text, text
over ``input.max_bytes``, lone surrogates under ``on_invalid_utf8="error"``) gets an empty summary
and its error in ``error``, and never stops the partition.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from precis import _core
from precis._api import Summarizer

if TYPE_CHECKING:  # the extra's packages are imported where they are used
    import dask.bag
    import dask.dataframe
    import pandas

# The fixed output schema, one row per document: column → (type, what it holds). The type is
# "str" or a list of "int", "float" or "str"; ``id`` comes first when the input has ids.
COLUMNS: dict[str, tuple[str, str]] = {
    "summary": ("str", "the chosen sentences joined by newlines (Summary.text)"),
    "indices": ("list[int]", "positions of the chosen sentences in the document"),
    "starts": ("list[int]", "code-point offset of each chosen sentence"),
    "ends": ("list[int]", "code-point offset after each chosen sentence"),
    "scores": ("list[float]", "score of each chosen sentence"),
    "language": ("str", "the language used (diagnostics.language)"),
    "warnings": ("list[str]", "diagnostics.warnings"),
    "keywords": ("list[str]", "the best keyphrases, best first (budget keywords=N; else empty)"),
    "error": ("str", "why the document has no summary ('' when it has one)"),
}


def summary_record(summary: _core.Summary) -> dict[str, Any]:
    """One Summary as a row of ``COLUMNS``."""
    chosen = summary.sentences
    return {
        "summary": summary.text,
        "indices": [s.index for s in chosen],
        "starts": [s.start for s in chosen],
        "ends": [s.end for s in chosen],
        "scores": [s.score for s in chosen],
        "language": summary.diagnostics.language,
        "warnings": list(summary.diagnostics.warnings),
        "keywords": [k.text for k in summary.keywords],
        "error": "",
    }


def error_record(message: str) -> dict[str, Any]:
    """The row of a document that could not be summarized: every column empty but ``error``."""
    row: dict[str, Any] = {name: "" if kind == "str" else [] for name, (kind, _) in COLUMNS.items()}
    row["error"] = message
    return row


def summarize_records(
    texts: Sequence[object], summarizer: Summarizer, budget: dict[str, Any], threads: int = 1
) -> list[dict[str, Any]]:
    """A row of ``COLUMNS`` per text, in order: one ``summarize_many`` batch over the texts, or,
    when the batch fails, one call per text so that only the bad ones carry an error."""

    def one(text: object) -> dict[str, Any]:
        if not isinstance(text, str):
            return error_record(f"no text (got {type(text).__name__})")
        try:
            return summary_record(summarizer.summarize(text, **budget))
        # UnicodeError: a str with lone surrogates (on_invalid_utf8="error")
        except (_core.SummarizerError, UnicodeError) as error:
            return error_record(f"{type(error).__name__}: {error}")

    strings = [t for t in texts if isinstance(t, str)]
    try:
        summaries = iter(summarizer.summarize_many(strings, workers=threads, **budget))
    except (_core.SummarizerError, UnicodeError):
        return [one(t) for t in texts]
    return [summary_record(next(summaries)) if isinstance(t, str) else one(t) for t in texts]


def checked_summarizer(summarizer: Summarizer | None, budget: dict[str, Any]) -> Summarizer:
    """The Summarizer to use; a bad budget or option raises here, before any task is sent."""
    summarizer = summarizer or Summarizer()
    if not isinstance(summarizer, Summarizer):
        raise TypeError(f"summarizer must be a precis.Summarizer, got {type(summarizer).__name__}")
    summarizer.summarize("", **budget)
    return summarizer


def _bag_partition(
    items: Iterable[object], summarizer: Summarizer, budget: dict[str, Any], threads: int
) -> list[dict[str, Any]]:
    items = list(items)
    has_ids = any(isinstance(item, dict) for item in items)
    texts = [item.get("text") if isinstance(item, dict) else item for item in items]
    rows = summarize_records(texts, summarizer, budget, threads)
    if not has_ids:
        return rows
    return [
        {"id": item.get("id") if isinstance(item, dict) else None, **row}
        for item, row in zip(items, rows)
    ]


def summarize_bag(
    bag: dask.bag.Bag, summarizer: Summarizer | None = None, *, threads: int = 1, **budget: Any
) -> dask.bag.Bag:
    """A bag of rows (dicts with the keys of ``COLUMNS``), one per item of ``bag``, in order.

    Items are texts, or dicts with ``text`` and ``id`` (the row then starts with that ``id``).
    ``budget``: sentences, ratio, words, chars, as for ``Summarizer.summarize``. ``threads``: the
    C++ threads of each partition's batch (1 leaves the cores to Dask's workers; 0: all cores).
    """
    summarizer = checked_summarizer(summarizer, budget)
    return bag.map_partitions(_bag_partition, summarizer, budget, threads)


def frame_meta(id_dtype: object = None) -> pandas.DataFrame:
    """The empty DataFrame that ``summarize_frame`` declares as its ``meta``."""
    import pandas

    columns: dict[str, Any] = {}
    if id_dtype is not None:
        columns["id"] = pandas.Series(dtype=id_dtype)
    for name, (kind, _) in COLUMNS.items():
        columns[name] = pandas.Series(dtype="str" if kind == "str" else object)
    return pandas.DataFrame(columns)


def _frame_partition(
    part: pandas.DataFrame,
    text: str,
    id_column: str | None,
    summarizer: Summarizer,
    budget: dict[str, Any],
    threads: int,
) -> pandas.DataFrame:
    import pandas

    texts = [t if isinstance(t, str) else None for t in part[text].tolist()]
    rows = summarize_records(texts, summarizer, budget, threads)
    meta = frame_meta(part[id_column].dtype if id_column else None)
    frame = pandas.DataFrame(rows, columns=list(COLUMNS), index=part.index)
    if id_column:
        frame.insert(0, "id", part[id_column])
    return frame.astype(meta.dtypes.to_dict())


def summarize_frame(
    frame: dask.dataframe.DataFrame,
    text: str = "text",
    *,
    id: str | None = None,
    summarizer: Summarizer | None = None,
    threads: int = 1,
    **budget: Any,
) -> dask.dataframe.DataFrame:
    """A Dask DataFrame of ``COLUMNS`` (after ``id``, the ``id`` column of ``frame``, when
    given), one row per row of ``frame``, with its index and partitions; the declared ``meta`` is
    ``frame_meta``. ``budget`` and ``threads`` as for ``summarize_bag``."""
    for column in (text, id):
        if column is not None and column not in frame.columns:
            raise KeyError(f"frame has no column {column!r} (columns: {list(frame.columns)})")
    summarizer = checked_summarizer(summarizer, budget)
    meta = frame_meta(frame[id].dtype if id else None)
    return frame.map_partitions(_frame_partition, text, id, summarizer, budget, threads, meta=meta)
