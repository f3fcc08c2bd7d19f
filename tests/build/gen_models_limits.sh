#!/bin/sh
# scripts/gen_models.py refuses a word of `speech_verbs` or `not_names`
# longer than the splitter looks such a word up (32 and 63 bytes), which
# would never match; it takes one at the limit.
# Usage: gen_models_limits.sh PYTHON SOURCE_DIR
set -eu
python=$1
src=$(cd "$2" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
try() { # KEY WORD: exit status of the generator with WORD added to KEY of en
    rm -rf "$tmp/models"
    cp -R "$src/models" "$tmp/models"
    sed -i "s/^$1 *= */&$2,/" "$tmp/models/en/model.conf"
    grep -q "$2" "$tmp/models/en/model.conf" || { echo "$1: no such key to add to"; exit 1; }
    "$python" "$src/scripts/gen_models.py" "$tmp/models" "$tmp/out.c" >"$tmp/log" 2>&1
}
word() { python3 -c "print('a' * $1)"; }
for case in "speech_verbs 32 33" "not_names 63 64"; do
    set -- $case
    try "$1" "$(word "$2")" || { cat "$tmp/log"; echo "$1: a word of $2 bytes refused"; exit 1; }
    if try "$1" "$(word "$3")"; then echo "$1: a word of $3 bytes taken"; exit 1; fi
    grep -q "longer than $2 bytes" "$tmp/log" || { cat "$tmp/log"; exit 1; }
done
echo "ok: speech_verbs up to 32 bytes, not_names up to 63"
