"""Chinese summaries on LCSTS: one sentence per post against its headline, in character ROUGE.

LCSTS PART III (shared/eval/lcsts; its README has the source) holds Weibo posts of about 100
characters, each with a human headline.

    make eval-lcsts
    .venv/bin/python benchmarks/eval_lcsts.py [--data DIR] [--limit N]
        [--textrank4zh-python PYTHON | --no-peers] [--write benchmarks/EVALUATION.md]

Reads lcsts_part3.jsonl from --data, else $PRECIS_EVAL_DATA/lcsts, else shared/eval/lcsts beside
the repository, and keeps the posts whose human_label (relevance of headline to post, 1-5) is at
least 3, the usual test set (725 of 1,106 posts). Each system chooses one sentence of the post:
  precis       precis.summarize(text, sentences=1), language="auto" (the default).
  LEAD-1       the first sentence of precis' segmentation (precis.sentences(text)).
  TextRank4ZH  the textrank4zh package as its users call it: TextRank4Sentence().analyze(text,
               lower=True, source="all_filters"), then get_key_sentences(num=1). It splits the
               post with its own rules and jieba; it runs as a subprocess in its own virtual
               environment (build/textrank4zh-venv, made by make eval-lcsts from
               benchmarks/requirements-textrank4zh.txt, or --textrank4zh-python), never a
               dependency of precis.
  LEARNED-1    how far the text's own evidence can carry a choice: a logistic regression over
               the FEATURES of each precis sentence (position, length, PageRank score, character-
               bigram similarity to the rest of the post, how it ends, digits, quotes), trained to
               find the ORACLE-1 sentence; cross-validated over FOLDS folds, so each post is chosen
               by a model that never saw it. Not a product: a measure of what the features can reach.
  ORACLE-1     the precis sentence with the best ROUGE-2 F1 against the headline (ties: ROUGE-1,
               then the earlier sentence): the ROUGE-2 ceiling of one precis sentence.
ROUGE-1, ROUGE-2 and ROUGE-L F1 x100 (rouge-score), mean over the posts, with the paired-bootstrap
95% confidence interval of each system's difference to LEAD-1. rouge-score's own tokenizer keeps
only [a-z0-9] runs and so drops every Chinese character; here the same character tokenizer serves
every system and the headline: NFKC (full-width ＡＢ１２ and half-width AB12 match), case folding,
then one token per letter or digit character of any script (str.isalnum), so that a Latin word
counts one token per letter, and white space, punctuation and symbols count nothing (the
headlines have little punctuation, and TextRank4ZH drops the mark that ends its sentences).

The headlines are abstractive, so these figures measure how close one extracted sentence gets to
a human headline, not an extractive leaderboard. The script also prints which language precis
detected per post, its sentences per post, and the characters that end its sentences (every
sentence but a post's last, whose end is where the post was cut), with counts and examples
(--examples N) of the breaks to look at: after a comma, none at a semicolon, after an opening
quote or bracket, after a digit and "." ("1.", "300268.SZ"), none after a 。！？ that the sentence
goes on from. --write PATH puts the table into PATH (its lcsts section), with the date, the
commit and the arguments of the run.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
import unicodedata
from collections import Counter
from itertools import pairwise
from pathlib import Path

import numpy as np

import precis
from eval_summaries import bootstrap_ci
from results import ROOT, provenance, shared_folder, write_section

MIN_LABEL = 3
TEXTRANK4ZH_PYTHON = ROOT / "build" / "textrank4zh-venv" / "bin" / "python"
SYSTEMS = ("LEAD-1", "precis", "TextRank4ZH", "LEARNED-1", "ORACLE-1")
FOLDS = 5

# Runs inside TextRank4ZH's virtual environment: reads [text, ...] on stdin and writes
# {"seconds": float, "posts": [{"sentence": str, "index": int, "sentences": int} or
# {"error": str}, ...]} on stdout. jieba loads its dictionary before the clock starts.
TEXTRANK4ZH_RUNNER = r"""
import json, sys, time
import jieba
from textrank4zh import TextRank4Sentence
jieba.setLogLevel(60)
jieba.initialize()
texts = json.load(sys.stdin)
tr4s = TextRank4Sentence()
posts = []
start = time.perf_counter()
for text in texts:
    try:
        tr4s.analyze(text, lower=True, source="all_filters")
        key = tr4s.get_key_sentences(num=1)
        posts.append({"sentence": key[0]["sentence"] if key else "",
                      "index": key[0]["index"] if key else -1,
                      "sentences": len(tr4s.sentences)})
    except Exception as error:
        posts.append({"error": f"{type(error).__name__}: {error}"})
json.dump({"seconds": time.perf_counter() - start, "posts": posts}, sys.stdout)
"""


class Characters:
    """A rouge-score tokenizer for Chinese: the letters and digits of any script, one character a
    token, after NFKC and case folding; white space, punctuation and symbols are dropped."""

    def tokenize(self, text: str) -> list[str]:
        return [c for c in unicodedata.normalize("NFKC", text).casefold() if c.isalnum()]


FEATURES = 13  # the columns of sentence_features


def sentence_features(text: str, tokenizer: Characters) -> np.ndarray:
    """One row per precis sentence of text: the FEATURES that LEARNED-1 chooses by."""
    analysis = precis.analyze(text)
    sentences = [s.text for s in analysis.sentences]
    n = len(sentences)
    grams = [Counter(pairwise(tokenizer.tokenize(s))) for s in sentences]
    total = sum(grams, Counter())
    lengths = np.array([max(len(tokenizer.tokenize(s)), 1) for s in sentences], dtype=float)
    rows = []
    for i, (sentence, own) in enumerate(zip(sentences, grams)):
        rest = total - own
        dot = sum(count * rest[gram] for gram, count in own.items())
        norm = np.sqrt(sum(c * c for c in own.values()) * sum(c * c for c in rest.values()))
        last = sentence.rstrip()[-1:]
        rows.append(
            [
                i == 0,
                i == 1,
                i == 2,
                i == n - 1,
                np.log(lengths[i]),
                np.log(lengths[i] / lengths.mean()),
                dot / norm if norm else 0.0,
                analysis.scores[i] * n,
                last in "。！？!?",
                last in "；;",
                last in "？?",
                sum(c.isdigit() for c in sentence) / lengths[i],
                "“" in sentence or '"' in sentence,
            ]
        )
    return np.array(rows, dtype=float).reshape(n, FEATURES)


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1.0) -> np.ndarray:
    """L2-regularized logistic regression by Newton's method; x carries a bias column."""
    w = np.zeros(x.shape[1])
    for _ in range(25):
        p = 1 / (1 + np.exp(-x @ w))
        gradient = x.T @ (p - y) + l2 * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + l2 * np.eye(len(w))
        w -= np.linalg.solve(hessian, gradient)
    return w


def design(features: np.ndarray, mean: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """Standardized features and a bias column."""
    return np.hstack([(features - mean) / scale, np.ones((len(features), 1))])


def learned_choice(features: list[np.ndarray], targets: list[int], folds: int) -> list[int]:
    """The sentence each post's held-out model scores highest (ties: the earlier)."""
    order = np.random.default_rng(0).permutation(len(features))
    choice = [0] * len(features)
    for held_out in np.array_split(order, folds):
        kept = np.setdiff1d(order, held_out)
        x = np.vstack([features[i] for i in kept])
        mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
        y = np.concatenate([np.arange(len(features[i])) == targets[i] for i in kept])

        w = fit_logistic(design(x, mean, scale), y.astype(float))
        for i in held_out:
            choice[i] = int(np.argmax(design(features[i], mean, scale) @ w))
    return choice


def load_posts(path: Path, limit: int) -> list[dict]:
    posts = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["human_label"] >= MIN_LABEL:
            posts.append(record)
    return posts[:limit] if limit else posts


def run_textrank4zh(python: Path, texts: list[str]) -> dict:
    result = subprocess.run(
        [str(python), "-c", TEXTRANK4ZH_RUNNER],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        sys.exit(f"TextRank4ZH failed ({python}):\n{result.stderr}")
    return json.loads(result.stdout)


# The breaks worth a look in Chinese text. A sentence should end at 。！？； (or their ASCII forms,
# or ……) with the closing quotes and brackets after them: never at a comma, nor after an opening
# quote or bracket (which belongs to the next sentence), nor after the "1." of a numbered item or
# inside a code such as 300268.SZ.
COMMA = "ends at a comma"
SEMICOLON = "a semicolon inside a sentence (no break)"
OPENING = "ends at an opening quote or bracket"
DIGIT_DOT = 'ends at a digit and "." (a numbered item "1.", a code "300268.SZ")'
MISSED = "a 。！？ inside a sentence (no break)"
CLOSING = "”’」』）)》〉】〕\"'"
OPENING_MARKS = "“‘「『（(《〈【〔"
TERMINAL = re.compile("[。！？!?]+")


def segmentation_checks(posts: list[dict], splits: list[list]) -> tuple[Counter, dict]:
    """The last character of every sentence but each post's last, and the breaks to look at:
    {check: (count, [(post id, sentence, next sentence), ...])}, one example per post."""
    ends: Counter = Counter()
    checks: dict[str, tuple[int, list]] = {
        c: (0, []) for c in (COMMA, SEMICOLON, OPENING, DIGIT_DOT, MISSED)
    }

    def note(check: str, post: dict, before: str, after: str) -> None:
        count, examples = checks[check]
        if not examples or examples[-1][0] != post["id"]:
            examples = [*examples, (post["id"], before, after)]
        checks[check] = (count + 1, examples)

    for post, sentences in zip(posts, splits):
        for sentence, following in pairwise(sentences):
            text = sentence.text.rstrip()
            last = text[-1]
            ends[last] += 1
            if last in "，,、":
                note(COMMA, post, text, following.text)
            if last in OPENING_MARKS:
                note(OPENING, post, text, following.text)
            if last == "." and len(text) > 1 and text[-2].isdigit():
                note(DIGIT_DOT, post, text, following.text)
        for sentence in sentences:
            text = sentence.text.rstrip()
            for _ in range(text[:-1].count("；") + text[:-1].count(";")):
                note(SEMICOLON, post, text, "")
            # A terminal and its closing marks followed by more of the sentence, unless a comma
            # or colon carries it on (a quoted question: 问他“你看啥？”，他说); an opening mark
            # that ends the sentence is the OPENING check's.
            for match in TERMINAL.finditer(text):
                rest = text[match.end() :].lstrip(CLOSING)
                if rest.strip(OPENING_MARKS + CLOSING) and rest[0] not in "，,、：:；;":
                    note(MISSED, post, text, "")
    return ends, checks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="the lcsts folder (default: $PRECIS_EVAL_DATA/lcsts)")
    parser.add_argument("--limit", type=int, default=0, help="the first N posts (0: all)")
    parser.add_argument("--textrank4zh-python", type=Path, default=TEXTRANK4ZH_PYTHON)
    parser.add_argument("--no-peers", action="store_true", help="without TextRank4ZH")
    parser.add_argument("--bootstrap", type=int, default=1000)
    parser.add_argument("--examples", type=int, default=3, help="examples printed per check")
    parser.add_argument("--write", type=Path, help="put the table into this Markdown file")
    args = parser.parse_args()
    folder = shared_folder(args.data, "PRECIS_EVAL_DATA", "eval", "--data") / (
        "" if args.data else "lcsts"
    )
    path = folder / "lcsts_part3.jsonl"
    if not path.exists():
        print(f"no {path.name} in {folder}", file=sys.stderr)
        return 1
    try:
        from rouge_score import rouge_scorer
    except ImportError:
        sys.exit("rouge-score is missing: pip install -r benchmarks/requirements-eval.txt")
    peers = not args.no_peers
    if peers and not args.textrank4zh_python.exists():
        sys.exit(
            f"no {args.textrank4zh_python}: make build/textrank4zh-venv/.ready, "
            "pass --textrank4zh-python PYTHON, or --no-peers"
        )

    started = time.perf_counter()
    posts = load_posts(path, args.limit)
    texts = [p["text"] for p in posts]
    headlines = [p["summary"] for p in posts]
    tokenizer = Characters()
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], tokenizer=tokenizer)

    def rouge(headline: str, sentence: str) -> tuple[float, float, float]:
        s = scorer.score(headline, sentence)
        return 100 * s["rouge1"].fmeasure, 100 * s["rouge2"].fmeasure, 100 * s["rougeL"].fmeasure

    splits = [precis.sentences(t) for t in texts]
    precis.summarize(texts[0], sentences=1)  # builds and caches the Summarizer before the clock
    clock = time.perf_counter()
    summaries = [precis.summarize(t, sentences=1) for t in texts]
    seconds = {"precis": time.perf_counter() - clock}

    chosen: dict[str, list[str]] = {"LEAD-1": [s[0].text if s else "" for s in splits]}
    first: dict[str, list[bool]] = {"LEAD-1": [True] * len(posts)}
    chosen["precis"] = [s.sentences[0].text if s.sentences else "" for s in summaries]
    first["precis"] = [
        bool(s.sentences) and bool(c) and s.sentences[0].start == c[0].start
        for s, c in zip(summaries, splits)
    ]
    notes = []
    if peers:
        out = run_textrank4zh(args.textrank4zh_python, texts)
        seconds["TextRank4ZH"] = out["seconds"]
        chosen["TextRank4ZH"] = [p.get("sentence") or "" for p in out["posts"]]
        first["TextRank4ZH"] = [p.get("index") == 0 for p in out["posts"]]
        errors = [(post["id"], p["error"]) for post, p in zip(posts, out["posts"]) if "error" in p]
        empty = sum(p.get("sentence") == "" for p in out["posts"])
        ok = [p for p in out["posts"] if "error" not in p]
        notes.append(
            f"TextRank4ZH splits a post into {np.mean([p['sentences'] for p in ok]):.2f} "
            f"sentences on average; it failed on {len(errors)} posts and returned no sentence "
            f"(none of at least 6 characters) for {empty} (both scored 0)."
        )
        for post_id, error in errors[: args.examples]:
            print(f"TextRank4ZH failed on post {post_id}: {error}", file=sys.stderr)
    chosen["ORACLE-1"], first["ORACLE-1"] = [], []
    oracle = []  # the index of ORACLE-1's sentence in each post
    for headline, sentences in zip(headlines, splits):
        scored = [rouge(headline, s.text) for s in sentences]
        # The best ROUGE-2, then the best ROUGE-1, then the earlier sentence.
        best = min(range(len(scored)), key=lambda i: (-scored[i][1], -scored[i][0], i), default=-1)
        chosen["ORACLE-1"].append(sentences[best].text if best >= 0 else "")
        first["ORACLE-1"].append(best == 0)
        oracle.append(max(best, 0))

    features = [sentence_features(t, tokenizer) for t in texts]
    if any(len(f) != len(s) for f, s in zip(features, splits)):
        sys.exit("precis.analyze and precis.sentences split a post differently")
    learned = learned_choice(features, oracle, FOLDS)
    chosen["LEARNED-1"] = [s[i].text if s else "" for s, i in zip(splits, learned)]
    first["LEARNED-1"] = [i == 0 for i in learned]

    scores = {
        name: np.array([rouge(h, s) for h, s in zip(headlines, chosen[name])])
        for name in SYSTEMS
        if name in chosen
    }
    lead = scores["LEAD-1"]
    rows = [
        "| system | R-1 | R-2 | R-L | ΔR-1 [95% CI] | ΔR-2 [95% CI] | ΔR-L [95% CI] "
        "| characters | first sentence | seconds |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, values in scores.items():
        mean = values.mean(axis=0)
        cells = [f"{m:.2f}" for m in mean]
        for m in range(3):
            if name == "LEAD-1":
                cells.append("")
                continue
            lo, hi = bootstrap_ci(values[:, m] - lead[:, m], args.bootstrap)
            cells.append(f"{mean[m] - lead[:, m].mean():+.2f} [{lo:+.2f}, {hi:+.2f}]")
        length = np.mean([len(tokenizer.tokenize(s)) for s in chosen[name]])
        cells += [f"{length:.1f}", f"{100 * np.mean(first[name]):.0f}%"]
        cells.append(f"{seconds[name]:.3f}" if name in seconds else "")
        rows.append(f"| {name} | " + " | ".join(cells) + " |")
    table = "\n".join(rows)

    languages = Counter(s.diagnostics.language for s in summaries)
    counts = [len(s) for s in splits]
    ends, checks = segmentation_checks(posts, splits)
    headline_length = np.mean([len(tokenizer.tokenize(h)) for h in headlines])
    about = (
        f"{len(posts)} posts (human_label >= {MIN_LABEL}); headlines of {headline_length:.1f} "
        f"characters on average. Language detected by precis: "
        + ", ".join(f"{lang} {n}" for lang, n in languages.most_common())
        + f". precis splits a post into {np.mean(counts):.2f} sentences on average "
        f"(1 sentence: {sum(c == 1 for c in counts)} posts)."
    )
    ending = "Sentence ends (every sentence but a post's last): " + ", ".join(
        f"{c} {n}" for c, n in ends.most_common()
    )
    check_lines = [f"{check}: {count}" for check, (count, _) in checks.items()]

    print(table)
    print()
    print(about)
    for note in notes:
        print(note)
    print(ending)
    for check, (count, examples) in checks.items():
        print(f"\n{check}: {count}")
        for post_id, before, after in examples[: args.examples]:
            print(f"  post {post_id}: {before!r}" + (f" | {after!r}" if after else ""))
    elapsed = time.perf_counter() - started
    print(f"\n{elapsed:.1f} s in all")

    if args.write:
        body = (
            "## Chinese summaries on LCSTS\n\n"
            + provenance("eval_lcsts.py", sys.argv[1:])
            + "\n\nOne sentence per Weibo post of LCSTS PART III (shared/eval/lcsts) against the "
            "post's human headline: ROUGE F1 x100 (rouge-score) over characters (NFKC, case "
            "folded, letters and digits only: white space and punctuation count nothing), with "
            "the paired-bootstrap 95% CI of the difference to LEAD-1. precis with "
            'language="auto"; LEAD-1 and ORACLE-1 (best ROUGE-2) take precis\' sentences; '
            "TextRank4ZH splits with its own rules and jieba, in its own venv "
            "(build/textrank4zh-venv). LEARNED-1 measures how far the text's own evidence can "
            f"carry one choice: a logistic regression over {FEATURES} features of each sentence (position, "
            "length, PageRank, similarity to the rest, how it ends), trained to find ORACLE-1's "
            "sentence and 5-fold cross-validated. The headlines are abstractive: this is the distance of one "
            "extracted sentence from a human headline, not an extractive leaderboard. "
            "*characters*: mean length of the chosen sentence; *first sentence*: how often it is "
            "the post's first (for TextRank4ZH, the first of its own sentences); *seconds*: the "
            "summarizing calls only, without loading jieba's dictionary.\n\n"
            + table
            + "\n\n"
            + " ".join([about, *notes])
            + "\n\n"
            + ending
            + ("; " + "; ".join(check_lines) if check_lines else "")
            + "."
        )
        write_section(args.write, "lcsts", body, "Evaluation")
    return 0


if __name__ == "__main__":
    sys.exit(main())
