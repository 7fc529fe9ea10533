#!/usr/bin/env bash
# npm test: type check, lint, the suite on the embedded database (PGlite), the same suite on PostgreSQL, and the
# browser suite in Chromium. PostgreSQL comes from TEST_DATABASE_URL or a throw-away server started here.
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

echo "== suite on PGlite (embedded)"
TEST_DB=pglite node --test --test-concurrency=2 "${unit_files[@]}"

echo "== suite on PostgreSQL"
if [ -z "${TEST_DATABASE_URL:-}" ]; then
  # shellcheck source=scripts/postgres-temp.sh
  source scripts/postgres-temp.sh
  if pg_temp_start; then export TEST_DATABASE_URL="$PG_TEMP_URL"; fi
fi
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  TEST_DB=postgres node --test --test-concurrency=2 "${unit_files[@]}"
else
  skip_or_fail "PostgreSQL suite: no PostgreSQL server (install postgresql or set TEST_DATABASE_URL)"
fi

echo "== browser suite (Chromium)"
if [ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  playwright test
else
  skip_or_fail "browser suite: no Chromium at ${CHROMIUM_PATH:-/usr/bin/chromium} (apt-get install chromium)"
fi

if [ ${#skipped[@]} -gt 0 ]; then
  echo; echo "Some suites were SKIPPED:"; printf '  - %s\n' "${skipped[@]}"
fi
