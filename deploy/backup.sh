#!/bin/sh
# Backs up every database of a weibao host into DIR: the roles (pg_dumpall --globals-only) and one
# pg_dump (custom format) per database: weibao (the record), temporal (workflow state, timers,
# schedules) and temporal_visibility (the Web UI's lists). SHA256SUMS lets restore.sh check them.
# The dumps are consistent per database, not across them: stop the workers, the APIs and the
# Temporal server first (README, Production: "Backup"), so no case moves between two dumps.
# Usage: backup.sh DIR; environment: PGHOST, PGPORT, PGUSER (a superuser), PGPASSWORD;
# BACKUP_DATABASES (default "weibao temporal temporal_visibility").
set -eu
dir=${1:?usage: backup.sh DIR}
mkdir -p "$dir"
# Without password hashes: the passwords live in the env files and are set again on restore.
pg_dumpall --globals-only --no-role-passwords >"$dir/globals.sql"
for db in ${BACKUP_DATABASES:-weibao temporal temporal_visibility}; do
  pg_dump --format=custom --dbname="$db" --file="$dir/$db.dump"
done
(cd "$dir" && sha256sum globals.sql ./*.dump >SHA256SUMS)
echo "backup: $(ls "$dir" | tr '\n' ' ')in $dir"
