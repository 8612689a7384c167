#!/usr/bin/env bash
# Makes docs/images/spreadsheet-actions.png: the council fixture exported by actionboard's own
# writer, printed to PDF by LibreOffice headless, the table cut out by pdftoppm.
# Usage: docs/images/make_spreadsheet_picture.sh build/actionboard
# (apt-get install libreoffice-calc-nogui poppler-utils)
set -euo pipefail
bin=$(realpath "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
"$bin" --export council.xlsx --data "$root/tests/data/spreadsheets/council.xlsx" >/dev/null
soffice "-env:UserInstallation=file://$work/profile" --headless --convert-to pdf council.xlsx \
    >/dev/null 2>&1
pdftoppm -png -r 130 -f 1 -l 1 -x 85 -y 88 -W 1350 -H 250 council.pdf picture
cp picture-1.png "$root/docs/images/spreadsheet-actions.png"
