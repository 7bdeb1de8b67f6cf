"""Runs peer summarizers (sumy TextRank and LexRank, summa) on pre-split sentences.

    build/peers-venv/bin/python benchmarks/peers_run.py JOBS.json

Run by eval_summaries.py in the peers' own virtual environment (never a dependency of precis).
JOBS.json: {"systems": [...], "docs": [{"sentences": [str, ...], "k": int}, ...]}. Prints
{system: [[chosen sentence indices], ...]} as JSON. Every peer gets precis' sentences, so the
comparison is about ranking, not sentence splitting.
"""

from __future__ import annotations

import json
import re
import sys


class _Words:
    """sumy's word tokenizer without NLTK data: runs of word characters."""

    def to_words(self, text: str) -> list[str]:
        return re.findall(r"\w+", text)


def _sumy(summarizer_class):
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.utils import get_stop_words

    summarizer = summarizer_class(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    words = _Words()

    def run(sentences: list[str], k: int) -> list[int]:
        objects = [Sentence(s, words) for s in sentences]
        document = ObjectDocumentModel([Paragraph(objects)])
        chosen = {id(s) for s in summarizer(document, k)}
        return [i for i, s in enumerate(objects) if id(s) in chosen]

    return run


def _summa():
    import summa.preprocessing.textcleaner as cleaner
    from summa import summarizer

    given: list[str] = []
    cleaner.split_sentences = lambda text: list(given)

    def run(sentences: list[str], k: int) -> list[int]:
        given[:] = [s.replace("\n", " ") for s in sentences]
        scored = summarizer.summarize("\n".join(given), ratio=1.0, split=True, scores=True)
        # summa identifies sentences by text; map its results back to positions, in order.
        positions, start = [], 0
        for text, score in scored:
            while start < len(given) and given[start].strip() != text.strip():
                start += 1
            if start < len(given):
                positions.append((score, start))
                start += 1
        positions.sort(key=lambda p: (-p[0], p[1]))
        return sorted(i for _, i in positions[:k])

    return run


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as file:
        jobs = json.load(file)
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer

    makers = {
        "sumy-textrank": lambda: _sumy(TextRankSummarizer),
        "sumy-lexrank": lambda: _sumy(LexRankSummarizer),
        "summa": _summa,
    }
    out = {}
    for system in jobs["systems"]:
        run = makers[system]()
        out[system] = [run(d["sentences"], d["k"]) for d in jobs["docs"]]
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
