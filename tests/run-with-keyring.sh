#!/bin/sh
# Runs a test under a private session bus with an unlocked gnome-keyring whose files, HOME and
# XDG folders all live in a fresh temporary folder, so the user's keyring is never reached.
# The test learns the folder from SIGNALHUB_KEYRING_HOME (and refuses to run without it).
set -eu
tmp=$(mktemp -d "${TMPDIR:-/tmp}/signalhub-keyring.XXXXXX")
trap 'rm -rf "$tmp" 2>/dev/null || true' EXIT
trap 'exit 143' INT TERM
mkdir -p "$tmp/home" "$tmp/xdg/data" "$tmp/xdg/config" "$tmp/xdg/cache" "$tmp/xdg/state" "$tmp/xdg/runtime"
chmod 700 "$tmp/xdg/runtime"
export HOME="$tmp/home"
export XDG_DATA_HOME="$tmp/xdg/data" XDG_CONFIG_HOME="$tmp/xdg/config" XDG_CACHE_HOME="$tmp/xdg/cache"
export XDG_STATE_HOME="$tmp/xdg/state" XDG_RUNTIME_DIR="$tmp/xdg/runtime"
export SIGNALHUB_KEYRING_HOME="$tmp"
unset OPENAI_API_KEY DBUS_SESSION_BUS_ADDRESS GNOME_KEYRING_CONTROL 2>/dev/null || true
status=0
# The password only unlocks the throwaway login keyring created in $XDG_DATA_HOME/keyrings.
dbus-run-session -- sh -c 'printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; exec "$@"' \
    sh "$@" || status=$?
exit "$status"
