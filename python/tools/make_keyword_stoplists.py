"""Regenerate the [stopwords] section of cpp/data/keywords/<code>.txt from a pinned PyPI package.

A keyphrase is a run of words with no stopword inside, so the words that end a run matter more
here than in the sentence graph: common verbs, adverbs and vague nouns ("shows", "using",
"several", "way") break runs that a part-of-speech tagger would cut. Keyphrase extraction uses
the language's stopword list (cpp/data/stopwords) plus the words of this section. For English
they are the SMART stop list (Salton's SMART retrieval system, Cornell; 570 words after
folding), the list RAKE (Rose et al. 2010) uses, as shipped by python-rake 1.5.0 (MIT),
RAKE/stoplists/SmartStopList.py (read with `ast`, never imported), less the words the English
stopword list already has. Words are cleaned as make_stopwords.py cleans its lists.

The rule sections above [stopwords] are written by hand and kept as they are (format:
cpp/data/keywords/README.md).

Usage (needs pip and PyPI):

    python python/tools/make_keyword_stoplists.py            # rewrite the [stopwords] sections
    python python/tools/make_keyword_stoplists.py --check    # exit 1 if they are out of date
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

from make_stopwords import DEFAULT_CACHE, REPO, Package, clean, fetch, member

DATA = REPO / "cpp" / "data"
SECTION = "[stopwords]\n"

PYTHON_RAKE = Package(
    "python-rake==1.5.0",
    "python_rake-1.5.0-py3-none-any.whl",
    "c90d7de388b39b274e07eac0313e47064b80f0d7f2d23841d4dfde8fc455c412",
)

# language -> the python-rake stop list module
LANGUAGES = {"en": "RAKE/stoplists/SmartStopList.py"}


def read_list(archive: bytes, path: str) -> list[str]:
    source = member(archive, PYTHON_RAKE.filename, path)
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and [ast.unparse(t) for t in node.targets] == ["wordlist"]:
            words = ast.literal_eval(node.value)
            if isinstance(words, list) and all(isinstance(w, str) for w in words):
                return words
    sys.exit(f"{path}: no `wordlist = [...]` of strings")


def generate(cache: Path) -> dict[Path, str]:
    """Path -> new content, for every language."""
    archive = fetch(PYTHON_RAKE, cache)
    files = {}
    for code, path in sorted(LANGUAGES.items()):
        target = DATA / "keywords" / f"{code}.txt"
        rules = target.read_text("utf-8").split(SECTION)[0] if target.exists() else ""
        stopwords = set((DATA / "stopwords" / f"{code}.txt").read_text("utf-8").split())
        words = [w for w in clean(read_list(archive, path)) if w not in stopwords]
        files[target] = rules + SECTION + "".join(w + "\n" for w in words)
    return files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="download directory")
    parser.add_argument("--check", action="store_true", help="only compare")
    args = parser.parse_args()
    files = generate(args.cache)
    stale = [p for p, text in files.items() if not p.exists() or p.read_text("utf-8") != text]
    if args.check:
        for path in stale:
            print(f"out of date: {path}")
        return 1 if stale else 0
    for path in stale:
        path.write_text(files[path], "utf-8", newline="\n")
    for path, text in files.items():
        print(f"{path.relative_to(REPO)}: {text.split(SECTION)[1].count(chr(10))} words")
    return 0


if __name__ == "__main__":
    sys.exit(main())
