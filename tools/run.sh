#!/usr/bin/env bash
# `make run`: start actionboard on the embedded plan. With a display, the desktop dashboard
# (the JSON feed is served too); without one, the headless feed, saying so and where it is.
set -u
binary=$1; shift
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    echo "make run: no display here (DISPLAY is not set), so actionboard serves its JSON feed"
    echo "make run: headless. Open the URL below in a browser or with curl; Ctrl-C stops it."
    echo "make run: for the dashboard, run 'make run' in a desktop session."
    exec "$binary" --mode headless "$@"
fi
"$binary" "$@"
code=$?
if [ "$code" -eq 1 ]; then
    echo "make run: the dashboard could not start (see above); serving the JSON feed headless."
    exec "$binary" --mode headless "$@"
fi
exit "$code"
