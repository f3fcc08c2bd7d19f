#!/usr/bin/env python3
"""Usage: speed.py --build DIR --data DATA.jsonl [--lede PATH] [--rounds N]
                [--timeout S] [--svg PATH] [--sizes B,B,...] [--skip-batch]
                [--skip-scaling]

The speed and scale benchmark of lede against the Open Text Summarizer
(OTS), printed as Markdown tables. The programs must be built in DIR
(bench/run.sh does that first); the `lede` timed is PATH (default DIR/lede;
bench/run.sh gives an installed copy, the program users run).

1. Batch on news articles: every document of DATA to 3 sentences by
   `lede batch` (one process for all documents, 1 and 2 threads; two
   one-thread processes at once, each on all of DATA: what two CPUs of the
   machine give two copies of the work that share nothing; and two at once,
   each on half of DATA's lines: the work split over two processes), by lede's
   API in process (summarize_bench), by libots in process (ots_bench) and by
   the `ots` program once per document (ots_bench --cli). ROUNDS rounds
   (default 5), each running every method (those of a few milliseconds
   SHORT_REPEATS times, keeping their median), so all methods see the same
   machine load; medians over the rounds.
2. Scaling: one document per size (default 10 KB to 100 MB), built from the
   sentences of DATA (bench/make_long_doc.py) in a temporary folder (on
   /dev/shm when it is a tmpfs, else inside DIR), summarized by
   `lede summarize -n 5` and by `ots`, each run killed after S seconds
   (default 120); OTS is not run again at a size where it timed out, nor at
   larger sizes. Medians over the rounds.
3. A log-log plot of time against size, written as SVG to PATH (default:
   no plot).

Every output is checked (line and sentence counts, exit status), so that a
failure stops the benchmark instead of being timed. Progress goes to
standard error. Standard library only.
"""
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import make_long_doc  # noqa: E402
import svg_plot  # noqa: E402

BATCH_SENTENCES = 3
# The batch is also run on the data repeated this many times, so that the
# process start-up weighs less than on the 300 news articles.
BATCH_REPEAT = 20
# The methods that take milliseconds on the data once run this many times
# per round, and the round keeps their median run (BatchBench.run_short).
SHORT_METHODS = ("lede-batch-1", "lede-batch-2", "lede-batch-1-pair", "lede-batch-1-halves",
                 "lede-batch-startup", "deps-startup")
# The -pair methods run this many copies of the one-thread batch at once,
# each on all of the data; the -halves methods as many, each on its share
# of the lines (every PAIR_COPIES-th line; the report says "half").
PAIR_COPIES = 2


class BatchMethod:
    """A way of running `lede batch` over the data: worker threads, the
    data's copies in the input, processes at once, and whether each takes
    its share of the lines (else all of them)."""

    def __init__(self, threads, repeat, processes, split):
        self.threads, self.repeat, self.processes, self.split = threads, repeat, processes, split


BATCH_METHODS = {
    "lede-batch-1": BatchMethod(1, 1, 1, False),
    "lede-batch-2": BatchMethod(2, 1, 1, False),
    "lede-batch-1-pair": BatchMethod(1, 1, PAIR_COPIES, False),
    "lede-batch-1-halves": BatchMethod(1, 1, PAIR_COPIES, True),
    "lede-batch-1-x20": BatchMethod(1, BATCH_REPEAT, 1, False),
    "lede-batch-2-x20": BatchMethod(2, BATCH_REPEAT, 1, False),
    "lede-batch-1-pair-x20": BatchMethod(1, BATCH_REPEAT, PAIR_COPIES, False),
    "lede-batch-1-halves-x20": BatchMethod(1, BATCH_REPEAT, PAIR_COPIES, True),
}
SHORT_REPEATS = 7
SCALING_SENTENCES = 5
DEFAULT_SIZES = [10_000, 100_000, 1_000_000, 10_000_000, 100_000_000]
# Every child sees this: lede on one core, as OTS, which has no threads.
CHILD_ENV = dict(os.environ, OPENBLAS_NUM_THREADS="1")


class BenchError(Exception):
    pass


def progress(msg):
    print(msg, file=sys.stderr, flush=True)


# ====== Running a program ======


class Run:
    """One finished (or killed) process, from run_timed's line: wall and CPU
    seconds, peak RSS in KiB, context switches, exit status."""

    def __init__(self, fields):
        self.seconds, self.cpu_seconds = float(fields["seconds"]), float(fields["cpu_seconds"])
        self.rss_kib, self.status = int(fields["rss_kib"]), int(fields["status"])
        self.waits, self.preempted = int(fields["waits"]), int(fields["preempted"])
        self.timed_out = fields["timed_out"] == "1"


def run_timed(launcher, argv, stdout_path, timeout=None, copies=1):
    """Runs argv under bench/run_timed.c (the launcher), with standard output
    to stdout_path: the wall time from spawn to exit and the peak RSS of the
    program alone (see run_timed.c for why not from here). With copies > 1,
    that many copies at once, from the first spawn to the last exit, the
    i-th copy's output (from 2) in stdout_path.i."""
    cmd = [launcher, "--out", stdout_path, "--copies", str(copies)]
    if timeout is not None:
        cmd += ["--timeout", str(timeout)]
    done = subprocess.run(cmd + ["--"] + argv, env=CHILD_ENV, stdout=subprocess.PIPE, text=True)
    if done.returncode != 0:
        raise BenchError(f"cannot run {' '.join(argv)}")
    return Run(dict(kv.split("=", 1) for kv in done.stdout.split()))


def check_status(run, argv):
    if run.timed_out:
        return
    if run.status != 0:
        raise BenchError(f"{' '.join(argv)} failed with status {run.status}")


def parse_result(path, method):
    """The fields of the RESULT line a bench program printed."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("RESULT "):
                fields = dict(kv.split("=", 1) for kv in line.split()[1:])
                if fields.get("method") != method:
                    raise BenchError(f"{path}: RESULT of {fields.get('method')}, want {method}")
                return fields
    raise BenchError(f"{path}: no RESULT line")


class CpuMeter:
    """How busy the machine was with other work while a section ran: the
    busy time of all cores (/proc/stat) minus the CPU time of this script
    and of every process it waited for, as an average number of cores."""

    def __init__(self):
        self.start = self._sample()

    @staticmethod
    def _sample():
        with open("/proc/stat", encoding="ascii") as f:
            ticks = [int(v) for v in f.readline().split()[1:]]
        idle = ticks[3] + ticks[4]  # idle, iowait
        t = os.times()
        ours = t.user + t.system + t.children_user + t.children_system
        return sum(ticks[:8]) - idle, ours, time.monotonic()

    def others(self):
        busy0, ours0, t0 = self.start
        busy1, ours1, t1 = self._sample()
        busy = (busy1 - busy0) / os.sysconf("SC_CLK_TCK")
        return max(0.0, busy - (ours1 - ours0)) / (t1 - t0)


def load_line(meter):
    return (f"- Other processes kept {meter.others():.2f} of the {os.cpu_count()} cores busy "
            "on average during this section (from /proc/stat, less this benchmark's own CPU "
            "time).")


# ====== Batch on news articles ======


def load_corpus(path):
    """The ids and the total bytes of the "text" fields of a JSONL file."""
    ids, text_bytes = [], 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                obj = json.loads(line)
                ids.append(obj["id"])
                text_bytes += len(obj["text"].encode("utf-8"))
    return ids, text_bytes


def sentence_counts(path):
    """The number of sentences in each line of `lede batch` output."""
    counts = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            counts.append(len(json.loads(line)["sentences"]))
    return counts


def check_batch_output(path, ids, want):
    """Every input line has its output line, in order, with the sentence
    count the reference run says it should have."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    if len(lines) != len(ids):
        raise BenchError(f"{path}: {len(lines)} lines of output for {len(ids)} documents")
    for i, line in enumerate(lines):
        obj = json.loads(line)
        got = len(obj["sentences"])
        if obj.get("id") != ids[i] or got != want[i]:
            raise BenchError(f"{path}:{i + 1}: id {obj.get('id')!r} with {got} sentences, "
                             f"want {ids[i]!r} with {want[i]}")
        for s in obj["sentences"]:
            if not 0 <= s["start"] < s["end"]:
                raise BenchError(f"{path}:{i + 1}: bad span {s['start']}..{s['end']}")


def interleave(outputs):
    """The lines of the outputs of the -halves processes put back in the
    order of the data's lines: the first of each, then the second, ..."""
    # Lines end at "\n" only, as lede frames them.
    parts = [o.split(b"\n")[:-1] if o.endswith(b"\n") else o.split(b"\n") for o in outputs]
    lines = []
    for i in range(max(len(p) for p in parts)):
        lines += [p[i] + b"\n" for p in parts if i < len(p)]
    return b"".join(lines)


class BatchBench:
    def __init__(self, build, lede, data, tmp):
        self.build, self.data, self.tmp = build, data, tmp
        self.lede = lede
        self.launcher = os.path.join(build, "run_timed")
        self.ids, self.text_bytes = load_corpus(data)
        self.repeated = os.path.join(tmp, f"repeated-x{BATCH_REPEAT}.jsonl")
        with open(data, "rb") as f:
            lines = [line for line in f.read().splitlines(keepends=True) if line.strip()]
        with open(self.repeated, "wb") as f:
            f.write(b"".join(lines) * BATCH_REPEAT)
        for name, part in (("half", lines), (f"repeated-x{BATCH_REPEAT}-half", lines * BATCH_REPEAT)):
            for i in range(PAIR_COPIES):
                with open(os.path.join(tmp, f"{name}-{i + 1}.jsonl"), "wb") as f:
                    f.write(b"".join(part[i::PAIR_COPIES]))
        self.methods = list(BATCH_METHODS) + ["lede-batch-startup", "deps-startup", "lede-api"]
        # As bench/run.sh decides: from CMake's finding libots, not from an
        # ots_bench that an earlier configuration may have left.
        if cmake_cache(build).get("LIBOTS_FOUND") == "1":
            self.methods.append("ots-lib")
            if shutil.which("ots"):
                self.methods.append("ots-cli")
            else:
                progress("speed.py: no 'ots' program: its row is left out")
        else:
            progress("speed.py: no ots_bench (libots-dev missing): OTS rows are left out")
        self.want = None
        self.runs = {m: [] for m in self.methods}

    def copies(self, method):
        """How many times the method's input holds the data."""
        return BATCH_METHODS[method].repeat if method in BATCH_METHODS else 1

    def processes(self, method):
        """How many processes of the method run at once."""
        return BATCH_METHODS[method].processes if method in BATCH_METHODS else 1

    def share(self, method, items, process):
        """The part of `items` (one per line of the input) that process
        `process` (from 0) of the method gets."""
        m = BATCH_METHODS[method]
        return items[process::m.processes] if m.split else items

    def batch_input(self, m):
        """The input file of a BatchMethod, "{copy}" in it for run_timed."""
        if m.split:
            name = "half" if m.repeat == 1 else f"repeated-x{BATCH_REPEAT}-half"
            return os.path.join(self.tmp, name + "-{copy}.jsonl")
        return self.data if m.repeat == 1 else self.repeated

    def argv(self, method):
        b = self.build
        batch = [self.lede, "batch", "-n", str(BATCH_SENTENCES)]
        if method in BATCH_METHODS:
            m = BATCH_METHODS[method]
            threads = ["-j", str(m.threads)] if m.threads > 1 else []
            return batch + threads + [self.batch_input(m)]
        return {
            "lede-batch-startup": batch + ["/dev/null"],
            "deps-startup": [os.path.join(b, "deps_floor")],
            "lede-api": [os.path.join(b, "summarize_bench"), self.data, "--runs", "1"],
            "ots-lib": [os.path.join(b, "ots_bench"), self.data, "--runs", "1"],
            "ots-cli": [os.path.join(b, "ots_bench"), self.data, "--runs", "1", "--cli", "ots"],
        }[method]

    def command(self, method):
        """The command line as shown in the report."""
        words = [w.replace(self.repeated, f"DATA-x{BATCH_REPEAT}.jsonl")
                 .replace(os.path.join(self.tmp, ""), "") for w in self.argv(method)]
        return " ".join(words)

    def reference(self):
        """How many sentences each document's summary must have: 3, or all
        its sentences when it has fewer (every sentence picked, none
        skipped as redundant)."""
        argv = [self.lede, "batch", "--ratio", "1", "--redundancy", "1", self.data]
        out = os.path.join(self.tmp, "reference.jsonl")
        check_status(run_timed(self.launcher, argv, out), argv)
        self.want = [min(n, BATCH_SENTENCES) for n in sentence_counts(out)]

    def run_once(self, method):
        argv = self.argv(method)
        out = os.path.join(self.tmp, method + ".out")
        processes = self.processes(method)
        run = run_timed(self.launcher, argv, out, copies=processes)
        check_status(run, argv)
        record = {"wall": run.seconds, "cpu": run.cpu_seconds, "rss_kib": run.rss_kib}
        if method in BATCH_METHODS:
            n = self.copies(method)
            record["seconds"] = run.seconds
            record["outputs"] = []
            for k, path in enumerate([out] + [f"{out}.{i}" for i in range(2, processes + 1)]):
                check_batch_output(path, self.share(method, self.ids * n, k),
                                   self.share(method, self.want * n, k))
                with open(path, "rb") as f:
                    record["outputs"].append(f.read())
        elif method not in ("lede-batch-startup", "deps-startup"):
            fields = parse_result(out, method.replace("-api", ""))
            if int(fields["docs"]) != len(self.ids) or int(fields["bytes"]) != self.text_bytes:
                raise BenchError(f"{method}: {fields['docs']} documents, {fields['bytes']} bytes")
            record["seconds"] = float(fields["seconds"])
            record["cpu"] = float(fields["cpu_seconds"])
            for k in ("p50_ms", "p90_ms", "p99_ms"):
                record[k] = float(fields[k])
            if method == "ots-cli":
                # The largest `ots` child. A child spawned by ots_bench starts
                # from ots_bench's own high-water mark (see run_timed.c), so
                # the figure is the child's only when it is above that.
                record["rss_kib"] = int(fields["children_rss_kib"])
                if record["rss_kib"] <= int(fields["rss_kib"]):
                    raise BenchError("ots-cli: the peak RSS of the `ots` runs is hidden by "
                                     f"ots_bench's own ({fields['rss_kib']} KiB)")
        progress(f"  {method}: {record.get('seconds', run.seconds):.4f} s, CPU {record['cpu']:.4f} s, "
                 f"{record['rss_kib']} KiB, {run.waits} waits, {run.preempted} preemptions")
        return record

    def run_short(self, methods):
        """Runs the methods that take milliseconds SHORT_REPEATS times each,
        alternating between them, and keeps per method the run of median
        wall time: one process of 20 ms is at the mercy of whatever else the
        machine does in those 20 ms, the median of several is not."""
        records = {m: [] for m in methods}
        for _ in range(SHORT_REPEATS):
            for m in methods:
                records[m].append(self.run_once(m))
        for m in methods:
            by_wall = sorted(records[m], key=lambda r: r["wall"])
            self.runs[m].append(by_wall[len(by_wall) // 2])

    def run(self, rounds):
        self.reference()
        short = [m for m in self.methods if m in SHORT_METHODS]
        for r in range(rounds):
            progress(f"batch round {r + 1}/{rounds}: {' '.join(self.methods)}")
            self.run_short(short)
            for m in self.methods:
                if m not in short:
                    self.runs[m].append(self.run_once(m))
        # Same output with 1 and 2 threads, and each copy of the data
        # summarized as the first: nothing carried over between documents.
        first = self.runs["lede-batch-1"][0]["outputs"][0]
        for m in self.methods:
            if m in BATCH_METHODS:
                for k, r in enumerate(self.runs[m]):
                    outputs = r["outputs"]
                    if BATCH_METHODS[m].split:
                        outputs = [interleave(outputs)]
                    for output in outputs:
                        self.check_same(m, k, output, first * self.copies(m))

    def check_same(self, method, round_index, got, want):
        """Fails, saying where and keeping both outputs, when `got` is not `want`."""
        if got == want:
            return
        got_lines, want_lines = got.split(b"\n"), want.split(b"\n")
        line = next((i for i, (a, b) in enumerate(zip(got_lines, want_lines)) if a != b),
                    min(len(got_lines), len(want_lines)))
        kept = os.path.join(self.build, f"bench-{method}-round{round_index + 1}.out")
        with open(kept, "wb") as f:
            f.write(got)
        with open(kept + ".want", "wb") as f:
            f.write(want)
        raise BenchError(f"{method}: round {round_index + 1}: the output differs from "
                         f"lede-batch-1's from line {line + 1} on (both kept: {kept}, "
                         f"{kept}.want)")

    def median(self, method, key):
        return statistics.median(r[key] for r in self.runs[method])

    def docs(self, method):
        """The documents all the processes of the method summarize."""
        split = method in BATCH_METHODS and BATCH_METHODS[method].split
        return len(self.ids) * self.copies(method) * (1 if split else self.processes(method))

    def docs_per_second(self, method):
        return self.docs(method) / self.median(method, "seconds")


BATCH_LABELS = {
    "lede-batch-1": ("lede batch, 1 thread", "whole process"),
    "lede-batch-2": ("lede batch, 2 threads (`-j 2`)", "whole process"),
    "lede-batch-1-pair": (f"{PAIR_COPIES} lede batch processes at once, 1 thread each",
                          "first spawn to last exit"),
    "lede-batch-1-halves": (f"{PAIR_COPIES} lede batch processes at once, 1 thread each, each on "
                            f"1/{PAIR_COPIES} of the lines", "first spawn to last exit"),
    "lede-batch-1-x20": (f"lede batch, 1 thread, the data {BATCH_REPEAT} times", "whole process"),
    "lede-batch-2-x20": (f"lede batch, 2 threads, the data {BATCH_REPEAT} times", "whole process"),
    "lede-batch-1-pair-x20": (f"{PAIR_COPIES} lede batch processes at once, 1 thread each, the "
                              f"data {BATCH_REPEAT} times", "first spawn to last exit"),
    "lede-batch-1-halves-x20": (f"{PAIR_COPIES} lede batch processes at once, 1 thread each, each "
                                f"on 1/{PAIR_COPIES} of the lines of the data {BATCH_REPEAT} times",
                                "first spawn to last exit"),
    "lede-api": ("lede API in process (summarize_bench)", "summarizing loop"),
    "ots-lib": ("OTS libots in process (ots_bench)", "summarizing loop"),
    "ots-cli": ("OTS `ots` program once per document", "spawn to exit, per document"),
}


def startup_bound(one_thread, startup):
    """The two-thread speed-up of a run of `one_thread` seconds whose first
    `startup` seconds cannot be shared and whose rest is split exactly in
    two: what the target is measured against when a run lasts milliseconds."""
    return one_thread / (startup + (one_thread - startup) / 2)


def batch_table(bb):
    peers = [m for m in ("ots-lib", "ots-cli") if m in bb.methods]
    peer_names = {"ots-lib": "vs OTS in process", "ots-cli": "vs `ots` per document"}
    head = ["method", "timed", "docs/s", "best docs/s", "docs per CPU s", "MB/s", "peak RSS (MiB)"]
    head += [peer_names[p] for p in peers]
    lines = ["| " + " | ".join(head) + " |", "| --- | --- |" + " ---: |" * (len(head) - 2)]
    for m in ("lede-batch-1", "lede-batch-2", "lede-batch-1-pair", "lede-batch-1-halves",
              "lede-api", "ots-lib", "ots-cli", "lede-batch-1-x20", "lede-batch-2-x20",
              "lede-batch-1-pair-x20", "lede-batch-1-halves-x20"):
        if m not in bb.methods:
            continue
        label, timed = BATCH_LABELS[m]
        s = bb.median(m, "seconds")
        best = min(r["seconds"] for r in bb.runs[m])
        mb = bb.text_bytes * bb.docs(m) / len(bb.ids) / 1e6
        cells = [label, timed, f"{bb.docs(m) / s:,.0f}", f"{bb.docs(m) / best:,.0f}",
                 f"{bb.docs(m) / bb.median(m, 'cpu'):,.0f}", f"{mb / s:.2f}",
                 f"{bb.median(m, 'rss_kib') / 1024:.1f}"]
        cells += [f"{bb.docs_per_second(m) / bb.docs_per_second(p):.1f} x" for p in peers]
        lines.append("| " + " | ".join(cells) + " |")
    one = bb.docs_per_second("lede-batch-1")
    startup = bb.median("lede-batch-startup", "wall")
    lines += ["", f"{len(bb.ids)} documents, {bb.text_bytes / 1e6:.2f} MB of text; "
              f"median of {len(bb.runs['lede-api'])} interleaved rounds (in each, the runs of "
              f"a few milliseconds, the rows on the 300 documents and the start-ups, are run "
              f"{SHORT_REPEATS} times, alternating, and the round keeps their median). best "
              "docs/s: the fastest round; docs per CPU s: documents over the median CPU time (user and "
              "system, of the whole process for lede batch, of the timed loop and the "
              "processes it started otherwise). The ratios compare the median docs/s.", ""]
    one_cpu = bb.docs("lede-batch-1") / bb.median("lede-batch-1", "cpu")
    lines.append(f"- lede batch, 1 thread: {one:,.0f} documents per second "
                 f"(target at least 15,000: {'met' if one >= 15000 else 'NOT met'}); "
                 f"{one_cpu:,.0f} per CPU second")
    if "ots-lib" in bb.methods:
        ratio = one / bb.docs_per_second("ots-lib")
        ots_cpu = bb.docs("ots-lib") / bb.median("ots-lib", "cpu")
        lines.append(f"- lede batch, 1 thread, against OTS in process: {ratio:.1f} x "
                     f"(target at least 40 x: {'met' if ratio >= 40 else 'NOT met'}); "
                     f"{one_cpu / ots_cpu:.1f} x per CPU second")
    for suffix, what in (("", "the data once"), ("-x20", f"the data {BATCH_REPEAT} times")):
        one = bb.docs_per_second("lede-batch-1" + suffix)
        speedup = bb.docs_per_second("lede-batch-2" + suffix) / one
        ceiling = bb.docs_per_second("lede-batch-1-pair" + suffix) / one
        split = bb.docs_per_second("lede-batch-1-halves" + suffix) / one
        lines.append(f"- 2 threads against 1, {what}: {speedup:.2f} x "
                     f"(target at least 1.7 x: {'met' if speedup >= 1.7 else 'NOT met'}); "
                     f"{PAIR_COPIES} one-thread processes at once, each on half of the lines: "
                     f"{split:.2f} x (the work split over two processes; the threads: "
                     f"{speedup / split:.0%} of it); {PAIR_COPIES} at once, each on all of it: "
                     f"{ceiling:.2f} x, what two CPUs of this machine gave two copies of the work "
                     f"sharing nothing (the threads: {speedup / ceiling:.0%} of it)")
    lines.append(f"- start-up of `lede batch` on empty input (`/dev/null`), median: "
                 f"{startup * 1e3:.1f} ms, included in every lede batch row; of it, "
                 f"{bb.median('deps-startup', 'wall') * 1e3:.1f} ms is the start-up of an empty "
                 "program linked with the same libraries (`bench/deps_floor.c`)")
    bounds = [startup_bound(bb.median("lede-batch-1" + suffix, "seconds"), startup)
              for suffix in ("", "-x20")]
    lines.append(f"- the most 2 threads could give if the start-up stayed serial and all the "
                 f"rest were halved exactly: {bounds[0]:.2f} x on the data once, "
                 f"{bounds[1]:.2f} x on the data {BATCH_REPEAT} times (one-thread time over "
                 "start-up plus half of the rest)")
    ratios = [a["wall"] / b["wall"] for a, b in zip(bb.runs["lede-batch-1"], bb.runs["lede-batch-2"])]
    lines.append(f"- 2 threads against 1, the data once, round by round: "
                 + ", ".join(f"{r:.2f}" for r in ratios))
    busy = [r["cpu"] / r["wall"] for r in bb.runs["lede-batch-2"]]
    lines.append("- CPUs busy in the 2-thread runs on the data once (CPU time over wall time, "
                 "round by round; 1.00 means the two threads never ran at the same time): "
                 + ", ".join(f"{b:.2f}" for b in busy))
    return lines


# The host reading: bench/host_contention's loops, alone and two at once.
CONTENTION_LOOPS = (("chase", "4", "20000000", "a 4 MiB pointer chase (dependent loads, as "
                     "the tokenizer's table lookups)"),
                    ("arith", "1", "300000000", "an arithmetic loop that touches no memory"))


def contention_reading(build, loop, rounds):
    """Median ns per step of one loop run alone and of two copies run at
    once (their mean), alternating round by round."""
    argv = [os.path.join(build, "host_contention")] + list(loop[:3])
    alone, together = [], []

    def reading(procs):
        values = []
        for p in procs:
            out, _ = p.communicate()
            if p.returncode != 0:
                raise BenchError(f"{' '.join(argv)} exited with status {p.returncode}")
            values.append(float(out.split()[0]))
        return sum(values) / len(values)

    for _ in range(rounds):
        run = lambda: subprocess.Popen(argv, stdout=subprocess.PIPE, text=True, env=CHILD_ENV)
        alone.append(reading([run()]))
        together.append(reading([run(), run()]))
    return statistics.median(alone), statistics.median(together)


def contention_lines(build, rounds):
    """What the host gives two CPUs' worth of work that shares nothing: the
    ceiling the two-thread target meets on this machine."""
    parts = []
    for loop in CONTENTION_LOOPS:
        alone, together = contention_reading(build, loop, rounds)
        parts.append(f"{loop[3]}: {alone / together:.2f} x its speed alone "
                     f"({alone:.2f} ns a step alone, {together:.2f} two at once)")
    return ["- the host, two copies of a loop at once, each against one alone "
            "(`bench/host_contention.c`, median of " + str(rounds) + " alternating rounds): " +
            "; ".join(parts)]


def core_table(bb):
    """The per-document view of the in-process methods (the Core section of
    docs/performance.md)."""
    methods = [m for m in ("lede-api", "ots-lib", "ots-cli") if m in bb.methods]
    labels = {"lede-api": "lede (one reusable summarizer, 3 sentences)",
              "ots-lib": "OTS libots in process (3 sentences)",
              "ots-cli": "OTS `ots` program per document (--ratio=20)"}
    lines = ["| method | docs/s | MB/s | median ms/doc | p90 ms/doc | p99 ms/doc | time vs lede |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    base = bb.median("lede-api", "seconds")
    for m in methods:
        s = bb.median(m, "seconds")
        lines.append(f"| {labels[m]} | {len(bb.ids) / s:.1f} | {bb.text_bytes / 1e6 / s:.3f} | "
                     f"{bb.median(m, 'p50_ms'):.3f} | {bb.median(m, 'p90_ms'):.3f} | "
                     f"{bb.median(m, 'p99_ms'):.3f} | {s / base:.1f} x |")
    return lines


# ====== Scaling ======


class ScalingBench:
    def __init__(self, build, lede, data, tmp, sizes, timeout):
        self.lede = lede
        self.launcher = os.path.join(build, "run_timed")
        self.data, self.tmp, self.sizes, self.timeout = data, tmp, sizes, timeout
        self.tools = ["lede"] + (["ots"] if shutil.which("ots") else [])
        self.docs = {}  # size -> (path, bytes, sentences, distinct)
        self.runs = {(t, s): [] for t in self.tools for s in sizes}
        self.timed_out = {}  # tool -> the smallest size where it did not finish

    def generate(self):
        pool = make_long_doc.sentence_pool(self.data)
        self.pool_bytes = sum(len(s.encode("utf-8")) + 1 for s in pool)
        self.pool_sentences = len(pool)
        for size in self.sizes:
            path = os.path.join(self.tmp, f"doc-{size}.txt")
            with open(path, "wb") as out:
                written, count, distinct = make_long_doc.write_document(pool, size, out, seed=6)
            self.docs[size] = (path, written, count, distinct)

    def argv(self, tool, path):
        if tool == "lede":
            return [self.lede, "summarize", "-n", str(SCALING_SENTENCES), path]
        return [shutil.which("ots"), path]

    def run_once(self, tool, size):
        path = self.docs[size][0]
        argv = self.argv(tool, path)
        out = os.path.join(self.tmp, f"{tool}-{size}.out")
        run = run_timed(self.launcher, argv, out, self.timeout)
        check_status(run, argv)
        if run.timed_out:
            self.timed_out[tool] = size
            return
        with open(out, "rb") as f:
            text = f.read()
        if tool == "lede":
            bullets = text.decode("utf-8").splitlines()
            if len(bullets) != SCALING_SENTENCES or not all(b.startswith("- ") for b in bullets):
                raise BenchError(f"{' '.join(argv)}: {len(bullets)} lines, want "
                                 f"{SCALING_SENTENCES} bullets")
        elif not text.strip():
            raise BenchError(f"{' '.join(argv)}: empty summary")
        self.runs[(tool, size)].append(run)
        progress(f"  {tool} {size}: {run.seconds:.3f} s, CPU {run.cpu_seconds:.3f} s, "
                 f"{run.rss_kib} KiB, {run.waits} waits, {run.preempted} preemptions")

    def skipped(self, tool, size):
        return tool in self.timed_out and size >= self.timed_out[tool]

    def run(self, rounds):
        self.generate()
        for r in range(rounds):
            progress(f"scaling round {r + 1}/{rounds}")
            for size in self.sizes:
                for tool in self.tools:
                    if not self.skipped(tool, size):
                        self.run_once(tool, size)

    def result(self, tool, size):
        """(median seconds, median peak RSS KiB, runs) or None."""
        runs = self.runs[(tool, size)]
        if not runs:
            return None
        return (statistics.median(r.seconds for r in runs),
                statistics.median(r.rss_kib for r in runs), len(runs))

    def table(self):
        lines = ["| document | sentences (distinct) | tool | wall time | peak RSS (MiB) | s per MB |",
                 "| ---: | ---: | --- | ---: | ---: | ---: |"]
        for size in self.sizes:
            _, written, count, distinct = self.docs[size]
            for tool in self.tools:
                res = self.result(tool, size)
                name = f"`lede summarize -n {SCALING_SENTENCES}`" if tool == "lede" else "`ots`"
                head = f"| {svg_plot.format_size(size)} ({written:,} bytes) | {count:,} ({distinct:,}) | {name} |"
                if res:
                    s, rss, _ = res
                    lines.append(f"{head} {s:.3f} s | {rss / 1024:.1f} | {s / (written / 1e6):.3f} |")
                elif self.timed_out.get(tool) == size:
                    lines.append(f"{head} did not finish in {self.timeout:g} s | | |")
                else:
                    lines.append(f"{head} not run (did not finish at a smaller size) | | |")
        return lines

    def targets(self):
        lines = []
        for size, limit in ((10_000_000, 10), (100_000_000, 120)):
            res = self.result("lede", size) if size in self.sizes else None
            if res:
                s, rss, _ = res
                ok = s < limit and rss * 1024 < 1e9
                lines.append(f"- lede on {svg_plot.format_size(size)}: {s:.2f} s (target under "
                             f"{limit} s), {rss * 1024 / 1e6:.0f} MB peak RSS (target under "
                             f"1000 MB): {'met' if ok else 'NOT met'}")
        per_mb = [(size, self.result("lede", size)) for size in self.sizes if size >= 1_000_000]
        per_mb = [(size, r[0] / (self.docs[size][1] / 1e6)) for size, r in per_mb if r]
        if len(per_mb) > 1:
            lo, hi = min(v for _, v in per_mb), max(v for _, v in per_mb)
            lines.append("- lede time per MB from 1 MB up: " +
                         ", ".join(f"{v:.3f} s ({svg_plot.format_size(s)})" for s, v in per_mb) +
                         f"; largest / smallest = {hi / lo:.2f}")
        return lines

    def plot(self, path):
        plot = svg_plot.LogLogPlot("Summarizing one long document (median wall time)",
                                   "document size", "wall time")
        colours = {"lede": "#1f77b4", "ots": "#d62728"}
        names = {"lede": f"lede summarize -n {SCALING_SENTENCES}", "ots": "ots (OTS)"}
        for tool in self.tools:
            points = [(s, self.result(tool, s)[0]) for s in self.sizes if self.result(tool, s)]
            timeouts = [(s, self.timeout) for s in self.sizes if self.timed_out.get(tool) == s]
            plot.add_series(names[tool], colours[tool], points, timeouts,
                            f"did not finish in {self.timeout:g} s")
        # Time proportional to size, through lede's first point from 1 MB up.
        anchor = [s for s in self.sizes if s >= 1_000_000 and self.result("lede", s)]
        if anchor and anchor[0] < self.sizes[-1]:
            x0, y0 = anchor[0], self.result("lede", anchor[0])[0]
            x1 = self.sizes[-1]
            plot.add_reference("time proportional to size", [(x0, y0), (x1, y0 * x1 / x0)])
        with open(path, "w", encoding="utf-8") as f:
            f.write(plot.render())


# ====== The report ======


def scratch_folder(build):
    """A new folder for the inputs and outputs of the runs: in /dev/shm when
    it is a writable tmpfs, so that no timed run reads or writes the disk,
    else in the build folder."""
    shm = "/dev/shm"
    if os.path.isdir(shm) and os.access(shm, os.W_OK):
        with open("/proc/mounts", encoding="utf-8") as f:
            if any(line.split()[1:3] == [shm, "tmpfs"] for line in f):
                return tempfile.mkdtemp(prefix="lede-bench-", dir=shm)
    return tempfile.mkdtemp(prefix="bench-", dir=build)


def load_average():
    with open("/proc/loadavg", encoding="ascii") as f:
        return " ".join(f.read().split()[:3])


def cmake_cache(build):
    """The variables of DIR/CMakeCache.txt, by name."""
    cache = {}
    with open(os.path.join(build, "CMakeCache.txt"), encoding="utf-8") as f:
        for line in f:
            if ":" in line and "=" in line and not line.startswith(("#", "//")):
                key, value = line.rstrip("\n").split("=", 1)
                cache[key.split(":")[0]] = value
    return cache


def machine_lines(build):
    cpu = "unknown CPU"
    with open("/proc/cpuinfo", encoding="utf-8") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    cache = cmake_cache(build)
    cc = cache.get("CMAKE_C_COMPILER", "cc")
    compiler = subprocess.run([cc, "--version"], capture_output=True, text=True).stdout
    return [f"- Machine: {cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}",
            f"- Build: {compiler.splitlines()[0] if compiler else cc}, CMake build type "
            f"{cache.get('CMAKE_BUILD_TYPE') or 'RelWithDebInfo (the default)'}"]


def parse_args(argv):
    opts = {"build": None, "data": None, "lede": None, "rounds": 5, "timeout": 120.0, "svg": None,
            "sizes": DEFAULT_SIZES, "batch": True, "scaling": True}
    i = 1
    while i < len(argv):
        a = argv[i]
        if a in ("--skip-batch", "--skip-scaling"):
            opts[a[7:]] = False
        elif (a in ("--build", "--data", "--lede", "--rounds", "--timeout", "--svg", "--sizes")
              and i + 1 < len(argv)):
            i += 1
            v = argv[i]
            if a == "--rounds":
                v = int(v)
            elif a == "--timeout":
                v = float(v)
            elif a == "--sizes":
                v = [int(x) for x in v.split(",")]
            opts[a[2:]] = v
        else:
            sys.exit(f"speed.py: bad argument {a!r}\n{__doc__}")
        i += 1
    if not opts["build"] or not opts["data"] or opts["rounds"] < 1:
        sys.exit(__doc__)
    if not opts["lede"]:
        opts["lede"] = os.path.join(opts["build"], "lede")
    return opts


def main(argv):
    o = parse_args(argv)
    load_start = load_average()
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    report = []
    tmp = scratch_folder(o["build"])
    CHILD_ENV["TMPDIR"] = tmp  # ots_bench --cli writes its per-document files there
    try:
        if o["batch"]:
            bb = BatchBench(o["build"], o["lede"], o["data"], tmp)
            meter = CpuMeter()
            bb.run(o["rounds"])
            load = load_line(meter)
            report += ["### Batch on news articles", ""] + batch_table(bb)
            report += contention_lines(o["build"], o["rounds"]) + [load, ""]
            report += ["### Core: per document, in process", ""] + core_table(bb) + [""]
            report += ["Commands (each run once per round, in this order):", ""]
            report += [f"- `OPENBLAS_NUM_THREADS=1 {bb.command(m)}`" +
                       (f" ({bb.processes(m)} at once)" if bb.processes(m) > 1 else "")
                       for m in bb.methods]
            report += ["", f"(`DATA-x{BATCH_REPEAT}.jsonl`: the lines of DATA {BATCH_REPEAT} times "
                       "over, written to the temporary folder.)", ""]
        if o["scaling"]:
            sb = ScalingBench(o["build"], o["lede"], o["data"], tmp, o["sizes"], o["timeout"])
            meter = CpuMeter()
            sb.run(o["rounds"])
            report += ["### Scaling: one long document", ""] + sb.table() + [""] + sb.targets()
            report += [load_line(meter)]
            report += ["", f"Documents built by `bench/make_long_doc.py` from the "
                       f"{sb.pool_sentences:,} sentences ({sb.pool_bytes / 1e6:.2f} MB) of "
                       f"{o['data']}, seed 6; median of up to {o['rounds']} interleaved rounds; "
                       f"each run killed after {o['timeout']:g} s.", "",
                       "Commands (each run once per round and size, in this order):", "",
                       f"- `OPENBLAS_NUM_THREADS=1 {' '.join(sb.argv('lede', 'DOC'))}`"]
            if "ots" in sb.tools:
                report += [f"- `{' '.join(sb.argv('ots', 'DOC'))}`"]
            report += [""]
            if o["svg"]:
                sb.plot(o["svg"])
                progress(f"speed.py: wrote {o['svg']}")
    except BenchError as e:
        sys.exit(f"speed.py: {e}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    report += machine_lines(o["build"])
    report += [f"- Date: {started}; load average (1, 5, 15 min) at the start: {load_start}, "
               f"at the end: {load_average()}"]
    print("\n".join(report))


if __name__ == "__main__":
    main(sys.argv)
