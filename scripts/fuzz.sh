#!/bin/sh
# Runs each libFuzzer target of BUILD_DIR (a -DLEDE_LIBFUZZER=ON build) from
# the committed corpus (fuzz/corpus/NAME), with the libFuzzer flags given
# after OUT_DIR: -max_total_time=60 for `make fuzz`, a fixed -runs and -seed
# for `make test`. The inputs it finds new go to OUT_DIR/NAME, the log of
# each target to OUT_DIR/fuzz_NAME.log, which is printed when it fails.
# Usage: fuzz.sh BUILD_DIR OUT_DIR [LIBFUZZER_FLAG...]
set -u
build=$1
out=$2
shift 2
src=$(cd "$(dirname "$0")/.." && pwd)
for target in summarize html jsonl rouge rouge_files; do
    mkdir -p "$out/$target" || exit 1
    log="$out/fuzz_$target.log"
    if ! "$build/fuzz_$target" "$out/$target" "$src/fuzz/corpus/$target" -rss_limit_mb=2048 \
        -timeout=10 -print_final_stats=1 "$@" >"$log" 2>&1; then
        tail -n 60 "$log"
        echo "fuzz_$target failed: the end of its log is above"
        exit 1
    fi
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    echo "fuzz_$target: ${runs:-?} runs, no crash, leak, timeout or sanitizer report"
done
