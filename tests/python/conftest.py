"""Shared fixtures for the precis Python tests.

The tests import the *installed* package (the wheel in the virtual environment), never the
sources under python/: test_api.py checks that this is so.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

import precis

# Property tests are deterministic: derandomized (a fixed seed per test), no example database
# (nothing is written into the repository), no deadline (the machine may be busy building).
settings.register_profile(
    "precis",
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=100,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("precis")
# Hypothesis caches Unicode tables in ./.hypothesis by default; keep them out of the checkout.
os.environ.setdefault(
    "HYPOTHESIS_STORAGE_DIRECTORY", str(Path(tempfile.gettempdir()) / "precis-hypothesis")
)

REPO_ROOT = Path(__file__).resolve().parents[2]
SAMPLE_PATH = REPO_ROOT / "examples" / "western-development.en.txt"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def sample_path() -> Path:
    assert SAMPLE_PATH.is_file(), f"the sample article is missing: {SAMPLE_PATH}"
    return SAMPLE_PATH


@pytest.fixture(scope="session")
def sample_text(sample_path: Path) -> str:
    # Bytes decoded as UTF-8, exactly as the CLI and the C++ tool read files (no newline
    # translation), so offsets agree between all entry points.
    return sample_path.read_bytes().decode("utf-8")


@pytest.fixture(scope="session")
def summarizer() -> precis.Summarizer:
    """A default Summarizer, shared: it is immutable and thread-safe, and meant to be reused."""
    return precis.Summarizer()


@pytest.fixture(scope="session")
def sample_summary(summarizer: precis.Summarizer, sample_text: str) -> precis.Summary:
    return summarizer.summarize(sample_text, sentences=5)


def cli_env() -> dict[str, str]:
    """The environment for CLI subprocesses: UTF-8 I/O whatever the machine's locale."""
    env = dict(os.environ)
    env["PYTHONUTF8"] = "1"
    env.pop("PYTHONPATH", None)  # the installed package, not a source tree
    return env


RunCli = Callable[..., subprocess.CompletedProcess[bytes]]


@pytest.fixture
def run_cli(tmp_path: Path) -> RunCli:
    """Runs ``python -m precis ARGS`` (bytes in, bytes out) from an empty directory."""

    def run(
        args: Sequence[str | os.PathLike[str]], *, input: bytes | None = None, timeout: float = 120
    ) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [sys.executable, "-m", "precis", *map(str, args)],
            input=input,
            capture_output=True,
            cwd=tmp_path,
            env=cli_env(),
            timeout=timeout,
            check=False,
        )

    return run


def execute_notebook(path: Path) -> Any:
    """Runs a notebook in its own folder, as Jupyter would (CellExecutionError on any error), and
    returns it with its outputs."""
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    resources = {"metadata": {"path": str(path.parent)}}
    NotebookClient(notebook, timeout=120, kernel_name="python3", resources=resources).execute()
    return notebook


def start_cli(*args: object, cwd: Path) -> subprocess.Popen[bytes]:
    """``python -m precis ARGS`` with pipes for its output."""
    command = [sys.executable, "-m", "precis", *map(str, args)]
    return subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd, env=cli_env()
    )
