#!/usr/bin/env bash
# The reliability campaigns at length: `npm run test:reliability` (long, what CI runs besides
# npm test) and `npm run soak` (the full length). `npm test` already runs the same files at the
# short setting. Settings per campaign are in __tests__/reliability/settings.ts:
#   campaign  RELIABILITY_LOAD  LEAK_REQUESTS  FUZZ_SCALE (× 133 000 cases)
#   short     200               10 000         0.1
#   long      1 000             100 000        1
#   soak      10 000            1 000 000      10
# Any knob can be overridden from the environment; FUZZ_SEED reproduces a fuzz run.
# One file at a time (--runInBand): the load test checks timing against a real server.
set -euo pipefail
cd "$(dirname "$0")/.."

campaign="${1:-long}"
shift || true
case "$campaign" in
  long) timeout_ms=600000 ;;
  soak) timeout_ms=3600000 ;;
  *) echo "usage: scripts/reliability.sh long|soak [jest args]" >&2; exit 2 ;;
esac
export RELIABILITY_CAMPAIGN="$campaign"
if [ "$campaign" = soak ]; then export FUZZ_SEED="${FUZZ_SEED:-$(date +%s)}"; fi
overrides="$(env | grep -E '^(RELIABILITY_LOAD|LEAK_REQUESTS|FUZZ_SCALE|FUZZ_SEED)=' | tr '\n' ' ' || true)"
echo "reliability: the $campaign campaign (settings: __tests__/reliability/settings.ts)${overrides:+; from the environment: $overrides}"

exec npx jest --runInBand --testTimeout="$timeout_ms" __tests__/reliability "$@"
