#!/bin/sh
# The generated lede.pc finds the headers and the library when the install
# directories are absolute and outside the prefix, as a packager may set
# them (-DCMAKE_INSTALL_LIBDIR=/usr/lib64): configures SOURCE_DIR so, puts
# the .pc file and a header where they would be installed, and asks
# pkg-config.
# Usage: pc_dirs.sh SOURCE_DIR
set -eu
src=$(cd "$1" && pwd)
# Not under a TMPDIR with a space in it: compiler flags from pkg-config
# and the make program CMake runs are split at spaces.
tmp=$(mktemp -d /tmp/lede-test.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
libdir=$tmp/prefix/lib64
incdir=$tmp/elsewhere/include
cmake -S "$src" -B "$tmp/build" -DLEDE_BUILD_TESTS=OFF -DCMAKE_INSTALL_PREFIX="$tmp/prefix" \
    -DCMAKE_INSTALL_LIBDIR="$libdir" -DCMAKE_INSTALL_INCLUDEDIR="$incdir" >/dev/null
mkdir -p "$libdir/pkgconfig" "$incdir"
cp "$tmp/build/src/lede.pc" "$libdir/pkgconfig/"
touch "$incdir/lede.h"
export PKG_CONFIG_PATH="$libdir/pkgconfig"
same_dir() {
    [ -d "$1" ] && [ "$(cd "$1" && pwd -P)" = "$(cd "$2" && pwd -P)" ]
}
cflags=$(pkg-config --cflags-only-I lede | cut -d" " -f1)
same_dir "${cflags#-I}" "$incdir" || { echo "Cflags '$cflags' is not -I$incdir"; exit 1; }
libs=$(pkg-config --libs-only-L lede | cut -d" " -f1)
same_dir "${libs#-L}" "$libdir" || { echo "Libs '$libs' is not -L$libdir"; exit 1; }
echo "ok: $cflags $libs"
