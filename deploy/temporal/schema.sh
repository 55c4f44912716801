#!/bin/sh
# Creates and migrates Temporal's two PostgreSQL databases (persistence and visibility) with
# temporal-sql-tool and the schemas embedded in it. The one schema job: docker-compose.yml runs it
# in temporalio/admin-tools, `npm run test:cluster` runs it here with the binary built from the
# same Go module. Safe to re-run: an existing database is kept, setup-schema -v 0.0 skips a
# database already past 0.0, update-schema applies only the versions not yet applied (this is
# also the upgrade step after pinning a newer server).
# Environment: TEMPORAL_DB_HOST, TEMPORAL_DB_PORT (5432), TEMPORAL_DB_USER, TEMPORAL_DB_PASSWORD,
# TEMPORAL_DB (temporal), TEMPORAL_VISIBILITY_DB (temporal_visibility), SQL_TOOL (temporal-sql-tool).
set -eu
: "${TEMPORAL_DB_HOST:?}" "${TEMPORAL_DB_USER:?}"
tool=${SQL_TOOL:-temporal-sql-tool}
# The password goes through the environment (SQL_PASSWORD), not the command line (ps shows it).
export SQL_PASSWORD="${TEMPORAL_DB_PASSWORD:-}"

sql() { # database, command and its flags
  target=$1; shift
  "$tool" --plugin postgres12_pgx --endpoint "$TEMPORAL_DB_HOST" --port "${TEMPORAL_DB_PORT:-5432}" \
    --user "$TEMPORAL_DB_USER" --database "$target" "$@"
}

setup() { # database, embedded schema name
  db=$1; name=$2
  attempt=0
  # PostgreSQL may still be starting (compose starts this job once its health check passes).
  until out=$(sql "$db" create-database 2>&1) || echo "$out" | grep -q 'already exists'; do
    attempt=$((attempt + 1))
    [ "$attempt" -lt 30 ] || { echo "$out" >&2; echo "schema: cannot create database $db" >&2; exit 1; }
    sleep 2
  done
  # The tool logs every statement; its log is shown only when it fails.
  out=$(sql "$db" setup-schema -v 0.0 2>&1) || { echo "$out" >&2; exit 1; }
  out=$(sql "$db" update-schema --schema-name "$name" 2>&1) || { echo "$out" >&2; exit 1; }
  echo "schema: $db is at the newest $name version"
}

setup "${TEMPORAL_DB:-temporal}" postgresql/v12/temporal
setup "${TEMPORAL_VISIBILITY_DB:-temporal_visibility}" postgresql/v12/visibility
