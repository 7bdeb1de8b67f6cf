"""Leak check of the Python tests under valgrind (`make leakcheck`, on demand, not in make test).

    python python/tools/leakcheck.py [--xml FILE] [PYTEST_ARGS...]

Runs pytest in this interpreter under `valgrind --leak-check=full` with PYTHONMALLOC=malloc (so
every Python object is a malloc block valgrind can follow), writing valgrind's XML report, then
sums it: the bytes "definitely lost" (direct and indirect) in all, CPython's and its other
extensions' included; those whose allocation stack passes through precis (the _core extension,
with the precis library linked into it); and of those, the ones precis's own code allocated (the
first frame past the allocator is in _core) rather than a library it calls (ICU, libstemmer,
bundled in precis.libs/, whose process-wide caches ICU frees only in u_cleanup()). The same for
memory errors (invalid reads/writes, uninitialised values). Exits 1 when precis's own code leaks
definitely or precis has a memory error, or when pytest fails. Child processes (the CLI tests)
run without valgrind.

Without PYTEST_ARGS it runs the default subset (DEFAULT_PYTEST_ARGS): everything but the
notebooks, the browser and the stub checks, which run in child processes (Jupyter kernels,
Chromium, mypy) that valgrind does not follow, and would only take time.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

DEFAULT_PYTEST_ARGS = ["-k", "not notebooks and not browser and not stubs"]
CORE = "/precis/_core"  # the extension, with the precis library linked into it
# Frames of the allocator itself, skipped to find who asked for the memory.
ALLOCATORS = ("vgpreload_memcheck", "libstdc++", "libc.so")


def valgrind_command(xml: Path) -> list[str]:
    return [
        "valgrind",
        "--tool=memcheck",
        "--leak-check=full",
        "--show-leak-kinds=definite",
        "--num-callers=40",
        "--error-exitcode=0",  # the verdict is ours, from the XML
        "--xml=yes",
        f"--xml-file={xml}",
    ]


def frames(error: ET.Element) -> list[str]:
    return [frame.findtext("obj") or "" for frame in error.find("stack") or []]


def through_precis(error: ET.Element) -> bool:
    return any(CORE in obj for obj in frames(error))


def allocated_by_precis(error: ET.Element) -> bool:
    callers = [obj for obj in frames(error) if not any(a in obj for a in ALLOCATORS)]
    return bool(callers) and CORE in callers[0]


def summarize(xml: Path) -> tuple[dict[str, int], list[str]]:
    """Totals from valgrind's XML, and a short description of each leak or error via precis."""
    totals = dict.fromkeys(
        [
            "definitely lost",
            "definitely lost via precis",
            "definitely lost by precis",
            "errors",
            "errors via precis",
        ],
        0,
    )
    described = []
    for error in ET.parse(xml).getroot().iter("error"):
        kind = error.findtext("kind") or ""
        via = through_precis(error)
        if kind == "Leak_DefinitelyLost":
            size = int(error.findtext("xwhat/leakedbytes") or 0)
            totals["definitely lost"] += size
            if via:
                totals["definitely lost via precis"] += size
                if allocated_by_precis(error):
                    totals["definitely lost by precis"] += size
        elif not kind.startswith("Leak_"):
            totals["errors"] += 1
            if via:
                totals["errors via precis"] += 1
        if via:
            what = error.findtext("what") or error.findtext("xwhat/text") or kind
            unnamed = "? (an object valgrind could not name)"
            objects = [Path(obj).name or unnamed for obj in frames(error)]
            described.append(f"{what}\n    " + "\n    ".join(objects[:10]))
    return totals, described


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--xml", type=Path, default=Path("build/leakcheck/valgrind.xml"))
    args, pytest_args = parser.parse_known_args()
    args.xml.parent.mkdir(parents=True, exist_ok=True)
    command = [
        *valgrind_command(args.xml),
        sys.executable,
        "-m",
        "pytest",
        "-p",
        "no:cacheprovider",
        "-q",
        *(pytest_args or DEFAULT_PYTEST_ARGS),
    ]
    print(" ".join(command), flush=True)
    env = {**os.environ, "PYTHONMALLOC": "malloc"}
    tests = subprocess.run(command, env=env, check=False)

    totals, described = summarize(args.xml)
    for text in described:
        print(text)
    print(f"valgrind report: {args.xml}")
    for name, value in totals.items():
        unit = " bytes" if "lost" in name else ""
        print(f"{name:>28}: {value}{unit}")
    leaks = totals["definitely lost by precis"] + totals["errors via precis"]
    if tests.returncode != 0:
        print(f"pytest failed under valgrind (exit {tests.returncode})")
    return 1 if tests.returncode != 0 or leaks else 0


if __name__ == "__main__":
    sys.exit(main())
