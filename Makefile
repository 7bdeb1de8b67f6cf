# The README's commands. Thin wrappers: the logic lives in CMake, pyproject.toml and .ci/.
#
#   make demo   set up, build and install the wheel into .venv, summarize the bundled sample
#   make lab    the same, then open notebooks/quickstart.ipynb in JupyterLab
#   make test   set up, check the style (make lint), build once, then C++ tests (ctest), Python
#               tests and notebooks (pytest, against the installed wheel), the find_package(precis)
#               consumer test, make test-sanitizers and make fuzz-smoke
#   make wheels the release wheels for Linux x86_64 (cp311, cp313, cp314, cp315; manylinux_2_28)
#               into dist/, each tested in bare Debian roots, and the sdist on those releases
#   make lint   clang-format (.clang-format) on the C++ sources; ruff check and ruff format --check
#               ([tool.ruff] in pyproject.toml) on the Python
#   make test-sanitizers  the C++ tests again, built with clang under ASan + UBSan (LeakSanitizer
#               on, every report fatal), in build/fuzz beside the fuzz targets
#   make leakcheck  the Python tests (not the notebooks, browser or stubs) under valgrind, on
#               demand; fails when precis's own code leaks or precis makes a memory error
#   make eval-segmentation    Golden Rules accuracy, precis beside pySBD/blingfire/punkt (make peers)
#   make eval-ud              sentence-span F1 on Universal Dependencies, beside pySBD/blingfire/sentencex
#   make eval-lcsts           Chinese ROUGE on LCSTS: precis, LEAD-1 and an oracle beside TextRank4ZH
#   make eval-language        language identification on the UD texts, beside CLD2 and Lingua
#   make eval-keywords        keyphrase F1 on Inspec and CSL, beside summa, YAKE, rapid-textrank, jieba
#   make bench-segmentation   split_sentences vs bare ICU on the English corpus, in one run
#   make bench-corpus         100,000 news articles: serial, 2 threads, Dask; precis corpus's time
#                             and peak memory at 10,000 and 100,000 documents (in RESULTS.md)
#   make eval   ROUGE of precis, LEAD-k, an oracle and peers on shared/eval (PRECIS_EVAL_DATA)
#   make bench  the C++ stage benchmarks and precis against its peers from Python (peers in their
#               own venv, build/peers-venv); writes benchmarks/RESULTS.md
#   make fuzz   the libFuzzer targets (tests/fuzz/, clang with ASan + UBSan, build/fuzz), each for
#               FUZZ_SECONDS; make fuzz-smoke replays tests/fuzz/regressions and fuzzes each ~20 s
#
# The build trees are CMakePresets.json's: default (build/main), asan-ubsan (build/fuzz), bench
# (build/bench).

PYTHON ?= python3
VENV ?= .venv
JOBS ?= 2
PY := $(VENV)/bin/python
# The binaryDir of the default preset, which the wheel build shares.
BUILD := build/main
# CMake, CTest and Ninja all from the venv, as in the wheel build: an older system CMake may not
# read a newer one's tree, and another Ninja's log would rebuild everything.
CMAKE := PATH="$(abspath $(VENV))/bin:$$PATH" $(VENV)/bin/cmake
CTEST := PATH="$(abspath $(VENV))/bin:$$PATH" $(VENV)/bin/ctest
SAMPLE := examples/western-development.en.txt
# The development wheel (make wheel), which .venv runs; the release wheels (make wheels) go to dist/.
DIST := build/dist

export CMAKE_BUILD_PARALLEL_LEVEL := $(JOBS)

.PHONY: all demo lab test deps venv lint lint-cpp lint-python build-cpp wheel test-cpp test-python \
        test-install wheels stubs clean peers bench eval eval-segmentation eval-ud eval-lcsts \
        eval-language eval-keywords langid-peers bench-segmentation bench-corpus sanitize-configure \
        test-sanitizers fuzz-build fuzz fuzz-smoke leakcheck

all: wheel

deps:
	@bash .ci/install-deps

# A virtual environment with the build and test tools (pyproject.toml's dev dependency group;
# pip >= 25.1 reads groups); rebuilt when pyproject.toml changes.
$(VENV)/.ready: pyproject.toml
	@$(MAKE) --no-print-directory deps
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -U "pip>=25.1"
	$(PY) -m pip install -q --group dev
	touch $@

venv: $(VENV)/.ready

# Style checks, fast and first in make test. The C++ files are the ones .clang-format covers.
LINT_CXX = $(shell find cpp python/src tests benchmarks -name '*.cpp' -o -name '*.hpp' | sort)

lint: lint-cpp lint-python

lint-cpp: deps
	clang-format --dry-run --Werror --ferror-limit=1 $(LINT_CXX)

lint-python: venv
	$(VENV)/bin/ruff check
	$(VENV)/bin/ruff format --check

# One CMake build serves everything: the C++ tests, the C++ install and the wheel's extension.
# The default preset builds the library and the C++ tests without Python; pip wheel then
# configures the same tree with the same cache variables (PRECIS_BUILD_TESTS and PRECIS_INSTALL
# here, CMAKE_BUILD_TYPE from pyproject.toml), adds _core and compiles only that.
build-cpp: venv
	$(CMAKE) --preset default
	$(CMAKE) --build --preset default

# The development wheel, built with this machine's compiler and libraries, is repaired by
# auditwheel (ICU, with its data cut to what precis uses, and libstemmer bundled) into
# build/dist/; that repaired wheel is what .venv runs and the tests import.
wheel: build-cpp
	rm -rf $(DIST)
	$(PY) -m pip wheel -q --no-build-isolation --no-deps -w $(DIST)/unrepaired \
	    -Cbuild-dir=$(BUILD) -Ccmake.define.PRECIS_BUILD_TESTS=ON -Ccmake.define.PRECIS_INSTALL=ON .
	bash python/tools/build_icu_data.sh --shared build/icu-data
	LD_LIBRARY_PATH="$(CURDIR)/build/icu-data" PATH="$(CURDIR)/$(VENV)/bin:$$PATH" \
	    $(PY) -m auditwheel repair -w $(DIST) $(DIST)/unrepaired/*.whl \
	    > $(DIST)/auditwheel.log 2>&1 || { cat $(DIST)/auditwheel.log; exit 1; }
	$(PY) -m pip install -q --force-reinstall --no-deps $(DIST)/precis-*.whl
	@ls -l $(DIST)/precis-*.whl

demo: wheel
	@echo
	@$(VENV)/bin/precis summarize $(SAMPLE) --sentences 5
	@echo
	@echo "Notebooks: make lab (or $(VENV)/bin/jupyter lab notebooks/quickstart.ipynb)"

lab: wheel
	$(VENV)/bin/jupyter lab notebooks/quickstart.ipynb

test-cpp: build-cpp
	$(CTEST) --preset default -j $(JOBS)

test-install: wheel
	rm -rf build/install build/install-test
	$(CMAKE) --install $(BUILD) --component development --prefix build/install
	$(CMAKE) -S tests/install -B build/install-test -G Ninja -DCMAKE_PREFIX_PATH=$(CURDIR)/build/install
	$(CMAKE) --build build/install-test
	build/install-test/precis_install_test $(SAMPLE)

# The tests import the installed wheel (python/ is not on sys.path); the C++ tool lets them
# check that C++, Python and the CLI agree.
test-python: wheel
	PRECIS_CPP_SUMMARIZE_JSON=$(CURDIR)/$(BUILD)/tests/cpp/summarize_json $(PY) -m pytest -p no:cacheprovider

# Lint first (it fails fast); pytest last, so its summary closes the output.
test: lint test-cpp test-install test-sanitizers fuzz-smoke test-python

# The release wheels for Linux x86_64 (manylinux_2_28: zig, static ICU and libstemmer from pinned
# sources), each built in a Debian root by its own CPython and tested in bare roots, into dist/.
# WHEELS picks some of cp311 cp313 cp314 cp315 (default: all).
WHEELS ?=
wheels: venv
	PYTHON=$(CURDIR)/$(PY) bash python/tools/build_wheels.sh $(WHEELS)

# Regenerates python/precis/_core.pyi from the installed extension (tests check it is current).
stubs: wheel
	$(PY) python/tools/gen_stubs.py

# Peers (pySBD, blingfire, punkt; sumy, summa) live in their own venv and run as subprocesses:
# never dependencies of precis. rouge-score goes into .venv for `make eval`.
PEERS_VENV := build/peers-venv
EVAL_ARGS ?=
# shared/ beside the repository (a clone) or beside its parent (a worktree).
CORPUS ?= $(firstword $(wildcard ../shared/corpus/en-gutenberg ../../shared/corpus/en-gutenberg))

$(PEERS_VENV)/.ready: benchmarks/requirements-peers.txt
	$(PYTHON) -m venv $(PEERS_VENV)
	$(PEERS_VENV)/bin/python -m pip install -q -r benchmarks/requirements-peers.txt
	touch $@

peers: $(PEERS_VENV)/.ready

# Summary quality (benchmarks/eval_summaries.py).
eval: wheel peers
	$(PY) -m pip install -q -r benchmarks/requirements-eval.txt
	$(PY) benchmarks/eval_summaries.py --write benchmarks/EVALUATION.md $(EVAL_ARGS)

# Sentence-span F1 on the UD dev texts, precis beside pySBD, blingfire and sentencex.
eval-ud: wheel peers
	$(PY) benchmarks/eval_ud.py --write benchmarks/EVALUATION.md

# Character-level ROUGE on LCSTS (Chinese Weibo posts against their headlines), precis beside
# TextRank4ZH, which has its own venv: it needs networkx 2 (benchmarks/requirements-textrank4zh.txt).
TEXTRANK4ZH_VENV := build/textrank4zh-venv

$(TEXTRANK4ZH_VENV)/.ready: benchmarks/requirements-textrank4zh.txt
	$(PYTHON) -m venv $(TEXTRANK4ZH_VENV)
	$(TEXTRANK4ZH_VENV)/bin/python -m pip install -q -r benchmarks/requirements-textrank4zh.txt
	touch $@

eval-lcsts: wheel $(TEXTRANK4ZH_VENV)/.ready
	$(PY) -m pip install -q -r benchmarks/requirements-eval.txt
	$(PY) benchmarks/eval_lcsts.py --textrank4zh-python $(TEXTRANK4ZH_VENV)/bin/python \
	    --write benchmarks/EVALUATION.md

# Keyphrases on Inspec and CSL, precis beside summa, YAKE, rapid-textrank and jieba's TextRank, which
# have their own venv (benchmarks/requirements-keywords.txt); the protocol's Porter stemmer is
# NLTK's, which rouge-score brings into .venv.
KEYWORD_VENV := build/keyword-venv

$(KEYWORD_VENV)/.ready: benchmarks/requirements-keywords.txt
	$(PYTHON) -m venv $(KEYWORD_VENV)
	$(KEYWORD_VENV)/bin/python -m pip install -q -r benchmarks/requirements-keywords.txt
	touch $@

eval-keywords: wheel $(KEYWORD_VENV)/.ready
	$(PY) -m pip install -q -r benchmarks/requirements-eval.txt
	$(PY) benchmarks/eval_keywords.py --peers-python $(KEYWORD_VENV)/bin/python --ablations \
	    --write benchmarks/EVALUATION.md

# Language identifiers (CLD2, Lingua) in their own venv (135 MB, mostly Lingua's models), which the
# summarizer peers of `make peers` need not carry.
LANGID_VENV := build/langid-venv

$(LANGID_VENV)/.ready: benchmarks/requirements-langid.txt
	$(PYTHON) -m venv $(LANGID_VENV)
	$(LANGID_VENV)/bin/python -m pip install -q -r benchmarks/requirements-langid.txt
	touch $@

langid-peers: $(LANGID_VENV)/.ready

eval-language: wheel langid-peers
	$(PY) benchmarks/eval_language.py --peers-python $(LANGID_VENV)/bin/python --write benchmarks/EVALUATION.md

eval-segmentation: wheel peers
	$(PY) benchmarks/eval_segmentation.py --peers $(PEERS_VENV)/bin/python --write benchmarks/EVALUATION.md

# Benchmarks: their own build tree (Google Benchmark is not needed by make test), one
# configuration for every benchmark target (optimized, with line tables for perf and callgrind),
# then the Python comparison, which also folds the C++ stage figures into the report. BENCH_FLAGS
# passes options to bench_python.py (e.g. BENCH_FLAGS="--cap 120").
BENCH_BUILD := build/bench
BENCH_FLAGS ?=

bench-segmentation: venv
	$(CMAKE) --preset bench
	$(CMAKE) --build --preset bench --target bench_segmentation
	$(BENCH_BUILD)/benchmarks/bench_segmentation $(CORPUS)/*.txt

# precis on Dask (benchmarks/bench_corpus.py): throughput serial, on 2 threads and on 2 Dask
# processes over 100,000 repeated news articles of shared/eval, and `precis corpus`'s wall time
# and peak memory (process tree) at 10,000 and 100,000 documents; a few minutes on 2 cores.
bench-corpus: wheel
	$(PY) benchmarks/bench_corpus.py --write benchmarks/RESULTS.md

bench: wheel peers
	bash benchmarks/install-deps
	$(CMAKE) --preset bench
	$(CMAKE) --build --preset bench --target bench_stages
	$(BENCH_BUILD)/benchmarks/bench_stages --benchmark_out=$(BENCH_BUILD)/stages.json \
	    --benchmark_out_format=json
	$(PY) benchmarks/bench_python.py --stages $(BENCH_BUILD)/stages.json --write benchmarks/RESULTS.md $(BENCH_FLAGS)
	$(PY) benchmarks/bench_families.py --write benchmarks/RESULTS.md

# Fuzzing and the sanitized C++ tests share one clang build tree with AddressSanitizer and
# UndefinedBehaviorSanitizer (PRECIS_SANITIZE, cpp/cmake/precisSanitizers.cmake), configured once.
# Seeds are built at run time from examples/ and, when present, slices of shared/eval
# (tests/fuzz/make_corpus.py; the eval data is never copied into the repository).
FUZZ_BUILD := build/fuzz
FUZZ_SECONDS ?= 300
FUZZ_SMOKE_SECONDS ?= 20
EVAL_DATA ?= $(firstword $(wildcard ../shared/eval ../../shared/eval))

sanitize-configure: venv
	$(CMAKE) --preset asan-ubsan

# The test preset sets ASAN_OPTIONS and UBSAN_OPTIONS so that every report fails its test.
test-sanitizers: sanitize-configure
	$(CMAKE) --build --preset asan-ubsan
	$(CTEST) --preset asan-ubsan -j $(JOBS)

fuzz-build: sanitize-configure
	$(CMAKE) --build --preset asan-ubsan --target fuzz_segment fuzz_summarize fuzz_linear
	$(PYTHON) tests/fuzz/make_corpus.py $(FUZZ_BUILD)/corpus $(EVAL_DATA)

fuzz: fuzz-build
	bash tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

fuzz-smoke: fuzz-build
	bash tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SMOKE_SECONDS) --replay

# Leak check of the Python tests under valgrind, on demand (not in make test: 8 to 12 minutes on 2 cores).
# python/tools/leakcheck.py says what it runs and counts; LEAKCHECK_ARGS passes pytest arguments
# instead of its default subset. valgrind is installed here when missing, not with make test's.
LEAKCHECK_ARGS ?=
leakcheck: wheel
	@bash .ci/install-deps valgrind
	PRECIS_CPP_SUMMARIZE_JSON=$(CURDIR)/$(BUILD)/tests/cpp/summarize_json \
	    $(PY) python/tools/leakcheck.py $(LEAKCHECK_ARGS)

clean:
	rm -rf build $(VENV) dist
