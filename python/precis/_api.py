"""The Pythonic layer over ``precis._core``: flat keyword options and one-shot helpers.

No algorithm lives here: everything is delegated to the C++ engine.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable
from typing import Any

from precis import _core, _display

# Flat keyword → (options group, field). The groups mirror the C++ option structs.
_FIELDS: dict[str, tuple[str, str]] = {
    "max_input_bytes": ("input", "max_bytes"),
    "on_too_long": ("input", "on_too_long"),
    "on_invalid_utf8": ("input", "on_invalid_utf8"),
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
    "position_weight": ("rank", "position_weight"),
    "position_budget_exponent": ("rank", "position_budget_exponent"),
    "query_weight": ("rank", "query_weight"),
    "sentences": ("select", "sentences"),
    "ratio": ("select", "ratio"),
    "words": ("select", "words"),
    "chars": ("select", "chars"),
    "duplicate_threshold": ("select", "duplicate_threshold"),
    "skip_unterminated": ("select", "skip_unterminated"),
    "min_length_ratio": ("select", "min_length_ratio"),
    "length_penalty": ("select", "length_penalty"),
    "redundancy": ("select", "redundancy"),
}

# The named presets (C++ preset_options); "default" is SummarizerOptions().
PRESETS: tuple[str, ...] = tuple(_core.preset_names())

_SEGMENT_FIELDS = ("language", "suppress_abbreviations", "join_wrapped_lines", "split_glued_sentences")
_INT64_MAX = 2**63 - 1


def _check_count(name: str, value: object) -> int | None:
    """A count budget as the engine takes it: None, or an int that fits in 64 bits.

    Checked here so a wrong type or a huge number gets a short message naming the option, not
    pybind11's "incompatible function arguments" that repeats the whole text.
    """
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int or None, got {type(value).__name__}")
    if value > _INT64_MAX:
        raise _core.InvalidOptionsError(f"select.{name} must be at most {_INT64_MAX}, got {value}")
    return value


def _check_ratio(value: object) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"ratio must be a float or None, got {type(value).__name__}")
    return float(value)


def _check_text(text: object, name: str = "text") -> None:
    if not isinstance(text, str):
        raise TypeError(f"{name} must be str, got {type(text).__name__}")


def _budgets(sentences: object, ratio: object, words: object, chars: object) -> dict[str, Any]:
    return {
        "sentences": _check_count("sentences", sentences),
        "ratio": _check_ratio(ratio),
        "words": _check_count("words", words),
        "chars": _check_count("chars", chars),
    }


def make_options(
    options: _core.SummarizerOptions | None = None, *, preset: str | None = None, **fields: Any
) -> _core.SummarizerOptions:
    """Builds SummarizerOptions from flat keywords (``language="de", similarity="bm25"``).

    Starts from a copy of ``options``, else of the named ``preset`` (see PRESETS), else the
    defaults, and sets every keyword that is not None. Unknown keywords raise TypeError naming
    them. Ranges are checked when a Summarizer is built.
    """
    if options is not None and preset is not None:
        raise TypeError("give options= or preset=, not both")
    if options is not None:
        result = _core.SummarizerOptions.from_json(options.to_json())
    elif preset is not None:
        result = _core.preset_options(preset)
    else:
        result = _core.SummarizerOptions()
    for name, value in fields.items():
        if name not in _FIELDS:
            raise TypeError(f"unknown option {name!r}; known options: {', '.join(_FIELDS)}")
        if value is None:
            continue
        group, field = _FIELDS[name]
        setattr(getattr(result, group), field, value)
    return result


class Summarizer:
    """A reusable, immutable, thread-safe summarizer.

    Options are keyword-only and flat (``Summarizer(language="de", similarity="bm25",
    sentences=3)``), or given whole as ``options=SummarizerOptions(...)``; keywords override it.
    Construction validates every option (InvalidOptionsError names the field) and loads ICU
    data, so build one and reuse it. Summarizers pickle (through their options' JSON), so they
    travel to multiprocessing, Dask or Spark workers.

    Parameters
    ----------
    language : str
        ISO 639 code ("en", "zh", "pt-BR") or "auto" (guessed from the script of each text).
    similarity : str
        "textrank" (Mihalcea & Tarau 2004), "bm25" (Barrios et al. 2016) or "cosine" (tf-idf).
    sentences, ratio, words, chars : optional
        Default budgets; every one that is set applies. With none, 5 sentences.
    preset : str, optional
        Start from a named preset instead of the default: "news-lead", "coverage", "classic"
        (see PRESETS and the README's evaluation section).
    max_input_bytes : int, optional
        Longest text accepted, in UTF-8 bytes (0: no limit); longer texts raise
        InputTooLargeError, or with ``on_too_long="truncate"`` only their beginning is summarized
        (``diagnostics.truncated_bytes`` says how much was left out).
    on_invalid_utf8 : str, optional
        "error" (default: a str with lone surrogates raises UnicodeEncodeError) or "replace"
        (they become U+FFFD, counted in ``diagnostics.replaced_sequences``).
    **options
        Any other field of the option structs by name: suppress_abbreviations,
        join_wrapped_lines, split_glued_sentences, remove_stopwords, stem, keep_numbers,
        min_edge_weight, max_neighbors, max_pairs_per_sentence, damping, tolerance,
        max_iterations, position_weight, position_budget_exponent, query_weight,
        duplicate_threshold, skip_unterminated, min_length_ratio, length_penalty, redundancy.
    """

    __slots__ = ("_engine",)

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
        preset: str | None = None,
        **more: Any,
    ) -> None:
        budgets = _budgets(sentences, ratio, words, chars)
        self._engine = _core.Summarizer(
            make_options(
                options, preset=preset, language=language, similarity=similarity, **budgets, **more
            )
        )

    @property
    def options(self) -> _core.SummarizerOptions:
        """A copy of the options: a Summarizer never changes."""
        return self._engine.options

    def summarize(
        self,
        text: str,
        *,
        sentences: int | None = None,
        ratio: float | None = None,
        words: int | None = None,
        chars: int | None = None,
        query: str | None = None,
    ) -> _core.Summary:
        """Summarizes ``text``. A budget given here replaces the Summarizer's budget of the same
        kind for this call; every budget that is set applies at once. With ``query``, the ranking
        leans toward sentences containing its terms (biased TextRank). Always returns a Summary,
        also for empty or one-sentence text (see its ``diagnostics.warnings``). The Summary keeps
        a reference to the text (``summary.source``) for its notebook display.
        """
        _check_text(text)
        if query is not None:
            _check_text(query, "query")
        budgets = _budgets(sentences, ratio, words, chars)
        summary = self._engine.summarize(text, **budgets, query=query)
        summary.source = text
        return summary

    def summarize_many(
        self,
        texts: Iterable[str],
        *,
        sentences: int | None = None,
        ratio: float | None = None,
        words: int | None = None,
        chars: int | None = None,
        workers: int = 0,
        progress: bool = False,
    ) -> list[_core.Summary]:
        """Summaries of many texts on ``workers`` threads (0: all cores) with the GIL released;
        equal to ``[self.summarize(t, ...) for t in texts]`` whatever the number of workers.

        ``progress=True`` shows a tqdm progress bar (pip install 'precis[progress]'), in a
        notebook or a terminal; the texts are then summarized in chunks, with the same results.
        """
        batch = texts if isinstance(texts, list) else list(texts)
        for text in batch:
            _check_text(text)
        if isinstance(workers, bool) or not isinstance(workers, int) or workers < 0:
            raise _core.InvalidOptionsError(f"workers must be an int >= 0, got {workers!r}")
        # More threads than texts would idle; the cap also keeps huge values in range.
        workers = min(workers, max(len(batch), 1))
        budgets = _budgets(sentences, ratio, words, chars)
        if progress:
            results = self._summarize_with_progress(batch, budgets, workers)
        else:
            results = self._engine.summarize_many(batch, **budgets, workers=workers)
        for summary, text in zip(results, batch):
            summary.source = text
        return results

    def _summarize_with_progress(
        self, texts: list[str], budgets: dict[str, Any], workers: int
    ) -> list[_core.Summary]:
        tqdm = _display.require("tqdm.auto", "progress", "summarize_many(progress=True)").tqdm
        # Chunks big enough to keep every worker busy, small enough for about 100 updates.
        threads = workers or os.cpu_count() or 1
        chunk = max(4 * threads, -(-len(texts) // 100))
        results: list[_core.Summary] = []
        with tqdm(total=len(texts), unit="doc", desc="summarize") as bar:
            for begin in range(0, len(texts), chunk):
                part = texts[begin : begin + chunk]
                results.extend(self._engine.summarize_many(part, **budgets, workers=workers))
                bar.update(len(part))
        return results

    def analyze(self, text: str) -> _core.Analysis:
        """Every stage of the pipeline for ``text``, before selection: sentences, content terms,
        the similarity graph (CSR arrays) and the PageRank scores."""
        _check_text(text)
        return self._engine.analyze(text)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_summarizer_from_json, (self.options.to_json(),))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Summarizer):
            return NotImplemented
        return bool(self.options == other.options)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        o = self.options
        return f"Summarizer(language={o.segment.language!r}, similarity={o.graph.similarity!r})"


def _summarizer_from_json(options: str) -> Summarizer:
    return Summarizer(options=_core.SummarizerOptions.from_json(options))


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
    query: str | None = None,
    **options: Any,
) -> _core.Summary:
    """Summarizes ``text`` and returns a Summary (5 sentences unless a budget is given).

    Every budget given applies at once. Other keywords are Summarizer options; language and
    similarity left at None keep the value of ``options=`` (or the default, "auto" and
    "textrank"). Summarizers are cached per set of options, so repeated calls do not pay for
    construction. With ``query``, the summary leans toward sentences about the query (biased
    TextRank).
    """
    summarizer = _summarizer_for({"language": language, "similarity": similarity, **options})
    return summarizer.summarize(
        text, sentences=sentences, ratio=ratio, words=words, chars=chars, query=query
    )


def _segmenter(language: str, options: dict[str, Any]) -> _core.Segmenter:
    for name in options:
        if name not in _SEGMENT_FIELDS:
            raise TypeError(f"unknown option {name!r}; known options: {', '.join(_SEGMENT_FIELDS)}")
    return _cached_segmenter(tuple(sorted({"language": language, **options}.items())))


def sentences(text: str, *, language: str = "auto", **options: Any) -> _display.Sentences:
    """The sentences of ``text``: spans with ``text[s.start:s.end] == s.text``.

    A list of Sentence that Jupyter displays as a numbered list with offsets.
    """
    return _display.Sentences(_segmenter(language, options).split_sentences(text))


def tokens(text: str, *, language: str = "auto", **options: Any) -> _display.Tokens:
    """The word and number tokens of ``text``, with code-point offsets (a list of Token)."""
    return _display.Tokens(_segmenter(language, options).tokenize(text))


def analyze(
    text: str,
    *,
    language: str | None = None,
    similarity: str | None = None,
    **options: Any,
) -> _core.Analysis:
    """Every stage of the pipeline for ``text``, before selection: sentences, content terms, the
    similarity graph (CSR arrays) and the PageRank scores. Options as for ``summarize``.
    """
    summarizer = _summarizer_for({"language": language, "similarity": similarity, **options})
    return summarizer.analyze(text)


def summarize_many(
    texts: Iterable[str],
    *,
    sentences: int | None = None,
    ratio: float | None = None,
    words: int | None = None,
    chars: int | None = None,
    workers: int = 0,
    progress: bool = False,
    language: str | None = None,
    similarity: str | None = None,
    **options: Any,
) -> list[_core.Summary]:
    """Summaries of many texts on ``workers`` threads (0: all cores), GIL released.

    ``progress=True`` shows a tqdm progress bar (pip install 'precis[progress]').
    """
    summarizer = _summarizer_for({"language": language, "similarity": similarity, **options})
    return summarizer.summarize_many(
        texts, sentences=sentences, ratio=ratio, words=words, chars=chars, workers=workers,
        progress=progress,
    )
