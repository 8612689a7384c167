#!/usr/bin/env bash
# The man page (packaging/actionboard.1) is kept in step with --help: every option --help lists,
# with its argument as --help writes it ("--data FILE", "--mode kiosk", "--format text|json"),
# has an entry in the man page's OPTIONS, and the man page lists no option --help does not; the
# exit codes and the version agree too. The page is rendered by man(1), as a user reads it.
# Usage: test_man_page.sh ACTIONBOARD MAN_PAGE
set -u
bin=$1
page=$2
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

work=$(mktemp -d /tmp/actionboard-man-XXXXXX)
trap 'rm -rf "$work"' EXIT

"$bin" --help > "$work/help" || fail "--help exits $?"
# Option lines of --help: two spaces, the option and its argument, then two spaces or more
# before the description (or one, when the option is too long for the column: then the option
# is its first two words).
grep -E '^  --?[a-z]' "$work/help" | sed -E 's/^  //; s/ {2,}.*$//' |
    awk 'NF > 2 {print $1, $2; next} {print}' > "$work/help-options"
# "--help, --version" is one line for two options.
sed -i 's/^--help, --version$/--help\n--version/' "$work/help-options"
[ "$(wc -l < "$work/help-options")" -ge 20 ] || fail "too few options read from --help: $(wc -l < "$work/help-options")"

MANWIDTH=200 man --no-hyphenation --no-justification -l "$page" 2> "$work/man.err" | col -b > "$work/man"
[ -s "$work/man" ] || { cat "$work/man.err"; echo "FAIL: man could not render $page"; exit 1; }
[ -s "$work/man.err" ] && { cat "$work/man.err"; fail "man warned while rendering the page"; }
# The OPTIONS section's entries: lines indented by 7 spaces that start with a dash.
sed -n '/^OPTIONS/,/^EXIT STATUS/p' "$work/man" | grep -E '^       -' | sed -E 's/^ +//; s/ +$//' > "$work/man-options"
sed -i 's/^--help, -h$/--help\n-h/' "$work/man-options"

while read -r option; do
    grep -qxF -- "$option" "$work/man-options" || fail "--help has '$option', the man page has no such entry"
done < "$work/help-options"
while read -r option; do
    [ "$option" = "-h" ] && continue # --help's short form, documented as such in the man page
    grep -qxF -- "$option" "$work/help-options" || fail "the man page has '$option', --help does not"
done < "$work/man-options"

# Exit codes: --help's "0 success, 1 ..., 2 usage error" and the man page's EXIT STATUS.
for code in 0 1 2; do
    sed -n '/^EXIT STATUS/,/^FILES/p' "$work/man" | grep -qE "^       $code( |\$)" ||
        fail "the man page's EXIT STATUS lacks $code"
done
grep -q "^Exit codes: 0 success, 1 invalid data or no display, 2 usage error (a --page the plan,$" \
    "$work/help" ||
    fail "--help's exit codes changed: update the man page's EXIT STATUS and this test"
sed -n '/^EXIT STATUS/,/^FILES/p' "$work/man" | tr -s ' \n' ' ' |
    grep -q "2 A usage error, including a --page that the plan, the size or the history does not have" ||
    fail "the man page's EXIT STATUS does not say a missing --page is a usage error"
version=$("$bin" --version | awk '{print $2}')
head -1 "$work/man" | grep -q "ACTIONBOARD(1)" || fail "the page is not actionboard(1)"
grep -q "actionboard $version" "$work/man" || fail "the man page does not name version $version"

echo "$(wc -l < "$work/help-options") options compared"
[ $failures -eq 0 ]
