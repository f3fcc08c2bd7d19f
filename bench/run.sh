#!/bin/sh
# Usage: bench/run.sh BUILD_DIR [DATA.jsonl] [ROUNDS]
#
# The core benchmark: summarize every document of DATA (default: the news-dev
# set, ../shared/data/news-dev/docs.jsonl beside the repository) with lede
# and with the Open Text Summarizer, and print a Markdown table with the
# median of ROUNDS (default 5) runs of each method. The runs are interleaved
# (lede, libots, ots program, lede, ...) so that every method sees the same
# machine load. Builds the bench programs into BUILD_DIR first.
set -eu

if [ $# -lt 1 ] || [ $# -gt 3 ]; then
    sed -n '2,9s/^# \{0,1\}//p' "$0" >&2
    exit 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
build=$1
data=${2:-$root/../shared/data/news-dev/docs.jsonl}
rounds=${3:-5}
if [ ! -r "$data" ]; then
    echo "bench/run.sh: cannot read $data" >&2
    exit 1
fi

cmake -S "$root" -B "$build" -DLEDE_BUILD_BENCH=ON >/dev/null
cmake --build "$build" -j 2 --target summarize_bench >/dev/null
methods="lede"
if cmake --build "$build" -j 2 --target ots_bench >/dev/null 2>&1; then
    methods="$methods ots-lib"
    if command -v ots >/dev/null 2>&1; then
        methods="$methods ots-cli"
    else
        echo "bench/run.sh: no 'ots' program: its column is left out" >&2
    fi
else
    echo "bench/run.sh: ots_bench not built (libots-dev missing): OTS columns are left out" >&2
fi

# lede is timed on one core, like OTS, which has no threads.
export OPENBLAS_NUM_THREADS=1
command_of() {
    case $1 in
    lede) echo "$build/summarize_bench $data --runs 1" ;;
    ots-lib) echo "$build/ots_bench $data --runs 1" ;;
    ots-cli) echo "$build/ots_bench $data --runs 1 --cli ots" ;;
    esac
}

results=$(mktemp)
trap 'rm -f "$results"' EXIT
round=1
while [ "$round" -le "$rounds" ]; do
    for m in $methods; do
        # shellcheck disable=SC2046
        $(command_of "$m") | grep '^RESULT' >>"$results"
    done
    round=$((round + 1))
done

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
cores=$(nproc)
now=$(date -u '+%Y-%m-%d %H:%M UTC')
cc=$(sed -n 's/^CMAKE_C_COMPILER:[A-Z]*=//p' "$build/CMakeCache.txt")
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt")
compiler=$("$cc" --version | head -n 1)

echo "| method | docs/s | MB/s | median ms/doc | p90 ms/doc | p99 ms/doc | time vs lede |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
# Medians over the rounds of each method: run time, and the per-document
# latency percentiles of each run.
awk -v methods="$methods" '
function median(list, n,    i, j, t, a) {
    split(list, a, " ")
    for (i = 1; i <= n; i++)
        for (j = i + 1; j <= n; j++)
            if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
{
    for (i = 2; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
    m = f["method"]
    n[m]++
    sec[m] = sec[m] " " f["seconds"]; p50[m] = p50[m] " " f["p50_ms"]
    p90[m] = p90[m] " " f["p90_ms"]; p99[m] = p99[m] " " f["p99_ms"]
    docs[m] = f["docs"]; bytes[m] = f["bytes"]
}
END {
    label["lede"] = "lede (one reusable summarizer, 3 sentences)"
    label["ots-lib"] = "OTS libots in process (3 sentences)"
    label["ots-cli"] = "OTS `ots` program per document (--ratio=20)"
    k = split(methods, ms, " ")
    base = median(sec["lede"], n["lede"])
    for (i = 1; i <= k; i++) {
        m = ms[i]; s = median(sec[m], n[m])
        printf "| %s | %.1f | %.3f | %.3f | %.3f | %.3f | %.1f x |\n", label[m], docs[m] / s,
            bytes[m] / 1e6 / s, median(p50[m], n[m]), median(p90[m], n[m]), median(p99[m], n[m]),
            s / base
    }
    printf "\n%d documents, %.2f MB of text; median of %d interleaved runs per method.\n",
        docs["lede"], bytes["lede"] / 1e6, n["lede"]
}' "$results"

echo
echo "- Machine: $cpu, $cores cores, $(uname -sr)"
echo "- Build: $compiler, CMake build type ${build_type:-RelWithDebInfo (the default)}"
echo "- Date: $now"
echo "- Command: \`bench/run.sh $build $data $rounds\`, which runs, interleaved, $rounds times each:"
for m in $methods; do
    echo "  - \`OPENBLAS_NUM_THREADS=1 $(command_of "$m")\`"
done
