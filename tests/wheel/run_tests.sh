#!/usr/bin/env bash
# The tests of an installed wheel, from a folder holding tests/, examples/ and pyproject.toml (for
# pytest's settings): the smoke test, the command line, and the Python suite without the tests
# that need the source tree or a compiler (the C++ tool, the stub, the notebooks, the browser).
# Run by `make wheels` in bare Debian roots and by cibuildwheel's test-command.
#
#   tests/wheel/run_tests.sh PYTHON
set -euo pipefail
python=$1
"$python" tests/wheel/smoke.py
# The console script installed beside the interpreter.
echo "Hello world. This is precis, a summarizer." | "$(dirname "$(command -v "$python")")/precis" summarize - -n 1
"$python" -m pytest -p no:cacheprovider -q tests/python \
  --ignore=tests/python/test_cpp_agreement.py --ignore=tests/python/test_stubs.py \
  --ignore=tests/python/test_notebooks.py --ignore=tests/python/test_browser.py
