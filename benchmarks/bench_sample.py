"""Times precis on the bundled sample article from Python (the issue's single-document figure).

    .venv/bin/python benchmarks/bench_sample.py [--repeat 7] [--number 200]

Prints the median and best time per summarize() call over `repeat` rounds of `number` calls,
for a reused Summarizer and for the one-shot precis.summarize(). Checks the result first.
"""

from __future__ import annotations

import argparse
import statistics
import timeit
from pathlib import Path

import precis

SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "western-development.en.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--number", type=int, default=200)
    args = parser.parse_args()
    text = SAMPLE.read_text(encoding="utf-8")
    summarizer = precis.Summarizer(language="en")
    summary = summarizer.summarize(text, sentences=5)
    assert len(summary.sentences) == 5 and all(
        text[s.start : s.end] == s.text for s in summary.sentences
    )

    cases = {
        "Summarizer.summarize (reused)": lambda: summarizer.summarize(text, sentences=5),
        "precis.summarize (one-shot, auto language)": lambda: precis.summarize(text, sentences=5),
        "precis.sentences (segmentation only)": lambda: precis.sentences(text),
    }
    print(f"sample: {len(text.encode()):,} bytes, {summary.diagnostics.sentence_count} sentences")
    for name, call in cases.items():
        rounds = [
            t / args.number * 1e3
            for t in timeit.repeat(call, number=args.number, repeat=args.repeat)
        ]
        print(f"{name:45} median {statistics.median(rounds):.3f} ms  best {min(rounds):.3f} ms")


if __name__ == "__main__":
    main()
