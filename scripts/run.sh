#!/usr/bin/env bash
# `npm start`: the whole platform on local defaults, on a fresh machine.
#   - Temporal dev server with its Web UI (SQLite file under .data/, so cases survive a restart;
#     the project's search attributes registered);
#   - PostgreSQL: DATABASE_URL if set, else a private cluster under .data/pg (port 54329);
#   - migrations, a local admin API key on first start (printed, kept in .data/admin-key);
#   - the worker and the HTTP API. Ctrl-C stops everything.
# Ports: WEIBAO_TEMPORAL_PORT (7233), WEIBAO_UI_PORT (8233), PORT (3000), WEIBAO_PG_PORT (54329).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$WEIBAO_ROOT"
DATA="${WEIBAO_DATA:-$WEIBAO_ROOT/.data}"
T_PORT="${WEIBAO_TEMPORAL_PORT:-7233}"; UI_PORT="${WEIBAO_UI_PORT:-8233}"; PG_PORT="${WEIBAO_PG_PORT:-54329}"
export PORT="${PORT:-3000}" HOST="${HOST:-127.0.0.1}"
mkdir -p "$DATA"; chmod 755 "$DATA"

[ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ] || { log "installing npm dependencies"; npm ci --no-audit --no-fund; }
TEMPORAL_BIN=$(bash scripts/toolchain.sh temporal)

# A port already taken (an earlier run still up?) would make one component fail half-way.
for p in "$T_PORT" "$UI_PORT" "$PORT"; do
  ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || die "port $p is already in use (is weibao already running?); set WEIBAO_TEMPORAL_PORT, WEIBAO_UI_PORT or PORT"
done

pids=()
own_pg=""
cleanup() {
  trap - INT TERM EXIT
  log "stopping..."
  for ((i=${#pids[@]}-1; i>=0; i--)); do kill -TERM "${pids[$i]}" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  [ -n "$own_pg" ] && bash scripts/pg.sh stop "$DATA/pg"
  log "stopped"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ -z "${DATABASE_URL:-}" ]; then
  bash scripts/toolchain.sh postgres
  base=$(bash scripts/pg.sh start "$DATA/pg" "$PG_PORT"); own_pg=1
  psql "$base" -tAc "SELECT 1 FROM pg_database WHERE datname='weibao'" | grep -q 1 || psql "$base" -qc "CREATE DATABASE weibao"
  export DATABASE_URL="${base%/postgres}/weibao"
fi
log "database: ${DATABASE_URL%%@*}@…"

mapfile -t sa < <(search_attribute_flags)
log "starting Temporal dev server (gRPC $T_PORT, Web UI $UI_PORT)"
"$TEMPORAL_BIN" server start-dev --ip 127.0.0.1 --port "$T_PORT" --ui-port "$UI_PORT" \
  --db-filename "$DATA/temporal.db" --log-level warn "${sa[@]}" >"$DATA/temporal.log" 2>&1 &
pids+=($!)
wait_port 127.0.0.1 "$T_PORT" 60 || { tail -20 "$DATA/temporal.log"; die "Temporal dev server did not start (log: $DATA/temporal.log)"; }
export TEMPORAL_ADDRESS="127.0.0.1:$T_PORT" TEMPORAL_UI_URL="http://127.0.0.1:$UI_PORT"

npx tsx src/db/migrate-cli.ts
if [ ! -s "$DATA/admin-key" ]; then
  (umask 077; npx tsx scripts/create-key.ts --name local-admin --role admin > "$DATA/admin-key")
  log "created a local admin API key (kept in $DATA/admin-key)"
fi

node --import tsx src/worker.ts &
pids+=($!)
node --import tsx src/api/server.ts &
pids+=($!)
wait_port 127.0.0.1 "$PORT" 60 || die "the API did not start"

cat >&2 <<MSG

  weibao is up
    API          http://$HOST:$PORT        (health: /health, OpenAPI: /openapi.json)
    Temporal UI  http://127.0.0.1:$UI_PORT
    Temporal     127.0.0.1:$T_PORT
    admin key    $(cat "$DATA/admin-key")
                 curl -H "Authorization: Bearer \$(cat $DATA/admin-key)" http://$HOST:$PORT/me
  Ctrl-C stops everything.

MSG
# Exit (and clean up) as soon as any part dies, or on Ctrl-C.
wait -n "${pids[@]}" || true
log "a component exited; shutting down"
