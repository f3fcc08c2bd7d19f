#!/usr/bin/env python3
"""Runs the examples in lede's documentation, so none of them rots.

In a Markdown file, a fenced block whose info string is
  - `sh example`: is run with sh (the build directory's `lede` first on
    PATH, the repository's root as working directory); it must exit 0;
  - `c example`: is compiled against include/lede.h and the built liblede
    (with -Wall -Wextra -Werror) and run; it must exit 0;
  - `python example`: is run with the Python binding on the path; it must
    exit 0.
A block may be followed by a block with info string `output`: the previous
example's standard output must equal it exactly.

Usage: run_examples.py BUILD_DIR SOURCE_DIR FILE.md...
"""
import os
import re
import subprocess
import sys
import tempfile

FENCE = re.compile(r"^```([a-z]*)( example)?\s*$")


def blocks(path):
    """(info, is_example, text, line) for each fenced block."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m or not m.group(1) and not m.group(2):
            i += 1
            continue
        start = i + 1
        j = start
        while j < len(lines) and lines[j].rstrip() != "```":
            j += 1
        yield m.group(1), bool(m.group(2)), "\n".join(lines[start:j]) + "\n", start
        i = j + 1


def run(kind, text, build, src, tmp):
    # The documents write their scratch files as /tmp/lede-*, as a reader
    # would; run, they go to this run's own folder: files left in /tmp by
    # another user (or another run) could not be written over.
    text = text.replace("/tmp/", tmp + "/")
    env = dict(os.environ, PATH=build + os.pathsep + os.environ["PATH"],
               LEDE_LIBRARY=os.path.join(build, "liblede.so.1"), OPENBLAS_NUM_THREADS="1",
               PYTHONPATH=os.path.join(src, "bindings", "python"))
    if kind == "sh":
        env.pop("LD_PRELOAD", None)
        return subprocess.run(["sh", "-e", "-c", text], cwd=src, env=env, capture_output=True)
    if kind == "python":
        # Under the sanitizers Python needs ASan preloaded (LEDE_PYTHON_PRELOAD).
        if os.environ.get("LEDE_PYTHON_PRELOAD"):
            env = dict(env, LD_PRELOAD=os.environ["LEDE_PYTHON_PRELOAD"],
                       ASAN_OPTIONS="detect_leaks=0")
        return subprocess.run([sys.executable, "-c", text], cwd=src, env=env, capture_output=True)
    if kind == "c":
        source = os.path.join(tmp, "example.c")
        with open(source, "w") as f:
            f.write(text)
        exe = os.path.join(tmp, "example")
        extra = os.environ.get("LEDE_EXAMPLE_CFLAGS", "").split()
        cc = subprocess.run(["cc", "-std=c11", "-Wall", "-Wextra", "-Werror"] + extra + [source,
                             "-I" + os.path.join(src, "include"), "-L" + build, "-llede",
                             "-Wl,-rpath," + build, "-o", exe],
                            capture_output=True)
        if cc.returncode != 0:
            return cc
        return subprocess.run([exe], cwd=src, env=env, capture_output=True)
    raise ValueError(kind)


def main():
    build, src, files = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2]), sys.argv[3:]
    failures = examples = 0
    # In /tmp, not TMPDIR: the examples' shell commands hold the folder's
    # path unquoted, and a TMPDIR may have a space.
    with tempfile.TemporaryDirectory(prefix="lede-docs.", dir="/tmp") as tmp:
        for path in files:
            last = None
            for info, is_example, text, line in blocks(path):
                where = f"{os.path.relpath(path, src)}:{line}"
                if is_example:
                    examples += 1
                    last = run(info, text, build, src, tmp)
                    if last.returncode != 0:
                        failures += 1
                        print(f"{where}: {info} example failed ({last.returncode}):\n"
                              f"{last.stdout.decode()}{last.stderr.decode()}")
                        last = None
                elif info == "output" and last is not None:
                    got = last.stdout.decode().replace(tmp + "/", "/tmp/")
                    if got != text:
                        failures += 1
                        print(f"{where}: output differs:\n--- want\n{text}--- got\n{got}")
                    last = None
    print(f"{examples} examples, {failures} failed")
    sys.exit(1 if failures or examples == 0 else 0)


if __name__ == "__main__":
    main()
