"""The command line, run as a child process: ``python -m precis`` and the ``precis`` script."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import precis
from conftest import RunCli, cli_env, start_cli

NON_ASCII = (
    "Der Bär läuft 👍 schnell. Die Straße ist lang. Der Bär schläft auf der Straße. 中文句子。"
)


def console_script() -> Path:
    script = Path(sys.executable).parent / "precis"
    assert script.is_file(), f"the precis console script is not installed next to {sys.executable}"
    return script


def assert_usage_error(result: subprocess.CompletedProcess[bytes], *needles: str) -> None:
    stderr = result.stderr.decode("utf-8")
    assert result.returncode == 2, stderr
    assert "Traceback" not in stderr
    # "precis: error: ..." or, for argparse errors of a subcommand, "precis summarize: error: ...".
    assert re.match(r"precis( [a-z]+)?: error: \S", stderr), stderr
    assert stderr.endswith("\n") and stderr.count("\n") == 1, f"not one line: {stderr!r}"
    assert result.stdout == b""
    for needle in needles:
        assert needle in stderr, stderr


@pytest.fixture
def non_ascii_file(tmp_path: Path) -> Path:
    path = tmp_path / "non-ascii.txt"
    path.write_bytes(NON_ASCII.encode("utf-8"))
    return path


def test_summarize_file(run_cli: RunCli, sample_path: Path, sample_text: str) -> None:
    result = run_cli(["summarize", sample_path])
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    expected = precis.Summarizer().summarize(sample_text)
    assert result.stdout.decode("utf-8") == expected.text + "\n"
    assert len(result.stdout.decode("utf-8").splitlines()) == 5


def test_summarize_stdin(run_cli: RunCli, sample_path: Path) -> None:
    from_file = run_cli(["summarize", sample_path, "--sentences", "3"])
    from_stdin = run_cli(["summarize", "-", "--sentences", "3"], input=sample_path.read_bytes())
    assert from_stdin.returncode == 0, from_stdin.stderr
    assert from_stdin.stdout == from_file.stdout
    assert len(from_stdin.stdout.decode("utf-8").splitlines()) == 3


def test_console_script(sample_path: Path, sample_text: str, tmp_path: Path) -> None:
    result = subprocess.run(
        [console_script(), "summarize", sample_path, "-n", "2"],
        capture_output=True,
        cwd=tmp_path,
        env=cli_env(),
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (
        result.stdout.decode("utf-8")
        == precis.Summarizer().summarize(sample_text, sentences=2).text + "\n"
    )
    version = subprocess.run(
        [console_script(), "--version"], capture_output=True, timeout=60, check=False
    )
    assert version.returncode == 0
    assert version.stdout.decode().strip() == f"precis {precis.__version__}"


@pytest.mark.parametrize(
    ("args", "budgets"),
    [
        ([], {}),
        (["--sentences", "3"], {"sentences": 3}),
        (["-n", "1"], {"sentences": 1}),
        (["--ratio", "0.05"], {"ratio": 0.05}),
        (["-r", "0.5"], {"ratio": 0.5}),
        (["--words", "120"], {"words": 120}),
        (["--chars", "700"], {"chars": 700}),
        (["--sentences", "4", "--words", "90"], {"sentences": 4, "words": 90}),
    ],
)
def test_json_equals_the_api(
    args: list[str], budgets: dict[str, Any], run_cli: RunCli, sample_path: Path, sample_text: str
) -> None:
    result = run_cli(["summarize", sample_path, "--json", *args])
    assert result.returncode == 0, result.stderr
    expected = precis.Summarizer().summarize(sample_text, **budgets)
    # Exactly Summary.to_json(), byte for byte, plus the newline that ends the output.
    assert result.stdout.decode("utf-8") == expected.to_json() + "\n"
    assert precis.Summary.from_json(result.stdout.decode("utf-8")) == expected


def test_plain_output_follows_the_budgets(
    run_cli: RunCli, sample_path: Path, sample_text: str
) -> None:
    for args, budgets in [
        (["--ratio", "0.05"], {"ratio": 0.05}),
        (["--words", "150"], {"words": 150}),
    ]:
        result = run_cli(["summarize", sample_path, *args])
        assert result.returncode == 0, result.stderr
        expected = precis.Summarizer().summarize(sample_text, **budgets)  # type: ignore[arg-type]
        assert result.stdout.decode("utf-8") == expected.text + "\n"


def test_json_with_language_similarity_and_config(
    run_cli: RunCli, non_ascii_file: Path, tmp_path: Path
) -> None:
    result = run_cli(
        [
            "summarize",
            non_ascii_file,
            "--json",
            "--language",
            "de",
            "--similarity",
            "bm25",
            "-n",
            "2",
        ]
    )
    assert result.returncode == 0, result.stderr
    expected = precis.Summarizer(language="de", similarity="bm25").summarize(NON_ASCII, sentences=2)
    assert json.loads(result.stdout) == json.loads(expected.to_json(indent=2))
    assert json.loads(result.stdout)["diagnostics"]["language"] == "de"

    options = precis.SummarizerOptions()
    options.segment.language = "de"
    options.graph.similarity = "cosine"
    options.select.sentences = 2
    config = tmp_path / "options.json"
    config.write_text(options.to_json(indent=2), encoding="utf-8")
    from_config = run_cli(["summarize", non_ascii_file, "--json", "--config", config])
    assert from_config.returncode == 0, from_config.stderr
    expected = precis.Summarizer(options=options).summarize(NON_ASCII)
    assert json.loads(from_config.stdout) == json.loads(expected.to_json(indent=2))
    assert json.loads(from_config.stdout)["options"]["graph"]["similarity"] == "cosine"

    # Flags given on the command line override the config file.
    overridden = run_cli(
        ["summarize", non_ascii_file, "--json", "--config", config, "--similarity", "bm25"]
    )
    assert json.loads(overridden.stdout)["options"]["graph"]["similarity"] == "bm25"
    assert json.loads(overridden.stdout)["options"]["segment"]["language"] == "de"


def test_split_plain(run_cli: RunCli, sample_path: Path, sample_text: str) -> None:
    result = run_cli(["split", sample_path])
    assert result.returncode == 0, result.stderr
    lines = result.stdout.decode("utf-8").splitlines()
    sentences = precis.sentences(sample_text)
    assert lines == [" ".join(s.text.split()) for s in sentences]
    assert len(lines) == len(sentences) > 100


@pytest.mark.parametrize("source", ["file", "stdin"])
def test_split_json_offsets(source: str, run_cli: RunCli, non_ascii_file: Path) -> None:
    if source == "file":
        result = run_cli(["split", non_ascii_file, "--json"])
    else:
        result = run_cli(["split", "-", "--json"], input=NON_ASCII.encode("utf-8"))
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    assert len(items) >= 3
    for i, item in enumerate(items):
        assert set(item) == {"index", "start", "end", "text"}
        assert item["index"] == i
        assert NON_ASCII[item["start"] : item["end"]] == item["text"]
    assert [(x["start"], x["end"]) for x in items] == [
        (s.start, s.end) for s in precis.sentences(NON_ASCII)
    ]
    assert "\\u" not in result.stdout.decode("utf-8"), "non-ASCII text is written as is"


def test_split_with_language(run_cli: RunCli, tmp_path: Path) -> None:
    text = "今天天气很好。我们去公园散步。公园里有很多人。"
    path = tmp_path / "zh.txt"
    path.write_bytes(text.encode("utf-8"))
    result = run_cli(["split", path, "--language", "zh"])
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode("utf-8").splitlines() == [
        s.text for s in precis.sentences(text, language="zh")
    ]
    assert len(result.stdout.decode("utf-8").splitlines()) == 3


def test_empty_input(run_cli: RunCli) -> None:
    result = run_cli(["summarize", "-"], input=b"")
    assert result.returncode == 0, result.stderr
    assert result.stdout == b""
    result = run_cli(["summarize", "-", "--json"], input=b"")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["diagnostics"]["warnings"] == ["empty_input"]


def test_missing_file(run_cli: RunCli, tmp_path: Path) -> None:
    assert_usage_error(run_cli(["summarize", tmp_path / "no-such-file.txt"]), "no-such-file.txt")
    assert_usage_error(run_cli(["split", tmp_path / "no-such-file.txt"]), "no-such-file.txt")


def test_directory(run_cli: RunCli, tmp_path: Path) -> None:
    assert_usage_error(run_cli(["summarize", tmp_path]), "directory")


def test_unreadable_file(run_cli: RunCli) -> None:
    # Permissions do not stop root (CI may run as root); reading this file fails for anyone.
    assert_usage_error(run_cli(["summarize", "/proc/self/mem"]), "/proc/self/mem", "error")


def test_bad_ratio(run_cli: RunCli, sample_path: Path) -> None:
    assert_usage_error(run_cli(["summarize", sample_path, "--ratio", "0"]), "select.ratio", "0")
    assert_usage_error(run_cli(["summarize", sample_path, "--ratio", "1.5"]), "select.ratio", "1.5")
    assert_usage_error(run_cli(["summarize", sample_path, "--ratio", "lots"]), "lots")
    assert_usage_error(run_cli(["summarize", sample_path, "--sentences", "0"]), "select.sentences")


def test_unknown_language(run_cli: RunCli, sample_path: Path) -> None:
    assert_usage_error(
        run_cli(["summarize", sample_path, "--language", "xx-invalid"]), "xx-invalid"
    )
    assert_usage_error(run_cli(["split", sample_path, "--language", "xx-invalid"]), "xx-invalid")


def test_non_utf8_file(run_cli: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Café crème brûlée. Une phrase.".encode("latin-1"))
    assert_usage_error(run_cli(["summarize", path]), "latin1.txt", "UTF-8", "--on-invalid-utf8")
    assert_usage_error(run_cli(["split", "-"], input=b"abc \xff\xfe def."), "UTF-8")


def test_invalid_utf8_can_be_read_anyway(run_cli: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes(b"Rivers carry water. The \xff\xfe river feeds farms. Farms need the river.")
    result = run_cli(["summarize", path, "--on-invalid-utf8", "replace", "--json"])
    assert result.returncode == 0, result.stderr
    assert result.stderr.decode() == "precis: warning: 2 invalid bytes read as U+FFFD\n"
    document = json.loads(result.stdout)
    assert document["diagnostics"]["replaced_sequences"] == 2
    assert document["diagnostics"]["warnings"] == ["invalid_utf8_replaced"]
    assert "The \ufffd\ufffd river feeds farms." in document["text"]
    # Binary junk too: a defined (if useless) result, never a crash.
    junk = bytes(range(256)) * 64
    result = run_cli(["summarize", "-", "--on-invalid-utf8", "replace"], input=junk)
    assert result.returncode == 0, result.stderr
    assert b"invalid bytes read as U+FFFD" in result.stderr


def test_deadline_guard(run_cli: RunCli, sample_path: Path) -> None:
    assert_usage_error(
        run_cli(["summarize", sample_path, "--deadline-ms", "0.000001"]),
        "input.deadline_ms",
        "ms after",
    )
    assert run_cli(["summarize", sample_path, "--deadline-ms", "60000"]).returncode == 0


def test_input_size_guard(run_cli: RunCli, sample_path: Path) -> None:
    assert_usage_error(
        run_cli(["summarize", sample_path, "--max-input-bytes", "1000"]), "input.max_bytes = 1000"
    )
    assert_usage_error(run_cli(["summarize", sample_path, "--max-input-bytes", "0"]), "at least 1")
    result = run_cli(
        [
            "summarize",
            sample_path,
            "--max-input-bytes",
            "3000",
            "--on-too-long",
            "truncate",
            "--json",
        ]
    )
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    left_out = document["diagnostics"]["truncated_bytes"]
    assert left_out >= sample_path.stat().st_size - 3000
    assert result.stderr.decode() == (
        f"precis: warning: summarized the beginning only, {left_out} bytes left out\n"
    )
    assert all(s["byte_end"] <= 3000 for s in document["sentences"])


def test_bad_config(run_cli: RunCli, sample_path: Path, tmp_path: Path) -> None:
    config = tmp_path / "options.json"
    config.write_text('{"select": {"sentence": 3}}', encoding="utf-8")
    assert_usage_error(run_cli(["summarize", sample_path, "--config", config]), "select.sentence")
    config.write_text("{", encoding="utf-8")
    assert_usage_error(run_cli(["summarize", sample_path, "--config", config]), "JSON")
    assert_usage_error(
        run_cli(["summarize", sample_path, "--config", tmp_path / "none.json"]), "none.json"
    )
    config.write_bytes(b"\xff\xfe{}")
    assert_usage_error(run_cli(["summarize", sample_path, "--config", config]), "not UTF-8")


def test_config_budgets_and_flags_all_apply(
    run_cli: RunCli, sample_path: Path, sample_text: str, tmp_path: Path
) -> None:
    config = tmp_path / "options.json"
    config.write_text('{"select": {"sentences": 2}}', encoding="utf-8")
    result = run_cli(["summarize", sample_path, "--config", config, "--words", "1000", "--json"])
    assert result.returncode == 0, result.stderr
    output = json.loads(result.stdout)
    assert len(output["sentences"]) == 2
    assert output["options"]["select"]["sentences"] == 2
    assert output["options"]["select"]["words"] == 1000


def test_huge_budget_is_a_usage_error(run_cli: RunCli, sample_path: Path) -> None:
    assert_usage_error(
        run_cli(["summarize", sample_path, "--words", "99999999999999999999"]), "select.words"
    )


def test_no_arguments(run_cli: RunCli) -> None:
    assert_usage_error(run_cli([]))
    assert_usage_error(run_cli(["summarize"]), "file")
    assert_usage_error(run_cli(["frobnicate", "x"]), "frobnicate")
    assert_usage_error(run_cli(["summarize", "-", "--similarity", "jaccard"]), "jaccard")


def write_big_input(path: Path) -> str:
    # Sentences share words with few others (a sparse graph), so the summary is quick.
    text = "\n\n".join(
        f"Line{i} is in group{i % 97} with member{i * 7 % 1009}." for i in range(6000)
    )
    path.write_bytes(text.encode("utf-8"))
    return text


@pytest.mark.parametrize("command", [["split"], ["summarize", "--ratio", "1"]])
def test_broken_pipe_is_quiet(command: list[str], tmp_path: Path) -> None:
    # `precis split big.txt | head -1`: read one line, then close the pipe while precis still has
    # far more than a pipe buffer to write.
    big = tmp_path / "big.txt"
    write_big_input(big)
    with start_cli(command[0], big, *command[1:], cwd=tmp_path) as process:
        assert process.stdout is not None and process.stderr is not None
        first_line = process.stdout.readline()
        process.stdout.close()
        stderr = process.stderr.read().decode("utf-8", "replace")
        returncode = process.wait(timeout=300)
    assert first_line.startswith(b"Line0 is in group0")
    assert "Traceback" not in stderr
    assert "BrokenPipeError" not in stderr and "Exception ignored" not in stderr
    assert stderr == ""
    assert returncode == 0


def test_closed_stdout_before_any_output(tmp_path: Path, sample_path: Path) -> None:
    with start_cli("summarize", sample_path, cwd=tmp_path) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()  # before precis has written anything
        stderr = process.stderr.read().decode("utf-8", "replace")
        process.wait(timeout=300)
    assert "Traceback" not in stderr and "Exception ignored" not in stderr
    assert stderr == ""
    assert process.returncode == 0
