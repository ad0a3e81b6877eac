#!/usr/bin/env bash
# `npm run soak`: the reliability suite at full length. The CI run of the same files is the short
# version; these knobs scale it up (override any of them from the environment).
#   RELIABILITY_LOAD  concurrent requests in the load test        (CI 1000)
#   LEAK_REQUESTS     requests in the leak probe                  (CI 100000)
#   FUZZ_SCALE        multiplier on the fuzz case counts          (CI 1 = 103 000 cases)
#   FUZZ_SEED         fast-check seed; a failure prints the seed to reproduce it
set -euo pipefail
cd "$(dirname "$0")/.."

export RELIABILITY_LOAD="${RELIABILITY_LOAD:-10000}"
export LEAK_REQUESTS="${LEAK_REQUESTS:-1000000}"
export FUZZ_SCALE="${FUZZ_SCALE:-10}"
export FUZZ_SEED="${FUZZ_SEED:-$(date +%s)}"
echo "soak: load ${RELIABILITY_LOAD}, leak ${LEAK_REQUESTS}, fuzz ×${FUZZ_SCALE}, seed ${FUZZ_SEED}"

npx jest --runInBand --testTimeout=3600000 __tests__/reliability "$@"
