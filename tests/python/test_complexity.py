"""Linear time on every family of adversarial texts (families.py): summarize() on 4n characters
takes at most MAX_RATIO times as long as on n. Linear work gives about 4 and a quadratic path about
16, so the limit sits far from both; the times are CPU seconds of this process, best of several
runs, and a family over the limit is measured again before it fails, so a busy machine does not
fail the test and a quadratic path cannot pass it. N is the issue's 50,000 characters: by then a
text has more than full_graph_sentences sentences, so the graph's per-sentence caps hold at both
sizes."""

from __future__ import annotations

import pytest

from families import FAMILIES, cpu_seconds

N = 50_000
MAX_RATIO = 8.0
# Below this the smaller text is timed as this: the limit then allows a fast family some noise.
FLOOR_SECONDS = 0.002


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_summarize_is_linear(family: str) -> None:
    small_text, large_text = FAMILIES[family](N), FAMILIES[family](4 * N)
    assert len(small_text) == N and len(large_text) == 4 * N
    small = max(FLOOR_SECONDS, cpu_seconds(small_text, 3))
    large = cpu_seconds(large_text, 3)
    if large > MAX_RATIO * small:
        small = max(FLOOR_SECONDS, min(small, cpu_seconds(small_text, 5)))
        large = min(large, cpu_seconds(large_text, 5))
    assert large <= MAX_RATIO * small, (
        f"{family}: {N:,} characters in {small * 1e3:.1f} ms, {4 * N:,} in {large * 1e3:.1f} ms "
        f"(ratio {large / small:.1f} > {MAX_RATIO})"
    )
