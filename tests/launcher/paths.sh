#!/usr/bin/env bash
# tools/signalhub, the launcher a user runs, makes the paths it is given visible inside the
# build root at the paths the user named, including file systems mounted below them, and
# leaves them untouched; what it cannot make visible it refuses, naming the path.
#
# CTest runs inside the build root, where the launcher runs the program directly, so
# tools/test runs this on the host first. It needs the build (SIGNALHUB_BUILD_DIR, default
# build/dev); on a host that needs no build root there is nothing to test.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../tools/lib.sh"

LAUNCHER=$SH_REPO/tools/signalhub
export SIGNALHUB_NO_BUILD=1 SIGNALHUB_BUILD_DIR=$SH_BUILD_DIR
FAILED=0

pass() { printf 'launcher test: PASS %s\n' "$1"; }
fail() {
    printf 'launcher test: FAIL %s: %s\n' "$1" "$2"
    sed 's/^/    /' "$SCRATCH/err" 2>/dev/null || true
    FAILED=$((FAILED + 1))
}

# Runs the launcher; RC is its exit code, its output is in $SCRATCH/out and $SCRATCH/err.
launch() {
    RC=0
    "$LAUNCHER" "$@" >"$SCRATCH/out" 2>"$SCRATCH/err" || RC=$?
}

mtime() { stat -c %y -- "$1"; }

# An index that was never given a --db lands in XDG_DATA_HOME; keep it in the scratch folder.
setup_env() {
    export XDG_DATA_HOME=$SCRATCH/data XDG_CONFIG_HOME=$SCRATCH/config
    # The tests read English output, whatever the locale of who runs them.
    export LANG=C.UTF-8
    unset LC_ALL LANGUAGE SIGNALHUB_LOCALE
    mkdir -p "$SCRATCH/empty"
}

# /var/tmp is none of the folders the build root always shows (the repository, the build
# folder, $HOME, /tmp, the current folder).
test_db_outside_bound_folders() {
    local db="$OUTSIDE/new folder/index.sqlite"
    launch index "$SCRATCH/empty" --db "$db" --quiet
    if [ "$RC" -ne 0 ]; then fail "${FUNCNAME[0]}" "exit $RC"
    elif [ ! -s "$db" ]; then fail "${FUNCNAME[0]}" "exit 0 but no $db"
    else pass "${FUNCNAME[0]}"; fi
}

test_output_outside_bound_folders() {
    local csv="$OUTSIDE/report.csv"
    launch report --format csv -o "$csv" "--db=$OUTSIDE/new folder/index.sqlite"
    if [ "$RC" -ne 0 ]; then fail "${FUNCNAME[0]}" "exit $RC"
    elif [ ! -s "$csv" ]; then fail "${FUNCNAME[0]}" "exit 0 but no $csv"
    else pass "${FUNCNAME[0]}"; fi
}

# A folder indexed outside the folders the root always shows: search reads its hits' lines
# from the files, so the launcher shows the database's folders too (keyword mode: no model).
test_search_reads_folders_outside_bound_folders() {
    local project="$OUTSIDE/project" db="$SCRATCH/search.sqlite"
    mkdir -p "$project"
    printf 'int parseJsonString(const char *text);\n' >"$project/parser.h"
    launch index "$project" --db "$db" --quiet
    if [ "$RC" -ne 0 ]; then fail "${FUNCNAME[0]}" "index: exit $RC"; return; fi
    launch search "parse json string" --mode keyword --json --db "$db"
    if [ "$RC" -ne 0 ]; then fail "${FUNCNAME[0]}" "search: exit $RC"
    elif ! grep -qF '"snippet":"int parseJsonString(const char *text);' "$SCRATCH/out"; then
        fail "${FUNCNAME[0]}" "the hit's lines were not read: $(cat "$SCRATCH/out")"
    elif grep -qF '"stale":true' "$SCRATCH/out"; then fail "${FUNCNAME[0]}" "the hit is marked stale: $(cat "$SCRATCH/out")"
    else pass "${FUNCNAME[0]}"; fi
}

# Files inside a folder the root shows anyway (/tmp) and outside one; a source tree's
# timestamps drive builds, so binding must not change them.
test_arguments_keep_their_mtime() {
    local files=("$SCRATCH/in-tmp.txt" "$OUTSIDE/outside.txt" "$OUTSIDE/folder/inside.txt")
    local file before=() after=() i
    mkdir -p "$OUTSIDE/folder"
    for file in "${files[@]}"; do
        echo "some text to estimate" >"$file"
        touch -d '2001-02-03 04:05:06' "$file"
        before+=("$(mtime "$file")")
    done
    launch estimate "${files[0]}" "${files[1]}" "$OUTSIDE/folder" --quiet
    for i in "${!files[@]}"; do after+=("$(mtime "${files[i]}")"); done
    if [ "$RC" -ne 0 ]; then fail "${FUNCNAME[0]}" "exit $RC"
    elif [ "${before[*]}" != "${after[*]}" ]; then fail "${FUNCNAME[0]}" "mtimes ${before[*]} became ${after[*]}"
    else pass "${FUNCNAME[0]}"; fi
}

test_read_only_file_argument() {
    local files=("$SCRATCH/read-only.txt" "$OUTSIDE/read-only.txt") file
    for file in "${files[@]}"; do
        echo "read-only text" >"$file"
        chmod 444 "$file"
    done
    launch estimate "${files[@]}" --quiet
    if [ "$RC" -ne 0 ]; then fail "${FUNCNAME[0]}" "exit $RC"
    elif ! grep -q '^2 chunks' "$SCRATCH/out"; then fail "${FUNCNAME[0]}" "the files were not read: $(cat "$SCRATCH/out")"
    else pass "${FUNCNAME[0]}"; fi
}

# The build root knows no locale but C.UTF-8 and is entered with LANG=C.UTF-8; the user's own
# locale reaches the program all the same: here its German messages.
test_user_locale() {
    echo "some text to estimate" >"$SCRATCH/locale.txt"
    RC=0
    LANG=de_DE.UTF-8 "$LAUNCHER" estimate "$SCRATCH/locale.txt" >"$SCRATCH/out" 2>"$SCRATCH/err" || RC=$?
    if [ "$RC" -ne 0 ]; then fail "${FUNCNAME[0]}" "exit $RC"
    elif ! grep -q '^1 Chunk,' "$SCRATCH/out"; then fail "${FUNCNAME[0]}" "not in German: $(cat "$SCRATCH/out")"
    else pass "${FUNCNAME[0]}"; fi
}

# Binding a folder of the root's own system (here /usr, for a file that does not exist yet,
# or / when no folder above it exists) would replace the programs the command runs with.
test_refuses_what_it_cannot_show() {
    local db
    for db in "/usr/$(basename "$SCRATCH").sqlite" "/$(basename "$SCRATCH")-none/index.sqlite"; do
        launch index "$SCRATCH/empty" --db "$db" --quiet
        if [ "$RC" -eq 0 ]; then fail "${FUNCNAME[0]}" "--db $db: exit 0"; return
        elif ! grep -qF "cannot make $db visible" "$SCRATCH/err"; then fail "${FUNCNAME[0]}" "--db $db: the message does not name it"; return
        elif [ -e "$ROOT$db" ] || [ -e "$db" ]; then fail "${FUNCNAME[0]}" "--db $db: created anyway"; return
        fi
    done
    pass "${FUNCNAME[0]}"
}

# Another HOME (a user's sudo, a CI job): the checkout's build, its data files and build root
# are used as they are; nothing is fetched, nothing rebuilt, and the database lands in the new
# HOME's data folder. Fetching or creating a root would fail fast here rather than download.
test_other_home() {
    local home="$SCRATCH/other home" cache_before cache_after
    cache_before=$(stat -c %Y "$SH_BUILD_DIR/CMakeCache.txt")
    RC=0
    env -u SIGNALHUB_NO_BUILD -u SIGNALHUB_CACHE_DIR -u XDG_CACHE_HOME -u XDG_DATA_HOME \
        -u XDG_CONFIG_HOME HOME="$home" SIGNALHUB_DEBIAN_MIRROR=http://127.0.0.1:9/debian \
        npm_config_registry=http://127.0.0.1:9/ npm_config_fetch_retries=0 \
        "$LAUNCHER" index "$SCRATCH/empty" --quiet >"$SCRATCH/out" 2>"$SCRATCH/err" || RC=$?
    cache_after=$(stat -c %Y "$SH_BUILD_DIR/CMakeCache.txt")
    local db="$home/.local/share/signalhub/signalhub/signalhub.sqlite"
    if [ "$RC" -ne 0 ]; then fail "${FUNCNAME[0]}" "exit $RC"
    elif [ -e "$home/.cache/signalhub" ]; then fail "${FUNCNAME[0]}" "set up a new cache in $home/.cache/signalhub"
    elif [ "$cache_before" != "$cache_after" ]; then fail "${FUNCNAME[0]}" "the build was configured again"
    elif [ ! -s "$db" ]; then fail "${FUNCNAME[0]}" "exit 0 but no $db (the README's path)"
    else pass "${FUNCNAME[0]}"; fi
}

# In a mount namespace of our own: file systems mounted below /tmp, one of them read-only.
test_in_namespace() {
    local unshare=(unshare --mount --propagation private)
    [ "$(id -u)" -eq 0 ] || unshare=(unshare --user --map-root-user --mount --propagation private)
    if ! "${unshare[@]}" true 2>/dev/null; then
        echo "launcher test: SKIP mounts below /tmp (no mount namespace without root here)"
        return
    fi
    local rc=0
    "${unshare[@]}" -- "$0" __namespace "$SCRATCH" "$OUTSIDE" || rc=$?
    FAILED=$((FAILED + rc))
}

test_db_on_mount_below_tmp() {
    : >"$SCRATCH/err"
    mkdir -p "$SCRATCH/mnt"
    mount -t tmpfs signalhub-test "$SCRATCH/mnt" || { fail "${FUNCNAME[0]}" "cannot mount a tmpfs"; return; }
    local db="$SCRATCH/mnt/sub/index.sqlite"
    launch index "$SCRATCH/empty" --db "$db" --quiet
    if [ "$RC" -ne 0 ]; then fail "${FUNCNAME[0]}" "exit $RC"
    elif [ ! -s "$db" ]; then fail "${FUNCNAME[0]}" "exit 0 but no $db on the mounted file system"
    else pass "${FUNCNAME[0]}"; fi
}

test_file_on_read_only_mount() {
    : >"$SCRATCH/err"
    mkdir -p "$SCRATCH/ro"
    if ! { mount -t tmpfs signalhub-test "$SCRATCH/ro" &&
        echo "text on a read-only file system" >"$SCRATCH/ro/file.txt" &&
        mount -o remount,ro "$SCRATCH/ro"; }; then
        fail "${FUNCNAME[0]}" "cannot mount a read-only tmpfs"
        return
    fi
    # From inside it, as a user would: the current folder is bound before the arguments.
    (cd "$SCRATCH/ro" && launch estimate file.txt --quiet && echo "$RC" >"$SCRATCH/rc")
    RC=$(cat "$SCRATCH/rc")
    if [ "$RC" -ne 0 ]; then fail "${FUNCNAME[0]}" "exit $RC"
    elif ! grep -q '^1 chunk,' "$SCRATCH/out"; then fail "${FUNCNAME[0]}" "the file was not read: $(cat "$SCRATCH/out")"
    else pass "${FUNCNAME[0]}"; fi
}

cleanup() {
    rm -rf -- "$SCRATCH" "$OUTSIDE"
    # The mount point left in the root's own tree (before the fix: the misplaced files).
    rm -rf --one-file-system -- "${ROOT:?}$OUTSIDE"
    rm -f -- "/usr/$(basename "$SCRATCH").sqlite" "$ROOT/usr/$(basename "$SCRATCH").sqlite"
    rm -rf -- "$ROOT/$(basename "$SCRATCH")-none"
}

main() {
    if "$SH_REPO/tools/buildroot" native; then
        echo "launcher test: SKIP all (this host runs Signal Hub without the build root)"
        return 0
    fi
    [ -x "$SH_BUILD_DIR/bin/signalhub-cli" ] || sh_die "build first: $SH_BUILD_DIR/bin/signalhub-cli is missing"
    ROOT=$("$SH_REPO/tools/buildroot" path)
    SCRATCH=$(mktemp -d /tmp/signalhub-launcher-test.XXXXXX)
    OUTSIDE=$(mktemp -d /var/tmp/signalhub-launcher-test.XXXXXX)
    trap cleanup EXIT
    setup_env
    test_db_outside_bound_folders
    test_output_outside_bound_folders
    test_search_reads_folders_outside_bound_folders
    test_arguments_keep_their_mtime
    test_read_only_file_argument
    test_user_locale
    test_refuses_what_it_cannot_show
    test_other_home
    test_in_namespace
    [ "$FAILED" -eq 0 ] || { echo "launcher test: $FAILED failed"; return 1; }
}

if [ "${1:-}" = __namespace ]; then
    SCRATCH=$2 OUTSIDE=$3
    setup_env
    test_db_on_mount_below_tmp
    test_file_on_read_only_mount
    exit "$FAILED"
fi
main
