"""The committed type stub matches the extension, and the package type-checks against it."""

from __future__ import annotations

import ast
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


def test_stub_spells_every_field_keyword() -> None:
    # Type checkers see each struct's keyword constructor with its fields, typed, and every flat
    # option keyword of precis.Summarizer in OptionFields.
    from precis import _core

    tree = ast.parse((ROOT / "python" / "precis" / "_core.pyi").read_text(encoding="utf-8"))
    classes = {node.name: node for node in tree.body if isinstance(node, ast.ClassDef)}
    for name, node in classes.items():
        fields = getattr(getattr(_core, name, None), "_fields", None)
        if not fields:
            continue
        init = next(f for f in node.body if isinstance(f, ast.FunctionDef) and f.name == "__init__")
        assert [a.arg for a in init.args.kwonlyargs] == list(fields), name
        assert all(a.annotation is not None for a in init.args.kwonlyargs), name
    options = _core.SummarizerOptions()
    flat = [f for group in options._fields for f in getattr(options, group)._fields]
    keys = [s.target.id for s in classes["OptionFields"].body if isinstance(s, ast.AnnAssign)]
    assert keys == flat
