"""C++, the Python API and the CLI give the same summary and the same keyphrases (parsed JSON,
compared whole).

The C++ side is tests/cpp/summarize_json.cpp, found through $PRECIS_CPP_SUMMARIZE_JSON, which
`make test` always sets. Without it these tests fail rather than skip: a silent skip would hide
that the languages were never compared.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

import precis
from conftest import RunCli

INPUTS = {
    "ascii": "Cats chase mice. Dogs chase cats. Mice fear cats and dogs. Birds watch them all.",
    "german": (
        "Der Bär läuft schnell durch den Wald. Die Straße ist lang und der Bär ist müde. "
        "Der Bär schläft auf der Straße. Am Morgen läuft der Bär weiter."
    ),
    "chinese": "今天天气很好。我们去公园散步。公园里有很多人。天气好的时候公园里人很多。",
    "emoji_crlf": (
        "Emoji 👍 are fun.\r\n\r\nFamilies 👨‍👩‍👧‍👦 are emoji too.\r\n\r\n"
        "Some emoji are flags 🇫🇷.\r\n\r\nCafé ﬁ Ｃａｆé."
    ),
    "bom_rtl": "\ufeffשלום עולם. זה משפט שני על העולם. مرحبا بالعالم. العالم كبير.",
    "empty": "",
    "single": "Only one sentence here.",
}

OPTION_SETS = {
    "default": None,
    "bm25": {
        "segment": {"language": "en"},
        "tokens": {"stem": False},
        "graph": {"similarity": "bm25"},
        "select": {"sentences": 3},
    },
    "cosine": {
        "schema_version": 1,
        "graph": {"similarity": "cosine", "min_edge_weight": 0.05},
        "rank": {"damping": 0.7, "tolerance": 1e-9, "max_iterations": 50},
        "select": {"ratio": 0.1, "words": 200, "skip_unterminated": False},
    },
    "keywords": {
        "select": {"keywords": 8},
        "keyphrases": {"cooccurrence_window": 3, "keyphrase_position_weight": 0.2},
    },
}


@pytest.fixture(scope="module")
def cpp_tool() -> Path:
    value = os.environ.get("PRECIS_CPP_SUMMARIZE_JSON")
    if not value:
        pytest.fail(
            "PRECIS_CPP_SUMMARIZE_JSON is not set: point it at the C++ test tool, e.g. "
            "PRECIS_CPP_SUMMARIZE_JSON=$PWD/build/main/tests/cpp/summarize_json (make test sets it)"
        )
    path = Path(value)
    if not (path.is_file() and os.access(path, os.X_OK)):
        pytest.fail(
            f"PRECIS_CPP_SUMMARIZE_JSON={value} is not an executable file; run `make wheel` first"
        )
    return path


def run_cpp(tool: Path, path: Path, options_json: str | None, keywords: int | None = None) -> Any:
    args = [str(tool)] + (["--keywords", str(keywords)] if keywords is not None else [])
    args += [str(path)] + ([options_json] if options_json is not None else [])
    result = subprocess.run(args, capture_output=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    return json.loads(result.stdout)


def cases(sample_path: Path, tmp_path: Path) -> list[tuple[str, Path]]:
    paths = [("sample", sample_path)]
    for name, text in INPUTS.items():
        path = tmp_path / f"{name}.txt"
        path.write_bytes(text.encode("utf-8"))
        paths.append((name, path))
    return paths


def option_set_for_each_side(
    option_set: str, tmp_path: Path
) -> tuple[str | None, precis.SummarizerOptions, list[str | Path]]:
    """The option set as the C++ tool (JSON or None), Python and the CLI (--config FILE) take it."""
    options_data = OPTION_SETS[option_set]
    if options_data is None:
        return None, precis.SummarizerOptions(), []
    options_json = json.dumps(options_data)
    config = tmp_path / "options.json"
    config.write_text(options_json, encoding="utf-8")
    return options_json, precis.SummarizerOptions.from_json(options_json), ["--config", config]


@pytest.mark.parametrize("option_set", list(OPTION_SETS))
def test_cpp_python_and_cli_agree(
    option_set: str, cpp_tool: Path, run_cli: RunCli, sample_path: Path, tmp_path: Path
) -> None:
    options_json, options, cli_options = option_set_for_each_side(option_set, tmp_path)
    summarizer = precis.Summarizer(options=options)

    for name, path in cases(sample_path, tmp_path):
        text = path.read_bytes().decode("utf-8")
        from_cpp = run_cpp(cpp_tool, path, options_json)
        summary = summarizer.summarize(text)
        from_python = json.loads(summary.to_json())
        cli = run_cli(["summarize", path, "--json", *cli_options])
        assert cli.returncode == 0, cli.stderr
        from_cli = json.loads(cli.stdout)

        assert from_cpp == from_python, f"C++ and Python differ on {name} with {option_set} options"
        assert from_cli == from_python, f"CLI and Python differ on {name} with {option_set} options"
        # The comparison is not vacuous: the options reached every side.
        expected_options = json.loads(options.to_json())
        del expected_options["schema_version"]
        assert from_cpp["options"] == expected_options
        for s in from_cpp["sentences"]:
            assert text[s["start"] : s["end"]] == s["text"]
        assert precis.Summary.from_json(json.dumps(from_cpp)) == summary


@pytest.mark.parametrize("option_set", list(OPTION_SETS))
def test_keywords_agree(
    option_set: str, cpp_tool: Path, run_cli: RunCli, sample_path: Path, tmp_path: Path
) -> None:
    """Summarizer::keywords, precis.keywords and `precis keywords --json`, offsets included."""
    options_json, options, cli_options = option_set_for_each_side(option_set, tmp_path)
    nonempty = 0
    for name, path in cases(sample_path, tmp_path):
        text = path.read_bytes().decode("utf-8")
        from_cpp = run_cpp(cpp_tool, path, options_json, keywords=7)
        found = precis.keywords(text, 7, options=options)
        from_python = [json.loads(k.to_json()) for k in found]
        cli = run_cli(["keywords", path, "-n", "7", "--json", *cli_options])
        assert cli.returncode == 0, cli.stderr
        assert from_cpp == from_python, f"C++ and Python differ on {name} with {option_set} options"
        assert json.loads(cli.stdout) == from_python, f"CLI and Python differ on {name}"
        for keyphrase in from_cpp:
            for o in keyphrase["occurrences"]:
                assert (
                    text.encode("utf-8")[o["byte_start"] : o["byte_end"]].decode("utf-8")
                    == (text[o["start"] : o["end"]])
                )
        nonempty += bool(from_cpp)
    assert nonempty >= len(INPUTS) - 2  # all but "empty" and maybe "single" have keyphrases


def test_cpp_tool_reports_bad_options(cpp_tool: Path, sample_path: Path) -> None:
    result = subprocess.run(
        [str(cpp_tool), str(sample_path), '{"select": {"sentence": 3}}'],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert b"select.sentence" in result.stderr
