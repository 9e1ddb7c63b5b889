# Sourced by scripts/test and the benchmarks: a throwaway PostgreSQL cluster on
# 127.0.0.1 with its own data directory and port, never the machine's own server.
#
#   start_postgres   installs Debian's postgresql if missing, starts the cluster,
#                    exports DXTRACK_TEST_POSTGRES_URL; fsync is off (tests)
#                    unless PG_FSYNC=on (benchmarks)
#   stop_postgres    stops it and removes its data directory

PG_PORT="${PG_PORT:-55432}"

pg_bin() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -n "$dir" ] && echo "$dir"
}

as_pg_user() {
    # initdb and postgres refuse to run as root.
    if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() {
    if [ -z "$(pg_bin)" ]; then
        echo "== installing PostgreSQL from Debian's packages"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq postgresql >/dev/null
    fi
    local bin; bin=$(pg_bin)
    # A port nothing listens on yet (a cluster left running elsewhere must not stop the tests).
    while (echo > "/dev/tcp/127.0.0.1/$PG_PORT") 2>/dev/null; do PG_PORT=$((PG_PORT + 1)); done
    PG_DIR=$(mktemp -d /tmp/dxtrack-pg.XXXXXX)
    [ "$(id -u)" = "0" ] && chown postgres "$PG_DIR"
    as_pg_user "$bin/initdb" -D "$PG_DIR/data" -U dxtrack --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    as_pg_user "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c max_connections=200 -c fsync=${PG_FSYNC:-off}" start >/dev/null
    export DXTRACK_TEST_POSTGRES_URL="postgres://dxtrack@127.0.0.1:$PG_PORT/postgres"
    echo "== PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT ($PG_DIR)"
}

stop_postgres() {
    [ -n "${PG_DIR:-}" ] || return 0
    as_pg_user "$(pg_bin)/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
}
