#!/usr/bin/env bash
# Node packages the SPARQL client tests use: Comunica (@comunica/query-sparql), installed from npm into
# tests/.node/ (a project-local folder, never global). Idempotent: does nothing when it is there already.
# tests/test_sparql_clients.py runs this itself; run it by hand to install ahead (needs node and npm).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
prefix="$here/.node"
bin="$prefix/node_modules/.bin/comunica-sparql"

if [[ -x "$bin" ]]; then
    echo "comunica is present: $bin"
    exit 0
fi
for tool in node npm; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "$tool is not installed; install Node.js 18 or later (e.g. apt-get install nodejs npm)" >&2
        exit 1
    fi
done

mkdir -p "$prefix"
npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error @comunica/query-sparql@4
test -x "$bin" && echo "comunica installed: $bin"
