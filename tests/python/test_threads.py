"""Thread safety and the GIL.

A Summarizer is immutable and may serve many threads; summarize and summarize_many release the
GIL while C++ works. The GIL checks are not timing tests: with a huge switch interval the main
thread never hands the GIL over on its own, so a helper thread can only run while the main
thread is blocked, or inside C++ code that released the GIL.
"""

from __future__ import annotations

import random
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest

import precis


def texts_for_threads(sample_text: str) -> list[str]:
    paragraphs = [p for p in sample_text.split("\n\n") if p.strip()]
    rng = random.Random(1234)
    texts = [sample_text, "", "One sentence.", "Emoji 👍 text. 中文句子。More text 👍 here."]
    for _ in range(12):
        texts.append("\n\n".join(rng.sample(paragraphs, k=min(len(paragraphs), 15))))
    return texts


def large_text(sentences: int, seed: int) -> str:
    """A long document with a sparse similarity graph (a large vocabulary)."""
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    vocabulary = [
        "".join(rng.choice(letters) for _ in range(rng.randint(3, 9))) for _ in range(3000)
    ]
    return " ".join(
        " ".join(rng.choice(vocabulary) for _ in range(10)).capitalize() + "."
        for _ in range(sentences)
    )


def run_in_threads(count: int, work: Callable[[int], object]) -> list[object]:
    results: list[object] = [None] * count
    errors: list[BaseException] = []
    barrier = threading.Barrier(count)

    def target(i: int) -> None:
        try:
            barrier.wait()
            results[i] = work(i)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=target, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
        assert not thread.is_alive()
    if errors:
        raise errors[0]
    return results


def test_one_summarizer_many_threads(summarizer: precis.Summarizer, sample_text: str) -> None:
    texts = texts_for_threads(sample_text)
    serial = [summarizer.summarize(t) for t in texts]
    serial_budget = [summarizer.summarize(t, ratio=0.2) for t in texts]

    def work(i: int) -> tuple[list[precis.Summary | None], list[precis.Summary | None]]:
        order = list(range(len(texts)))
        random.Random(i).shuffle(order)  # every thread in its own order
        plain: list[precis.Summary | None] = [None] * len(texts)
        budget: list[precis.Summary | None] = [None] * len(texts)
        for _ in range(3):
            for k in order:
                plain[k] = summarizer.summarize(texts[k])
                budget[k] = summarizer.summarize(texts[k], ratio=0.2)
        return plain, budget

    for result in run_in_threads(8, work):
        assert result == (serial, serial_budget)


def test_segmentation_from_many_threads(sample_text: str) -> None:
    texts = texts_for_threads(sample_text)

    def spans(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        return (
            [(s.start, s.end) for s in precis.sentences(text)],
            [(t.start, t.end) for t in precis.tokens(text)],
        )

    serial = [spans(t) for t in texts]
    for result in run_in_threads(8, lambda i: [spans(t) for t in texts]):
        assert result == serial


def test_summarize_many_from_many_threads(summarizer: precis.Summarizer, sample_text: str) -> None:
    texts = texts_for_threads(sample_text)
    serial = [summarizer.summarize(t, sentences=3) for t in texts]
    for result in run_in_threads(
        4, lambda i: summarizer.summarize_many(texts, sentences=3, workers=i % 3)
    ):
        assert result == serial


@contextmanager
def helper_thread() -> Iterator[Callable[[], int]]:
    """A Python thread that counts while it can hold the GIL; yields a reader of its count.

    The switch interval is made huge, so the main thread keeps the GIL unless it blocks or C++
    releases it; the helper sleeps between steps, so it never keeps the GIL for long.
    """
    count = 0
    started = threading.Event()
    stop = threading.Event()

    def run() -> None:
        nonlocal count
        started.set()
        while not stop.is_set():
            count += 1
            stop.wait(0.001)  # blocks without the GIL

    interval = sys.getswitchinterval()
    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert started.wait(60)
    sys.setswitchinterval(1000.0)
    # A GIL request the helper made under the old interval could still force one switch later;
    # sleeping hands it the GIL now, and every request after this one waits 1000 s.
    time.sleep(0.05)
    try:
        yield lambda: count
    finally:
        sys.setswitchinterval(interval)
        stop.set()
        thread.join(timeout=60)


@pytest.mark.parametrize("workers", [1, 2])
def test_summarize_many_releases_the_gil(summarizer: precis.Summarizer, workers: int) -> None:
    texts = [large_text(3000, seed) for seed in range(6)]
    with helper_thread() as progress:
        before = progress()
        summaries = summarizer.summarize_many(texts, workers=workers)
        after = progress()
    assert len(summaries) == len(texts)
    assert after > before, "no Python thread ran while summarize_many worked: the GIL was held"


def test_summarize_releases_the_gil(summarizer: precis.Summarizer) -> None:
    text = large_text(8000, 99)
    with helper_thread() as progress:
        before = progress()
        summary = summarizer.summarize(text)
        after = progress()
    assert summary.diagnostics.sentence_count > 1000
    assert after > before, "no Python thread ran while summarize worked: the GIL was held"


def test_helper_thread_does_not_run_while_the_gil_is_held() -> None:
    # The control for the two tests above: pure-Python work that never releases the GIL gives
    # the helper no chance, so `after > before` above really means the GIL was released.
    with helper_thread() as progress:
        before = progress()
        total = 0
        for i in range(3_000_000):
            total += i
        after = progress()
    assert total > 0
    assert after == before
