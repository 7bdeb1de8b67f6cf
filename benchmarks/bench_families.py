"""Time precis.summarize(text, sentences=3) on every family of adversarial texts
(tests/python/families.py): CPU seconds at n and 4n characters (best of three) and their ratio,
which is about 4 for linear work and 16 for quadratic, and at 1 MB (make bench; --write puts the
table into benchmarks/RESULTS.md)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "python"))
from families import FAMILIES, cpu_seconds  # noqa: E402
from results import provenance, write_section  # noqa: E402


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
    for name, make in FAMILIES.items():
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
            + f"\n\n`precis.summarize(text, sentences=3)` on each family of tests/python/families.py, CPU time, "
            f"best of {args.runs} (1 MB: one run); n = {args.n:,} characters. Linear work gives a ratio "
            "near 4, quadratic near 16; the target is at most 6, and 1 s for 1 MB.\n\n"
            + "\n".join(rows)
        )
        write_section(args.write, "families", body, "Benchmark results")


if __name__ == "__main__":
    main()
