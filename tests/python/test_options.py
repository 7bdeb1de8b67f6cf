"""Options: keyword-only flat arguments, SummarizerOptions, validation messages, JSON."""

from __future__ import annotations

import json
import math
import pickle
from typing import Any

import pytest

import precis


def custom_options() -> precis.SummarizerOptions:
    options = precis.SummarizerOptions()
    options.segment.language = "de"
    options.segment.join_wrapped_lines = False
    options.tokens.stem = False
    options.tokens.keep_numbers = False
    options.graph.similarity = "bm25"
    options.graph.min_edge_weight = 0.01
    options.rank.damping = 0.7
    options.rank.tolerance = 1e-8
    options.rank.max_iterations = 250
    options.select.sentences = 3
    options.select.words = 90
    options.select.duplicate_threshold = 0.5
    options.select.skip_unterminated = False
    options.rank.position_weight = 0.25
    options.rank.position_budget_exponent = 1.5
    options.rank.query_weight = 0.5
    options.select.min_length_ratio = 0.125
    options.select.length_penalty = 0.5
    options.select.redundancy = 0.3
    return options


def test_defaults_are_the_documented_ones() -> None:
    o = precis.SummarizerOptions()
    assert o.segment.language == "auto"
    assert (
        o.segment.suppress_abbreviations
        and o.segment.join_wrapped_lines
        and o.segment.split_glued_sentences
    )
    assert o.tokens.remove_stopwords and o.tokens.stem and o.tokens.keep_numbers
    assert o.graph.similarity == "textrank" and o.graph.min_edge_weight == 0.0
    assert (o.rank.damping, o.rank.tolerance, o.rank.max_iterations) == (0.85, 1e-6, 100)
    assert (o.rank.position_weight, o.rank.position_budget_exponent, o.rank.query_weight) == (
        1.0,
        3.0,
        0.8,
    )
    assert (o.select.sentences, o.select.ratio, o.select.words, o.select.chars) == (None,) * 4
    assert o.select.duplicate_threshold == 0.8 and o.select.skip_unterminated
    assert (o.select.min_length_ratio, o.select.length_penalty, o.select.redundancy) == (
        0.35,
        0.2,
        0.0,
    )
    assert precis.Summarizer().options == o


def test_arguments_are_keyword_only(sample_text: str) -> None:
    with pytest.raises(TypeError):
        precis.Summarizer("en")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        precis.Summarizer().summarize(sample_text, 3)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        precis.summarize(sample_text, 3)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        precis.Summarizer().summarize_many([sample_text], 3)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        precis.sentences(sample_text, "en")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        precis.tokens(sample_text, "en")  # type: ignore[call-arg]


def test_flat_keywords_equal_options_object(sample_text: str) -> None:
    flat = precis.Summarizer(
        language="de",
        join_wrapped_lines=False,
        stem=False,
        keep_numbers=False,
        similarity="bm25",
        min_edge_weight=0.01,
        damping=0.7,
        tolerance=1e-8,
        max_iterations=250,
        sentences=3,
        words=90,
        duplicate_threshold=0.5,
        skip_unterminated=False,
        position_weight=0.25,
        position_budget_exponent=1.5,
        query_weight=0.5,
        min_length_ratio=0.125,
        length_penalty=0.5,
        redundancy=0.3,
    )
    whole = precis.Summarizer(options=custom_options())
    assert flat.options == whole.options == custom_options()
    assert flat.options != precis.SummarizerOptions()
    assert flat.summarize(sample_text) == whole.summarize(sample_text)
    assert flat.summarize(sample_text) != precis.Summarizer().summarize(sample_text)


def test_keywords_override_the_options_object() -> None:
    summarizer = precis.Summarizer(
        options=custom_options(), similarity="cosine", damping=0.6, ratio=0.2
    )
    o = summarizer.options
    assert o.graph.similarity == "cosine"
    assert o.rank.damping == 0.6
    assert o.segment.language == "de" and o.rank.max_iterations == 250  # the rest is kept
    # A budget given replaces the options object's budget of the same kind; the others stay.
    assert (o.select.sentences, o.select.ratio, o.select.words, o.select.chars) == (
        3,
        0.2,
        90,
        None,
    )


def test_the_options_object_is_not_modified() -> None:
    options = custom_options()
    precis.Summarizer(options=options, language="en", damping=0.5, sentences=1)
    assert options == custom_options()


def test_module_functions_honour_the_options_object(sample_text: str) -> None:
    options = custom_options()
    options.segment.language = "en"
    expected = precis.Summarizer(options=options).summarize(sample_text)
    assert expected.options.graph.similarity == "bm25"
    summary = precis.summarize(sample_text, options=options)
    assert summary.options == options
    assert summary == expected
    assert precis.summarize_many([sample_text], options=options) == [expected]
    assert (
        precis.summarize(sample_text, options=options, similarity="cosine").options.graph.similarity
        == "cosine"
    )


def test_make_options() -> None:
    assert (
        precis.make_options(language="de", similarity="bm25", sentences=3)
        == precis.Summarizer(language="de", similarity="bm25", sentences=3).options
    )
    with pytest.raises(TypeError, match="'dampling'"):
        precis.make_options(dampling=0.5)


@pytest.mark.parametrize("name", ["dampling", "sentence", "lang", "options_"])
def test_unknown_keyword_is_a_type_error(name: str, sample_text: str) -> None:
    unknown: dict[str, Any] = {name: 1}
    with pytest.raises(TypeError, match=repr(name)):
        precis.Summarizer(**unknown)
    with pytest.raises(TypeError, match=repr(name)):
        precis.summarize(sample_text, **unknown)
    with pytest.raises(TypeError):
        precis.Summarizer().summarize(sample_text, **unknown)
    with pytest.raises(TypeError, match=repr(name)):
        precis.sentences(sample_text, **unknown)


@pytest.mark.parametrize(
    ("keywords", "field", "value"),
    [
        ({"ratio": 0}, "select.ratio", "0"),
        ({"ratio": 1.5}, "select.ratio", "1.5"),
        ({"ratio": -0.1}, "select.ratio", "-0.1"),
        ({"sentences": 0}, "select.sentences", "0"),
        ({"sentences": -1}, "select.sentences", "-1"),
        ({"words": 0}, "select.words", "0"),
        ({"chars": -5}, "select.chars", "-5"),
        ({"damping": 1.2}, "rank.damping", "1.2"),
        ({"damping": 0.0}, "rank.damping", "0"),
        ({"damping": math.nan}, "rank.damping", "nan"),
        ({"tolerance": 0.0}, "rank.tolerance", "0"),
        ({"tolerance": math.inf}, "rank.tolerance", "inf"),
        ({"max_iterations": 0}, "rank.max_iterations", "0"),
        ({"min_edge_weight": -1.0}, "graph.min_edge_weight", "-1"),
        ({"min_edge_weight": math.nan}, "graph.min_edge_weight", "nan"),
        ({"duplicate_threshold": 0.0}, "select.duplicate_threshold", "0"),
        ({"ratio": math.nan}, "select.ratio", "nan"),
        ({"language": "xx-invalid"}, "segment.language", "'xx-invalid'"),
        ({"language": ""}, "segment.language", "''"),
        ({"similarity": "jaccard"}, "similarity", "'jaccard'"),
    ],
)
def test_validation_names_the_option_and_value(
    keywords: dict[str, Any], field: str, value: str
) -> None:
    with pytest.raises(precis.InvalidOptionsError) as raised:
        precis.Summarizer(**keywords)
    message = str(raised.value)
    assert field in message, message
    assert message.endswith(f"got {value}"), message
    assert isinstance(raised.value, ValueError)


def test_validation_through_options_object() -> None:
    options = precis.SummarizerOptions()
    options.rank.damping = 1.2
    with pytest.raises(precis.InvalidOptionsError, match=r"rank\.damping .*1\.2"):
        options.validate()
    with pytest.raises(precis.InvalidOptionsError, match=r"rank\.damping .*1\.2"):
        precis.Summarizer(options=options)
    options.rank.damping = 0.5
    options.validate()
    assert precis.Summarizer(options=options).options.rank.damping == 0.5


def test_validation_of_call_budgets(summarizer: precis.Summarizer, sample_text: str) -> None:
    with pytest.raises(precis.InvalidOptionsError, match=r"select\.ratio .*got 0"):
        summarizer.summarize(sample_text, ratio=0)
    with pytest.raises(precis.InvalidOptionsError, match=r"select\.sentences .*got -1"):
        precis.summarize(sample_text, sentences=-1)
    with pytest.raises(precis.InvalidOptionsError, match=r"select\.chars .*got 0"):
        summarizer.summarize_many([sample_text], chars=0)


def test_similarity_setter_validates() -> None:
    options = precis.SummarizerOptions()
    with pytest.raises(precis.InvalidOptionsError, match="'jaccard'"):
        options.graph.similarity = "jaccard"
    assert options.graph.similarity == "textrank"
    for name in ("textrank", "bm25", "cosine"):
        options.graph.similarity = name
        assert options.graph.similarity == name
        assert precis.Summarizer(similarity=name).options.graph.similarity == name


def test_options_json_round_trip() -> None:
    for options in (precis.SummarizerOptions(), custom_options()):
        text = options.to_json()
        assert precis.SummarizerOptions.from_json(text) == options
        assert precis.SummarizerOptions.from_json(options.to_json(indent=2)) == options
        assert json.loads(options.to_json(indent=2)) == json.loads(text)
        assert pickle.loads(pickle.dumps(options)) == options
    data = json.loads(custom_options().to_json())
    assert data["schema_version"] == 1
    assert data["graph"]["similarity"] == "bm25"
    assert data["select"] == {
        "sentences": 3,
        "ratio": None,
        "words": 90,
        "chars": None,
        "duplicate_threshold": 0.5,
        "skip_unterminated": False,
        "min_length_ratio": 0.125,
        "length_penalty": 0.5,
        "redundancy": 0.3,
        "skip_structure": True,
        "cover_long_documents": True,
        "keywords": 0,
    }
    assert data["rank"]["position_weight"] == 0.25
    assert data["rank"]["position_budget_exponent"] == 1.5


def test_options_json_missing_keys_keep_defaults() -> None:
    options = precis.SummarizerOptions.from_json(
        '{"rank": {"damping": 0.5}, "select": {"ratio": 0.3}}'
    )
    expected = precis.SummarizerOptions()
    expected.rank.damping = 0.5
    expected.select.ratio = 0.3
    assert options == expected
    assert precis.SummarizerOptions.from_json("{}") == precis.SummarizerOptions()


def test_options_repr_round_trips() -> None:
    options = custom_options()
    text = repr(options)
    assert text.startswith("SummarizerOptions(segment=SegmentOptions(language=")
    assert eval(text, vars(precis)) == options
    assert repr(precis.RankOptions()) == "RankOptions()", (
        "options show the fields that differ from the defaults"
    )


@pytest.mark.parametrize(
    ("document", "key"),
    [
        ('{"bogus": 1}', "bogus"),
        ('{"select": {"sentence": 3}}', "select.sentence"),
        ('{"rank": {"dampling": 0.5}}', "rank.dampling"),
        ('{"segment": {"language": "en", "lang": "de"}}', "segment.lang"),
        ('{"graph": {"similarity": "bm25", "weights": []}}', "graph.weights"),
    ],
)
def test_unknown_json_key_is_a_parse_error_naming_it(document: str, key: str) -> None:
    with pytest.raises(precis.ParseError, match=f"unknown key '{key}'"):
        precis.SummarizerOptions.from_json(document)


@pytest.mark.parametrize(
    ("document", "needle"),
    [
        ('{"rank": {"damping": "high"}}', "rank.damping"),
        ('{"rank": {"max_iterations": 1.5}}', "rank.max_iterations"),
        ('{"select": {"sentences": "3"}}', "select.sentences"),
        ('{"tokens": {"stem": 1}}', "tokens.stem"),
        ('{"graph": {"similarity": "jaccard"}}', "jaccard"),
        ('{"segment": []}', "segment"),
        ('{"schema_version": 2}', "schema_version"),
        ("[1, 2]", ""),
        ("{", "malformed JSON"),
        ("", "malformed JSON"),
    ],
)
def test_bad_json_is_a_parse_error(document: str, needle: str) -> None:
    with pytest.raises(precis.ParseError) as raised:
        precis.SummarizerOptions.from_json(document)
    assert needle in str(raised.value)
    assert isinstance(raised.value, ValueError)


def test_ranges_are_checked_by_the_summarizer_not_the_parser() -> None:
    options = precis.SummarizerOptions.from_json('{"rank": {"damping": 1.2}}')
    assert options.rank.damping == 1.2
    with pytest.raises(precis.InvalidOptionsError, match=r"rank\.damping"):
        precis.Summarizer(options=options)


def test_quality_options_are_validated() -> None:
    for field, value in [
        ("position_weight", 1.5),
        ("position_budget_exponent", -1.0),
        ("query_weight", -0.1),
        ("min_length_ratio", 1.0),
        ("length_penalty", 2.0),
        ("redundancy", 1.0),
    ]:
        with pytest.raises(precis.InvalidOptionsError, match=field):
            precis.Summarizer(**{field: value})


def test_presets() -> None:
    assert precis.PRESETS == ("default", "news-lead", "coverage", "classic")
    assert precis.Summarizer(preset="default").options == precis.SummarizerOptions()
    lead = precis.Summarizer(preset="news-lead").options
    assert lead.rank.position_budget_exponent == 1.0
    coverage = precis.Summarizer(preset="coverage", sentences=2).options
    assert coverage.rank.position_weight == 0.0 and coverage.select.redundancy > 0
    assert coverage.select.sentences == 2  # keywords apply on top of the preset
    classic = precis.Summarizer(preset="classic").options
    assert classic.rank.position_weight == 0.0 and classic.select.length_penalty == 0.0
    assert not classic.select.skip_unterminated
    with pytest.raises(precis.InvalidOptionsError, match="news-lead"):
        precis.Summarizer(preset="nonsense")
    with pytest.raises(TypeError, match="not both"):
        precis.Summarizer(preset="classic", options=precis.SummarizerOptions())
