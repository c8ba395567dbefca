#!/usr/bin/env bash
# Installs what the tests need and runs them all: type check, lint, unused files and exports,
# unit + integration tests on the embedded defaults, the same suite against the Postgres and
# Redis servers when reachable, then the browser end-to-end tests in Debian's Chromium against
# a production build.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "Installing npm dependencies"
npm install --no-audit --no-fund

if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  step "Installing Debian's Chromium for Playwright"
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null
  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null; fi
fi

step "Type check"
./node_modules/.bin/tsc --noEmit -p .

step "Lint (Biome)"
npm run --silent lint

step "Unused files, exports and dependencies (knip)"
npm run --silent knip

step "Unit and integration tests (embedded: PGlite, in-process KV)"
env -u DATABASE_URL -u REDIS_URL -u KV_REST_API_URL -u KV_REST_API_TOKEN ./node_modules/.bin/vitest run

PG_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}"
if node -e "const c=new (require('pg').Client)({connectionString:process.argv[1],connectionTimeoutMillis:2000});c.connect().then(()=>c.end()).then(()=>process.exit(0),()=>process.exit(1))" "$PG_URL"; then
  POSTGRES_REACHABLE=1
  step "Unit and integration tests (server mode: Postgres at $PG_URL, Redis)"
  DATABASE_URL="$PG_URL" REDIS_URL="${TEST_REDIS_URL:-redis://127.0.0.1:6379}" ./node_modules/.bin/vitest run
elif [ -n "${CI:-}" ]; then
  echo "Postgres is not reachable at $PG_URL; CI must run the server-mode suite." >&2
  exit 1
else
  echo "Postgres not reachable at $PG_URL: skipping the server-mode run."
fi

step "Production build"
./node_modules/.bin/next build

# Two production instances of this build on one Postgres and one Redis: after the build, which
# the browser tests need anyway, so it costs no build of its own (about two minutes; its load
# phase runs INSTANCES_LOAD_SECONDS, 20 by default here, 60 for the recorded run).
if [ "${POSTGRES_REACHABLE:-0}" = 1 ]; then
  step "Two instances on one Postgres and one Redis (server mode)"
  DATABASE_URL="$PG_URL" REDIS_URL="${TEST_REDIS_URL:-redis://127.0.0.1:6379}" \
    INSTANCES_LOAD_SECONDS="${INSTANCES_LOAD_SECONDS:-20}" ./node_modules/.bin/vitest run --config vitest.instances.config.ts
fi

step "Browser end-to-end tests (Playwright, Debian's Chromium)"
./node_modules/.bin/playwright test
