#!/usr/bin/env bash
# Go tooling for the Go SDK checks (corpus, runtime tests, contract tests): staticcheck,
# installed into .tools/go/bin from the Go module proxy (idempotent). The Go toolchain
# itself (go 1.22+; this machine has 1.26) must be on PATH.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/.tools/go/bin"
version=v0.8.2
if ! command -v go >/dev/null 2>&1; then
  echo "setup-go: no go on PATH; the Go SDK checks will be skipped" >&2
  exit 0
fi
mkdir -p "$bin"
if [ -x "$bin/staticcheck" ] && [ "$(cat "$bin/.staticcheck-version" 2>/dev/null)" = "$version" ]; then
  exit 0
fi
GOBIN="$bin" GOTOOLCHAIN=local GOFLAGS=-mod=mod go install "honnef.co/go/tools/cmd/staticcheck@$version"
echo "$version" > "$bin/.staticcheck-version"
