#!/bin/sh
# Installs the Debian packages lede needs to build and test, when missing.
# Idempotent and quiet when everything is there; needs root (or sudo) only
# when something must be installed.
set -eu

# chromium (headless) renders the HTML report in tests/report; groff-base
# checks the manual pages (tests/man), absent from minimal images; clang and
# its runtimes (libFuzzer, the sanitizers) build the fuzz targets; locales
# has the sources of the de_DE locale that tests/api/test_locale.c runs in.
packages="build-essential cmake pkg-config python3 libxml2-dev libopenblas-dev \
libutf8proc-dev libstemmer-dev libjansson-dev valgrind ots libots-dev parallel libglib2.0-dev \
chromium groff-base clang libclang-rt-dev locales"

missing=""
for p in $packages; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
else
    echo "lede: missing Debian packages:$missing" >&2
    echo "lede: run 'apt-get install$missing' as root" >&2
    exit 1
fi

echo "lede: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086
if ! $SUDO apt-get install -y --no-install-recommends $missing >/dev/null; then
    # The package lists may be missing or stale on a fresh machine.
    $SUDO apt-get update -qq
    $SUDO apt-get install -y --no-install-recommends $missing >/dev/null
fi
