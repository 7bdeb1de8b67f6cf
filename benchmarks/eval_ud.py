"""Sentence-span F1 on the Universal Dependencies dev texts (shared/eval/ud, protocol in its
README): precis beside pySBD, blingfire and sentencex, each peer in the peers' virtual environment
(make peers). Each file's documents are rebuilt into raw text (paragraphs joined by a blank line,
sentences by a space, or by nothing in Chinese and Japanese); a system's sentence counts when its
span, stripped of white space, equals a gold sentence's span. Per file F1, then the macro average
over files (make eval-ud; --write puts the table into benchmarks/EVALUATION.md). --conllu scores
other treebanks and splits from their .conllu files the same way (only the "# text", "# newdoc"
and "# newpar" lines are read)."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import precis
from results import PEERS_PYTHON, provenance, ud_files, write_section

Span = tuple[int, int]

# Runs inside the peers' virtual environment: reads [[lang, text], ...] on stdin and writes
# {tool: [[segment, ...] or null (language not supported), ...]} on stdout.
PEER_RUNNER = r"""
import json, sys
documents = json.load(sys.stdin)
out = {}
try:
    import pysbd
    from pysbd.languages import LANGUAGE_CODES
    out["pySBD"] = [pysbd.Segmenter(language=lang, clean=False).segment(text) if lang in LANGUAGE_CODES
                    else None for lang, text in documents]
except ImportError:
    pass
try:
    import blingfire
    out["blingfire"] = [blingfire.text_to_sentences(text).split("\n") for lang, text in documents]
except ImportError:
    pass
try:
    from sentencex import segment
    out["sentencex"] = [list(segment(lang, text)) for lang, text in documents]
except ImportError:
    pass
json.dump(out, sys.stdout)
"""
PEERS = ("pySBD", "blingfire", "sentencex")


def conllu_documents(path: Path) -> list[list[list[str]]]:
    """The documents (paragraphs of sentences) of a CoNLL-U file, as the README builds them from
    a treebank: a document at each "# newdoc" and a paragraph at each "# newpar"; with paragraph
    marks only, each paragraph is a document; with neither (one mark, or a mark on every
    sentence, counts as none), documents of one paragraph of 10 consecutive sentences."""
    sentences, marks = [], []  # marks: (newdoc, newpar) before each sentence
    newdoc = newpar = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# newdoc"):
            newdoc = True
        elif line.startswith("# newpar"):
            newpar = True
        elif line.startswith("# text ="):
            sentences.append(line.removeprefix("# text =").strip())
            marks.append((newdoc, newpar))
            newdoc = newpar = False
    docs = 1 < sum(d for d, _ in marks) < len(marks)
    pars = 1 < sum(p for _, p in marks) < len(marks)
    if not docs and not pars:
        return [[sentences[i : i + 10]] for i in range(0, len(sentences), 10)]
    documents: list[list[list[str]]] = []
    for sentence, (doc, par) in zip(sentences, marks):
        if not documents or (doc if docs else par):
            documents.append([[]])
        elif par and documents[-1][-1]:
            documents[-1].append([])
        documents[-1][-1].append(sentence)
    return documents


def documents_of(path: Path) -> list[tuple[str, list[Span]]]:
    """Each document's raw text and gold spans (code points), as the README builds them."""
    lang = path.name.split("_")[0]
    joiner = "" if lang in ("zh", "ja") else " "
    if path.suffix == ".conllu":
        paragraphs_of = conllu_documents(path)
    else:
        lines = path.read_text(encoding="utf-8").splitlines()
        paragraphs_of = [json.loads(line)["paragraphs"] for line in lines]
    documents = []
    for paragraphs in paragraphs_of:
        text, gold = "", []
        for i, paragraph in enumerate(paragraphs):
            if i:
                text += "\n\n"
            for j, sentence in enumerate(paragraph):
                if j:
                    text += joiner
                gold.append((len(text), len(text) + len(sentence)))
                text += sentence
        documents.append((text, gold))
    return documents


def spans_of(text: str, segments: list[str]) -> list[Span]:
    """The stripped spans of a peer's segments, found in order in `text`; a segment that is not a
    slice of the text (the peer changed it) has no span and so never matches."""
    spans, cursor = [], 0
    for segment in segments:
        stripped = segment.strip()
        if not stripped:
            continue
        at = text.find(stripped, cursor)
        if at < 0:
            spans.append((-1, -1))
            continue
        spans.append((at, at + len(stripped)))
        cursor = at + len(stripped)
    return spans


def f1(predicted: list[list[Span]], gold: list[list[Span]]) -> float:
    matched = sum(len(set(p) & set(g)) for p, g in zip(predicted, gold))
    n_predicted = sum(len(p) for p in predicted)
    n_gold = sum(len(g) for g in gold)
    if matched == 0:
        return 0.0
    precision, recall = matched / n_predicted, matched / n_gold
    return 200 * precision * recall / (precision + recall)


def precis_spans(text: str, lang: str, language: str) -> list[Span]:
    return [
        (s.start, s.end)
        for s in precis.sentences(text, language=lang if language == "named" else "auto")
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", help="the ud folder (default: $PRECIS_EVAL_DATA/ud)")
    parser.add_argument("--peers-python", type=Path, default=PEERS_PYTHON)
    parser.add_argument("--no-peers", action="store_true")
    parser.add_argument(
        "--conllu",
        nargs="+",
        type=Path,
        help="score these CoNLL-U files instead (any treebank or split, named <lang>_<treebank>-…)",
    )
    parser.add_argument("--write", type=Path, help="put the table into this Markdown file")
    args = parser.parse_args()
    files = args.conllu or ud_files(args.data)
    rows, scores = [], {name: [] for name in ("precis", "precis auto", *PEERS)}
    for path in files:
        lang = path.name.split("_")[0]
        documents = documents_of(path)
        gold = [g for _, g in documents]
        row = {
            "precis": f1([precis_spans(t, lang, "named") for t, _ in documents], gold),
            "precis auto": f1([precis_spans(t, lang, "auto") for t, _ in documents], gold),
        }
        if not args.no_peers and args.peers_python.exists():
            result = subprocess.run(
                [str(args.peers_python), "-c", PEER_RUNNER],
                input=json.dumps([[lang, t] for t, _ in documents]),
                capture_output=True,
                text=True,
                check=True,
            )
            for peer, outputs in json.loads(result.stdout).items():
                if outputs and outputs[0] is not None:
                    row[peer] = f1([spans_of(t, o) for (t, _), o in zip(documents, outputs)], gold)
        for name, value in row.items():
            scores[name].append(value)
        rows.append((path.name.removesuffix(".dev.jsonl").removesuffix(".conllu"), row))
        print(path.name, " ".join(f"{k} {v:.1f}" for k, v in row.items()), flush=True)

    columns = [name for name in scores if scores[name]]
    lines = ["| file | " + " | ".join(columns) + " |", "|---" + "|---:" * len(columns) + "|"]
    for name, row in rows:
        cells = [f"{row[c]:.1f}" if c in row else "n/a" for c in columns]
        best_peer = max((row[p] for p in PEERS if p in row), default=None)
        if best_peer is not None and row["precis"] < best_peer - 1:
            name += " ◂"
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    macro = [f"{sum(scores[c]) / len(scores[c]):.1f} ({len(scores[c])})" for c in columns]
    lines.append("| **macro (files)** | " + " | ".join(macro) + " |")
    pysbd_files = [name for name, row in rows if "pySBD" in row]
    if pysbd_files:
        shared = [
            f"{sum(row[c] for n, row in rows if n in pysbd_files) / len(pysbd_files):.1f}"
            for c in columns
        ]
        lines.append(
            f"| macro, the {len(pysbd_files)} files pySBD supports | " + " | ".join(shared) + " |"
        )
    table = "\n".join(lines)
    print(table)
    if args.write:
        texts = (
            "the CoNLL-U files named (other treebanks and splits, read by the same protocol)"
            if args.conllu
            else "the UD dev texts (shared/eval/ud; its README has the protocol)"
        )
        body = (
            "## Sentences on Universal Dependencies"
            + (": other treebanks" if args.conllu else "")
            + "\n\n"
            + provenance("eval_ud.py", sys.argv[1:])
            + f"\n\nSentence-span F1 on {texts}: "
            'precis with the file\'s language and with language="auto", and the peers in their own '
            "venv (pySBD only in the languages it supports). ◂ marks a file where precis is more than 1 "
            "point below the best peer.\n\n" + table
        )
        write_section(args.write, "ud-other" if args.conllu else "ud", body, "Evaluation")
    return 0


if __name__ == "__main__":
    sys.exit(main())
