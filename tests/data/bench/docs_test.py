#!/usr/bin/env python3
"""docs_test.py LEDE REPO_DIR - runs the examples of docs/benchmarking.md.

Each ```console block starts with "$ COMMAND"; the command runs with sh from
the top of the repository, with `lede` the program under test, standard error
merged into standard output, and what it prints must match the rest of the
block: a line "..." stands for any number of lines, "..." inside a line for
any text. Ends with "N passed, N failed"."""
import os
import re
import subprocess
import sys
import tempfile

LEDE, REPO = os.path.abspath(sys.argv[1]), sys.argv[2]


def blocks(text):
    for m in re.finditer(r"^```console\n(.*?)^```", text, re.S | re.M):
        lines = m.group(1).splitlines()
        if lines and lines[0].startswith("$ "):
            yield lines[0][2:], lines[1:], text[:m.start()].count("\n") + 1


def line_matches(want, got):
    parts = [re.escape(p) for p in want.split("...")]
    return re.fullmatch(".*".join(parts), got) is not None


def matches(want, got):
    """Lines of `want` against lines of `got`, "..." lines matching any run."""
    if not want:
        return not got
    if want[0] == "...":
        return any(matches(want[1:], got[k:]) for k in range(len(got) + 1))
    return bool(got) and line_matches(want[0], got[0]) and matches(want[1:], got[1:])


def main():
    text = open(os.path.join(REPO, "docs", "benchmarking.md")).read()
    passed = failed = 0
    with tempfile.TemporaryDirectory() as bindir:
        os.symlink(LEDE, os.path.join(bindir, "lede"))
        env = dict(os.environ, PATH=bindir + os.pathsep + os.environ["PATH"],
                   OPENBLAS_NUM_THREADS="1")
        for cmd, want, line in blocks(text):
            p = subprocess.run(["sh", "-c", cmd + " 2>&1"], cwd=REPO, env=env,
                               capture_output=True)
            got = p.stdout.decode().splitlines()
            if matches(want, got):
                passed += 1
                continue
            failed += 1
            print(f"FAIL: docs/benchmarking.md:{line}: {cmd}")
            print("  got:")
            print("\n".join("    " + g for g in got[:60]))
    if passed + failed == 0:
        print("FAIL: no example found")
        failed = 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
