#!/usr/bin/env bash
# Configures and builds one flavour: `build.sh` (normal, in build/) or `build.sh asan`
# (AddressSanitizer + UndefinedBehaviorSanitizer, in build-asan/, without benchmarks).
set -euo pipefail
cd "$(dirname "$0")/.."

flavour=${1:-normal}
case "$flavour" in
  normal) dir=build; flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo) ;;
  asan) dir=build-asan; flags=(-DCMAKE_BUILD_TYPE=Debug -DPOLYCOPY_SANITIZE=ON -DPOLYCOPY_BUILD_BENCH=OFF) ;;
  *) echo "build.sh: unknown flavour '$flavour' (normal|asan)" >&2; exit 2 ;;
esac

# ccache: relative paths and no cwd in the hash, so a fresh clone elsewhere hits the cache.
export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/ccache}
export CCACHE_BASEDIR=$PWD CCACHE_NOHASHDIR=true
cmake -S . -B "$dir" -G Ninja "${flags[@]}" >/dev/null
ninja -C "$dir" -j "${POLYCOPY_BUILD_JOBS:-2}"
