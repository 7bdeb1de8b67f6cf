"""ROUGE evaluation of precis against LEAD-k, an oracle and peer summarizers.

    make eval                                   # everything, full dev sets
    .venv/bin/python benchmarks/eval_summaries.py [--data DIR] [--corpus DIR]
        [--sets cnndm,bbc,qmsum,qmsum-query,books] [--qmsum-split val|train] [--limit N]
        [--systems lead,oracle,precis-default,...] [--presets] [--ablations] [--no-peers]
        [--json out.json] [--write benchmarks/EVALUATION.md]

Reads the evaluation sets of shared/eval (--data, else $PRECIS_EVAL_DATA, else ../shared/eval
beside the repository) and the books of shared/corpus (--corpus, else $PRECIS_CORPUS_DIR, else
../shared/corpus) and exits with a message when a set's folder is absent:
  cnndm        CNN/DailyMail test documents (dev100) with highlights; 3 sentences per summary.
  bbc          BBC News Summary, extractive references; as many sentences as the reference has.
  qmsum        QMSum meetings (qmsum_val.jsonl, or --qmsum-split train), one turn per line,
               against the human summary of the whole meeting; word budget = its word count.
  qmsum-query  QMSum's specific queries: precis with query= the question, budget max(60, answer
               words), against a plain BM25 ranking of the same sentences: locating precision
               (share of chosen sentences in the turns that answer the query) and ROUGE.
  books        every UTF-8 book of CORPUS/en-gutenberg, 10 sentences: how many chosen sentences
               are Gutenberg boilerplate, headings or fragments, and how much of the book the
               summary spans (evaluation-only detectors, not the product's rules).
Prints ROUGE-1/2/Lsum F1 (rouge-score, Porter stemming, Lsum over newline-separated sentences)
and, for each system, the paired-bootstrap 95% confidence interval of its difference to LEAD-k.
The oracle and the peers run on cnndm and bbc only.

Peers (sumy TextRank and LexRank, summa) run as subprocesses in their own virtual environment
(build/peers-venv, made by `make eval`, or --peers-python); they are never dependencies of
precis. They get the same candidate sentences as LEAD-k (precis' segmentation), so their choice,
not their sentence splitter, is compared; the script also reports how often classic TextRank in
precis chooses the same sentences as they do.

--write PATH writes the tables as Markdown into PATH (benchmarks/EVALUATION.md), with the date,
the commit and the arguments of the run. It replaces only its own section of the file, so the
Golden Rules section that eval_segmentation.py --write keeps there stays.
"""

from __future__ import annotations

import argparse
import bisect
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from itertools import accumulate, pairwise
from pathlib import Path

import numpy as np

from results import provenance, shared_folder, write_section

ROOT = Path(__file__).resolve().parents[1]

# Configurations of precis under evaluation: name → Summarizer keywords. "classic" is Mihalcea &
# Tarau's TextRank with every prior, filter and penalty off.
CLASSIC = {
    "similarity": "textrank",
    "position_weight": 0.0,
    "length_penalty": 0.0,
    "redundancy": 0.0,
    "min_length_ratio": 0.0,
    "skip_unterminated": False,
    "duplicate_threshold": 1.0,
}
PRECIS_SYSTEMS: dict[str, dict] = {
    "precis-classic-textrank": CLASSIC,
    "precis-textrank": {"similarity": "textrank"},
    "precis-bm25": {"similarity": "bm25"},
    "precis-cosine": {"similarity": "cosine"},
    "precis-default": {},
}
# --ablations: the default with one part changed, to show what each part is worth (exp-0: the
# position prior at full strength whatever the budget).
ABLATIONS: dict[str, dict] = {
    "abl-no-prior": {"position_weight": 0.0},
    "abl-prior-exp-0": {"position_budget_exponent": 0.0},
    "abl-prior-exp-2": {"position_budget_exponent": 2.0},
    "abl-prior-exp-4": {"position_budget_exponent": 4.0},
    "abl-no-length-penalty": {"length_penalty": 0.0},
    "abl-no-fragment-filter": {"min_length_ratio": 0.0},
    "abl-mmr-0.1": {"redundancy": 0.1},
    "abl-mmr-0.2": {"redundancy": 0.2},
}
PEERS = ("sumy-textrank", "sumy-lexrank", "summa")
DEFAULT_SYSTEMS = ("lead", "oracle", *PEERS, *PRECIS_SYSTEMS)
ALL_SETS = ("cnndm", "bbc", "qmsum", "qmsum-query", "books")


# ------------------------------------------------------------------------------------------------
# Data


# A reference sentence ends after . ! ? (or one of them and a closing ") when an uppercase letter
# follows directly: the BBC references are glued ("...$10.9bn.For the full-year...").
_GLUE = re.compile(r'(?<=[.!?])(?=[A-Z])|(?<=[.!?]")(?=[A-Z])')


def split_reference(text: str) -> list[str]:
    sentences = []
    for line in text.splitlines():
        sentences += [s.strip() for s in _GLUE.split(line) if s.strip()]
    return sentences


def load_cnndm(root: Path) -> list[dict]:
    path = root / "cnndm" / "cnndm_test_dev100.jsonl"
    docs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        docs.append(
            {
                "id": record["id"],
                "text": record["article"],
                "refs": record["highlights"],
                "k": 3,
                "title_chars": 0,
            }
        )
    return docs


def read_text(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def load_bbc(root: Path) -> list[dict]:
    base = root / "bbc_news_summary"
    docs = []
    for article in sorted((base / "articles").glob("*/*.txt")):
        summary = base / "summaries" / article.parent.name / article.name
        if not summary.exists():
            continue
        text = read_text(article)
        refs = split_reference(read_text(summary))
        title = text.split("\n", 1)[0]
        docs.append(
            {
                "id": f"{article.parent.name}/{article.stem}",
                "text": text,
                "refs": refs,
                "k": len(refs),
                "title_chars": len(title),
            }
        )
    return docs


LOADERS = {"cnndm": load_cnndm, "bbc": load_bbc}
PROTOCOL = {"cnndm": "3 sentences", "bbc": "length-matched: as many sentences as the reference"}


# ------------------------------------------------------------------------------------------------
# Candidates (shared by LEAD-k, the oracle and the peers) and ROUGE


def candidates(precis, doc: dict) -> list:
    """precis' sentences of the document, without the title line (never a LEAD-k candidate)."""
    return [
        s for s in precis.sentences(doc["text"], language="en") if s.start >= doc["title_chars"]
    ]


class Rouge:
    def __init__(self) -> None:
        from nltk.stem import porter
        from rouge_score import rouge_scorer, tokenize

        self.scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)
        self._stemmer = porter.PorterStemmer()
        self._tokenize = tokenize.tokenize
        self._cache: dict[str, list[str]] = {}

    def score(self, chosen: list[str], refs: list[str]) -> tuple[float, float, float]:
        s = self.scorer.score("\n".join(refs), "\n".join(chosen))
        return (
            100 * s["rouge1"].fmeasure,
            100 * s["rouge2"].fmeasure,
            100 * s["rougeLsum"].fmeasure,
        )

    def tokens(self, text: str) -> list[str]:
        if text not in self._cache:
            self._cache[text] = self._tokenize(text, self._stemmer)
        return self._cache[text]


def _f1(overlap: int, produced: int, wanted: int) -> float:
    if not overlap:
        return 0.0
    p, r = overlap / produced, overlap / wanted
    return 2 * p * r / (p + r)


def oracle(rouge: Rouge, sentences: list[str], refs: list[str], k: int) -> list[int]:
    """Greedy extractive oracle (Nallapati et al. 2017; Liu & Lapata 2019): adds the sentence that
    most raises mean ROUGE-1/2 F1, at most k sentences, stopping when none helps."""
    ref_tokens = [t for r in refs for t in rouge.tokens(r)]
    ref1, ref2 = Counter(ref_tokens), Counter(pairwise(ref_tokens))
    toks = [rouge.tokens(s) for s in sentences]
    chosen: list[int] = []
    best = 0.0
    c1: Counter = Counter()
    c2: Counter = Counter()
    while len(chosen) < k:
        pick, pick_score = None, best
        for i, t in enumerate(toks):
            if i in chosen:
                continue
            n1, n2 = c1 + Counter(t), c2 + Counter(pairwise(t))
            s1 = _f1(sum((n1 & ref1).values()), sum(n1.values()), max(1, len(ref_tokens)))
            s2 = _f1(sum((n2 & ref2).values()), sum(n2.values()), max(1, len(ref_tokens) - 1))
            if (s1 + s2) / 2 > pick_score:
                pick, pick_score = i, (s1 + s2) / 2
        if pick is None:
            break
        chosen.append(pick)
        best = pick_score
        c1 += Counter(toks[pick])
        c2 += Counter(pairwise(toks[pick]))
    return sorted(chosen)


# ------------------------------------------------------------------------------------------------
# Systems


def run_peers(
    python: str, docs: list[dict], cands: list[list], systems: list[str]
) -> dict[str, list[list[int]]]:
    jobs = [{"sentences": [s.text for s in c], "k": d["k"]} for d, c in zip(docs, cands)]
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
        json.dump({"systems": systems, "docs": jobs}, f)
        path = f.name
    try:
        out = subprocess.run(
            [python, str(ROOT / "benchmarks" / "peers_run.py"), path],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    finally:
        os.unlink(path)
    return json.loads(out)


def precis_choice(summarizer, doc: dict, cands: list) -> tuple[list[str], list[int]]:
    """The summary's sentences, and their positions among the candidates (for agreement)."""
    summary = summarizer.summarize(doc["text"], sentences=doc["k"])
    by_start = {s.start: i for i, s in enumerate(cands)}
    return [s.text for s in summary.sentences], [
        by_start.get(s.start, -1) for s in summary.sentences
    ]


def bootstrap_ci(diff: np.ndarray, samples: int, seed: int = 0) -> tuple[float, float]:
    rng = np.random.default_rng(seed)
    means = diff[rng.integers(0, len(diff), size=(samples, len(diff)))].mean(axis=1)
    return float(np.percentile(means, 2.5)), float(np.percentile(means, 97.5))


def agreement(a: list[list[int]], b: list[list[int]]) -> tuple[float, float]:
    """Mean share of b's sentences that a also chose, and the share of documents with equal sets."""
    shared = [len(set(x) & set(y)) / max(1, len(y)) for x, y in zip(a, b)]
    same = [set(x) == set(y) for x, y in zip(a, b)]
    return 100 * float(np.mean(shared)), 100 * float(np.mean(same))


def evaluate(name: str, docs: list[dict], systems: list[str], args, precis) -> dict:
    rouge = Rouge()
    t0 = time.time()
    cands = [candidates(precis, d) for d in docs]
    choices: dict[str, list[list[str]]] = {}
    indices: dict[str, list[list[int]]] = {}
    for system in systems:
        if system == "lead":
            choices[system] = [[s.text for s in c[: d["k"]]] for d, c in zip(docs, cands)]
        elif system == "oracle":
            choices[system] = []
            for d, c in zip(docs, cands):
                texts = [s.text for s in c]
                choices[system].append([texts[i] for i in oracle(rouge, texts, d["refs"], d["k"])])
        elif system.startswith("precis-"):
            settings = {**args.configs[system]}
            summarizer = precis.Summarizer(language="en", **settings)
            pairs = [precis_choice(summarizer, d, c) for d, c in zip(docs, cands)]
            choices[system] = [p[0] for p in pairs]
            indices[system] = [p[1] for p in pairs]
    peers = [s for s in systems if s in PEERS]
    if peers and args.peers_python:
        picked = run_peers(args.peers_python, docs, cands, peers)
        for system in peers:
            indices[system] = picked[system]
            choices[system] = [
                [c[i].text for i in sorted(p)] for c, p in zip(cands, picked[system])
            ]
    systems = [s for s in systems if s in choices]

    scores = {
        s: np.array([rouge.score(ch, d["refs"]) for ch, d in zip(choices[s], docs)])
        for s in systems
    }
    lead = scores.get("lead")
    result = {"set": name, "documents": len(docs), "protocol": PROTOCOL[name], "systems": {}}
    for s in systems:
        row = {"rouge": [float(x) for x in scores[s].mean(axis=0)]}
        if lead is not None and s != "lead":
            row["diff_to_lead"] = [float(x) for x in (scores[s] - lead).mean(axis=0)]
            row["ci95"] = [
                bootstrap_ci(scores[s][:, m] - lead[:, m], args.bootstrap) for m in range(3)
            ]
        row["mean_words"] = float(np.mean([sum(len(t.split()) for t in ch) for ch in choices[s]]))
        result["systems"][s] = row
    classic = "precis-classic-textrank"
    if classic in indices:
        result["agreement"] = {
            p: agreement(indices[classic], indices[p]) for p in peers if p in indices
        }
        if "sumy-textrank" in indices and "summa" in indices:
            result["agreement"]["sumy-textrank vs summa"] = agreement(
                indices["summa"], indices["sumy-textrank"]
            )
    result["seconds"] = time.time() - t0
    return result


def table_lines(result: dict) -> list[str]:
    """One set's results as Markdown: a heading, the ROUGE table and the agreement lines."""
    w = max(25, *(len(name) for name in result["systems"]))
    lines = [
        f"### {result['set']}: {result['documents']} documents, {result['protocol']}",
        "",
        "ROUGE F1 x100; Δ = difference to LEAD-k with paired-bootstrap 95% CI",
        "",
        f"| {'system':{w}} | {'R-1':>5} | {'R-2':>5} | {'R-Lsum':>6} | {'ΔR-1 [95% CI]':>23} | "
        f"{'ΔR-2 [95% CI]':>23} | {'ΔR-Lsum [95% CI]':>23} | words |",
        f"|{'-' * (w + 2)}|{'-' * 7}|{'-' * 7}|{'-' * 8}|{'-' * 25}|{'-' * 25}|{'-' * 25}|{'-' * 7}|",
    ]
    for name, row in result["systems"].items():
        r = row["rouge"]
        cells = []
        for m in range(3):
            if "ci95" in row:
                lo, hi = row["ci95"][m]
                cells.append(f"{row['diff_to_lead'][m]:+6.2f} [{lo:+6.2f}, {hi:+6.2f}]")
            else:
                cells.append(" " * 23)
        label = "LEAD-k" if name == "lead" else name
        lines.append(
            f"| {label:{w}} | {r[0]:5.2f} | {r[1]:5.2f} | {r[2]:6.2f} | {cells[0]:>23} | "
            f"{cells[1]:>23} | {cells[2]:>23} | {row['mean_words']:5.0f} |"
        )
    agreement_lines = []
    for peer, (shared, same) in result.get("agreement", {}).items():
        who = peer if " vs " in peer else f"precis classic TextRank vs {peer}"
        agreement_lines.append(
            f"- Agreement, {who}: {shared:.1f}% of sentences shared, "
            f"{same:.1f}% identical summaries."
        )
    if agreement_lines:
        lines += ["", *agreement_lines]
    return lines


def print_table(result: dict) -> None:
    print()
    print("\n".join(table_lines(result)))


SECTION = "summary-quality"
ABOUT = """\
ROUGE-1/2/Lsum F1 (rouge-score, Porter stemming, Lsum over newline-separated sentences) with the
paired-bootstrap 95% confidence interval of each system's difference to LEAD-k. Every system
chooses from the same sentences (precis' segmentation; the BBC title line is never a LEAD-k
candidate), so the comparison is about choice, not splitting. The oracle is greedy on mean
ROUGE-1/2 F1. `precis-textrank` is the default configuration listed by its similarity;
`precis-classic-textrank` (= `preset="classic"`) is Mihalcea & Tarau's TextRank with every prior
and filter off. Peers (sumy, summa) run in their own virtual environment, build/peers-venv."""


def render(results: list[dict], argv: list[str]) -> str:
    lines = [
        "## Summary quality (`make eval`)",
        "",
        provenance("eval_summaries.py", argv),
        "",
        ABOUT,
    ]
    for result in results:
        lines += ["", *table_lines(result)]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="shared/eval directory (default: $PRECIS_EVAL_DATA)")
    parser.add_argument("--sets", default="cnndm,bbc")
    parser.add_argument(
        "--limit", type=int, default=0, help="first N documents of each set (0: all)"
    )
    parser.add_argument("--offset", type=int, default=0, help="skip the first N documents")
    parser.add_argument("--systems", default=",".join(DEFAULT_SYSTEMS))
    parser.add_argument(
        "--config",
        action="append",
        default=[],
        help="extra precis system: NAME=JSON keywords, e.g. x='{\"position_weight\": 0.5}'",
    )
    parser.add_argument("--presets", action="store_true", help="also evaluate every named preset")
    parser.add_argument(
        "--ablations",
        action="store_true",
        help="also evaluate the default with one part changed (see ABLATIONS)",
    )
    parser.add_argument("--bootstrap", type=int, default=1000)
    parser.add_argument(
        "--peers-python", default=str(ROOT / "build" / "peers-venv" / "bin" / "python")
    )
    parser.add_argument("--no-peers", action="store_true")
    parser.add_argument("--json", help="also write the results here")
    parser.add_argument(
        "--write",
        metavar="PATH",
        help="write the tables as Markdown into PATH (its summary-quality section), "
        "e.g. benchmarks/EVALUATION.md",
    )
    args = parser.parse_args()

    import precis

    root = shared_folder(args.data, "PRECIS_EVAL_DATA", "eval", "--data")
    try:
        import rouge_score  # noqa: F401
    except ImportError:
        sys.exit("rouge-score is missing: pip install -r benchmarks/requirements-eval.txt")
    args.configs = dict(PRECIS_SYSTEMS)
    systems = [s for s in args.systems.split(",") if s]
    for spec in args.config:
        name, _, settings = spec.partition("=")
        args.configs["precis-" + name] = json.loads(settings)
        systems.append("precis-" + name)
    if args.presets:
        for name in precis.PRESETS:
            if name == "default":  # precis-default already
                continue
            args.configs["precis-preset-" + name] = {"preset": name}
            systems.append("precis-preset-" + name)
    if args.ablations:
        for name, settings in ABLATIONS.items():
            args.configs["precis-" + name] = settings
            systems.append("precis-" + name)
    if args.no_peers or not Path(args.peers_python).exists():
        if not args.no_peers and any(s in PEERS for s in systems):
            print(f"peers skipped: no {args.peers_python} (make eval creates it)", file=sys.stderr)
        args.peers_python = None
    results = []
    for name in args.sets.split(","):
        docs = LOADERS[name](root)[args.offset :]
        if args.limit:
            docs = docs[: args.limit]
        result = evaluate(name, docs, systems, args, precis)
        print_table(result)
        results.append(result)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1), encoding="utf-8")
    if args.write:
        write_section(
            Path(args.write), SECTION, render(results, sys.argv[1:]), "precis evaluation results"
        )
        print(f"wrote {args.write}")


if __name__ == "__main__":
    main()
