#!/bin/sh
# Usage: install-deps.sh [build|test|list-test-only]
# Installs the Debian packages lede needs to build (`build`: make run,
# make build, make install) or to build and test (`test`, the default: make
# test, make bench), when missing. Idempotent and quiet when everything is
# there; needs root (or sudo) only when something must be installed.
# `list-test-only` prints the packages only the tests need, and installs
# nothing (tests/build/configure_build_only.sh).
set -eu

build_packages="build-essential cmake pkg-config python3 libxml2-dev libopenblas-dev \
libutf8proc-dev libstemmer-dev libjansson-dev"
# chromium (headless) renders the HTML report in tests/report; groff-base
# checks the manual pages (tests/man), absent from minimal images; clang and
# its runtimes (libFuzzer, the sanitizers) build the fuzz targets; locales
# has the sources of the de_DE locale that tests/api/test_locale.c runs in;
# ots and libots-dev (with libglib2.0-dev) are the peer of tests and bench;
# parallel runs lede batch under GNU parallel in tests; clang-format has
# the git clang-format of `make format`.
test_packages="valgrind ots libots-dev parallel libglib2.0-dev chromium groff-base clang \
libclang-rt-dev locales clang-format"

case ${1:-test} in
build) packages=$build_packages ;;
test) packages="$build_packages $test_packages" ;;
list-test-only) echo $test_packages; exit 0 ;;
*) echo "usage: install-deps.sh [build|test|list-test-only]" >&2; exit 2 ;;
esac

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
