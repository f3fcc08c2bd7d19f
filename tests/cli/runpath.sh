#!/bin/sh
# The RUNPATH (or RPATH, as linkers without new dtags write it) of the two
# lede programs: the build folder's (BUILD_LEDE) and the one `install`
# copies (INSTALLED_LEDE, whose path is $ORIGIN-relative). Neither may have
# an empty entry, which the loader reads as the working directory: a program
# would then look for its libraries in whatever folder it is run from. CMake
# linked one with a trailing ':' when a single program served both (see
# src/CMakeLists.txt).
# Usage: runpath.sh READELF BUILD_LEDE INSTALLED_LEDE
set -eu
readelf=$1
shift
runpath() {
    out=$("$readelf" -d "$1") || { echo "$readelf cannot read $1"; exit 1; }
    printf '%s\n' "$out" | sed -n 's/.*(R[UN]*PATH).*\[\(.*\)\]$/\1/p'
}
check() {
    path=$(runpath "$1")
    [ -n "$path" ] || { echo "$1: no RUNPATH or RPATH"; exit 1; }
    case ":$path:" in
    *::*) echo "$1: RUNPATH '$path' has an empty entry (the working directory)"; exit 1 ;;
    esac
    echo "ok: $1: RUNPATH $path"
}
check "$1"
check "$2"
case $(runpath "$2") in
'$ORIGIN/'*) ;;
*) echo "$2: RUNPATH '$(runpath "$2")' is not relative to \$ORIGIN"; exit 1 ;;
esac
