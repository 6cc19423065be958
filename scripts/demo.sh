#!/usr/bin/env bash
# The main job: `polycopy demo` (the simulator and the engine on a seeded scenario: a user,
# an FT strategy and its live twin with risk rules, three simulated days, then the report),
# followed by Polymarket's official client trading against the simulator (derive an API key,
# read a book, post, list, cancel, take liquidity), which shows the venue speaks the protocol.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=build/polycopy
work=$(mktemp -d)
sim_pid=
cleanup() {
  if [[ -n "$sim_pid" ]] && kill -0 "$sim_pid" 2>/dev/null; then kill -TERM "$sim_pid"; wait "$sim_pid" || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "== polycopy demo --dir $work/demo"
"$bin" demo --dir "$work/demo"

echo
echo "== Polymarket's official client (@polymarket/clob-client-v2) against polycopy sim"
"$bin" sim --listen 127.0.0.1:0 --seed 7 --speed 0 >"$work/sim.out" 2>"$work/sim.log" &
sim_pid=$!
for _ in $(seq 1 100); do
  [[ -s "$work/sim.out" ]] && break
  sleep 0.1
done
if [[ ! -s "$work/sim.out" ]]; then
  echo "the simulator did not start:" >&2
  cat "$work/sim.log" >&2
  exit 1
fi
clob=$(node -e 'process.stdout.write(JSON.parse(process.argv[1]).clob)' "$(head -n 1 "$work/sim.out")")
(cd tools/crosscheck && node sim-client.mjs --host "$clob")
kill -TERM "$sim_pid"
wait "$sim_pid"
sim_pid=
