# Shared by the tools/ scripts: where things live and how to reach the build root.
# shellcheck shell=bash

# CI may start us without HOME; the cache and the build root's binds need one.
if [ -z "${HOME:-}" ]; then
    HOME=$(getent passwd "$(id -u)" | cut -d: -f6)
    export HOME
fi
SH_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
SH_BUILD_DIR="${SIGNALHUB_BUILD_DIR:-$SH_REPO/build/dev}"

# The cache (data files, build root) the build was configured with: its data files' folder
# is recorded in CMakeCache.txt. Run with another HOME, the tools keep using it rather than
# fetching and building everything again under the new HOME.
sh_build_cache() {
    local assets
    assets=$(sed -n 's/^SIGNALHUB_ASSETS_PREFIX:PATH=//p' "$SH_BUILD_DIR/CMakeCache.txt" 2>/dev/null || true)
    case "$assets" in */assets-*) ;; *) return 0 ;; esac
    [ -d "$assets" ] && [ -w "$(dirname "$assets")" ] && dirname "$assets"
    return 0
}
SH_CACHE="${SIGNALHUB_CACHE_DIR:-$(sh_build_cache)}"
SH_CACHE="${SH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/signalhub}"

sh_say() { printf 'signalhub: %s\n' "$*" >&2; }
sh_die() { printf 'signalhub: %s\n' "$*" >&2; exit "${2:-2}"; }

# Hash of a file's meaningful lines, so comments and blank lines do not make a new root.
sh_list_hash() { grep -v '^[[:space:]]*\(#\|$\)' "$1" | sha256sum | cut -c1-16; }

# Removes a half-made directory left by an interrupted run, never crossing into a mount
# that a killed process left behind inside it.
sh_remove_partial() {
    local dir=$1 mnt
    [ -e "$dir" ] || return 0
    while read -r mnt; do
        umount -l "$mnt" 2>/dev/null || true
    done < <(awk -v d="$dir" 'index($2, d) == 1 { print $2 }' /proc/self/mounts | sort -r)
    rm -rf --one-file-system "$dir" 2>/dev/null || rm -rf "$dir"
}

# Partial directories whose creating process is gone are left-overs of an interrupted run.
sh_remove_stale_partials() {
    local prefix=$1 partial pid
    for partial in "$prefix".partial-*; do
        [ -e "$partial" ] || continue
        pid=${partial##*.partial-}
        if ! kill -0 "$pid" 2>/dev/null; then
            sh_say "removing $partial, left by an interrupted run"
            sh_remove_partial "$partial"
        fi
    done
}

# Installs a Debian package of the host when a tool is missing and we may (root with apt);
# otherwise says what to install.
sh_need_tool() {
    local tool=$1 package=$2
    command -v "$tool" >/dev/null && return 0
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
        sh_say "installing $package on the host (apt-get), needed for $tool"
        { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package"; } >&2 ||
            sh_die "could not install $package: run 'apt-get install $package' and try again"
        command -v "$tool" >/dev/null && return 0
    fi
    sh_die "$tool is needed: install the package $package (apt-get install $package)"
}

# Needs `$2` KiB free where `$1` will be written.
sh_need_space() {
    local dir=$1 need_kib=$2 free_kib
    mkdir -p "$dir"
    free_kib=$(df -Pk "$dir" | awk 'NR == 2 { print $4 }')
    if [ "${free_kib:-0}" -lt "$need_kib" ]; then
        sh_die "not enough disk space in $dir: $((need_kib / 1024)) MiB needed, $((free_kib / 1024)) MiB free. Free some space or set SIGNALHUB_CACHE_DIR to another disk."
    fi
}

# The Debian mirror the host uses (or SIGNALHUB_DEBIAN_MIRROR), for the roots made here.
sh_debian_mirror() {
    if [ -n "${SIGNALHUB_DEBIAN_MIRROR:-}" ]; then
        echo "$SIGNALHUB_DEBIAN_MIRROR"
        return
    fi
    local uri
    uri=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null |
        grep -oE '(https?://[^ ]*/debian)/?( |$)' | grep -v security | head -n1 | tr -d ' ' || true)
    echo "${uri:-http://deb.debian.org/debian}"
}
