#!/usr/bin/env bash
# The picture benchmark: bench/pictures/run.sh [COUNT] [WIDTH HEIGHT]   (defaults: 200 4000 3000)
# Writes COUNT photographs (bcs-bench photos; every third stored on its side with EXIF
# orientation 6), then times, with GNU time: our build with a cold picture cache, again with
# the warm cache, a WebP-only build (the formats Hugo 0.111 can write) with a cold cache, and
# Hugo's image processing on the same photos (WebP at 480/960/1440 and a JPEG at 1440) with a
# cold and a warm resources/_gen. Runs the README's build command, ./backcaresite (the native
# executable when a C toolchain links it). Needs Hugo and GNU time (apt-get install -y hugo time).
set -euo pipefail
cd "$(dirname "$0")/../.."
count=${1:-200}; width=${2:-4000}; height=${3:-3000}
work=bench/.work/pictures
rm -rf "$work" && mkdir -p "$work"
dotnet run --project bench -c Release -- photos "$count" "$work" --size "$width" "$height"
BCS_LAUNCHER_PRINT=1 ./backcaresite >/dev/null   # publishes the generator first, when the launcher has none for these sources
cp -r bench/pictures/hugo/. "$work/hugo/"

timed() { local label=$1; shift; /usr/bin/time -f "$label: %e s wall, %U+%S s CPU, %M KB peak" "$@" >"$work/$label.log" 2>&1 || { cat "$work/$label.log"; exit 1; }; tail -n 1 "$work/$label.log"; }
bytes() { find "$1" -name "*.$2" -printf '%s\n' | awk -v what="$3 .$2" '{ n++; s += $1 } END { printf "%s: %d files, %.1f MB\n", what, n, s / 1048576 }'; }
ours() { local label=$1 cache=$2; timed "$label" ./backcaresite build --content "$work/site" --out "$work/$label-out" --cache-dir "$work/$cache" --timings; grep "pictures:" "$work/$label.log"; }

ours ours-cold cache
ours ours-warm cache
bytes "$work/ours-cold-out/media/photos" avif ours; bytes "$work/ours-cold-out/media/photos" webp ours
printf 'pictures:\n  formats: [webp]\n' >>"$work/site/site.yml"
ours ours-webp-cold cache-webp
timed hugo-cold hugo --source "$work/hugo" --destination "$(pwd)/$work/hugo-out" --quiet
timed hugo-warm hugo --source "$work/hugo" --destination "$(pwd)/$work/hugo-out" --quiet
bytes "$work/hugo-out" webp hugo
