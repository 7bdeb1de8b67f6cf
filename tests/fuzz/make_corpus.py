#!/usr/bin/env python3
"""Builds the seed corpora of the fuzz targets at run time (never committed).

    python3 tests/fuzz/make_corpus.py OUT_DIR [EVAL_DIR]

Writes OUT_DIR/fuzz_segment/ and OUT_DIR/fuzz_summarize/ from examples/*.txt and, when EVAL_DIR
(../shared/eval) exists, small slices of it: every Golden Rules case and the first few articles of
bbc_news_summary, cnndm and lcsts. The eval data is third-party and licensed for research only:
it is read from its own directory each time and must not be copied into the repository.
Each seed is cut to at most MAX_BYTES at a code-point boundary, then given the option bytes its
target reads first (see fuzz_segment.cpp and fuzz_summarize.cpp).
"""

import hashlib
import json
import pathlib
import sys

MAX_BYTES = 3000
ROOT = pathlib.Path(__file__).resolve().parents[2]

# fuzz_segment: byte 0 = language index (auto en de zh ja fr ru th) + option switches.
SEGMENT_LANGUAGE = {"auto": 0, "en": 1, "de": 2, "zh": 3, "ja": 4, "fr": 5, "ru": 6, "th": 7}
# fuzz_summarize: a 5-byte header; defaults, 3 sentences with bm25, a 40-word budget with cosine,
# ratio 0.5 with a sparse graph (max_neighbors 2, max_pairs_per_sentence 1).
SUMMARIZE_HEADERS = [
    bytes([0, 0, 0, 0, 0]),
    bytes([2, 0, 0, 1, 0]),
    bytes([0, 40, 0, 2, 0]),
    bytes([0, 0, 0, 0x10 | (3 << 5), 2 | (1 << 3)]),
]


# fuzz_summarize also reads every input as a JSON options document: a few that parse.
OPTIONS_SEEDS = [
    "{}",
    '{"schema_version": 1, "select": {"sentences": 3, "ratio": null}}',
    '{"input": {"max_bytes": 1000, "on_too_long": "truncate", "on_invalid_utf8": "replace"},'
    ' "segment": {"language": "de", "join_wrapped_lines": false}, "tokens": {"stem": false},'
    ' "graph": {"similarity": "bm25", "max_neighbors": 3}, "rank": {"damping": 0.5,'
    ' "max_iterations": 7}, "select": {"words": 40, "redundancy": 0.25}}',
]


def cut(text: str) -> bytes:
    data = text.encode("utf-8")[:MAX_BYTES]
    return data.decode("utf-8", errors="ignore").encode("utf-8")


def texts(eval_dir):
    """(language, text) pairs."""
    for path in sorted((ROOT / "examples").glob("*.txt")):
        language = path.stem.rsplit(".", 1)[-1]
        yield language, path.read_text(encoding="utf-8")
    if eval_dir is None or not eval_dir.is_dir():
        return
    for path in sorted((eval_dir / "golden_rules").rglob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8")):
            yield path.stem, case["text"]
    for category in sorted((eval_dir / "bbc_news_summary" / "articles").glob("*")):
        for path in sorted(category.glob("*.txt"))[:2]:
            yield "en", path.read_text(encoding="utf-8", errors="replace")
    for name, field, language in (
        ("cnndm/cnndm_test_dev100.jsonl", "article", "en"),
        ("lcsts/lcsts_part3.jsonl", "text", "zh"),
    ):
        path = eval_dir / name
        if path.exists():
            with path.open(encoding="utf-8") as lines:
                for _, line in zip(range(3), lines):
                    yield language, json.loads(line)[field]


def write(directory: pathlib.Path, data: bytes) -> None:
    (directory / hashlib.sha1(data).hexdigest()).write_bytes(data)


def main() -> int:
    out = pathlib.Path(sys.argv[1])
    eval_dir = pathlib.Path(sys.argv[2]) if len(sys.argv) > 2 else None
    segment = out / "fuzz_segment"
    summarize = out / "fuzz_summarize"
    for directory in (segment, summarize):
        directory.mkdir(parents=True, exist_ok=True)
    count = 0
    for index, (language, text) in enumerate(texts(eval_dir)):
        data = cut(text)
        write(segment, bytes([SEGMENT_LANGUAGE.get(language, 0)]) + data)
        write(summarize, SUMMARIZE_HEADERS[index % len(SUMMARIZE_HEADERS)] + data)
        count += 1
    for document in OPTIONS_SEEDS:
        write(summarize, document.encode("utf-8"))
    print(
        f"{count} seeds in {segment} and {summarize}"
        + ("" if eval_dir and eval_dir.is_dir() else " (no eval data: examples only)")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
