#!/usr/bin/env bash
# Builds the site on Netlify (and locally, to try it): makes sure a .NET SDK
# that satisfies global.json is on PATH, installing the pinned one only when
# none is, then runs the README's build command, ./backcaresite.
#
# On Netlify the SDK it installs, the generator ./backcaresite publishes and the
# encoded pictures are kept in Netlify's build cache folder, which outlives a build: a build that
# changes only content downloads and compiles nothing and starts the generator
# at once (docs/deploying.md).
#
# Environment (Netlify sets all but the last):
#   CONTEXT           production, deploy-preview or branch-deploy
#   URL               the site's main address (production)
#   DEPLOY_PRIME_URL  the address of this deploy (previews and branch deploys)
#   NETLIFY_CACHE_DIR the build cache folder (else $NETLIFY_BUILD_BASE/cache)
#   BCS_OUT           output folder (default: public, netlify.toml's publish)
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

out="${BCS_OUT:-public}"
context="${CONTEXT:-production}"

# Netlify's build cache folder, when this is a Netlify build; elsewhere the SDK
# goes to $HOME/.dotnet and the generator to the repository's .cache/.
netlify_cache="${NETLIFY_CACHE_DIR:-${NETLIFY_BUILD_BASE:+$NETLIFY_BUILD_BASE/cache}}"
install_dir="$HOME/.dotnet"
if [ -n "$netlify_cache" ]; then
  install_dir="$netlify_cache/dotnet"
  export BCS_LAUNCHER_CACHE="$netlify_cache/backcaresite"
  # An SDK a previous build installed there counts as one on PATH.
  if [ -x "$install_dir/dotnet" ]; then
    export DOTNET_ROOT="$install_dir"
    export PATH="$install_dir:$PATH"
  fi
fi

# The SDK global.json asks for, and its roll-forward policy (latestMinor: the
# same major version, any later minor version or feature band).
wanted=$(sed -n 's/.*"version"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' global.json | head -n 1)
policy=$(sed -n 's/.*"rollForward"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' global.json | head -n 1)
if [ -z "$wanted" ] || [ "$policy" != "latestMinor" ]; then
  echo "netlify-build: global.json must pin sdk.version with rollForward latestMinor" >&2
  exit 1
fi

# Succeeds when `dotnet` on PATH resolves an SDK for this repository (the host
# applies global.json itself) and that SDK satisfies the pin.
sdk_matches() {
  command -v dotnet >/dev/null 2>&1 || return 1
  local have
  have=$(dotnet --version 2>/dev/null) || return 1
  local w_major w_minor w_patch h_major h_minor h_patch
  IFS=. read -r w_major w_minor w_patch <<<"${wanted%%-*}"
  IFS=. read -r h_major h_minor h_patch <<<"${have%%-*}"
  [ "$h_major" = "$w_major" ] || return 1
  [ "$h_minor" -gt "$w_minor" ] && return 0
  [ "$h_minor" -eq "$w_minor" ] && [ "$h_patch" -ge "$w_patch" ]
}

if sdk_matches; then
  echo "netlify-build: using .NET SDK $(dotnet --version) from $(command -v dotnet)"
else
  echo "netlify-build: installing .NET SDK $wanted into $install_dir"
  installer=$(mktemp)
  trap 'rm -f "$installer"' EXIT
  curl -sSfL --retry 3 https://dot.net/v1/dotnet-install.sh -o "$installer"
  bash "$installer" --jsonfile global.json --install-dir "$install_dir" --no-path
  export DOTNET_ROOT="$install_dir"
  export PATH="$install_dir:$PATH"
  if ! sdk_matches; then
    echo "netlify-build: the installed SDK does not satisfy global.json ($wanted)" >&2
    exit 1
  fi
fi

# The npm tools the build uses (the CMS bundle it copies into admin/), exactly as locked.
if command -v npm >/dev/null 2>&1; then
  echo "netlify-build: npm ci"
  npm ci --no-audit --no-fund
else
  echo "netlify-build: npm is not installed; /admin/ will say the content manager is missing" >&2
fi
# CI=true makes a missing or failed search index (Pagefind, installed by npm ci) fail the build.
export CI=true

args=(build --out "$out")
# The encoded pictures (AVIF, WebP, social cards) are kept by content hash: on Netlify in the
# build cache folder, so a deploy encodes only new or changed pictures.
if [ -n "$netlify_cache" ]; then
  args+=(--cache-dir "$netlify_cache/pictures")
fi
case "$context" in
  deploy-preview)
    base_url="${DEPLOY_PRIME_URL:-${URL:-}}"
    args+=(--drafts)
    ;;
  branch-deploy)
    base_url="${DEPLOY_PRIME_URL:-${URL:-}}"
    ;;
  *)
    base_url="${URL:-}"
    ;;
esac
if [ -n "$base_url" ]; then
  args+=(--base-url "$base_url")
fi

echo "netlify-build: ./backcaresite ${args[*]}"
exec ./backcaresite "${args[@]}"
