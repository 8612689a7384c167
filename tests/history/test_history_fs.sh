#!/usr/bin/env bash
# The history is never required: with its database corrupt, someone else's, locked, on a read-only
# file system or on a full one, the feed serves as before, /healthz and /api/v1/history say why,
# and nothing already recorded is lost. Also: where the database goes by default.
# Usage: test_history_fs.sh ACTIONBOARD PLAN_JSON
# The read-only and full cases need a private mount namespace (root, or a user namespace); where
# there is none they are skipped and said so, the others still run.
set -euo pipefail
bin=$(readlink -f "$1")
plan=$(readlink -f "$2")
self=$(readlink -f "$0")
. "$(dirname "$self")/../time_scale.sh"
fail() { echo "FAIL: $*" >&2; exit 1; }

# A copy of the plan with another title: another version.
variant() { # variant OUT TITLE
    python3 - "$plan" "$1" "$2" <<'PY'
import json, sys
plan = json.load(open(sys.argv[1], encoding="utf-8"))
plan["plan"]["title"] = sys.argv[3]
json.dump(plan, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
PY
}

# start_feed LOG ARGS...: headless on a free port; sets feed_pid and feed_url.
start_feed() {
    local log=$1; shift
    "$bin" --mode headless --port 0 "$@" >"$log.out" 2>"$log.err" &
    feed_pid=$!
    feed_url=""
    for _ in $(seq 1 $((200 * scale))); do
        feed_url=$(sed -n 's/^listening on //p' "$log.out" 2>/dev/null || true)
        [ -n "$feed_url" ] && return 0
        sleep 0.05
    done
    cat "$log.err" >&2
    fail "$log: the feed did not start"
}
stop_feed() { kill -TERM "$feed_pid"; wait "$feed_pid" || fail "exit status $? after SIGTERM"; }

# field URL PATH EXPR: a value from a JSON body (python expression over `d`).
field() { curl -s "$1$2" | python3 -c "import json,sys; d=json.load(sys.stdin); print($3)"; }

# wait_history URL STATUS: until /healthz says the history's status is STATUS (bounded).
wait_history() {
    for _ in $(seq 1 $((200 * scale))); do
        [ "$(field "$1" /healthz 'd["history"]["status"]')" = "$2" ] && return 0
        sleep 0.05
    done
    fail "history status is $(field "$1" /healthz 'd["history"]'), expected $2"
}

# The feed itself answers as ever.
feed_works() {
    for path in /api/v1/summary /api/v1/plan /healthz; do
        [ "$(curl -s -o /dev/null -w '%{http_code}' "$1$path")" = 200 ] || fail "$2: $path does not answer 200"
    done
    [ "$(field "$1" /healthz 'd["status"]')" = ok ] || fail "$2: the plan itself is reported degraded"
}

if [ "${ACTIONBOARD_IN_NAMESPACE:-}" = 1 ]; then
    work=$ACTIONBOARD_WORK
    # Read-only: a database with one version on a file system remounted read-only.
    mkdir -p "$work/ro"
    mount -t tmpfs -o size=8m tmpfs "$work/ro"
    "$bin" --history "$work/ro/history.sqlite3" --history-import "$plan" >/dev/null
    before=$(sha256sum "$work/ro/history.sqlite3"* | sort)
    mount -o remount,ro "$work/ro"
    variant "$work/new.json" "A version the read-only disk cannot take"
    start_feed "$work/ro-feed" --history "$work/ro/history.sqlite3" --data "$work/new.json"
    wait_history "$feed_url" unavailable
    feed_works "$feed_url" read-only
    error=$(field "$feed_url" /healthz 'd["history"]["error"]')
    case "$error" in *read-only*|*readonly*) ;; *) fail "read-only: the error does not say so: $error" ;; esac
    body=$(curl -s "$feed_url/api/v1/history")
    case "$body" in *'"code":503'*'history unavailable: '*) ;; *) fail "read-only: /api/v1/history: $body" ;; esac
    stop_feed
    [ "$before" = "$(sha256sum "$work/ro/history.sqlite3"* | sort)" ] || fail "read-only: the database changed"
    echo "ok: read-only file system"

    # Full: one version recorded, then not a byte free.
    mkdir -p "$work/full"
    mount -t tmpfs -o size=2m tmpfs "$work/full"
    "$bin" --history "$work/full/history.sqlite3" --history-import "$plan" >/dev/null
    dd if=/dev/zero of="$work/full/filler" bs=64k 2>/dev/null || true
    dd if=/dev/zero of="$work/full/filler2" bs=1 2>/dev/null || true
    [ "$(df --output=avail "$work/full" | tail -1 | tr -d ' ')" = 0 ] || fail "the disk is not full"
    variant "$work/new-full.json" "A version the full disk cannot take"
    start_feed "$work/full-feed" --history "$work/full/history.sqlite3" --data "$work/new-full.json"
    for _ in $(seq 1 $((200 * scale))); do
        status=$(field "$feed_url" /healthz 'd["history"]["status"]')
        [ "$status" = not_recording ] || [ "$status" = unavailable ] && break
        sleep 0.05
    done
    [ "$status" = not_recording ] || [ "$status" = unavailable ] || fail "full: history status $status"
    feed_works "$feed_url" full
    error=$(field "$feed_url" /healthz 'd["history"]["error"]')
    case "$error" in *full*) ;; *) fail "full: the error does not say the disk is full: $error" ;; esac
    stop_feed
    rm -f "$work/full/filler" "$work/full/filler2"
    [ "$(sqlite3 "$work/full/history.sqlite3" 'PRAGMA integrity_check')" = ok ] || fail "full: integrity_check"
    [ "$(sqlite3 "$work/full/history.sqlite3" 'SELECT count(*) FROM versions')" = 1 ] || fail "full: the recorded version was lost"
    # With room again, the next start records it.
    start_feed "$work/full-feed2" --history "$work/full/history.sqlite3" --data "$work/new-full.json"
    wait_history "$feed_url" ok
    [ "$(field "$feed_url" /api/v1/history 'd["count"]')" = 2 ] || fail "full: not recorded once there was room"
    stop_feed
    echo "ok: full file system"
    exit 0
fi

work=$(mktemp -d /tmp/actionboard-history-fs-XXXXXX)
lock_pid=""
cleanup() { [ -n "$lock_pid" ] && kill "$lock_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

# Corrupt: set aside whole, said in /healthz, a new database started.
head -c 8192 /dev/urandom >"$work/corrupt.sqlite3"
corrupt_sum=$(sha256sum <"$work/corrupt.sqlite3")
start_feed "$work/corrupt" --history "$work/corrupt.sqlite3" --data "$plan"
wait_history "$feed_url" ok
feed_works "$feed_url" corrupt
note=$(field "$feed_url" /healthz 'd["history"]["note"]')
case "$note" in *"was corrupt"*"set aside as $work/corrupt.sqlite3.corrupt-"*"a new one was started") ;;
    *) fail "corrupt: /healthz note: $note" ;; esac
stop_feed
aside=$(ls "$work"/corrupt.sqlite3.corrupt-*)
[ "$(sha256sum <"$aside")" = "$corrupt_sum" ] || fail "corrupt: the file set aside is not the original"
grep -q "history: the history file $work/corrupt.sqlite3 was corrupt" "$work/corrupt.err" || fail "corrupt: not logged"
[ "$(sqlite3 "$work/corrupt.sqlite3" 'SELECT count(*) FROM versions')" = 1 ] || fail "corrupt: no new history"
echo "ok: corrupt database set aside"

# Someone else's database: refused, untouched.
sqlite3 "$work/other.sqlite3" 'CREATE TABLE invoices (id INTEGER); INSERT INTO invoices VALUES (7);'
other_sum=$(sha256sum <"$work/other.sqlite3")
start_feed "$work/other" --history "$work/other.sqlite3" --data "$plan"
wait_history "$feed_url" unavailable
feed_works "$feed_url" other
field "$feed_url" /healthz 'd["history"]["error"]' | grep -q "not an actionboard history" || fail "other: error"
stop_feed
[ "$(sha256sum <"$work/other.sqlite3")" = "$other_sum" ] || fail "other: someone else's database was changed"
echo "ok: someone else's database left alone"

# Locked: another process holds the write lock; the new version waits in memory, shown all the same.
"$bin" --history "$work/locked.sqlite3" --history-import "$plan" >/dev/null
python3 - "$work/locked.sqlite3" "$work/lock-held" <<'PY' &
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")  # the write lock, held until this process is killed
open(sys.argv[2], "w").close()
time.sleep(600)
PY
lock_pid=$!
for _ in $(seq 1 $((200 * scale))); do [ -e "$work/lock-held" ] && break; sleep 0.05; done
[ -e "$work/lock-held" ] || fail "locked: the lock was not taken"
variant "$work/locked-new.json" "A version waiting for the lock"
start_feed "$work/locked" --history "$work/locked.sqlite3" --data "$work/locked-new.json"
wait_history "$feed_url" not_recording
feed_works "$feed_url" locked
field "$feed_url" /healthz 'd["history"]["error"]' | grep -q "database is locked" || fail "locked: error"
[ "$(field "$feed_url" /api/v1/history '[v["id"] for v in d["versions"]]')" = "[1, None]" ] ||
    fail "locked: /api/v1/history: $(curl -s "$feed_url/api/v1/history")"
stop_feed
kill "$lock_pid"; wait "$lock_pid" 2>/dev/null || true; lock_pid=""
echo "ok: locked database"

# The default place: StateDirectory= (systemd), else XDG_STATE_HOME, else ~/.local/state.
env -u STATE_DIRECTORY XDG_STATE_HOME="$work/xdg" HOME="$work/home" "$bin" --history-import "$plan" >/dev/null
[ -f "$work/xdg/actionboard/history.sqlite3" ] || fail "XDG_STATE_HOME: no $work/xdg/actionboard/history.sqlite3"
[ "$(stat -c %a "$work/xdg/actionboard")" = 700 ] || fail "the state directory is not private"
env -u STATE_DIRECTORY -u XDG_STATE_HOME HOME="$work/home" "$bin" --history-import "$plan" >/dev/null
[ -f "$work/home/.local/state/actionboard/history.sqlite3" ] || fail "HOME: no ~/.local/state/actionboard/history.sqlite3"
mkdir "$work/systemd"
STATE_DIRECTORY="$work/systemd" XDG_STATE_HOME="$work/xdg2" "$bin" --history-import "$plan" >/dev/null
[ -f "$work/systemd/history.sqlite3" ] || fail "STATE_DIRECTORY: no $work/systemd/history.sqlite3"
[ ! -e "$work/xdg2" ] || fail "STATE_DIRECTORY did not take precedence"
echo "ok: default places"

if unshare --mount --propagation private true 2>/dev/null; then
    ACTIONBOARD_IN_NAMESPACE=1 ACTIONBOARD_WORK=$work unshare --mount --propagation private "$self" "$bin" "$plan"
else
    echo "note: no mount namespace here (not root); read-only and full file systems not tried"
fi
