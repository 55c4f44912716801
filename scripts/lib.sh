# Shared shell helpers. Tools are cached outside the repo (WEIBAO_TOOLS, default
# ~/.cache/weibao) so a fresh clone reuses what an earlier run built.
set -euo pipefail
WEIBAO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WEIBAO_TOOLS="${WEIBAO_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/weibao}"
TEMPORAL_CLI_VERSION="1.5.1"
TEST_SERVER_VERSION="1.38.0"
# The Temporal Server the CLI embeds; docker-compose.yml pins the same temporalio/server image.
TEMPORAL_SERVER_VERSION="1.29.1"
export WEIBAO_ROOT WEIBAO_TOOLS

log() { printf '\033[1;34m[weibao]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[weibao] error:\033[0m %s\n' "$*" >&2; exit 1; }

# Wait until a TCP port accepts connections, or fail after $3 seconds.
wait_port() {
  local host=$1 port=$2 timeout=${3:-60} waited=0
  until (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; do
    sleep 0.2; waited=$((waited + 1))
    [ "$waited" -lt $((timeout * 5)) ] || return 1
  done
}

# npm dependencies, when node_modules is missing or older than the lockfile. npm ci prints
# nothing while it fetches (a minute or two on a cold cache), so a line every 15 s says it is alive.
ensure_node_modules() {
  [ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ] && return
  log "installing npm dependencies (npm ci; a minute or two on a cold cache)"
  ( local waited=0; while sleep 15; do waited=$((waited + 15)); log "still installing npm dependencies (${waited} s)"; done ) &
  local ticker=$! rc=0
  npm ci --no-audit --no-fund || rc=$?
  kill "$ticker" 2>/dev/null; wait "$ticker" 2>/dev/null || true
  [ "$rc" -eq 0 ] || die "npm ci failed (status $rc)"
}

free_port() { node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

# The project's search attributes, from the one TypeScript list, as start-dev flags.
search_attribute_flags() {
  node -e "for (const [n,t] of Object.entries(require('$WEIBAO_ROOT/src/temporal/search-attributes.json'))) console.log('--search-attribute\\n'+n+'='+t)"
}
