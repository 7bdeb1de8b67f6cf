"""What the benchmark and evaluation scripts share: where the shared data is, which commit they
measured, and how each writes its own section of a results file (RESULTS.md, EVALUATION.md)."""

from __future__ import annotations

import datetime
import os
import platform
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The peers (sumy, summa, pySBD, ...) live in their own venv (make peers), the language
# identifiers in theirs (make langid-peers).
PEERS_PYTHON = ROOT / "build" / "peers-venv" / "bin" / "python"
LANGID_PYTHON = ROOT / "build" / "langid-venv" / "bin" / "python"


def shared_folder(arg: str | None, variable: str, name: str, flag: str) -> Path:
    """``arg``, else $variable, else shared/<name> beside the repository (a clone) or beside its
    parent (a git worktree); exits with a message saying what is missing and how to set it."""
    explicit = arg or os.environ.get(variable)
    if explicit:
        if Path(explicit).is_dir():
            return Path(explicit)
        sys.exit(f"{name} not found at {explicit} (from {flag if arg else variable})")
    tried = [ROOT.parent / "shared" / name, ROOT.parents[1] / "shared" / name]
    for candidate in tried:
        if candidate.is_dir():
            return candidate
    sys.exit(
        f"shared/{name} not found (tried {', '.join(map(str, tried))}): set {variable} or pass {flag} DIR"
    )


def ud_files(arg: str | None) -> list[Path]:
    """The UD dev files (shared/eval/ud, or the folder ``arg`` names); exits when there are none."""
    folder = shared_folder(arg, "PRECIS_EVAL_DATA", "eval", "--data") / ("" if arg else "ud")
    files = sorted(folder.glob("*.dev.jsonl"))
    if not files:
        sys.exit(f"no UD files in {folder}")
    return files


def machine() -> str:
    """The CPU, its logical CPUs, the RAM, the platform and Python, for a results file."""
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return (
        f"{cpu}, {os.cpu_count()} logical CPUs{memory}; {platform.platform()}; "
        f"CPython {platform.python_version()}"
    )


def read_text(path: Path) -> str:
    """A shared/eval text file: UTF-8, or Latin-1 for the few BBC articles written in it."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def git_commit() -> str:
    """The commit of the checkout (with "+ local changes" when the tree differs), or "unknown"."""

    def git(*arguments: str) -> str:
        command = ["git", "-C", str(ROOT), *arguments]
        return subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip()

    try:
        commit = git("rev-parse", "--short", "HEAD")
        dirty = git("status", "--porcelain", "--untracked-files=no")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return commit + (" + local changes" if dirty else "")


def provenance(script: str, argv: list[str]) -> str:
    """The line that says which command wrote a section, when, and on which commit."""
    now = datetime.datetime.now(datetime.timezone.utc)
    command = " ".join([f"benchmarks/{script}", *argv])
    return f"Written by `{command}` on {now:%Y-%m-%d %H:%M} UTC, commit {git_commit()}."


def write_section(path: Path, name: str, body: str, title: str) -> None:
    """Replaces the section ``name`` of the Markdown file at ``path`` (between its BEGIN and END
    markers), or appends it; the other sections and the notes outside them stay as they are."""
    begin = f"<!-- BEGIN {name} (written by a script; edits are lost) -->"
    end = f"<!-- END {name} -->"
    block = f"{begin}\n{body.rstrip()}\n{end}\n"
    text = path.read_text(encoding="utf-8") if path.exists() else f"# {title}\n"
    start = text.find(begin[: begin.index(" (")])
    stop = text.find(end)
    if start >= 0 and stop > start:
        rest = text[stop + len(end) :].lstrip("\n")
        text = text[:start] + block + ("\n" + rest if rest else "")
    else:
        text = text.rstrip("\n") + "\n\n" + block
    path.write_text(text, encoding="utf-8")
