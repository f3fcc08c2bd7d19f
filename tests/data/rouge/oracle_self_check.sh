#!/bin/sh
# oracle_self_check.sh DATA_DIR MODELS_DIR - the Python oracle must print the
# ROUGE-1.5.5 script's raw output byte for byte for the five fixture flag
# sets, or it proves nothing about lede. Ends with "N passed, N failed".
set -u
DATA=$1
MODELS=$2
passed=0
failed=0
for set in "base:" "m:-m" "ms:-m -s" "l20:-l 20" "b100:-b 100"; do
    name=${set%%:*}
    extra=${set#*:}
    # shellcheck disable=SC2086
    if python3 "$DATA/rouge155_oracle.py" "$MODELS" "$DATA/pairs.jsonl" \
        -c 95 -2 4 -U -r 1000 -n 4 -w 1.2 -a $extra -d | cmp -s - "$DATA/raw/rouge-$name.out"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL: oracle differs from the script's raw/rouge-$name.out"
    fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
