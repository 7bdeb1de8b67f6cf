"""Families of adversarial texts for the complexity check (test_complexity.py) and the family
benchmark (benchmarks/bench_families.py): each rule's trigger repeated, runs of each separator and
character class the engine treats specially, nested and unbalanced structures, and long lines
without boundaries. A family is a unit repeated to the requested number of characters."""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable
from pathlib import Path

import precis

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "western-development.en.txt"

# name -> the unit repeated; each names what it stresses.
UNITS: dict[str, str] = {
    # Separators: ICU's paragraph breaks, soft line breaks, white space only.
    "blank lines": "\n",
    "CR line ends": "\r",
    "CRLF lines": "\r\n",
    "whitespace lines": "\t\n",
    "spaces": " ",
    "no-break spaces": "\u00a0",
    "paragraph separators": "\u2029",
    "lines of one word": "word\n",
    "lines of equal width": "some words here\n",
    # Sentence rules: glued ends, abbreviations, initials, times, numbering, ellipses, quotes.
    "glued sentences": "word.Word",
    "glued questions": "word?Word",
    "abbreviations": "Mr. ",
    "initials": "J. ",
    "times": "at 5 p.m. Mr. ",
    "numbering": "No. 5 ",
    "dots": ".",
    "spaced dots": ". ",
    "ellipses": "\u2026",
    "ellipsis then capital": "and\u2026 The ",
    "terminator runs": "?!",
    "closing brackets": ")",
    "sentence then closers": "a.) ",
    "opening brackets": "(",
    "omissions": "[...] ",
    "open low quotes": "\u201eWord. ",
    "guillemets": "\u00ab",
    "quoted sentences": "\u201eDas ist gut. Ja,\u201c sagte er. ",
    "title brackets": "\u300a\u597d\u3002",
    "CJK sentences": "\u597d\u3002",
    "armenian colons": "\u0532\u0561\u0580\u0587: \u0532",
    "decimal numbers": "1.2.3.",
    # List markers and structure.
    "numbered items": "1. ",
    "lettered items": "a) ",
    "bullets": "\u2022 ",
    "dash items": "- item\n",
    "headings": "CHAPTER I\n",
    "speaker turns": "Anna: yes.\n",
    # Addresses and long tokens.
    "urls": "http://a.b/c.",
    "e-mail addresses": "a.b@c.de ",
    "one long word": "a",
    "one long sentence": "word ",
    "one long number": "7",
    # Character classes.
    "emoji": "\U0001f600",
    "combining marks": "e\u0301",
    "zero-width spaces": "\u200b",
    "soft hyphens": "a\u00ad",
    "NUL bytes": "\x00",
    "mixed scripts": "\u041f\u0440\u0438\u0432\u0435\u0442. \u4f60\u597d\u3002 Hello. ",
    "thai": "\u0e2a\u0e27\u0e31\u0e2a\u0e14\u0e35",
    # Summarization: identical sentences (every pair similar), and ordinary prose.
    "repeated sentence": "The cat sat on the mat. ",
}


def repeated(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


FAMILIES: dict[str, Callable[[int], str]] = {
    name: (lambda n, unit=unit: repeated(unit, n)) for name, unit in UNITS.items()
}


def prose(n: int) -> str:
    """Ordinary text that does not repeat: sentences of 5 to 30 words drawn from the bundled
    article's vocabulary (a fixed seed, so a longer text starts with a shorter one)."""
    words = re.findall(r"[A-Za-z]+", SAMPLE.read_text(encoding="utf-8"))
    rng = random.Random(0)
    parts: list[str] = []
    size = 0
    while size < n:
        sentence = " ".join(rng.choice(words) for _ in range(rng.randint(5, 30)))
        parts.append(sentence[0].upper() + sentence[1:] + ("." if rng.random() < 0.9 else "?"))
        size += len(parts[-1]) + 1
        if rng.random() < 0.2:
            parts.append("\n")
    return " ".join(parts)[:n]


# The text the others are compared with, and a whole article repeated: its sentences gain
# neighbours with every copy until the graph's per-sentence caps hold them (linear beyond).
FAMILIES["prose"] = prose
FAMILIES["repeated article"] = lambda n: repeated(SAMPLE.read_text(encoding="utf-8"), n)


def cpu_seconds(text: str, runs: int) -> float:
    """CPU seconds of this process for precis.summarize(text, sentences=3), best of `runs`."""
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        precis.summarize(text, sentences=3)
        best = min(best, time.process_time() - start)
    return best
