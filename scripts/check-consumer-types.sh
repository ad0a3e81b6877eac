#!/usr/bin/env bash
# Type-checks scripts/consumer-types/ as a real consumer would: the packed tarball installed into
# a temp node_modules beside axios, under node16 (ESM .mts + CJS .cts) and bundler resolution.
# CONSUMER_AXIOS=/path/to/an/unpacked/axios checks against another axios (e.g. the lowest of the
# peer range) instead of the pinned one.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

tarball="$(npm pack --silent --pack-destination "$tmp" 2>/dev/null | tail -1)"
mkdir -p "$tmp/node_modules/axios-status-policy"
tar -xzf "$tmp/$tarball" -C "$tmp/node_modules/axios-status-policy" --strip-components=1
ln -s "${CONSUMER_AXIOS:-$root/node_modules/axios}" "$tmp/node_modules/axios"
cp scripts/consumer-types/* "$tmp/"
echo '{"name":"consumer","private":true}' >"$tmp/package.json"
for cfg in node16 bundler; do
  node "$root/node_modules/typescript/bin/tsc" -p "$tmp/tsconfig.$cfg.json"
  echo "consumer types ($cfg): ok"
done
