#!/bin/sh
# Installs lede from BUILD_DIR into a temporary prefix (with DESTDIR
# staging, as packagers do), then builds examples/summarize_file.c against
# it three ways: pkg-config (shared), pkg-config --static, and CMake's
# find_package (shared and static); each program must summarize the sample.
# The installed lede must load the OpenBLAS named by BLAS_FILE (lede's own
# copy, installed beside liblede, when it is built).
# Usage: run.sh BUILD_DIR SOURCE_DIR BLAS_FILE
set -eu
build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
blas_file=$3
# Not under a TMPDIR with a space in it: compiler flags from pkg-config
# and the make program CMake runs are split at spaces.
tmp=$(mktemp -d /tmp/lede-test.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
prefix=/opt/lede-test
DESTDIR=$tmp/stage cmake --install "$build" --prefix "$prefix" >/dev/null
root=$tmp/stage$prefix
for f in bin/lede include/lede.h lib/liblede.a lib/pkgconfig/lede.pc \
         lib/cmake/lede/lede-config.cmake lib/cmake/lede/lede-config-version.cmake \
         share/man/man1/lede.1 share/man/man3/lede.3; do
    [ -e "$root/$f" ] || { echo "not installed: $f"; exit 1; }
done
ls "$root"/lib/liblede.so.* >/dev/null
sample=$src/samples/ceasefire-commentary.txt
check() {
    out=$("$@" "$sample" 2) || { echo "failed: $*"; exit 1; }
    n=$(printf '%s\n' "$out" | grep -c '^\[')
    [ "$n" -eq 2 ] || { echo "$*: expected 2 sentences, got:"; echo "$out"; exit 1; }
    echo "ok: $(basename "$1")"
}
export PKG_CONFIG_PATH=$root/lib/pkgconfig
cc "$src/examples/summarize_file.c" $(pkg-config --cflags --libs lede) \
    -Wl,-rpath,"$root/lib" -o "$tmp/pc_shared"
check "$tmp/pc_shared"
cc "$src/examples/summarize_file.c" -static-libgcc $(pkg-config --cflags lede) \
    "$root/lib/liblede.a" $(pkg-config --libs --static lede | sed 's/-llede//') -o "$tmp/pc_static"
check "$tmp/pc_static"
cmake -S "$src/tests/consumer" -B "$tmp/cm" -DCMAKE_PREFIX_PATH="$root" \
    -DCMAKE_BUILD_RPATH="$root/lib" >/dev/null
cmake --build "$tmp/cm" >/dev/null
check "$tmp/cm/consumer_shared"
check "$tmp/cm/consumer_static"
"$root/bin/lede" summarize -n 1 "$sample" >/dev/null && echo "ok: installed lede program"
versions=$("$root/bin/lede" --version)
case $versions in
*"($blas_file)"*) echo "ok: installed lede loads $blas_file" ;;
*) echo "installed lede does not load $blas_file:"; echo "$versions"; exit 1 ;;
esac
