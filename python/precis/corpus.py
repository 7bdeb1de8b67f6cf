"""``precis corpus``: a corpus summarized on Dask into a Parquet dataset, streamed and resumable.

The input (JSON lines, a folder of .txt files, or Parquet) is read as a stream and cut into
partitions of ``partition_size`` documents, in input order: partition k holds documents
k·size … (k+1)·size − 1. Each partition is summarized on a Dask worker (one ``summarize_many``
batch) and written by this process as ``part-<k>.parquet`` under a temporary name, then renamed,
so a file is either whole or absent. At most two partitions per worker are in flight, so memory is
bounded by the partition size and the worker count, not by the corpus. A rerun skips the
partitions already written: after a crash or ``kill -9`` it finishes the dataset, each document
exactly once. ``_precis_corpus.json`` records the settings; a rerun with other settings refuses
to mix them in one dataset.

Bad rows (no text, a line that is not JSON, invalid UTF-8, text over the size limit) are written
with their error in the ``error`` column; they never stop the run and are never dropped.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from precis import _display
from precis._api import Summarizer
from precis.dask import COLUMNS, checked_summarizer, error_record, summarize_records

MANIFEST = "_precis_corpus.json"


@dataclass
class Row:
    id: str | None
    text: str | None
    error: str = ""  # why the row has no text, when the input itself is bad


def _text_of(raw: bytes) -> str:
    # Invalid UTF-8 stays visible to the engine (lone surrogates), which reports it per document.
    return raw.decode("utf-8", errors="surrogateescape")


def read_rows(path: Path, id_field: str, text_field: str) -> Iterator[Row]:
    """The documents of `path` in order, one at a time."""
    if path.is_dir() and not any(path.glob("*.parquet")):
        for file in sorted(p for p in path.rglob("*.txt") if p.is_file()):
            yield Row(file.relative_to(path).as_posix(), _text_of(file.read_bytes()))
    elif path.suffix == ".parquet" or path.is_dir():
        import pyarrow.dataset

        dataset = pyarrow.dataset.dataset(str(path), format="parquet")
        columns = [c for c in (id_field, text_field) if c in dataset.schema.names]
        for batch in dataset.to_batches(columns=columns):
            data = batch.to_pydict()
            ids = data.get(id_field, [None] * batch.num_rows)
            for i, text in enumerate(data.get(text_field, [None] * batch.num_rows)):
                yield Row(None if ids[i] is None else str(ids[i]), text)
    else:
        with path.open("rb") as lines:
            for number, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                try:
                    item = json.loads(_text_of(line))
                except ValueError as error:
                    yield Row(None, None, f"line {number}: not JSON ({error})")
                    continue
                if not isinstance(item, dict):
                    yield Row(None, None, f"line {number}: not a JSON object")
                    continue
                key = None if item.get(id_field) is None else str(item[id_field])
                text = item.get(text_field)
                if isinstance(text, str):
                    yield Row(key, text)
                else:
                    yield Row(key, None, f"line {number}: no text in field {text_field!r}")


def partitions(rows: Iterator[Row], size: int) -> Iterator[list[Row]]:
    part: list[Row] = []
    for row in rows:
        part.append(row)
        if len(part) == size:
            yield part
            part = []
    if part:
        yield part


def summarize_partition(
    rows: list[Row], summarizer: Summarizer, budget: dict[str, Any]
) -> list[dict[str, Any]]:
    """The output rows of one partition (runs on a worker)."""
    records = summarize_records([row.text for row in rows], summarizer, budget)
    return [
        {"id": row.id, **(error_record(row.error) if row.error else record)}
        for row, record in zip(rows, records)
    ]


def _schema() -> Any:
    import pyarrow as pa

    types = {
        "str": pa.string(),
        "list[int]": pa.list_(pa.int64()),
        "list[float]": pa.list_(pa.float64()),
        "list[str]": pa.list_(pa.string()),
    }
    id_field = pa.field("id", pa.string())
    return pa.schema(
        [id_field] + [pa.field(name, types[kind]) for name, (kind, _) in COLUMNS.items()]
    )


def write_partition(records: list[dict[str, Any]], path: Path) -> None:
    """Writes `path` whole or not at all: a temporary file, then a rename."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _schema()
    table = pa.Table.from_pylist(records, schema=schema)
    temporary = path.with_name(path.name + ".tmp")
    pq.write_table(table, temporary)
    os.replace(temporary, path)


def _check_manifest(output: Path, settings: dict[str, Any]) -> None:
    manifest = output / MANIFEST
    if manifest.exists():
        written = json.loads(manifest.read_text(encoding="utf-8"))
        if written != settings:
            changed = sorted(k for k in settings if written.get(k) != settings[k])
            raise ValueError(
                f"{output} holds a dataset written with other settings ({', '.join(changed)}): "
                "use a new folder, or the same settings to finish it"
            )
    else:
        manifest.write_text(json.dumps(settings, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def run(
    source: Path,
    output: Path,
    summarizer: Summarizer,
    budget: dict[str, Any],
    *,
    workers: int = 2,
    scheduler: str | None = None,
    id_field: str = "id",
    text_field: str = "text",
    partition_size: int = 1000,
    progress: bool | None = None,
) -> dict[str, int]:
    """Summarizes `source` into the Parquet dataset `output`; returns the counts of partitions
    written and skipped, and of documents and errors written."""
    from distributed import Client, LocalCluster, wait

    if partition_size < 1 or workers < 1:
        raise ValueError("partition_size and workers must be at least 1")
    if not source.exists():
        raise FileNotFoundError(f"{source}: no such file or folder")
    summarizer = checked_summarizer(summarizer, budget)
    output.mkdir(parents=True, exist_ok=True)
    _check_manifest(
        output,
        {
            "input": str(source.resolve()),
            "partition_size": partition_size,
            "id_field": id_field,
            "text_field": text_field,
            "options": json.loads(summarizer.options.to_json()),
            "budget": budget,
        },
    )
    for stale in output.glob("*.parquet.tmp"):
        stale.unlink()
    counts = {"written": 0, "skipped": 0, "documents": 0, "errors": 0}
    if progress is None:
        progress = sys.stderr.isatty()
    bar = None
    if progress:
        tqdm = _display.require("tqdm", "dask", "precis corpus's progress bar").tqdm
        bar = tqdm(unit="doc", desc="summarize", file=sys.stderr)
    cluster = (
        None
        if scheduler
        else LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None)
    )
    client = Client(scheduler or cluster)
    try:
        window = 2 * max(1, len(client.scheduler_info()["workers"]))
        pending: dict[Any, Path] = {}

        def collect(done: set[Any]) -> None:
            for future in done:
                path = pending.pop(future)
                records = future.result()
                write_partition(records, path)
                counts["written"] += 1
                counts["documents"] += len(records)
                counts["errors"] += sum(1 for r in records if r["error"])
                if bar is not None:
                    bar.update(len(records))

        remote_summarizer = client.scatter(summarizer, broadcast=True)
        for index, part in enumerate(
            partitions(read_rows(source, id_field, text_field), partition_size)
        ):
            path = output / f"part-{index:06d}.parquet"
            if path.exists():
                counts["skipped"] += 1
                if bar is not None:
                    bar.update(len(part))
                continue
            future = client.submit(summarize_partition, part, remote_summarizer, budget, pure=False)
            pending[future] = path
            if len(pending) >= window:
                collect(wait(list(pending), return_when="FIRST_COMPLETED").done)
        while pending:
            collect(wait(list(pending), return_when="FIRST_COMPLETED").done)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
        if bar is not None:
            bar.close()
    return counts
