#!/usr/bin/env python3
"""Builds one long plain-text document out of the articles of a JSONL file.

Usage: make_long_doc.py DATA.jsonl BYTES OUT.txt [--seed N]

The "text" of every line is cut into sentences (a rough rule: a break after
., ! or ?, plus closing quotes or brackets, when whitespace and a capital
letter, digit or opening quote follow). All sentences of all articles form
one pool. The pool is shuffled with a fixed seed and written out in
paragraphs of 1 to 6 sentences (separated by a blank line) until the next
sentence would pass BYTES; when the pool runs out it is shuffled again (the
same random stream goes on). So a document smaller than the pool has no sentence twice,
and a larger one repeats every sentence about BYTES / pool-size times, in a
different order and in different paragraphs each time.

Prints one line: "OUT.txt bytes=N sentences=N distinct=N pool_bytes=N".
Standard library only, so that the benchmark needs no package.
"""
import json
import random
import re
import sys

SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]\u201d\u2019]*\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])")


def sentence_pool(path):
    pool = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                text = json.loads(line)["text"]
            except (ValueError, KeyError, TypeError) as e:
                sys.exit(f"{path}:{lineno}: no \"text\" string: {e}")
            for paragraph in text.split("\n\n"):
                pool.extend(s.strip() for s in SENTENCE_END.split(paragraph) if s.strip())
    if not pool:
        sys.exit(f"{path}: no sentences")
    return pool


def write_document(pool, size, out, seed):
    """Writes paragraphs of shuffled sentences to `out` until `size` bytes
    would be passed; returns (bytes, sentences, distinct sentences)."""
    rng = random.Random(seed)
    encoded = [s.encode("utf-8") for s in pool]
    written = count = 0
    used = set()
    in_paragraph, paragraph_len = 0, rng.randint(1, 6)
    while True:
        order = list(range(len(encoded)))
        rng.shuffle(order)
        for i in order:
            sep = b"" if written == 0 else (b" " if in_paragraph else b"\n\n")
            if written + len(sep) + len(encoded[i]) + 1 > size:
                out.write(b"\n")
                return written + 1, count, len(used)
            out.write(sep + encoded[i])
            written += len(sep) + len(encoded[i])
            count += 1
            used.add(i)
            in_paragraph += 1
            if in_paragraph == paragraph_len:
                in_paragraph, paragraph_len = 0, rng.randint(1, 6)


def main(argv):
    args = argv[1:]
    seed = 6
    if len(args) == 5 and args[3] == "--seed":
        seed = int(args[4])
        args = args[:3]
    if len(args) != 3 or not args[1].isdigit():
        sys.exit(__doc__.split("\n\n")[1])
    data, size, path = args[0], int(args[1]), args[2]
    pool = sentence_pool(data)
    with open(path, "wb") as out:
        written, count, distinct = write_document(pool, size, out, seed)
    pool_bytes = sum(len(s.encode("utf-8")) + 1 for s in pool)
    print(f"{path} bytes={written} sentences={count} distinct={distinct} pool_bytes={pool_bytes}")


if __name__ == "__main__":
    main(sys.argv)
