#!/bin/sh
# Runs one CLI test case: tests/cli/cases/NAME/ holds
#   cmd          a shell command line; $LEDE is the program, the working
#                directory is tests/cli/inputs
#   status       the expected exit status
#   stdout       the exact expected standard output (or stdout.grep: fixed
#                strings that must each appear on a line of it)
#   stderr       the exact expected standard error (absent: must be empty)
# Usage: run_case.sh LEDE CASE_DIR
set -u
LEDE=$1
case_dir=$2
name=$(basename "$case_dir")
inputs=$(cd "$(dirname "$0")/inputs" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

export LEDE
(cd "$inputs" && sh -c "$(cat "$case_dir/cmd")" >"$tmp/stdout" 2>"$tmp/stderr")
status=$?
fail=0

want_status=$(cat "$case_dir/status")
if [ "$status" != "$want_status" ]; then
    echo "$name: exit status $status, want $want_status"
    fail=1
fi
if [ -f "$case_dir/stdout" ]; then
    if ! cmp -s "$tmp/stdout" "$case_dir/stdout"; then
        echo "$name: stdout differs:"
        diff "$case_dir/stdout" "$tmp/stdout" | head -40
        fail=1
    fi
elif [ -f "$case_dir/stdout.grep" ]; then
    while IFS= read -r line; do
        if ! grep -qF -- "$line" "$tmp/stdout"; then
            echo "$name: stdout lacks: $line"
            fail=1
        fi
    done <"$case_dir/stdout.grep"
fi
want_stderr=/dev/null
[ -f "$case_dir/stderr" ] && want_stderr=$case_dir/stderr
if ! cmp -s "$tmp/stderr" "$want_stderr"; then
    echo "$name: stderr differs:"
    diff "$want_stderr" "$tmp/stderr" | head -20
    fail=1
fi
[ $fail -eq 0 ] && echo "$name: ok"
exit $fail
