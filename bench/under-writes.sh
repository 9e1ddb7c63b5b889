#!/usr/bin/env bash
# The province dashboard under wrk while reports pour in: a quiet run, then the same run with
# a bounded loop writing RATE small reports a second (bench/writer.py, about 20 values each,
# units of the province the leader reads). Prints requests/s, p50 and p99 of both runs and
# their ratios; asserts nothing.
#
#   bench/under-writes.sh [values] [rate]      default: 1000000 values, 10 writes a second
#   BENCH_WRK_SECONDS (default 20), BENCH_CONNECTIONS (32), BENCH_BIN (a built dxtrack),
#   BENCH_TARGET (default /dashboard)
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE="${1:-1000000}"
RATE="${2:-10}"
WRK_SECONDS="${BENCH_WRK_SECONDS:-20}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
TARGET="${BENCH_TARGET:-/dashboard}"
PORT=18091
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
if [ -z "${BENCH_BIN:-}" ]; then
    swift build -c release --product dxtrack --scratch-path .build-bench >/dev/null
    BENCH_BIN=$PWD/.build-bench/release/dxtrack
fi
BIN=$BENCH_BIN
ROOT=$(mktemp -d /tmp/dxtrack-under-writes.XXXXXX)
SERVER=
cleanup() { if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null || true; fi; rm -rf "$ROOT"; }
trap cleanup EXIT

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB RAM, $(uname -sr); dxtrack $("$BIN" --version)"
"$BIN" bench --values "$SIZE" --work "$ROOT/work" --data-dir "$ROOT/db" | grep -E "^BENCH (import_values_per_s|dashboard_first_s)="
"$BIN" user add lanhdao --role leader --unit P01 --password-stdin --data-dir "$ROOT/db" <<< "mat-khau-lanh-dao" >/dev/null
"$BIN" user add dieuphoi --role coordinator --unit P01 --password-stdin --data-dir "$ROOT/db" <<< "mat-khau-dieu-phoi" >/dev/null
READ=$("$BIN" user token lanhdao --read-only --data-dir "$ROOT/db")
WRITE=$("$BIN" user token dieuphoi --data-dir "$ROOT/db")
(exec "$BIN" serve --data-dir "$ROOT/db" --port "$PORT" >"$ROOT/server.log" 2>&1) &
SERVER=$!
for _ in $(seq 600); do [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/ready")" = 200 ] && break; sleep 0.1; done
curl -s -o /dev/null -H "Authorization: Bearer $READ" "http://127.0.0.1:$PORT$TARGET"

load() {
    wrk -t2 -c"$CONNECTIONS" -d"${WRK_SECONDS}s" --latency -H "Authorization: Bearer $READ" "http://127.0.0.1:$PORT$TARGET" > "$ROOT/wrk.$1"
    grep -E "Requests/sec|Non-2xx|Socket errors|50%|99%" "$ROOT/wrk.$1" | sed "s/^/$1: /"
}
# wrk prints latencies as 9.71ms, 1.04s or 850.00us.
ms() { awk -v k="$1" '$1 == k { v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v);
                        print (u == "s" ? v * 1000 : (u == "us" ? v / 1000 : v)) }' "$2"; }
rps() { awk '/Requests\/sec/ { print $2 }' "$1"; }

echo "--- $TARGET under wrk -t2 -c$CONNECTIONS -d${WRK_SECONDS}s, no writes"
load quiet
echo "--- the same, with $RATE writes a second"
python3 bench/writer.py "$PORT" "$WRITE" "$ROOT/work" "$RATE" "$WRK_SECONDS" P01 > "$ROOT/writes" &
WRITER=$!
load writes
wait "$WRITER"
cat "$ROOT/writes"
quiet_rps=$(rps "$ROOT/wrk.quiet"); writes_rps=$(rps "$ROOT/wrk.writes")
echo "RESULT quiet_rps=$quiet_rps quiet_p50_ms=$(ms 50% "$ROOT/wrk.quiet") quiet_p99_ms=$(ms 99% "$ROOT/wrk.quiet")"
echo "RESULT writes_rps=$writes_rps writes_p50_ms=$(ms 50% "$ROOT/wrk.writes") writes_p99_ms=$(ms 99% "$ROOT/wrk.writes")"
echo "RESULT rps_under_writes_to_quiet=$(awk -v a="$writes_rps" -v b="$quiet_rps" 'BEGIN { printf "%.2f", a / b }')"
echo "server: $(awk '/VmHWM/ {print $2 " kB peak"}' "/proc/$SERVER/status"); load average $(cut -d' ' -f1-3 /proc/loadavg)"
curl -s "http://127.0.0.1:$PORT/metrics" | grep -E "^dxtrack_figures_(computed|carried|served_from_memory)" || true
