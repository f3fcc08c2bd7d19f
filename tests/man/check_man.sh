#!/bin/sh
# The manual pages: both render without groff warnings, lede.3 is what
# scripts/gen_man3.py makes of lede.h, and every long option that a
# command's --help lists is documented in lede.1.
# Usage: check_man.sh LEDE SOURCE_DIR
set -u
lede=$1
src=$2
status=0
for page in "$src/man/lede.1" "$src/man/lede.3"; do
    warnings=$(groff -man -ww -z "$page" 2>&1)
    if [ -n "$warnings" ]; then
        echo "groff warns about $page:"
        echo "$warnings"
        status=1
    fi
done
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
python3 "$src/scripts/gen_man3.py" "$src/include/lede.h" "$tmp"
if ! cmp -s "$tmp" "$src/man/lede.3"; then
    echo "man/lede.3 is stale: run scripts/gen_man3.py include/lede.h man/lede.3"
    status=1
fi
for cmd in summarize split batch extract rouge bench; do
    for opt in $("$lede" $cmd --help | grep -oE -- '--[a-z][a-z0-9-]*' | sort -u); do
        roff=$(printf '%s' "$opt" | sed 's/-/\\\\-/g')
        if ! grep -q -- "$roff" "$src/man/lede.1"; then
            echo "lede.1 does not document '$cmd $opt'"
            status=1
        fi
    done
done
[ $status -eq 0 ] && echo "manual pages ok"
exit $status
