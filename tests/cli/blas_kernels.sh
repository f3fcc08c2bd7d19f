#!/bin/sh
# lede gives the same bytes whichever kernels OpenBLAS picks for the CPU
# (on these documents: TextRank's dgemv may still differ in a double's last
# bit, docs/design.md): the AVX-512, AVX2, AVX and SSE kernels add a dot
# product's terms in different orders, and a float similarity then
# differed in its last bits from one machine to another. OPENBLAS_CORETYPE makes
# OpenBLAS use the kernels of an older CPU; every core type this CPU can
# run is tried on the same documents, with sentences of many shared words
# so that the dot products have many terms.
# Usage: blas_kernels.sh LEDE
set -eu
lede=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp/in.jsonl" <<'PY'
import json, random, sys
random.seed(11)
words = [w + s for w in ("harbour", "ferry", "tariff", "cargo", "strike", "union", "wage",
                         "port", "crane", "dock", "vessel", "freight", "customs", "quay",
                         "pilot", "tide", "berth", "container", "export", "import")
         for s in ("", "s", "ing", "ed")]
with open(sys.argv[1], "w") as f:
    for i in range(120):
        sentences = []
        for _ in range(random.randint(5, 60)):
            n = random.randint(6, 40)
            s = " ".join(random.choice(words) for _ in range(n))
            sentences.append(s[0].upper() + s[1:] + ".")
        f.write(json.dumps({"id": i, "text": " ".join(sentences)}) + "\n")
PY
flags=$(grep -m1 '^flags' /proc/cpuinfo || true)
has() { case " $flags " in *" $1 "*) return 0 ;; esac; return 1; }
cores="Prescott"
has sse4_2 && cores="$cores Nehalem"
has avx && cores="$cores Sandybridge"
has avx2 && has fma && cores="$cores Haswell"
has avx512f && has avx512bw && has avx512vl && cores="$cores SkylakeX"
export OPENBLAS_NUM_THREADS=1
first=""
for core in $cores; do
    # An OpenBLAS without DYNAMIC_ARCH, or one that ignored the name, would
    # run the same kernels every time and prove nothing.
    OPENBLAS_CORETYPE=$core "$lede" --version | grep -q " $core " ||
        { echo "OPENBLAS_CORETYPE=$core: lede --version does not name that core"; exit 1; }
    OPENBLAS_CORETYPE=$core "$lede" batch -n 5 "$tmp/in.jsonl" >"$tmp/$core.jsonl"
    [ "$(wc -l <"$tmp/$core.jsonl")" -eq 120 ] || { echo "$core: expected 120 summaries"; exit 1; }
    if [ -z "$first" ]; then
        first=$core
    elif ! cmp -s "$tmp/$first.jsonl" "$tmp/$core.jsonl"; then
        echo "the $core kernels give other output than the $first kernels:"
        diff "$tmp/$first.jsonl" "$tmp/$core.jsonl" | head -4 | cut -c1-300
        exit 1
    fi
done
[ "$first" != "$cores" ] || { echo "only one core type to compare: $cores"; exit 1; }
echo "ok: the same output with the kernels of $cores"
