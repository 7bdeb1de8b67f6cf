"""The Pythonic layer over ``precis._core``: flat keyword options and one-shot helpers.

No algorithm lives here: everything is delegated to the C++ engine.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

from precis import _core

# Flat keyword → (options group, field). The groups mirror the C++ option structs.
_FIELDS: dict[str, tuple[str, str]] = {
    "language": ("segment", "language"),
    "suppress_abbreviations": ("segment", "suppress_abbreviations"),
    "join_wrapped_lines": ("segment", "join_wrapped_lines"),
    "split_glued_sentences": ("segment", "split_glued_sentences"),
    "remove_stopwords": ("tokens", "remove_stopwords"),
    "stem": ("tokens", "stem"),
    "keep_numbers": ("tokens", "keep_numbers"),
    "similarity": ("graph", "similarity"),
    "min_edge_weight": ("graph", "min_edge_weight"),
    "max_neighbors": ("graph", "max_neighbors"),
    "max_pairs_per_sentence": ("graph", "max_pairs_per_sentence"),
    "damping": ("rank", "damping"),
    "tolerance": ("rank", "tolerance"),
    "max_iterations": ("rank", "max_iterations"),
    "sentences": ("select", "sentences"),
    "ratio": ("select", "ratio"),
    "words": ("select", "words"),
    "chars": ("select", "chars"),
    "duplicate_threshold": ("select", "duplicate_threshold"),
    "skip_unterminated": ("select", "skip_unterminated"),
}

_SEGMENT_FIELDS = ("language", "suppress_abbreviations", "join_wrapped_lines", "split_glued_sentences")
_BUDGETS = ("sentences", "ratio", "words", "chars")


def make_options(
    options: _core.SummarizerOptions | None = None, **fields: Any
) -> _core.SummarizerOptions:
    """Builds SummarizerOptions from flat keywords (``language="de", similarity="bm25"``).

    Keywords set to None keep the value of ``options`` (or the default). Unknown keywords raise
    TypeError naming them. Ranges are checked when a Summarizer is built.
    """
    result = _core.SummarizerOptions.from_json(options.to_json()) if options else _core.SummarizerOptions()
    for name, value in fields.items():
        if name not in _FIELDS:
            raise TypeError(f"unknown option {name!r}; known options: {', '.join(_FIELDS)}")
        if value is None and name not in _BUDGETS:
            continue
        group, field = _FIELDS[name]
        setattr(getattr(result, group), field, value)
    return result


class Summarizer(_core.Summarizer):
    """A reusable, immutable, thread-safe summarizer.

    Options are keyword-only and flat (``Summarizer(language="de", similarity="bm25",
    sentences=3)``), or given whole as ``options=SummarizerOptions(...)``; keywords override it.
    Construction validates every option (InvalidOptionsError names the field) and loads ICU
    data, so build one and reuse it.

    Parameters
    ----------
    language : str
        ISO 639 code ("en", "zh", "pt-BR") or "auto" (guessed from the script of each text).
    similarity : str
        "textrank" (Mihalcea & Tarau 2004), "bm25" (Barrios et al. 2016) or "cosine" (tf-idf).
    sentences, ratio, words, chars : optional
        Default budgets; every one that is set applies. With none, 5 sentences.
    **options
        Any other field of the option structs by name: suppress_abbreviations,
        join_wrapped_lines, split_glued_sentences, remove_stopwords, stem, keep_numbers,
        min_edge_weight, max_neighbors, max_pairs_per_sentence, damping, tolerance,
        max_iterations, duplicate_threshold, skip_unterminated.
    """

    def __init__(
        self,
        *,
        language: str | None = None,
        similarity: str | None = None,
        sentences: int | None = None,
        ratio: float | None = None,
        words: int | None = None,
        chars: int | None = None,
        options: _core.SummarizerOptions | None = None,
        **more: Any,
    ) -> None:
        budgets = {"sentences": sentences, "ratio": ratio, "words": words, "chars": chars}
        if all(v is None for v in budgets.values()):
            budgets = {}
        super().__init__(
            make_options(options, language=language, similarity=similarity, **budgets, **more)
        )

    def __repr__(self) -> str:
        o = self.options
        return f"Summarizer(language={o.segment.language!r}, similarity={o.graph.similarity!r})"


@functools.lru_cache(maxsize=32)
def _cached_summarizer(settings: tuple[tuple[str, Any], ...]) -> Summarizer:
    return Summarizer(**dict(settings))


def _summarizer_for(settings: dict[str, Any]) -> Summarizer:
    """A Summarizer for these settings, cached when they are hashable (plain values are)."""
    key = tuple(sorted(settings.items()))
    try:
        hash(key)
    except TypeError:  # e.g. options=SummarizerOptions(...), which is mutable
        return Summarizer(**settings)
    return _cached_summarizer(key)


@functools.lru_cache(maxsize=32)
def _cached_segmenter(settings: tuple[tuple[str, Any], ...]) -> _core.Segmenter:
    options = _core.SegmentOptions()
    for name, value in settings:
        setattr(options, name, value)
    return _core.Segmenter(options)


def summarize(
    text: str,
    *,
    sentences: int | None = None,
    ratio: float | None = None,
    words: int | None = None,
    chars: int | None = None,
    language: str | None = None,
    similarity: str | None = None,
    **options: Any,
) -> _core.Summary:
    """Summarizes ``text`` and returns a Summary (5 sentences unless a budget is given).

    Every budget given applies at once. Other keywords are Summarizer options; language and
    similarity left at None keep the value of ``options=`` (or the default, "auto" and
    "textrank"). Summarizers are cached per set of options, so repeated calls do not pay for
    construction.
    """
    summarizer = _summarizer_for({"language": language, "similarity": similarity, **options})
    return summarizer.summarize(text, sentences=sentences, ratio=ratio, words=words, chars=chars)


def _segmenter(language: str, options: dict[str, Any]) -> _core.Segmenter:
    for name in options:
        if name not in _SEGMENT_FIELDS:
            raise TypeError(f"unknown option {name!r}; known options: {', '.join(_SEGMENT_FIELDS)}")
    return _cached_segmenter(tuple(sorted({"language": language, **options}.items())))


def sentences(text: str, *, language: str = "auto", **options: Any) -> list[_core.Sentence]:
    """The sentences of ``text``: spans with ``text[s.start:s.end] == s.text``."""
    return _segmenter(language, options).split_sentences(text)


def tokens(text: str, *, language: str = "auto", **options: Any) -> list[_core.Token]:
    """The word and number tokens of ``text``, with code-point offsets."""
    return _segmenter(language, options).tokenize(text)


def summarize_many(
    texts: Iterable[str],
    *,
    sentences: int | None = None,
    ratio: float | None = None,
    words: int | None = None,
    chars: int | None = None,
    workers: int = 0,
    language: str | None = None,
    similarity: str | None = None,
    **options: Any,
) -> list[_core.Summary]:
    """Summaries of many texts on ``workers`` threads (0: all cores), GIL released."""
    summarizer = _summarizer_for({"language": language, "similarity": similarity, **options})
    return summarizer.summarize_many(
        list(texts), sentences=sentences, ratio=ratio, words=words, chars=chars, workers=workers
    )
