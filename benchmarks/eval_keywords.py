"""Keyphrases on the gold sets of shared/eval/keyphrases: precis beside summa, YAKE and
rapid-textrank on Inspec (English abstracts) and jieba's TextRank on CSL (Chinese abstracts).

    make eval-keywords
    .venv/bin/python benchmarks/eval_keywords.py [--data DIR] [--limit N] [--ablations]
        [--peers-python PYTHON | --no-peers] [--write benchmarks/EVALUATION.md]

Reads <set>/<set>.jsonl ({"text", "keyphrases"}) from --data, else $PRECIS_EVAL_DATA/keyphrases,
else shared/eval/keyphrases beside the repository. Every system returns its 10 best keyphrases
for each document; the protocol is the keyphrase literature's (shared/eval/README.md): each
keyphrase is lower-cased, split into word tokens (\\w+) and Porter-stemmed (NLTK's
PorterStemmer); the predictions are de-duplicated after stemming, and a prediction matches a
gold keyphrase when the stemmed token sequences are equal. F1@5 and F1@10 are averaged over the
documents (macro), x100. Documents per second: one process, one thread, one document at a time,
after a warm-up document, for every system alike, each in a fresh process, the best of --runs such
processes (the keyphrases are the same every run); precis also with keywords_many on every core.

  precis          precis.Summarizer().keywords(text, n=10), the defaults (language "auto").
  summa           summa.keywords.keywords(text, split=True), the first 10 (summa 1.2.0).
  YAKE            yake.KeywordExtractor(lan="en", n=3, top=10) (yake 0.7.3).
  rapid-textrank  rapid_textrank.extract_keywords(text, top_n=10) (rapid-textrank 0.1.4).
  jieba TextRank  jieba.analyse.textrank(text, topK=10) (jieba 0.42.1; CSL only).
The peers run in their own virtual environment (build/keyword-venv, made by make eval-keywords
from benchmarks/requirements-keywords.txt, or --peers-python), never dependencies of precis.

The script also times the bundled sample's summary with and without its 10 keyphrases, and shows
them. --ablations also runs precis with one option changed at a time (the method's variants), on both
sets. --write PATH puts the tables into PATH (its keyphrases section), with the date, the commit
and the arguments of the run.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from results import ROOT, provenance, shared_folder, write_section

PEERS_PYTHON = ROOT / "build" / "keyword-venv" / "bin" / "python"
SETS = {"inspec_test": "Inspec", "csl_kg_test_zh": "CSL (zh)"}
PEERS = {"inspec_test": ("summa", "YAKE", "rapid-textrank"), "csl_kg_test_zh": ("jieba TextRank",)}
TOP = 10

# Runs inside the peers' virtual environment: reads {"peers": [...], "texts": [...]} on stdin and
# writes {peer: {"keyphrases": [[str, ...], ...], "seconds": float}} on stdout. Each peer's
# imports and model loading come before its clock starts, and a warm-up document goes first.
PEER_RUNNER = r"""
import json, sys, time
job = json.load(sys.stdin)
texts = job["texts"]
def summa_run():
    from summa import keywords
    return lambda t: keywords.keywords(t, split=True)[:10]
def yake_run():
    import yake
    extractor = yake.KeywordExtractor(lan="en", n=3, top=10)
    return lambda t: [k for k, _ in extractor.extract_keywords(t)]
def rapid_run():
    import rapid_textrank
    return lambda t: [p.text for p in rapid_textrank.extract_keywords(t, top_n=10)]
def jieba_run():
    import jieba, jieba.analyse
    jieba.setLogLevel(60)
    jieba.initialize()
    return lambda t: list(jieba.analyse.textrank(t, topK=10))
makers = {"summa": summa_run, "YAKE": yake_run, "rapid-textrank": rapid_run,
          "jieba TextRank": jieba_run}
out = {}
for name in job["peers"]:
    run = makers[name]()
    run(texts[0])
    start = time.perf_counter()
    found = [run(t) for t in texts]
    out[name] = {"keyphrases": found, "seconds": time.perf_counter() - start}
json.dump(out, sys.stdout)
"""

# One option changed at a time from the defaults: the variants behind the defaults.
ABLATIONS: list[tuple[str, dict[str, Any]]] = [
    ("window 3", {"cooccurrence_window": 3}),
    ("window 10 (SingleRank)", {"cooccurrence_window": 10}),
    ("no position weight (TextRank's teleport)", {"keyphrase_position_weight": 0.0}),
    ("position weight 1 (PositionRank)", {"keyphrase_position_weight": 1.0}),
    ("single words weigh 1", {"single_word_weight": 1.0}),
    ("repeats ignored (exponent 0)", {"phrase_frequency_exponent": 0.0}),
    ("repeats count fully (exponent 1)", {"phrase_frequency_exponent": 1.0}),
    ("no keyphrase rules (stopwords only)", {"keyphrase_rules": False}),
    ("phrases of up to 3 words", {"max_phrase_words": 3}),
    ("phrases of up to 8 words", {"max_phrase_words": 8}),
    ("unspaced phrases of 1 word", {"max_unspaced_phrase_words": 1}),
    ("unspaced phrases of up to 3 words", {"max_unspaced_phrase_words": 3}),
]


class Protocol:
    """Lower case, \\w+ tokens, NLTK's Porter stemmer; de-duplication; macro F1@k."""

    def __init__(self) -> None:
        try:
            from nltk.stem import PorterStemmer
        except ImportError:
            sys.exit("nltk is missing: pip install -r benchmarks/requirements-eval.txt")
        self._stemmer = PorterStemmer()
        self._stems: dict[str, str] = {}

    def normalize(self, phrase: str) -> tuple[str, ...]:
        out = []
        for word in re.findall(r"\w+", phrase.lower()):
            stem = self._stems.get(word)
            if stem is None:
                stem = self._stems[word] = self._stemmer.stem(word)
            out.append(stem)
        return tuple(out)

    def f1(self, predicted: list[str], gold: list[str], k: int) -> float:
        seen: set[tuple[str, ...]] = set()
        ranked = []
        for phrase in predicted:
            key = self.normalize(phrase)
            if key and key not in seen:
                seen.add(key)
                ranked.append(key)
        ranked = ranked[:k]
        wanted = {self.normalize(g) for g in gold} - {()}
        hits = sum(1 for key in ranked if key in wanted)
        if hits == 0:
            return 0.0
        precision, recall = hits / len(ranked), hits / len(wanted)
        return 2 * precision * recall / (precision + recall)

    def scores(self, predictions: list[list[str]], documents: list[dict]) -> tuple[float, float]:
        n = len(documents)
        f5 = sum(self.f1(p, d["keyphrases"], 5) for p, d in zip(predictions, documents))
        f10 = sum(self.f1(p, d["keyphrases"], 10) for p, d in zip(predictions, documents))
        return 100 * f5 / n, 100 * f10 / n


def load(folder: Path, name: str, limit: int) -> list[dict]:
    path = folder / name / f"{name}.jsonl"
    if not path.exists():
        sys.exit(f"no {path}")
    documents = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return documents[:limit] if limit else documents


# precis in a fresh process of this Python, as the peers run: its per-thread word memo starts
# empty. Reads {"options": {...}, "workers": int, "texts": [...]} on stdin (workers 0: one document
# at a time on this thread; otherwise keywords_many on that many threads) and writes
# {"keyphrases": [[str, ...], ...], "seconds": float}.
PRECIS_RUNNER = r"""
import json, sys, time
import precis
job = json.load(sys.stdin)
texts = job["texts"]
summarizer = precis.Summarizer(**job["options"])
summarizer.keywords(texts[0], 10)
start = time.perf_counter()
if job["workers"]:
    found = summarizer.keywords_many(texts, 10, workers=job["workers"])
else:
    found = [summarizer.keywords(t, 10) for t in texts]
seconds = time.perf_counter() - start
json.dump({"keyphrases": [[k.text for k in f] for f in found], "seconds": seconds}, sys.stdout)
"""


def run_precis(
    texts: list[str], workers: int = 0, runs: int = 1, **options: Any
) -> tuple[list[list[str]], float]:
    """precis' keyphrases of the texts, and the best time of ``runs`` fresh processes."""
    found, best = run_precis_once(texts, workers, **options)
    for _ in range(runs - 1):
        best = min(best, run_precis_once(texts, workers, **options)[1])
    return found, best


def run_precis_once(
    texts: list[str], workers: int = 0, **options: Any
) -> tuple[list[list[str]], float]:
    result = subprocess.run(
        [sys.executable, "-c", PRECIS_RUNNER],
        input=json.dumps({"options": options, "workers": workers, "texts": texts}),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        sys.exit(f"precis failed:\n{result.stderr}")
    out = json.loads(result.stdout)
    return out["keyphrases"], out["seconds"]


def sample_cost(rounds: int = 15, calls: int = 40) -> tuple[float, float, list[str]]:
    """The bundled sample's summary with and without its 10 keyphrases: the best time per call of
    ``rounds`` rounds of ``calls`` calls each, in ms, alternating; and the keyphrases."""
    import precis

    text = (ROOT / "examples" / "western-development.en.txt").read_text(encoding="utf-8")
    summarizer = precis.Summarizer()
    summarizer.summarize(text, keywords=10)
    best = [float("inf"), float("inf")]
    for _ in range(rounds):
        for k, keywords in enumerate((0, 10)):
            start = time.perf_counter()
            for _ in range(calls):
                summarizer.summarize(text, keywords=keywords)
            best[k] = min(best[k], 1000 * (time.perf_counter() - start) / calls)
    return best[0], best[1], [k.text for k in summarizer.keywords(text, 10)]


def run_peers(python: Path, peers: tuple[str, ...], texts: list[str], runs: int = 1) -> dict:
    """The peers' keyphrases, and for each the best time of ``runs`` fresh processes."""
    out = run_peers_once(python, peers, texts)
    for _ in range(runs - 1):
        for peer, result in run_peers_once(python, peers, texts).items():
            out[peer]["seconds"] = min(out[peer]["seconds"], result["seconds"])
    return out


def run_peers_once(python: Path, peers: tuple[str, ...], texts: list[str]) -> dict:
    result = subprocess.run(
        [str(python), "-c", PEER_RUNNER],
        input=json.dumps({"peers": list(peers), "texts": texts}),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        sys.exit(f"the peers failed ({python}):\n{result.stderr}")
    peers_out: dict = json.loads(result.stdout)
    return peers_out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", help="the keyphrases folder (default: $PRECIS_EVAL_DATA/keyphrases)"
    )
    parser.add_argument(
        "--limit", type=int, default=0, help="the first N documents of each set (0: all)"
    )
    parser.add_argument("--peers-python", type=Path, default=PEERS_PYTHON)
    parser.add_argument("--no-peers", action="store_true", help="precis only")
    parser.add_argument(
        "--ablations", action="store_true", help="also one option changed at a time"
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=3,
        help="timed runs per system, each a fresh process (the best counts)",
    )
    parser.add_argument("--write", type=Path, help="put the tables into this Markdown file")
    args = parser.parse_args()
    folder = shared_folder(args.data, "PRECIS_EVAL_DATA", "eval", "--data") / (
        "" if args.data else "keyphrases"
    )
    if not args.no_peers and not args.peers_python.exists():
        sys.exit(
            f"no {args.peers_python}: make build/keyword-venv/.ready, pass --peers-python PYTHON, "
            "or --no-peers"
        )
    protocol = Protocol()
    rows = []  # (set, system, F1@5, F1@10, docs/s)
    ablation_rows = []  # (variant, {set: (F1@5, F1@10)})
    documents = {name: load(folder, name, args.limit) for name in SETS}
    for name, label in SETS.items():
        texts = [d["text"] for d in documents[name]]
        found, seconds = run_precis(texts)
        rows.append(
            (label, "precis", *protocol.scores(found, documents[name]), len(texts) / seconds)
        )
        threads = os.cpu_count() or 1
        found, seconds = run_precis(texts, workers=threads)
        system = f"precis keywords_many, {threads} threads"
        rows.append((label, system, *protocol.scores(found, documents[name]), len(texts) / seconds))
        if not args.no_peers:
            peers = run_peers(args.peers_python, PEERS[name], texts, args.runs)
            for peer, result in peers.items():
                scores = protocol.scores(result["keyphrases"], documents[name])
                rows.append((label, peer, *scores, len(texts) / result["seconds"]))
        print(f"{label}: {len(texts)} documents", file=sys.stderr)
    if args.ablations:
        for variant, options in [("defaults", {}), *ABLATIONS]:
            figures = {}
            for name, label in SETS.items():
                found, _ = run_precis([d["text"] for d in documents[name]], **options)
                figures[label] = protocol.scores(found, documents[name])
            ablation_rows.append((variant, figures))
            print(f"ablation: {variant}", file=sys.stderr)

    lines = [
        "| set | system | F1@5 | F1@10 | documents/s |",
        "|---|---|---:|---:|---:|",
    ]
    for label, system, f5, f10, speed in rows:
        lines.append(f"| {label} | {system} | {f5:.1f} | {f10:.1f} | {speed:,.0f} |")
    if ablation_rows:
        labels = list(SETS.values())
        lines += [
            "",
            "precis with one option changed (F1@5 / F1@10):",
            "",
            "| variant | " + " | ".join(labels) + " |",
            "|---|" + "---:|" * len(labels),
        ]
        for variant, figures in ablation_rows:
            cells = " | ".join(f"{figures[s][0]:.1f} / {figures[s][1]:.1f}" for s in labels)
            lines.append(f"| {variant} | {cells} |")
    plain, with_keywords, sample = sample_cost()
    lines += [
        "",
        f"The bundled sample (examples/western-development.en.txt, 25 KB), best of 15 rounds: "
        f"summary {plain:.3f} ms, summary with 10 keyphrases {with_keywords:.3f} ms "
        f"(+{with_keywords - plain:.3f} ms). Its keyphrases: {'; '.join(sample)}.",
    ]
    table = "\n".join(lines)
    print(table)
    if args.write:
        sizes = ", ".join(f"{SETS[n]} {len(d)}" for n, d in documents.items())
        body = (
            "## Keyphrases (`make eval-keywords`)\n\n"
            f"{provenance('eval_keywords.py', sys.argv[1:])}\n\n"
            f"Documents: {sizes}. Macro F1@5 and F1@10 x100, Porter-stemmed exact match after "
            "de-duplication (shared/eval/README.md). Documents per second: one thread, one "
            f"document at a time, the best of {args.runs} fresh processes per system; and "
            "precis' keywords_many on every core. Method and options: KeyphraseOptions in cpp/include/precis/options.hpp.\n\n"
            f"{table}\n"
        )
        write_section(args.write, "keyphrases", body, "Evaluation")
    return 0


if __name__ == "__main__":
    sys.exit(main())
