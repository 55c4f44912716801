#!/usr/bin/env bash
# `npm test`: lint, type-check, then every jest project against real servers started here:
# a throw-away PostgreSQL cluster, a Temporal dev server (in memory, headless), and the Java
# time-skipping test server that @temporalio/testing starts per workflow test file.
# Extra arguments go to jest (e.g. `npm test -- test/integration/health.test.ts`).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$WEIBAO_ROOT"
ensure_node_modules
eval "$(bash scripts/toolchain.sh --env)"

if [ -z "${WEIBAO_SKIP_LINT:-}" ]; then
  # The three checks side by side (nothing else runs yet; about half the time of one after the
  # other on two cores); each one's output is shown if it fails.
  log "lint, format check and type-check"
  lint_tmp=$(mktemp -d /tmp/weibao-lint.XXXXXX)
  npx eslint . --max-warnings 0 >"$lint_tmp/eslint" 2>&1 & eslint_pid=$!
  npx prettier --check . --log-level warn >"$lint_tmp/prettier" 2>&1 & prettier_pid=$!
  npx tsc -p tsconfig.json --noEmit >"$lint_tmp/tsc" 2>&1 & tsc_pid=$!
  lint_failed=()
  wait "$eslint_pid" || lint_failed+=("eslint")
  wait "$prettier_pid" || lint_failed+=("prettier (run npm run format)")
  wait "$tsc_pid" || lint_failed+=("tsc")
  cat "$lint_tmp/eslint" "$lint_tmp/prettier" "$lint_tmp/tsc" >&2; rm -rf "$lint_tmp"
  [ "${#lint_failed[@]}" -eq 0 ] || die "failed: ${lint_failed[*]}"
fi

tmp=$(mktemp -d /tmp/weibao-test.XXXXXX); chmod 755 "$tmp"
pg_port=$(free_port); t_port=$(free_port)
lane_pids=()
cleanup() {
  for pid in "${lane_pids[@]}"; do kill "$pid" 2>/dev/null; done
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
# The workflow bundle is built once per run and source version, not once per test file
# (test/helpers/bundle-cache.ts): about 3 s of CPU saved per file that starts a worker.
export WEIBAO_TEST_BUNDLE_DIR="${WEIBAO_TEST_BUNDLE_DIR-$tmp/bundles}" # set it empty to build per file
# A whole run is split in lanes that run side by side against the same servers (each test file
# has its own database and task queue): the wait lanes hold files that spend minutes waiting on
# the wall clock and hardly use the CPU (a receiver kept down for the 3 minutes issue 13 names; a
# deadline the contract sets to one minute; workflows deleted by the server's background task);
# the workflow tests run first in one lane; the unit and integration tests are then sharded (with
# the console's browser tests, test/e2e) into WEIBAO_TEST_SHARDS lanes (default 2, one per core of
# the machine CI runs on), balanced by test/durations.json (test/balanced-sequencer.mjs). Each lane
# runs its files in band. A run given arguments runs exactly what it is given, in one lane.
WAIT_LANES=("test/integration/notify-outage.test.ts"
  "test/integration/records.test.ts test/integration/notify-escalation.test.ts")
shards=${WEIBAO_TEST_SHARDS:-2}
rc=0; lane_pids=()
if [ "$#" -eq 0 ]; then
  ignore=$(IFS='|'; echo "${WAIT_LANES[*]}" | tr ' ' '|')
  log "jest: $shards shard lane(s) and ${#WAIT_LANES[@]} wait lane(s) (${WAIT_LANES[*]})"
  for ((w = 0; w < ${#WAIT_LANES[@]}; w++)); do
    # shellcheck disable=SC2086 # a lane is a space-separated list of files
    npx jest --runInBand --json --outputFile="$tmp/jest-wait$w.json" ${WAIT_LANES[$w]} >"$tmp/jest-wait$w.log" 2>&1 &
    lane_pids+=($!)
  done
  # Time-skipping workflow tests first, alone beside the idle wait lanes: they judge deadlines by
  # the test server's clock and fail under CPU contention (a first task split, a skip overshot).
  npx jest --runInBand --json --outputFile="$tmp/jest-workflow.json" --selectProjects workflow || rc=$?
  for ((k = 2; k <= shards; k++)); do
    npx jest --runInBand --json --outputFile="$tmp/jest-$k.json" --selectProjects unit integration e2e --shard="$k/$shards" \
      --testPathIgnorePatterns "$ignore" >"$tmp/jest-$k.log" 2>&1 &
    lane_pids+=($!)
  done
  npx jest --runInBand --json --outputFile="$tmp/jest-1.json" --selectProjects unit integration e2e --shard="1/$shards" \
    --testPathIgnorePatterns "$ignore" || rc=$?
  for pid in "${lane_pids[@]}"; do wait "$pid" || rc=$?; done
  for f in "$tmp"/jest-[0-9]*.log "$tmp"/jest-wait*.log; do [ -f "$f" ] && cat "$f" >&2; done
  lane_pids=()
  # The measured durations balance the next runs' lanes (test/balanced-sequencer.mjs).
  [ -z "${WEIBAO_WRITE_DURATIONS:-}" ] || npx tsx scripts/test-durations.ts "$tmp" test/durations.json
else
  log "jest"
  npx jest --runInBand --json --outputFile="$tmp/jest-1.json" "$@" || rc=$?
fi
# One plain closing line that any CI reader understands (every lane counted).
node -e "
const fs = require('fs'); let p = 0, f = 0, s = 0;
for (const name of fs.readdirSync('$tmp').filter((n) => /^jest-.*\\.json$/.test(n))) {
  const file = '$tmp/' + name;
  const r = JSON.parse(fs.readFileSync(file, 'utf8'));
  p += r.numPassedTests; f += r.numFailedTests; s += r.numPendingTests + r.numTodoTests;
}
console.log('tests: ' + p + ' passed, ' + f + ' failed, ' + s + ' skipped');"
exit "$rc"
