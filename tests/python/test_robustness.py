"""Bad, odd and huge input: each gets a defined result or one clear error, and nothing is
altered or dropped without the Summary saying so (README, "Robustness")."""

from __future__ import annotations

import math
import pickle

import pytest

import precis

BODY = (
    "Rivers carry water from the mountains to the sea. The sea returns water to the mountains "
    "as rain. Mountains store the rain as snow and ice. In spring the snow melts and the rivers "
    "rise. Farmers along the rivers depend on the spring floods."
)


def check_valid(text: str, summary: precis.Summary, *, replaced: bool = False) -> None:
    """The invariants of every Summary; with replaced=True, lone surrogates of `text` appear as
    U+FFFD in the sentence texts (the offsets are still those of `text`)."""
    assert len(summary.scores) == summary.diagnostics.sentence_count
    if summary.scores:
        assert math.fsum(summary.scores) == pytest.approx(1.0, abs=1e-9)
        assert all(math.isfinite(s) and s >= 0 for s in summary.scores)
    previous = -1
    for s in summary.sentences:
        assert s.index > previous
        previous = s.index
        expected = text[s.start : s.end]
        if replaced:
            expected = "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in expected)
        assert s.text == expected
    assert precis.Summary.from_json(summary.to_json()) == summary
    assert pickle.loads(pickle.dumps(summary)) == summary


# -------------------------------------------------------------------------------------------
# Input guards: max_bytes, on_too_long, on_invalid_utf8


def test_input_options_default_to_strict() -> None:
    options = precis.SummarizerOptions()
    assert options.input == precis.InputOptions()
    assert (options.input.max_bytes, options.input.on_too_long, options.input.on_invalid_utf8) == (
        0,
        "error",
        "error",
    )


def test_max_bytes_is_a_clear_error() -> None:
    summarizer = precis.Summarizer(max_bytes=100)
    assert len(BODY.encode()) > 100
    with pytest.raises(
        precis.InputTooLargeError, match=r"text is 239 bytes, more than input.max_bytes = 100"
    ):
        summarizer.summarize(BODY)
    with pytest.raises(precis.InputTooLargeError, match="more than input"):
        summarizer.summarize_many(["Short.", BODY])
    # Bytes, not characters: 40 "é" are 80 bytes.
    assert precis.Summarizer(max_bytes=80).summarize("é" * 40).diagnostics.truncated_bytes == 0
    with pytest.raises(precis.InputTooLargeError):
        precis.Summarizer(max_bytes=79).summarize("é" * 40)


def test_deadline_is_a_clear_error() -> None:
    with pytest.raises(precis.DeadlineExceededError, match=r"input.deadline_ms = .* ms after "):
        precis.Summarizer(deadline_ms=1e-9).summarize(BODY)
    assert issubclass(precis.DeadlineExceededError, TimeoutError)
    assert issubclass(precis.DeadlineExceededError, precis.SummarizerError)
    met = precis.summarize(BODY, deadline_ms=60_000)
    assert met.sentences == precis.summarize(BODY).sentences
    with pytest.raises(precis.InvalidOptionsError, match=r"input\.deadline_ms"):
        precis.Summarizer(deadline_ms=-1)


def test_truncation_summarizes_a_prefix_and_says_so() -> None:
    summarizer = precis.Summarizer(max_bytes=120, on_too_long="truncate", sentences=10)
    summary = summarizer.summarize(BODY)
    check_valid(BODY, summary)
    kept = len(BODY) - summary.diagnostics.truncated_bytes  # ASCII: bytes are characters
    assert kept <= 120 and BODY[kept] == " ", "cut at white space, not inside a word"
    assert summary.diagnostics.warnings[0] == "truncated"
    assert all(s.end <= kept for s in summary.sentences)
    assert summary.scores == precis.Summarizer(sentences=10).summarize(BODY[:kept]).scores
    assert (
        summarizer.analyze(BODY).diagnostics.truncated_bytes == summary.diagnostics.truncated_bytes
    )


def test_truncation_respects_code_points() -> None:
    text = "长江是中国最长的河流。长江流经许多省份和城市。重庆位于长江上游。" * 3
    for limit in range(1, 60):
        summarizer = precis.Summarizer(max_bytes=limit, on_too_long="truncate")
        summary = summarizer.summarize(text)
        kept = len(text.encode()) - summary.diagnostics.truncated_bytes
        assert limit - 3 < kept <= limit
        text.encode()[:kept].decode("utf-8")  # a whole number of characters
        check_valid(text, summary)


def test_lone_surrogates_can_be_replaced() -> None:
    text = "Rivers carry water. The \udcff river feeds \ud800 farms. Farms need the river water."
    summarizer = precis.Summarizer(on_invalid_utf8="replace", sentences=3)
    summary = summarizer.summarize(text)
    check_valid(text, summary, replaced=True)
    assert summary.diagnostics.replaced_sequences == 2
    assert summary.diagnostics.warnings == ["invalid_utf8_replaced"]
    assert summary.sentences[1].text == "The \ufffd river feeds \ufffd farms."
    # Offsets index the caller's str, surrogates included.
    assert text[summary.sentences[2].start :] == "Farms need the river water."
    clean = text.replace("\udcff", "\ufffd").replace("\ud800", "\ufffd")
    assert summary.scores == summarizer.summarize(clean).scores
    # The same through every entry point.
    assert summarizer.summarize_many([clean, text], workers=2)[1] == summary
    analysis = summarizer.analyze(text)
    assert (analysis.diagnostics.replaced_sequences, analysis.diagnostics.warnings) == (
        2,
        ["invalid_utf8_replaced"],
    )
    with_query = summarizer.summarize(text, query="farms \udc80")
    assert with_query.diagnostics.replaced_sequences == 3
    # `source` accepts the original text.
    assert summary.source is text


def test_replacement_and_truncation_together() -> None:
    text = "Good \udcff text here. " * 20
    summarizer = precis.Summarizer(max_bytes=100, on_too_long="truncate", on_invalid_utf8="replace")
    summary = summarizer.summarize(text)
    assert summary.diagnostics.warnings[:2] == ["truncated", "invalid_utf8_replaced"]
    assert summary.diagnostics.truncated_bytes > 0
    check_valid(text, summary, replaced=True)


def test_input_options_validate_names_and_round_trip() -> None:
    with pytest.raises(precis.InvalidOptionsError, match="on_invalid_utf8"):
        precis.Summarizer(on_invalid_utf8="ignore")
    with pytest.raises(precis.InvalidOptionsError, match="on_too_long"):
        precis.Summarizer(on_too_long="drop")
    with pytest.raises(precis.InvalidOptionsError, match="max_bytes must be an int from 0"):
        precis.Summarizer(max_bytes=-1)
    with pytest.raises(precis.ParseError, match=r"input\.max_bytes"):
        precis.SummarizerOptions.from_json('{"input": {"max_bytes": "1 MB"}}')
    options = precis.Summarizer(
        max_bytes=1 << 20, on_too_long="truncate", on_invalid_utf8="replace"
    ).options
    assert precis.SummarizerOptions.from_json(options.to_json()) == options
    assert pickle.loads(pickle.dumps(options.input)) == options.input
    assert "max_bytes=1048576" in repr(options.input)


@pytest.mark.parametrize(
    "budget", [{"sentences": 1000}, {"ratio": 1.0}, {"words": 10**9}, {"chars": 2**62}]
)
def test_budgets_larger_than_the_document(
    budget: dict[str, float], summarizer: precis.Summarizer
) -> None:
    summary = summarizer.summarize(BODY, **budget)
    check_valid(BODY, summary)
    assert [s.index for s in summary.sentences] == list(range(summary.diagnostics.sentence_count))
    assert summary.diagnostics.warnings == []


# -------------------------------------------------------------------------------------------
# Odd text: control characters, line endings, scripts, marks


@pytest.mark.parametrize(
    "text",
    [
        BODY.replace(". ", ".\r\n"),  # CRLF
        BODY.replace(". ", ".\r"),  # lone CR (old Mac)
        BODY.replace(" ", "\t"),
        BODY.replace(" ", "\x0b\x0c"),  # vertical tab, form feed
        "".join(c + "\x07" if c == "." else c for c in BODY),  # BEL after every period
        "\x1b[1mBold\x1b[0m text is here. " + BODY,  # terminal escapes
        BODY.replace("a", "a\u0301\u0302\u0303\u0304\u0305\u0306\u0307\u0308"),  # zalgo-like marks
        "Z\u0351\u0352\u0353\u0354a\u0355\u0356l\u0357\u0358g\u0359o\u035a. " * 30,  # zalgo only
        "مرحبا بالعالم. هذه جملة ثانية. والثالثة هنا أيضا. " * 5,  # right-to-left
        "שלום עולם. זה משפט שני. " + BODY,  # Hebrew then English
        "👨‍👩‍👧‍👦 families travel. 🏳️‍🌈 flags wave. 👍🏽 thumbs rise. " * 4,  # ZWJ and modifiers
        "English first. 中文第二句。Русский третий. Ελληνικά τέταρτα. हिन्दी पाँचवाँ।",
        "\u202eReversed override text. \u202cNormal again. " * 5,  # bidi controls
        "\u200b".join(BODY),  # zero-width space between every character
        "a" * 100_000 + ". " + BODY,  # one enormous word
        "1" * 50_000 + "." + "2" * 50_000,  # one long numeric token (hangs pySBD's regexes)
    ],
)
def test_odd_text_gives_valid_summaries(text: str, summarizer: precis.Summarizer) -> None:
    summary = summarizer.summarize(text)
    check_valid(text, summary)
    assert summarizer.summarize(text) == summary
    for found in precis.sentences(text):
        assert text[found.start : found.end] == found.text
    for token in precis.tokens(text):
        assert text[token.start : token.end] == token.text


# -------------------------------------------------------------------------------------------
# Huge inputs: bounded time and memory, no recursion, valid output. Not timed here (see
# benchmarks/); these check that the engine copes at all.


def test_one_sentence_of_ten_megabytes_without_punctuation(summarizer: precis.Summarizer) -> None:
    words = ["river", "mountain", "water", "snow", "farmer", "flood", "spring", "sea"]
    text = " ".join(words[i % 7] + words[i % 8] for i in range(900_000))
    assert len(text) >= 10_000_000
    summary = summarizer.summarize(text)
    assert summary.diagnostics.sentence_count == 1
    assert summary.diagnostics.warnings == ["single_sentence"]
    assert summary.sentences[0].start == 0 and summary.sentences[0].end == len(text)
    assert summary.scores == [1.0]


def test_two_hundred_thousand_one_word_sentences(summarizer: precis.Summarizer) -> None:
    # 20,000 distinct words, each in 10 sentences.
    text = " ".join(f"Word{(i * 7919) % 20_000}." for i in range(200_000))
    summary = summarizer.summarize(text, sentences=10)
    assert summary.diagnostics.sentence_count == 200_000
    assert len(summary.sentences) <= 10
    check_valid(text, summary)
    assert summary.diagnostics.edge_count <= 200_000 * summary.options.graph.max_neighbors


def test_fifty_megabyte_document(summarizer: precis.Summarizer) -> None:
    # Varied sentences from a small grammar, so the graph is real rather than all duplicates.
    subjects = [
        "The river",
        "A farmer",
        "The city",
        "Our team",
        "The report",
        "A mountain",
        "The sea",
    ]
    verbs = ["feeds", "describes", "crosses", "watches", "changes", "protects", "measures"]
    objects = [
        "the valley",
        "every harvest",
        "the old bridge",
        "new markets",
        "the coastline",
        "rain and snow",
        "its neighbours",
    ]
    sentences = [
        f"{subjects[i % 7]} {verbs[(i // 7) % 7]} {objects[(i // 49) % 7]} in year {i % 1000}."
        for i in range(1_200_000)
    ]
    text = " ".join(sentences)
    assert len(text.encode()) > 50_000_000
    summary = summarizer.summarize(text, sentences=5)
    assert summary.diagnostics.sentence_count == len(sentences)
    assert len(summary.sentences) == 5
    check_valid(text, summary)
