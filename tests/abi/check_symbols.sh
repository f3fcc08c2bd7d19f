#!/bin/sh
# Compares the functions liblede.so exports with those lede.h declares
# (LEDE_API): nothing internal may leak out, nothing declared may be missing.
# Usage: check_symbols.sh LIBLEDE_SO LEDE_H
set -eu
lib=$1
header=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
nm -D --defined-only "$lib" | awk '$2 == "T" { sub(/@.*/, "", $3); print $3 }' | sort -u >"$tmp/exported"
# Each declaration starts a line with "LEDE_API <type> <name>(".
grep -E '^LEDE_API ' "$header" | sed -E 's/^[^(]*[ *]([a-z_0-9]+)\(.*/\1/' | sort -u >"$tmp/declared"
if [ ! -s "$tmp/declared" ]; then
    echo "no declarations found in $header"
    exit 1
fi
if ! diff -u "$tmp/declared" "$tmp/exported"; then
    echo "exported symbols differ from the header (- declared only, + exported only)"
    exit 1
fi
echo "$(wc -l <"$tmp/exported") symbols match"
