"""Smoke test of an installed precis wheel on a bare system (tests/wheel/run_tests.sh).

Uses only what a user has after `pip install precis-*.whl`: no compiler, no ICU, no test tools.
"""

import subprocess
import sys

import precis

english = (
    "Mr. Smith went to Washington. He arrived at 3 p.m. on Monday! "
    "The weather in Washington was fine. Everyone in Washington was happy about the weather."
)
summary = precis.summarize(english, sentences=2)
assert len(summary.sentences) == 2, summary
assert all(english[s.start : s.end] == s.text for s in summary.sentences)
assert summary.diagnostics.stemmer == "en" and summary.diagnostics.stopword_count > 0

chinese = "今天天气很好。我们去公园散步吧！你觉得怎么样？"
assert [s.text for s in precis.sentences(chinese)] == [
    "今天天气很好。",
    "我们去公园散步吧！",
    "你觉得怎么样？",
]
assert precis.summarize(chinese, sentences=1).diagnostics.language == "zh"
# Dictionary word segmentation: the ICU data bundled in the wheel must carry the dictionaries.
assert [t.text for t in precis.tokens("我们去公园")] == ["我们", "去", "公园"]
assert [t.text for t in precis.tokens("ภาษาไทยง่าย")] == ["ภาษา", "ไทย", "ง่าย"]

cli = subprocess.run(
    [sys.executable, "-m", "precis", "summarize", "-", "--sentences", "1"],
    input=english.encode(),
    capture_output=True,
    check=True,
)
assert cli.stdout.decode().strip() in english, cli.stdout

print(f"smoke test passed: precis {precis.__version__} on Python {sys.version.split()[0]}")
