#!/usr/bin/env bash
# The browser dashboard's figures (not a test): Lighthouse's mobile profile on the overview
# (performance, accessibility, best practices), time to first render of the overview in
# Debian's Chromium without throttling, and the page weight (gzip, as served). Results go to
# docs/performance.md by hand.
# Usage: bench/web/run.sh [BINARY] [RUNS]      (default build/actionboard, 10 runs)
# Needs: tools/install-deps.sh bench (chromium, node, npm); installs Lighthouse (bench/web's
# package-lock.json) and puppeteer-core (tests/web's) into build/ with npm ci.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
bin=${1:-$root/build/actionboard}
runs=${2:-10}
export CHROME_PATH=${CHROME_PATH:-/usr/bin/chromium}
"$root/tests/web/setup.sh" "$here" "$root/build/bench-web-node" >/dev/null
"$root/tests/web/setup.sh" "$root/tests/web" "$root/build/web-node" >/dev/null
work=$(mktemp -d /tmp/actionboard-bench-web-XXXXXX)
"$bin" --mode headless --port 0 >"$work/out" 2>"$work/err" &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$work"' EXIT
url=""
for _ in $(seq 1 100); do
    url=$(sed -n 's/^listening on \(http:\/\/.*\)$/\1/p' "$work/out")
    [ -n "$url" ] && break
    sleep 0.1
done
[ -n "$url" ] || { echo "actionboard did not start" >&2; exit 1; }

echo "== Lighthouse $(node "$root/build/bench-web-node/node_modules/lighthouse/cli/index.js" --version), mobile profile, $url/"
for page in / /deadlines /recommendations; do
    node "$root/build/bench-web-node/node_modules/lighthouse/cli/index.js" "$url$page" --quiet \
        --output=json --output-path="$work/lh.json" \
        --only-categories=performance,accessibility,best-practices \
        --chrome-flags="--headless=new --no-sandbox --disable-gpu" >/dev/null 2>"$work/lh.err" \
        || { cat "$work/lh.err" >&2; exit 1; }
    python3 - "$work/lh.json" "$page" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
c, a = report["categories"], report["audits"]
score = lambda k: round(c[k]["score"] * 100)
print(f"{sys.argv[2]:17} performance {score('performance'):3}  accessibility {score('accessibility'):3}  "
      f"best practices {score('best-practices'):3}  FCP {a['first-contentful-paint']['displayValue']}  "
      f"LCP {a['largest-contentful-paint']['displayValue']}  TBT {a['total-blocking-time']['displayValue']}  "
      f"CLS {a['cumulative-layout-shift']['displayValue']}  weight {a['total-byte-weight']['numericValue'] / 1024:.1f} KiB")
for key in ("performance", "accessibility", "best-practices"):
    for ref in c[key]["auditRefs"]:
        audit = a[ref["id"]]
        if ref["weight"] > 0 and audit.get("score") is not None and audit["score"] < 1:
            print(f"    {key}: {ref['id']}: {audit['title']} ({audit.get('displayValue', '')})")
PY
done

echo "== Page weight of the overview as served (gzip where it helps)"
total=0
for path in / /web/style.css /web/app.js /web/api.js /web/dom.js /web/format.js /web/morph.js /web/pages.js \
    /web/chart.js /web/icon.svg /healthz /api/v1/summary; do
    accept="text/html"
    bytes=$(curl -s -H "Accept: $accept" -H 'Accept-Encoding: gzip' -o /dev/null -w '%{size_download}' "$url$path")
    plain=$(curl -s -H "Accept: $accept" -o /dev/null -w '%{size_download}' "$url$path")
    printf '  %-20s %7d bytes (%d uncompressed)\n' "$path" "$bytes" "$plain"
    total=$((total + bytes))
done
printf '  total                %7d bytes (%.1f KiB; print.css loads only to print)\n' "$total" "$(echo "$total/1024" | bc -l)"

echo "== Time to first render of the overview, Chromium headless, no throttling, $runs loads"
node "$here/first_render.mjs" "$url/" "$runs" "$root/build/web-node"
