#!/usr/bin/env bash
# C# toolchain for the C# SDK's checks and tests: Debian's Mono (mcs, mono), Newtonsoft.Json 6.0.8
# and NUnit 2.6.4 (nunit-console). There is no .NET SDK or NuGet feed here; see
# ../shared/conventions/csharp.md. Idempotent: does nothing when mcs, nunit-console and the
# assemblies are present.
set -euo pipefail
newtonsoft=/usr/lib/mono/gac/Newtonsoft.Json/6.0.0.0__b9a188c8922137c6/Newtonsoft.Json.dll
nunit=/usr/lib/cli/nunit.framework-2.6.3/nunit.framework.dll
if command -v mcs >/dev/null 2>&1 && command -v nunit-console >/dev/null 2>&1 \
  && [ -f "$newtonsoft" ] && [ -f "$nunit" ]; then
  exit 0
fi
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
  mono-devel libnewtonsoft-json-cil-dev nunit-console libnunit-cil-dev >/dev/null
