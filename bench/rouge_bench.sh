#!/bin/sh
# Usage: bench/rouge_bench.sh BUILD_DIR [PAIRS] [RUNS]
#
# Builds bench/rouge_bench.c against BUILD_DIR's liblede (built first, in
# release mode) and runs it: PAIRS generated news-sized pairs (default
# 10000, two references each) scored with the ROUGE-1.5.5 flags
# -c 95 -2 4 -U -r 1000 -n 4 -w 1.2 -a -m; medians of RUNS runs (default 5).
set -eu
if [ $# -lt 1 ] || [ $# -gt 3 ]; then
    sed -n '2,7s/^# \{0,1\}//p' "$0" >&2
    exit 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
build=$1
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j 2 --target lede >/dev/null
build=$(cd "$build" && pwd)
${CC:-cc} -std=c11 -O2 -Wall -Wextra -Werror -I "$root/include" "$root/bench/rouge_bench.c" \
    -L "$build" -Wl,-rpath,"$build" -llede -o "$build/rouge_bench"
"$build/rouge_bench" "${2:-10000}" "${3:-5}"
