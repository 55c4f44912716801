#!/usr/bin/env bash
# Provisions the tools the platform and its tests need, into $WEIBAO_TOOLS (outside the repo):
#   - Temporal CLI (dev server + Web UI), built from its Go module (engineering.md: v1.5.1 is
#     the newest tag `go install` accepts), unless a compatible `temporal` is on PATH;
#   - the Java time-skipping test server from Maven Central, plus a class-data-sharing archive
#     so the JVM starts well inside @temporalio/testing's 5 s start-up limit on 2 cores;
#   - PostgreSQL from Debian's packages (only the binaries; scripts/pg.sh starts clusters);
#   - on request (`toolchain.sh cluster`), temporal-server and temporal-sql-tool built from the Go
#     module go.temporal.io/server at the version the CLI embeds, for the production-like cluster
#     of `npm run test:cluster` (the same binaries the temporalio/server and admin-tools images hold).
#   - schemathesis from PyPI in its own venv (npm run schemathesis; `toolchain.sh schemathesis` prints its `st`).
# Prints shell `export` lines for TEMPORAL_BIN and WEIBAO_TEST_SERVER when called with --env.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
mkdir -p "$WEIBAO_TOOLS/bin"

ensure_temporal() {
  local cached="$WEIBAO_TOOLS/bin/temporal"
  if [ -x "$cached" ]; then echo "$cached"; return; fi
  if command -v temporal >/dev/null 2>&1; then
    local v; v=$(temporal --version 2>/dev/null | grep -oE '[0-9]+\.[0-9]+\.[0-9]+' | head -1 || true)
    case "$v" in 1.[3-9].*|1.[1-9][0-9].*) echo "$(command -v temporal)"; return ;; esac
    log "ignoring temporal $v on PATH (need >= 1.3)"
  fi
  command -v go >/dev/null 2>&1 || die "no Temporal CLI and no Go toolchain. Install Go (https://go.dev/dl) and re-run, or put a Temporal CLI >= 1.3 on PATH (brew install temporal)."
  log "building Temporal CLI v$TEMPORAL_CLI_VERSION from its Go module (first time only, takes several minutes)..."
  local start=$SECONDS
  ( CGO_ENABLED=0 GOBIN="$WEIBAO_TOOLS/bin" GOFLAGS=-mod=mod go install -x \
      -ldflags "-X github.com/temporalio/cli/temporalcli.Version=$TEMPORAL_CLI_VERSION" \
      "github.com/temporalio/cli/cmd/temporal@v$TEMPORAL_CLI_VERSION" 2>&1 ) | tee "$WEIBAO_TOOLS/temporal-build.log" |
    awk '/^go: downloading/ {d++; if (d % 20 == 0) printf "[weibao]   downloaded %d modules...\n", d > "/dev/stderr"}
         /compile.*-p / {c++; if (c % 100 == 0) printf "[weibao]   compiled %d packages...\n", c > "/dev/stderr"}'
  [ -x "$cached" ] || die "Temporal CLI build failed (log: $WEIBAO_TOOLS/temporal-build.log); run: CGO_ENABLED=0 go install github.com/temporalio/cli/cmd/temporal@v$TEMPORAL_CLI_VERSION"
  log "Temporal CLI built in $((SECONDS - start)) s"
  echo "$cached"
}

# temporal-server and temporal-sql-tool (cmd/server, cmd/tools/sql). v1.29.1 has no replace
# directive, so `go install pkg@version` works; most packages are shared with the CLI build (it
# embeds the same server), so a warm Go build cache cuts the build to its link steps.
ensure_temporal_server() {
  local bin="$WEIBAO_TOOLS/bin"
  if [ -x "$bin/temporal-server" ] && [ -x "$bin/temporal-sql-tool" ]; then echo "$bin/temporal-server"; return; fi
  command -v go >/dev/null 2>&1 || die "temporal-server is built from its Go module: install Go (https://go.dev/dl) and re-run"
  log "building temporal-server and temporal-sql-tool v$TEMPORAL_SERVER_VERSION from go.temporal.io/server (first time only)..."
  local start=$SECONDS tmpbin; tmpbin=$(mktemp -d "$WEIBAO_TOOLS/server-build.XXXXXX")
  ( CGO_ENABLED=0 GOBIN="$tmpbin" GOFLAGS=-mod=mod go install -x \
      "go.temporal.io/server/cmd/server@v$TEMPORAL_SERVER_VERSION" "go.temporal.io/server/cmd/tools/sql@v$TEMPORAL_SERVER_VERSION" 2>&1 ) |
    tee "$WEIBAO_TOOLS/temporal-server-build.log" |
    awk '/^go: downloading/ {d++; if (d % 20 == 0) printf "[weibao]   downloaded %d modules...\n", d > "/dev/stderr"}
         /compile.*-p / {c++; if (c % 100 == 0) printf "[weibao]   compiled %d packages...\n", c > "/dev/stderr"}
         /\/link / {printf "[weibao]   linking...\n" > "/dev/stderr"}'
  [ -x "$tmpbin/server" ] && [ -x "$tmpbin/sql" ] || die "temporal-server build failed (log: $WEIBAO_TOOLS/temporal-server-build.log)"
  mv "$tmpbin/sql" "$bin/temporal-sql-tool"; mv "$tmpbin/server" "$bin/temporal-server"; rmdir "$tmpbin"
  log "temporal-server and temporal-sql-tool built in $((SECONDS - start)) s"
  echo "$bin/temporal-server"
}

# nginx, the reverse proxy of the cluster test (the compose file runs the nginx image).
ensure_nginx() {
  command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] && return
  command -v apt-get >/dev/null 2>&1 || die "nginx is needed for npm run test:cluster; install it"
  log "installing nginx from Debian's packages..."
  local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nginx-light >&2
}

ensure_test_server() {
  local dir="$WEIBAO_TOOLS/test-server-$TEST_SERVER_VERSION"
  local wrapper="$dir/temporal-test-server"
  if [ -x "$wrapper" ] && [ -f "$dir/app.jsa" ]; then echo "$wrapper"; return; fi
  command -v java >/dev/null 2>&1 || die "Java (JDK >= 11) is needed for the time-skipping test server: apt-get install default-jdk-headless"
  command -v mvn >/dev/null 2>&1 || die "Maven is needed to fetch the test server: apt-get install maven"
  log "fetching io.temporal:temporal-test-server:$TEST_SERVER_VERSION from Maven Central..."
  mkdir -p "$dir"
  cat > "$dir/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>weibao</groupId><artifactId>test-server</artifactId><version>1</version>
<dependencies><dependency><groupId>io.temporal</groupId><artifactId>temporal-test-server</artifactId>
<version>$TEST_SERVER_VERSION</version></dependency></dependencies></project>
POM
  mvn -q -B -f "$dir/pom.xml" dependency:copy-dependencies -DoutputDirectory="$dir/lib" >&2 || die "could not fetch the test server with Maven"
  local opts="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss512k"
  # One training run records the loaded classes; later starts map them (AppCDS), which took
  # the cold start here from ~2.5-3 s to ~1.1 s.
  local port; port=$(free_port)
  java $opts -XX:ArchiveClassesAtExit="$dir/app.jsa" -cp "$dir/lib/*" io.temporal.testserver.TestServer "$port" --enable-time-skipping >"$dir/cds-training.log" 2>&1 &
  local pid=$!
  wait_port 127.0.0.1 "$port" 60 || die "test server did not start (see $dir/cds-training.log)"
  sleep 1; kill "$pid"; wait "$pid" 2>/dev/null || true
  cat > "$wrapper" <<SH
#!/usr/bin/env bash
# Started by @temporalio/testing (executable.type = existing-path) with the port as argument.
exec java $opts -XX:SharedArchiveFile="$dir/app.jsa" -Xshare:auto -cp "$dir/lib/*" io.temporal.testserver.TestServer "\$@" --enable-time-skipping
SH
  chmod +x "$wrapper"
  echo "$wrapper"
}

ensure_postgres() {
  if ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || command -v postgres >/dev/null 2>&1; then return; fi
  command -v apt-get >/dev/null 2>&1 || die "PostgreSQL is not installed; install PostgreSQL >= 14 or set DATABASE_URL"
  log "installing PostgreSQL from Debian's packages..."
  local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >&2
}

SCHEMATHESIS_VERSION="4.32.5"
ensure_schemathesis() {
  local venv="$WEIBAO_TOOLS/schemathesis-$SCHEMATHESIS_VERSION"
  if [ -x "$venv/bin/st" ]; then echo "$venv/bin/st"; return; fi
  command -v python3 >/dev/null 2>&1 || die "python3 (>= 3.9, with venv) is needed for schemathesis: apt-get install python3-venv"
  log "installing schemathesis $SCHEMATHESIS_VERSION from PyPI into $venv..."
  rm -rf "$venv"
  python3 -m venv "$venv" >&2 || die "python3 -m venv failed (apt-get install python3-venv)"
  "$venv/bin/pip" install -q --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION" >&2 || die "pip could not install schemathesis"
  echo "$venv/bin/st"
}

# Reports (src/reports): a Chinese TrueType font embedded in PDFs, and poppler-utils
# (pdftotext, pdftoppm) with which the tests read and render them. Both Debian packages.
ensure_documents() {
  if [ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] && command -v pdftotext >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1; then return; fi
  command -v apt-get >/dev/null 2>&1 || die "reports need fonts-wqy-microhei and poppler-utils (pdftotext, pdftoppm); install them"
  log "installing fonts-wqy-microhei and poppler-utils from Debian's packages..."
  local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  local i
  # apt holds a lock; another install on the machine may be running: wait and retry.
  for i in 1 2 3 4 5 6; do
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq fonts-wqy-microhei poppler-utils >&2 && return
    [ "$i" = 2 ] && $sudo apt-get update -qq >&2
    sleep 10
  done
  die "could not install fonts-wqy-microhei and poppler-utils"
}

# The web console's end-to-end tests (test/e2e, issue 16): Debian's Chromium, driven by the
# playwright-core npm package (Playwright's own browser download cannot work here).
ensure_chromium() {
  if [ -x /usr/bin/chromium ]; then return; fi
  command -v apt-get >/dev/null 2>&1 || die "the console's browser tests need Debian's chromium package; install it"
  log "installing chromium from Debian's packages..."
  local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  local i
  for i in 1 2 3 4 5 6; do
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >&2 && return
    [ "$i" = 2 ] && $sudo apt-get update -qq >&2
    sleep 10
  done
  die "could not install chromium"
}

what="${1:-all}"
case "$what" in
  temporal) ensure_temporal ;;
  test-server) ensure_test_server ;;
  postgres) ensure_postgres ;;
  cluster) ensure_temporal_server ;;
  nginx) ensure_nginx ;;
  schemathesis) ensure_schemathesis ;;
  documents) ensure_documents ;;
  chromium) ensure_chromium ;;
  all|--env)
    t=$(ensure_temporal); s=$(ensure_test_server); ensure_postgres; ensure_documents; ensure_chromium
    if [ "$what" = --env ]; then echo "export TEMPORAL_BIN='$t' WEIBAO_TEST_SERVER='$s'"; else log "temporal: $t"; log "test server: $s"; log "schemathesis: $(ensure_schemathesis)"; fi ;;
  *) die "usage: toolchain.sh [all|--env|temporal|test-server|postgres|cluster|nginx|schemathesis|documents|chromium]" ;;
esac
