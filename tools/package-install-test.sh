#!/usr/bin/env bash
# The install test of tools/package --check, run as root inside a fresh, minimal Debian 13
# root that holds signalhub_*.deb in /root: apt-get installs it with its dependencies from
# Debian, the command line indexes and searches a small folder with the built-in model and
# no network, the window starts (offscreen, and under Xvfb where its mapped window is looked
# for), and apt-get purge then leaves nothing behind in /usr or /etc.
set -euo pipefail

export DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8 HOME=/root
WORK=/root/install-test

say() { printf 'install test: %s\n' "$*"; }
fail() { printf 'install test: FAIL: %s\n' "$*" >&2; exit 1; }

# Every path under /usr and /etc, to compare before the install and after the purge.
snapshot() { find /usr /etc -xdev | sort >"$1"; }

install_package() {
    say "apt-get install ./$(basename /root/signalhub_*.deb)"
    (cd /root && apt-get install -y -q ./signalhub_*.deb) >"$WORK/apt-install.log" 2>&1 ||
        { tail -n 30 "$WORK/apt-install.log"; fail "apt-get install failed"; }
    grep -E '^(Setting up|Unpacking) signalhub ' "$WORK/apt-install.log" || true
    say "$(dpkg-query -W -f '${Package} ${Version} ${Installed-Size} KiB installed' signalhub)"
    say "$(grep -c '^Setting up ' "$WORK/apt-install.log") packages set up"
}

test_cli() {
    say "signalhub-cli --version"
    signalhub-cli --version
    mkdir -p "$WORK/sample/src"
    cat >"$WORK/sample/src/retry.py" <<'PY'
def schedule_retry(attempt, base=0.5, cap=60.0):
    """Exponential backoff: how long to wait before the next attempt."""
    return min(cap, base * 2 ** attempt)
PY
    cat >"$WORK/sample/README.md" <<'MD'
# Sample
A small folder for the install test: one Python file, one README.
MD
    # A network namespace of its own: the built-in model needs no network.
    say "signalhub-cli index $WORK/sample (built-in model, no network)"
    unshare --net signalhub-cli index "$WORK/sample" --db "$WORK/index.sqlite" --quiet ||
        fail "signalhub-cli index exited $?"
    say "signalhub-cli search 'where are retries scheduled?'"
    local hits
    hits=$(unshare --net signalhub-cli search "where are retries scheduled?" --db "$WORK/index.sqlite" -k 1 --json)
    echo "$hits"
    grep -q 'retry.py' <<<"$hits" || fail "the search did not find src/retry.py"
}

# The user unit is there, names the folder its instance stands for, and nothing enabled it;
# what it runs keeps that folder current (one change, stored by the watcher).
test_watch_unit() {
    local unit=/usr/lib/systemd/user/signalhub-watch@.service
    say "$unit"
    [ -f "$unit" ] || fail "$unit is missing"
    grep -q '^ExecStart=/usr/bin/signalhub-cli watch .*%f$' "$unit" || fail "$unit runs something else"
    [ -z "$(find /etc/systemd/user -name 'signalhub-watch*' 2>/dev/null)" ] || fail "the package enabled the unit"
    say "signalhub-cli watch $WORK/sample (what the unit runs), then one change"
    unshare --net signalhub-cli watch --quiet --json "$WORK/sample" --db "$WORK/index.sqlite" \
        >"$WORK/watch.out" 2>"$WORK/watch.err" &
    local watcher=$! tries=0
    until [ "$(wc -l <"$WORK/watch.out")" -ge 1 ] || [ $tries -ge 120 ]; do sleep 0.5; tries=$((tries + 1)); done
    printf 'def added():\n    return 1\n' >"$WORK/sample/src/added.py"
    tries=0
    until [ "$(wc -l <"$WORK/watch.out")" -ge 2 ] || [ $tries -ge 120 ]; do sleep 0.5; tries=$((tries + 1)); done
    kill -INT "$watcher"
    wait "$watcher" || [ $? -eq 130 ] || fail "signalhub-cli watch exited $?"
    cat "$WORK/watch.out"
    [ "$(sed -n 2p "$WORK/watch.out" | grep -c '"stored":1')" -eq 1 ] ||
        { cat "$WORK/watch.err"; fail "the watcher did not store the new file"; }
}

# The window on Qt's offscreen platform: it must still be running (its event loop up, no
# plugin or start-up failure) after a few seconds; then it is asked to quit.
test_gui_offscreen() {
    say "QT_QPA_PLATFORM=offscreen signalhub"
    QT_QPA_PLATFORM=offscreen signalhub >"$WORK/gui-offscreen.log" 2>&1 &
    local pid=$!
    sleep 5
    kill -0 "$pid" 2>/dev/null || { cat "$WORK/gui-offscreen.log"; fail "signalhub stopped by itself"; }
    kill -TERM "$pid"
    wait "$pid" || true
    sed 's/^/    /' "$WORK/gui-offscreen.log"
    say "the window ran offscreen for 5 s"
}

# Under Xvfb the window can be seen: xwininfo finds it by its title and says it is viewable.
test_gui_window() {
    say "signalhub under Xvfb"
    xvfb-run -a -s "-screen 0 1280x900x24" bash -c '
        signalhub >"$1/gui-xvfb.log" 2>&1 &
        pid=$!
        for _ in $(seq 60); do
            if xwininfo -name "Signal Hub" 2>/dev/null | grep -q "Map State: IsViewable"; then
                xwininfo -name "Signal Hub" | grep -E "Window id|Width|Height|Map State"
                kill -TERM "$pid"; wait "$pid" || true
                exit 0
            fi
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.5
        done
        cat "$1/gui-xvfb.log"
        kill -TERM "$pid" 2>/dev/null || true
        exit 1
    ' bash "$WORK" || fail "no viewable window titled 'Signal Hub' within 30 s"
    say "the window was shown"
}

# The package's own files must all be gone, and nothing named after it may stay in /usr or
# /etc. A library apt keeps after autoremove, because a package that was there before can
# use it, is listed with those packages: it is Debian's, not left by this package.
purge_package() {
    dpkg -L signalhub >"$WORK/files"
    say "apt-get purge signalhub, then autoremove --purge its dependencies"
    apt-get purge -y -q signalhub >"$WORK/apt-purge.log" 2>&1 ||
        { cat "$WORK/apt-purge.log"; fail "apt-get purge failed"; }
    apt-get autoremove --purge -y -q >>"$WORK/apt-purge.log" 2>&1 ||
        { cat "$WORK/apt-purge.log"; fail "apt-get autoremove failed"; }
    say "$(grep -c '^Removing ' "$WORK/apt-purge.log") packages removed"
    dpkg-query -W signalhub >/dev/null 2>&1 && fail "signalhub is still known to dpkg"
    local path left=""
    while IFS= read -r path; do
        [ -d "$path" ] || [ ! -e "$path" ] || left+="$path"$'\n'
    done <"$WORK/files"
    left+=$(find /usr /etc -xdev -iname '*signalhub*')
    [ -z "$left" ] || { printf '%s\n' "$left"; fail "the package left these behind"; }
    snapshot "$WORK/after"
    if ! cmp -s "$WORK/before" "$WORK/after"; then
        local extra package
        extra=$(comm -13 <(sort "$WORK/packages-before") <(dpkg-query -W -f '${Package}\n' | sort))
        for package in $extra; do
            say "kept by apt, as these installed packages still use it ($(apt-cache rdepends --installed "$package" |
                sed -n 's/^  *//p' | sort -u | paste -sd, -)): $package"
        done
    fi
    say "no file of the package and nothing named signalhub left in /usr or /etc"
}

main() {
    mkdir -p "$WORK"
    snapshot "$WORK/before"
    dpkg-query -W -f '${Package}\n' >"$WORK/packages-before"
    install_package
    test_cli
    test_watch_unit
    test_gui_offscreen
    test_gui_window
    purge_package
    say "PASS"
}

main
