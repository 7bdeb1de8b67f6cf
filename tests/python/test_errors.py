"""The error model: one exception family, and degenerate input returns data, not errors."""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest

import precis


@pytest.mark.parametrize(
    ("error", "builtin"),
    [
        (precis.InvalidOptionsError, ValueError),
        (precis.ParseError, ValueError),
        (precis.InvalidUtf8Error, ValueError),
        (precis.IcuError, RuntimeError),
        (precis.InternalError, RuntimeError),
    ],
)
def test_exception_hierarchy(error: type[Exception], builtin: type[Exception]) -> None:
    assert issubclass(error, precis.SummarizerError)
    assert issubclass(error, builtin)
    assert issubclass(precis.SummarizerError, Exception)
    assert not issubclass(precis.SummarizerError, (ValueError, RuntimeError))
    assert getattr(precis, error.__name__) is error
    assert error.__name__ in precis.__all__
    assert error.__doc__


def test_value_errors_are_not_runtime_errors() -> None:
    for value_error in (precis.InvalidOptionsError, precis.ParseError):
        assert not issubclass(value_error, RuntimeError)
    for runtime_error in (precis.IcuError, precis.InternalError):
        assert not issubclass(runtime_error, ValueError)


def test_errors_are_caught_as_builtins() -> None:
    with pytest.raises(ValueError, match=r"rank\.damping"):
        precis.Summarizer(damping=1.2)
    with pytest.raises(precis.SummarizerError):
        precis.Summarizer(damping=1.2)
    with pytest.raises(ValueError, match="unknown key"):
        precis.SummarizerOptions.from_json('{"x": 1}')
    with pytest.raises(precis.SummarizerError):
        precis.Summary.from_json("not json")


def check_valid(text: str, summary: precis.Summary) -> None:
    """Invariants every Summary satisfies, degenerate or not."""
    assert len(summary.scores) == summary.diagnostics.sentence_count
    if summary.scores:
        assert math.fsum(summary.scores) == pytest.approx(1.0, abs=1e-9)
        assert all(s >= 0 for s in summary.scores)
    for s in summary.sentences:
        assert text[s.start : s.end] == s.text
    assert summary.text == "\n".join(s.text for s in summary.sentences)
    assert precis.Summary.from_json(summary.to_json()) == summary


@pytest.mark.parametrize(
    "text", ["", " ", "\n\n\t  \r\n", "\u2028\u2029", "\ufeff", "\u00a0\u3000"]
)
def test_empty_input(text: str, summarizer: precis.Summarizer) -> None:
    summary = summarizer.summarize(text)
    check_valid(text, summary)
    assert summary.diagnostics.warnings == ["empty_input"]
    assert summary.sentences == [] and summary.scores == [] and summary.text == ""
    assert len(summary) == 0
    assert summary.diagnostics.sentence_count == 0


@pytest.mark.parametrize(
    "text",
    [
        "One sentence here.",
        "Just words without a stop",
        "  Padded.  \n",
        "一句话。",
        "Word",
        "word.",
    ],
)
def test_single_sentence(text: str, summarizer: precis.Summarizer) -> None:
    summary = summarizer.summarize(text)
    check_valid(text, summary)
    assert summary.diagnostics.warnings[0] == "single_sentence"
    assert summary.scores == [1.0]
    assert [s.index for s in summary.sentences] == [0]
    assert summary.text == text.strip()


@pytest.mark.parametrize(
    "text", ["!!! ... ???", "...\n\n---\n\n!!!", "。。。", "— – -", "\x00", "😀 🎉"]
)
def test_punctuation_only(text: str, summarizer: precis.Summarizer) -> None:
    summary = summarizer.summarize(text)
    check_valid(text, summary)
    assert "no_words" in summary.diagnostics.warnings
    assert summary.diagnostics.token_count == 0
    n = summary.diagnostics.sentence_count
    assert n >= 1
    assert summary.scores == pytest.approx([1 / n] * n)
    # A sentence without a word is never chosen; the warning says why the summary is empty.
    assert summary.sentences == []
    assert "no_candidates" in summary.diagnostics.warnings


def test_no_shared_terms_gives_uniform_scores_and_lead_sentences(
    summarizer: precis.Summarizer,
) -> None:
    text = "Cats purr loudly. Dogs bark often. Birds sing sweetly. Fish swim quietly."
    # PageRank alone gives uniform scores; the default position prior orders them by position.
    classic = precis.Summarizer(position_weight=0.0).summarize(text, sentences=2)
    assert classic.scores == pytest.approx([0.25] * 4)
    summary = summarizer.summarize(text, sentences=2)
    check_valid(text, summary)
    assert summary.diagnostics.warnings == ["no_edges"]
    assert summary.diagnostics.edge_count == 0
    assert summary.scores == sorted(summary.scores, reverse=True)
    assert [s.index for s in summary.sentences] == [0, 1]
    assert [s.index for s in classic.sentences] == [0, 1]


def test_budget_too_small(summarizer: precis.Summarizer, sample_text: str) -> None:
    summary = summarizer.summarize(sample_text, chars=1)
    check_valid(sample_text, summary)
    assert summary.sentences == [] and summary.text == ""
    assert summary.diagnostics.warnings == ["budget_too_small"]
    assert len(summary.scores) == summary.diagnostics.sentence_count > 0


def test_not_converged(sample_text: str) -> None:
    summary = precis.Summarizer(max_iterations=2).summarize(sample_text)
    check_valid(sample_text, summary)
    assert summary.diagnostics.warnings == ["not_converged"]
    assert not summary.diagnostics.converged
    assert summary.diagnostics.iterations == 2
    assert summary.diagnostics.residual >= summary.options.rank.tolerance
    assert len(summary) == 5


@pytest.mark.parametrize("surrogate", ["\ud800", "\udfff", "\udc80"])
def test_lone_surrogate_raises_unicode_encode_error(
    surrogate: str, summarizer: precis.Summarizer
) -> None:
    text = f"A sentence. Another {surrogate} one."
    calls: list[Callable[[], object]] = [
        lambda: summarizer.summarize(text),
        lambda: summarizer.summarize_many(["Fine text.", text]),
        lambda: precis.summarize(text),
        lambda: precis.sentences(text),
        lambda: precis.tokens(text),
    ]
    for call in calls:
        with pytest.raises(UnicodeEncodeError) as raised:
            call()
        assert isinstance(raised.value, ValueError)
        assert raised.value.object[raised.value.start] == surrogate
    # The summarizer is unharmed.
    assert summarizer.summarize("A sentence. Another one.").diagnostics.sentence_count == 2


def test_non_str_input_is_a_type_error(summarizer: precis.Summarizer) -> None:
    for value in (b"Bytes are not text. Decode them first.", None, 42, ["a list."]):
        with pytest.raises(TypeError):
            summarizer.summarize(value)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        summarizer.summarize_many([b"bytes."])  # type: ignore[list-item]


def test_nul_characters_are_ordinary_characters(summarizer: precis.Summarizer) -> None:
    text = "Cats chase\x00 mice. Dogs\x00 chase cats. Mice fear\x00 cats.\x00 And\x00 dogs too."
    summary = summarizer.summarize(text)
    check_valid(text, summary)
    assert summary.diagnostics.sentence_count >= 3
    assert any("\x00" in s.text for s in summary.sentences)
    # Nothing is cut at a NUL: the sentences cover every word of the text.
    found = precis.sentences(text)
    words = text.replace("\x00", " ").replace(".", " ").split()
    assert sum(len(s.text.replace("\x00", " ").replace(".", " ").split()) for s in found) == len(
        words
    )
    assert found[-1].end == len(text)


def test_nul_only_text(summarizer: precis.Summarizer) -> None:
    text = "\x00" * 5
    summary = summarizer.summarize(text)
    check_valid(text, summary)


def test_byte_order_mark(summarizer: precis.Summarizer) -> None:
    body = "Cats chase mice. Dogs chase cats. Mice fear cats and dogs."
    text = "\ufeff" + body
    summary = summarizer.summarize(text)
    check_valid(text, summary)
    plain = summarizer.summarize(body)
    # The BOM is not part of any sentence; offsets still index the text as given, BOM included.
    assert [s.text for s in summary.sentences] == [s.text for s in plain.sentences]
    assert [s.start for s in summary.sentences] == [s.start + 1 for s in plain.sentences]
    assert [s.byte_start for s in summary.sentences] == [s.byte_start + 3 for s in plain.sentences]
    assert summary.scores == plain.scores
    assert not any("\ufeff" in s.text for s in precis.sentences(text))
    assert precis.sentences(text)[0].start == 1
    assert precis.tokens(text)[0].start == 1


def test_invalid_language_for_segmentation() -> None:
    with pytest.raises(precis.InvalidOptionsError, match="xx-invalid"):
        precis.sentences("Some text.", language="xx-invalid")
    with pytest.raises(precis.InvalidOptionsError, match="xx-invalid"):
        precis.tokens("Some text.", language="xx-invalid")
