#!/usr/bin/env bash
# A private PostgreSQL cluster:
#   pg.sh start DIR PORT      starts it (initialising on first use) and prints the superuser's URL
#   pg.sh url DIR PORT ROLE DB  prints the URL of ROLE (weibao_owner or weibao_app) for database DB
#   pg.sh stop DIR
# Listens on 127.0.0.1 only, with password (SCRAM) authentication for every user: no local
# user is trusted. Three roles (issue 12): the superuser `weibao` (set-up only), `weibao_owner`
# (owns the schema, runs migrations) and `weibao_app` (the API and the worker: DML only, no DDL,
# no TRUNCATE, no trigger control, no UPDATE/DELETE on append-only tables; grants in
# src/db/migrations/091_app_role_grants.sql). Their passwords are random, kept in DIR.secret
# (mode 0600, beside the cluster). PostgreSQL refuses to run as root, so as root the cluster
# runs as `postgres`.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cmd=${1:-}; dir=${2:-}; port=${3:-5432}
[ -n "$dir" ] || die "usage: pg.sh start DIR PORT | url DIR PORT ROLE DB | stop DIR"
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || bin=$(dirname "$(command -v postgres 2>/dev/null || command -v pg_ctl)")
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
secret="${dir%/}.secret"
random_pw() { od -An -tx1 -N24 /dev/urandom | tr -d ' \n'; }
pw_of() { sed -n "s/^$1=//p" "$secret"; }
url_of() { echo "postgres://$1:$(pw_of "$1")@127.0.0.1:$port/$2"; }

write_secret() {
  (umask 077; printf 'weibao=%s\nweibao_owner=%s\nweibao_app=%s\n' "$(random_pw)" "$(random_pw)" "$(random_pw)" > "$secret")
}

# The owner and application roles, with the passwords of DIR.secret (idempotent).
ensure_roles() {
  psql "$(url_of weibao postgres)" -qX -v ON_ERROR_STOP=1 -v owner_pw="$(pw_of weibao_owner)" -v app_pw="$(pw_of weibao_app)" >/dev/null <<'SQL'
SELECT 'CREATE ROLE weibao_owner LOGIN' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'weibao_owner') \gexec
SELECT 'CREATE ROLE weibao_app LOGIN' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'weibao_app') \gexec
ALTER ROLE weibao_owner NOSUPERUSER NOCREATEROLE NOCREATEDB NOBYPASSRLS PASSWORD :'owner_pw';
ALTER ROLE weibao_app NOSUPERUSER NOCREATEROLE NOCREATEDB NOBYPASSRLS PASSWORD :'app_pw';
SQL
}

case "$cmd" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    legacy=""
    if [ ! -f "$dir/PG_VERSION" ]; then
      log "initialising PostgreSQL cluster in $dir"
      write_secret
      pwfile=$(mktemp); pw_of weibao > "$pwfile"; [ "$(id -u)" = 0 ] && chown postgres "$pwfile"
      as_pg "$bin/initdb" -D "$dir" -U weibao --auth=scram-sha-256 --pwfile="$pwfile" -E UTF8 --locale=C.UTF-8 >"$dir.initdb.log" 2>&1 ||
        as_pg "$bin/initdb" -D "$dir" -U weibao --auth=scram-sha-256 --pwfile="$pwfile" -E UTF8 >"$dir.initdb.log" 2>&1 || { rm -f "$pwfile"; die "initdb failed: $dir.initdb.log"; }
      rm -f "$pwfile"
    elif [ ! -s "$secret" ]; then
      legacy=1 # a cluster made before issue 12 (trust auth): give it passwords, then require them
      write_secret
    fi
    if ! as_pg "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
      as_pg "$bin/pg_ctl" -D "$dir" -w -t 60 -l "$dir/server.log" \
        -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=${PG_FSYNC:-on} -c max_connections=200" start >/dev/null ||
        die "PostgreSQL did not start: $dir/server.log"
    fi
    if [ -n "$legacy" ]; then
      log "switching $dir from trust to password authentication"
      psql "postgres://weibao@127.0.0.1:$port/postgres" -qX -v ON_ERROR_STOP=1 -v pw="$(pw_of weibao)" >/dev/null <<'SQL'
ALTER ROLE weibao PASSWORD :'pw';
SQL
      as_pg sed -i -E 's/^(local|host)(.*)\btrust$/\1\2scram-sha-256/' "$dir/pg_hba.conf"
      as_pg "$bin/pg_ctl" -D "$dir" reload >/dev/null
    fi
    ensure_roles
    url_of weibao postgres ;;
  url)
    role=${4:-}; db=${5:-}
    [ -n "$role" ] && [ -n "$db" ] || die "usage: pg.sh url DIR PORT ROLE DB"
    [ -s "$secret" ] || die "no $secret: start the cluster first"
    url_of "$role" "$db" ;;
  stop)
    as_pg "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true ;;
  *) die "usage: pg.sh start DIR PORT | url DIR PORT ROLE DB | stop DIR" ;;
esac
