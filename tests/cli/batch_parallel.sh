#!/bin/sh
# lede batch gives the same bytes whether it runs in one process with one
# thread, with several threads, or split over two processes by GNU parallel
# (parallel --pipe --keep-order), as Hadoop Streaming or Spark's pipe would;
# and with threads over inputs that fill whole chunks (1,024 lines), over
# several files, where the threads end after the last one, and on one CPU.
# Usage: batch_parallel.sh LEDE
set -eu
lede=$1
command -v parallel >/dev/null 2>&1 || {
    echo "GNU parallel is needed by this test: run scripts/install-deps.sh test" >&2
    exit 1
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp/in.jsonl" <<'PY'
import json, random, sys
random.seed(7)
words = ("council budget school teacher parent river rain road bridge market price "
         "energy solar wind coal report minister election vote court judge police "
         "city village farmer harvest storm flood team match goal coach player").split()
with open(sys.argv[1], "w") as f:
    for i in range(600):
        sentences = []
        for _ in range(random.randint(1, 25)):
            n = random.randint(4, 18)
            s = " ".join(random.choice(words) for _ in range(n))
            sentences.append(s[0].upper() + s[1:] + random.choice([".", ".", "!", "?"]))
        doc = {"id": f"doc-{i}", "n": i, "text": " ".join(sentences)}
        if i % 97 == 5:
            doc["text"] = ""
        f.write(json.dumps(doc) + "\n")
PY
export OPENBLAS_NUM_THREADS=1
status=0
"$lede" batch -n 3 "$tmp/in.jsonl" >"$tmp/one.jsonl" 2>"$tmp/one.err" || status=$?
[ "$status" -eq 1 ] || { echo "expected exit 1 for the empty texts, got $status"; exit 1; }
"$lede" batch -n 3 -j 3 "$tmp/in.jsonl" >"$tmp/threads.jsonl" 2>"$tmp/threads.err" || true
parallel -q --pipe --keep-order -j 2 --block 40k "$lede" batch -n 3 \
    <"$tmp/in.jsonl" >"$tmp/parallel.jsonl" 2>/dev/null || true
lines=$(wc -l <"$tmp/one.jsonl")
[ "$lines" -eq 593 ] || { echo "expected 593 summaries, got $lines"; exit 1; }
cmp "$tmp/one.jsonl" "$tmp/threads.jsonl"
cmp "$tmp/one.err" "$tmp/threads.err"
cmp "$tmp/one.jsonl" "$tmp/parallel.jsonl"

# 2,400 lines: two full chunks and a part; then the same as two files, the
# first exactly one chunk (its end is found in an empty chunk after it).
for i in 1 2 3 4; do cat "$tmp/in.jsonl"; done >"$tmp/big.jsonl"
head -n 1024 "$tmp/big.jsonl" >"$tmp/first.jsonl"
tail -n +1025 "$tmp/big.jsonl" >"$tmp/rest.jsonl"
"$lede" batch -n 3 "$tmp/big.jsonl" >"$tmp/big-one.jsonl" 2>/dev/null ||
    [ $? -eq 1 ] || { echo "lede batch on 2,400 lines failed"; exit 1; }
timeout 120 "$lede" batch -n 3 -j 2 "$tmp/big.jsonl" >"$tmp/big-threads.jsonl" 2>/dev/null ||
    [ $? -eq 1 ] || { echo "lede batch -j 2 on 2,400 lines failed or hung"; exit 1; }
timeout 120 "$lede" batch -n 3 -j 2 "$tmp/first.jsonl" "$tmp/rest.jsonl" \
    >"$tmp/two-files.jsonl" 2>/dev/null ||
    [ $? -eq 1 ] || { echo "lede batch -j 2 on two files failed or hung"; exit 1; }
big_lines=$(wc -l <"$tmp/big-one.jsonl")
[ "$big_lines" -eq $((4 * lines)) ] || { echo "expected $((4 * lines)) summaries, got $big_lines"; exit 1; }
# The same on one CPU, where the threads wait without polling (src/cli/batch.c):
# the first this process may run on (CPU 0 may be outside its cpuset).
cpu=$(python3 -c 'import os; print(min(os.sched_getaffinity(0)))')
taskset -c "$cpu" true || { echo "taskset -c $cpu fails"; exit 1; }
timeout 120 taskset -c "$cpu" "$lede" batch -n 3 -j 2 "$tmp/big.jsonl" >"$tmp/one-cpu.jsonl" \
    2>/dev/null || [ $? -eq 1 ] || { echo "lede batch -j 2 on one CPU failed or hung"; exit 1; }
cmp "$tmp/big-one.jsonl" "$tmp/big-threads.jsonl"
cmp "$tmp/big-one.jsonl" "$tmp/two-files.jsonl"
cmp "$tmp/big-one.jsonl" "$tmp/one-cpu.jsonl"
echo "one process, 3 threads and parallel --pipe agree on $lines lines;" \
     "one and two threads on $big_lines lines, in one file and in two"
