#!/bin/sh
# `make run` configures the build folder with only the packages of the
# build installed (scripts/install-deps.sh build): configuring, tests
# included, must then succeed. This configures SOURCE_DIR in a temporary
# folder with a PATH from which every program of the test-only packages is
# hidden; a tool that only a test needs must be looked for when that test
# runs, not by CMake.
# Usage: configure_build_only.sh SOURCE_DIR
set -eu
src=$(cd "$1" && pwd)
# Not under a TMPDIR with a space in it: compiler flags from pkg-config
# and the make program CMake runs are split at spaces.
tmp=$(mktemp -d /tmp/lede-test.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/bin"
for pkg in $(sh "$src/scripts/install-deps.sh" list-test-only); do
    dpkg-query -L "$pkg" 2>/dev/null || true
done | grep -E '^(/usr)?(/local)?/s?bin/[^/]+$' | sed 's|.*/||' | sort -u >"$tmp/hidden"
hidden=$(wc -l <"$tmp/hidden")
# The test proves nothing unless the programs it hides are there to hide.
grep -qx parallel "$tmp/hidden" || { echo "GNU parallel is not installed: nothing to hide"; exit 1; }
# A link to every other program, the first folder's where two have one.
for dir in /usr/local/sbin /usr/local/bin /usr/sbin /usr/bin /sbin /bin; do
    [ -d "$dir" ] || continue
    ls -1 "$dir" | grep -vxF -f "$tmp/hidden" | while IFS= read -r name; do
        [ -x "$dir/$name" ] && [ ! -e "$tmp/bin/$name" ] && [ ! -L "$tmp/bin/$name" ] || continue
        ln -s "$dir/$name" "$tmp/bin/$name"
    done
done
# find_program looks in the system's bin folders whatever PATH says: CMake
# is told to ignore them, and finds their programs through the links.
ignore="/usr/local/sbin;/usr/local/bin;/usr/sbin;/usr/bin;/sbin;/bin"
if ! PATH=$tmp/bin cmake -S "$src" -B "$tmp/build" -DCMAKE_BUILD_TYPE=Release \
        "-DCMAKE_IGNORE_PATH=$ignore" -DCMAKE_RULE_MESSAGES=OFF >"$tmp/log" 2>&1; then
    cat "$tmp/log"
    echo "configuring with the $hidden programs of the test-only packages hidden failed"
    exit 1
fi
echo "ok: configured with $hidden programs of the test-only packages hidden"
