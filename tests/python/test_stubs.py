"""The committed type stub matches the extension, and the package type-checks against it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=False)


def test_committed_stub_is_current() -> None:
    result = run(sys.executable, "python/tools/gen_stubs.py", "--check")
    assert result.returncode == 0, result.stdout + result.stderr


def test_stub_agrees_with_runtime() -> None:
    allowlist = "python/tools/stubtest-allowlist.txt"
    result = run(sys.executable, "-m", "mypy.stubtest", "precis._core", "--allowlist", allowlist)
    assert result.returncode == 0, result.stdout + result.stderr


def test_package_type_checks_strictly() -> None:
    result = run(sys.executable, "-m", "mypy", "--strict", "python/precis")
    assert result.returncode == 0, result.stdout + result.stderr
