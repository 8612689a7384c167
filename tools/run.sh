#!/usr/bin/env bash
# `make run`: start actionboard on the embedded plan.
set -euo pipefail
binary=$1; shift
exec "$binary" "$@"
