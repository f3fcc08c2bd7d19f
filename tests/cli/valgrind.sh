#!/bin/sh
# Runs representative CLI commands under valgrind: any memory error or
# definite/indirect leak fails the test.
# Usage: valgrind.sh VALGRIND LEDE INPUTS_DIR
set -u
valgrind=$1
lede=$2
cd "$3" || exit 1
export OPENBLAS_NUM_THREADS=1
status=0
run() {
    "$valgrind" -q --leak-check=full --errors-for-leak-kinds=definite,indirect \
        --show-leak-kinds=definite,indirect --error-exitcode=99 "$lede" "$@" >/dev/null 2>"$tmpfile"
    rc=$?
    if [ $rc -eq 99 ]; then
        echo "valgrind found errors in: lede $*"
        cat "$tmpfile"
        status=1
    else
        echo "clean (exit $rc): lede $*"
    fi
}
tmpfile=$(mktemp)
trap 'rm -f "$tmpfile"' EXIT
run summarize sample.txt
run summarize --format json -n 2 sample.txt short.txt
run summarize --format jsonl --words 30 short.txt crlf.txt
run split --format json markdown.md bom.txt
run split --replace-invalid replace.txt
run summarize bad-utf8.txt
run summarize empty.txt missing.txt
run summarize --lang klingon short.txt
run summarize --chars 5 short.txt
run summarize --bogus
run batch -j 2 --method lead batch.jsonl
run batch --strict batch.jsonl
run --version
exit $status
