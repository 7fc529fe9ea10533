#!/usr/bin/env bash
# npm test: type check, lint, the suite on the embedded database (PGlite) and the same suite on PostgreSQL side
# by side, and the browser suite in Chromium. PostgreSQL comes from TEST_DATABASE_URL or a throw-away server
# started here.
# In CI (CI=true) a missing PostgreSQL or Chromium fails the run; on a developer's machine it is skipped, loudly.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$PATH"
in_ci() { [ "${CI:-}" = "true" ] || [ "${CI:-}" = "1" ]; }
skipped=()
skip_or_fail() {
  if in_ci; then echo "FAIL: $1 (required in CI)" >&2; exit 1; fi
  echo; echo "SKIPPED: $1"; skipped+=("$1")
}

unit_files=("src/**/*.test.ts" "test/**/*.test.ts")

echo "== type check and lint"
tsc --noEmit -p .
biome check .

echo "== dependencies (npm audit of the production install)"
bash scripts/audit.sh

echo "== the suite on PGlite (embedded) and on PostgreSQL, side by side"
if [ -z "${TEST_DATABASE_URL:-}" ]; then
  # shellcheck source=scripts/postgres-temp.sh
  source scripts/postgres-temp.sh
  if pg_temp_start; then export TEST_DATABASE_URL="$PG_TEMP_URL"; fi
fi
# Each run is one process that imports the code once and runs the test files one after another
# (--test-isolation=none): starting a process per file, importing the app and loading PGlite each time, was
# most of the suite's time (three times the work on a sample of files). Two runs side by side keep two cores
# busy, the PGlite run in its own process, the PostgreSQL run largely in the server's. Each writes to its own
# log, shown whole when both end. TEST_ISOLATION=process runs each file in a process of its own again.
isolation="${TEST_ISOLATION:-none}"
logs=$(mktemp -d /tmp/somlos-suites.XXXXXX)
run_suite() { # name, then the environment for it
  local name=$1; shift
  ( env "$@" node --test --test-isolation="$isolation" --test-concurrency=1 "${unit_files[@]}" \
      >"$logs/$name.log" 2>&1 ) &
}
run_suite pglite TEST_DB=pglite
pglite_pid=$!
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  run_suite postgres TEST_DB=postgres
  postgres_pid=$!
fi
failed=()
wait "$pglite_pid" || failed+=("PGlite")
if [ -n "${postgres_pid:-}" ]; then wait "$postgres_pid" || failed+=("PostgreSQL"); fi
for name in pglite postgres; do
  [ -f "$logs/$name.log" ] || continue
  echo; echo "== suite on $name (log: $logs/$name.log)"; cat "$logs/$name.log"
done
if [ -z "${postgres_pid:-}" ]; then
  skip_or_fail "PostgreSQL suite: no PostgreSQL server (install postgresql or set TEST_DATABASE_URL)"
fi
if [ ${#failed[@]} -gt 0 ]; then echo; echo "FAIL: the suite on ${failed[*]}" >&2; exit 1; fi

echo "== browser suite (Chromium)"
if [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  playwright test
else
  skip_or_fail "browser suite: no Chromium at ${CHROMIUM_PATH:-/usr/bin/chromium} (apt-get install chromium)"
fi

if [ ${#skipped[@]} -gt 0 ]; then
  echo; echo "Some suites were SKIPPED:"; printf '  - %s\n' "${skipped[@]}"
fi
