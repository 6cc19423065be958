#!/usr/bin/env bash
# The main job, as far as the engine goes today: migrate a fresh database, start the venue
# simulator (simulated time frozen, moved by the demo), forward-test a strategy that follows
# the simulator's top traders for four simulated days (the engine ticking every two simulated hours),
# show its signals and performance, then trade against the simulator with Polymarket's
# official client (derive an API key, read a book, post, list, cancel, take liquidity).
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
echo "== polycopy sim --seed 7 --speed 0 (generated scenario: 20 traders, 50 markets)"
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
urls=$(head -n 1 "$work/sim.out")
echo "$urls"
clob=$(node -e 'process.stdout.write(JSON.parse(process.argv[1]).clob)' "$urls")

echo
echo "== simulator state"
curl -sS "$clob/sim/state"
echo

field() { node -e 'process.stdout.write(String(JSON.parse(process.argv[1])[process.argv[2]]))' "$1" "$2"; }
export POLYCOPY_POLYMARKET_CLOB_URL="$clob"
export POLYCOPY_POLYMARKET_DATA_URL=$(field "$urls" data)
export POLYCOPY_POLYMARKET_GAMMA_URL=$(field "$urls" gamma)
db="$work/demo.db"

echo
echo "== a user and an FT strategy following the month-PnL leaderboard's top 5"
"$bin" user create demo --db "$db" | head -n 1
"$bin" strategy create --db "$db" --user demo --json '{"name":"top5","discover_month_pnl":true,
  "discover_top_n":5,"min_trader_resolved_count":10,"price_min":"0.05","price_max":"0.95",
  "min_edge":"0","max_trade_age_seconds":7200,"sizing_mode":"edge_scaled","bet_size":"20",
  "max_bet":"40"}' >"$work/strategy.json"
strategy_id=$(node -e 'process.stdout.write(JSON.parse(require("fs").readFileSync(process.argv[1])).id)' "$work/strategy.json")
echo "strategy $strategy_id"

echo
echo "== polycopy engine run --once --clock venue, every two simulated hours for four days"
for hour in $(seq 0 2 96); do
  if ((hour > 0)); then curl -sS -X POST -d '{"seconds":7200}' "$clob/sim/clock/advance" >/dev/null; fi
  printf 'hour %2d: ' "$hour"
  "$bin" engine run --db "$db" --once --clock venue 2>/dev/null
done

echo
echo "== polycopy ft signals (the latest accepted ones)"
"$bin" ft signals "$strategy_id" --db "$db" --user demo --reason accepted --limit 3
echo
echo "== polycopy ft performance"
"$bin" ft performance "$strategy_id" --db "$db" --user demo

echo
echo "== Polymarket's official client (@polymarket/clob-client-v2) against the simulator"
(cd tools/crosscheck && node sim-client.mjs --host "$clob")

echo
echo "== stopping the simulator (SIGTERM)"
kill -TERM "$sim_pid"
wait "$sim_pid"
sim_pid=
tail -n 1 "$work/sim.log"
