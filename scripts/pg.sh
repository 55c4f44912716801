#!/usr/bin/env bash
# Starts or stops a private PostgreSQL cluster: `pg.sh start DIR PORT` prints its URL,
# `pg.sh stop DIR`. Listens on 127.0.0.1 only, trust auth for the local superuser
# `weibao`. PostgreSQL refuses to run as root, so as root the cluster runs as `postgres`.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cmd=${1:-}; dir=${2:-}; port=${3:-5432}
[ -n "$dir" ] || die "usage: pg.sh start DIR PORT | stop DIR"
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || bin=$(dirname "$(command -v postgres 2>/dev/null || command -v pg_ctl)")
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "$cmd" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    if [ ! -f "$dir/PG_VERSION" ]; then
      log "initialising PostgreSQL cluster in $dir"
      as_pg "$bin/initdb" -D "$dir" -U weibao --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir.initdb.log" 2>&1 ||
        as_pg "$bin/initdb" -D "$dir" -U weibao --auth=trust -E UTF8 >"$dir.initdb.log" 2>&1 || die "initdb failed: $dir.initdb.log"
    fi
    if ! as_pg "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
      as_pg "$bin/pg_ctl" -D "$dir" -w -t 60 -l "$dir/server.log" \
        -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=${PG_FSYNC:-on} -c max_connections=200" start >/dev/null ||
        die "PostgreSQL did not start: $dir/server.log"
    fi
    echo "postgres://weibao@127.0.0.1:$port/postgres" ;;
  stop)
    as_pg "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true ;;
  *) die "usage: pg.sh start DIR PORT | stop DIR" ;;
esac
