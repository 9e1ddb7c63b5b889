# Sourced by the benchmark scripts: a release build of dxtrack (in its own .build-bench
# folder, so a benchmark never waits on or disturbs a development build) serving the demo
# data on loopback, with a read-only token of a leader of the province in $TOKEN.
#
#   start_demo_server PORT   sets BIN, DATA, SERVER, TOKEN; stopped and removed on exit
start_demo_server() {
    PORT="$1"
    swift build -c release --product dxtrack --scratch-path .build-bench >/dev/null
    BIN=.build-bench/release/dxtrack
    DATA=$(mktemp -d /tmp/dxtrack-bench.XXXXXX)
    trap 'kill $SERVER 2>/dev/null || true; rm -rf "$DATA"' EXIT
    "$BIN" demo --data-dir "$DATA" >/dev/null
    "$BIN" user add lanhdao --role leader --unit 20 --password-stdin --data-dir "$DATA" <<< "mat-khau-lanh-dao" >/dev/null
    TOKEN=$("$BIN" user token lanhdao --read-only --data-dir "$DATA")
    "$BIN" serve --data-dir "$DATA" --port "$PORT" >/dev/null 2>&1 &
    SERVER=$!
    for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.1; done
}
