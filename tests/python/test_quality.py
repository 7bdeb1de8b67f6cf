"""The summary-quality features: position prior and its budget scaling, length normalization,
MMR redundancy, short-fragment filtering, query-focused summaries and presets."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import precis

TWO_TOPICS = (
    "The city council approved the new budget for schools on Monday. "
    "The school budget adds teachers and repairs old school buildings. "
    "Parents welcomed the school budget at the council meeting. "
    "Separately, the river flooded the northern farms after heavy rain. "
    "Farmers said the flood destroyed the wheat harvest. "
    "The council will debate school transport next week."
)


def test_query_leans_the_summary_toward_the_query() -> None:
    plain = precis.summarize(TWO_TOPICS, sentences=1, language="en")
    assert "flood" not in plain.text
    focused = precis.summarize(TWO_TOPICS, sentences=1, language="en", query="flood farms harvest")
    assert "flood" in focused.text
    # A query without a term of the text, or an empty one, changes nothing; the first says so.
    unmatched = precis.summarize(TWO_TOPICS, sentences=1, language="en", query="zebra")
    assert unmatched.sentences == plain.sentences and unmatched.scores == plain.scores
    assert unmatched.diagnostics.warnings == ["query_unmatched"]
    assert unmatched.diagnostics.query_sentences == 0 < focused.diagnostics.query_sentences
    assert precis.summarize(TWO_TOPICS, sentences=1, language="en", query="") == plain
    # query_weight 0 turns PageRank's bias off: the scores are the plain ones; the choice still
    # follows the query, which comes first.
    off = precis.summarize(TWO_TOPICS, sentences=1, language="en", query="flood", query_weight=0.0)
    assert off.scores == plain.scores and "flood" in off.text


def test_a_query_gets_the_passage_that_answers_it() -> None:
    meeting = "\n".join(
        [
            f"We went through item {i} of the agenda and agreed to keep it as planned for now ."
            for i in range(30)
        ]
        + [
            "The battery of the remote control drains within a week of normal use .",
            "Marketing thinks customers would accept a rechargeable battery in the base station .",
            "Engineering will check whether the charging contacts fit inside the casing we designed .",
            "A kinetic charger was too expensive for the price we want to reach in the shops .",
        ]
        + [
            f"Then we looked at slide {i} about the colours and the company logo on the case ."
            for i in range(30)
        ]
    )
    summary = precis.summarize(meeting, words=45, query="What was decided about the battery?")
    indices = [s.index for s in summary.sentences]
    assert indices[0] == 30, "the sentence that best matches is the anchor"
    assert indices == list(range(30, 30 + len(indices))), "then the sentences that follow it"
    assert sum(len(s.text.split()) for s in summary.sentences) <= 45
    assert summary.diagnostics.query_sentences == 2


def test_position_prior_fades_as_the_budget_grows(sample_text: str) -> None:
    n = len(precis.sentences(sample_text, language="en"))
    # The sample has 208 sentences: long for a summary of 3, which covers the document instead
    # (cover_long_documents); the prior is about documents read from the lead.
    classic = precis.Summarizer(language="en", position_weight=0.0, cover_long_documents=False)
    default = precis.Summarizer(language="en", cover_long_documents=False)
    # Keeping every sentence, the prior's weight is w·(1 − n/n)^3 = 0: the scores are PageRank's.
    assert (
        default.summarize(sample_text, sentences=n).scores
        == classic.summarize(sample_text, sentences=n).scores
    )
    # At a small budget the lead dominates: the chosen sentences come earlier in the document.
    lead = default.summarize(sample_text, sentences=3)
    central = classic.summarize(sample_text, sentences=3)
    assert max(s.index for s in lead.sentences) < max(s.index for s in central.sentences)
    # The scores still sum to 1 and ranks follow them.
    assert sum(lead.scores) == pytest.approx(1.0)


def test_length_penalty_prefers_shorter_sentences(sample_text: str) -> None:
    def mean_words(summary: precis.Summary) -> float:
        return sum(len(s.text.split()) for s in summary.sentences) / len(summary.sentences)

    base = {
        "language": "en",
        "position_weight": 0.0,
        "sentences": 8,
        "cover_long_documents": False,
    }
    long_ = precis.summarize(sample_text, length_penalty=0.0, **base)
    short = precis.summarize(sample_text, length_penalty=1.0, **base)
    assert mean_words(short) < mean_words(long_)


def test_redundancy_avoids_near_repeats() -> None:
    text = (
        "The storm closed every school in the county on Tuesday. "
        "Every school in the county was closed on Tuesday by the storm. "
        "The storm closed the county schools and roads on Tuesday. "
        "Power lines fell across the valley, leaving thousands without electricity. "
        "The county said schools would reopen when the storm passed."
    )
    base = {"language": "en", "sentences": 2, "position_weight": 0.0, "duplicate_threshold": 1.0}
    plain = precis.summarize(text, **base)
    mmr = precis.summarize(text, redundancy=0.6, **base)
    assert not any("Power" in s.text for s in plain.sentences)
    assert any("Power" in s.text for s in mmr.sentences)


def test_short_fragments_are_not_candidates() -> None:
    text = (
        "Read more. The mayor opened the new bridge over the river on Sunday morning. "
        "The bridge links the old town with the new station. Thousands crossed the bridge."
    )
    # The median sentence has 10 words: "Read more." (2 < 3.5) is a fragment at ratio 0.35.
    chosen = precis.summarize(text, sentences=4, language="en")
    assert "Read more." not in chosen.text and len(chosen) == 3
    assert (
        "Read more." in precis.summarize(text, sentences=4, min_length_ratio=0, language="en").text
    )
    # Relative to the document: short sentences everywhere are not fragments.
    assert len(precis.summarize("Yes. No. Maybe.", sentences=3)) == 3


def test_presets_change_the_summary(sample_text: str) -> None:
    summaries = {p: precis.summarize(sample_text, preset=p, sentences=5) for p in precis.PRESETS}
    assert summaries["default"] == precis.summarize(sample_text, sentences=5)
    assert summaries["classic"] != summaries["default"]
    assert summaries["coverage"] != summaries["default"]


def test_cli_preset_and_query(sample_path: Path) -> None:
    def run(*args: str) -> dict:
        out = subprocess.run(
            [sys.executable, "-m", "precis", "summarize", str(sample_path), "--json", *args],
            check=True,
            capture_output=True,
            text=True,
            encoding="utf-8",
        ).stdout
        return json.loads(out)

    text = sample_path.read_bytes().decode("utf-8")
    classic = run("--preset", "classic", "-n", "3")
    assert [s["index"] for s in classic["sentences"]] == [
        s.index for s in precis.summarize(text, preset="classic", sentences=3).sentences
    ]
    focused = run("--query", "ecological protection", "-n", "3")
    assert [s["index"] for s in focused["sentences"]] == [
        s.index
        for s in precis.summarize(text, query="ecological protection", sentences=3).sentences
    ]
