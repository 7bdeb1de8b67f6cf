"""Regenerate cpp/data/language/<code>.txt, the language identification model, from pinned sources.

precis tells languages of one script apart with a naive Bayes model of character n-grams and
whole words (cpp/src/language_id.cpp). Each file holds one language's most frequent features
with their costs; the library embeds them at build time. What the files are, their format and
their licence: cpp/data/language/README.md.

Sources (checked by SHA-256, downloaded once into the cache directory):

- wordfreq 3.1.1 (code Apache-2.0, word lists CC BY-SA 4.0; https://github.com/rspeer/wordfreq):
  the "small" frequency list of every language it has among the ones below. A word's n-grams
  count with the word's frequency, so the model sees running text's n-gram frequencies.
- Debian's Firefox ESR language packs (MPL-2.0) for the languages wordfreq lacks (Marathi,
  Kazakh): the translated strings, counted as running text.

Languages: the ones whose script other languages share (Latin, Cyrillic, Arabic, Devanagari) and
that precis treats with its own stopwords, stemmer or segmentation rules. Languages with a script
of their own (Greek, Armenian, Hangul, Thai, Han, kana, ...) need no model: the script decides.

Usage (needs pip, apt-get and the msgpack module; about 60 MB of downloads):

    python python/tools/make_language_model.py            # rewrite cpp/data/language/*.txt
    python python/tools/make_language_model.py --check    # exit 1 if the files are out of date
"""

from __future__ import annotations

import argparse
import collections
import gzip
import hashlib
import io
import math
import re
import subprocess
import sys
import tarfile
import unicodedata
import zipfile
from pathlib import Path

import msgpack

REPO = Path(__file__).resolve().parents[2]
DEFAULT_OUT = REPO / "cpp" / "data" / "language"
DEFAULT_CACHE = REPO / "build" / "language-sources"

WORDFREQ = (
    "wordfreq==3.1.1",
    "wordfreq-3.1.1-py3-none-any.whl",
    "4b1c6ecffc6198be3396d5cf871c4423ca71c907c231348d352dd54d62b97473",
)
FIREFOX_PACKS = {
    "mr": (
        "firefox-esr-l10n-mr=153.8.0esr-1~deb12u1",
        "firefox-esr-l10n-mr_153.8.0esr-1~deb12u1_all.deb",
        "c8625829c3c96753de1d812f37beb08e1ae3f5a8a22b399a6ea4dc9c322ff26d",
    ),
    "kk": (
        "firefox-esr-l10n-kk=153.8.0esr-1~deb12u1",
        "firefox-esr-l10n-kk_153.8.0esr-1~deb12u1_all.deb",
        "5e6072921890d8691ef2cf80365a03b1604675490a7c1eb7fde288f19453b217",
    ),
}
# The languages of each shared script; the C++ side reads the same grouping from the files' headers.
SCRIPTS = {
    "Latn": "ca cs da de en es fi fr hu id it nl no pl pt ro sk sv tr".split(),
    "Cyrl": "bg kk ru".split(),
    "Arab": "ar fa".split(),
    "Deva": "hi mr".split(),
}
WORDFREQ_CODE = {"no": "nb"}  # wordfreq files Norwegian Bokmål as nb
UNICODE_SCRIPT = {"Latn": "LATIN", "Cyrl": "CYRILLIC", "Arab": "ARABIC", "Deva": "DEVANAGARI"}

MAX_ORDER = 4  # character n-grams of 1 to 4 code points, word boundaries included
FEATURES = 3000  # kept per language: n-grams and whole words, most probable first
COST_SCALE = 10  # costs are -ln p in tenths of a nat


def fetch(requirement: str, filename: str, sha256: str, cache: Path, debian: bool) -> bytes:
    path = cache / filename
    if not path.exists():
        cache.mkdir(parents=True, exist_ok=True)
        if debian:
            subprocess.run(["apt-get", "download", requirement], cwd=cache, check=True)
        else:
            command = [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--no-deps",
                "-d",
                str(cache),
                requirement,
            ]
            subprocess.run(command, check=True)
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != sha256:
        sys.exit(f"{path}: SHA-256 differs from the pinned one")
    return data


def lower(ch: str) -> str:
    """One code point lowercased as ICU's u_tolower does (simple mapping: never two code points)."""
    low = ch.lower()
    return low if len(low) == 1 else ("i" if ch == "\u0130" else ch)


def words_of(text: str, script: str) -> list[str]:
    """The words of `text` in `script`, lowercased: runs of its letters and of combining marks."""
    prefix = UNICODE_SCRIPT[script]
    words, current = [], []
    for ch in text:
        category = unicodedata.category(ch)
        if category in ("Mn", "Mc") and current:
            current.append(ch)
        elif category.startswith("L") and unicodedata.name(ch, "").startswith(prefix):
            current.append(lower(ch))
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return words


def features(word: str) -> list[str]:
    """What the model counts for one word; '_' marks the word's ends."""
    padded = f"_{word}_"
    grams = [padded[i : i + n] for n in range(1, MAX_ORDER + 1) for i in range(len(padded) - n + 1)]
    grams = [g for g in grams if g != "_"]
    if len(word) > MAX_ORDER - 2:  # shorter words are already whole among the n-grams
        grams.append(padded)
    return grams


def kind(feature: str) -> int:
    """1-4 for n-grams, 5 for whole words (the only features longer than MAX_ORDER)."""
    return min(len(feature), MAX_ORDER + 1)


def word_frequencies(language: str, script: str, cache: Path) -> dict[str, float]:
    if language in FIREFOX_PACKS:
        counts: collections.Counter[str] = collections.Counter()
        fetch(*FIREFOX_PACKS[language], cache, debian=True)
        for line in firefox_strings(cache / FIREFOX_PACKS[language][1]):
            counts.update(words_of(line, script))
        total = sum(counts.values())
        return {w: c / total for w, c in counts.items()}
    wheel = zipfile.ZipFile(cache / WORDFREQ[1])
    name = f"wordfreq/data/small_{WORDFREQ_CODE.get(language, language)}.msgpack.gz"
    buckets = msgpack.unpackb(gzip.decompress(wheel.read(name)), raw=False)[1:]
    frequencies: dict[str, float] = {}
    for index, bucket in enumerate(buckets):  # bucket i: frequency 10^(-i/100)
        for entry in bucket:
            found = words_of(entry, script)
            if len(found) == 1 and len(found[0]) == len(entry):
                frequencies[found[0]] = frequencies.get(found[0], 0.0) + 10 ** (-index / 100)
    return frequencies


def firefox_strings(path: Path) -> list[str]:
    """The translated strings of a Firefox language pack (.deb → .xpi → .ftl and .properties)."""
    archive = subprocess.run(
        ["dpkg-deb", "--fsys-tarfile", str(path)], capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        xpi = next(m for m in tar.getmembers() if m.name.endswith(".xpi"))
        pack = zipfile.ZipFile(io.BytesIO(tar.extractfile(xpi).read()))
    strings = []
    for name in sorted(pack.namelist()):
        if not name.endswith((".ftl", ".properties")):
            continue
        for line in pack.read(name).decode("utf-8", "replace").splitlines():
            if line.lstrip().startswith("#") or "=" not in line:
                continue
            value = re.sub(r"\{[^}]*\}|%\d*\$?[sSdu]|<[^>]*>|&[a-z]+;", " ", line.split("=", 1)[1])
            strings.append(value)
    return strings


def model_file(language: str, script: str, frequencies: dict[str, float]) -> str:
    counts: collections.Counter[str] = collections.Counter()
    for word, frequency in frequencies.items():
        for feature in features(word):
            counts[feature] += frequency
    totals: dict[int, float] = collections.defaultdict(float)
    for feature, count in counts.items():
        totals[kind(feature)] += count
    cost = {f: round(-math.log(c / totals[kind(f)]) * COST_SCALE) for f, c in counts.items()}
    kept = sorted(cost, key=lambda f: (cost[f], f))[:FEATURES]
    # An unseen feature costs a little more than the rarest kept one of its kind.
    floors = [
        max((cost[f] for f in kept if kind(f) == k), default=200) + COST_SCALE
        for k in range(1, MAX_ORDER + 2)
    ]
    lines = [f"#script {script}", "#unseen " + " ".join(map(str, floors))]
    lines += [f"{f}\t{cost[f]}" for f in sorted(kept, key=lambda f: (kind(f), f))]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if a file differs from what the sources give"
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    args = parser.parse_args()
    fetch(*WORDFREQ, args.cache, debian=False)
    stale = []
    for script, languages in SCRIPTS.items():
        for language in languages:
            text = model_file(language, script, word_frequencies(language, script, args.cache))
            path = args.out / f"{language}.txt"
            if args.check:
                if not path.exists() or path.read_text(encoding="utf-8") != text:
                    stale.append(path.name)
            else:
                path.write_text(text, encoding="utf-8", newline="\n")
                print(f"{path.relative_to(REPO)}: {len(text.splitlines()) - 2} features")
    if stale:
        sys.exit("out of date: " + ", ".join(stale))


if __name__ == "__main__":
    main()
