"""The Pythonic layer over ``precis._core``: flat keyword options and one-shot helpers.

No option is spelled here: the flat keywords (``language="de"``, ``redundancy=0.2``) are the
fields of the engine's option groups, read from their field tables (``SummarizerOptions._fields``
and each group's ``_fields``). No algorithm lives here either: everything is delegated to C++.
"""

from __future__ import annotations

import functools
import inspect
import os
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypedDict, TypeVar

from precis import _core, _display

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from precis._core import OptionFields

# The named presets (C++ preset_options); "default" is SummarizerOptions().
PRESETS: tuple[str, ...] = tuple(_core.preset_names())


class Budget(TypedDict, total=False):
    """How long a summary may be, and how many keyphrases come with it (fields of
    SelectOptions). Every budget given applies at once; one given to a call replaces the
    Summarizer's budget of the same kind for that call."""

    sentences: int | None
    ratio: float | None
    words: int | None
    chars: int | None
    keywords: int | None


BUDGETS: tuple[str, ...] = tuple(Budget.__annotations__)

# Flat keyword → the option group that holds it, for every field of every group.
_DEFAULTS = _core.SummarizerOptions()
_GROUP_OF: dict[str, str] = {
    name: group for group in _DEFAULTS._fields for name in getattr(_DEFAULTS, group)._fields
}
assert len(_GROUP_OF) == sum(len(getattr(_DEFAULTS, g)._fields) for g in _DEFAULTS._fields), (
    "option field names must be unique across groups: they are flat keywords"
)

F = TypeVar("F", bound=Callable[..., Any])


def _keywords(*names: Iterable[str], like: Callable[..., Any] | None = None) -> Callable[[F], F]:
    """Shows the real keywords in help() and inspect.signature(): the parameters of ``like`` (else
    of the function itself) without ``self`` and ``**kwargs``, then each of ``names`` as a
    keyword-only parameter defaulting to None. Type checkers read the TypedDicts instead."""

    def apply(function: F) -> F:
        base = inspect.signature(like or function)
        parameters = [
            p
            for p in base.parameters.values()
            if p.kind is not p.VAR_KEYWORD and not (like is not None and p.name == "self")
        ]
        if like is not None:  # the one-shot form also takes the Summarizer's own settings
            own = inspect.signature(function).parameters
            parameters += [own["options"], own["preset"]]
        seen = {p.name for p in parameters}
        for group in names:
            for name in group:
                if name not in seen:
                    parameters.append(
                        inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=None)
                    )
                    seen.add(name)
        function.__signature__ = base.replace(parameters=parameters)  # type: ignore[attr-defined]
        if like is not None:
            function.__doc__ = like.__doc__
        return function

    return apply


def _check_text(text: object, name: str = "text") -> None:
    if not isinstance(text, str):
        raise TypeError(f"{name} must be str, got {type(text).__name__}")


def _check_count(name: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise _core.InvalidOptionsError(f"{name} must be an int >= 0, got {value!r}")


def make_options(
    options: _core.SummarizerOptions | None = None, *, preset: str | None = None, **fields: Any
) -> _core.SummarizerOptions:
    """Builds SummarizerOptions from flat keywords (``language="de", similarity="bm25"``).

    Starts from a copy of ``options``, else of the named ``preset`` (see PRESETS), else the
    defaults, and sets every keyword that is not None. Unknown keywords and wrong types raise
    TypeError naming them; ranges are checked when a Summarizer is built.
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
        if name not in _GROUP_OF:
            raise TypeError(f"unknown option {name!r}; known options: {', '.join(_GROUP_OF)}")
        if value is not None:
            setattr(getattr(result, _GROUP_OF[name]), name, value)
    return result


class Summarizer:
    """A reusable, immutable, thread-safe summarizer.

    Options are keyword-only and flat, one keyword per field of the option groups
    (``Summarizer(language="de", similarity="bm25", sentences=3)``; see ``SummarizerOptions``
    and ``help(precis.SegmentOptions)`` etc. for each field), or given whole as
    ``options=SummarizerOptions(...)``, or as a named ``preset`` (see PRESETS); keywords override
    either. Construction validates every option (InvalidOptionsError names the field) and loads
    ICU data, so build one and reuse it. Summarizers pickle (through their options), so they
    travel to multiprocessing, Dask or Spark workers.
    """

    __slots__ = ("_engine",)

    @_keywords(_GROUP_OF)
    def __init__(
        self,
        *,
        options: _core.SummarizerOptions | None = None,
        preset: str | None = None,
        **fields: Unpack[OptionFields],
    ) -> None:
        self._engine = _core.Summarizer(make_options(options, preset=preset, **fields))

    @property
    def options(self) -> _core.SummarizerOptions:
        """A copy of the options: a Summarizer never changes."""
        return self._engine.options

    @_keywords(BUDGETS)
    def summarize(
        self, text: str, *, query: str | None = None, **budget: Unpack[Budget]
    ) -> _core.Summary:
        """Summarizes ``text`` and returns a Summary (5 sentences unless a budget is set).

        A budget given here (sentences, ratio, words, chars) replaces the Summarizer's budget of
        the same kind for this call; every budget that is set applies at once. With ``query``,
        the ranking leans toward sentences containing its terms (biased TextRank). Always
        returns a Summary, also for empty or one-sentence text (see ``diagnostics.warnings``).
        The Summary keeps a reference to the text (``summary.source``) for its notebook display.
        """
        _check_text(text)
        if query is not None:
            _check_text(query, "query")
        summary = self._engine.summarize(text, query=query, **budget)
        summary.source = text
        return summary

    @_keywords(BUDGETS)
    def summarize_many(
        self,
        texts: Iterable[str],
        *,
        workers: int = 0,
        progress: bool = False,
        **budget: Unpack[Budget],
    ) -> list[_core.Summary]:
        """Summaries of many texts on ``workers`` threads (0: all cores) with the GIL released;
        equal to ``[self.summarize(t, ...) for t in texts]`` whatever the number of workers.

        ``progress=True`` shows a tqdm progress bar (pip install 'precis[progress]'), in a
        notebook or a terminal; the texts are then summarized in chunks, with the same results.
        """
        batch = texts if isinstance(texts, list) else list(texts)
        for text in batch:
            _check_text(text)
        _check_count("workers", workers)
        if progress:
            results = self._summarize_with_progress(batch, workers, budget)
        else:
            results = self._engine.summarize_many(batch, workers=workers, **budget)
        for summary, text in zip(results, batch):
            summary.source = text
        return results

    def _summarize_with_progress(
        self, texts: list[str], workers: int, budget: Budget
    ) -> list[_core.Summary]:
        tqdm = _display.require("tqdm.auto", "progress", "summarize_many(progress=True)").tqdm
        # Chunks big enough to keep every worker busy, small enough for about 100 updates.
        threads = workers or os.cpu_count() or 1
        chunk = max(4 * threads, -(-len(texts) // 100))
        results: list[_core.Summary] = []
        with tqdm(total=len(texts), unit="doc", desc="summarize") as bar:
            for begin in range(0, len(texts), chunk):
                part = texts[begin : begin + chunk]
                results.extend(self._engine.summarize_many(part, workers=workers, **budget))
                bar.update(len(part))
        return results

    def keywords(self, text: str, n: int = 10) -> _display.Keyphrases:
        """The ``n`` best keyphrases of ``text``, best first (a list of Keyphrase: text, score,
        normalized form, and every occurrence as code-point offsets). Keyphrase options are the
        fields of KeyphraseOptions (``Summarizer(cooccurrence_window=3)``). In Jupyter the list
        displays as a table beside the document with the keyphrases highlighted."""
        _check_text(text)
        _check_count("n", n)
        return _display.Keyphrases(self._engine.keywords(text, n=n), source=text)

    def keywords_many(
        self, texts: Iterable[str], n: int = 10, *, workers: int = 0
    ) -> list[_display.Keyphrases]:
        """The keyphrases of many texts on ``workers`` threads (0: all cores) with the GIL
        released; equal to ``[self.keywords(t, n) for t in texts]`` whatever the number of
        workers."""
        batch = texts if isinstance(texts, list) else list(texts)
        for text in batch:
            _check_text(text)
        _check_count("n", n)
        _check_count("workers", workers)
        found = self._engine.keywords_many(batch, n=n, workers=workers)
        return [_display.Keyphrases(k, source=t) for k, t in zip(found, batch)]

    def analyze(self, text: str) -> _core.Analysis:
        """Every stage of the pipeline for ``text``, before selection: sentences, content terms,
        the similarity graph (CSR arrays), the PageRank scores and the diagnostics."""
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
        options = self.options
        changed = [
            f"{name}={getattr(getattr(options, group), name)!r}"
            for name, group in _GROUP_OF.items()
            if getattr(getattr(options, group), name) != getattr(getattr(_DEFAULTS, group), name)
        ]
        return f"Summarizer({', '.join(changed)})"


def _summarizer_from_json(options: str) -> Summarizer:
    return Summarizer(options=_core.SummarizerOptions.from_json(options))


@functools.lru_cache(maxsize=32)
def _cached_summarizer(
    options: str | None, preset: str | None, fields: tuple[tuple[str, Any], ...]
) -> Summarizer:
    base = None if options is None else _core.SummarizerOptions.from_json(options)
    return Summarizer(options=base, preset=preset, **dict(fields))


def summarizer_for(
    options: _core.SummarizerOptions | None = None, preset: str | None = None, **fields: Any
) -> Summarizer:
    """The Summarizer for these settings, from the one cache of the module-level functions and
    the notebook display, so repeated calls do not pay for construction."""
    key = tuple(sorted((name, value) for name, value in fields.items() if value is not None))
    try:
        hash(key)
    except TypeError:  # a wrongly typed value: the Summarizer names it
        return Summarizer(options=options, preset=preset, **fields)
    return _cached_summarizer(None if options is None else options.to_json(), preset, key)


def _one_shot(
    options: _core.SummarizerOptions | None, preset: str | None, fields: dict[str, Any]
) -> tuple[Summarizer, dict[str, Any]]:
    """The cached Summarizer for the settings among ``fields``, and the budgets among them."""
    budget = {name: fields.pop(name) for name in BUDGETS if name in fields}
    return summarizer_for(options, preset, **fields), budget


@_keywords(_GROUP_OF, like=Summarizer.summarize)
def summarize(
    text: str,
    *,
    query: str | None = None,
    options: _core.SummarizerOptions | None = None,
    preset: str | None = None,
    **fields: Unpack[OptionFields],
) -> _core.Summary:
    summarizer, budget = _one_shot(options, preset, dict(fields))
    return summarizer.summarize(text, query=query, **budget)


@_keywords(_GROUP_OF, like=Summarizer.summarize_many)
def summarize_many(
    texts: Iterable[str],
    *,
    workers: int = 0,
    progress: bool = False,
    options: _core.SummarizerOptions | None = None,
    preset: str | None = None,
    **fields: Unpack[OptionFields],
) -> list[_core.Summary]:
    summarizer, budget = _one_shot(options, preset, dict(fields))
    return summarizer.summarize_many(texts, workers=workers, progress=progress, **budget)


@_keywords(_GROUP_OF, like=Summarizer.analyze)
def analyze(
    text: str,
    *,
    options: _core.SummarizerOptions | None = None,
    preset: str | None = None,
    **fields: Unpack[OptionFields],
) -> _core.Analysis:
    return summarizer_for(options, preset, **fields).analyze(text)


@_keywords(_GROUP_OF, like=Summarizer.keywords)
def keywords(
    text: str,
    n: int = 10,
    *,
    options: _core.SummarizerOptions | None = None,
    preset: str | None = None,
    **fields: Unpack[OptionFields],
) -> _display.Keyphrases:
    return summarizer_for(options, preset, **fields).keywords(text, n)


@_keywords(_GROUP_OF, like=Summarizer.keywords_many)
def keywords_many(
    texts: Iterable[str],
    n: int = 10,
    *,
    workers: int = 0,
    options: _core.SummarizerOptions | None = None,
    preset: str | None = None,
    **fields: Unpack[OptionFields],
) -> list[_display.Keyphrases]:
    return summarizer_for(options, preset, **fields).keywords_many(texts, n, workers=workers)


_SEGMENT_FIELDS = _core.SegmentOptions._fields


@functools.lru_cache(maxsize=32)
def _cached_segmenter(settings: tuple[tuple[str, Any], ...]) -> _core.Segmenter:
    return _core.Segmenter(_core.SegmentOptions(**dict(settings)))


def _segmenter(language: str, options: dict[str, Any]) -> _core.Segmenter:
    for name in options:
        if name not in _SEGMENT_FIELDS:
            raise TypeError(f"unknown option {name!r}; known options: {', '.join(_SEGMENT_FIELDS)}")
    return _cached_segmenter(tuple(sorted({"language": language, **options}.items())))


@_keywords(_SEGMENT_FIELDS)
def sentences(text: str, *, language: str = "auto", **options: Any) -> _display.Sentences:
    """The sentences of ``text``: spans with ``text[s.start:s.end] == s.text``. Keywords are the
    fields of SegmentOptions.

    A list of Sentence that Jupyter displays as a numbered list with offsets.
    """
    return _display.Sentences(_segmenter(language, options).split_sentences(text))


@_keywords(_SEGMENT_FIELDS)
def tokens(text: str, *, language: str = "auto", **options: Any) -> _display.Tokens:
    """The word and number tokens of ``text``, with code-point offsets (a list of Token)."""
    return _display.Tokens(_segmenter(language, options).tokenize(text))
