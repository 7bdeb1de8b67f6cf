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

from results import PEERS_PYTHON, provenance, read_text, shared_folder, write_section

ROOT = Path(__file__).resolve().parents[1]

# Configurations of precis under evaluation: name → Summarizer keywords. "classic" is Mihalcea &
# Tarau's TextRank with every prior, filter and penalty off (the preset).
CLASSIC = {"preset": "classic"}
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


def load_qmsum(root: Path, split: str = "val") -> list[dict]:
    """QMSum meetings: the document is one turn per line (`content` only, joined by "\n"), with
    the start offset of every turn, the general summary and the specific queries. Budgets are
    whitespace-separated words of the answer; the answer is one reference text (not split into
    sentences), as for the reference figures of shared/eval/qmsum/README.md."""
    path = root / "qmsum" / f"qmsum_{split}.jsonl"
    meetings = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        turns = [t["content"] for t in record["meeting_transcripts"]]
        answer = record["general_query_list"][0]["answer"]
        queries = []
        for q in record["specific_query_list"]:
            queries.append(
                {
                    "query": q["query"],
                    "refs": [q["answer"].strip()],
                    "words": max(60, len(q["answer"].split())),
                    "spans": [(int(a), int(b)) for a, b in q["relevant_text_span"]],
                }
            )
        meetings.append(
            {
                "id": record["meeting"],
                "text": "\n".join(turns),
                "turn_starts": list(accumulate((len(t) + 1 for t in turns[:-1]), initial=0)),
                "refs": [answer.strip()],
                "words": len(answer.split()),
                "k": None,
                "title_chars": 0,
                "queries": queries,
            }
        )
    return meetings


LOADERS = {"cnndm": load_cnndm, "bbc": load_bbc, "qmsum": load_qmsum}
PROTOCOL = {
    "cnndm": "3 sentences",
    "bbc": "length-matched: as many sentences as the reference",
    "qmsum": "length-matched: as many words as the human summary of the meeting",
}


# ------------------------------------------------------------------------------------------------
# Candidates (shared by LEAD-k, the oracle and the peers) and ROUGE


def candidates(precis, doc: dict) -> list:
    """precis' sentences of the document, without the title line (never a LEAD-k candidate)."""
    return [
        s for s in precis.sentences(doc["text"], language="en") if s.start >= doc["title_chars"]
    ]


def word_count(precis, text: str) -> int:
    """precis' word count (its word and number tokens): the unit of its words budget."""
    return len(precis.tokens(text, language="en"))


def budget(doc: dict) -> dict:
    """The summary budget of a document: its word budget when it has one, else k sentences."""
    return {"words": doc["words"]} if doc.get("words") else {"sentences": doc["k"]}


def lead_words(texts: list[str], words: int) -> list[int]:
    """LEAD by words: the first sentences until their whitespace-separated words reach the budget
    (the sentence that reaches it included), as shared/eval/qmsum/README.md's LEAD."""
    total = 0
    for i, text in enumerate(texts):
        total += len(text.split())
        if total >= words:
            return list(range(i + 1))
    return list(range(len(texts)))


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
    summary = summarizer.summarize(doc["text"], **budget(doc))
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
    by_words = any(d.get("words") for d in docs)
    for system in systems:
        if system == "lead" and by_words:
            choices[system] = []
            for d, c in zip(docs, cands):
                picked = lead_words([s.text for s in c], d["words"])
                choices[system].append([c[i].text for i in picked])
        elif system == "lead":
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
    if by_words:
        result["lead"] = "LEAD"
        result["words"] = "precis' words (word and number tokens)"
    for s in systems:
        row = {"rouge": [float(x) for x in scores[s].mean(axis=0)]}
        if lead is not None and s != "lead":
            row["diff_to_lead"] = [float(x) for x in (scores[s] - lead).mean(axis=0)]
            row["ci95"] = [
                bootstrap_ci(scores[s][:, m] - lead[:, m], args.bootstrap) for m in range(3)
            ]
        count = (lambda t: word_count(precis, t)) if by_words else (lambda t: len(t.split()))
        row["mean_words"] = float(np.mean([sum(count(t) for t in ch) for ch in choices[s]]))
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


# ------------------------------------------------------------------------------------------------
# QMSum specific queries: locating the turns that answer a query


# The BM25 baseline's tokens: lowercase runs of letters and digits. Its query stopwords: NLTK's
# English list (179 words), written out because nltk.download cannot run here.
_BM25_TOKEN = re.compile(r"[a-z0-9]+")
STOPWORDS = frozenset(
    """i me my myself we our ours ourselves you you're you've you'll you'd your yours yourself
    yourselves he him his himself she she's her hers herself it it's its itself they them their
    theirs themselves what which who whom this that that'll these those am is are was were be been
    being have has had having do does did doing a an the and but if or because as until while of
    at by for with about against between into through during before after above below to from up
    down in out on off over under again further then once here there when where why how all any
    both each few more most other some such no nor not only own same so than too very s t can
    will just don don't should should've now d ll m o re ve y ain aren aren't couldn couldn't
    didn didn't doesn doesn't hadn hadn't hasn hasn't haven haven't isn isn't ma mightn mightn't
    mustn mustn't needn needn't shan shan't shouldn shouldn't wasn wasn't weren weren't won won't
    wouldn wouldn't""".split()
)


def bm25_tokens(text: str) -> list[str]:
    return _BM25_TOKEN.findall(text.lower())


def bm25_choice(bm25, query: str, counts: list[int], words: int) -> list[int]:
    """Plain BM25 over sentences: the best-scoring sentences in score order (ties: earlier
    first; sentences without a word are passed over) until the next one would break the word
    budget, returned in document order."""
    terms = [t for t in bm25_tokens(query) if t not in STOPWORDS]
    scores = bm25.get_scores(terms) if terms else np.zeros(len(counts))
    chosen, total = [], 0
    for i in sorted(range(len(counts)), key=lambda i: (-scores[i], i)):
        if not counts[i]:
            continue
        if total + counts[i] > words:
            break
        chosen.append(i)
        total += counts[i]
    return sorted(chosen)


def in_spans(turn: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= turn <= b for a, b in spans)


def turn_of(meeting: dict, start: int) -> int:
    """The turn holding the character (code point) offset ``start`` of the meeting's text."""
    return bisect.bisect_right(meeting["turn_starts"], start) - 1


def evaluate_queries(name: str, meetings: list[dict], systems: list[str], args, precis) -> dict:
    """Each specific query of each meeting: precis with query= the question (and the default
    without it), and BM25 over the same sentences, at max(60, answer words) words; locating
    precision (macro over queries), queries with any chosen sentence in the spans, and ROUGE."""
    from rank_bm25 import BM25Okapi

    rouge = Rouge()
    t0 = time.time()
    runs = [("bm25", None, True)]
    runs += [(s, args.configs[s], True) for s in systems if s.startswith("precis-")]
    if "precis-default" in systems:
        runs.append(("precis-default, no query", args.configs["precis-default"], False))
    summarizers = {
        label: precis.Summarizer(language="en", **settings)
        for label, settings, _ in runs
        if settings is not None
    }
    # Per system and query: locating precision, whether any sentence hit, ROUGE, words.
    precision: dict[str, list[float]] = {label: [] for label, _, _ in runs}
    hit: dict[str, list[bool]] = {label: [] for label, _, _ in runs}
    scores: dict[str, list[tuple[float, float, float]]] = {label: [] for label, _, _ in runs}
    words: dict[str, list[int]] = {label: [] for label, _, _ in runs}
    random_share: list[float] = []
    empty: Counter = Counter()
    for meeting in meetings:
        cands = candidates(precis, meeting)
        counts = [word_count(precis, s.text) for s in cands]
        cand_turns = [turn_of(meeting, s.start) for s in cands]
        bm25 = BM25Okapi([bm25_tokens(s.text) for s in cands], k1=1.2, b=0.75)
        for q in meeting["queries"]:
            random_share.append(
                float(np.mean([in_spans(t, q["spans"]) for t in cand_turns])) if cands else 0.0
            )
            for label, settings, with_query in runs:
                if settings is None:
                    picked = bm25_choice(bm25, q["query"], counts, q["words"])
                    chosen = [(cands[i].start, cands[i].text) for i in picked]
                else:
                    summary = summarizers[label].summarize(
                        meeting["text"], query=q["query"] if with_query else None, words=q["words"]
                    )
                    chosen = [(s.start, s.text) for s in summary.sentences]
                inside = [in_spans(turn_of(meeting, start), q["spans"]) for start, _ in chosen]
                if not chosen:
                    empty[label] += 1
                precision[label].append(float(np.mean(inside)) if inside else 0.0)
                hit[label].append(any(inside))
                texts = [text for _, text in chosen]
                scores[label].append(rouge.score(texts, q["refs"]))
                words[label].append(sum(word_count(precis, t) for t in texts))
    base = np.array(precision["bm25"])
    result = {
        "set": name,
        "kind": "queries",
        "documents": len(meetings),
        "queries": len(base),
        "random": 100 * float(np.mean(random_share)) if random_share else 0.0,
        "systems": {},
    }
    for label, _, _ in runs:
        p = np.array(precision[label])
        row = {
            "precision": 100 * float(p.mean()),
            "hits": int(sum(hit[label])),
            "rouge": [float(x) for x in np.array(scores[label]).mean(axis=0)],
            "mean_words": float(np.mean(words[label])),
            "empty": empty[label],
        }
        if label != "bm25":
            row["diff_to_bm25"] = 100 * float((p - base).mean())
            lo, hi = bootstrap_ci(p - base, args.bootstrap)
            row["ci95"] = (100 * lo, 100 * hi)
        result["systems"][label] = row
    result["seconds"] = time.time() - t0
    return result


def query_table_lines(result: dict) -> list[str]:
    random = "random: share of sentences in the spans"
    w = max(len(random), *(len(name) for name in result["systems"]))
    n = result["queries"]
    lines = [
        f"### {result['set']}: {n} specific queries of {result['documents']} meetings, "
        f"{result['protocol']}",
        "",
        "Locating precision: the share of chosen sentences whose turn (the turn holding the "
        "sentence's start) lies inside the query's relevant spans, macro-averaged over queries "
        "(a summary with no sentence counts 0); Δ = difference to BM25 with paired-bootstrap 95% "
        "CI; hits = queries with at least one chosen sentence inside the spans. ROUGE F1 x100 of "
        "the chosen sentences against the human answer. BM25: rank-bm25's BM25Okapi (k1 1.2, "
        "b 0.75) over precis' sentences, tokens = lowercase runs of letters and digits, NLTK's "
        "English stopwords removed from the query, the best-scoring sentences until the next "
        "would break the budget. Budget in precis' words (word and number tokens), from the "
        "answer's whitespace-separated words; the answer is one reference text.",
        "",
        f"| {'system':{w}} | precision | {'Δ to BM25 [95% CI]':>23} | {'hits':>9} | "
        f"{'R-1':>5} | {'R-2':>5} | {'R-Lsum':>6} | words |",
        f"|{'-' * (w + 2)}|{'-' * 11}|{'-' * 25}|{'-' * 11}|{'-' * 7}|{'-' * 7}|{'-' * 8}|{'-' * 7}|",
        f"| {random:{w}} | {result['random']:8.1f}% | "
        f"{'':23} | {'':>9} | {'':5} | {'':5} | {'':6} | {'':5} |",
    ]
    for name, row in result["systems"].items():
        r = row["rouge"]
        if "ci95" in row:
            lo, hi = row["ci95"]
            cell = f"{row['diff_to_bm25']:+6.1f} [{lo:+6.1f}, {hi:+6.1f}]"
        else:
            cell = ""
        label = "BM25 (rank-bm25)" if name == "bm25" else name
        lines.append(
            f"| {label:{w}} | {row['precision']:8.1f}% | {cell:>23} | "
            f"{row['hits']:>4}/{n:<4} | {r[0]:5.2f} | {r[1]:5.2f} | {r[2]:6.2f} | "
            f"{row['mean_words']:5.0f} |"
        )
    empties = [f"{name} {row['empty']}" for name, row in result["systems"].items() if row["empty"]]
    if empties:
        lines += ["", f"- Queries with an empty summary: {', '.join(empties)}."]
    return lines


# ------------------------------------------------------------------------------------------------
# Books: what a 10-sentence summary of a whole Gutenberg book picks


BOOK_SENTENCES = 10
_START = re.compile(r"^\*\*\*\s*START OF.*$", re.MULTILINE)
_END = re.compile(r"^\*\*\*\s*END OF", re.MULTILINE)
# Headings and table-of-contents lines (evaluation only, not the product's rules).
_NUMBERED_HEADING = re.compile(
    r"^\W*(?i:chapter|book|part|volume|act|scene)\s+(?:\d+|[IVXLCDM]+)\b"
)
_TOC_LINE = re.compile(
    r"^[^.!?]*[A-Za-z][^.!?]*?(?:\s+|\s*\.{2,}\s*)(?:\d{1,4}|[IVXLCDMivxlcdm]{1,7})$"
)
HEADING_RULE = (
    "a sentence is a heading/TOC line when it has no lowercase letter, or when it begins (after "
    "any non-word characters) with CHAPTER, BOOK, PART, VOLUME, ACT or SCENE (any case) followed "
    "by an Arabic number or an uppercase Roman numeral, or when every non-empty line of it is a "
    "title followed by a page number (no `.`, `!` or `?` in the line except dot leaders, at least "
    "one letter, then spaces or dot leaders and an Arabic number of up to 4 digits or a Roman "
    "numeral of up to 7 letters at the line's end)"
)


def is_heading(text: str) -> bool:
    if not any(c.islower() for c in text):
        return True
    if _NUMBERED_HEADING.match(text):
        return True
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return bool(lines) and all(_TOC_LINE.match(line) for line in lines)


def body_bounds(text: str) -> tuple[int, int, bool]:
    """The book's body: from the end of the "*** START OF" line to the start of the "*** END OF"
    line (the whole text, and False, when a marker is missing)."""
    start, end = _START.search(text), _END.search(text)
    if not start or not end or end.start() <= start.end():
        return 0, len(text), False
    return start.end(), end.start(), True


def load_books(folder: Path) -> tuple[list[dict], list[str]]:
    """Every UTF-8 book of the folder (name order) and the names of those that are not UTF-8."""
    books, skipped = [], []
    for path in sorted(folder.glob("*.txt")):
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            skipped.append(path.name)
            continue
        books.append({"id": path.name, "text": text})
    return books, skipped


def book_row(precis, book: dict, summary, seconds: float) -> dict:
    text = book["text"]
    lo, hi, marked = body_bounds(text)
    chosen = list(summary.sentences)
    counts = [word_count(precis, s.text) for s in chosen]
    fifths = {min(4, (s.start - lo) * 5 // max(1, hi - lo)) for s in chosen if lo <= s.start < hi}
    return {
        "book": book["id"],
        "chars": len(text),
        "markers": marked,
        "sentences": summary.diagnostics.sentence_count,
        "chosen": len(chosen),
        "boilerplate": sum(s.start < lo or s.end > hi for s in chosen),
        "heading": sum(is_heading(s.text) for s in chosen),
        "fragments": sum(n < 5 for n in counts),
        "fifths": len(fifths),
        "shortest": min(counts) if counts else 0,
        "seconds": seconds,
    }


def book_totals(rows: list[dict]) -> dict:
    largest = max(rows, key=lambda r: r["chars"])
    return {
        "books": len(rows),
        "sentences": sum(r["sentences"] for r in rows),
        "chosen": sum(r["chosen"] for r in rows),
        "boilerplate": sum(r["boilerplate"] > 0 for r in rows),
        "heading": sum(r["heading"] > 0 for r in rows),
        "fragments": sum(r["fragments"] > 0 for r in rows),
        "under_4_fifths": sum(r["fifths"] < 4 for r in rows),
        "shortest": min(r["shortest"] for r in rows),
        "seconds": sum(r["seconds"] for r in rows),
        "largest": largest["book"],
        "largest_seconds": largest["seconds"],
    }


def evaluate_books(name: str, books: list[dict], systems: list[str], args, precis) -> dict:
    t0 = time.time()
    result = {"set": name, "kind": "books", "documents": len(books), "systems": {}}
    for system in systems:
        if not system.startswith("precis-"):
            continue
        summarizer = precis.Summarizer(language="en", **args.configs[system])
        rows = []
        for book in books:
            t = time.perf_counter()
            summary = summarizer.summarize(book["text"], sentences=BOOK_SENTENCES)
            rows.append(book_row(precis, book, summary, time.perf_counter() - t))
        result["systems"][system] = {"books": rows, "totals": book_totals(rows)}
    result["seconds"] = time.time() - t0
    return result


def books_table_lines(result: dict) -> list[str]:
    if not result["systems"]:
        return [f"### {result['set']}: no precis system selected"]
    main = (
        "precis-default" if "precis-default" in result["systems"] else next(iter(result["systems"]))
    )
    rows = result["systems"][main]["books"]
    totals = result["systems"][main]["totals"]
    w = max(14, *(len(r["book"]) for r in rows))
    skipped = result.get("skipped") or []
    lines = [
        f"### {result['set']}: {result['documents']} Project Gutenberg books "
        f"({result.get('folder', 'en-gutenberg')}), {BOOK_SENTENCES} sentences, {main}",
        "",
        "Per book: the chosen sentences that are boilerplate (inside the Gutenberg header or "
        "licence: starting before the end of the `*** START OF` line or ending after the start "
        "of the `*** END OF` line), headings/TOC lines, fragments (fewer than 5 words), the "
        "fifths of the body (between those lines, by character offset) that hold the start of "
        "at least one chosen sentence, the shortest chosen sentence in words (precis' word and "
        f"number tokens) and the time of the summarize call. Heading rule: {HEADING_RULE}. "
        "These detectors are for evaluation only; they are not the product's rules."
        + (f" Not UTF-8, skipped: {', '.join(skipped)}." if skipped else ""),
        "",
        f"| {'book':{w}} | sentences | chosen | boilerplate | heading/TOC | fragments | fifths "
        f"| shortest | seconds |",
        f"|{'-' * (w + 2)}|{'-' * 11}|{'-' * 8}|{'-' * 13}|{'-' * 13}|{'-' * 11}|{'-' * 8}"
        f"|{'-' * 10}|{'-' * 9}|",
    ]
    for r in rows:
        mark = "" if r["markers"] else " (no markers)"
        lines.append(
            f"| {r['book'] + mark:{w}} | {r['sentences']:9d} | {r['chosen']:6d} | "
            f"{r['boilerplate']:11d} | {r['heading']:11d} | {r['fragments']:9d} | "
            f"{r['fifths']:6d} | {r['shortest']:8d} | {r['seconds']:7.2f} |"
        )
    t = totals
    n = t["books"]
    lines.append(
        f"| {'books with any':{w}} | {t['sentences']:9d} | {t['chosen']:6d} | "
        f"{str(t['boilerplate']) + '/' + str(n):>11} | {str(t['heading']) + '/' + str(n):>11} | "
        f"{str(t['fragments']) + '/' + str(n):>9} | {str(t['under_4_fifths']) + ' <4':>6} | "
        f"{t['shortest']:8d} | {t['seconds']:7.2f} |"
    )
    lines += [
        "",
        f"- Totals row: books with any boilerplate / heading / fragment, books with fewer than 4 "
        f"fifths covered, the shortest sentence over all, the total time. Largest book "
        f"({t['largest']}): {t['largest_seconds']:.2f} s.",
    ]
    if len(result["systems"]) > 1:
        ws = max(25, *(len(s) for s in result["systems"]))
        lines += [
            "",
            f"Totals per system (books out of {n}):",
            "",
            f"| {'system':{ws}} | boilerplate | heading/TOC | fragments | <4 fifths | shortest "
            f"| seconds | largest book s |",
            f"|{'-' * (ws + 2)}|{'-' * 13}|{'-' * 13}|{'-' * 11}|{'-' * 11}|{'-' * 10}|{'-' * 9}"
            f"|{'-' * 16}|",
        ]
        for system, data in result["systems"].items():
            t = data["totals"]
            lines.append(
                f"| {system:{ws}} | {t['boilerplate']:11d} | {t['heading']:11d} | "
                f"{t['fragments']:9d} | {t['under_4_fifths']:9d} | {t['shortest']:8d} | "
                f"{t['seconds']:7.2f} | {t['largest_seconds']:14.2f} |"
            )
    return lines


def table_lines(result: dict) -> list[str]:
    """One set's results as Markdown: a heading, the ROUGE table and the agreement lines."""
    if result.get("kind") == "queries":
        return query_table_lines(result)
    if result.get("kind") == "books":
        return books_table_lines(result)
    w = max(25, *(len(name) for name in result["systems"]))
    lead = result.get("lead", "LEAD-k")
    unit = result.get("unit", "documents")
    lines = [
        f"### {result['set']}: {result['documents']} {unit}, {result['protocol']}",
        "",
        f"ROUGE F1 x100; Δ = difference to {lead} with paired-bootstrap 95% CI",
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
        label = lead if name == "lead" else name
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
    if "note" in result:
        lines += ["", result["note"]]
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
and filter off. Peers (sumy, summa) run in their own virtual environment, build/peers-venv.

QMSum (meetings, one turn per line) measures long transcripts: `qmsum` against the human summary
of the whole meeting at its word count, beside LEAD (the first sentences until they reach the
same word budget); `qmsum-query` asks each specific question with `query=` and measures how many
chosen sentences lie in the turns a human marked as answering it, beside a plain BM25 ranking of
the same sentences. `books` summarizes whole Project Gutenberg books in 10 sentences and counts
what such a summary should not contain. The oracle and the peers run on cnndm and bbc only."""


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
    parser.add_argument("--sets", default=",".join(ALL_SETS), help=f"of {', '.join(ALL_SETS)}")
    parser.add_argument(
        "--qmsum-split",
        default="val",
        choices=("val", "train"),
        help="QMSum file for qmsum and qmsum-query (the test split is held out)",
    )
    parser.add_argument(
        "--corpus",
        help="folder with en-gutenberg/ for the books set "
        "(default: $PRECIS_CORPUS_DIR, else shared/corpus beside the repository)",
    )
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
    parser.add_argument("--peers-python", default=str(PEERS_PYTHON))
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

    sets = [s for s in args.sets.split(",") if s]
    unknown = [s for s in sets if s not in ALL_SETS]
    if unknown:
        parser.error(f"unknown set {', '.join(unknown)} (known: {', '.join(ALL_SETS)})")
    if any(s != "books" for s in sets):
        root = shared_folder(args.data, "PRECIS_EVAL_DATA", "eval", "--data")
    if "books" in sets:
        corpus = shared_folder(args.corpus, "PRECIS_CORPUS_DIR", "corpus", "--corpus")
    try:
        import rouge_score  # noqa: F401

        if "qmsum-query" in sets:
            import rank_bm25  # noqa: F401
    except ImportError as error:
        sys.exit(f"{error.name} is missing: pip install -r benchmarks/requirements-eval.txt")
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
    # The oracle (k sentences) and the peers run on the news sets only.
    new_set_systems = [s for s in systems if s != "oracle" and s not in PEERS]
    results = []
    for name in sets:
        t0 = time.time()
        if name == "books":
            books, skipped = load_books(corpus / "en-gutenberg")
            books = books[args.offset :][: args.limit or None]
            result = evaluate_books(name, books, new_set_systems, args, precis)
            result["skipped"] = skipped
            result["folder"] = "en-gutenberg"
        elif name.startswith("qmsum"):
            meetings = load_qmsum(root, args.qmsum_split)[args.offset :][: args.limit or None]
            source = f"qmsum_{args.qmsum_split}.jsonl"
            if name == "qmsum":
                result = evaluate(name, meetings, new_set_systems, args, precis)
                result["unit"] = "meetings"
                result["protocol"] += f" ({source})"
                result["note"] = (
                    "The document is one turn per line. Budget: the human summary's "
                    "whitespace-separated words; precis gets it as `words=` (its words: word "
                    "and number tokens, also the words column); LEAD takes the first sentences "
                    "until their whitespace-separated words reach it (that sentence included). "
                    "The summary is one reference text (not split into sentences), as for the "
                    "reference figures in shared/eval/qmsum/README.md."
                )
            else:
                result = evaluate_queries(name, meetings, new_set_systems, args, precis)
                result["protocol"] = f"{source}, budget max(60, answer words)"
        else:
            docs = LOADERS[name](root)[args.offset :]
            if args.limit:
                docs = docs[: args.limit]
            result = evaluate(name, docs, systems, args, precis)
        result["seconds"] = time.time() - t0
        print_table(result)
        print(f"({name}: {result['seconds']:.1f} s)")
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
