#!/bin/sh
# Usage: bench/run.sh BUILD_DIR [DATA.jsonl] [ROUNDS]
#
# The speed and scale benchmark (`make bench`, BUILD_DIR build-bench): builds
# lede and the bench programs into BUILD_DIR, a folder of the bench's own
# (configured with the bench programs on and the tests off, and installed
# into), then runs bench/speed.py, which prints Markdown
# tables: lede batch (1 and 2 threads) and lede's API against the Open Text
# Summarizer (libots in process, and the `ots` program once per document) on
# every document of DATA (default: the news-dev set,
# ../shared/data/news-dev/docs.jsonl beside the repository), then the scaling
# curve on one document of 10 KB to 100 MB built from DATA's sentences, with
# its plot written to docs/performance-scaling.svg. Each method runs ROUNDS
# times (default 5), interleaved; the tables give medians. Takes six to eight
# minutes. The lede timed is installed first into BUILD_DIR/bench-install:
# the program users run.
set -eu

if [ $# -lt 1 ] || [ $# -gt 3 ]; then
    sed -n '2,16s/^# \{0,1\}//p' "$0" >&2
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
data=$(realpath "$data")

cmake -S "$root" -B "$build" -DLEDE_BUILD_BENCH=ON -DLEDE_BUILD_TESTS=OFF >/dev/null
# Everything (ots_bench is a target only when libots is there), then the
# installed copy of lede that is timed.
cmake --build "$build" -j 2 >/dev/null
# Whether OTS is timed, speed.py decides from CMake's finding libots.
cmake --install "$build" --prefix "$build/bench-install" >/dev/null

echo "Command: \`bench/run.sh $build $data $rounds\`"
echo
exec python3 "$root/bench/speed.py" --build "$build" --lede "$build/bench-install/bin/lede" \
    --data "$data" --rounds "$rounds" \
    --svg "$root/docs/performance-scaling.svg"
