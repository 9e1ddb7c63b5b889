#!/usr/bin/env bash
# Property-based API testing: schemathesis (PyPI) generates requests from /openapi.json
# and checks that dxtrack never answers with a server error, as a coordinator.
#   bench/schemathesis.sh [max-examples]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v schemathesis >/dev/null || pip install -q schemathesis
swift build --product dxtrack >/dev/null
BIN=.build/debug/dxtrack
DATA=$(mktemp -d /tmp/dxtrack-st.XXXXXX)
PORT=18081
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$DATA"' EXIT
"$BIN" demo --data-dir "$DATA" >/dev/null
"$BIN" user add dieuphoi --role coordinator --unit 20 --password-stdin --data-dir "$DATA" <<< "mat-khau-dieu-phoi" >/dev/null
TOKEN=$("$BIN" user token dieuphoi --data-dir "$DATA")
"$BIN" serve --data-dir "$DATA" --port "$PORT" >/dev/null 2>&1 &
SERVER=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.1; done
schemathesis run "http://127.0.0.1:$PORT/openapi.json" --url "http://127.0.0.1:$PORT" \
    -H "Authorization: Bearer $TOKEN" --checks not_a_server_error --max-examples "${1:-50}" --workers 2
