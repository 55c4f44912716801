#!/usr/bin/env bash
# `npm start`: the whole platform on local defaults, on a fresh machine.
#   - Temporal dev server with its Web UI (SQLite file under .data/, so cases survive a restart;
#     the project's search attributes registered);
#   - PostgreSQL: DATABASE_URL if set, else a private cluster under .data/pg (port 54329);
#   - migrations as the owner role, a local admin API key on first start (printed that once,
#     kept in .data/admin-key); worker and API as the application role (scripts/pg.sh);
#   - the worker and the HTTP API. Ctrl-C stops everything.
# Each component is supervised: one that dies (a crash, a kill -9) is restarted with backoff
# (1 s doubling to 30 s, reset after a minute up), logged, while the others keep running.
# Logs: $DATA/{temporal,worker,api}.log and $DATA/pg/server.log; supervision lines on stderr.
# Ports: WEIBAO_TEMPORAL_PORT (7233), WEIBAO_UI_PORT (8233), PORT (3000), WEIBAO_PG_PORT (54329).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$WEIBAO_ROOT"
DATA="${WEIBAO_DATA:-$WEIBAO_ROOT/.data}"
T_PORT="${WEIBAO_TEMPORAL_PORT:-7233}"; UI_PORT="${WEIBAO_UI_PORT:-8233}"; PG_PORT="${WEIBAO_PG_PORT:-54329}"
export PORT="${PORT:-3000}" HOST="${HOST:-127.0.0.1}"
mkdir -p "$DATA"; chmod 755 "$DATA"

ensure_node_modules
TEMPORAL_BIN=$(bash scripts/toolchain.sh temporal)

# A port already taken (an earlier run still up?) would make one component fail half-way.
for p in "$T_PORT" "$UI_PORT" "$PORT"; do
  ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || die "port $p is already in use (is weibao already running?); set WEIBAO_TEMPORAL_PORT, WEIBAO_UI_PORT or PORT"
done

pids=()
own_pg=""
stopping=""
cleanup() {
  trap - INT TERM EXIT
  stopping=1
  log "stopping..."
  for ((i=${#pids[@]}-1; i>=0; i--)); do kill -TERM "${pids[$i]}" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  [ -n "$own_pg" ] && bash scripts/pg.sh stop "$DATA/pg"
  log "stopped"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# supervise NAME LOGFILE CMD...: runs CMD, and runs it again when it exits, after a backoff
# that doubles from 1 s to 30 s and is reset once it has stayed up for 60 s. TERM stops CMD
# and the supervisor.
supervise() {
  local name=$1 logfile=$2; shift 2
  (
    child=""
    trap '[ -n "$child" ] && kill -TERM "$child" 2>/dev/null; wait "$child" 2>/dev/null; exit 0' TERM INT
    delay=1
    while :; do
      started=$SECONDS
      "$@" >>"$logfile" 2>&1 &
      child=$!
      rc=0; wait "$child" || rc=$?
      child=""
      [ $((SECONDS - started)) -ge 60 ] && delay=1
      log "$name exited (status $rc); restarting in ${delay} s (log: $logfile)"
      sleep "$delay" & wait $!
      delay=$((delay * 2 > 30 ? 30 : delay * 2))
    done
  ) &
  pids+=($!)
}

migrate_url="${DATABASE_OWNER_URL:-${DATABASE_URL:-}}"
if [ -z "${DATABASE_URL:-}" ]; then
  bash scripts/toolchain.sh postgres
  base=$(bash scripts/pg.sh start "$DATA/pg" "$PG_PORT"); own_pg=1
  # The database belongs to the owner role (migrations); the worker and the API connect as the
  # application role (DML only, issue 12). A database made before that is handed over once.
  psql "$base" -qX -v ON_ERROR_STOP=1 >/dev/null <<'SQL'
SELECT 'CREATE DATABASE weibao OWNER weibao_owner' WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'weibao') \gexec
ALTER DATABASE weibao OWNER TO weibao_owner;
SQL
  psql "${base%/postgres}/weibao" -qX -v ON_ERROR_STOP=1 >/dev/null <<'SQL'
SELECT format('ALTER %s %s OWNER TO weibao_owner', CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' ELSE 'TABLE' END, quote_ident(c.relname))
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = 'public' AND c.relkind IN ('r', 'S', 'v') AND pg_get_userbyid(c.relowner) = 'weibao'
   AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i'))) \gexec
SELECT format('ALTER FUNCTION %s OWNER TO weibao_owner', p.oid::regprocedure) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
 WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) = 'weibao' \gexec
SQL
  migrate_url=$(bash scripts/pg.sh url "$DATA/pg" "$PG_PORT" weibao_owner weibao)
  export DATABASE_URL=$(bash scripts/pg.sh url "$DATA/pg" "$PG_PORT" weibao_app weibao)
fi
log "database: $(sed -E 's#//([^:/@]+):[^@]*@#//\1@#; s#@.*#@…#' <<<"$DATABASE_URL")"  # never the password

# Temporal payloads are encrypted (AES-256-GCM, src/security/payload-codec.ts) with a key made
# once and kept in $DATA/payload-keys (0600); the Web UI decodes through the API's codec endpoint.
if [ -z "${TEMPORAL_PAYLOAD_KEYS:-}" ]; then
  [ -s "$DATA/payload-keys" ] || (umask 077; printf 'k%s:%s\n' "$(date +%Y%m%d)" "$(head -c 32 /dev/urandom | base64 -w0)" > "$DATA/payload-keys")
  export TEMPORAL_PAYLOAD_KEYS=$(cat "$DATA/payload-keys")
fi
# The API signs every actor it sends to Temporal and the worker checks it (issue 12,
# src/security/actor-signing.ts): one key made once, kept in $DATA/actor-keys (0600).
if [ -z "${TEMPORAL_ACTOR_KEYS:-}" ]; then
  [ -s "$DATA/actor-keys" ] || (umask 077; printf 'a%s:%s\n' "$(date +%Y%m%d)" "$(head -c 32 /dev/urandom | base64 -w0)" > "$DATA/actor-keys")
  export TEMPORAL_ACTOR_KEYS=$(cat "$DATA/actor-keys")
fi
mapfile -t sa < <(search_attribute_flags)
# Temporal's SQLite file holds the cases (encrypted payloads, issue 12): readable by this user only.
umask 077
[ -f "$DATA/temporal.db" ] && chmod 600 "$DATA/temporal.db"
log "starting Temporal dev server (gRPC $T_PORT, Web UI $UI_PORT)"
supervise "Temporal dev server" "$DATA/temporal.log" "$TEMPORAL_BIN" server start-dev --ip 127.0.0.1 --port "$T_PORT" --ui-port "$UI_PORT" \
  --db-filename "$DATA/temporal.db" --log-level warn --ui-codec-endpoint "http://$HOST:$PORT/codec" "${sa[@]}"
wait_port 127.0.0.1 "$T_PORT" 60 || { tail -20 "$DATA/temporal.log"; die "Temporal dev server did not start (log: $DATA/temporal.log)"; }
export TEMPORAL_ADDRESS="127.0.0.1:$T_PORT" TEMPORAL_UI_URL="http://127.0.0.1:$UI_PORT"

DATABASE_URL="$migrate_url" npx tsx src/db/migrate-cli.ts
# The admin key is shown once, when it is made; later starts name only its file (clause 7).
new_key=""
if [ ! -s "$DATA/admin-key" ]; then
  (umask 077; npx tsx scripts/create-key.ts --name local-admin --role admin > "$DATA/admin-key")
  new_key=$(cat "$DATA/admin-key")
  log "created a local admin API key (kept in $DATA/admin-key)"
fi

supervise worker "$DATA/worker.log" node --import tsx src/worker.ts
# Audit rows of requests refused while PostgreSQL is down wait here until it is back (clause 7).
export AUDIT_SPOOL_DIR="${AUDIT_SPOOL_DIR:-$DATA/audit-spool}"
supervise API "$DATA/api.log" node --import tsx src/api/server.ts
wait_port 127.0.0.1 "$PORT" 60 || { tail -20 "$DATA/api.log"; die "the API did not start (log: $DATA/api.log)"; }

cat >&2 <<MSG

  weibao is up
    API          http://$HOST:$PORT        (health: /health, OpenAPI: /openapi.json)
    Temporal UI  http://127.0.0.1:$UI_PORT
    Temporal     127.0.0.1:$T_PORT
    logs         $DATA/{api,worker,temporal}.log, $DATA/pg/server.log (a component that dies is restarted)
    admin key    ${new_key:+$new_key  (shown once; }kept in $DATA/admin-key${new_key:+)}
                 curl -H "Authorization: Bearer \$(cat $DATA/admin-key)" http://$HOST:$PORT/me
  Ctrl-C stops everything.

MSG
# PostgreSQL runs as a daemon (pg_ctl): watched here, started again when it is gone.
pg_delay=1
while :; do
  sleep 2 & wait $!
  if [ -n "$own_pg" ] && ! (exec 3<>"/dev/tcp/127.0.0.1/$PG_PORT") 2>/dev/null; then
    log "PostgreSQL is down; starting it again in ${pg_delay} s (log: $DATA/pg/server.log)"
    sleep "$pg_delay" & wait $!
    if bash scripts/pg.sh start "$DATA/pg" "$PG_PORT" >/dev/null; then pg_delay=1; else pg_delay=$((pg_delay * 2 > 30 ? 30 : pg_delay * 2)); fi
  fi
done
