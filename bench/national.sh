#!/usr/bin/env bash
# The performance benchmark at national scale: for each size, `dxtrack bench` (release build)
# generates the data set, imports it through the CSV path on SQLite and on PostgreSQL and times
# the rollup, a province's progress, a national ranking and the dashboard; bench/peers.py does
# the same rollup in SQLite and DuckDB; bench/sqlite_ceiling.c inserts the same rows through
# SQLite's C interface (the ceiling of any import through SQLite); on PostgreSQL the peer is its
# own COPY of the same rows; wrk loads the province dashboard and one API endpoint on loopback,
# after timing how soon a started server is ready and serves its first figure. Prints every
# figure and the ratios to the peers. Asserts nothing.
#
#   bench/national.sh [sizes…]          default: 10000 100000 1000000
#   BENCH_POSTGRES=0 skips PostgreSQL; BENCH_WRK_SECONDS (default 20), BENCH_CONNECTIONS (32)
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("${@:-10000 100000 1000000}")
read -r -a SIZES <<< "${SIZES[*]}"
WRK_SECONDS="${BENCH_WRK_SECONDS:-20}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
python3 -c "import duckdb" 2>/dev/null || pip install -q duckdb 2>/dev/null || pip install -q --break-system-packages duckdb
swift build -c release --product dxtrack --scratch-path .build-bench >/dev/null
BIN=$PWD/.build-bench/release/dxtrack
SQLITE_C=.build-bench/checkouts/sqlite-nio/Sources/VaporCSQLite
ROOT=$(mktemp -d /tmp/dxtrack-national.XXXXXX)
SERVER=
cleanup() { [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; [ "${BENCH_POSTGRES:-1}" = 1 ] && stop_postgres >/dev/null 2>&1; rm -rf "$ROOT"; }
trap cleanup EXIT
if [ "${BENCH_POSTGRES:-1}" = 1 ]; then . scripts/postgres.sh; PG_FSYNC=on start_postgres; fi
cc -O2 -o "$ROOT/sqlite_ceiling" bench/sqlite_ceiling.c -I "$SQLITE_C/include" "$SQLITE_C/sqlite_nio_sqlite3.c" -lm

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB RAM, $(uname -sr); dxtrack $("$BIN" --version) release build"
figure() { grep -h "^$1 $2=" "${@:3}" | tail -1 | cut -d= -f2; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0 && a != "") printf "%.2f", a / b; else printf "-" }'; }

for size in "${SIZES[@]}"; do
    W="$ROOT/$size"
    echo
    echo "===== $size values"
    echo "--- SQLite (dxtrack bench --values $size)"
    "$BIN" bench --values "$size" --work "$W" --data-dir "$W/sqlite" | tee "$W.sqlite.txt" | grep -v "^BENCH"
    "$ROOT/sqlite_ceiling" "$W/sqlite/dxtrack.sqlite" "$W"/values-*.csv | tee "$W.ceiling.txt"
    echo "dxtrack import / C ceiling (SQLite, same rows): $(ratio "$(figure BENCH import_values_per_s "$W.sqlite.txt")" "$(figure CEILING values_per_s "$W.ceiling.txt")")×"
    if [ "${BENCH_POSTGRES:-1}" = 1 ]; then
        db="bench_$size"
        psql_url="${DXTRACK_TEST_POSTGRES_URL%/*}"
        "$(pg_bin)/psql" -q "$DXTRACK_TEST_POSTGRES_URL" -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
        echo "--- PostgreSQL (fsync on)"
        "$BIN" bench --values "$size" --work "$W-pg" --database "$psql_url/$db" | tee "$W.pg.txt" | grep -v "^BENCH"
        echo "dxtrack import / PostgreSQL COPY (same rows): $(figure BENCH import_to_copy "$W.pg.txt")×"
        rm -rf "$W-pg"
    fi
    echo "--- peers on the same data (median of 3)"
    python3 bench/peers.py "$W" "$W/sqlite/dxtrack.sqlite" 2025Q4 | tee "$W.peers.txt"
    rollup=$(figure BENCH rollup_s "$W.sqlite.txt")
    echo "dxtrack rollup / SQLite GROUP BY: $(ratio "$rollup" "$(figure PEER sqlite_rollup_s "$W.peers.txt")")×;" \
         "dxtrack rollup / DuckDB GROUP BY: $(ratio "$rollup" "$(figure PEER duckdb_rollup_s "$W.peers.txt")")×" \
         "(below 1: dxtrack faster)"

    echo "--- server under wrk -t2 -c$CONNECTIONS -d${WRK_SECONDS}s (SQLite)"
    "$BIN" user add lanhdao --role leader --unit P01 --password-stdin --data-dir "$W/sqlite" <<< "mat-khau-lanh-dao" >/dev/null
    TOKEN=$("$BIN" user token lanhdao --read-only --data-dir "$W/sqlite")
    # Twice: the first start reads every row (and leaves the values snapshot), the second is a
    # restart, which reads the snapshot.
    for start in first restart; do
        [ "$start" = restart ] && { kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; }
        started=$(date +%s.%N)
        (exec "$BIN" serve --data-dir "$W/sqlite" --port 18090 >/dev/null 2>&1) &
        SERVER=$!
        for _ in $(seq 3000); do curl -sf http://127.0.0.1:18090/health >/dev/null && break; sleep 0.01; done
        alive=$(date +%s.%N)
        for _ in $(seq 6000); do [ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:18090/ready)" = 200 ] && break; sleep 0.01; done
        ready=$(date +%s.%N)
        curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:18090/api/aggregate?indicator=xa_21&unit=P01&period=2025Q4"
        served=$(date +%s.%N)
        echo "$start start: /health after $(awk -v a="$alive" -v b="$started" 'BEGIN { printf "%.2f", a - b }') s," \
             "/ready 200 after $(awk -v a="$ready" -v b="$started" 'BEGIN { printf "%.2f", a - b }') s," \
             "first figure after $(awk -v a="$served" -v b="$started" 'BEGIN { printf "%.2f", a - b }') s (goal ≤ 2 s)"
    done
    for target in "/dashboard" "/api/aggregate?indicator=xa_21&unit=P01&period=2025Q4"; do
        first=$(curl -s -o /dev/null -w "%{time_total}" -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:18090$target")
        echo "$target: first request ${first}s (computed), then:"
        wrk -t2 -c"$CONNECTIONS" -d"${WRK_SECONDS}s" --latency -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:18090$target" \
            | grep -E "Requests/sec|Non-2xx|Socket errors|50%|99%"
    done
    echo "server RSS: $(awk '/VmRSS/ {print $2 " kB now"}' "/proc/$SERVER/status"), $(awk '/VmHWM/ {print $2 " kB peak"}' "/proc/$SERVER/status") (goal ≤ 600 MB at 10M);" \
         "load average $(cut -d' ' -f1-3 /proc/loadavg)"
    kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=
    rm -rf "$W"
done
