"""precis against its peers, from Python, in one run: time, peak memory and growth with size.

    .venv/bin/python benchmarks/bench_python.py [--peers-python build/peers-venv/bin/python]
        [--cap 60] [--sizes sample,100KB,1MB,3MB,30MB,zh-1MB,zh-4MB] [--stages build/bench/stages.json]
        [--corpus DIR] [--eval-data DIR] [--write benchmarks/RESULTS.md]

Every measurement runs in its own subprocess (this file, in `--run` mode): precis with this
interpreter, the peers (sumy TextRank and LexRank, summa, lexrank) with the peers' virtual
environment, never a dependency of precis. A subprocess reports each call as it finishes; one that
would run longer than the cap is killed and reported as "> cap", and the peer is not run on larger
inputs. Peak memory is the subprocess's maximum resident set size (interpreter and imports
included). Each result is checked before it counts: a summary must have sentences taken from the
input.

Inputs, all at ratio 0.1: the sample article, 100 KB, 1 MB, 3 MB and 30 MB of the English books in
CORPUS/en-gutenberg (UTF-8 ones, sorted by name, concatenated, cut at a line end), 1 MB and all of
the Chinese novels in CORPUS/zh-classics. Also measured: the chosen-sentence overlap of the sparse
graph (the default) with the full graph on single books, and summarize_many over the BBC articles
in EVAL/bbc_news_summary with one and two workers. CORPUS is --corpus, else $PRECIS_CORPUS_DIR,
else shared/corpus beside the repository (a clone) or beside its parent (a git worktree); EVAL is
--eval-data, else $PRECIS_EVAL_DATA, else shared/eval there. A missing folder is an error that
says which one and how to set it.

The peers need a sentence splitter and word tokenizer; sumy's default one needs NLTK data that is
downloaded at run time, so every peer gets the same simple regex splitter (and lexrank, which takes
pre-split sentences, gets it inside the timed call). Peers are English-only here: Chinese is timed
for precis alone.
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from results import PEERS_PYTHON, git_commit, machine, shared_folder

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "examples" / "western-development.en.txt"
DATA = ROOT / "build" / "bench-data"
RATIO = 0.1
PEERS = ("sumy-textrank", "sumy-lexrank", "summa", "lexrank")
SIZES = {"100KB": 100_000, "1MB": 1_000_000, "3MB": 3_000_000, "30MB": 30_000_000}

# --------------------------------------------------------------------------------------------------
# Inputs


def corpus_text(directory: Path, size: int | None) -> str:
    """`size` UTF-8 bytes of the books in `directory` (sorted by name; files that are not UTF-8,
    like one Windows-1252 book, are skipped), cut at a line end."""
    parts, total = [], 0
    for path in sorted(directory.glob("*.txt")):
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            continue
        parts.append(text)
        total += len(text.encode()) + 2
        if size is not None and total >= size:
            break
    data = "\n\n".join(parts).encode()
    if size is not None and len(data) > size:
        data = data[: data.rfind(b"\n", 0, size) + 1]
    return data.decode()


def input_files(names: list[str], corpus: Path | None) -> dict[str, Path]:
    DATA.mkdir(parents=True, exist_ok=True)
    files = {}
    for name in names:
        if name == "sample":
            files[name] = SAMPLE
            continue
        path = DATA / f"{name}.txt"
        if not path.exists():
            if name.startswith("zh-"):
                text = corpus_text(corpus / "zh-classics", 1_000_000 if name == "zh-1MB" else None)
            else:
                text = corpus_text(corpus / "en-gutenberg", SIZES[name])
            if not text:
                sys.exit(f"bench_python: no UTF-8 .txt files for {name} in {corpus}")
            path.write_text(text, encoding="utf-8")
        files[name] = path
    return files


# --------------------------------------------------------------------------------------------------
# The subprocess side: one summarizer, timed calls, one JSON line per call.

SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+|\n\s*\n")
WORD = re.compile(r"\w+(?:'\w+)?")


class RegexTokenizer:
    """The splitter every peer gets (sumy's own needs NLTK data downloaded at run time)."""

    language = "english"

    @staticmethod
    def to_sentences(text: str) -> list[str]:
        return [s.strip() for s in SENTENCE_END.split(text) if s and s.strip()]

    @staticmethod
    def to_words(sentence: str) -> list[str]:
        return WORD.findall(sentence)


def make_call(system: str, language: str):
    """A function text → list of summary sentences."""
    if system == "precis":
        import precis

        summarizer = precis.Summarizer(language=language, ratio=RATIO)
        return lambda text: [s.text for s in summarizer.summarize(text).sentences]
    if system.startswith("sumy-"):
        from sumy.nlp.stemmers import Stemmer
        from sumy.parsers.plaintext import PlaintextParser
        from sumy.summarizers.lex_rank import LexRankSummarizer
        from sumy.summarizers.text_rank import TextRankSummarizer
        from sumy.utils import get_stop_words

        cls = TextRankSummarizer if system == "sumy-textrank" else LexRankSummarizer
        summarizer = cls(Stemmer("english"))
        summarizer.stop_words = get_stop_words("english")

        def call(text: str) -> list[str]:
            parser = PlaintextParser.from_string(text, RegexTokenizer())
            count = max(1, round(RATIO * len(parser.document.sentences)))
            return [str(s) for s in summarizer(parser.document, count)]

        return call
    if system == "summa":
        from summa import summarizer as summa_summarizer

        return lambda text: summa_summarizer.summarize(text, ratio=RATIO, split=True)
    if system == "lexrank":
        from lexrank import STOPWORDS, LexRank

        def call(text: str) -> list[str]:
            sentences = RegexTokenizer.to_sentences(text)
            model = LexRank([sentences], stopwords=STOPWORDS["en"])
            return model.get_summary(sentences, summary_size=max(1, round(RATIO * len(sentences))))

        return call
    raise SystemExit(f"unknown system {system}")


def peak_rss() -> int:
    """This process's peak resident set size, in bytes.

    VmHWM belongs to the address space, which exec replaces; ru_maxrss survives exec, so in a
    subprocess it is at least the driver's size when it forked (a floor of 150 MB once the driver
    has read the corpus), whatever the subprocess itself used.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def run_mode(args: argparse.Namespace) -> None:
    text = Path(args.input).read_text(encoding="utf-8")
    call = make_call(args.run, args.language)
    flat = " ".join(text.split())
    deadline = time.perf_counter() + args.budget
    for _ in range(args.calls):
        start = time.perf_counter()
        for _ in range(args.number):
            result = call(text)
        seconds = (time.perf_counter() - start) / args.number
        ok = bool(result) and all(" ".join(s.split()) in flat for s in result[:20])
        peak = peak_rss()
        print(
            json.dumps({"seconds": seconds, "ok": ok, "chosen": len(result), "peak": peak}),
            flush=True,
        )
        if time.perf_counter() > deadline:
            break


# --------------------------------------------------------------------------------------------------
# The driver side


def measure(
    python: str, system: str, path: Path, language: str, cap: float, calls: int, number: int = 1
):
    """{'times': [...], 'peak': bytes, 'timeout': bool, 'ok': bool} for one system on one input."""
    command = [
        python,
        __file__,
        "--run",
        system,
        "--input",
        str(path),
        "--language",
        language,
        "--calls",
        str(calls),
        "--number",
        str(number),
        "--budget",
        str(cap),
    ]
    # One thread each: NumPy's BLAS would otherwise spread summa's eigensolver over every core
    # (30× slower on a busy 2-core machine) and the comparison is of one call on one core.
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=cap + 30, check=False, env=env
        )
        out, timeout = done.stdout, False
        if done.returncode != 0:
            sys.stderr.write(f"{system} on {path.name} failed:\n{done.stderr[-2000:]}\n")
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode() if isinstance(e.stdout, bytes) else (e.stdout or "")
        timeout = True
    rows = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    times = [r["seconds"] for r in rows if r["seconds"] <= cap]
    return {
        "times": times,
        "peak": max((r["peak"] for r in rows), default=0),
        "timeout": timeout or (not times and not rows) or any(r["seconds"] > cap for r in rows),
        "ok": all(r["ok"] for r in rows) and bool(rows),
    }


def growth_exponent(points: list[tuple[int, float]]) -> float | None:
    """Least-squares slope of log(time) over log(size)."""
    if len(points) < 2:
        return None
    xs = [math.log(s) for s, _ in points]
    ys = [math.log(t) for _, t in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def fmt_time(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:.0f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.3g} ms"
    return f"{seconds:.3g} s"


def overlap_of_sparse_graph(books: list[str], corpus: Path) -> list[dict]:
    """Chosen sentences with the sparse graph (default) vs the full graph, on single books."""
    import precis

    rows = []
    for name in books:
        path = corpus / "en-gutenberg" / name
        text = path.read_bytes().decode("utf-8-sig")
        row = {"book": name, "bytes": len(text.encode())}
        chosen = {}
        for label, full in (("sparse", False), ("full", True)):
            options = {"max_neighbors": 0, "max_pairs_per_sentence": 0} if full else {}
            summarizer = precis.Summarizer(language="en", ratio=RATIO, **options)
            start = time.perf_counter()
            summary = summarizer.summarize(text)
            row[f"{label}_seconds"] = time.perf_counter() - start
            row[f"{label}_edges"] = summary.diagnostics.edge_count
            chosen[label] = {s.index for s in summary.sentences}
        row["sentences"] = summary.diagnostics.sentence_count
        row["chosen"] = len(chosen["full"])
        row["overlap"] = len(chosen["sparse"] & chosen["full"]) / max(1, len(chosen["full"]))
        rows.append(row)
    return rows


def bbc_scaling(rounds: int, eval_data: Path) -> dict:
    import precis

    folder = eval_data / "bbc_news_summary" / "articles"
    files = sorted(folder.glob("*/*.txt"))
    if not files:
        sys.exit(f"bench_python: no BBC articles in {folder} (--bbc-rounds 0 skips this part)")
    texts = [f.read_bytes().decode("utf-8", errors="replace") for f in files]
    summarizer = precis.Summarizer(language="en")
    reference = summarizer.summarize_many(texts, workers=1)
    best = {}
    identical = True
    for _ in range(rounds):
        for workers in (1, 2):
            start = time.perf_counter()
            result = summarizer.summarize_many(texts, workers=workers)
            elapsed = time.perf_counter() - start
            identical &= result == reference
            best.setdefault(workers, []).append(elapsed)
    # Each round times 1 then 2 workers back to back: the ratio within a round is the one least
    # moved by the load of other tenants of a shared machine, which drifts between rounds.
    round_ratios = [one / two for one, two in zip(best[1], best[2])]
    return {
        "documents": len(texts),
        "bytes": sum(len(t.encode()) for t in texts),
        "seconds": {w: statistics.median(v) for w, v in best.items()},
        "best": {w: min(v) for w, v in best.items()},
        "round_ratios": sorted(round_ratios),
        "identical": identical,
    }


def segmentation_vs_icu(path: Path) -> list[str]:
    """precis' segment stage as a share of bare ICU sentence breaking, per document."""
    rates: dict[str, dict[str, float]] = {}
    for b in json.loads(path.read_text())["benchmarks"]:
        stage, doc = b["name"].split("/", 1)
        rates.setdefault(doc.split("/")[0], {})[stage] = b.get("bytes_per_second", 0) / 1e6
    lines = []
    for doc, r in rates.items():
        if r.get("segment") and r.get("icu_sentences_utf16") and r.get("icu_sentences"):
            lines.append(
                f"- {doc}: {r['segment'] / r['icu_sentences_utf16']:.2f} of ICU over a UTF-16 copy, "
                f"{r['segment'] / r['icu_sentences']:.2f} of ICU over UTF-8 ({r['segment']:,.0f} vs "
                f"{r['icu_sentences_utf16']:,.0f} and {r['icu_sentences']:,.0f} MB/s)"
            )
    return lines


def detection_share(path: Path) -> list[str]:
    """The detect_language stage as a share of the summarize stage, per document."""
    times: dict[str, dict[str, float]] = {}
    for b in json.loads(path.read_text())["benchmarks"]:
        stage, doc = b["name"].split("/", 1)
        unit = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[b.get("time_unit", "ns")]
        times.setdefault(doc.split("/")[0], {})[stage] = b["real_time"] * unit
    return [
        f"- {doc}: {fmt_time(t['detect_language'])}, {100 * t['detect_language'] / t['summarize']:.2f}% of "
        f"{fmt_time(t['summarize'])}"
        for doc, t in times.items()
        if t.get("detect_language") and t.get("summarize")
    ]


# Figures that make bench does not measure (a profile, a machine test), kept in the report with the
# commit they come from. Update the text when you measure them again.
BY_HAND = """\
## Measured by hand (not re-measured by `make bench`)

- Where the sample article's time goes (perf, C++; recorded in commit b3a6ecb, 2026-11-29):
  ICU's word and sentence iterators about 40%, PageRank 11%, the graph 12%, term extraction
  10%, the segmentation rules 7%. `benchmarks/profile_summarize.cpp` is the workload (see
  benchmarks/README.md).
- `summarize_many` with 2 workers: the two vCPUs of the benchmark machine share a core's
  resources under load. A tight integer loop scales 1.7-2.0× on them from minute to minute, and
  an earlier engine, 20% slower, measured the same 1.8× (recorded in commit 6004c58, 2026-11-29).
"""


def stage_table(path: Path) -> list[str]:
    """The C++ stage benchmarks (Google Benchmark JSON) as a table of MB/s and times."""
    data = json.loads(path.read_text())
    cells: dict[str, dict[str, str]] = {}
    docs: list[str] = []
    for b in data["benchmarks"]:
        stage, doc = b["name"].split("/", 1)
        doc = doc.split("/")[0]
        if doc not in docs:
            docs.append(doc)
        unit = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0}[b.get("time_unit", "ns")]
        seconds = b["real_time"] * unit
        rate = b.get("bytes_per_second", 0) / 1e6
        extra = f", {int(b['edges']):,} edges" if "edges" in b else ""
        cells.setdefault(stage, {})[doc] = f"{fmt_time(seconds)} ({rate:,.0f} MB/s{extra})"
    lines = ["| stage | " + " | ".join(docs) + " |", "|---|" + "---|" * len(docs)]
    for stage, row in cells.items():
        lines.append(f"| {stage} | " + " | ".join(row.get(d, "–") for d in docs) + " |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--run", help=argparse.SUPPRESS)
    parser.add_argument("--input", help=argparse.SUPPRESS)
    parser.add_argument("--language", default="en", help=argparse.SUPPRESS)
    parser.add_argument("--calls", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--number", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--budget", type=float, default=60, help=argparse.SUPPRESS)
    parser.add_argument("--peers-python", default=str(PEERS_PYTHON))
    parser.add_argument(
        "--cap", type=float, default=60.0, help="seconds a peer may take for one call"
    )
    parser.add_argument("--sizes", default="sample,100KB,1MB,3MB,30MB,zh-1MB,zh-4MB")
    parser.add_argument(
        "--books",
        default="1400-0.txt,98-0.txt,pg345.txt,2600-0.txt",
        help="books for the sparse/full graph overlap",
    )
    parser.add_argument("--bbc-rounds", type=int, default=9)
    parser.add_argument(
        "--stages", help="Google Benchmark JSON of bench_stages, added to the report"
    )
    parser.add_argument(
        "--corpus",
        help="folder with en-gutenberg/ and zh-classics/ "
        "(default: $PRECIS_CORPUS_DIR, else shared/corpus beside the repository)",
    )
    parser.add_argument(
        "--eval-data",
        help="folder with bbc_news_summary/ "
        "(default: $PRECIS_EVAL_DATA, else shared/eval beside the repository)",
    )
    parser.add_argument("--write", help="write the report (Markdown) here")
    args = parser.parse_args()
    if args.run:
        run_mode(args)
        return

    names = args.sizes.split(",")
    books = [b for b in args.books.split(",") if b]
    # Find the data before the first (long) measurement.
    needs_corpus = books or any(name != "sample" for name in names)
    corpus = (
        shared_folder(args.corpus, "PRECIS_CORPUS_DIR", "corpus", "--corpus")
        if needs_corpus
        else None
    )
    eval_data = (
        shared_folder(args.eval_data, "PRECIS_EVAL_DATA", "eval", "--eval-data")
        if args.bbc_rounds
        else None
    )
    files = input_files(names, corpus)
    peers_available = Path(args.peers_python).exists()
    systems = ["precis"] + (list(PEERS) if peers_available else [])
    results: dict[str, dict[str, dict]] = {s: {} for s in systems}
    given_up: set[str] = set()
    for name in names:
        path = files[name]
        language = "zh" if name.startswith("zh-") else "en"
        size = len(path.read_bytes())
        for system in systems:
            if system != "precis" and (language != "en" or system in given_up):
                continue
            if system == "precis":
                calls, number = (
                    (7, 100) if size < 50_000 else ((7, 1) if size < 2_000_000 else (3, 1))
                )
                r = measure(
                    sys.executable, system, path, language, cap=600, calls=calls, number=number
                )
            else:
                r = measure(args.peers_python, system, path, language, cap=args.cap, calls=3)
                if r["timeout"] and not r["times"]:
                    given_up.add(system)
            r["size"] = size
            results[system][name] = r
            shown = "> cap" if not r["times"] else fmt_time(statistics.median(r["times"]))
            print(
                f"{name:8} {system:14} {shown:>10}  peak {r['peak'] / 2**20:,.0f} MB  ok={r['ok']}",
                flush=True,
            )

    overlap = overlap_of_sparse_graph(books, corpus) if books and corpus else []
    for row in overlap:
        print(
            f"overlap {row['book']}: {row['overlap']:.3f} "
            f"({row['sparse_seconds']:.2f} s vs {row['full_seconds']:.2f} s)",
            flush=True,
        )
    bbc = bbc_scaling(args.bbc_rounds, eval_data) if eval_data else None
    if bbc:
        print(f"bbc: {bbc}", flush=True)

    report = render(args, names, systems, results, overlap, bbc)
    if args.write:
        Path(args.write).write_text(report, encoding="utf-8")
        print(f"wrote {args.write}")
    else:
        print(report)


def render(args, names, systems, results, overlap, bbc) -> str:
    lines = [
        "# precis benchmark results",
        "",
        f"Generated by `make bench` on {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC.",
        f"Commit: {git_commit()}.",
        f"Machine: {machine()}. The machine is shared and noisy: compare ratios within this run.",
        "",
        f"## precis vs peers (Python, ratio {RATIO}, median wall time of one call; peak RSS)",
        "",
        f"Peers ran in their own virtual environment, each call in a subprocess capped at {args.cap:g} s "
        '("> cap": not waited for; larger inputs then skipped), BLAS limited to one thread. '
        "Ratio = peer time / precis time. Every peer gets the same regex sentence splitter (sumy's "
        "default needs NLTK data downloaded at run time). Peers are English-only here.",
        "",
        "| input | bytes | " + " | ".join(systems) + " |",
        "|---|---|" + "---|" * len(systems),
    ]
    for name in names:
        base = results["precis"].get(name)
        if not base:
            continue
        cells = []
        precis_median = statistics.median(base["times"]) if base["times"] else None
        for system in systems:
            r = results[system].get(name)
            if r is None:
                cells.append(
                    "–" if name.startswith("zh-") or system == "precis" else "> cap (skipped)"
                )
                continue
            if not r["times"]:
                cells.append(f"> {args.cap:g} s")
                continue
            median = statistics.median(r["times"])
            cell = f"{fmt_time(median)}, {r['peak'] / 2**20:,.0f} MB"
            if system != "precis" and precis_median:
                cell += f" (**{median / precis_median:,.0f}×**)"
            if not r["ok"]:
                cell += " (check failed)"
            cells.append(cell)
        lines.append(f"| {name} | {base['size']:,} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "Growth exponent b in time ∝ size^b (least squares; precis over the English book sizes, "
        "the peers over every English input they finished, the sample included):",
        "",
    ]
    for system in systems:
        points = [
            (r["size"], statistics.median(r["times"]))
            for n, r in results[system].items()
            if (n in SIZES or (system != "precis" and n == "sample")) and r["times"]
        ]
        b = growth_exponent(points)
        span = (
            f"{min(p[0] for p in points):,} to {max(p[0] for p in points):,} bytes"
            if points
            else ""
        )
        lines.append(
            f"- {system}: " + (f"{b:.2f} ({span})" if b is not None else "not enough points")
        )
    if overlap:
        import precis

        graph = precis.GraphOptions()
        lines += [
            "",
            f"## Sparse graph (defaults: full_graph_sentences {graph.full_graph_sentences}, max_neighbors "
            f"{graph.max_neighbors}, max_pairs_per_sentence {graph.max_pairs_per_sentence}) vs full graph "
            "(both caps 0), single books",
            "",
            "Long documents get a sparse graph: each sentence keeps its strongest neighbours "
            "(`max_neighbors`, `max_pairs_per_sentence` in `cpp/include/precis/options.hpp`). "
            "News-length documents get exactly the full graph. Overlap = "
            "share of the full graph's chosen sentences that the sparse graph also chooses.",
            "",
            "| book | bytes | sentences | edges sparse / full | summarize sparse / full | chosen | overlap |",
            "|---|---|---|---|---|---|---|",
        ]
        for r in overlap:
            lines.append(
                f"| {r['book']} | {r['bytes']:,} | {r['sentences']:,} | {r['sparse_edges']:,} / {r['full_edges']:,} "
                f"| {fmt_time(r['sparse_seconds'])} / {fmt_time(r['full_seconds'])} | {r['chosen']} "
                f"| {r['overlap']:.1%} |"
            )
    if bbc:
        s = bbc["seconds"]
        lines += [
            "",
            "## summarize_many over the BBC News Summary articles",
            "",
            f"{bbc['documents']:,} documents, {bbc['bytes'] / 1e6:.1f} MB, median of {args.bbc_rounds} rounds "
            f"(alternating): 1 worker {fmt_time(s[1])}, 2 workers {fmt_time(s[2])}: "
            f"**{s[1] / s[2]:.2f}×** (best of rounds: {bbc['best'][1] / bbc['best'][2]:.2f}×). "
            f"Within each round (1 worker, then 2): median **{statistics.median(bbc['round_ratios']):.2f}×**, "
            f"from {bbc['round_ratios'][0]:.2f}× to {bbc['round_ratios'][-1]:.2f}×. "
            f"Output identical to one worker: {bbc['identical']}.",
            "",
            "A thread remembers the features (case fold, stopword, stem) of the words it has seen, per "
            "language, so a stream of documents pays for each new word once; `summarize_many` workers "
            "start from what the calling thread knows.",
        ]
    if args.stages and Path(args.stages).exists():
        lines += [
            "",
            "## C++ stages (Google Benchmark, bench_stages; wall time per call, input MB/s of CPU time)",
            "",
        ]
        lines += stage_table(Path(args.stages))
        ratios = segmentation_vs_icu(Path(args.stages))
        if ratios:
            lines += [
                "",
                "Segmentation (`segment`: ICU plus precis' rules) as a share of bare ICU sentence "
                "breaking (`icu_sentences_utf16`, the faster way and the one precis uses; "
                "`icu_sentences`):",
                "",
                *ratios,
            ]
        shares = detection_share(Path(args.stages))
        if shares:
            lines += [
                "",
                'Language detection (`detect_language`, what `language="auto"` adds; it reads at most '
                "a 2 KB sample) as a share of `summarize` with the language given:",
                "",
                *shares,
            ]
    lines += ["", BY_HAND.rstrip()]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
