#!/usr/bin/env bash
# The picture benchmark: bench/pictures/run.sh [COUNT] [WIDTH HEIGHT]   (defaults: 200 4000 3000)
# Writes COUNT photographs (bcs-bench photos), then times, with GNU time, our build with a cold
# picture cache, again with the warm cache, and Hugo's image processing on the same photos with
# a cold and a warm resources/_gen. Needs the native executable (scripts/publish-native.sh dist),
# Hugo (apt-get install -y hugo) and GNU time (apt-get install -y time).
set -euo pipefail
cd "$(dirname "$0")/../.."
count=${1:-200}; width=${2:-4000}; height=${3:-3000}
work=bench/.work/pictures
rm -rf "$work" && mkdir -p "$work"
dotnet run --project bench -c Release -- photos "$count" "$work" --size "$width" "$height"
[ -x dist/backcaresite ] || scripts/publish-native.sh dist >/dev/null
cp -r bench/pictures/hugo/. "$work/hugo/"

timed() { local label=$1; shift; /usr/bin/time -f "$label: %e s wall, %U+%S s CPU, %M KB peak" "$@" >"$work/$label.log" 2>&1 || { cat "$work/$label.log"; exit 1; }; tail -n 1 "$work/$label.log"; }
timed ours-cold dist/backcaresite build --content "$work/site" --out "$work/out" --cache-dir "$work/cache" --timings
grep "pictures:" "$work/ours-cold.log"
timed ours-warm dist/backcaresite build --content "$work/site" --out "$work/out" --cache-dir "$work/cache" --timings
grep "pictures:" "$work/ours-warm.log"
printf 'pictures:\n  formats: [webp]\n' >>"$work/site/site.yml"
timed ours-webp-cold dist/backcaresite build --content "$work/site" --out "$work/out" --cache-dir "$work/cache-webp" --timings
timed hugo-cold hugo --source "$work/hugo" --destination "$work/hugo-out" --quiet
timed hugo-warm hugo --source "$work/hugo" --destination "$work/hugo-out" --quiet
