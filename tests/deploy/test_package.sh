#!/usr/bin/env bash
# `make deb` as CI runs it: the package of the built binary is made (packaging/build-deb.sh),
# its contents listed and checked, its units accepted by systemd-analyze verify with no
# warning, lintian reports no error, and the binary unpacked from it runs --version and --check,
# on the plan and with the options the package's configuration file gives.
# Usage: test_package.sh ACTIONBOARD SOURCE_DIR
set -u
bin=$1
src=$2
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

work=$(mktemp -d /tmp/actionboard-package-XXXXXX)
trap 'rm -rf "$work"' EXIT

version=$("$bin" --version | awk '{print $2}')
arch=$(dpkg --print-architecture)
deb=$("$src/packaging/build-deb.sh" "$bin" "$work/out") || { echo "FAIL: build-deb.sh failed"; exit 1; }
[ "$deb" = "$work/out/actionboard_${version}_${arch}.deb" ] || fail "package name: $deb"
[ -s "$deb" ] || { echo "FAIL: no package"; exit 1; }
echo "built $(basename "$deb"), $(stat -c %s "$deb") bytes"

# ---- contents ----
dpkg-deb -c "$deb" | awk '{print $1, $2, $6}' | sed 's|\./|/|' > "$work/contents"
expected="-rwxr-xr-x root/root /usr/bin/actionboard
-rw-r--r-- root/root /usr/share/man/man1/actionboard.1.gz
-rw-r--r-- root/root /etc/actionboard/actionboard.conf
-rw-r--r-- root/root /etc/actionboard/plan.json
-rw-r--r-- root/root /etc/pam.d/actionboard-kiosk
-rw-r--r-- root/root /lib/systemd/system/actionboard.service
-rw-r--r-- root/root /lib/systemd/system/actionboard-kiosk.service
-rw-r--r-- root/root /usr/share/doc/actionboard/copyright
-rw-r--r-- root/root /usr/share/doc/actionboard/changelog.gz"
while read -r line; do
    grep -qxF -- "$line" "$work/contents" || fail "the package lacks: $line"
done <<< "$expected"
# Nothing bundled: no shared library, no header, nothing outside these trees.
grep -E '\.so(\.|$)|\.a$|/include/' "$work/contents" && fail "the package bundles libraries or headers"
awk '$1 !~ /^d/ {print $3}' "$work/contents" | grep -vE '^/(usr/bin|usr/share/(man|doc)/|etc/(actionboard|pam.d)/|lib/systemd/system/)' &&
    fail "files outside the expected directories"
[ "$(awk '$1 !~ /^d/' "$work/contents" | wc -l)" -le 20 ] || fail "more files than expected"

dpkg-deb --ctrl-tarfile "$deb" | tar -t | sort > "$work/control-files"
for f in ./control ./md5sums ./conffiles ./postinst ./prerm ./postrm; do
    grep -qxF "$f" "$work/control-files" || fail "control archive lacks $f"
done
dpkg-deb -f "$deb" Package Version Architecture > "$work/fields"
grep -qx "Package: actionboard" "$work/fields" || fail "Package field"
grep -qx "Version: $version" "$work/fields" || fail "Version field is not $version"
grep -qx "Architecture: $arch" "$work/fields" || fail "Architecture field is not $arch"
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
# ${shlibs:Depends}: every library the binary links, as a Debian package dependency.
for package in libc6 libstdc++6 libcpp-httplib0.11 libssl3 libsystemd0 libglfw3 zlib1g; do
    [[ ", $depends," == *", $package "* || ", $depends," == *", $package,"* ]] ||
        fail "Depends lacks $package (dpkg-shlibdeps)"
done
[[ "$depends" == *'${'* ]] && fail "an unexpanded substitution variable in Depends"
conffiles=$(dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./conffiles | sort | tr '\n' ' ')
[ "$conffiles" = "/etc/actionboard/actionboard.conf /etc/actionboard/plan.json /etc/pam.d/actionboard-kiosk " ] ||
    fail "conffiles: $conffiles"

# ---- the unpacked binary runs ----
root=$work/root
dpkg-deb -x "$deb" "$root"
got=$("$root/usr/bin/actionboard" --version) || fail "--version exits $?"
[ "$got" = "actionboard $version" ] || fail "--version says '$got'"
"$root/usr/bin/actionboard" --check > "$work/check.out" || fail "--check (embedded plan) exits $?"
grep -q "^OK: embedded:laming-2009.json" "$work/check.out" || fail "--check printed no verdict"
# The package's own configuration: its plan, and both services' options, are accepted.
conf=$root/etc/actionboard/actionboard.conf
value() { sed -n "s/^$1=//p" "$conf"; }
data=$(value ACTIONBOARD_DATA)
[ "$data" = "/etc/actionboard/plan.json" ] || fail "ACTIONBOARD_DATA is '$data'"
# shellcheck disable=SC2046  # word splitting as systemd's $VAR does
"$root/usr/bin/actionboard" --check --data "$root$data" --mode headless $(value ACTIONBOARD_FEED_OPTIONS) > /dev/null ||
    fail "the feed's options in actionboard.conf are refused"
# shellcheck disable=SC2046
"$root/usr/bin/actionboard" --check --data "$root$data" --mode kiosk $(value ACTIONBOARD_KIOSK_OPTIONS) > /dev/null ||
    fail "the kiosk's options in actionboard.conf are refused"
cmp -s "$root/etc/actionboard/plan.json" "$src/data/laming-2009.json" || fail "the example plan differs from data/"
zcat "$root/usr/share/man/man1/actionboard.1.gz" | grep -q '^\.TH ACTIONBOARD 1 .*"actionboard '"$version"'"' ||
    fail "the man page does not name version $version"

# ---- units ----
units=$root/lib/systemd/system
for directive in Type=notify WatchdogSec= DynamicUser=yes ProtectSystem=strict ProtectHome=yes \
    NoNewPrivileges=yes PrivateTmp=yes "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX" \
    SystemCallFilter=@system-service MemoryMax= Restart=on-failure \
    EnvironmentFile=/etc/actionboard/actionboard.conf; do
    grep -q "^$directive" "$units/actionboard.service" || fail "actionboard.service lacks $directive"
done
grep -q '^ExecStart=/usr/bin/actionboard --mode headless --data ${ACTIONBOARD_DATA} $ACTIONBOARD_FEED_OPTIONS$' \
    "$units/actionboard.service" || fail "actionboard.service ExecStart"
for directive in User=actionboard-kiosk PAMName=actionboard-kiosk TTYPath=/dev/tty1 Restart=always \
    Conflicts=getty@tty1.service "ExecStart=/usr/bin/cage -d -s -- /usr/bin/actionboard --mode kiosk" \
    WantedBy=graphical.target; do
    grep -q "^$directive" "$units/actionboard-kiosk.service" || fail "actionboard-kiosk.service lacks $directive"
done
# systemd-analyze verify checks that the commands exist: the unpacked binary stands in for
# /usr/bin/actionboard (the one change), and the man page of Documentation= is found in the
# package. Any warning (an unknown key, a bad value) fails, not only errors.
mkdir -p "$work/units"
for unit in actionboard.service actionboard-kiosk.service; do
    sed "s|/usr/bin/actionboard|$root/usr/bin/actionboard|" "$units/$unit" > "$work/units/$unit"
done
if ! command -v cage >/dev/null; then
    # ExecStart names /usr/bin/cage, which verify needs to find.
    echo "cage is not installed: verifying actionboard.service only"
    rm "$work/units/actionboard-kiosk.service"
fi
if MANPATH=$root/usr/share/man systemd-analyze verify "$work"/units/*.service > "$work/verify.out" 2>&1; then
    if [ -s "$work/verify.out" ]; then
        cat "$work/verify.out"
        fail "systemd-analyze verify warned"
    fi
else
    cat "$work/verify.out"
    fail "systemd-analyze verify refused the units"
fi

# The feed unit's exposure as systemd scores it (0 to 10, lower is safer): at most 2.0.
if ! systemd-analyze security --offline=true --threshold=20 "$work/units/actionboard.service" > "$work/security.out" 2>&1; then
    tail -3 "$work/security.out"
    fail "systemd-analyze security rates actionboard.service above 2.0"
fi
grep -o 'Overall exposure level.*' "$work/security.out"

# ---- lintian ----
lintian --fail-on error "$deb" > "$work/lintian.out" 2>&1
code=$?
grep -v '^running with root privileges' "$work/lintian.out" || true
grep -q '^E: ' "$work/lintian.out" && fail "lintian reports errors"
[ $code -eq 0 ] || fail "lintian exits $code"

[ $failures -eq 0 ] && echo "package: all checks passed" || echo "package: $failures failure(s)"
[ $failures -eq 0 ]
