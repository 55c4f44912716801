#!/bin/sh
# Restores a backup made by backup.sh into a fresh PostgreSQL server: roles first (their
# passwords are then set by deploy/postgres/init-roles.sh from the env files), then each database
# with its owner. A database that exists empty (init-roles.sh made weibao on the server's first
# start) is replaced; one with tables is refused: this never overwrites data. Start the Temporal server, workers and APIs
# only after it finished: open cases resume from the restored state, due timers fire at once.
# Usage: restore.sh DIR; environment as backup.sh.
set -eu
dir=${1:?usage: restore.sh DIR}
(cd "$dir" && sha256sum --check --quiet SHA256SUMS) || { echo "restore: $dir fails its checksums" >&2; exit 1; }
q() { psql --no-psqlrc -tA -v ON_ERROR_STOP=1 "$@"; }
for f in "$dir"/*.dump; do
  db=$(basename "$f" .dump)
  [ -n "$(q -c "SELECT 1 FROM pg_database WHERE datname = '$db'" postgres)" ] || continue
  if [ "$(q -c "SELECT count(*) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')" "$db")" != 0 ]; then
    echo "restore: database $db exists and holds tables; restore into a fresh server" >&2; exit 1
  fi
done
for f in "$dir"/*.dump; do q -c "DROP DATABASE IF EXISTS \"$(basename "$f" .dump)\"" postgres >/dev/null; done
# Roles that exist already (the superuser) make CREATE ROLE fail; that is expected, the rest applies.
psql --no-psqlrc --quiet --dbname postgres -f "$dir/globals.sql" >/dev/null 2>&1 || true
for f in "$dir"/*.dump; do
  pg_restore --create --exit-on-error --dbname postgres "$f"
  echo "restore: $(basename "$f" .dump)"
done
