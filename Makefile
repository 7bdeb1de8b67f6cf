# The README's commands. Thin wrappers: the logic lives in CMake, pyproject.toml and .ci/.
#
#   make demo   set up, build and install the wheel into .venv, summarize the bundled sample
#   make test   set up, build once, then C++ tests (ctest), Python tests and notebooks (pytest,
#               against the installed wheel) and the find_package(precis) consumer test
#   make bench  the C++ stage benchmarks and precis against its peers from Python (peers in their
#               own venv, build/peers-venv); writes benchmarks/RESULTS.md

PYTHON ?= python3
VENV ?= .venv
BUILD ?= build/main
JOBS ?= 2
PY := $(VENV)/bin/python
# The CMake that configured the build (pip's, in the venv) also tests and installs it: an older
# system CMake may not read a newer one's build tree.
CMAKE := $(VENV)/bin/cmake
CTEST := $(VENV)/bin/ctest
SAMPLE := examples/western-development.en.txt

export CMAKE_BUILD_PARALLEL_LEVEL := $(JOBS)

.PHONY: all demo test deps venv wheel test-cpp test-python test-install stubs bench clean

all: wheel

deps:
	@bash .ci/install-deps

# A virtual environment with the build and test tools; rebuilt when pyproject.toml changes.
$(VENV)/.ready: pyproject.toml .ci/requirements-dev.txt
	@$(MAKE) --no-print-directory deps
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -U pip
	$(PY) -m pip install -q -r .ci/requirements-dev.txt
	touch $@

venv: $(VENV)/.ready

# One CMake build serves everything: the wheel's extension, the C++ tests and the C++ install.
wheel: venv
	$(PY) -m pip install -q --no-build-isolation --force-reinstall --no-deps \
	    -Cbuild-dir=$(BUILD) -Ccmake.build-type=RelWithDebInfo \
	    -Ccmake.define.PRECIS_BUILD_TESTS=ON -Ccmake.define.PRECIS_INSTALL=ON .

demo: wheel
	@echo
	@$(VENV)/bin/precis summarize $(SAMPLE) --sentences 5

test-cpp: wheel
	$(CTEST) --test-dir $(BUILD) --output-on-failure -j $(JOBS)

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

test: test-cpp test-install test-python

# Regenerates python/precis/_core.pyi from the installed extension (tests check it is current).
stubs: wheel
	$(PY) python/tools/gen_stubs.py

# Benchmarks: their own build tree (Google Benchmark is not needed by make test), then the Python
# comparison, which also folds the C++ stage figures into the report. BENCH_FLAGS passes options to
# bench_python.py (e.g. BENCH_FLAGS="--cap 120").
BENCH_BUILD ?= build/bench
BENCH_FLAGS ?=
bench: wheel
	bash benchmarks/install-deps build/peers-venv
	$(CMAKE) -S . -B $(BENCH_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	    -DPRECIS_BUILD_BENCHMARKS=ON -DPRECIS_BUILD_TESTS=OFF -DPRECIS_INSTALL=OFF
	$(CMAKE) --build $(BENCH_BUILD) --target bench_stages
	$(BENCH_BUILD)/benchmarks/bench_stages --benchmark_out=$(BENCH_BUILD)/stages.json \
	    --benchmark_out_format=json
	$(PY) benchmarks/bench_python.py --stages $(BENCH_BUILD)/stages.json --write benchmarks/RESULTS.md $(BENCH_FLAGS)

clean:
	rm -rf build $(VENV)
