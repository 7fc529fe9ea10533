#!/usr/bin/env bash
# npm run security: sqlmap (Debian's package) against every parameter of every /api route, on a throw-away
# database with the demo data. The routes come from the app's own route table (scripts/security-targets.ts),
# so a new route is scanned the day it exists. Prints one line per route and a summary; exits 1 when sqlmap
# finds an injectable parameter, 2 when the scan could not finish (a target timed out, sqlmap failed, or
# tested fewer parameters than were marked). Not part of npm test: it takes minutes (docs/decisions/0014-sqlmap.md).
#
#   SECURITY_LEVEL / SECURITY_RISK    sqlmap --level / --risk (default 2 / 1)
#   SECURITY_JOBS                     sqlmap processes at once (default 4; they mostly wait on the server)
#   SECURITY_TARGET_TIMEOUT           seconds one route may take (default 300)
#   SECURITY_DB=pglite                the embedded database even where PostgreSQL is installed
#   SECURITY_ROUTES=REGEX             only the routes whose "METHOD /api/path" matches (while working on one)
#   SECURITY_KEEP=1                   keep the work directory (request files, sqlmap's output) after a clean run
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
export LEVEL=${SECURITY_LEVEL:-2} RISK=${SECURITY_RISK:-1} TARGET_TIMEOUT=${SECURITY_TARGET_TIMEOUT:-300}
JOBS=${SECURITY_JOBS:-4}
started=$SECONDS

ensure_sqlmap() {
  command -v sqlmap >/dev/null && return 0
  if [ "$(id -u)" != 0 ]; then
    echo "security: sqlmap is missing; install it as root: apt-get install -y --no-install-recommends sqlmap" >&2
    exit 2
  fi
  echo "== installing sqlmap (Debian package)"
  apt-get install -y --no-install-recommends sqlmap >/dev/null ||
    { apt-get update -qq && apt-get install -y --no-install-recommends sqlmap >/dev/null; }
}

free_port() {
  node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

WORK=$(mktemp -d /tmp/somlos-security.XXXXXX)
export WORK
server_pid=
cleanup() {
  local rc=$?
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  declare -F pg_temp_stop >/dev/null && pg_temp_stop
  if [ "$rc" = 0 ] && [ "${SECURITY_KEEP:-0}" != 1 ]; then rm -rf "$WORK"; else echo "security: work directory kept: $WORK"; fi
}
trap cleanup EXIT

# The production path is PostgreSQL; the embedded database where no server is installed.
start_database() {
  db_env=(DATA_DIR=:memory:)
  db_name="PGlite (embedded, in memory)"
  [ "${SECURITY_DB:-}" = pglite ] && return 0
  # shellcheck source=scripts/postgres-temp.sh
  source scripts/postgres-temp.sh
  if pg_temp_start 2>/dev/null; then
    trap cleanup EXIT # pg_temp_start set its own trap; cleanup stops the server too
    db_env=(DATABASE_URL="$PG_TEMP_URL")
    db_name="PostgreSQL (throw-away server)"
  fi
}

start_server() {
  local port
  port=$(free_port)
  export BASE="http://127.0.0.1:$port"
  # Jobs off, so that only sqlmap's requests change the data; warnings and errors (a 500) go to server.log.
  env "${db_env[@]}" PORT="$port" HOST=127.0.0.1 DEMO=1 DEMO_ACTIVITY=0 LOG_LEVEL=warn JOB_INTERVAL_SECONDS=0 \
    node src/main.ts >"$WORK/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 240); do
    curl -sf "$BASE/health" >/dev/null && return 0
    kill -0 "$server_pid" 2>/dev/null || { cat "$WORK/server.log" >&2; exit 2; }
    sleep 0.5
  done
  echo "security: the server did not answer /health within 2 minutes" >&2
  exit 2
}

# sqlmap with the options of every run: REQUEST_FILE OUTPUT OUTPUT_DIR. --ignore-code: a refusal (400 a
# payload that breaks the schema, 404 another object, 409, 422 …) is an answer to compare, not an error.
run_sqlmap() {
  TERM=dumb timeout --kill-after=10 "$TARGET_TIMEOUT" sqlmap -r "$1" --batch --ignore-stdin \
    --disable-coloring --flush-session --skip-waf --output-dir="$3" \
    --dbms=PostgreSQL --level="$LEVEL" --risk="$RISK" \
    --ignore-code=400,401,403,404,409,410,422,429 --answers="keep testing=Y" >"$2" 2>&1
}
export -f run_sqlmap

# Injection points in sqlmap's report, and parameters it finished (sqlmap exits 0 even when it cannot connect).
findings_in() { awk '/identified the following injection point/{on=1} on && /^Parameter: /{c++} END{print c+0}' "$1"; }
tested_in() { grep -cE "parameter '.*' (does not seem to be injectable|is vulnerable)" "$1" || true; }

# One route: the unchanged request once (its status says whether it reaches the handler), then sqlmap.
scan_target() {
  local id=$1 t="$WORK/targets" begin=$SECONDS code
  code=$(curl -s -o "$t/$id.baseline" -w '%{http_code}' -K "$t/$id.curl" || echo 000)
  echo "$code" >"$t/$id.code"
  set +e
  run_sqlmap "$t/$id.req" "$t/$id.out" "$WORK/sqlmap/$id"
  echo $? >"$t/$id.rc"
  echo $((SECONDS - begin)) >"$t/$id.seconds"
}
export -f scan_target

scan_phases() {
  local phase
  for phase in 1 2 3 4; do
    awk -F'\t' -v p="$phase" '$2 == p { print $1 }' "$WORK/targets/targets.tsv" |
      xargs -r -P "$JOBS" -I{} bash -c 'scan_target "$1"' _ {}
  done
}

# Per route: the unchanged request's status, parameters sqlmap tested of those marked, injection points,
# 500 answers during the run, seconds. Findings are the "Parameter:" lines of sqlmap's injection report.
summarise() {
  local routes=0 marked=0 tested=0 findings=0 incomplete=0 errors=0
  printf '%-4s %-6s %-64s %-20s %4s %9s %4s %4s %5s\n' id method route account code tested found 500s secs
  while IFS=$'\t' read -r id _ method url account marks notes; do
    local out="$WORK/targets/$id.out" n m f e rc code
    m=$(tr ',' '\n' <<<"$marks" | grep -c .)
    n=$(tested_in "$out")
    f=$(findings_in "$out")
    e=$(grep -oE '500 \(Internal Server Error\) - [0-9]+' "$out" | grep -oE '[0-9]+$' || echo 0)
    rc=$(cat "$WORK/targets/$id.rc")
    code=$(cat "$WORK/targets/$id.code")
    routes=$((routes + 1)) marked=$((marked + m)) tested=$((tested + n)) findings=$((findings + f)) errors=$((errors + e))
    local flag=""
    if [ "$rc" != 0 ] || [ "$n" -lt "$m" ]; then incomplete=$((incomplete + 1)) flag=" INCOMPLETE (rc $rc)"; fi
    [ "$f" -gt 0 ] && flag="$flag INJECTABLE"
    printf '%-4s %-6s %-64s %-20s %4s %4s/%-4s %4s %4s %5s%s\n' "$id" "$method" "$url" "$account" "$code" \
      "$n" "$m" "$f" "$e" "$(cat "$WORK/targets/$id.seconds")" "$flag"
    [ "$notes" != "-" ] && echo "     note: $notes"
  done <"$WORK/targets/targets.tsv"
  while IFS=$'\t' read -r route reason; do echo "     not scanned: $route ($reason)"; done <"$WORK/targets/skipped.tsv"
  local total
  total=$(($(cat "$WORK/targets/all.count") + $(wc -l <"$WORK/targets/skipped.tsv")))
  echo
  echo "sqlmap ${SQLMAP_VERSION} on $db_name, --level=$LEVEL --risk=$RISK, $JOBS at once"
  echo "routes: $total API routes in the route table, $routes scanned"
  echo "unchanged requests answered: $(cut -c1-3 "$WORK"/targets/*.code | sort | uniq -c | awk '{printf "%s%s× %s", sep, $1, $2; sep=", "}')"
  echo "parameters: $tested tested of $marked marked"
  local logged
  logged=$(grep -c '"level":50' "$WORK/server.log" || true)
  echo "findings: $findings injectable parameter(s); $errors answer(s) 500 during the scan, $logged error(s) in the server's log"
  echo "duration: $((SECONDS - started)) s"
  if [ "$findings" -gt 0 ]; then
    echo; echo "INJECTION FOUND:"
    for out in "$WORK"/targets/*.out; do
      grep -q 'identified the following injection point' "$out" || continue
      echo "-- $(basename "$out" .out): $(head -1 "${out%.out}.req")"
      echo "   marked, in order (sqlmap numbers the URI's and the body's marks apart): $(awk -F'\t' -v id="$(basename "$out" .out)" '$1 == id { print $6 }' "$WORK/targets/targets.tsv")"
      awk '/identified the following injection point/{on=1} on{print} on && /^---$/{if(++d==2) exit}' "$out"
    done
    return 1
  fi
  if [ "$errors" -gt 0 ] || [ "$logged" -gt 0 ]; then
    echo "server errors (server.log):"; grep -m 5 '"level":50' "$WORK/server.log" | cut -c1-300 || true
  fi
  [ "$incomplete" -eq 0 ] || { echo "INCOMPLETE: $incomplete route(s) were not scanned to the end"; return 2; }
}

# The control: the same options on a route with two planted injections (scripts/security-control.ts) must find
# both, or a clean result on the API would prove nothing.
run_control() {
  local port pid found dir="$WORK/control"
  mkdir -p "$dir"
  port=$(free_port)
  node scripts/security-control.ts "$port" >"$dir/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 60); do grep -q ready "$dir/server.log" && break; sleep 0.5; done
  printf 'POST /control/items/1* HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nContent-Type: application/json\r\n\r\n{"name":"x*"}' \
    "$port" >"$dir/control.req"
  run_sqlmap "$dir/control.req" "$dir/control.out" "$dir/sqlmap" || true
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  found=$(findings_in "$dir/control.out")
  echo "control: sqlmap found $found of 2 planted injections (a path parameter and a JSON field)"
  [ "$found" = 2 ] || { echo "security: the control was not found; the scan cannot be trusted" >&2; exit 2; }
}

ensure_sqlmap
SQLMAP_VERSION=$(sqlmap --version 2>/dev/null | head -1)
start_database
echo "== control"
run_control
echo "== Sömlös on $db_name with the demo data"
start_server
echo "== targets from the route table"
node scripts/security-targets.ts "$BASE" "$WORK/targets"
wc -l <"$WORK/targets/targets.tsv" >"$WORK/targets/all.count"
if [ -n "${SECURITY_ROUTES:-}" ]; then
  awk -F'\t' -v re="$SECURITY_ROUTES" '($3 " " $4) ~ re' "$WORK/targets/targets.tsv" >"$WORK/targets/only.tsv"
  mv "$WORK/targets/only.tsv" "$WORK/targets/targets.tsv"
fi
echo "== sqlmap --level=$LEVEL --risk=$RISK, $JOBS at once"
scan_phases
summarise
