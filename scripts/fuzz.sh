#!/bin/sh
# Runs every libFuzzer target of BUILD_DIR (a -DLEDE_LIBFUZZER=ON build),
# one per folder of fuzz/corpus (fuzz/corpus/NAME for fuzz_NAME), from that
# corpus, with the libFuzzer flags given after OUT_DIR: -max_total_time=60
# for `make fuzz`, a fixed -runs and -seed for `make test`. The inputs it
# finds new go to OUT_DIR/NAME, the log of each target to
# OUT_DIR/fuzz_NAME.log, printed when it fails; an input that crashes, leaks
# or times out is kept in BUILD_DIR/fuzz-artifacts.
# Usage: fuzz.sh BUILD_DIR OUT_DIR [LIBFUZZER_FLAG...]
set -u
build=$1
out=$2
shift 2
src=$(cd "$(dirname "$0")/.." && pwd)
artifacts="$build/fuzz-artifacts"
mkdir -p "$artifacts" || exit 1
for corpus in "$src"/fuzz/corpus/*/; do
    target=$(basename "$corpus")
    if [ ! -x "$build/fuzz_$target" ]; then
        echo "fuzz/corpus/$target has no fuzz target: $build/fuzz_$target is missing"
        exit 1
    fi
    mkdir -p "$out/$target" || exit 1
    log="$out/fuzz_$target.log"
    if ! "$build/fuzz_$target" "$out/$target" "$corpus" -rss_limit_mb=2048 -timeout=10 \
        -print_final_stats=1 -artifact_prefix="$artifacts/" "$@" >"$log" 2>&1; then
        tail -n 60 "$log"
        echo "fuzz_$target failed: the end of its log is above, the input in $artifacts"
        exit 1
    fi
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    echo "fuzz_$target: ${runs:-?} runs, no crash, leak, timeout or sanitizer report"
done
