#!/usr/bin/env bash
# Link-checker benchmark: generates a synthetic static site (10,000 article pages by default),
# checks it with `backcaresite check`, prints pages per second, and times the npm `hyperlink`
# checker on the same folder for comparison. Run from anywhere; writes only under bench/out/
# and bench/linkcheck/tools/node_modules (both git-ignored).
#
#   bench/linkcheck/run.sh [PAGES] [--no-hyperlink]
set -euo pipefail
cd "$(dirname "$0")/../.."
pages="${1:-10000}"
site="bench/out/site-$pages"
bin="bench/out/bin"

echo "machine: $(nproc) cores; load before: $(uptime | sed 's/.*load average: //')"

if [ ! -f "$site/index.html" ]; then
  python3 bench/linkcheck/generate.py "$site" "$pages"
fi
html=$(find "$site" -name '*.html' | wc -l)
echo "site: $html pages, $(find "$site" -type f | wc -l) files, $(du -sh "$site" | cut -f1)"

# The native executable, as the build benchmark times it (needs clang or gcc; see the script).
scripts/publish-native.sh "$bin" > /dev/null

# Runs a command with its output in bench/out/last-run.txt; sets $t (wall seconds), $cpu (user + system
# CPU seconds) and $rc (exit code).
timed() {
  set +e; /usr/bin/time -f "%e %U %S" -o bench/out/last-time.txt "$@" > bench/out/last-run.txt 2>&1; rc=$?; set -e
  read -r t user sys < <(tail -1 bench/out/last-time.txt)
  cpu=$(echo "$user + $sys" | bc)
}

for run in 1 2 3; do
  timed "$bin/backcaresite" check "$site" --base-url https://bench.example/
  echo "backcaresite check, run $run: $t s wall, $cpu s CPU, exit $rc, $(echo "scale=0; $html / $t" | bc) pages/s; $(grep '^Checked' bench/out/last-run.txt)"
done
echo "load after: $(uptime | sed 's/.*load average: //')"

if [ "${2:-}" != "--no-hyperlink" ]; then
  if [ ! -x bench/linkcheck/tools/node_modules/.bin/hyperlink ]; then
    (cd bench/linkcheck/tools && npm install --no-audit --no-fund --silent)
  fi
  timed bench/linkcheck/tools/node_modules/.bin/hyperlink --internal --recursive --canonicalroot https://bench.example/ --root "$site" "$site/index.html"
  echo "hyperlink --internal --recursive: $t s wall, $cpu s CPU, exit $rc, $(echo "scale=0; $html / $t" | bc) pages/s; $(grep -E '^# (tests|pass|fail)' bench/out/last-run.txt | tr '\n' ' ')"
  echo "load after: $(uptime | sed 's/.*load average: //')"
fi
