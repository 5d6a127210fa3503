#!/usr/bin/env bash
# Puts Debian's promtool (from the `prometheus` package) in a cache folder without installing the package:
# installing it would start a Prometheus server. scripts/test/observability*.test.ts looks for it there.
#   scripts/tools/promtool.sh        prints the binary's path (downloads it the first time)
# The folder is $HEALTH_TOOLS_DIR, default ~/.cache/health-tools; `npm ci` does not wipe it.
set -euo pipefail

dir="${HEALTH_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/health-tools}"
bin="$dir/prometheus/usr/bin/promtool"

if [ ! -x "$bin" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && apt-get download prometheus >/dev/null 2>&1) || {
    apt-get update -qq >/dev/null
    (cd "$work" && apt-get download prometheus >/dev/null)
  }
  mkdir -p "$dir/prometheus"
  dpkg -x "$work"/prometheus_*.deb "$dir/prometheus"
fi
"$bin" --version >/dev/null
echo "$bin"
