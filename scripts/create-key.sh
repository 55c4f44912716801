#!/usr/bin/env bash
# `npm run -s create-key -- --name NAME --role ROLE [--contracts C1,C2] [--json]`: creates an API
# key and prints it once on stdout (only its hash is stored). With DATABASE_URL unset it writes
# into the database of `npm start`'s own cluster, the one under WEIBAO_DATA (default .data), on
# the port that cluster is running on: never into whatever else listens on 54329.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$WEIBAO_ROOT"
if [ -z "${DATABASE_URL:-}" ]; then
  DATA="${WEIBAO_DATA:-$WEIBAO_ROOT/.data}"
  [ -s "$DATA/pg.secret" ] || die "no database of npm start under $DATA: run npm start first, or set WEIBAO_DATA or DATABASE_URL"
  # postmaster.pid's fourth line is the port the running cluster listens on.
  port=$( (cat "$DATA/pg/postmaster.pid" 2>/dev/null || runuser -u postgres -- cat "$DATA/pg/postmaster.pid" 2>/dev/null) | sed -n 4p)
  [ -n "$port" ] || die "the database under $DATA/pg is not running: start it with npm start (WEIBAO_DATA=$DATA)"
  export DATABASE_URL=$(bash scripts/pg.sh url "$DATA/pg" "$port" weibao_owner weibao)
  log "database: weibao on 127.0.0.1:$port ($DATA/pg)"
fi
# npm run create-person uses the same database lookup (WEIBAO_CLI=scripts/create-person.ts).
exec node --import tsx "${WEIBAO_CLI:-scripts/create-key.ts}" "$@"
