#!/usr/bin/env bash
# Builds the sample site, serves it locally and writes screenshots of each page
# type at 375 and 1280 px into .quality/screenshots/ (not committed), printing
# each page's height. Needs the tools scripts/quality.sh installs in .quality/.
# Usage: scripts/screenshots.sh [PORT]
set -euo pipefail
cd "$(dirname "$0")/.."
port="${1:-8792}"
site=".quality/shots-site"
[ -d .quality/node_modules/puppeteer-core ] || { echo "screenshots: run scripts/quality.sh once first (it installs the tools)" >&2; exit 2; }
dotnet run --project generator -- build --out "$site" --base-url "http://127.0.0.1:$port" >/dev/null
node scripts/screenshots.mjs "$site" "$port"
