#!/usr/bin/env bash
# Quality checks of the built sample site, beyond the test suite:
#   1. the Nu Html Checker (npm `vnu-jar`, needs Java) over every page: must be 0 errors;
#   2. Lighthouse (npm `lighthouse`, with Debian's Chromium) on the home page, an
#      article, an exercise, the exercise index and the red-flag checker, served
#      locally: prints the four category scores.
# Tools are installed into .quality/ (gitignored) the first time.
# Usage: scripts/quality.sh [PORT]      Exit code 1 when vnu finds errors or a
# Lighthouse score is under its target (100 accessibility, best practices and
# SEO; 95 performance).
set -euo pipefail
cd "$(dirname "$0")/.."

port="${1:-8791}"
tools=".quality"
site="$tools/site"
reports="$tools/reports"
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
pages=("/" "/articles/staying-active-with-back-pain/" "/exercises/knee-rolls/" "/exercises/" "/red-flags/")
# Pinned: lighthouse 13 wants Node 22; vnu-jar's checker changes with its version.
vnu_version="26.9.27"
lighthouse_version="12.2.3"

command -v java >/dev/null || { echo "quality: java is needed for the Nu Html Checker (apt-get install default-jre-headless)" >&2; exit 2; }
command -v npm >/dev/null || { echo "quality: npm is needed (apt-get install npm)" >&2; exit 2; }
[ -x "$CHROME_PATH" ] || { echo "quality: Chromium not found at $CHROME_PATH (apt-get install chromium)" >&2; exit 2; }

mkdir -p "$tools" "$reports"
if [ ! -f "$tools/node_modules/vnu-jar/build/dist/vnu.jar" ] || [ ! -x "$tools/node_modules/.bin/lighthouse" ]; then
  echo "== installing vnu-jar and lighthouse into $tools/"
  [ -f "$tools/package.json" ] || echo '{ "private": true }' > "$tools/package.json"
  (cd "$tools" && npm install --no-audit --no-fund --silent --save-exact "vnu-jar@$vnu_version" "lighthouse@$lighthouse_version")
fi

echo "== building the site for http://127.0.0.1:$port"
dotnet run --project generator -- build --out "$site" --base-url "http://127.0.0.1:$port"

echo "== Nu Html Checker"
mapfile -t html < <(find "$site" -name '*.html' | sort)
status=0
if java -jar "$tools/node_modules/vnu-jar/build/dist/vnu.jar" --errors-only --format gnu "${html[@]}"; then
  echo "vnu: 0 errors in ${#html[@]} pages"
else
  echo "vnu: errors found (above)"
  status=1
fi

echo "== Lighthouse"
# Served gzip-compressed, as the production host serves it (scripts/quality-server.py).
python3 scripts/quality-server.py "$site" "$port" >/dev/null 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/')" 2>/dev/null && break
  sleep 0.2
done

# Performance varies from run to run on a busy machine: each page is measured
# LIGHTHOUSE_RUNS times (default 3) and the median of each score is reported.
runs="${LIGHTHOUSE_RUNS:-3}"
for path in "${pages[@]}"; do
  name=$(echo "${path}" | tr '/' '_' | sed 's/^_*//; s/_*$//')
  name="${name:-home}"
  files=()
  for run in $(seq 1 "$runs"); do
    "$tools/node_modules/.bin/lighthouse" "http://127.0.0.1:$port$path" \
      --quiet --output=json --output-path="$reports/$name-$run.json" \
      --only-categories=performance,accessibility,best-practices,seo \
      --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"
    files+=("$(pwd)/$reports/$name-$run.json")
  done
  node -e '
    const [path, ...files] = process.argv.slice(1);
    const reports = files.map(f => require(f));
    const keys = ["performance", "accessibility", "best-practices", "seo"];
    const median = xs => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
    const scores = Object.fromEntries(keys.map(k => [k, median(reports.map(r => Math.round(r.categories[k].score * 100)))]));
    const all = keys.map(k => `${k} ${scores[k]}`).join("  ");
    const perf = reports.map(r => Math.round(r.categories.performance.score * 100)).join("/");
    console.log(path.padEnd(42), all, ` (performance per run: ${perf})`);
    const failed = keys.filter(k => scores[k] < (k === "performance" ? 95 : 100));
    const report = reports.find(r => Math.round(r.categories.performance.score * 100) === scores.performance) || reports[0];
    for (const k of failed) for (const ref of report.categories[k].auditRefs) {
      const a = report.audits[ref.id];
      if (ref.weight > 0 && a.score !== null && a.score < 1) console.log(`    ${k}: ${a.id}: ${a.title} ${a.displayValue || ""}`);
    }
    process.exit(failed.length ? 1 : 0);
  ' "$path" "${files[@]}" || status=1
done

exit "$status"
