#!/usr/bin/env bash
# Fuzzes dxtrack's parsers with libFuzzer and prints, per parser, the executions
# run and whether anything crashed, hung or leaked.
#
#   fuzz/run.sh [seconds per parser] [parser ...]     (default 60 s; all parsers)
#
# Parsers: period number csv xml xlsx json adx yaml multipart form evidence dhis2. A crash leaves its input in
# fuzz/findings/; re-run it with `DXFUZZ_TARGET=csv fuzz/.build/debug/dxfuzz FILE`.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-60}"; shift || true
targets=("${@:-period number csv xml xlsx json adx yaml multipart form evidence dhis2}")
# shellcheck disable=SC2206
targets=(${targets[@]})

ln -sfn .. dxtrack
echo "== building with -sanitize=fuzzer,address (every module instrumented)"
swift build --product dxfuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library >build.log 2>&1 || { tail -40 build.log; exit 1; }
bin=.build/debug/dxfuzz
mkdir -p findings

# Seeds: real examples of each kind of input.
seed() {
    local dir="corpus/$1"; mkdir -p "$dir"
    case "$1" in
        period) printf '%s' 2025 >"$dir/a"; printf '%s' 2025Q3 >"$dir/b"; printf '%s' 2025W05 >"$dir/c"; printf '%s' 20250315 >"$dir/d"; printf '%s' 2025S1 >"$dir/e" ;;
        number) printf '%s' '1.234,5' >"$dir/a"; printf '%s' '37,8%' >"$dir/b"; printf '%s' '-0.05' >"$dir/c" ;;
        csv) printf 'unit,indicator,period,value,numerator,denominator,comment\n20-STTTT,cks,2025Q1,"7.776",,,\n178,cqs,2025Q2,,"37,8",100,"a ""b"""\n' >"$dir/a" ;;
        xml) printf '<?xml version="1.0"?><sst><si><t>Tỷ lệ &amp; &#x41;</t></si><si><r><t>a</t></r></si></sst>' >"$dir/a" ;;
        xlsx) python3 - "$dir/a.xlsx" <<'PY' || true
import sys
try:
    import openpyxl
except ImportError:
    sys.exit(0)
wb = openpyxl.Workbook(); ws = wb.active
ws.append(["unit", "indicator", "period", "value"]); ws.append(["20", "cks", "2025Q1", 37.8])
wb.save(sys.argv[1])
PY
        ;;
        json) printf '[{"unit":"20","indicator":"x","period":"2025Q1","value":1}]' >"$dir/a"
              printf '{"code":"T","planCode":"P","indicatorCode":"i","shape":"atLeast","value":80,"horizon":"2025"}' >"$dir/b" ;;
        adx) printf '<adx xmlns="urn:ihe:qrph:adx:2015"><group orgUnit="20" period="2026-07-01/P3M"><dataValue dataElement="a" FRACTION="NUMERATOR" value="3"><annotation>x</annotation></dataValue></group></adx>' >"$dir/a" ;;
        yaml) cp ../Sources/DXCatalog/StarterCatalog/forms/bao-cao-quy.yaml "$dir/a.yaml" ;;
        multipart) printf -- '--B\r\nContent-Disposition: form-data; name="csrf"\r\n\r\nabc\r\n--B\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\nunit,indicator\r\n--B--\r\n' >"$dir/a"
                   printf -- '--B\r\n\r\n\r\n--B--\r\n' >"$dir/b" ;;
        form) printf '%s' 'username=an&password=x+y%C3%A0&csrf=1&next=%2Freports' >"$dir/a"
              printf '%s' 'action=submit&csrf=1&version=3&v.cks=7.776&n.cqs=37%2C8&d.cqs=100&reason=' >"$dir/b"
              printf '%s' 'code=TD&nameVi=Thi+%C4%91ua&points=8%2C5&clusters=K%3A+20-STTTT' >"$dir/c" ;;
        dhis2) printf '%s' 'fields=id,code,parent[id,name],children[id,children[id]],!code&filter=code:eq:20&filter=level:in:[1,2]&order=name:idesc&page=2&pageSize=5' >"$dir/a"
               printf '%s' '{"completeDataSetRegistrations":[{"dataSet":"F","period":"2025Q1","organisationUnit":"20","completed":true}]}' >"$dir/b" ;;
        evidence) printf '%%PDF-1.4 quyet dinh\n' >"$dir/a"; printf '\x89PNG\r\n\x1a\n' >"$dir/b" ;;
    esac
}

printf '%-8s %12s %10s %s\n' parser executions exec/s result
status=0
for t in "${targets[@]}"; do
    seed "$t"
    log="findings/$t.log"
    set +e
    # Swift's own crash handler trips AddressSanitizer; libFuzzer reports the trap itself.
    SWIFT_BACKTRACE=enable=no LSAN_OPTIONS="suppressions=$PWD/lsan.supp" DXFUZZ_TARGET="$t" "$bin" "corpus/$t" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 \
        -artifact_prefix="findings/$t-" -print_final_stats=1 >"$log" 2>&1
    rc=$?
    set -e
    runs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}')
    speed=$(grep -E '^stat::average_exec_per_sec' "$log" | awk '{print $2}')
    if [ $rc -eq 0 ]; then result="no crash, hang or leak"; else result="FOUND (exit $rc), see $log"; status=1; fi
    printf '%-8s %12s %10s %s\n' "$t" "${runs:-?}" "${speed:-?}" "$result"
done
exit $status
