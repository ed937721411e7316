#!/usr/bin/env bash
# Installs what the tests need that a fresh machine lacks, into .tools/ of the repo
# (idempotent: skips what is already there and matches the pinned lists).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tools="$root/.tools"
mkdir -p "$tools"

# Debian packages: espeak-ng, sox and ffmpeg make speech clips and media files for the
# transcription and audio tests; cmake and a C++ compiler build whisper.cpp (whisper-rs).
missing=()
for cmd in espeak-ng:espeak-ng sox:sox ffmpeg:ffmpeg cmake:cmake g++:g++; do
  command -v "${cmd%%:*}" >/dev/null 2>&1 || missing+=("${cmd##*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Chromium (Debian's) for the docs browser test (tests/docs-browser, playwright-core drives it).
if [ ! -x /usr/bin/chromium ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi

stamp_ok() { [ -f "$1" ] && cmp -s "$1" "$2"; }

# Python: a venv with the pinned tools and SDK dependencies.
if ! stamp_ok "$tools/venv/.requirements" "$root/tools/requirements.txt"; then
  python3 -m venv "$tools/venv"
  "$tools/venv/bin/pip" install --quiet --disable-pip-version-check -r "$root/tools/requirements.txt"
  cp "$root/tools/requirements.txt" "$tools/venv/.requirements"
fi

# Node: typescript, prettier, pyright, playwright-core in a local folder, from the lockfile.
if ! stamp_ok "$tools/node/.package-lock.json" "$root/tools/package-lock.json"; then
  mkdir -p "$tools/node"
  cp "$root/tools/package.json" "$root/tools/package-lock.json" "$tools/node/"
  (cd "$tools/node" && npm ci --silent --no-audit --no-fund)
  cp "$root/tools/package-lock.json" "$tools/node/.package-lock.json"
fi
# oasdiff, the reference `sdkgen diff` is compared with (generator/diff/tests/oasdiff.rs).
if [ ! -x "$tools/go/bin/oasdiff" ] || [ ! -f "$tools/go/bin/.oasdiff-v1.37.0" ]; then
  GOBIN="$tools/go/bin" go install github.com/oasdiff/oasdiff@v1.37.0
  touch "$tools/go/bin/.oasdiff-v1.37.0"
fi

# cargo-fuzz for `cargo xtask fuzz` (fuzz/); only where a nightly toolchain exists, as the
# fuzz targets build with it (without one, `cargo xtask fuzz` says it skips).
if cargo +nightly --version >/dev/null 2>&1 \
  && ! cargo +nightly fuzz --version 2>/dev/null | grep -q ' 0\.13\.2$'; then
  cargo install cargo-fuzz --version 0.13.2 --locked --quiet
fi

# Go, Java and C# toolchain pieces (staticcheck, Maven dependencies, Mono): one script each.
for lang in go java csharp; do
  if [ -f "$root/tools/setup-$lang.sh" ]; then
    bash "$root/tools/setup-$lang.sh"
  fi
done
echo "tools ready in $tools"
