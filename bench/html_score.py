#!/usr/bin/env python3
"""Scores lede's article extraction on the HTML extraction benchmark.

    bench/html_score.py DATA_DIR [--build DIR] [--repeat N] [--pages N]
                        [--dump FILE] [--per-page]

DATA_DIR holds html/<id>.html.gz and ground-truth.json (the Zyte article
extraction benchmark, as in /work/shared/data/html-extraction/). The metric is
upstream evaluate.py's, as that directory's README describes it: word 4-gram
shingles (tokens are maximal runs of Unicode \\w), per-page precision and
recall macro-averaged, pages with an empty prediction left out of the
precision mean (their count is printed beside F1), F1 from the two means,
accuracy as exact equality of the token lists, and bootstrap standard
deviations over 1000 resamples (seeded here, so runs repeat).

Timing: bench/html_bench.c runs each page --repeat times (default 5) in one
process and reports the median CPU time per page, and the same for libxml2's
HTML parser alone on the same bytes. The table gives the median and 90th
percentile over pages. Python 3 standard library only.
"""
import argparse
import collections
import gzip
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOKEN = re.compile(r"\w+", re.IGNORECASE)  # upstream's pattern and flag


def shingles(text, n=4):
    tokens = TOKEN.findall(text or "")
    if len(tokens) >= n:
        grams = [tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1)]
    elif tokens:
        grams = [tuple(tokens)]
    else:
        grams = []
    return collections.Counter(grams), tokens


def page_counts(truth, pred):
    t, t_tokens = shingles(truth)
    p, p_tokens = shingles(pred)
    tp = sum(min(t[s], p[s]) for s in t.keys() | p.keys())
    fp = sum(max(0, p[s] - t[s]) for s in p)
    fn = sum(max(0, t[s] - p[s]) for s in t)
    return tp, fp, fn, t_tokens == p_tokens


def precision_recall(tp, fp, fn):
    if fp == 0 and fn == 0:
        return 1.0, 1.0
    prec = 0.0 if tp == 0 and fp == 0 else tp / (tp + fp)
    rec = 0.0 if tp == 0 and fn == 0 else tp / (tp + fn)
    return prec, rec


def corpus_scores(rows):
    """rows: (tp, fp, fn, exact) per page. Returns F1, P, R, accuracy."""
    precs = [precision_recall(*r[:3])[0] for r in rows if r[0] + r[1] > 0]
    recs = [precision_recall(*r[:3])[1] for r in rows if r[0] + r[2] > 0]
    prec = sum(precs) / len(precs) if precs else 0.0
    rec = sum(recs) / len(recs) if recs else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec > 0 else 0.0
    acc = sum(1 for r in rows if r[3]) / len(rows) if rows else 0.0
    return f1, prec, rec, acc


def bootstrap(rows, rounds=1000, seed=1):
    rng = random.Random(seed)
    samples = [corpus_scores([rng.choice(rows) for _ in rows]) for _ in range(rounds)]
    return [statistics.pstdev(s[k] for s in samples) for k in range(4)]


def build_bench(build):
    """Configures BUILD with the bench programs and builds html_bench."""
    subprocess.run(["cmake", "-S", ROOT, "-B", build, "-DLEDE_BUILD_BENCH=ON"], check=True,
                   stdout=subprocess.DEVNULL)
    subprocess.run(["cmake", "--build", build, "-j", "2", "--target", "html_bench"],
                   check=True, stdout=subprocess.DEVNULL)
    return os.path.join(build, "html_bench")


def run_pages(exe, data_dir, ids, repeat):
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for pid in ids:
            path = os.path.join(tmp, pid + ".html")
            with gzip.open(os.path.join(data_dir, "html", pid + ".html.gz")) as f, \
                    open(path, "wb") as out:
                out.write(f.read())
            paths.append(path)
        proc = subprocess.run([exe, "--repeat", str(repeat)] + paths, check=True,
                              capture_output=True, text=True)
    results = {}
    for line in proc.stdout.split("\n"):
        if not line:
            continue
        o = json.loads(line)
        results[os.path.basename(o["file"])[:-len(".html")]] = o
    return results


def percentile(values, q):
    values = sorted(values)
    k = min(len(values) - 1, max(0, round(q * (len(values) - 1))))
    return values[k]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data_dir")
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--pages", type=int, default=0, help="only the first N pages")
    ap.add_argument("--dump", help="write predictions as JSON {id: {articleBody}}")
    ap.add_argument("--per-page", action="store_true", help="print each page's scores")
    args = ap.parse_args()

    with open(os.path.join(args.data_dir, "ground-truth.json"), encoding="utf-8") as f:
        truth = json.load(f)
    ids = sorted(truth)
    if args.pages:
        ids = ids[:args.pages]
    exe = build_bench(args.build)
    results = run_pages(exe, args.data_dir, ids, args.repeat)
    if set(results) != set(ids):
        sys.exit("html_score: the bench did not report every page")

    rows, empty, failures = [], 0, collections.Counter()
    for pid in ids:
        r = results[pid]
        pred = r.get("text", "") if r["status"] == "ok" else ""
        if r["status"] != "ok":
            failures[r["status"]] += 1
        if not TOKEN.search(pred):
            empty += 1
        row = page_counts(truth[pid].get("articleBody") or "", pred)
        rows.append(row)
        if args.per_page:
            p, rc = precision_recall(*row[:3])
            print(f"{pid[:8]}  P {p:.3f}  R {rc:.3f}  {r['ms']:7.2f} ms  {r['status']}")
    f1, prec, rec, acc = corpus_scores(rows)
    sd = bootstrap(rows)
    ms = [results[p]["ms"] for p in ids]
    parse_ms = [results[p]["parse_ms"] for p in ids]
    if args.dump:
        with open(args.dump, "w", encoding="utf-8") as f:
            json.dump({p: {"articleBody": results[p].get("text", "")} for p in ids}, f,
                      ensure_ascii=False, indent=1)

    print(f"lede extract on {len(ids)} pages of {args.data_dir}")
    print()
    print("| extractor | F1 | precision | recall | accuracy | empty | median ms/page "
          "| p90 ms/page |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    print(f"| lede | {f1:.3f} ± {sd[0]:.3f} | {prec:.3f} ± {sd[1]:.3f} | "
          f"{rec:.3f} ± {sd[2]:.3f} | {acc:.3f} | {empty} | "
          f"{statistics.median(ms):.2f} | {percentile(ms, 0.9):.2f} |")
    print(f"| libxml2 parse only (no extraction) | | | | | | "
          f"{statistics.median(parse_ms):.2f} | {percentile(parse_ms, 0.9):.2f} |")
    print()
    ratio = statistics.median(m / p for m, p in zip(ms, parse_ms) if p > 0)
    print(f"CPU time, median of {args.repeat} runs per page; lede / parse-only, median "
          f"over pages: {ratio:.2f}x")
    if failures:
        print("errors: " + ", ".join(f"{k} x{v}" for k, v in failures.items()))


if __name__ == "__main__":
    main()
