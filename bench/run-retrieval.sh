#!/usr/bin/env bash
# The retrieval benchmark of bench/RESULTS.md, inside the build root (which has manpages-dev):
# copies the C library's headers there to a corpus folder, writes the queries from the
# manual pages (make-retrieval-set.py), indexes the corpus with the built-in model and runs
# bench_retrieval for the three search modes. Build first with tools/build.
#
#   bench/run-retrieval.sh [WORKDIR [INDEX FLAGS...]]   (default /tmp/signalhub-retrieval)
#
# INDEX FLAGS go to the index run, e.g. --model minilm-int8 for the fast built-in model (with a
# WORKDIR of its own: an index keeps the model it was made with).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
if [ "${1:-}" != --inside ]; then
    exec "$repo/tools/buildroot" run -- bash "$repo/bench/run-retrieval.sh" --inside "$@"
fi
shift
build=${SIGNALHUB_BUILD_DIR:-$repo/build/dev}
work=${1:-/tmp/signalhub-retrieval}
shift || true
corpus=$work/corpus

if [ ! -d "$corpus" ]; then
    mkdir -p "$corpus/x86_64-linux-gnu"
    cp /usr/include/*.h "$corpus/"
    cp -r /usr/include/x86_64-linux-gnu/sys /usr/include/x86_64-linux-gnu/bits "$corpus/x86_64-linux-gnu/"
    cp -r /usr/include/arpa /usr/include/netinet /usr/include/net "$corpus/"
fi
python3 "$repo/bench/make-retrieval-set.py" "$corpus" "$work/queries.jsonl"
"$build/bin/signalhub-cli" index "$corpus" --db "$work/index.sqlite" --quiet "$@"
"$build/bench/bench_retrieval" --db "$work/index.sqlite" --queries "$work/queries.jsonl" \
    --root "$corpus"
