#!/usr/bin/env bash
# The program writes nothing but its history database (docs/security.md, docs/history.md):
#   1. strace sees no file opened for writing, created, renamed or removed while it serves, reloads
#      and stops, but the history database given with --history (and its -wal, -shm, -journal);
#   2. on a read-only file system and on a full one it loads, serves and reloads as usual;
#   3. its data file and the directory around it are left byte for byte as they were.
# Usage: test_read_only.sh ACTIONBOARD PLAN_JSON
# Part 2 needs a private mount namespace (root, or a user namespace); where there is none it
# says so and the other parts still run.
set -euo pipefail
bin=$(readlink -f "$1")
plan=$(readlink -f "$2")
self=$(readlink -f "$0")

fail() { echo "FAIL: $*" >&2; exit 1; }
# Sanitizer builds run slower: every time limit here is multiplied by $scale.
. "$(dirname "$self")/../time_scale.sh"

# Writes DIR/plan.json and, beside it, DIR/new.json: the same plan with a revised title.
make_plan_and_revision() {
    cp "$plan" "$1/plan.json"
    python3 - "$1/plan.json" "$1/new.json" <<'PY'
import json, sys
plan = json.load(open(sys.argv[1], encoding="utf-8"))
plan["plan"]["title"] = plan["plan"]["title"] + " (revised)"
json.dump(plan, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
PY
}

# Starts a headless feed on DATA with DIR as its working and temporary directory and its output
# in LOG.out and LOG.err; extra arguments go before the binary (e.g. strace). Sets feed_pid and
# feed_url once it listens.
# Its history goes to $history_dir (set below), away from the directories watched here.
start_feed() {
    local dir=$1 data=$2 log=$3; shift 3
    local history="$history_dir/$(basename "$log").sqlite3"
    (cd "$dir" && TMPDIR=$dir HOME=$dir exec "$@" "$bin" --mode headless --port 0 \
        --history "$history" --data "$data" >"$log.out" 2>"$log.err") &
    feed_pid=$!
    feed_url=""
    for _ in $(seq 1 $((200 * scale))); do
        feed_url=$(sed -n 's/^listening on //p' "$log.out" 2>/dev/null || true)
        [ -n "$feed_url" ] && break
        sleep 0.05
    done
    [ -n "$feed_url" ] || { cat "$log.err" >&2; fail "$log: the feed did not start"; }
}

# SIGTERM to PROGRAM (default: the feed itself), then the feed must end with exit status 0.
stop_feed() {
    local label=$1 program=${2:-$feed_pid}
    kill -TERM "$program"
    local status=0
    wait "$feed_pid" || status=$?
    [ "$status" = 0 ] || fail "$label: exit status $status after SIGTERM"
}

# Serves DIR/plan.json (see make_plan_and_revision) from DIR: checks that it serves, replaces the
# file with the new valid version and checks the reload, then stops it. Extra arguments go before
# the binary (e.g. strace).
serve_from() {
    local dir=$1; shift
    start_feed "$dir" "$dir/plan.json" "$dir" "$@"
    for path in /api/v1/summary /api/v1/plan /api/v1/recommendations.csv /healthz /metrics; do
        code=$(curl -s -o /dev/null -w '%{http_code}' --compressed "$feed_url$path")
        [ "$code" = 200 ] || fail "$dir: $path gave $code"
    done
    # A reload: the new version (written by the test beforehand) replaces the file by rename.
    mv "$dir/new.json" "$dir/plan.json"
    for _ in $(seq 1 $((100 * scale))); do
        curl -s "$feed_url/api/v1/summary" | grep -q '(revised)' && break
        sleep 0.05
    done
    curl -s "$feed_url/api/v1/summary" | grep -q '(revised)' ||
        fail "$dir: the new version was not loaded"
    # With a wrapper (strace), the program is its child: the signal goes to the program.
    local program=$feed_pid
    [ $# -gt 0 ] && program=$(pgrep -P "$feed_pid" | head -1)
    [ -n "$program" ] || fail "$dir: cannot find the program's process"
    stop_feed "$dir" "$program"
}

# A snapshot of a directory: names, sizes, modes, modification times and content hashes.
listing() {
    (cd "$1" && find . -printf '%p %s %m %T@\n' | sort && find . -type f -exec sha256sum {} + | sort)
}

if [ "${ACTIONBOARD_IN_NAMESPACE:-}" = 1 ]; then
    # Part 2, inside a private mount namespace: mounts here vanish with the process.
    work=$ACTIONBOARD_WORK
    history_dir=$work/history
    # A read-only file system holding the plan.
    mkdir -p "$work/ro"
    mount -t tmpfs -o size=4m tmpfs "$work/ro"
    cp "$plan" "$work/ro/plan.json"
    before=$(listing "$work/ro")
    mount -o remount,ro "$work/ro"
    touch "$work/ro/probe" 2>/dev/null && fail "the read-only mount accepts writes"
    # The reload step writes into the directory: on a read-only mount the test cannot either, so
    # there the program is only started, asked and stopped.
    start_feed "$work/ro" "$work/ro/plan.json" "$work/ro"
    code=$(curl -s -o /dev/null -w '%{http_code}' "$feed_url/api/v1/summary")
    [ "$code" = 200 ] || fail "read-only: /api/v1/summary gave $code"
    stop_feed read-only
    [ "$before" = "$(listing "$work/ro")" ] || fail "read-only: the directory changed"

    # A full file system: not one byte free.
    mkdir -p "$work/full"
    mount -t tmpfs -o size=2m tmpfs "$work/full"
    make_plan_and_revision "$work/full"
    dd if=/dev/zero of="$work/full/filler" bs=64k 2>/dev/null || true
    dd if=/dev/zero of="$work/full/filler2" bs=1 2>/dev/null || true
    [ "$(df --output=avail "$work/full" | tail -1 | tr -d ' ')" = 0 ] || fail "the disk is not full"
    serve_from "$work/full"
    echo "ok: read-only and full file systems"
    exit 0
fi

work=$(mktemp -d /tmp/actionboard-readonly-XXXXXX)
trap 'rm -rf "$work"' EXIT
history_dir=$work/history
mkdir "$history_dir"

# 1. strace: no open for writing, no create, rename, unlink, mkdir or truncate.
if command -v strace >/dev/null; then
    mkdir "$work/traced"
    make_plan_and_revision "$work/traced"
    # LeakSanitizer cannot run under ptrace: off for this run in test-asan builds.
    serve_from "$work/traced" env "ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" \
        strace -f -qq -y -o "$work/trace" \
        -e trace=open,openat,openat2,creat,rename,renameat,renameat2,unlink,unlinkat,mkdir,mkdirat,truncate,ftruncate,link,linkat,symlink,symlinkat,chmod,fchmod,fchmodat
    grep -q 'plan.json' "$work/trace" || fail "strace saw nothing: the trace is not of the program"
    # The history database is the one thing it writes: it must be seen (or the filter below
    # would hide nothing), and nothing else.
    grep -q "\"$history_dir/traced.sqlite3\".*O_RDWR" "$work/trace" || fail "strace did not see the history written"
    writes=$(grep -E 'O_WRONLY|O_RDWR|O_CREAT|O_TRUNC|creat\(|rename|unlink|mkdir|truncate|link\(|linkat|symlink|chmod' "$work/trace" \
        | grep -v -- '--- SIG' \
        | grep -v -E "$history_dir/traced\.sqlite3(-wal|-shm|-journal)?[\">]" \
        | grep -v '/tsan\.rodata\.[0-9]*"' || true) # ThreadSanitizer's runtime, in test-tsan builds
    [ -z "$writes" ] || { echo "$writes" >&2; fail "the program wrote to the file system"; }
    echo "ok: strace saw no write to the file system but the history database"
else
    fail "strace is missing (tools/install-deps.sh test installs it)"
fi

# 3. A read-only data file in a read-only directory, served without a reload: left as it was.
mkdir "$work/plain"
cp "$plan" "$work/plain/plan.json"
chmod 0444 "$work/plain/plan.json"
before=$(listing "$work/plain")
chmod 0555 "$work/plain"
# Its temporary directory is elsewhere: ThreadSanitizer's runtime creates and removes a file
# there (which strace sees above), and that would change this directory's time stamp.
start_feed "$work/plain" "$work/plain/plan.json" "$work/plain" env TMPDIR="$work" HOME="$work"
curl -s -o /dev/null "$feed_url/api/v1/plan"
stop_feed plain
chmod 0755 "$work/plain"
[ "$before" = "$(listing "$work/plain")" ] || fail "the data file or its directory changed"
echo "ok: the data file and its directory are unchanged"

# 2. Read-only and full file systems, in a private mount namespace when one can be made.
if unshare --mount --propagation private true 2>/dev/null; then
    ACTIONBOARD_IN_NAMESPACE=1 ACTIONBOARD_WORK=$work \
        unshare --mount --propagation private "$self" "$bin" "$plan"
else
    echo "note: no mount namespace here (not root); read-only and full file systems not tried"
fi
