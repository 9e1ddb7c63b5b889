#!/usr/bin/env bash
# Memory under repeated bad uploads, on loopback: a release build of dxtrack with the demo
# data, and two files of the kinds that once blew a server up:
#   - a small XLSX whose every row has a cell in the last column (XFD), which once made
#     16,384 fields a row (a 247 KB file took 1.1 GB);
#   - a 20 MB CSV whose every row is bad, which once answered 171 MB of problems.
# Each is posted ROUNDS times to /api/import?dry_run=true. Printed per round: the answer's
# status and size, and the server's RSS. The last line gives the RSS at the end as a
# ratio to the RSS after the first round: about 1 is flat; a leak grows with the rounds.
#
#   bench/bad-uploads.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${1:-5}"
python3 -c "import openpyxl" 2>/dev/null || python3 -m pip install --quiet --disable-pip-version-check openpyxl
. bench/demo-server.sh
start_demo_server 18081
"$BIN" user add baocao --role reporter --unit 20-SNV --password-stdin --data-dir "$DATA" <<< "mat-khau-bao-cao" >/dev/null
WRITER=$("$BIN" user token baocao --data-dir "$DATA")

python3 - "$DATA/wide.xlsx" "$DATA/bad.csv" <<'PY'
import sys, openpyxl
wb = openpyxl.Workbook(); ws = wb.active
ws.append(["unit", "indicator", "period", "value"])
for r in range(2, 20002):
    ws.cell(row=r, column=1, value="20-SNV"); ws.cell(row=r, column=16384, value="x")
wb.save(sys.argv[1])
with open(sys.argv[2], "w") as f:
    f.write("unit,indicator,period,value\n")
    line = "20-SNV,cqs_ho_so_cong_viec_truc_tuyen,2026Q9,khong-phai-so\n"
    f.write(line * (20 * 1024 * 1024 // len(line)))
PY

rss() { awk '/VmRSS/ {print $2}' "/proc/$SERVER/status"; }
echo "machine: $(nproc) cores; dxtrack release build; files: wide.xlsx $(stat -c %s "$DATA/wide.xlsx") B, bad.csv $(stat -c %s "$DATA/bad.csv") B"
echo "RSS at start: $(rss) kB"
FIRST=""
for round in $(seq "$ROUNDS"); do
    for file in wide.xlsx bad.csv; do
        out=$(curl -s -o "$DATA/answer" -w "%{http_code} %{size_download}" -H "Authorization: Bearer $WRITER" \
              --data-binary "@$DATA/$file" "http://127.0.0.1:$PORT/api/import?dry_run=true")
        echo "round $round $file: HTTP ${out% *}, answer ${out#* } B, RSS $(rss) kB"
    done
    [ -z "$FIRST" ] && FIRST=$(rss)
done
LAST=$(rss)
echo "RSS after round $ROUNDS / after round 1: $(awk -v a="$LAST" -v b="$FIRST" 'BEGIN { printf "%.2f", a / b }') ($LAST kB / $FIRST kB)"
