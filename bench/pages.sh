#!/usr/bin/env bash
# Server time per web page with the demo data: a release build of dxtrack, a signed-in
# leader of the province, each main page asked N times in a row on loopback; prints the
# median and the slowest time per page (curl's total time, which on loopback is the
# server's time). The goal of the web-app issue is under 50 ms a page.
#
#   bench/pages.sh [requests per page]
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-10}"
. bench/demo-server.sh
start_demo_server 18081

echo "machine: $(nproc) cores; dxtrack release build; SQLite demo data; $N requests per page"
printf "%-70s %10s %10s %8s\n" page median_ms max_ms kB
for page in "/" "/dashboard" "/units/20" "/units/20-SNV" "/indicators/cqs_ho_so_cong_viec_truc_tuyen?unit=20" \
            "/plans" "/plans/LS-135-2020" "/rankings" "/rankings/index" "/emulation/LS-TD-CDS-2022" \
            "/open-data" "/open-data/cqs_ho_so_cong_viec_truc_tuyen" "/reports"; do
    times=$(for _ in $(seq "$N"); do
        curl -s -o /dev/null -w "%{time_total} %{size_download}\n" -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT$page"
    done)
    # Sorted by time first: mawk (Debian's awk) has no asort.
    echo "$times" | sort -n | awk -v page="$page" '{ t[NR] = $1 * 1000; kb = $2 / 1024 } END {
        printf "%-70s %10.1f %10.1f %8.0f\n", page, t[int((NR + 1) / 2)], t[NR], kb }'
done
