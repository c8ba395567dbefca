#!/usr/bin/env bash
# Installs dependencies, builds, and starts the app on the embedded defaults (PGlite in .data,
# local accounts, in-process KV, offline analyst) at http://localhost:${PORT:-3000}.
set -euo pipefail
cd "$(dirname "$0")/.."
npm install --no-audit --no-fund
./node_modules/.bin/next build
exec ./node_modules/.bin/next start -p "${PORT:-3000}"
