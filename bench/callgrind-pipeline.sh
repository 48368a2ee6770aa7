#!/usr/bin/env bash
# Instructions per MB of scan + chunk + count, and of highlighting alone, counted by callgrind
# (stable where seconds on shared cores are not). Each mode of bench_pipeline runs once in its
# own process; the set-up they share (reading the files, loading tokenizers and the model's
# hash) is measured alone and taken off. Build first with tools/build.
#
#   bench/callgrind-pipeline.sh [DIR=/tmp/cg-corpus] [MODE...]
#
# The default DIR is made from the build root's headers of libgit2, OpenSSL and libstdc++'s
# bits/ (394 files, 8 MB of C and C++). Modes: highlight estimate cl100k wordpiece.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
if [ "${1:-}" != --inside ]; then
    exec "$repo/tools/buildroot" run -- bash "$repo/bench/callgrind-pipeline.sh" --inside "$@"
fi
shift
bench=${SIGNALHUB_BUILD_DIR:-$repo/build/dev}/bench/bench_pipeline
dir=${1:-/tmp/cg-corpus}
[ $# -eq 0 ] || shift
[ $# -gt 0 ] || set -- highlight estimate cl100k wordpiece
if [ ! -d "$dir" ]; then
    mkdir -p "$dir"
    cp -r /usr/include/git2 /usr/include/openssl /usr/include/c++/14/bits "$dir/"
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# Prints the instructions a mode executed, after the mode's own line of output.
instructions() {
    valgrind --tool=callgrind --callgrind-out-file="$out/$1.out" "$bench" "$dir" --only "$1" \
        2>"$out/$1.log" | tail -n 1 >&2
    sed -n 's/^summary: //p' "$out/$1.out"
}

bytes=$("$bench" "$dir" --only none | sed -n 's/.*indexed, \([0-9]*\) bytes/\1/p')
base=$(instructions none 2>/dev/null)
highlight=
printf '%s: %s bytes; set-up %s instructions, taken off below\n' "$dir" "$bytes" "$base"
printf '%-10s %16s %14s %18s\n' mode instructions "per MB" "ratio to highlight"
for mode in "$@"; do
    total=$(instructions "$mode")
    own=$((total - base))
    [ "$mode" != highlight ] || highlight=$own
    ratio=-
    [ -z "$highlight" ] || ratio=$(awk -v h="$highlight" -v o="$own" 'BEGIN { printf "%.3f", h / o }')
    awk -v m="$mode" -v o="$own" -v b="$bytes" -v r="$ratio" \
        'BEGIN { printf "%-10s %16d %14d %18s\n", m, o, o / (b / 1e6), r }'
done
