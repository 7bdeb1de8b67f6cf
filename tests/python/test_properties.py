"""Property tests over random documents built from random sentences (hypothesis, derandomized:
see conftest.py): offsets, budgets, determinism, permutation and JSON round trips."""

from __future__ import annotations

import math
import pickle

from hypothesis import given
from hypothesis import strategies as st

import precis

# Plain words (no abbreviations, no stopword-only sentences by construction), a few non-ASCII,
# so segmentation is unambiguous: every generated sentence is one sentence for precis.
WORDS = (
    "river mountain water snow farmer flood spring harvest market city bridge valley coast storm forest"
    " village road train engine school doctor garden winter summer report budget straße café naïve"
    " Zürich München"
).split(" ")

SENTENCE = st.lists(st.sampled_from(WORDS), min_size=2, max_size=12).map(
    lambda words: " ".join([words[0].capitalize(), *words[1:]]) + "."
)
DOCUMENT = st.lists(SENTENCE, min_size=1, max_size=40, unique=True)
SEPARATOR = st.sampled_from([" ", "  ", "\n", "\n\n", " \r\n"])


def join(sentences: list[str], separator: str) -> str:
    return separator.join(sentences)


@given(sentences=DOCUMENT, separator=SEPARATOR)
def test_every_generated_sentence_is_found(sentences: list[str], separator: str) -> None:
    text = join(sentences, separator)
    found = precis.sentences(text, language="en")
    assert [s.text for s in found] == sentences
    for s in found:
        assert text[s.start : s.end] == s.text


@given(
    sentences=DOCUMENT,
    separator=SEPARATOR,
    budget_sentences=st.none() | st.integers(1, 50),
    ratio=st.none() | st.floats(0.01, 1.0),
    words=st.none() | st.integers(1, 200),
    chars=st.none() | st.integers(1, 2000),
)
def test_budgets_offsets_and_invariants(
    sentences: list[str],
    separator: str,
    budget_sentences: int | None,
    ratio: float | None,
    words: int | None,
    chars: int | None,
) -> None:
    text = join(sentences, separator)
    summarizer = precis.Summarizer(language="en")
    summary = summarizer.summarize(
        text, sentences=budget_sentences, ratio=ratio, words=words, chars=chars
    )
    n = len(sentences)
    assert summary.diagnostics.sentence_count == n
    assert len(summary.scores) == n
    assert abs(math.fsum(summary.scores) - 1.0) < 1e-9
    chosen = summary.sentences
    assert [s.index for s in chosen] == sorted({s.index for s in chosen})
    for s in chosen:
        assert text[s.start : s.end] == s.text == sentences[s.index]
        assert s.score == summary.scores[s.index]
    if budget_sentences is None and ratio is None and words is None and chars is None:
        assert len(chosen) <= 5
    if budget_sentences is not None:
        assert len(chosen) <= budget_sentences
    if ratio is not None:
        assert len(chosen) <= max(1, math.floor(ratio * n + 0.5))  # C++ rounds halves up
    if words is not None:
        assert sum(len(precis.tokens(s.text)) for s in chosen) <= words
    if chars is not None:
        assert sum(len(s.text) for s in chosen) <= chars
    # Something is chosen whenever the budget leaves room for the shortest sentence.
    if words is None and chars is None:
        assert chosen


@given(sentences=DOCUMENT, separator=SEPARATOR)
def test_deterministic_across_calls_workers_and_pickling(
    sentences: list[str], separator: str
) -> None:
    text = join(sentences, separator)
    summarizer = precis.Summarizer(language="en", sentences=3)
    first = summarizer.summarize(text)
    assert summarizer.summarize(text) == first
    copy = pickle.loads(pickle.dumps(summarizer))
    assert copy.summarize(text) == first
    assert summarizer.summarize_many(
        [text, text[::-1], text], workers=2
    ) == summarizer.summarize_many([text, text[::-1], text], workers=1)
    assert precis.Summary.from_json(first.to_json()) == first
    assert pickle.loads(pickle.dumps(first)) == first


@given(sentences=DOCUMENT, separator=SEPARATOR, seed=st.randoms(use_true_random=False))
def test_scores_follow_the_sentences_when_they_are_permuted(
    sentences: list[str], separator: str, seed: object
) -> None:
    # Without the position prior the graph is all that ranks, and a graph does not care about
    # the order of its nodes: permuting the sentences permutes their scores.
    summarizer = precis.Summarizer(language="en", position_weight=0.0)
    shuffled = list(sentences)
    seed.shuffle(shuffled)  # type: ignore[attr-defined]
    before = summarizer.summarize(join(sentences, separator)).scores
    after = summarizer.summarize(join(shuffled, separator)).scores
    score_of = dict(zip(sentences, before, strict=True))
    for sentence, score in zip(shuffled, after, strict=True):
        assert math.isclose(score, score_of[sentence], rel_tol=1e-5, abs_tol=1e-7), sentence


OPTIONS = st.fixed_dictionaries(
    {
        "language": st.sampled_from(["auto", "en", "de", "zh", "pt-BR"]),
        "similarity": st.sampled_from(["textrank", "bm25", "cosine"]),
        "damping": st.floats(0.01, 0.99),
        "max_iterations": st.integers(1, 1000),
        "position_weight": st.floats(0.0, 1.0),
        "sentences": st.none() | st.integers(1, 2**62),
        "ratio": st.none() | st.floats(1e-9, 1.0),
        "duplicate_threshold": st.floats(1e-9, 1.0),
        "min_length_ratio": st.floats(0.0, 0.99),
        "redundancy": st.floats(0.0, 0.99),
        "max_bytes": st.integers(0, 2**40),
        "on_too_long": st.sampled_from(["error", "truncate"]),
        "on_invalid_utf8": st.sampled_from(["error", "replace"]),
        "max_neighbors": st.integers(0, 10_000),
    }
)


@given(fields=OPTIONS)
def test_options_round_trip_through_json_and_pickle(fields: dict[str, object]) -> None:
    summarizer = precis.Summarizer(**fields)
    options = summarizer.options
    again = precis.SummarizerOptions.from_json(options.to_json())
    assert again == options
    assert again.to_json() == options.to_json()
    assert pickle.loads(pickle.dumps(options)) == options
    assert precis.Summarizer(options=again).options == options
