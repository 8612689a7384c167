#!/usr/bin/env bash
# Every shell script the project runs parses: .ci/run, the Makefile's tools, tests and benches.
# A syntax error in .ci/run once failed CI after 0 s with no test having run (stop 16).
# Usage: test_scripts_parse.sh SOURCE_DIR
set -uo pipefail
src=${1:?source dir}
cd "$src" || exit 2
fail=0
count=0
while IFS= read -r -d '' f; do
  count=$((count + 1))
  if ! out=$(bash -n "$f" 2>&1); then
    echo "FAIL: $f does not parse:"; echo "$out"; fail=1
  fi
done < <(find .ci tools tests bench packaging -type f \( -name '*.sh' -o -path '.ci/run' \) -print0 2>/dev/null)
# .ci/run must also be executable: CI runs it directly.
[[ -x .ci/run ]] || { echo "FAIL: .ci/run is not executable"; fail=1; }
# The entry point must still run the four stages, in order.
stages=$(grep -E '^(FUZZ_SECONDS=[0-9]+ )?make (test|test-asan|test-tsan|fuzz)$' .ci/run | sed -E 's/^FUZZ_SECONDS=[0-9]+ //')
want=$'make test\nmake test-asan\nmake test-tsan\nmake fuzz'
if [[ "$stages" != "$want" ]]; then
  echo "FAIL: .ci/run stages are:"; echo "$stages"; fail=1
fi
(( count >= 10 )) || { echo "FAIL: only $count scripts found"; fail=1; }
echo "$count scripts parse"
exit $fail
