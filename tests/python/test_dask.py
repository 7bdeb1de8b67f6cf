"""precis on Dask, on a real distributed.LocalCluster of two worker processes: the same summaries
as serial summarize_many, bad rows kept with their error, no document lost when a worker is
killed, and the corpus command killed with SIGKILL and run again ending with every document
exactly once, without redoing what was written."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import precis

dask = pytest.importorskip("dask", reason="pip install 'precis[dask]'")  # part of the test group
import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402
import pandas as pd  # noqa: E402
import pyarrow.dataset as pads  # noqa: E402
from distributed import Client, LocalCluster  # noqa: E402

import precis.dask  # noqa: E402

BBC = Path(
    os.environ.get("PRECIS_EVAL_DATA", Path(__file__).resolve().parents[3] / "shared" / "eval")
)
BBC = BBC / "bbc_news_summary" / "articles"


def corpus_texts(count: int) -> list[str]:
    """BBC articles (shared/eval), or a generated corpus when they are not here."""
    files = sorted(BBC.rglob("*.txt"))[:count] if BBC.is_dir() else []
    if len(files) == count:
        return [f.read_text(encoding="utf-8", errors="replace") for f in files]
    words = "market river council school price team music film rain road".split()
    return [
        " ".join(
            f"The {words[(i + k) % 10]} report number {k} was published in week {i % 7}."
            for k in range(6 + i % 5)
        )
        for i in range(count)
    ]


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as connected,
    ):
        yield connected


def expected_rows(texts: list[str], **budget: int) -> list[dict[str, object]]:
    return [
        precis.dask.summary_record(s) for s in precis.Summarizer().summarize_many(texts, **budget)
    ]


def test_bag_and_frame_give_the_serial_summaries(client: Client) -> None:
    texts = corpus_texts(240)
    expected = expected_rows(texts, sentences=3)
    rows = precis.dask.summarize_bag(db.from_sequence(texts, npartitions=7), sentences=3).compute()
    assert rows == expected
    with_ids = [{"id": f"doc-{i}", "text": t} for i, t in enumerate(texts)]
    rows = precis.dask.summarize_bag(
        db.from_sequence(with_ids, npartitions=5), sentences=3
    ).compute()
    assert [r["id"] for r in rows] == [f"doc-{i}" for i in range(len(texts))]
    assert [{k: v for k, v in r.items() if k != "id"} for r in rows] == expected

    frame = dd.from_pandas(pd.DataFrame({"key": range(len(texts)), "body": texts}), npartitions=6)
    result = precis.dask.summarize_frame(frame, text="body", id="key", sentences=3)
    assert list(result.columns) == ["id", *precis.dask.COLUMNS]
    computed = result.compute()
    assert computed["id"].tolist() == list(range(len(texts)))
    assert computed.drop(columns="id").to_dict("records") == expected

    with_keywords = precis.dask.summarize_bag(
        db.from_sequence(texts[:20], npartitions=3), sentences=2, keywords=4
    ).compute()
    assert with_keywords == expected_rows(texts[:20], sentences=2, keywords=4)
    assert all(0 < len(r["keywords"]) <= 4 for r in with_keywords)
    assert all(r["keywords"] == [] for r in rows)


def test_bad_rows_are_kept_with_their_error(client: Client) -> None:
    summarizer = precis.Summarizer(max_bytes=400)
    good = "A short text. It has two sentences."
    items = [good, None, "Lone \ud800 surrogate. Second sentence.", "x" * 1000, good]
    rows = precis.dask.summarize_bag(
        db.from_sequence(items, npartitions=2), summarizer, sentences=1
    ).compute()
    assert [bool(r["error"]) for r in rows] == [False, True, True, True, False]
    assert rows[0]["summary"] and rows[0] == rows[4]
    assert "no text" in rows[1]["error"] and "surrogate" in rows[2]["error"]
    assert "InputTooLargeError" in rows[3]["error"]
    with pytest.raises(precis.InvalidOptionsError):
        precis.dask.summarize_bag(db.from_sequence(items), sentences=0)
    with pytest.raises(KeyError, match="no column 'text'"):
        precis.dask.summarize_frame(dd.from_pandas(pd.DataFrame({"body": [good]}), npartitions=1))


def test_a_worker_killed_mid_run_loses_no_document(client: Client) -> None:
    texts = corpus_texts(240) * 5
    frame = dd.from_pandas(pd.DataFrame({"key": range(len(texts)), "text": texts}), npartitions=60)
    future = client.compute(precis.dask.summarize_frame(frame, id="key", sentences=3))
    time.sleep(0.5)
    pids = client.run(os.getpid)
    os.kill(next(iter(pids.values())), signal.SIGKILL)
    computed = future.result(timeout=300)
    assert computed["id"].tolist() == list(range(len(texts)))
    assert computed["summary"].tolist() == [r["summary"] for r in expected_rows(texts, sentences=3)]


def write_jsonl(path: Path, count: int) -> list[str]:
    texts = corpus_texts(count)
    with path.open("w", encoding="utf-8") as out:
        for i, text in enumerate(texts):
            out.write(json.dumps({"id": f"d{i}", "text": text}) + "\n")
    return [f"d{i}" for i in range(count)]


def corpus_command(source: Path, output: Path, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "precis",
        "corpus",
        str(source),
        str(output),
        "--sentences",
        "2",
        *extra,
    ]


def read_dataset(output: Path) -> pd.DataFrame:
    return pads.dataset(str(output), format="parquet").to_table().to_pandas()


def test_the_corpus_command_killed_and_rerun_finishes_without_redoing(tmp_path: Path) -> None:
    source, output = tmp_path / "corpus.jsonl", tmp_path / "out"
    ids = write_jsonl(source, 2400)
    command = corpus_command(source, output, "--partition-size", "40")
    process = subprocess.Popen(command, start_new_session=True, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while len(list(output.glob("part-*.parquet"))) < 4 and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)  # the command and its cluster's processes
    process.wait()
    before = {p.name: p.stat().st_mtime_ns for p in output.glob("part-*.parquet")}
    assert 4 <= len(before) < 60, "the kill came after the run had ended: make the corpus larger"

    finished = subprocess.run(command, capture_output=True, text=True, check=True)
    assert f"{len(before)} already there" in finished.stdout
    for name, mtime in before.items():
        assert (output / name).stat().st_mtime_ns == mtime  # not redone
    assert not list(output.glob("*.tmp"))
    dataset = read_dataset(output)
    assert sorted(dataset["id"]) == sorted(ids) and dataset["id"].is_unique
    assert (dataset["error"] == "").all()

    other = subprocess.run(
        corpus_command(source, output, "--partition-size", "50"), capture_output=True, text=True
    )
    assert other.returncode == 2 and "other settings" in other.stderr


def test_the_corpus_command_joins_a_running_scheduler(client: Client, tmp_path: Path) -> None:
    source, output = tmp_path / "corpus.jsonl", tmp_path / "out"
    ids = write_jsonl(source, 120)
    command = corpus_command(
        source, output, "--partition-size", "25", "--scheduler", client.scheduler.address
    )
    finished = subprocess.run(command, capture_output=True, text=True, check=True)
    assert "5 partitions written (120 documents, 0 with an error)" in finished.stdout
    assert read_dataset(output)["id"].tolist() == ids


def test_the_corpus_command_reads_text_folders_and_parquet_and_keeps_bad_rows(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "texts"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("First document. It is short.", encoding="utf-8")
    (folder / "sub" / "b.txt").write_bytes(b"Second \xff document. Invalid UTF-8 inside.")
    subprocess.run(
        corpus_command(folder, tmp_path / "from-folder", "--workers", "1"),
        check=True,
        capture_output=True,
    )
    rows = read_dataset(tmp_path / "from-folder").set_index("id")
    assert rows.loc["a.txt", "summary"] and not rows.loc["a.txt", "error"]
    assert "surrogate" in rows.loc["sub/b.txt", "error"]

    table = pd.DataFrame({"doc": ["x", "y"], "body": ["One text here. And more.", None]})
    table.to_parquet(tmp_path / "in.parquet")
    subprocess.run(
        corpus_command(
            tmp_path / "in.parquet",
            tmp_path / "from-parquet",
            "--workers",
            "1",
            "--id-field",
            "doc",
            "--text-field",
            "body",
        ),
        check=True,
        capture_output=True,
    )
    rows = read_dataset(tmp_path / "from-parquet").set_index("id")
    assert rows.loc["x", "summary"] and "no text" in rows.loc["y", "error"]

    lines = tmp_path / "bad.jsonl"
    lines.write_text(
        '{"id": 1, "text": "Fine text. Two sentences."}\nnot json\n{"id": 2}\n', encoding="utf-8"
    )
    subprocess.run(
        corpus_command(lines, tmp_path / "from-bad", "--workers", "1"),
        check=True,
        capture_output=True,
    )
    rows = read_dataset(tmp_path / "from-bad")
    assert (
        rows["error"].tolist()[0] == ""
        and "not JSON" in rows["error"][1]
        and "no text" in rows["error"][2]
    )
