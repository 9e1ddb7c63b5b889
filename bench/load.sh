#!/usr/bin/env bash
# Load test on loopback: a release build of dxtrack with the demo data, wrk with 64
# connections for 60 s against the home page (as a signed-in leader, so every
# request reads values) and against one API endpoint. Prints requests served,
# errors, latency and the server's memory (RSS) before and after each run. Several
# rounds show whether memory keeps growing (a leak) or levels off after warm-up.
#
#   bench/load.sh [seconds] [connections] [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_RUN="${1:-60}"
CONNECTIONS="${2:-64}"
ROUNDS="${3:-2}"
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
. bench/demo-server.sh
start_demo_server 18080

rss() { awk '/VmRSS/ {print $2 " kB"}' "/proc/$SERVER/status"; }
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; dxtrack release build; SQLite demo data ($("$BIN" --version))"
echo "RSS before: $(rss)"
for round in $(seq "$ROUNDS"); do
    for target in "/" "/api/data-values?unit=20-SNV&indicator=cqs_ho_so_cong_viec_truc_tuyen"; do
        echo "== round $round: wrk -t2 -c$CONNECTIONS -d${SECONDS_RUN}s $target"
        wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_RUN}s" --latency -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT$target" \
            | grep -E "Requests/sec|requests in|Non-2xx|Socket errors|50%|99%"
        echo "RSS after: $(rss)"
    done
    [ "$round" = 1 ] && FIRST=$(awk '/VmRSS/ {print $2}' "/proc/$SERVER/status")
done
LAST=$(awk '/VmRSS/ {print $2}' "/proc/$SERVER/status")
echo "RSS growth from the end of round 1 to the end of round $ROUNDS: $(( (LAST - FIRST) )) kB"
