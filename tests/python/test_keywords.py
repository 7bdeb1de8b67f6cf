"""Keyphrases from Python: the one-shot and reusable forms, summarize(keywords=N), batches,
offsets into the str, errors, pickling and the notebook display."""

from __future__ import annotations

import pickle

import pandas
import pytest

import precis

TEXT = (
    "Adaptive robust control of uncertain systems is studied. The adaptive robust control uses "
    "state feedback. State feedback gives robust control of uncertain systems. Émile liked "
    "state feedback too."
)


def test_keywords_are_ranked_spans_of_the_text(sample_text: str) -> None:
    found = precis.keywords(sample_text, 8)
    assert isinstance(found, precis.Keyphrases)
    assert 0 < len(found) <= 8
    assert [k.score for k in found] == sorted((k.score for k in found), reverse=True)
    assert any("western" in k.text.lower() for k in found[:5]), [k.text for k in found]
    for k in found:
        slices = [sample_text[o.start : o.end] for o in k.occurrences]
        assert k.text in slices
        for o in k.occurrences:
            raw = sample_text.encode("utf-8")[o.byte_start : o.byte_end].decode("utf-8")
            assert raw == sample_text[o.start : o.end]


def test_code_point_offsets_after_non_ascii() -> None:
    text = "Ünïcödé prefix — " + TEXT
    found = precis.keywords(text, 10)
    feedback = next(k for k in found if k.normalized == "state feedback")
    assert [text[o.start : o.end].lower() for o in feedback.occurrences] == ["state feedback"] * 3


def test_summarize_carries_the_same_keywords(sample_text: str) -> None:
    summary = precis.summarize(sample_text, keywords=6)
    assert list(summary.keywords) == list(precis.keywords(sample_text, 6))
    assert precis.summarize(sample_text).keywords == []
    assert summary.sentences == precis.summarize(sample_text).sentences
    again = precis.Summary.from_json(summary.to_json())
    assert again.keywords == summary.keywords


def test_options_reach_the_keyphrases(sample_text: str) -> None:
    base = precis.keywords(sample_text, 10)
    wide = precis.keywords(sample_text, 10, cooccurrence_window=10)
    assert list(wide) != list(base)
    summarizer = precis.Summarizer(language="en", max_phrase_words=2)
    assert all(len(k.text.split()) <= 2 for k in summarizer.keywords(sample_text, 20))
    assert summarizer.options.keyphrases.max_phrase_words == 2
    with pytest.raises(precis.InvalidOptionsError, match="cooccurrence_window"):
        precis.Summarizer(cooccurrence_window=1)


def test_keywords_many_equals_one_at_a_time(sample_text: str) -> None:
    texts = [sample_text, TEXT, "", sample_text[:3000], "中文关键词提取是一个有趣的问题。"]
    one_by_one = [precis.keywords(t, 7) for t in texts]
    assert precis.keywords_many(texts, 7, workers=2) == one_by_one
    assert precis.Summarizer().keywords_many(iter(texts), 7, workers=1) == one_by_one
    assert [k.source for k in precis.keywords_many(texts, 7)] == texts


def test_bad_arguments_raise_clear_errors() -> None:
    with pytest.raises(precis.InvalidOptionsError, match="n must be"):
        precis.keywords(TEXT, -1)
    with pytest.raises(precis.InvalidOptionsError, match="n must be"):
        precis.keywords(TEXT, True)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        precis.keywords(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(precis.InvalidOptionsError, match="workers"):
        precis.keywords_many([TEXT], workers=-2)
    with pytest.raises(UnicodeEncodeError):
        precis.keywords("lone \ud800 surrogate")
    assert precis.keywords("lone \ud800 surrogate text", on_invalid_utf8="replace")
    assert precis.keywords("", 5) == []
    assert precis.keywords("The and of 12.", 5) == []
    assert precis.keywords(TEXT, 0) == []


def test_keyphrases_pickle_and_compare(sample_text: str) -> None:
    found = precis.keywords(sample_text, 3)
    again = pickle.loads(pickle.dumps(found[0]))
    assert again == found[0]
    assert repr(found[0]).startswith("Keyphrase(") and "occurrences=" in repr(found[0])
    assert precis.Keyphrase.from_json(found[0].to_json()) == found[0]


def test_display_highlights_every_occurrence(sample_text: str) -> None:
    found = precis.keywords("<b>Tags</b> & robust control. Robust control again.", 5)
    html = found._repr_html_()
    assert 'class="precis-keyphrase"' in html
    assert "&lt;b&gt;" in html and "<b>Tags" not in html  # the text is escaped
    assert html.count('class="precis-keyphrase"') == sum(len(k.occurrences) for k in found)
    assert "| 1 |" in found._repr_markdown_()
    summary = precis.summarize(sample_text, keywords=5)
    page = summary._repr_html_()
    assert 'class="precis-keyphrases"' in page and 'class="precis-keyphrase"' in page
    assert 'class="precis-keyphrases"' not in precis.summarize(sample_text)._repr_html_()


def test_to_pandas(sample_text: str) -> None:
    frame = precis.keywords(sample_text, 5).to_pandas()
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame.columns) == ["text", "score", "normalized", "occurrences", "first"]
    assert len(frame) == 5 and frame["score"].is_monotonic_decreasing
