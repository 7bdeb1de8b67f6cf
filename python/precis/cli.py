"""The ``precis`` command line: argument parsing and I/O only; the work is the library's.

Exit codes: 0 success; 2 bad usage or unreadable input (a one-line message on stderr, never a
traceback); 1 any other failure of the engine.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import NoReturn

import precis


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message}\n")


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="precis", description="Fast, Unicode-correct extractive summarization.")
    parser.add_argument("--version", action="version", version=f"precis {precis.__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    summarize = commands.add_parser("summarize", help="summarize a text file (or - for stdin)")
    summarize.add_argument("file", help="UTF-8 text file, or - to read standard input")
    budget = summarize.add_argument_group("budget (each one given applies; default 5 sentences)")
    budget.add_argument("--sentences", "-n", type=int, metavar="N", help="at most N sentences")
    budget.add_argument("--ratio", "-r", type=float, metavar="R", help="at most R × the sentences")
    budget.add_argument("--words", "-w", type=int, metavar="N", help="at most N words")
    budget.add_argument("--chars", "-c", type=int, metavar="N", help="at most N characters")
    # No default here: an unset --similarity keeps the one from --config (or the library default).
    summarize.add_argument("--similarity", default=None, choices=["textrank", "bm25", "cosine"])
    summarize.add_argument("--config", metavar="JSON", help="options file (SummarizerOptions JSON)")
    summarize.add_argument(
        "--preset", choices=precis.PRESETS, help="named options (default: default)"
    )
    summarize.add_argument("--query", "-q", help="lean the summary toward this query")
    guards = summarize.add_argument_group("input guards (changes are reported on stderr)")
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
    _add_common(summarize)

    split = commands.add_parser("split", help="split a text file (or - for stdin) into sentences")
    split.add_argument("file", help="UTF-8 text file, or - to read standard input")
    _add_common(split)
    return parser


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


def _summarize(args: argparse.Namespace) -> str:
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
    summarizer = precis.Summarizer(
        options=options,
        preset=args.preset,
        language=args.language,
        similarity=args.similarity,
        max_bytes=args.max_input_bytes,
        on_too_long=args.on_too_long,
        on_invalid_utf8=args.on_invalid_utf8,
        deadline_ms=args.deadline_ms,
    )
    replace_invalid = summarizer.options.input.on_invalid_utf8 == "replace"
    summary = summarizer.summarize(
        _read(args.file, replace_invalid=replace_invalid),
        sentences=args.sentences,
        ratio=args.ratio,
        words=args.words,
        chars=args.chars,
        query=args.query,
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
    return summary.text


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


def main(argv: list[str] | None = None) -> int:
    args = _build_parser().parse_args(argv)
    try:
        output = _summarize(args) if args.command == "summarize" else _split(args)
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
