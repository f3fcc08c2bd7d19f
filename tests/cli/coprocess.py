#!/usr/bin/env python3
"""lede batch as a coprocess: a program that writes one line and waits for
its answer before writing the next gets each answer (or the message about a
bad line) while lede's input is still open, with one thread and with
several; under --strict lede stops at the bad line without waiting for
more input. With --threads 0 it runs one thread per CPU it may run on
(counted in /proc while it waits for more input).

Usage: coprocess.py LEDE
"""
import json
import os
import select
import subprocess
import sys

# Generous: an answer takes milliseconds; a missing one waits for ever.
WAIT_SECONDS = 60

GOOD = [
    {"id": "a", "text": "The council approved the new budget on Monday. Teachers welcomed "
                        "it. Parents asked for more money for schools. The mayor said no."},
    {"id": "c", "text": "Rain flooded the river road. The bridge closed at noon. Drivers "
                        "waited for hours. The police opened a detour in the evening."},
    {"id": "d", "html": "<html><body><article><p>The museum reopened after the fire. "
                        "Visitors queued along the square.</p><p>The director thanked "
                        "the firefighters. The roof will take a year to mend.</p>"
                        "</article></body></html>"},
]
BAD = "{\"id\": \"b\", \"text\": \"unterminated"

failures = []


def fail(what):
    failures.append(what)
    print("FAIL:", what)


def read_line(stream, what):
    """The next line of `stream`, or None after WAIT_SECONDS without one."""
    ready, _, _ = select.select([stream], [], [], WAIT_SECONDS)
    if not ready:
        fail("%s: nothing within %d s while the input stayed open" % (what, WAIT_SECONDS))
        return None
    return stream.readline().decode()


def send(proc, line):
    proc.stdin.write((line + "\n").encode())
    proc.stdin.flush()


def start(lede, args, cpus=None):
    """`cpus`: the set of CPUs lede may run on (its affinity), else ours."""
    return subprocess.Popen([lede, "batch"] + args, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            preexec_fn=(lambda: os.sched_setaffinity(0, cpus)) if cpus else None)


def check_answers(lede, threads):
    what = "batch -j %d" % threads
    proc = start(lede, ["-j", str(threads)])
    order = [GOOD[0], BAD, GOOD[1], GOOD[2]]
    for lineno, doc in enumerate(order, 1):
        if doc is BAD:
            send(proc, BAD)
            message = read_line(proc.stderr, "%s, line %d (bad)" % (what, lineno))
            if message is not None and not message.startswith("lede: <stdin>:%d:" % lineno):
                fail("%s: message %r" % (what, message))
            continue
        send(proc, json.dumps(doc))
        answer = read_line(proc.stdout, "%s, line %d" % (what, lineno))
        if answer is None:
            break
        got = json.loads(answer)
        if got.get("id") != doc["id"] or not got.get("sentences"):
            fail("%s: answer %r to line %d" % (what, answer[:80], lineno))
    proc.stdin.close()
    rest = proc.stdout.read().decode()
    if rest:
        fail("%s: more output after the input ended: %r" % (what, rest[:80]))
    if proc.wait(timeout=WAIT_SECONDS) != 1:
        fail("%s: exit status %d, 1 expected (a bad line)" % (what, proc.returncode))
    proc.stdout.close()
    proc.stderr.close()


def check_strict(lede, threads):
    what = "batch --strict -j %d" % threads
    proc = start(lede, ["--strict", "-j", str(threads)])
    send(proc, json.dumps(GOOD[0]))
    read_line(proc.stdout, what + ", line 1")
    send(proc, BAD)
    try:
        status = proc.wait(timeout=WAIT_SECONDS)
        if status != 1:
            fail("%s: exit status %d, 1 expected" % (what, status))
    except subprocess.TimeoutExpired:
        fail("%s: still running %d s after the bad line, input open" % (what, WAIT_SECONDS))
        proc.kill()
        proc.wait()
    message = proc.stderr.read().decode()
    if not message.startswith("lede: <stdin>:2:"):
        fail("%s: message %r" % (what, message))
    proc.stdin.close()
    proc.stdout.close()
    proc.stderr.close()


def threads_while_waiting(lede, args, cpus, what):
    """How many threads lede has while it waits for its second line (after
    answering the first), or None when it gave no answer."""
    proc = start(lede, args, cpus)
    send(proc, json.dumps(GOOD[0]))
    answer = read_line(proc.stdout, what)
    threads = None
    if answer == "":
        fail("%s: no answer: %r" % (what, proc.stderr.read().decode()[:200]))
    elif answer is not None:
        # Every thread is started before the first line is read.
        threads = len(os.listdir("/proc/%d/task" % proc.pid))
        if json.loads(answer).get("id") != GOOD[0]["id"]:
            fail("%s: answer %r" % (what, answer[:80]))
    proc.stdin.close()
    if proc.wait(timeout=WAIT_SECONDS) != 0:
        fail("%s: exit status %d" % (what, proc.returncode))
    proc.stdout.close()
    proc.stderr.close()
    return threads


def check_threads_per_cpu(lede, cpus):
    """-j 0 runs as many threads as -j N for N CPUs (counted the same way, so
    that a sanitizer's own thread counts in both), and more than -j 1 when
    N > 1."""
    what = "batch -j 0 on %d CPUs" % len(cpus)
    n = min(len(cpus), 256)
    auto = threads_while_waiting(lede, ["-j", "0"], cpus, what)
    explicit = threads_while_waiting(lede, ["-j", str(n)], cpus, what + " (-j %d)" % n)
    one = threads_while_waiting(lede, ["-j", "1"], cpus, what + " (-j 1)")
    if None in (auto, explicit, one):
        return
    if auto != explicit or (n > 1) != (auto > one):
        fail("%s: %d threads, %d with -j %d, %d with -j 1" % (what, auto, explicit, n, one))


def main():
    lede = sys.argv[1]
    # OpenBLAS starts no threads of its own in the counts below.
    os.environ["OPENBLAS_NUM_THREADS"] = "1"
    for threads in (1, 2, 3):
        check_answers(lede, threads)
        check_strict(lede, threads)
    ours = os.sched_getaffinity(0)
    check_threads_per_cpu(lede, ours)
    check_threads_per_cpu(lede, {min(ours)})
    print("%d failures" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
