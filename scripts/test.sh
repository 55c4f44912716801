#!/usr/bin/env bash
# `npm test`: lint, type-check, then every jest project against real servers started here:
# a throw-away PostgreSQL cluster, a Temporal dev server (in memory, headless), and the Java
# time-skipping test server that @temporalio/testing starts per workflow test file.
# Extra arguments go to jest (e.g. `npm test -- test/integration/health.test.ts`).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$WEIBAO_ROOT"
[ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ] || { log "installing npm dependencies"; npm ci --no-audit --no-fund; }
eval "$(bash scripts/toolchain.sh --env)"

if [ -z "${WEIBAO_SKIP_LINT:-}" ]; then
  log "lint and type-check"
  npx eslint . --max-warnings 0
  npx tsc -p tsconfig.json --noEmit
fi

tmp=$(mktemp -d /tmp/weibao-test.XXXXXX); chmod 755 "$tmp"
pg_port=$(free_port); t_port=$(free_port)
cleanup() {
  [ -n "${t_pid:-}" ] && kill "$t_pid" 2>/dev/null && wait "$t_pid" 2>/dev/null
  bash scripts/pg.sh stop "$tmp/pg"; rm -rf "$tmp"
}
trap cleanup EXIT

log "starting PostgreSQL (port $pg_port) and Temporal dev server (port $t_port)"
WEIBAO_PG_URL=$(PG_FSYNC=off bash scripts/pg.sh start "$tmp/pg" "$pg_port")
# Tests migrate as the owner role and run the API and workers as the application role (issue 12).
WEIBAO_TEST_PG_OWNER_URL=$(bash scripts/pg.sh url "$tmp/pg" "$pg_port" weibao_owner postgres)
WEIBAO_TEST_PG_APP_URL=$(bash scripts/pg.sh url "$tmp/pg" "$pg_port" weibao_app postgres)
export WEIBAO_TEST_PG_OWNER_URL WEIBAO_TEST_PG_APP_URL
mapfile -t sa < <(search_attribute_flags)
"$TEMPORAL_BIN" server start-dev --headless --ip 127.0.0.1 --port "$t_port" --log-level error "${sa[@]}" \
  >"$tmp/temporal.log" 2>&1 &
t_pid=$!
wait_port 127.0.0.1 "$t_port" 60 || { cat "$tmp/temporal.log"; die "Temporal dev server did not start"; }

export WEIBAO_TEST_PG_URL="$WEIBAO_PG_URL" WEIBAO_TEST_TEMPORAL_ADDRESS="127.0.0.1:$t_port" WEIBAO_TEST_SERVER
export LOG_LEVEL="${LOG_LEVEL:-silent}"
log "jest"
rc=0
npx jest --runInBand --json --outputFile="$tmp/jest.json" "$@" || rc=$?
# One plain closing line that any CI reader understands.
[ -f "$tmp/jest.json" ] && node -e "const r=require('$tmp/jest.json'); console.log('tests: ' + r.numPassedTests + ' passed, ' + r.numFailedTests + ' failed, ' + (r.numPendingTests + r.numTodoTests) + ' skipped')"
exit "$rc"
