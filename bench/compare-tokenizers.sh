#!/usr/bin/env bash
# BpeTokenizer against the npm tiktoken package on one text: runs bench_tokenizer (in the
# build root) and bench-tiktoken.mjs (node, on the host) in turn, ROUNDS times, alternating
# so that the load of a shared machine falls on both alike, and prints the best figures of
# each with their ratio. Build first (tools/build).
#
#   bench/compare-tokenizers.sh [FOLDER_OR_FILE] [ROUNDS]
#
# FOLDER_OR_FILE defaults to /usr/include (its *.h files, not recursive). It is copied under
# /tmp first, as the build root has its own /usr/include.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
target=${1:-/usr/include}
rounds=${2:-3}
build=${SIGNALHUB_BUILD_DIR:-$repo/build/dev}

work=$(mktemp -d /tmp/compare-tokenizers.XXXXXX)
trap 'rm -rf "$work"' EXIT
if [ -d "$target" ]; then
    mkdir "$work/corpus"
    cp -L "$target"/*.h "$work/corpus/" # symbolic links count, as in both benchmarks
    corpus=$work/corpus
else
    cp "$target" "$work/corpus.txt"
    corpus=$work/corpus.txt
fi

for ((round = 0; round < rounds; ++round)); do
    "$repo/tools/buildroot" run -- "$build/bench/bench_tokenizer" "$corpus" --repeat 3 |
        sed 's/^/BpeTokenizer /' >>"$work/results"
    node "$repo/bench/bench-tiktoken.mjs" "$corpus" --repeat 3 |
        sed 's/^/tiktoken /' >>"$work/results"
done
grep -m1 '^BpeTokenizer corpus' "$work/results" |
    sed -e "s|^BpeTokenizer corpus [^:]*|corpus $target|" -e 's/, best of.*//'
echo "best of $rounds rounds x 3 runs each; MB/s of UTF-8 text, wall clock and process CPU time"

# Lines: "<tool> <encoding> <mode>: <n> tokens, <s> s, <x> MB/s, cpu <s> s, <y> MB/s"
awk '
    / tokens, / {
        tool = $1; key = $2 " " substr($3, 1, length($3) - 1)
        split($0, f, ", ")
        split(f[1], head, " "); tokens = head[4]
        split(f[3], wall, " "); split(f[5], cpu, " ")
        if (!(key in order)) { order[key] = ++n; keys[n] = key }
        if (wall[1] > bestWall[tool, key]) bestWall[tool, key] = wall[1]
        if (cpu[1] > bestCpu[tool, key]) bestCpu[tool, key] = cpu[1]
        count[tool, key] = tokens
    }
    END {
        printf "%-20s %9s %21s %21s %15s\n", "", "tokens", "BpeTokenizer MB/s", "tiktoken MB/s", "ratio"
        printf "%-20s %9s %21s %21s %15s\n", "", "", "wall / cpu", "wall / cpu", "wall / cpu"
        for (i = 1; i <= n; ++i) {
            k = keys[i]
            a = "BpeTokenizer"; b = "tiktoken"
            flag = count[a, k] == count[b, k] ? "" : "  TOKEN COUNTS DIFFER: " count[b, k]
            printf "%-20s %9s %10.2f / %8.2f %10.2f / %8.2f %6.1fx / %5.1fx%s\n", k, count[a, k],
                bestWall[a, k], bestCpu[a, k], bestWall[b, k], bestCpu[b, k],
                bestWall[a, k] / bestWall[b, k], bestCpu[a, k] / bestCpu[b, k], flag
        }
    }' "$work/results"
