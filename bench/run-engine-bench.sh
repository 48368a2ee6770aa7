#!/usr/bin/env bash
# Runs the engine and indexing benchmarks of bench/RESULTS.md inside the build root, each
# scenario against its own signalhub-testserver process (so the client's CPU and memory are
# its own). Build first with tools/build.
#
#   bench/run-engine-bench.sh [SCENARIO...]     (default: a b c d e)
#
# Scenarios (trees are made under /tmp when missing):
#   a        latency 50 ms, batch 100, concurrency 5, 20,000 chunks (bound 10,000/s)
#   b        latency 0: the client's own ceiling, 20,000 chunks
#   c        1,000,000 TPM over a real 60 s window, ~2.5 minutes, limit learned from headers
#   c-told   the same rate over a 10 s window (166,667 tokens), --tpm 1000000 given to the client
#   d        batch x concurrency 1x1, 100x1, 100x5 at latency 50 ms
#   e        the server takes 32 inputs per request (413, then 422)
#   rss      indexing 20k and 200k distinct 1536-d chunks: peak RSS, bytes per chunk, writes
#   rerun    /usr/include indexed, then again unchanged
#   local    the built-in model on a real tree, end to end
#   pipeline scan + chunk + count against highlighting alone
# Results: one JSON object per run appended to $BENCH_OUT (/tmp/bench-results.jsonl).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
if [ "${1:-}" != --inside ]; then
    exec "$repo/tools/buildroot" run -- bash "$repo/bench/run-engine-bench.sh" --inside "$@"
fi
shift
build=${SIGNALHUB_BUILD_DIR:-$repo/build/dev}
bin=$build/bench
out=${BENCH_OUT:-/tmp/bench-results.jsonl}
include=/tmp/bench-include
[ $# -gt 0 ] || set -- a b c d e

[ -d "$include" ] || cp -a /usr/include "$include"
[ -d /tmp/bench-synth-20k ] || python3 "$repo/bench/make-synthetic-tree.py" /tmp/bench-synth-20k 20000
[ -d /tmp/bench-synth-200k ] || python3 "$repo/bench/make-synthetic-tree.py" /tmp/bench-synth-200k 200000

server_pid=
keep_server=
url=
start_server() {
    local portfile
    portfile=$(mktemp)
    "$build/bin/signalhub-testserver" "$@" >"$portfile" &
    server_pid=$!
    for _ in $(seq 100); do
        [ -s "$portfile" ] && break
        sleep 0.05
    done
    url="http://127.0.0.1:$(head -1 "$portfile")/v1"
    rm -f "$portfile"
    echo "## server: signalhub-testserver $*"
}
stop_server() {
    [ -n "$server_pid" ] || return 0
    # utime + stime of the server process, in seconds (clock ticks of 1/100 s)
    echo "## server CPU $(awk '{ printf "%.2f", ($14 + $15) / 100 }' "/proc/$server_pid/stat") s"
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=
}
trap stop_server EXIT

# Prints what a bench prints and appends its JSON lines to $out.
keep_json() {
    local line
    while IFS= read -r line; do
        printf '%s\n' "$line"
        case $line in "{"*) printf '%s\n' "$line" >>"$out" ;; esac
    done
}

# engine LABEL "SERVER ARGS" BENCH ARGS...
engine() {
    local label=$1 server_args=$2
    shift 2
    # shellcheck disable=SC2086
    start_server $server_args
    echo "## bench_engine $include --url $url $*"
    "$bin/bench_engine" "$include" --url "$url" --label "$label" --db "/tmp/bench-engine-$label.db" "$@" |
        keep_json || echo "## bench_engine exited with failures"
    stop_server
    rm -f "/tmp/bench-engine-$label.db"*
}

# index LABEL "SERVER ARGS" BENCH_INDEX ARGS... (server args empty: no server)
index() {
    local label=$1 server_args=$2
    shift 2
    local extra=()
    if [ -n "$server_args" ]; then
        # shellcheck disable=SC2086
        [ -n "$server_pid" ] || start_server $server_args
        extra=(--provider openai --base-url "$url" --model text-embedding-3-small --dimensions 1536)
    fi
    echo "## bench_index ${extra[*]} $*"
    # Exit code 1 (unreadable files, failed chunks) is a figure, not a reason to stop.
    "$bin/bench_index" --label "$label" "${extra[@]}" "$@" | keep_json || true
    [ -z "$server_args" ] || [ -n "$keep_server" ] || stop_server
}

for scenario in "$@"; do
    echo "# scenario $scenario ($(date -u +%H:%M:%S), load $(cut -d' ' -f1-3 /proc/loadavg))"
    case $scenario in
    a) engine a "--latency 50" --chunks 20000 --batch-size 100 --concurrency 5 --bound 10000 \
           --variants standard,fast-decode --rounds 2 ;;
    b) engine b "--latency 0" --chunks 20000 --batch-size 100 --concurrency 5 --profile \
           --variants standard,fast-decode --rounds 2 ;;
    c) engine c "--latency 50 --tpm 1000000 --rate-window 60" --chunks 5000 --batch-size 100 \
           --concurrency 5 --server-tpm 1000000 --server-window 60 ;;
    c-told) engine c-told "--latency 50 --tpm 166667 --rate-window 10" --chunks 5000 --batch-size 100 \
           --concurrency 5 --tpm 1000000 --server-tpm 166667 --server-window 10 ;;
    d)
        engine d-1x1 "--latency 50" --chunks 400 --batch-size 1 --concurrency 1 --bound 20
        engine d-100x1 "--latency 50" --chunks 20000 --batch-size 100 --concurrency 1 --bound 2000
        engine d-100x5 "--latency 50" --chunks 20000 --batch-size 100 --concurrency 5 --bound 10000
        ;;
    e)
        engine e-413 "--latency 50 --max-batch 32 --batch-limit-status 413" --chunks 5000 --batch-size 100 --concurrency 5
        engine e-422 "--latency 50 --max-batch 32 --batch-limit-status 422" --chunks 5000 --batch-size 100 --concurrency 5
        ;;
    rss)
        for n in 20k 200k; do
            index "rss-$n" "--latency 0" /tmp/bench-synth-$n --db /tmp/bench-rss-$n.db --fresh \
                --chunk-tokens 64 --batch-size 100 --concurrency 5
            rm -f /tmp/bench-rss-$n.db*
        done
        ;;
    rerun)
        # One server for both runs: its URL (port included) is part of the embedding space.
        keep_server=1
        index rerun-first "--latency 0" "$include" --db /tmp/bench-rerun.db --fresh --batch-size 100 --concurrency 5
        index rerun-unchanged "--latency 0" "$include" --db /tmp/bench-rerun.db --batch-size 100 --concurrency 5
        keep_server=
        stop_server
        rm -f /tmp/bench-rerun.db*
        ;;
    local)
        index local "" "${LOCAL_TREE:-$include/linux/netfilter}" --db /tmp/bench-local.db --fresh --provider local
        rm -f /tmp/bench-local.db*
        ;;
    pipeline) "$bin/bench_pipeline" "$include" --rounds 2 ;;
    *) echo "unknown scenario $scenario" >&2; exit 2 ;;
    esac
done
