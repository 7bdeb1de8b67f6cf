"""Every field of every struct survives pickle, deepcopy and JSON, found through the structs' own
field tables (``_fields``): a field added in C++ is covered here with no edit."""

from __future__ import annotations

import copy
import inspect
import pickle
from typing import Any

import pytest

import precis
from precis import _core

STRUCTS = [
    _core.InputOptions,
    _core.SegmentOptions,
    _core.TokenOptions,
    _core.GraphOptions,
    _core.RankOptions,
    _core.SelectOptions,
    _core.KeyphraseOptions,
    _core.SummarizerOptions,
    _core.ScoredSentence,
    _core.Occurrence,
    _core.Keyphrase,
    _core.Diagnostics,
    _core.Summary,
    _core.Sentence,
    _core.Token,
]
WITH_JSON = [cls for cls in STRUCTS if hasattr(cls, "to_json")]

# Values a str field may take where it names a choice; any other str field gets "<value>-x".
CHOICES = {
    "language": ["auto", "de"],
    "similarity": ["textrank", "bm25", "cosine"],
    "on_too_long": ["error", "truncate"],
    "on_invalid_utf8": ["error", "replace"],
    "warnings": [["empty_input"], ["no_words", "truncated"]],
    "kind": ["word", "number"],
}


def changed(name: str, value: Any) -> Any:
    """A value of the field's type different from ``value``."""
    if name in CHOICES:
        return next(choice for choice in CHOICES[name] if choice != value)
    if hasattr(type(value), "_fields"):
        return every_field_changed(type(value))
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 3
    if isinstance(value, float):
        return value + 0.1  # no short binary form
    if isinstance(value, str):
        return value + "-x"
    if value is None:  # an unset budget: the SelectOptions fields that are optional
        return 0.3 if name == "ratio" else 7
    if isinstance(value, list) and name == "sentences":
        return [every_field_changed(_core.ScoredSentence)]
    if isinstance(value, list) and name == "keywords":
        return [every_field_changed(_core.Keyphrase)]
    if isinstance(value, list) and name == "occurrences":
        return [every_field_changed(_core.Occurrence)]
    if isinstance(value, list):
        return [*value, 0.25]
    raise AssertionError(f"no changed value for {name}={value!r}")


def every_field_changed(cls: type) -> Any:
    defaults = cls()
    return cls(**{name: changed(name, getattr(defaults, name)) for name in cls._fields})


@pytest.mark.parametrize("cls", STRUCTS, ids=lambda cls: cls.__name__)
def test_every_field_survives_pickle_deepcopy_and_json(cls: type) -> None:
    defaults = cls()
    value = every_field_changed(cls)
    for name in cls._fields:
        assert getattr(value, name) != getattr(defaults, name), f"{name} was not changed"
    copies = {
        f"pickle protocol {protocol}": pickle.loads(pickle.dumps(value, protocol))
        for protocol in range(pickle.HIGHEST_PROTOCOL + 1)
    }
    copies["copy"] = copy.copy(value)
    copies["deepcopy"] = copy.deepcopy(value)
    if cls in WITH_JSON:
        copies["json"] = cls.from_json(value.to_json())
    for how, result in copies.items():
        for name in cls._fields:
            assert getattr(result, name) == getattr(value, name), f"{name} lost through {how}"
        assert result == value


def test_the_reported_loss_is_gone() -> None:
    graph = precis.GraphOptions()
    graph.max_neighbors = 10
    assert pickle.loads(pickle.dumps(graph)).max_neighbors == 10
    assert copy.deepcopy(graph).max_neighbors == 10


def test_a_summarizer_travels_with_every_option() -> None:
    options = every_field_changed(_core.SummarizerOptions)
    options.rank.position_weight = 0.5  # 1.1 would be out of range: a Summarizer validates
    summarizer = precis.Summarizer(options=options)
    assert pickle.loads(pickle.dumps(summarizer)).options == options


def test_field_tables_reach_python() -> None:
    # The flat keywords of Summarizer are exactly the fields of the option groups.
    options = _core.SummarizerOptions()
    groups = {group: getattr(options, group)._fields for group in options._fields}
    assert groups["graph"] == (
        "similarity",
        "min_edge_weight",
        "full_graph_sentences",
        "max_neighbors",
        "max_pairs_per_sentence",
    )
    flat = [name for fields in groups.values() for name in fields]
    summarizer = precis.Summarizer(redundancy=0.25, max_neighbors=7)
    assert (
        summarizer.options.select.redundancy == 0.25 and summarizer.options.graph.max_neighbors == 7
    )
    shown = inspect.signature(precis.Summarizer).parameters
    assert all(name in shown for name in flat), "help() shows every option keyword"
    assert all(name in inspect.signature(precis.summarize).parameters for name in [*flat, "query"])
    # Field documentation comes from the table.
    assert "damping" in (precis.RankOptions.damping.__doc__ or "").lower()


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ({"sentences": "3"}, "SelectOptions.sentences must be an int or None, got str"),
        ({"stem": 1}, "stem must be a bool, got int"),
        ({"damping": "high"}, "damping must be a float, got str"),
        (
            {"similarity": "jaccard"},
            "similarity must be one of textrank, bm25, cosine, got 'jaccard'",
        ),
    ],
)
def test_wrong_values_name_the_field(setting: dict[str, Any], message: str) -> None:
    with pytest.raises((TypeError, ValueError), match=message):
        precis.Summarizer(**setting)
