"""A corpus of news articles summarized three ways on this machine, then by `precis corpus`.

The corpus: the BBC News Summary articles (sorted by path), then the CNN/DailyMail test documents
of shared/eval (file order), repeated in that order up to --documents (default 100,000).

1. Throughput, 3 sentences per summary: serial (summarize_many with one worker, 1,000 documents
   per call), summarize_many on two threads, and precis.dask.summarize_bag on a LocalCluster of
   two worker processes (one thread each, partitions of 1,000 documents). All three must give the
   summaries of the reference pass (a SHA-256 of every summary text, in order).
2. `python -m precis corpus FILE.jsonl OUT --sentences 3 --workers 2 --partition-size 1000` as a
   subprocess on a tenth of the documents and on all of them: wall time, documents/s, and the peak
   RSS of its process tree (the command and its Dask workers: the sum over the tree, sampled
   every 0.1 s) and of the command alone. The command streams, so the peak of the tree must not
   grow by more than 10% for ten times the documents; the script says whether it holds.

The JSON-lines files and the datasets go to a temporary folder under build/, deleted at the end.
--quick: 20,000 documents (and 2,000). --write FILE puts the section "Corpora on Dask" into FILE
(make bench-corpus: benchmarks/RESULTS.md).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from collections.abc import Iterable
from pathlib import Path

import psutil  # a dependency of distributed, so there whenever precis.dask is

import precis
import precis.dask
from results import ROOT, machine, provenance, read_text, shared_folder, write_section

MIB = 1024 * 1024
GROWTH_LIMIT = 0.10  # the most the tree's peak may grow from a tenth of the documents to all


def load_base(eval_data: Path) -> tuple[list[str], int, int]:
    """The distinct documents in corpus order, and how many come from BBC and from CNN/DM."""
    articles = sorted((eval_data / "bbc_news_summary" / "articles").glob("*/*.txt"))
    cnndm = eval_data / "cnndm" / "cnndm_test_dev100.jsonl"
    if not articles or not cnndm.exists():
        sys.exit(f"bench_corpus: no BBC articles or no {cnndm.name} under {eval_data}")
    bbc = [read_text(path) for path in articles]
    with cnndm.open(encoding="utf-8") as lines:
        news = [json.loads(line)["article"] for line in lines if line.strip()]
    return bbc + news, len(bbc), len(news)


def digest(summaries: Iterable[str], into: hashlib._Hash | None = None) -> hashlib._Hash:
    """SHA-256 of the summary texts in order (each followed by a NUL)."""
    hasher = into or hashlib.sha256()
    for text in summaries:
        hasher.update(text.encode("utf-8", errors="surrogatepass"))
        hasher.update(b"\0")
    return hasher


def in_process(summarizer: precis.Summarizer, texts: list[str], workers: int, chunk: int) -> dict:
    """summarize_many over `texts`, `chunk` documents per call, on `workers` threads."""
    hasher = hashlib.sha256()
    start = time.perf_counter()
    for first in range(0, len(texts), chunk):
        batch = summarizer.summarize_many(
            texts[first : first + chunk], sentences=3, workers=workers
        )
        digest((summary.text for summary in batch), hasher)
    return {"seconds": time.perf_counter() - start, "sha": hasher.hexdigest(), "errors": 0}


def on_dask(summarizer: precis.Summarizer, texts: list[str], workers: int, chunk: int) -> dict:
    """precis.dask.summarize_bag on a local cluster of `workers` processes, one thread each. The
    partitions are fetched in order, each released once hashed, so the driver never holds every
    result; the cluster's start is timed apart."""
    import dask.bag
    from distributed import Client, LocalCluster

    start = time.perf_counter()
    with (
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        ready = time.perf_counter()
        bag = dask.bag.from_sequence(texts, partition_size=chunk)
        rows = precis.dask.summarize_bag(bag, summarizer, sentences=3)
        with warnings.catch_warnings():
            # The texts travel from this process in the task graph, which is what from_sequence
            # does with texts in memory; distributed warns about the graph's size.
            warnings.filterwarnings("ignore", message="Sending large graph")
            futures = client.compute(rows.to_delayed())
        submitted = time.perf_counter()
        hasher = hashlib.sha256()
        count = errors = 0
        for future in futures:
            part = future.result()
            future.release()
            count += len(part)
            errors += sum(1 for row in part if row["error"])
            digest((row["summary"] for row in part), hasher)
        seconds = time.perf_counter() - ready
    if count != len(texts):
        sys.exit(f"bench_corpus: Dask returned {count} rows for {len(texts)} documents")
    return {
        "seconds": seconds,
        "sha": hasher.hexdigest(),
        "errors": errors,
        "startup": ready - start,
        "submit": submitted - ready,
        "partitions": len(futures),
    }


class TreeMemory:
    """Samples the RSS of a process and of all its descendants every `interval` seconds, in a
    thread, until the process ends: the peaks of the sum over the tree, of the process alone and
    of the sum over its descendants."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        self.root = psutil.Process(pid)
        self.interval = interval
        self.tree = self.driver = self.workers = self.samples = self.processes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                tree = [self.root, *self.root.children(recursive=True)]
            except psutil.Error:  # the command has ended
                return
            total = driver = 0
            for process in tree:
                try:
                    rss = process.memory_info().rss
                except psutil.Error:  # ended between the listing and the reading
                    continue
                total += rss
                if process.pid == self.root.pid:
                    driver = rss
                    self.driver = max(self.driver, rss)
            self.tree = max(self.tree, total)
            self.workers = max(self.workers, total - driver)
            self.processes = max(self.processes, len(tree))
            self.samples += 1
            self._stop.wait(self.interval)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def write_corpora(folder: Path, base: list[str], sizes: list[int]) -> dict[int, Path]:
    """JSON-lines files of the first n documents of the corpus, for each n of `sizes`, written in
    one pass; ids are the documents' positions."""
    lines = [json.dumps(text, ensure_ascii=False) for text in base]
    paths = {n: folder / f"corpus-{n}.jsonl" for n in sizes}
    files = {n: path.open("w", encoding="utf-8") for n, path in paths.items()}
    try:
        for i in range(max(sizes)):
            line = f'{{"id": "{i}", "text": {lines[i % len(base)]}}}\n'
            for n, file in files.items():
                if i < n:
                    file.write(line)
    finally:
        for file in files.values():
            file.close()
    return paths


def corpus_command(source: Path, output: Path, workers: int, partition_size: int) -> list[str]:
    return [
        "precis",
        "corpus",
        str(source),
        str(output),
        "--sentences",
        "3",
        "--workers",
        str(workers),
        "--partition-size",
        str(partition_size),
    ]


def run_corpus(source: Path, output: Path, workers: int, partition_size: int) -> dict:
    """Runs `python -m precis corpus` on `source` into `output`: wall time and the peaks of the
    sampled RSS (the tree, the command alone, its descendants)."""
    command = [sys.executable, "-m", *corpus_command(source, output, workers, partition_size)]
    log = output.with_suffix(".log")
    with log.open("wb") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=ROOT)
        memory = TreeMemory(process.pid)
        process.wait()
        seconds = time.perf_counter() - start
        memory.stop()
    if process.returncode != 0:
        sys.exit(f"bench_corpus: {' '.join(command)} failed:\n{log.read_text(errors='replace')}")
    return {
        "seconds": seconds,
        "tree": memory.tree,
        "driver": memory.driver,
        "workers": memory.workers,
        "samples": memory.samples,
        "processes": memory.processes,
        "said": log.read_text(errors="replace").strip().splitlines()[-1],
    }


def read_dataset(output: Path, documents: int) -> dict:
    """The dataset's rows in order: count, errors, whether the ids are 0 … n−1, and the SHA-256
    of the summaries."""
    import pyarrow.parquet

    hasher = hashlib.sha256()
    ids_in_order = True
    count = errors = 0
    for part in sorted(output.glob("part-*.parquet")):
        table = pyarrow.parquet.read_table(part, columns=["id", "summary", "error"]).to_pydict()
        ids_in_order &= table["id"] == [str(i) for i in range(count, count + len(table["id"]))]
        count += len(table["id"])
        errors += sum(1 for error in table["error"] if error)
        digest(table["summary"], hasher)
    return {
        "rows": count,
        "errors": errors,
        "ids": ids_in_order and count == documents,
        "sha": hasher.hexdigest(),
    }


def cpu_seconds() -> tuple[float, float, float]:
    """CPU seconds so far: busy on the machine (all processes), stolen by the hypervisor, and used
    by this process and the children it has reaped (their descendants included)."""
    machine_times = psutil.cpu_times()
    busy = sum(
        getattr(machine_times, field, 0.0) for field in ("user", "nice", "system", "irq", "softirq")
    )
    mine = os.times()
    own = mine.user + mine.system + mine.children_user + mine.children_system
    return busy, getattr(machine_times, "steal", 0.0), own


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--documents", type=int, default=100_000, help="corpus size (100,000)")
    parser.add_argument(
        "--throughput-documents",
        type=int,
        metavar="N",
        help="time the three ways on the first N documents only (default: all)",
    )
    parser.add_argument("--quick", action="store_true", help="20,000 documents (and 2,000)")
    parser.add_argument("--workers", type=int, default=2, help="threads and processes (2)")
    parser.add_argument(
        "--partition-size", type=int, default=1000, help="documents per call (1000)"
    )
    parser.add_argument("--data", help="the shared eval folder (default $PRECIS_EVAL_DATA)")
    parser.add_argument("--write", type=Path, help="put the section into this Markdown file")
    args = parser.parse_args()
    if args.quick:
        args.documents = 20_000
    documents = args.documents
    small = documents // 10
    sliced = min(args.throughput_documents or documents, documents)
    chunk, workers = args.partition_size, args.workers
    began = time.perf_counter()
    cpu_before = cpu_seconds()

    base, bbc, cnndm = load_base(shared_folder(args.data, "PRECIS_EVAL_DATA", "eval", "--data"))
    summarizer = precis.Summarizer()
    # The reference: the distinct documents once, serially. This pass also teaches the calling
    # thread the corpus's words, which summarize_many's new threads start from, so no timed way
    # pays for them on every call (Dask's workers learn them on their first partitions).
    reference = [s.text for s in summarizer.summarize_many(base, sentences=3, workers=1)]

    def expected(n: int) -> str:
        return digest(reference[i % len(base)] for i in range(n)).hexdigest()

    # Distinct str objects: pickle would otherwise send a repeated document once per partition.
    texts = [base[i % len(base)].encode("utf-8").decode("utf-8") for i in range(sliced)]
    megabytes = sum(len(text.encode("utf-8")) for text in texts) / 1e6
    print(
        f"corpus: {len(base):,} distinct documents ({bbc:,} BBC, {cnndm:,} CNN/DM) repeated to "
        f"{documents:,}; throughput on {sliced:,} documents, {megabytes:.1f} MB",
        flush=True,
    )
    ways = [
        (f"serial: `summarize_many(batch, workers=1)`, {chunk:,} documents a call", in_process, 1),
        (
            f"{workers} threads: `summarize_many(batch, workers={workers})`, {chunk:,} a call",
            in_process,
            workers,
        ),
        (
            f"Dask, {workers} processes: `precis.dask.summarize_bag`, partitions of {chunk:,}",
            on_dask,
            workers,
        ),
    ]
    want = expected(sliced)
    throughput = []
    for name, way, parallel in ways:
        result = way(summarizer, texts, parallel, chunk)
        result["same"] = result["sha"] == want and result["errors"] == 0
        throughput.append((name, result))
        print(
            f"{name}: {result['seconds']:.1f} s, {sliced / result['seconds']:,.0f} documents/s, "
            f"{megabytes / result['seconds']:.2f} MB/s, same summaries: {result['same']}"
            + (f" (cluster start {result['startup']:.1f} s)" if "startup" in result else ""),
            flush=True,
        )
    del texts

    (ROOT / "build").mkdir(exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="bench-corpus-", dir=ROOT / "build"))
    runs = []
    try:
        sources = write_corpora(scratch, base, [small, documents])
        for n in (small, documents):
            output = scratch / f"out-{n}"
            run = run_corpus(sources[n], output, workers, chunk)
            run.update(documents=n, megabytes=sources[n].stat().st_size / 1e6)
            dataset = read_dataset(output, n)
            run["same"] = (
                dataset["ids"] and dataset["errors"] == 0 and dataset["sha"] == expected(n)
            )
            runs.append(run)
            print(
                f"precis corpus, {n:,} documents: {run['seconds']:.1f} s, "
                f"{n / run['seconds']:,.0f} documents/s, peak RSS tree {run['tree'] / MIB:,.0f} MiB "
                f"(up to {run['processes']} processes, {run['samples']} samples), command alone "
                f"{run['driver'] / MIB:,.0f} MiB, its workers {run['workers'] / MIB:,.0f} MiB; "
                f"output complete and same summaries: "
                f"{run['same']} ({run['said']})",
                flush=True,
            )
            shutil.rmtree(output)
            sources[n].unlink()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    growth = runs[1]["tree"] / runs[0]["tree"] - 1
    driver_growth = runs[1]["driver"] / runs[0]["driver"] - 1
    holds = growth <= GROWTH_LIMIT
    verdict = (
        f"Peak RSS of the process tree from {small:,} to {documents:,} documents: "
        f"{growth:+.1%} (the command alone: {driver_growth:+.1%}); the limit of "
        f"+{GROWTH_LIMIT:.0%} **{'holds' if holds else 'does not hold'}**."
    )
    if small < 4 * workers * chunk:
        verdict += (
            f" (At {small:,} documents there are fewer than twice the {2 * workers} partitions "
            "the command keeps in flight: the smaller run may not reach its steady state.)"
        )
    total = time.perf_counter() - began
    # What else ran meanwhile: the machine's busy CPU time less this script's and its children's.
    busy, steal, own = (after - before for after, before in zip(cpu_seconds(), cpu_before))
    others = max(0.0, busy - own)
    print(verdict.replace("**", ""))
    print(
        f"total {total / 60:.1f} min; other processes used {others:.0f} CPU-s meanwhile "
        f"({others / total:.0%} of a vCPU), hypervisor steal {steal:.0f} s"
    )
    if args.write:
        report = {
            "documents": documents,
            "sliced": sliced,
            "megabytes": megabytes,
            "chunk": chunk,
            "workers": workers,
            "distinct": len(base),
            "bbc": bbc,
            "cnndm": cnndm,
            "throughput": throughput,
            "runs": runs,
            "verdict": verdict,
            "total": total,
            "others": others,
            "steal": steal,
        }
        write_section(args.write, "corpus", render(report), "Benchmark results")


def render(run: dict) -> str:
    """The section "Corpora on Dask" of a results file."""
    sliced, documents, chunk, workers = (
        run["sliced"],
        run["documents"],
        run["chunk"],
        run["workers"],
    )
    megabytes = run["megabytes"]
    note = (
        ""
        if sliced == documents
        else f" The three ways ran on the first {sliced:,} documents only (throughput is per "
        "document); `precis corpus` on the whole corpus."
    )
    lines = [
        "## Corpora on Dask",
        "",
        provenance("bench_corpus.py", sys.argv[1:]),
        "",
        f"Machine: {machine()}. {run['total'] / 60:.1f} minutes in all, during which other "
        f"processes used {run['others']:.0f} CPU-seconds ({run['others'] / run['total']:.0%} of "
        f"a vCPU; hypervisor steal {run['steal']:.0f} s). Corpus: "
        f"the {run['bbc']:,} BBC News Summary articles (by path), then the {run['cnndm']:,} "
        f"CNN/DailyMail test documents of shared/eval, repeated in that order to {documents:,} "
        f"documents; 3 sentences per summary, default `Summarizer()`. An untimed serial pass over "
        f"the {run['distinct']:,} distinct documents gives the reference summaries (and teaches "
        "the calling thread their words, which `summarize_many`'s threads start from); "
        '"same summaries" compares a SHA-256 of every summary text, in order, with it.' + note,
        "",
        f"| way ({sliced:,} documents, {megabytes:.1f} MB) | seconds | documents/s | MB/s "
        "| same summaries |",
        "|---|---:|---:|---:|---|",
    ]
    for name, result in run["throughput"]:
        lines.append(
            f"| {name} | {result['seconds']:.1f} | {sliced / result['seconds']:,.0f} "
            f"| {megabytes / result['seconds']:.2f} | {'yes' if result['same'] else '**no**'} |"
        )
    dask = run["throughput"][2][1]
    lines += [
        "",
        f"Dask: `LocalCluster(n_workers={workers}, threads_per_worker=1, processes=True)`, started "
        f"in {dask['startup']:.1f} s (not counted); `dask.bag.from_sequence(texts, "
        f"partition_size={chunk})`, so the texts travel from the driver in the task graph (built "
        f"and sent in {dask['submit']:.1f} s, counted); the "
        f"{dask['partitions']} partitions are fetched in order and released once hashed. The "
        "driver (scheduler, client, and the result rows it unpickles) shares the vCPUs with the "
        "workers.",
        "",
        "### `precis corpus`",
        "",
        "    "
        + " ".join(
            ["python -m", *corpus_command(Path("corpus.jsonl"), Path("OUT"), workers, chunk)]
        ),
        "",
        'run as a subprocess on JSON lines (`{"id": "<position>", "text": ...}`), timed from start '
        "to exit (Python start, cluster start and Parquet writes included). Peak RSS: the command and "
        "all its descendants (the Dask worker processes), summed, sampled every 0.1 s with psutil; "
        "the command alone and its descendants alone likewise (each column is its own peak). The "
        "output is checked: every id once and in order, no errors, the reference summaries.",
        "",
        "| documents | JSONL MB | seconds | documents/s | MB/s | peak RSS, tree | peak RSS, command "
        "| peak RSS, workers | output |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for result in run["runs"]:
        lines.append(
            f"| {result['documents']:,} | {result['megabytes']:.1f} | {result['seconds']:.1f} "
            f"| {result['documents'] / result['seconds']:,.0f} "
            f"| {result['megabytes'] / result['seconds']:.2f} | {result['tree'] / MIB:,.0f} MiB "
            f"| {result['driver'] / MIB:,.0f} MiB | {result['workers'] / MIB:,.0f} MiB "
            f"| {'complete, same' if result['same'] else '**differs**'} |"
        )
    lines += ["", run["verdict"]]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
