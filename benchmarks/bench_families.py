"""Time precis.summarize(text, sentences=3) on every family of adversarial texts
(tests/python/families.py), and on real long text from the shared data (a book from its middle,
QMSum meeting transcripts one after another): CPU seconds at n and 4n characters (best of three)
and their ratio, which is about 4 for linear work and 16 for quadratic, and at 1 MB (make bench;
--write puts the table into benchmarks/RESULTS.md)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "python"))
from families import FAMILIES, cpu_seconds  # noqa: E402
from results import provenance, shared_folder, write_section  # noqa: E402


def real_text_families() -> dict:
    """Prefixes of a book (War and Peace, from a fifth in, past the front matter) and of the QMSum
    meetings (one turn per line, "speaker: words"), repeated when shorter than asked; none when
    the shared data is missing."""
    try:
        corpus = shared_folder(None, "PRECIS_CORPUS_DIR", "corpus", "PRECIS_CORPUS_DIR")
        evaluation = shared_folder(None, "PRECIS_EVAL_DATA", "eval", "PRECIS_EVAL_DATA")
    except SystemExit as missing:
        print(f"(real-text families skipped: {missing})")
        return {}
    book = (corpus / "en-gutenberg" / "2600-0.txt").read_text(encoding="utf-8-sig")
    book = book[len(book) // 5 :]
    meetings = "\n".join(
        f"{turn['speaker']}: {turn['content']}"
        for path in sorted((evaluation / "qmsum").glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        for turn in json.loads(line)["meeting_transcripts"]
    )

    def prefix(text: str):
        return lambda n: (text * (n // len(text) + 1))[:n]

    return {"book (War and Peace)": prefix(book), "meetings (QMSum)": prefix(meetings)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=50_000, help="characters of the smaller text")
    parser.add_argument(
        "--large", type=int, default=1_000_000, help="characters of the large text (0: skip)"
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", nargs="*", help="these families only")
    parser.add_argument("--write", type=Path, help="put the table into this Markdown file")
    args = parser.parse_args()
    rows = [
        "| family | n | 4n | ratio | 1 MB |",
        "|---|---:|---:|---:|---:|",
    ]
    # The real-text families read the shared data: only when one of them may be asked for.
    real = real_text_families() if not args.only or set(args.only) - FAMILIES.keys() else {}
    for name, make in {**FAMILIES, **real}.items():
        if args.only and name not in args.only:
            continue
        small = cpu_seconds(make(args.n), args.runs)
        large = cpu_seconds(make(4 * args.n), args.runs)
        huge = cpu_seconds(make(args.large), 1) if args.large else float("nan")
        row = f"| {name} | {small * 1e3:.1f} ms | {large * 1e3:.1f} ms | {large / small:.1f} | {huge:.2f} s |"
        rows.append(row)
        print(row, flush=True)
    if args.write:
        body = (
            "## Adversarial families\n\n"
            + provenance("bench_families.py", sys.argv[1:])
            + f"\n\n`precis.summarize(text, sentences=3)` on each family of tests/python/families.py and on "
            "real long text (a book, meeting transcripts), CPU time, "
            f"best of {args.runs} (1 MB: one run); n = {args.n:,} characters. Linear work gives a ratio "
            "near 4, quadratic near 16; the target is at most 6, and 1 s for 1 MB.\n\n"
            + "\n".join(rows)
        )
        write_section(args.write, "families", body, "Benchmark results")


if __name__ == "__main__":
    main()
