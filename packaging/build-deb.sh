#!/usr/bin/env bash
# Builds actionboard_<version>_<arch>.deb from the binary already built (the one the tests ran),
# with Debian's own tools: dpkg-shlibdeps works out ${shlibs:Depends} from the libraries the
# binary links, dpkg-gencontrol writes the control file from packaging/deb/control and the
# changelog, dpkg-deb builds the archive (owned by root, without fakeroot). No compiler runs:
# the package takes seconds, not a second full build (docs/deploy.md says why not debhelper).
#
# Usage: packaging/build-deb.sh BINARY OUT_DIR     prints the .deb's path on stdout
set -euo pipefail

bin=$(readlink -f "$1")
out=$(mkdir -p "$2" && cd "$2" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")

for tool in dpkg-shlibdeps dpkg-gencontrol dpkg-deb dpkg-parsechangelog strip; do
    command -v "$tool" >/dev/null || { echo "build-deb: $tool is missing (package dpkg-dev or binutils)" >&2; exit 1; }
done

version=$("$bin" --version | awk '{print $2}')
logged=$(dpkg-parsechangelog -l "$here/deb/changelog" -S Version)
if [ "$logged" != "$version" ]; then
    echo "build-deb: the binary is version $version but packaging/deb/changelog's last entry is $logged;" >&2
    echo "build-deb: add an entry for $version (dch -v $version) first" >&2
    exit 1
fi
arch=$(dpkg --print-architecture)

stage=$(mktemp -d /tmp/actionboard-deb-XXXXXX)
trap 'rm -rf "$stage"' EXIT
pkg=$stage/actionboard
doc=$pkg/usr/share/doc/actionboard

install -D -m 0755 "$bin" "$pkg/usr/bin/actionboard"
# As dh_strip does; the binary is otherwise the very one the test suite ran.
strip --strip-unneeded --remove-section=.comment --remove-section=.note "$pkg/usr/bin/actionboard"
install -D -m 0644 "$here/actionboard.1" "$pkg/usr/share/man/man1/actionboard.1"
gzip -9n "$pkg/usr/share/man/man1/actionboard.1"
install -D -m 0644 "$here/actionboard.conf" "$pkg/etc/actionboard/actionboard.conf"
install -D -m 0644 "$root/data/laming-2009.json" "$pkg/etc/actionboard/plan.json"
install -D -m 0644 "$here/actionboard-kiosk.pam" "$pkg/etc/pam.d/actionboard-kiosk"
install -D -m 0644 "$here/actionboard.service" "$pkg/lib/systemd/system/actionboard.service"
install -D -m 0644 "$here/actionboard-kiosk.service" "$pkg/lib/systemd/system/actionboard-kiosk.service"
install -D -m 0644 "$here/deb/copyright" "$doc/copyright"
install -m 0644 "$here/deb/changelog" "$doc/changelog"
for page in README.md docs/deploy.md docs/feed.md docs/data-format.md docs/security.md; do
    [ -f "$root/$page" ] && install -m 0644 "$root/$page" "$doc/$(basename "$page")"
done
gzip -9n "$doc/changelog" "$doc"/*.md

mkdir -p "$pkg/DEBIAN"
install -m 0755 "$here/deb/postinst" "$here/deb/prerm" "$here/deb/postrm" "$pkg/DEBIAN/"
(cd "$pkg" && find etc -type f -printf '/%p\n' | sort) > "$pkg/DEBIAN/conffiles"
chmod 0644 "$pkg/DEBIAN/conffiles"

# dpkg-shlibdeps and dpkg-gencontrol read debian/control relative to the current directory.
mkdir -p "$stage/src/debian"
cp "$here/deb/control" "$here/deb/changelog" "$stage/src/debian/"
(
    cd "$stage/src"
    dpkg-shlibdeps -Tdebian/substvars "$pkg/usr/bin/actionboard" 2> "$stage/shlibdeps.log" ||
        { cat "$stage/shlibdeps.log" >&2; exit 1; }
    dpkg-gencontrol -pactionboard -P"$pkg" -Tdebian/substvars -fdebian/files
)
chmod 0644 "$pkg/DEBIAN/control"
(cd "$pkg" && find . -type f ! -path './DEBIAN/*' ! -path './etc/*' -printf '%P\0' | sort -z |
    xargs -0 md5sum) > "$pkg/DEBIAN/md5sums"
chmod 0644 "$pkg/DEBIAN/md5sums"
find "$pkg" -type d -exec chmod 0755 {} +
# Reproducible: every file dated as the changelog's last entry.
SOURCE_DATE_EPOCH=$(dpkg-parsechangelog -l "$here/deb/changelog" -S Timestamp)
export SOURCE_DATE_EPOCH
find "$pkg" -exec touch --no-dereference -d "@$SOURCE_DATE_EPOCH" {} +

deb=$out/actionboard_${version}_${arch}.deb
dpkg-deb --root-owner-group -Zxz --build "$pkg" "$deb" >/dev/null
echo "$deb"
