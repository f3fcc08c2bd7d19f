#!/bin/sh
# Usage: bench/rouge_bench.sh BUILD_DIR [PAIRS] [RUNS] [PEER_PAIRS]
#
# Builds bench/rouge_bench.c against BUILD_DIR's liblede (built first, in
# release mode) and runs it: PAIRS generated news-sized pairs (default
# 10000, two references each) scored with the ROUGE-1.5.5 flags
# -c 95 -2 4 -U -r 1000 -n 4 -w 1.2 -a -m; medians of RUNS runs (default 5).
# Then, as a peer measured in the same run, the first PEER_PAIRS pairs
# (default 200; 0 skips it) are scored by `lede rouge` and by the Python
# re-reading of the script (tests/data/rouge/rouge155_oracle.py), RUNS
# times each, interleaved; their outputs must be identical.
set -eu
if [ $# -lt 1 ] || [ $# -gt 4 ]; then
    sed -n '2,13s/^# \{0,1\}//p' "$0" >&2
    exit 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
build=$1
pairs=${2:-10000}
runs=${3:-5}
peer_pairs=${4:-200}
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j 2 --target lede lede_cli >/dev/null
build=$(cd "$build" && pwd)
${CC:-cc} -std=c11 -O2 -Wall -Wextra -Werror -I "$root/include" "$root/bench/rouge_bench.c" \
    -L "$build" -Wl,-rpath,"$build" -llede -o "$build/rouge_bench"
"$build/rouge_bench" "$pairs" "$runs"
[ "$peer_pairs" -gt 0 ] || exit 0

flags="-c 95 -2 4 -U -r 1000 -n 4 -w 1.2 -a -m -d"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$build/rouge_bench" --dump "$peer_pairs" "$tmp/pairs.jsonl"
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
seconds() { start=$(date +%s.%N); "$@" >"$tmp/out"; end=$(date +%s.%N); awk "BEGIN { print $end - $start }"; }
: >"$tmp/lede.t"
: >"$tmp/peer.t"
i=0
while [ $i -lt "$runs" ]; do
    # shellcheck disable=SC2086
    seconds "$build/lede" rouge $flags --pairs "$tmp/pairs.jsonl" >>"$tmp/lede.t"
    mv "$tmp/out" "$tmp/lede.out"
    # shellcheck disable=SC2086
    seconds python3 "$root/tests/data/rouge/rouge155_oracle.py" "$root/models/rouge" \
        "$tmp/pairs.jsonl" $flags >>"$tmp/peer.t"
    mv "$tmp/out" "$tmp/peer.out"
    i=$((i + 1))
done
if cmp -s "$tmp/lede.out" "$tmp/peer.out"; then same="identical output"; else same="OUTPUTS DIFFER"; fi
lt=$(median <"$tmp/lede.t")
pt=$(median <"$tmp/peer.t")
printf 'peer, same run, first %s pairs, whole program (%s):\n' "$peer_pairs" "$same"
awk -v n="$peer_pairs" -v l="$lt" -v p="$pt" 'BEGIN {
    printf "  lede rouge           %.3f s  (%.0f pairs/s)\n", l, n / l
    printf "  rouge155_oracle.py   %.3f s  (%.0f pairs/s)   lede is %.0fx faster\n", p, n / p, p / l
}'
