#!/usr/bin/env python3
"""lede when memory runs out: allocations that lede, liblede and jansson
make on a small input are made to fail, one per run
(tests/isolated/failing_alloc.c, preloaded).

First `lede batch`, with one thread and with two, each allocation in turn
(its threads take lines in an order of their own, so which allocations a
run makes varies): each run must end with status 0 or 1, never by a
signal; every output line must be the line a normal run gives for the same
input line, in input order, each at most once; every message on standard
error must be a lede message; and a run that prints fewer lines must exit
with 1 and say that memory ran out.

Then `lede summarize`, `split`, `extract`, `rouge` and `bench` on texts, a
Markdown file, a web page, an XML article, summaries (pairs, folders, a
settings file) and three documents with references, for each allocation
site (a chain of calls) the first allocation from it and, where the site
allocates again, the last (by then a loop has built up what the failure
must clean up): most allocations repeat a site, once for each sentence or
document, and failing every one took three times as many runs, most of the
suite's time. Each run must
reach the site and give the normal output with status 0, or status 1 with
a message about memory and only lines of the normal output, in its order.

Usage: out_of_memory.py LEDE FAILING_ALLOC_LIBRARY
"""
import json
import os
import subprocess
import sys
import tempfile

LINES = [
    {"id": "a", "text": "The council approved the new budget on Monday. Teachers welcomed it. "
                        "Parents asked for more money for schools. The mayor said no."},
    "{\"id\": \"b\", \"text\": \"unterminated",
    {"id": "c", "tags": [1, 2], "text": "Rain flooded the river road. The bridge closed at noon. "
                                        "Drivers took the long way round. It opened again at six."},
    {"id": "d", "title": "no text here"},
    {"id": "e", "text": "Short one. Another short one. A third."},
    {"id": "f", "html": "<html><head><title>Floods</title></head><body><article>"
                        "<p>Rain fell all night across the north.</p><p>Rivers rose quickly "
                        "after the rain, and two bridges closed.</p><p>Engineers watched the "
                        "water through the night.</p></article></body></html>"},
]


def run(lede, args, env):
    return subprocess.run([lede, "batch", "-n", "2"] + args, env=env, capture_output=True,
                          text=True, timeout=60)


def check(label, proc, reference):
    problems = []
    if proc.returncode not in (0, 1):
        problems.append(f"exit status {proc.returncode}")
    last = -1
    seen = set()
    for line in proc.stdout.splitlines():
        try:
            doc_id = json.loads(line)["id"]
        except (ValueError, KeyError, TypeError):
            problems.append(f"output line that is not a summary: {line[:80]!r}")
            continue
        if doc_id not in reference or reference[doc_id][1] != line:
            problems.append(f"output for {doc_id!r} differs from the normal run's")
            continue
        if doc_id in seen or reference[doc_id][0] <= last:
            problems.append(f"output for {doc_id!r} out of order or twice")
        seen.add(doc_id)
        last = reference[doc_id][0]
    messages = proc.stderr.splitlines()
    for m in messages:
        if not m.startswith("lede: "):
            problems.append(f"message without the program's name: {m[:80]!r}")
    missing = len(reference) - len(seen)
    if missing > 0 and (proc.returncode != 1 or "memory" not in proc.stderr):
        problems.append(f"{missing} summaries missing, status {proc.returncode}, "
                        "no message about memory")
    if problems:
        print(f"{label}: " + "; ".join(problems))
        print("  stderr: " + proc.stderr[:300].replace("\n", " | "))
    return not problems


# Commands on one input, each with the first and the last allocation of
# every allocation site made to fail (lede batch: every allocation in
# turn): status 0 with the normal output, or 1 with a message and at most
# the beginning of the normal output.
HERE = os.path.dirname(os.path.abspath(__file__))
PAGE = os.path.join(HERE, "..", "data", "html", "lang-en.html")
SINGLE_RUNS = [
    ["summarize", "-n", "3", os.path.join(HERE, "inputs", "sample.txt")],
    ["summarize", "-n", "2", "--format", "json", os.path.join(HERE, "inputs", "markdown.md")],
    ["split", os.path.join(HERE, "inputs", "crlf.txt")],
    ["summarize", "-n", "2", PAGE],
    ["extract", PAGE],
    ["rouge", "-n", "2", "-m", "-2", "4", "-u", "--pairs", "PAIRS"],
    ["rouge", "-n", "2", "-d", "--candidates", "CANDIDATES", "--references", "REFERENCES"],
    ["summarize", "-n", "2", "--format", "html", os.path.join(HERE, "inputs", "sample.txt")],
    ["rouge", "-n", "2", "-a", "CONFIG"],
    ["extract", "-f", "json", os.path.join(HERE, "..", "data", "html", "jats.xml")],
    ["extract", "-f", "json", PAGE],
    # A page in another language: its own summarizer, not the English one.
    ["summarize", "-n", "2", os.path.join(HERE, "..", "data", "html", "lang-ja.html")],
    ["split", "--format", "json", os.path.join(HERE, "inputs", "markdown.md")],
    ["bench", "--data", "BENCH"],
    ["bench", "--data", "BENCH", "--baselines", "lead", "--plot", "PLOT"],
    # Pages, and a bad line left out: memory running out is not a bad line.
    ["bench", "--skip-bad", "--data", os.path.join(HERE, "..", "data", "bench", "html.jsonl")],
    # A page whose article changes if a text the extractor looks at goes
    # unread: its headline, a byline left out, a short sentence kept.
    ["extract", "-f", "json", "ARTICLE"],
    # UTF-16 with a lone surrogate, read as U+FFFD only with the option.
    ["split", "--replace-invalid", "UTF16"],
]

ARTICLE = """<!DOCTYPE html><html><head><title>Council approves the budget - Example News</title>
</head><body><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<h1>Council approves the budget</h1>
<article>
<p>By Jo Writer - 2019-11-18</p>
<p>The city council approved next year's budget on Tuesday after a long debate, with more
money for schools, roads and the harbour.</p>
<div>Nobody objected.</div>
<p>The mayor said the vote showed that the council could agree on what matters most to the
people who live in the city.</p>
<p>Road repairs will get twice as much as last year, and the harbour will be dredged before
the winter storms arrive.</p>
</article>
<footer><p>Copyright 2019 Example News. All rights reserved.</p></footer>
</body></html>
"""


# Runs given several input files: a file that could not be read is left out
# and the others are still written, so their output is checked line by line.
SEVERAL_FILE_RUNS = [
    ["summarize", "-n", "2", "--format", "jsonl", os.path.join(HERE, "inputs", "crlf.txt"),
     os.path.join(HERE, "inputs", "bom.txt")],
    # One JSON array of the files' documents, never a document per file.
    ["summarize", "-n", "2", "--format", "json", os.path.join(HERE, "inputs", "crlf.txt"),
     os.path.join(HERE, "inputs", "bom.txt")],
    ["extract", "-f", "json", os.path.join(HERE, "inputs", "crlf.txt"), PAGE],
]


def lines_of(part, whole):
    """Whether the lines of `part` are lines of `whole`, in its order: with
    several files, the ones that could be read are still written."""
    lines = iter(whole.splitlines())
    return all(any(line == other for other in lines) for line in part.splitlines())


def partial_output(part, whole, several_files):
    """Whether `part` is what a run stopped by memory may have written: the
    start of the normal output, or with several input files, lines of it in
    order."""
    if several_files:
        return lines_of(part, whole)
    return whole.startswith(part)


def run_with(lede, args, env, **extra):
    return subprocess.run([lede] + args, env=dict(env, **extra), capture_output=True, text=True,
                          timeout=60)


def take_outputs(outputs):
    """The contents of the files a run wrote (None for one it did not),
    removed for the next run."""
    got = []
    for path in outputs:
        if os.path.exists(path):
            with open(path) as f:
                got.append(f.read())
            os.remove(path)
        else:
            got.append(None)
    return got


def single_run_fails(lede, library, args, env, tmp, several_files=False, outputs=()):
    normal = run_with(lede, args, env)
    normal_files = take_outputs(outputs)
    if normal.returncode != 0 or not normal.stdout:
        print(f"{' '.join(args[:2])}: the normal run failed: {normal.stderr[:200]}")
        return 1
    listed = os.path.join(tmp, "sites")
    run_with(lede, args, env, LD_PRELOAD=library, LEDE_ALLOC_SITES=listed)
    take_outputs(outputs)
    with open(listed) as f:
        sites = [line.split() for line in f if line.strip()]
    if not sites:
        print(f"{' '.join(args[:2])}: no allocation site listed: is the library preloaded?")
        return 1
    # The first allocation of each site, and the last of a site that
    # allocates again: by then a loop has built up what a failure there
    # must clean up.
    chosen = [(name, 1) for name, _ in sites]
    chosen += [(name, int(count)) for name, count in sites if int(count) > 1]
    failed = os.path.join(tmp, "failed")
    failures = 0
    for k, (site, nth) in enumerate(chosen, 1):
        if os.path.exists(failed):
            os.remove(failed)
        proc = run_with(lede, args, env, LD_PRELOAD=library, LEDE_FAIL_SITE=f"{site}@{nth}",
                        LEDE_FAILED=failed)
        ok = (proc.returncode == 0 and proc.stdout == normal.stdout) or (
            proc.returncode == 1 and proc.stderr.startswith("lede: ")
            and "memory" in proc.stderr and partial_output(proc.stdout, normal.stdout, several_files))
        # A file is the normal run's, or after a failure missing or its
        # beginning (--per-doc writes a line at a time).
        for got, whole in zip(take_outputs(outputs), normal_files):
            ok = ok and (got == whole or (proc.returncode == 1 and (got is None or
                                                                     whole.startswith(got))))
        if not ok or not os.path.exists(failed):
            failures += 1
            print(f"{' '.join(args[:-1])} {os.path.basename(args[-1])}, allocation {nth} of site "
                  f"{site} {'not reached' if ok else 'failing'}: status {proc.returncode}, "
                  f"stderr {proc.stderr[:200]!r}, stdout {proc.stdout[:80]!r}")
    print(f"{' '.join(args[:-1])} {os.path.basename(args[-1])}: {len(sites)} allocation sites, "
          f"the first allocation of each and the last of the {len(chosen) - len(sites)} that "
          f"repeat made to fail")
    return 1 if failures else 0


def preloadable(library, folder):
    """The library by a path LD_PRELOAD can hold: it splits at spaces (and
    colons) and knows no quoting, so a build folder with a space in its
    path gets a link to it in `folder`, a folder of /tmp."""
    if not any(c in library for c in " \t:"):
        return library
    link = os.path.join(folder, "failing_alloc.so")
    os.symlink(library, link)
    return link


def main():
    lede, library = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as tmp, \
            tempfile.TemporaryDirectory(prefix="lede-oom.", dir="/tmp") as plain:
        library = preloadable(library, plain)
        data = os.path.join(tmp, "in.jsonl")
        with open(data, "w") as f:
            for item in LINES:
                f.write((item if isinstance(item, str) else json.dumps(item)) + "\n")
            # A page in Japanese: the batch makes a summarizer for its language.
            with open(os.path.join(HERE, "..", "data", "html", "lang-ja.html")) as page:
                f.write(json.dumps({"id": "g", "html": page.read()}) + "\n")
        env = dict(os.environ, OPENBLAS_NUM_THREADS="1")
        normal = run(lede, [data], env)
        reference = {}
        for k, line in enumerate(normal.stdout.splitlines()):
            reference[json.loads(line)["id"]] = (k, line)
        expected_errors = len(normal.stderr.splitlines())
        if normal.returncode != 1 or len(reference) != 5 or expected_errors != 2:
            print(f"the normal run: status {normal.returncode}, {len(reference)} summaries, "
                  f"{expected_errors} messages; expected 1, 5 and 2")
            return 1
        failures = 0
        for threads in ("1", "2"):
            counting = dict(env, LD_PRELOAD=library, LEDE_ALLOC_COUNT=os.path.join(tmp, "n"))
            probe = run(lede, ["-j", threads, data], counting)
            if probe.stdout != normal.stdout:
                print(f"-j {threads}: the preloaded library changed the output")
                return 1
            with open(os.path.join(tmp, "n")) as f:
                total = int(f.read())
            if total < 50:
                print(f"-j {threads}: only {total} allocations counted: is the library preloaded?")
                return 1
            for k in range(1, total + 1):
                failing = dict(env, LD_PRELOAD=library, LEDE_FAIL_ALLOC=str(k))
                proc = run(lede, ["-j", threads, data], failing)
                if not check(f"-j {threads}, allocation {k} of {total} failing", proc, reference):
                    failures += 1
            print(f"-j {threads}: {total} allocations, each made to fail once")
        # The first three pairs of the ROUGE fixtures.
        pairs = os.path.join(tmp, "pairs.jsonl")
        with open(os.path.join(HERE, "..", "data", "rouge", "pairs.jsonl")) as f, \
                open(pairs, "w") as out:
            out.writelines(f.readlines()[:3])
        # Two candidates in a folder, with their references in another.
        folders = {"CANDIDATES": os.path.join(tmp, "c"), "REFERENCES": os.path.join(tmp, "r")}
        files = {("c", "000001"): "The council approved the budget on Tuesday.\n"
                                  "Road repairs get more money.\n",
                 ("c", "000002"): "Storm Ilse hit the coast.\n",
                 ("r", "000001.A"): "The city council approved a budget on Tuesday.\n",
                 ("r", "000001.B"): "Road repairs will get more money this year.\n",
                 ("r", "000002.A"): "Storm Ilse hit the harbour coast on Sunday.\n"}
        for (folder, name), text in files.items():
            os.makedirs(os.path.join(tmp, folder), exist_ok=True)
            with open(os.path.join(tmp, folder, name), "w") as f:
                f.write(text)
        # The same summaries in a ROUGE-1.5.5 settings file.
        folders["CONFIG"] = os.path.join(tmp, "config.xml")
        with open(folders["CONFIG"], "w") as f:
            f.write('<ROUGE_EVAL version="1.55">\n')
            for doc, refs in (("000001", ("A", "B")), ("000002", ("A",))):
                f.write(f'<EVAL ID="{doc}"><PEER-ROOT>{tmp}/c</PEER-ROOT>'
                        f'<MODEL-ROOT>{tmp}/r</MODEL-ROOT><INPUT-FORMAT TYPE="SPL"/>'
                        f'<PEERS><P ID="C">{doc}</P></PEERS><MODELS>'
                        + "".join(f'<M ID="{m}">{doc}.{m}</M>' for m in refs)
                        + "</MODELS></EVAL>\n")
            f.write("</ROUGE_EVAL>\n")
        # Three documents of the bench's test data.
        bench = os.path.join(tmp, "bench.jsonl")
        with open(os.path.join(HERE, "..", "data", "bench", "dev.jsonl")) as f, \
                open(bench, "w") as out:
            out.writelines(f.readlines()[:3])
        folders["BENCH"] = bench
        folders["PLOT"] = os.path.join(tmp, "plot.svg")
        folders["ARTICLE"] = os.path.join(tmp, "article.html")
        with open(folders["ARTICLE"], "w") as f:
            f.write(ARTICLE)
        folders["UTF16"] = os.path.join(tmp, "utf16.txt")
        with open(folders["UTF16"], "wb") as f:
            f.write(b"\xff\xfe" + "Rain fell. ".encode("utf-16-le") + b"\x00\xd8"
                    + " The river rose.".encode("utf-16-le"))
        for args in SINGLE_RUNS:
            args = [pairs if a == "PAIRS" else folders.get(a, a) for a in args]
            failures += single_run_fails(lede, library, args, env, tmp)
        for args in SEVERAL_FILE_RUNS:
            failures += single_run_fails(lede, library, args, env, tmp, several_files=True)
        # The bench's JSON report and its lines per document, in files.
        outputs = [os.path.join(tmp, "report.json"), os.path.join(tmp, "per-doc.jsonl")]
        args = ["bench", "--data", bench, "--json", outputs[0], "--per-doc", outputs[1]]
        failures += single_run_fails(lede, library, args, env, tmp, outputs=outputs)
        return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
