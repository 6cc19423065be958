#!/usr/bin/env bash
# The whole test suite: format check, then a normal and an ASan+UBSan build, ctest on both.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/check-format.sh

export POLYCOPY_SHARED_DIR=${POLYCOPY_SHARED_DIR:-$(cd .. && pwd)/shared}
jobs=${POLYCOPY_TEST_JOBS:-2}

echo "== normal build"
bash scripts/build.sh normal
(cd build && ctest --output-on-failure -j "$jobs")

echo "== ASan+UBSan build"
bash scripts/build.sh asan
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
(cd build-asan && ctest --output-on-failure -j "$jobs")
