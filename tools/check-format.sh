#!/bin/sh
# Fails when a C++ file of the project differs from what the pinned clang-format makes of it
# (another clang-format version formats differently, so only clang-format-19 is used).
# Usage: check-format.sh SOURCE_DIR [CLANG_FORMAT]
set -eu
src=$1
tool=${2:-clang-format-19}
if ! command -v "$tool" >/dev/null 2>&1; then
    echo "check-format: $tool not found; install clang-format-19 (the build root has it)" >&2
    exit 1
fi
cd "$src"
# tests/data holds fixtures whose exact bytes the tests check.
find . -path ./build -prune -o -path ./tests/data -prune -o -path './.*' -prune -o \( -name '*.cpp' -o -name '*.h' \) -print |
    sort | xargs "$tool" --dry-run --Werror
echo "check-format: every C++ file is formatted"
