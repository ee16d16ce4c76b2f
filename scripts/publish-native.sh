#!/usr/bin/env bash
# Publishes the generator as one native executable (NativeAOT): no JIT at start-up,
# so builds start in milliseconds (docs/performance.md). Takes a minute or two.
#
#   scripts/publish-native.sh [OUTDIR]     default: dist/  (then: dist/backcaresite build)
#
# Needs a C toolchain besides the .NET SDK, to link: clang, or else gcc
# (Debian: apt-get install -y clang).
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-dist}"

args=()
if ! command -v clang >/dev/null 2>&1; then
  if command -v gcc >/dev/null 2>&1; then
    # The native compiler links with clang by default; gcc does the same job.
    args+=(-p:CppCompilerAndLinker=gcc)
  else
    echo "publish-native: a C toolchain is needed to link the executable: apt-get install -y clang" >&2
    exit 1
  fi
fi

dotnet publish generator -c Release -o "$out" --nologo "${args[@]}"
