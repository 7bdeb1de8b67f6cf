"""Language identification on the Universal Dependencies dev texts (shared/eval/ud): precis beside
CLD2 (pycld2) and Lingua (lingua-language-detector), the peers in their own virtual environment
(make langid-peers). Two tasks per language: every gold sentence longer than 30 characters, and
every paragraph (its sentences joined as eval_ud.py joins them) longer than 100 characters. A
guess is right when its primary language subtag is the file's language (Norwegian Bokmål, nb, is
no). Accuracy per language, then the macro average over languages. Also: how precis' confidence
matches its accuracy on sentences of every length, and how often it warns (make eval-language;
--write puts the tables into benchmarks/EVALUATION.md)."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import precis
from results import LANGID_PYTHON, provenance, ud_files, write_section

# Runs inside the peers' virtual environment: reads [text, ...] on stdin and writes
# {peer: [code, ...], "seconds": {peer: s}} on stdout.
PEER_RUNNER = r"""
import json, sys, time
texts = json.load(sys.stdin)
out, seconds = {}, {}
import pycld2
def cld2(text):
    try:
        return pycld2.detect(text)[2][0][1]
    except pycld2.error:
        return "un"
start = time.perf_counter()
out["CLD2"] = [cld2(t) for t in texts]
seconds["CLD2"] = time.perf_counter() - start
from lingua import LanguageDetectorBuilder
detector = LanguageDetectorBuilder.from_all_languages().build()
start = time.perf_counter()
found = detector.detect_languages_in_parallel_of(texts)
out["Lingua"] = [f.iso_code_639_1.name.lower() if f else "un" for f in found]
seconds["Lingua"] = time.perf_counter() - start
out["seconds"] = seconds
json.dump(out, sys.stdout)
"""
PEERS = ("CLD2", "Lingua")
SENTENCE_CHARS = 30
PARAGRAPH_CHARS = 100


def primary(code: str) -> str:
    code = code.split("-")[0].split("_")[0].lower()
    return "no" if code in ("nb", "nn") else code


def samples_of(path: Path) -> tuple[list[str], list[str], list[str]]:
    """The file's sentences, those over 30 characters, and its paragraphs over 100."""
    lang = path.name.split("_")[0]
    joiner = "" if lang in ("zh", "ja") else " "
    every, sentences, paragraphs = [], [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        for paragraph in json.loads(line)["paragraphs"]:
            every += paragraph
            sentences += [s for s in paragraph if len(s) > SENTENCE_CHARS]
            text = joiner.join(paragraph)
            if len(text) > PARAGRAPH_CHARS:
                paragraphs.append(text)
    return every, sentences, paragraphs


def calibration(path_texts: list[tuple[str, str]]) -> str:
    """precis' confidence beside its accuracy, on gold sentences of every length."""
    buckets: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    uncertain = [0, 0]
    for lang, text in path_texts:
        guess = precis.detect_language(text)
        top = guess.candidates[0] if guess.candidates else None
        if top is None:
            continue
        bucket = min(int(top.probability * 10), 9)
        buckets[bucket][0] += primary(top.language) == lang
        buckets[bucket][1] += 1
        uncertain[0] += not guess.reliable
        uncertain[1] += 1
    lines = ["| confidence | sentences | right |", "|---|---:|---:|"]
    for bucket in sorted(buckets):
        right, total = buckets[bucket]
        lines.append(
            f"| {bucket / 10:.1f}–{(bucket + 1) / 10:.1f} | {total} | {100 * right / total:.1f}% |"
        )
    share = 100 * uncertain[0] / max(uncertain[1], 1)
    return (
        "\n".join(lines)
        + f"\n\nlanguage_uncertain on {share:.1f}% of these {uncertain[1]} sentences."
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", help="the ud folder (default: $PRECIS_EVAL_DATA/ud)")
    parser.add_argument("--peers-python", type=Path, default=LANGID_PYTHON)
    parser.add_argument("--no-peers", action="store_true")
    parser.add_argument("--write", type=Path, help="put the tables into this Markdown file")
    args = parser.parse_args()
    files = ud_files(args.data)
    # language → task → system → [right, total]
    counts: dict[str, dict[str, dict[str, list[int]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(lambda: [0, 0]))
    )
    seconds: dict[str, float] = defaultdict(float)
    every_sentence: list[tuple[str, str]] = []
    confusions: dict[tuple[str, str], int] = defaultdict(int)
    for path in files:
        lang = path.name.split("_")[0]
        every, sentences, paragraphs = samples_of(path)
        every_sentence += [(lang, s) for s in every]
        for task, texts in (("sentences", sentences), ("paragraphs", paragraphs)):
            start = time.perf_counter()
            guesses = {"precis": [precis.detect_language(t).language for t in texts]}
            seconds["precis"] += time.perf_counter() - start
            if not args.no_peers and args.peers_python.exists():
                result = subprocess.run(
                    [str(args.peers_python), "-c", PEER_RUNNER],
                    input=json.dumps(texts),
                    capture_output=True,
                    text=True,
                    check=True,
                )
                found = json.loads(result.stdout)
                for peer, spent in found.pop("seconds").items():
                    seconds[peer] += spent
                guesses.update(found)
            for system, codes in guesses.items():
                tally = counts[lang][task][system]
                tally[0] += sum(primary(c) == lang for c in codes)
                tally[1] += len(codes)
            for code in guesses["precis"]:
                if primary(code) != lang and task == "sentences":
                    confusions[(lang, primary(code))] += 1
        print(path.name, flush=True)

    systems = [
        "precis",
        *[p for p in PEERS if any(p in counts[lang]["sentences"] for lang in counts)],
    ]
    header = "| language | " + " | ".join(f"{s} sentences | {s} paragraphs" for s in systems) + " |"
    lines = [header, "|---" + "|---:" * (2 * len(systems)) + "|"]
    macro: dict[tuple[str, str], list[float]] = defaultdict(list)
    for lang in sorted(counts):
        cells = []
        for system in systems:
            for task in ("sentences", "paragraphs"):
                right, total = counts[lang][task][system]
                accuracy = 100 * right / total if total else float("nan")
                if total:
                    macro[(system, task)].append(accuracy)
                cells.append(f"{accuracy:.1f}" + (f" ({total})" if system == "precis" else ""))
        lines.append(f"| {lang} | " + " | ".join(cells) + " |")
    cells = [
        f"**{sum(macro[(s, t)]) / len(macro[(s, t)]):.1f}**"
        for s in systems
        for t in ("sentences", "paragraphs")
    ]
    lines.append(f"| **macro ({len(counts)} languages)** | " + " | ".join(cells) + " |")
    table = "\n".join(lines)
    texts_timed = sum(
        total for lang in counts for task in counts[lang].values() for _, total in [task["precis"]]
    )
    speed = ", ".join(f"{s} {seconds[s]:.2f} s" for s in systems)
    worst = sorted(confusions.items(), key=lambda item: -item[1])[:10]
    confused = ", ".join(f"{a}→{b} {n}" for (a, b), n in worst)
    cal = calibration(every_sentence)
    print(table, "\n", speed, "\n", confused, "\n", cal, sep="")
    if args.write:
        body = (
            "## Language identification on Universal Dependencies\n\n"
            + provenance("eval_language.py", sys.argv[1:])
            + f"\n\nAccuracy (%) of the detected language on the UD dev texts (shared/eval/ud): gold "
            f"sentences longer than {SENTENCE_CHARS} characters and paragraphs longer than "
            f"{PARAGRAPH_CHARS} (count in brackets), precis.detect_language beside CLD2 (pycld2) and "
            "Lingua (lingua-language-detector, all languages, high accuracy mode), the peers in their "
            "own venv. Lingua can name languages precis does not know; CLD2 and Lingua are asked "
            "with no hint.\n\n"
            + table
            + f"\n\nTime for all {texts_timed} texts (one thread; Lingua's own parallel call): {speed}."
            + f"\n\nprecis' most frequent confusions on sentences: {confused}."
            + "\n\nConfidence (probability of the most probable language) against accuracy, on every "
            "gold sentence of every length:\n\n" + cal
        )
        write_section(args.write, "language", body, "Evaluation")
    return 0


if __name__ == "__main__":
    sys.exit(main())
