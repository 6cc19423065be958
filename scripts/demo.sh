#!/usr/bin/env bash
# The main job, as far as the engine goes today: migrate a fresh database, start the venue
# simulator, and trade against it with Polymarket's official client (derive an API key,
# read a book, post, list, cancel, take liquidity, read the trade). The copy-trading engine
# joins here as it lands.
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

echo "== polycopy migrate on a fresh database ($work/demo.db)"
"$bin" migrate --db "$work/demo.db"

echo
echo "== polycopy sim --seed 7 (generated scenario: 20 traders, 50 markets)"
"$bin" sim --listen 127.0.0.1:0 --seed 7 >"$work/sim.out" 2>"$work/sim.log" &
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
urls=$(head -n 1 "$work/sim.out")
echo "$urls"
clob=$(node -e 'process.stdout.write(JSON.parse(process.argv[1]).clob)' "$urls")

echo
echo "== simulator state"
curl -sS "$clob/sim/state"
echo

echo
echo "== Polymarket's official client (@polymarket/clob-client-v2) against the simulator"
(cd tools/crosscheck && node sim-client.mjs --host "$clob")

echo
echo "== stopping the simulator (SIGTERM)"
kill -TERM "$sim_pid"
wait "$sim_pid"
sim_pid=
tail -n 1 "$work/sim.log"
