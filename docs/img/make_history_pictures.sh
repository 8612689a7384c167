#!/usr/bin/env bash
# Makes docs/img/history-*.png: the hand-made Laming test versions (tests/data/history, TEST
# DATA, not the council's) imported into a scratch history, v1.7 on show as of 1 December 2009,
# drawn by `--screenshot --history` in kiosk mode and reduced to 256 colours for the repository.
# Usage: docs/img/make_history_pictures.sh build/actionboard   (needs a display: xvfb-run -a)
set -euo pipefail
bin=$(realpath "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
laming=$root/tests/data/history/laming
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" --history "$work/history.sqlite3" --history-import "$laming/laming-v1.3-test.json" \
    "$laming/laming-v1.4-test.json" "$root/data/laming-2009.json" "$laming/laming-v1.6-test.json" \
    "$laming/laming-v1.7-test.json" >/dev/null
shot() {
    local name=$1
    shift
    "$bin" --screenshot "$work/$name.png" --mode kiosk --history "$work/history.sqlite3" \
        --data "$laming/laming-v1.7-test.json" "$@"
    pngquant --force --strip 256 --output "$root/docs/img/$name.png" "$work/$name.png"
}
shot history-overview --size 1280x720 --page overview
shot history-chapter --size 1280x720 --page chapter:3
shot history-changes --size 1280x720 --page changes
shot history-trend --size 1280x720 --page trend
shot history-changes-portrait --size 540x960 --page changes
