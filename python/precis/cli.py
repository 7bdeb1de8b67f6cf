"""The ``precis`` command line: argument parsing and I/O only; the work is the library's.

Exit codes: 0 success; 2 bad usage or unreadable input (a one-line message on stderr, never a
traceback); 1 any other failure of the engine.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any, NoReturn

import precis
from precis._api import BUDGETS


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message}\n")


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="precis", description="Fast, Unicode-correct extractive summarization.")
    parser.add_argument("--version", action="version", version=f"precis {precis.__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    summarize = commands.add_parser("summarize", help="summarize a text file (or - for stdin)")
    summarize.add_argument("file", help="UTF-8 text file, or - to read standard input")
    _add_budget(summarize)
    summarize.add_argument("--query", "-q", help="lean the summary toward this query")
    _add_engine_options(summarize)
    _add_common(summarize)

    corpus = commands.add_parser(
        "corpus",
        help="summarize a corpus on Dask into a Parquet dataset (pip install 'precis[dask]')",
        description="Summarize every document of INPUT (JSON lines, a folder of .txt files, or "
        "Parquet) on a Dask cluster into OUTPUT, a Parquet dataset of one file per partition. "
        "Streams the input; a rerun skips the partitions already written.",
    )
    corpus.add_argument(
        "input", help="a .jsonl file, a folder of .txt files, or a .parquet file or folder"
    )
    corpus.add_argument("output", help="the Parquet dataset folder (created; reruns resume it)")
    _add_budget(corpus)
    cluster = corpus.add_argument_group("cluster and input")
    cluster.add_argument(
        "--workers", type=int, default=2, metavar="N", help="local worker processes (default 2)"
    )
    cluster.add_argument(
        "--scheduler", metavar="ADDRESS", help="join this scheduler (tcp://host:8786) instead"
    )
    cluster.add_argument(
        "--id-field", default="id", metavar="NAME", help="the id field or column (default id)"
    )
    cluster.add_argument(
        "--text-field",
        default="text",
        metavar="NAME",
        help="the text field or column (default text)",
    )
    cluster.add_argument(
        "--partition-size",
        type=int,
        default=1000,
        metavar="N",
        help="documents per partition (default 1000)",
    )
    _add_engine_options(corpus)
    corpus.add_argument("--language", "-l", default=None, help="ISO 639 code, or auto (default)")

    keywords = commands.add_parser(
        "keywords", help="the keyphrases of a text file (or - for stdin), best first"
    )
    keywords.add_argument("file", help="UTF-8 text file, or - to read standard input")
    keywords.add_argument(
        "-n", type=int, default=10, metavar="N", help="how many keyphrases (default 10)"
    )
    _add_engine_options(keywords)
    _add_common(keywords)

    split = commands.add_parser("split", help="split a text file (or - for stdin) into sentences")
    split.add_argument("file", help="UTF-8 text file, or - to read standard input")
    _add_common(split)
    return parser


def _add_budget(parser: argparse.ArgumentParser) -> None:
    budget = parser.add_argument_group("budget (each one given applies; default 5 sentences)")
    budget.add_argument("--sentences", "-n", type=int, metavar="N", help="at most N sentences")
    budget.add_argument("--ratio", "-r", type=float, metavar="R", help="at most R × the sentences")
    budget.add_argument("--words", "-w", type=int, metavar="N", help="at most N words")
    budget.add_argument("--chars", "-c", type=int, metavar="N", help="at most N characters")
    budget.add_argument(
        "--keywords", "-k", type=int, metavar="K", help="also the K best keyphrases"
    )


def _add_engine_options(parser: argparse.ArgumentParser) -> None:
    # No default here: an unset --similarity keeps the one from --config (or the library default).
    parser.add_argument("--similarity", default=None, choices=["textrank", "bm25", "cosine"])
    parser.add_argument("--config", metavar="JSON", help="options file (SummarizerOptions JSON)")
    parser.add_argument("--preset", choices=precis.PRESETS, help="named options (default: default)")
    guards = parser.add_argument_group("input guards (changes are reported on stderr)")
    guards.add_argument(
        "--max-input-bytes", type=int, metavar="N", help="refuse input longer than N bytes"
    )
    guards.add_argument(
        "--on-too-long",
        choices=["error", "truncate"],
        help="or summarize its first N bytes (default: error)",
    )
    guards.add_argument(
        "--deadline-ms",
        type=float,
        metavar="MS",
        help="stop with an error once summarizing has taken MS milliseconds",
    )
    guards.add_argument(
        "--on-invalid-utf8",
        choices=["error", "replace"],
        help="summarize a file with invalid UTF-8, each bad byte read as U+FFFD (default: error)",
    )


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--language", "-l", default=None, help="ISO 639 code, or auto (default)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of plain text")


class _UsageError(Exception):
    """A mistake of the user's, reported in one line with exit code 2."""


def _read(path: str, *, replace_invalid: bool = False) -> str:
    try:
        data = sys.stdin.buffer.read() if path == "-" else open(path, "rb").read()  # noqa: SIM115
    except IsADirectoryError:
        raise _UsageError(f"{path}: is a directory, not a file") from None
    except OSError as error:
        raise _UsageError(f"{path}: {error.strerror or error}") from None
    if replace_invalid:
        # Each invalid byte becomes a lone surrogate, which the engine replaces by U+FFFD and
        # counts (Summarizer(on_invalid_utf8="replace")): offsets stay those of the decoded text.
        return data.decode("utf-8", "surrogateescape")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _UsageError(
            f"{path}: not UTF-8 text (invalid byte at offset {error.start}; "
            "--on-invalid-utf8 replace reads it anyway)"
        ) from None


def _summarizer(args: argparse.Namespace) -> precis.Summarizer:
    options = None
    if args.config:
        try:
            with open(args.config, encoding="utf-8") as config:
                options = precis.SummarizerOptions.from_json(config.read())
        except OSError as error:
            raise _UsageError(f"{args.config}: {error.strerror or error}") from None
        except UnicodeDecodeError as error:
            raise _UsageError(
                f"{args.config}: not UTF-8 (invalid byte at offset {error.start})"
            ) from None
    if options is not None and args.preset is not None:
        raise _UsageError("give --config or --preset, not both")
    if args.max_input_bytes is not None and args.max_input_bytes < 1:
        raise _UsageError(f"--max-input-bytes must be at least 1, got {args.max_input_bytes}")
    return precis.Summarizer(
        options=options,
        preset=args.preset,
        language=args.language,
        similarity=args.similarity,
        max_bytes=args.max_input_bytes,
        on_too_long=args.on_too_long,
        on_invalid_utf8=args.on_invalid_utf8,
        deadline_ms=args.deadline_ms,
    )


def _budget(args: argparse.Namespace) -> dict[str, Any]:
    """The budgets given on the command line (--sentences, --ratio, --words, --chars,
    --keywords)."""
    return {name: getattr(args, name) for name in BUDGETS if getattr(args, name) is not None}


def _summarize(args: argparse.Namespace) -> str:
    summarizer = _summarizer(args)
    replace_invalid = summarizer.options.input.on_invalid_utf8 == "replace"
    summary = summarizer.summarize(
        _read(args.file, replace_invalid=replace_invalid), query=args.query, **_budget(args)
    )
    diagnostics = summary.diagnostics
    if diagnostics.truncated_bytes:
        print(
            f"precis: warning: summarized the beginning only, {diagnostics.truncated_bytes} bytes left out",
            file=sys.stderr,
        )
    if diagnostics.replaced_sequences:
        print(
            f"precis: warning: {diagnostics.replaced_sequences} invalid bytes read as U+FFFD",
            file=sys.stderr,
        )
    if args.json:
        return summary.to_json()
    if summary.keywords:
        return f"{summary.text}\n\n{_keyphrase_lines(summary.keywords)}"
    return summary.text


def _keyphrase_lines(keyphrases: list[precis.Keyphrase]) -> str:
    """One keyphrase a line: its score, its text, and how often it occurs."""
    return "\n".join(f"{k.score:.4f}  {k.text}  ({len(k.occurrences)}×)" for k in keyphrases)


def _keywords(args: argparse.Namespace) -> str:
    if args.n < 0:
        raise _UsageError(f"-n must be at least 0, got {args.n}")
    summarizer = _summarizer(args)
    replace_invalid = summarizer.options.input.on_invalid_utf8 == "replace"
    found = summarizer.keywords(_read(args.file, replace_invalid=replace_invalid), args.n)
    if args.json:
        return json.dumps([json.loads(k.to_json()) for k in found], ensure_ascii=False, indent=2)
    return _keyphrase_lines(found)


def _split(args: argparse.Namespace) -> str:
    text = _read(args.file)
    found = precis.sentences(text, language=args.language or "auto")
    if args.json:
        return json.dumps(
            [{"index": s.index, "start": s.start, "end": s.end, "text": s.text} for s in found],
            ensure_ascii=False,
            indent=2,
        )
    # One sentence per line: line breaks inside a sentence are shown as spaces.
    return "\n".join(" ".join(s.text.split()) for s in found)


def _corpus(args: argparse.Namespace) -> str:
    try:
        from precis import corpus
    except ImportError as error:
        raise _UsageError(
            f"precis corpus needs Dask: pip install 'precis[dask]' ({error})"
        ) from None
    try:
        counts = corpus.run(
            Path(args.input),
            Path(args.output),
            _summarizer(args),
            _budget(args),
            workers=args.workers,
            scheduler=args.scheduler,
            id_field=args.id_field,
            text_field=args.text_field,
            partition_size=args.partition_size,
        )
    except (FileNotFoundError, ValueError) as error:
        if isinstance(error, precis.SummarizerError):
            raise
        raise _UsageError(str(error)) from None
    return (
        f"{args.output}: {counts['written']} partitions written ({counts['documents']} documents, "
        f"{counts['errors']} with an error), {counts['skipped']} already there"
    )


def main(argv: list[str] | None = None) -> int:
    args = _build_parser().parse_args(argv)
    run = {"summarize": _summarize, "keywords": _keywords, "split": _split, "corpus": _corpus}[
        args.command
    ]
    try:
        output = run(args)
    except (
        _UsageError,
        precis.InvalidOptionsError,
        precis.ParseError,
        precis.InputTooLargeError,
        precis.DeadlineExceededError,
    ) as error:
        print(f"precis: error: {error}", file=sys.stderr)
        return 2
    except precis.SummarizerError as error:
        print(f"precis: error: {error}", file=sys.stderr)
        return 1
    try:
        # UTF-8 whatever the locale says: the input was UTF-8, and a summary of it must not
        # fail on a character the terminal's encoding lacks.
        if output:
            sys.stdout.buffer.write((output + "\n").encode("utf-8"))
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`precis summarize big.txt | head -1`): exit quietly, and keep
        # Python from complaining again when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
