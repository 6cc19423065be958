#!/usr/bin/env bash
# The main job. Until the simulator-backed demo exists: show the commands and migrate a
# fresh database.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=build/polycopy
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$bin" --help
echo
echo "== polycopy migrate on a fresh database ($work/demo.db)"
"$bin" migrate --db "$work/demo.db"
