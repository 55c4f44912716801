#!/usr/bin/env bash
# `npm run test:cluster`: the production topology of docker-compose.yml run here without Docker
# (test/cluster): PostgreSQL, temporal-server built from go.temporal.io/server, the schema and
# namespace jobs (deploy/temporal), two workers, two APIs, nginx with TLS in front. Loopback only;
# everything it starts is stopped at the end (also on failure or Ctrl-C). Prints its figures.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$WEIBAO_ROOT"
ensure_node_modules
start=$SECONDS
bash scripts/toolchain.sh temporal >/dev/null
bash scripts/toolchain.sh postgres
bash scripts/toolchain.sh cluster >/dev/null
bash scripts/toolchain.sh nginx
log "toolchain ready after $((SECONDS - start)) s"

export WEIBAO_CLUSTER_DIR; WEIBAO_CLUSTER_DIR=$(mktemp -d /tmp/weibao-cluster.XXXXXX); chmod 755 "$WEIBAO_CLUSTER_DIR"
export WEIBAO_CLUSTER_PIDS="$WEIBAO_CLUSTER_DIR/pids"
cleanup() {
  # Whatever the suite could not stop itself (it was killed): only the processes it recorded.
  if [ -f "$WEIBAO_CLUSTER_PIDS" ]; then
    while read -r pid; do kill -9 "$pid" 2>/dev/null || true; done <"$WEIBAO_CLUSTER_PIDS"
  fi
  for d in "$WEIBAO_CLUSTER_DIR"/*/pg; do [ -d "$d" ] && bash scripts/pg.sh stop "$d"; done
  [ -n "${WEIBAO_KEEP_CLUSTER:-}" ] && log "kept $WEIBAO_CLUSTER_DIR" || rm -rf "$WEIBAO_CLUSTER_DIR"
}
trap cleanup EXIT

rc=0
npx jest -c test/cluster/jest.config.js --runInBand "$@" || rc=$?
[ -f "$WEIBAO_CLUSTER_DIR/figures.json" ] && { log "figures"; cat "$WEIBAO_CLUSTER_DIR/figures.json"; }
[ "$rc" = 0 ] || log "logs of every process: rerun with WEIBAO_KEEP_CLUSTER=1 and read $WEIBAO_CLUSTER_DIR/*/*.log"
log "cluster test wall time $((SECONDS - start)) s"
exit "$rc"
