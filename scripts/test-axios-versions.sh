#!/usr/bin/env bash
# Runs the unit and integration suites against the lowest axios of the peer range (^1.12.0: the
# first release fixed for CVE-2025-58754, a `data:` URL exhausting memory) and the
# newest we pin (devDependencies), each integration run on both Node adapters (http, fetch).
# The lowest is installed beside the pinned one as the alias `axios-lowest` (no package.json
# change) and mapped over `axios` by jest.config.ts when AXIOS_UNDER_TEST=lowest.
set -euo pipefail
cd "$(dirname "$0")/.."

LOWEST="${AXIOS_LOWEST:-1.12.0}"
if [ "$(node -p "try{require('./node_modules/axios-lowest/package.json').version}catch{''}")" != "$LOWEST" ]; then
  npm install --no-save --no-audit --no-fund "axios-lowest@npm:axios@$LOWEST" >/dev/null
fi
NEWEST="$(node -p "require('axios/package.json').version")"

failed=()
run() { # label, env...   (every combination runs; the script fails at the end if any did)
  local label="$1"; shift
  echo "── axios $label"
  env "$@" npx jest --silent __tests__/unit __tests__/integration || failed+=("$label")
}

run "$NEWEST (pinned), http adapter"  AXIOS_ADAPTER=http AXIOS_EXPECT_VERSION="$NEWEST"
run "$NEWEST (pinned), fetch adapter" AXIOS_ADAPTER=fetch AXIOS_EXPECT_VERSION="$NEWEST"
run "$LOWEST (lowest), http adapter"  AXIOS_UNDER_TEST=lowest AXIOS_ADAPTER=http AXIOS_EXPECT_VERSION="$LOWEST"
run "$LOWEST (lowest), fetch adapter" AXIOS_UNDER_TEST=lowest AXIOS_ADAPTER=fetch AXIOS_EXPECT_VERSION="$LOWEST"
if [ ${#failed[@]} -gt 0 ]; then
  printf 'FAILED: axios %s\n' "${failed[@]}"
  exit 1
fi
echo "axios $LOWEST and $NEWEST: unit + integration passed on http and fetch"
