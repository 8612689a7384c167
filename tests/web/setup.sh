#!/usr/bin/env bash
# Installs the browser tests' npm packages (tests/web/package-lock.json, exact versions) into
# DIR/node_modules with `npm ci`, once per lock file: a later run with the same lock does
# nothing. Run by ctest as the fixture of the web.* tests; node_modules never enters git.
# Usage: setup.sh SOURCE_DIR DIR
set -euo pipefail
source_dir=$1
dir=$2
command -v npm >/dev/null || { echo "setup: npm is missing (tools/install-deps.sh test installs it)" >&2; exit 1; }
mkdir -p "$dir"
stamp="$dir/.lock.sha256"
want=$(sha256sum "$source_dir/package-lock.json" | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -d "$dir/node_modules" ]; then
    echo "setup: npm packages already installed in $dir"
    exit 0
fi
cp "$source_dir/package.json" "$source_dir/package-lock.json" "$dir/"
# --ignore-scripts: nothing runs at install (puppeteer-core downloads no browser anyway).
(cd "$dir" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
echo "$want" >"$stamp"
echo "setup: installed $(cd "$dir" && npm ls --depth=0 2>/dev/null | tail -n +2 | tr -d '\n')"
