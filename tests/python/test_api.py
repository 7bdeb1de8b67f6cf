"""The public Python API: Summary and ScoredSentence, budgets, reuse, batch summarization."""

from __future__ import annotations

import copy
import json
import math
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

import precis

TITLE = (
    "Promoting the development of the western region is a century project – Record of General "
    "Secretary Xi Jinping’s inspection in Chongqing"
)


def expected_ranks(scores: list[float]) -> list[int]:
    """Rank 1 for the highest score (to 36 significant bits); ties go to the lower index."""

    def key(score: float) -> float:
        if score == 0.0:
            return score
        mantissa, exponent = math.frexp(score)  # round() is half to even
        return math.ldexp(round(mantissa * 2.0**36), exponent - 36)

    order = sorted(range(len(scores)), key=lambda i: (-key(scores[i]), i))
    ranks = [0] * len(scores)
    for position, index in enumerate(order):
        ranks[index] = position + 1
    return ranks


def word_count(text: str, sentence: precis.ScoredSentence) -> int:
    """Word and number tokens inside the sentence, as the words budget counts them."""
    return sum(
        sentence.start <= t.start and t.end <= sentence.end
        for t in precis.tokens(text, language="en")
    )


def other_texts(sample_text: str) -> list[str]:
    paragraphs = [p for p in sample_text.split("\n\n") if p.strip()]
    return [
        "\n\n".join(paragraphs[: len(paragraphs) // 2]),
        "\n\n".join(paragraphs[len(paragraphs) // 2 :]),
        "",
        "One sentence only.",
        "Der Bär läuft schnell. Die Straße ist lang. Der Bär schläft auf der Straße. Ende gut.",
        "今天天气很好。我们去公园散步。公园里有很多人。天气好的时候人很多。",
        "Emoji 👍 here. More emoji 👨‍👩‍👧 there. Emoji everywhere 👍.",
        sample_text,
    ]


def test_the_installed_package_is_tested(repo_root: Path) -> None:
    package = Path(precis.__file__).resolve()
    assert repo_root / "python" not in package.parents, f"imported from the source tree: {package}"
    assert "site-packages" in package.parts


def test_summary_shape(sample_text: str, sample_summary: precis.Summary) -> None:
    summary = sample_summary
    assert isinstance(summary, precis.Summary)
    assert len(summary) == len(summary.sentences) == 5
    assert all(isinstance(s, precis.ScoredSentence) for s in summary.sentences)
    indices = [s.index for s in summary.sentences]
    assert indices == sorted(set(indices)), "chosen sentences are in document order, no repeats"
    for s in summary.sentences:
        assert isinstance(s.index, int) and isinstance(s.rank, int)
        assert isinstance(s.score, float) and isinstance(s.text, str)
        assert 0 <= s.start < s.end <= len(sample_text)
        assert sample_text[s.start : s.end] == s.text
        assert sample_text.encode()[s.byte_start : s.byte_end] == s.text.encode()
        assert s.text == s.text.strip() and s.text


def test_text_joins_the_chosen_sentences_in_document_order(sample_summary: precis.Summary) -> None:
    assert sample_summary.text == "\n".join(s.text for s in sample_summary.sentences)
    assert str(sample_summary) == sample_summary.text


def test_scores_cover_every_sentence_and_sum_to_one(
    sample_text: str, sample_summary: precis.Summary
) -> None:
    d = sample_summary.diagnostics
    scores = sample_summary.scores
    assert isinstance(scores, list)
    assert (
        len(scores) == d.sentence_count == len(precis.sentences(sample_text, language=d.language))
    )
    assert d.sentence_count > 100
    assert all(score >= 0 for score in scores)
    assert math.fsum(scores) == pytest.approx(1.0, abs=1e-9)
    for s in sample_summary.sentences:
        assert s.score == scores[s.index]


def test_ranks(sample_summary: precis.Summary, sample_text: str) -> None:
    ranks = expected_ranks(sample_summary.scores)
    for s in sample_summary.sentences:
        assert s.rank == ranks[s.index]
    # The summary is made of high-ranked sentences, though not necessarily the top 5: page
    # furniture (the title, "--", photo captions: unterminated lines, which the position prior
    # may rank first) is skipped, so everything ranked above the best chosen sentence is that.
    best = min(s.rank for s in sample_summary.sentences)
    assert best <= 5
    lines = precis.sentences(sample_text, language=sample_summary.diagnostics.language)
    assert all(not lines[i].terminated for i, r in enumerate(ranks) if r < best)


def test_engine_ranks_every_sentence(sample_summary: precis.Summary) -> None:
    # The display ranks with the engine's own function, which gives the chosen sentences' ranks.
    ranks = precis._core.sentence_ranks(sample_summary.scores)
    assert ranks == expected_ranks(sample_summary.scores)
    for s in sample_summary.sentences:
        assert s.rank == ranks[s.index]


def test_a_repeated_sentence_ranks_after_its_first_occurrence() -> None:
    # Both copies have the same score up to rounding (their sums run in a different order); the
    # earlier copy must rank first, and be the one chosen, on any machine.
    central = "The river flooded the valley town and the farms along the river."
    others = [
        "Farmers in the valley lost their crops to the flood.",
        "The town council met to discuss the river defences.",
        "Rain had fallen on the hills above the valley for a week.",
        "Volunteers filled sandbags along the river bank in town.",
        "Insurers expect claims from farms and homes in the valley.",
    ]
    text = " ".join([others[0], central, others[1], others[2], central, others[3], others[4]])
    summary = precis.summarize(text, sentences=1, position_weight=0.0)
    scores = summary.scores
    assert abs(scores[1] - scores[4]) <= 1e-12 * scores[1]
    assert expected_ranks(scores)[1] + 1 == expected_ranks(scores)[4]
    assert [s.index for s in summary.sentences] == [1]
    assert summary.sentences[0].rank == 1


def test_diagnostics(sample_summary: precis.Summary) -> None:
    d = sample_summary.diagnostics
    assert isinstance(d, precis.Diagnostics)
    assert d.language == "en"
    assert d.converged and "not_converged" not in d.warnings
    assert 1 <= d.iterations <= sample_summary.options.rank.max_iterations
    assert d.residual < sample_summary.options.rank.tolerance
    assert d.token_count > d.sentence_count and d.term_count > 0 and d.edge_count > 0
    assert d.stemmer == "en" and d.stopword_count > 0
    assert d.warnings == []


def test_repr(summarizer: precis.Summarizer, sample_summary: precis.Summary) -> None:
    text = repr(sample_summary)
    assert text.startswith("Summary(")
    assert f"{len(sample_summary)} of {sample_summary.diagnostics.sentence_count} sentences" in text
    assert "language='en'" in text
    first = sample_summary.sentences[0]
    assert repr(first).startswith(f"ScoredSentence(index={first.index}, start={first.start}, ")
    assert f"rank={first.rank}, " in repr(first)
    assert repr(sample_summary.diagnostics).startswith("Diagnostics(warnings=[], language='en', ")
    assert repr(summarizer) == "Summarizer()"
    assert repr(precis.Summarizer(language="de", similarity="bm25")) == (
        "Summarizer(language='de', similarity='bm25')"
    )
    long = "Word " * 100 + "end."
    assert len(repr(precis.summarize(long))) < 200, "long texts are shortened in repr"


def test_equality(
    summarizer: precis.Summarizer, sample_text: str, sample_summary: precis.Summary
) -> None:
    again = summarizer.summarize(sample_text, sentences=5)
    assert again == sample_summary
    assert not (again != sample_summary)
    assert again.sentences == sample_summary.sentences
    assert summarizer.summarize(sample_text, sentences=4) != sample_summary
    assert sample_summary.sentences[0] != sample_summary.sentences[1]
    assert sample_summary != None  # noqa: E711 - __eq__ with another type
    assert sample_summary != sample_summary.text


@pytest.mark.parametrize("protocol", range(2, pickle.HIGHEST_PROTOCOL + 1))
def test_pickle_round_trip(protocol: int, sample_summary: precis.Summary) -> None:
    restored = pickle.loads(pickle.dumps(sample_summary, protocol=protocol))
    assert isinstance(restored, precis.Summary)
    assert restored == sample_summary
    assert restored.to_json() == sample_summary.to_json()


@pytest.mark.parametrize("protocol", [0, 1])
def test_old_pickle_protocols_do_not_crash(protocol: int, tmp_path: Path) -> None:
    # In a child process: the failure mode is an abort, which would take pytest down with it.
    code = f"""
import pickle, precis
for value in (precis.summarize("Cats chase mice. Dogs chase cats."), precis.SummarizerOptions()):
    try:
        assert pickle.loads(pickle.dumps(value, protocol={protocol})) == value
    except Exception as error:  # refusing protocol {protocol} cleanly is acceptable
        print(type(error).__name__)
"""
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_pickle_and_copy_degenerate_summaries(summarizer: precis.Summarizer) -> None:
    for text in ["", "One.", "!!! ???"]:
        summary = summarizer.summarize(text)
        assert pickle.loads(pickle.dumps(summary)) == summary
        assert copy.deepcopy(summary) == summary
        assert copy.copy(summary) == summary


@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_an_analysis_pickles_with_every_field(protocol: int, sample_text: str) -> None:
    analysis = precis.Summarizer(language="en").analyze(sample_text)
    restored = pickle.loads(pickle.dumps(analysis, protocol=protocol))
    assert restored == analysis and restored is not analysis
    for name in (
        "sentences",
        "word_counts",
        "terms",
        "vocabulary",
        "graph_csr",
        "scores",
        "diagnostics",
    ):
        assert getattr(restored, name) == getattr(analysis, name), name
    assert copy.deepcopy(analysis) == analysis
    assert analysis != precis.analyze("Another text. With two sentences.")


@pytest.mark.parametrize("part", ["sentence", "diagnostics"])
def test_result_parts_pickle(part: str, sample_summary: precis.Summary) -> None:
    value = sample_summary.sentences[0] if part == "sentence" else sample_summary.diagnostics
    restored = pickle.loads(pickle.dumps(value))
    assert repr(restored) == repr(value)


def test_diagnostics_compare_by_value(summarizer: precis.Summarizer, sample_text: str) -> None:
    first = summarizer.summarize(sample_text)
    second = summarizer.summarize(sample_text)
    assert first == second
    assert first.diagnostics == second.diagnostics


def test_json_round_trip(sample_summary: precis.Summary) -> None:
    text = sample_summary.to_json()
    assert "\n" not in text
    data = json.loads(text)
    assert json.loads(sample_summary.to_json(indent=2)) == data
    assert precis.Summary.from_json(text) == sample_summary
    assert precis.Summary.from_json(sample_summary.to_json(indent=4)) == sample_summary

    assert data["schema_version"] == 1
    assert data["precis_version"] == precis.__version__
    assert data["text"] == sample_summary.text
    assert data["scores"] == sample_summary.scores
    assert [item["index"] for item in data["sentences"]] == [
        s.index for s in sample_summary.sentences
    ]
    for item, s in zip(data["sentences"], sample_summary.sentences):
        assert item == {
            "index": s.index,
            "start": s.start,
            "end": s.end,
            "byte_start": s.byte_start,
            "byte_end": s.byte_end,
            "score": s.score,
            "rank": s.rank,
            "text": s.text,
        }
    assert data["diagnostics"]["sentence_count"] == sample_summary.diagnostics.sentence_count
    assert data["diagnostics"]["warnings"] == sample_summary.diagnostics.warnings
    options = json.loads(sample_summary.options.to_json())
    assert options.pop("schema_version") == 1
    assert data["options"] == options


def test_json_from_garbage_is_a_parse_error() -> None:
    for bad in ["", "{", "[]", '{"schema_version": 2}', '{"sentences": 3}', '{"bogus": 1}']:
        with pytest.raises(precis.ParseError):
            precis.Summary.from_json(bad)


def test_summary_echoes_the_options(summarizer: precis.Summarizer, sample_text: str) -> None:
    summary = summarizer.summarize(sample_text, ratio=0.1)
    assert summary.options.select.ratio == 0.1
    assert summary.options.select.sentences is None
    assert summary.options.segment == summarizer.options.segment
    assert summary.options.rank == summarizer.options.rank


def test_summarizer_is_reusable(summarizer: precis.Summarizer, sample_text: str) -> None:
    texts = other_texts(sample_text)
    first = [summarizer.summarize(t) for t in texts]
    second = [summarizer.summarize(t) for t in reversed(texts)][::-1]
    fresh = [precis.Summarizer().summarize(t) for t in texts]
    assert first == second == fresh
    assert first == [precis.summarize(t) for t in texts]


def test_summarizer_options_cannot_change_the_summarizer(sample_text: str) -> None:
    summarizer = precis.Summarizer()
    before = summarizer.summarize(sample_text)
    summarizer.options.select.sentences = 2
    summarizer.options.rank.damping = 0.5
    assert summarizer.options.select.sentences is None
    assert summarizer.options.rank.damping == 0.85
    assert summarizer.summarize(sample_text) == before


def test_summary_options_cannot_change_the_summary(
    summarizer: precis.Summarizer, sample_text: str
) -> None:
    summary = summarizer.summarize(sample_text)
    copy_of_it = precis.Summary.from_json(summary.to_json())
    summary.options.select.sentences = 99
    assert summary == copy_of_it


# Budgets


def test_default_budget_is_five_sentences(summarizer: precis.Summarizer, sample_text: str) -> None:
    summary = summarizer.summarize(sample_text)
    assert len(summary) == 5
    assert summary.options.select.sentences is None
    assert summary.sentences == summarizer.summarize(sample_text, sentences=5).sentences


@pytest.mark.parametrize("n", [1, 2, 3, 7, 12])
def test_sentences_budget(n: int, summarizer: precis.Summarizer, sample_text: str) -> None:
    summary = summarizer.summarize(sample_text, sentences=n)
    assert len(summary) == n  # the sample has plenty of candidates
    assert summary.options.select.sentences == n


def test_sentences_budget_larger_than_the_document(summarizer: precis.Summarizer) -> None:
    text = "Cats chase mice. Dogs chase cats. Mice fear cats and dogs."
    summary = summarizer.summarize(text, sentences=50)
    assert [s.index for s in summary.sentences] == [0, 1, 2]


@pytest.mark.parametrize("ratio", [0.01, 0.05, 0.1, 0.25])
def test_ratio_budget(ratio: float, summarizer: precis.Summarizer, sample_text: str) -> None:
    summary = summarizer.summarize(sample_text, ratio=ratio)
    n = summary.diagnostics.sentence_count
    limit = max(1, math.floor(ratio * n + 0.5))
    # The sample has far more candidates than any of these budgets: the budget is reached.
    assert len(summary) == limit


@pytest.mark.parametrize("words", [1, 15, 60, 150, 400])
def test_words_budget(words: int, summarizer: precis.Summarizer, sample_text: str) -> None:
    summary = summarizer.summarize(sample_text, words=words)
    total = sum(word_count(sample_text, s) for s in summary.sentences)
    assert total <= words
    if words >= 60:
        assert len(summary) >= 1 and total > words // 3


@pytest.mark.parametrize("chars", [1, 50, 300, 1500])
def test_chars_budget(chars: int, summarizer: precis.Summarizer, sample_text: str) -> None:
    summary = summarizer.summarize(sample_text, chars=chars)
    total = sum(len(s.text) for s in summary.sentences)
    assert total <= chars
    if chars >= 300:
        assert len(summary) >= 1
    if chars == 1:
        assert len(summary) == 0 and summary.diagnostics.warnings == ["budget_too_small"]
        assert summary.text == ""


def test_every_budget_given_applies(summarizer: precis.Summarizer, sample_text: str) -> None:
    summary = summarizer.summarize(sample_text, sentences=10, words=120, chars=900)
    assert len(summary) <= 10
    assert sum(word_count(sample_text, s) for s in summary.sentences) <= 120
    assert sum(len(s.text) for s in summary.sentences) <= 900
    # Without sentences=, the words budget alone decides (no default 5-sentence cap).
    assert len(summarizer.summarize(sample_text, words=600)) > 5
    assert len(summarizer.summarize(sample_text, sentences=5, words=600)) == 5
    assert len(summarizer.summarize(sample_text, sentences=2, words=10_000)) == 2


def test_call_budgets_replace_only_budgets_of_the_same_kind(sample_text: str) -> None:
    # Every budget the user set applies: a call's budget replaces the Summarizer's budget of the
    # same kind and leaves the others in force.
    two = precis.Summarizer(sentences=2)
    assert two.options.select.sentences == 2
    assert len(two.summarize(sample_text)) == 2
    assert len(two.summarize(sample_text, sentences=6)) == 6

    by_words = two.summarize(sample_text, words=40)
    assert by_words.options.select.sentences == 2 and by_words.options.select.words == 40
    assert by_words == precis.Summarizer().summarize(sample_text, sentences=2, words=40)
    assert 1 <= len(by_words) <= 2

    by_ratio = two.summarize(sample_text, ratio=0.1)
    assert len(by_ratio) == 2  # min(2, round(0.1 × about 200 sentences))
    assert by_ratio.options.select.ratio == 0.1 and by_ratio.options.select.sentences == 2

    words_default = precis.Summarizer(words=30)
    capped = words_default.summarize(sample_text, sentences=6)
    assert capped.options.select.words == 30 and capped.options.select.sentences == 6
    assert len(capped) < 6


def test_module_level_summarize_matches_summarizer(sample_text: str) -> None:
    assert precis.summarize(sample_text, sentences=3) == precis.Summarizer().summarize(
        sample_text, sentences=3
    )
    assert precis.summarize(sample_text, ratio=0.1, similarity="bm25") == precis.Summarizer(
        similarity="bm25"
    ).summarize(sample_text, ratio=0.1)


# Batches


@pytest.mark.parametrize("workers", [1, 2, 0])
def test_summarize_many_equals_serial(
    workers: int, summarizer: precis.Summarizer, sample_text: str
) -> None:
    texts = other_texts(sample_text) * 3
    serial = [summarizer.summarize(t) for t in texts]
    assert summarizer.summarize_many(texts, workers=workers) == serial
    serial_budget = [summarizer.summarize(t, words=80) for t in texts]
    assert summarizer.summarize_many(texts, words=80, workers=workers) == serial_budget
    assert precis.summarize_many(iter(texts), words=80, workers=workers) == serial_budget


def test_summarize_many_edge_cases(summarizer: precis.Summarizer) -> None:
    assert summarizer.summarize_many([]) == []
    assert summarizer.summarize_many(["One sentence."], workers=8) == [
        summarizer.summarize("One sentence.")
    ]
    with pytest.raises(precis.InvalidOptionsError, match=r"select\.sentences"):
        summarizer.summarize_many(["a. b."], sentences=0)


def test_sample_summary_has_no_repeats_or_page_furniture(
    sample_summary: precis.Summary, sample_text: str
) -> None:
    assert sample_text.startswith(TITLE)
    texts = [s.text for s in sample_summary.sentences]
    normalized = [" ".join(t.split()).casefold() for t in texts]
    assert len(set(normalized)) == len(normalized), f"repeated sentence in {texts}"
    for text in texts:
        assert TITLE not in text
        for furniture in ("Photo by", "Tags:", "The article is in Chinese", "NEXT"):
            assert furniture not in text, f"{furniture!r} in summary sentence {text!r}"
    # The furniture is in the document, so the test above can fail.
    for furniture in ("Photo by", "Tags:", "The article is in Chinese", "NEXT"):
        assert furniture in sample_text


def test_summarizer_pickles_and_compares_by_options(sample_text: str) -> None:
    summarizer = precis.Summarizer(language="en", similarity="bm25", sentences=2)
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        restored = pickle.loads(pickle.dumps(summarizer, protocol))
        assert restored == summarizer
        assert restored.summarize(sample_text) == summarizer.summarize(sample_text)
    assert summarizer != precis.Summarizer(language="en")


def test_segmentation_results_compare_and_pickle(sample_text: str) -> None:
    found = precis.sentences(sample_text[:2000])
    assert found == precis.sentences(sample_text[:2000])
    assert found[0] != found[1]
    words = precis.tokens("Café 3.5 km")
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        assert pickle.loads(pickle.dumps(found, protocol)) == found
        assert pickle.loads(pickle.dumps(words, protocol)) == words


@pytest.mark.parametrize(
    "struct",
    [
        precis.SegmentOptions,
        precis.TokenOptions,
        precis.GraphOptions,
        precis.RankOptions,
        precis.SelectOptions,
    ],
)
def test_option_structs_repr_and_pickle(struct: type) -> None:
    value = struct()
    assert repr(value).startswith(struct.__name__ + "(") and "object at" not in repr(value)
    if struct is precis.SelectOptions:
        value.sentences = 3
    for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
        assert pickle.loads(pickle.dumps(value, protocol)) == value


def test_wrong_budget_types_get_short_messages(sample_text: str) -> None:
    with pytest.raises(TypeError, match=r"^select\.sentences must be an int or None, got str$"):
        precis.summarize(sample_text, sentences="3")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="text must be str, got bytes"):
        precis.summarize(sample_text.encode())  # type: ignore[arg-type]
    with pytest.raises(precis.InvalidOptionsError, match=r"select\.chars"):
        precis.summarize(sample_text, chars=10**30)
