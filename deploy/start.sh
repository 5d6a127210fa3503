#!/bin/sh
# The image's command: runs the process named by $SERVICE from the repository root.
#   SERVICE=router            the gateway (port 4000)
#   SERVICE=<subgraph>        subgraphs/<subgraph>/dist/main.mjs (auth, user, ...)
#   SERVICE=media-server      biz's local live engine, subgraphs/biz/dist/mediaServer.mjs
# Every process runs compiled at image build (scripts/bundle.mjs): plain Node, no tsx loader.
#   SERVICE=migrate           applies pending migrations to every subgraph database, then exits
# `exec` hands PID 1 (or tini's child, with `init: true`) to node, so SIGTERM reaches its shutdown handler.
set -eu
# How every compiled process runs (npm start reads the same file: scripts/nodeFlags.ts): its `--flag`
# words go on node's command line, its NAME=value words into the environment unless already set there.
RUNTIME_WORDS=$(grep -v '^[[:space:]]*#' "$(dirname "$0")/node-flags" | tr -s ' \t' '\n' || true)
NODE_FLAGS=$(printf '%s\n' "$RUNTIME_WORDS" | grep '^-' || true)
for setting in $(printf '%s\n' "$RUNTIME_WORDS" | grep '^[A-Za-z_][A-Za-z0-9_]*=' || true); do
  env | grep -q "^${setting%%=*}=" || export "$setting"
done
case "${SERVICE:-}" in
  router)
    exec node $NODE_FLAGS router/dist/main.mjs ;;
  media-server)
    # biz's local live engine (RTMP 1935, HTTP-FLV 8000, /health on $PORT): subgraphs/biz/README.md.
    exec node $NODE_FLAGS subgraphs/biz/dist/mediaServer.mjs ;;
  migrate)
    # Same as `npx tsx scripts/migrate.ts deploy`, without npm at run time.
    exec node --import tsx scripts/migrate.ts deploy ;;
  "")
    echo "start.sh: set SERVICE to router, migrate or a subgraph name (one of: $(ls subgraphs | tr '\n' ' '))" >&2
    exit 64 ;;
  *)
    if [ ! -f "subgraphs/${SERVICE}/dist/main.mjs" ]; then
      echo "start.sh: unknown SERVICE '${SERVICE}': no subgraphs/${SERVICE}/dist/main.mjs (known: $(ls subgraphs | tr '\n' ' '))" >&2
      exit 64
    fi
    exec node $NODE_FLAGS "subgraphs/${SERVICE}/dist/main.mjs" ;;
esac
