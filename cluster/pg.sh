#!/bin/sh
# A PostgreSQL server for the shared store backend, from Debian's postgresql-15, on 127.0.0.1 only.
#   cluster/pg.sh up | down | status | url
# The data folder is $PG_DIR (default /tmp/growth-monitor-pg), the port $PG_PORT (default 54329). PostgreSQL refuses
# to run as root: as root the cluster belongs to the `postgres` system user; as anyone else, to that user.
# Authentication is "trust" on 127.0.0.1 and the folder's unix socket only: a test and development server, never
# one for production (see BENCHMARKS.md, "Store backends").
set -eu
PG_DIR=${PG_DIR:-/tmp/growth-monitor-pg}
PG_PORT=${PG_PORT:-54329}
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
if [ "$(id -u)" = 0 ]; then AS="runuser -u postgres --"; else AS=""; fi

url() { echo "postgresql://postgres@127.0.0.1:$PG_PORT/monitor"; }

up() {
    if [ ! -x "$PG_BIN/initdb" ]; then
        echo "PostgreSQL is not installed (make pg-up installs Debian's postgresql)" >&2; exit 1
    fi
    if [ ! -f "$PG_DIR/data/PG_VERSION" ]; then
        mkdir -p "$PG_DIR"
        [ -n "$AS" ] && chown postgres: "$PG_DIR"
        $AS "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if $AS "$PG_BIN/pg_ctl" -D "$PG_DIR/data" status >/dev/null 2>&1; then
        echo "PostgreSQL already runs: $(url)"
    else
        $AS "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 start \
            -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c max_connections=300 -c fsync=${PG_FSYNC:-on}" >/dev/null
        echo "PostgreSQL started: $(url)"
    fi
    if ! $AS "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -Atqc "SELECT 1 FROM pg_database WHERE datname='monitor'" postgres | grep -q 1; then
        $AS "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres monitor
    fi
}

down() {
    if [ -f "$PG_DIR/data/PG_VERSION" ] && $AS "$PG_BIN/pg_ctl" -D "$PG_DIR/data" status >/dev/null 2>&1; then
        $AS "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null
        echo "PostgreSQL stopped"
    fi
}

case "${1:-}" in
    up) up ;;
    down) down ;;
    status) $AS "$PG_BIN/pg_ctl" -D "$PG_DIR/data" status ;;
    url) url ;;
    *) echo "usage: $0 up|down|status|url" >&2; exit 2 ;;
esac
