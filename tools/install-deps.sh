#!/usr/bin/env bash
# Installs the Debian 12 packages actionboard needs that are not installed yet.
# Usage: tools/install-deps.sh [build|test|bench|fuzz|deb]...   (default: build)
# Runs apt-get through sudo when not root; does nothing when everything is present.
set -euo pipefail

build_pkgs=(g++ cmake make pkg-config
  libcpp-httplib-dev nlohmann-json3-dev libimgui-dev libglfw3-dev libstb-dev
  zlib1g-dev libgl-dev fonts-dejavu-core libqrencode-dev libsqlite3-dev
  libzip-dev libexpat1-dev libcsv-dev libxlsxwriter-dev libssl-dev libsystemd-dev)
test_pkgs=(doctest-dev curl python3 python3-jsonschema xvfb xauth libgl1-mesa-dri xdotool prometheus wrk strace sqlite3
  x11-utils x11-xserver-utils x11-apps xserver-xorg-core xserver-xorg-video-dummy
  chromium zbar-tools libreoffice-calc-nogui
  openssl dpkg-dev binutils lintian systemd man-db cage grim xwayland)
# `make deb`: the package of the built binary (packaging/build-deb.sh)
deb_pkgs=(dpkg-dev binutils)
bench_pkgs=(wrk nginx-light hyperfine valgrind x11-utils xvfb time curl python3)
fuzz_pkgs=(clang libclang-rt-14-dev)

wanted=()
node_wanted=0
[ $# -eq 0 ] && set -- build
for set_name in "$@"; do
  case "$set_name" in
    build) wanted+=("${build_pkgs[@]}") ;;
    test) wanted+=("${build_pkgs[@]}" "${test_pkgs[@]}"); node_wanted=1 ;;
    bench) wanted+=("${build_pkgs[@]}" "${bench_pkgs[@]}"); node_wanted=1 ;;
    fuzz) wanted+=("${build_pkgs[@]}" "${test_pkgs[@]}" "${fuzz_pkgs[@]}") ;;
    deb) wanted+=("${build_pkgs[@]}" "${deb_pkgs[@]}") ;;
    *) echo "install-deps: unknown set '$set_name' (build|test|bench|fuzz|deb)" >&2; exit 2 ;;
  esac
done

missing=()
for pkg in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$pkg")
done
# Node.js and npm for the browser tests and Lighthouse (npm ci installs the packages pinned in
# tests/web and bench/web). Debian's nodejs and npm, unless node and npm are already there from
# another packaging of Node.js (whose nodejs package conflicts with Debian's npm).
if [ "$node_wanted" = 1 ] && ! { command -v node >/dev/null && command -v npm >/dev/null; }; then
  missing+=(nodejs npm)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

# De-duplicate while keeping order.
readarray -t missing < <(printf '%s\n' "${missing[@]}" | awk '!seen[$0]++')
echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: not root and no sudo; install: ${missing[*]}" >&2; exit 1; }
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
