#!/usr/bin/env python3
"""Builds one long plain-text document out of the articles of a JSONL file.

Usage: make_long_doc.py DATA.jsonl BYTES OUT.txt [--seed N] [--unigram]

The "text" of every line is cut into sentences (a rough rule: a break after
., ! or ?, plus closing quotes or brackets, when whitespace and a capital
letter, digit or opening quote follow). All sentences of all articles form
one pool. The pool is shuffled with a fixed seed and written out in
paragraphs of 1 to 6 sentences (separated by a blank line) until the next
sentence would pass BYTES; when the pool runs out it is shuffled again (the
same random stream goes on). So a document smaller than the pool has no
sentence twice, and a larger one repeats every sentence about BYTES /
pool-size times, in a different order and in different paragraphs each
time. With --unigram the sentences are made up instead (words drawn by
their frequency in the pool, sentence lengths from the pool), so that
almost none repeats (short ones may, by chance).

Prints one line: "OUT.txt bytes=N sentences=N distinct=N pool_bytes=N".
Standard library only, so that the benchmark needs no package.
"""
import argparse
import collections
import itertools
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


def shuffled_sentences(pool, rng):
    """The pool's sentences, shuffled, then shuffled again, without end."""
    encoded = [s.encode("utf-8") for s in pool]
    while True:
        order = list(range(len(encoded)))
        rng.shuffle(order)
        for i in order:
            yield encoded[i]


def unigram_sentences(pool, rng):
    """Made-up sentences, without end: as many words as a sentence of the
    pool picked at random, each word drawn with its frequency in the pool.
    Almost no sentence repeats, the vocabulary and the word frequencies stay
    those of the articles, and the text means nothing."""
    lengths = [len(s.split()) for s in pool]
    counts = collections.Counter(w for s in pool for w in s.split())
    words = list(counts)
    cumulative = list(itertools.accumulate(counts[w] for w in words))
    while True:
        drawn = rng.choices(words, cum_weights=cumulative, k=rng.choice(lengths))
        text = " ".join(drawn).rstrip(".!?") + "."
        yield (text[0].upper() + text[1:]).encode("utf-8")


def write_document(pool, size, out, seed, unigram=False):
    """Writes paragraphs of sentences to `out` until `size` bytes would be
    passed; returns (bytes, sentences, distinct sentences)."""
    rng = random.Random(seed)
    source = unigram_sentences(pool, rng) if unigram else shuffled_sentences(pool, rng)
    written = count = 0
    seen = set()
    in_paragraph, paragraph_len = 0, rng.randint(1, 6)
    for sentence in source:
        sep = b"" if written == 0 else (b" " if in_paragraph else b"\n\n")
        if written + len(sep) + len(sentence) + 1 > size:
            out.write(b"\n")
            return written + 1, count, len(seen)
        out.write(sep + sentence)
        written += len(sep) + len(sentence)
        count += 1
        seen.add(hash(sentence))
        in_paragraph += 1
        if in_paragraph == paragraph_len:
            in_paragraph, paragraph_len = 0, rng.randint(1, 6)


def main(argv):
    parser = argparse.ArgumentParser(
        prog="make_long_doc.py", description="One long plain-text document from the "
        "sentences of a JSONL file's \"text\" fields (see the module's doc).")
    parser.add_argument("data", metavar="DATA.jsonl")
    parser.add_argument("size", metavar="BYTES", type=int)
    parser.add_argument("path", metavar="OUT.txt")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--unigram", action="store_true",
                        help="made-up sentences of words drawn by frequency, so that "
                        "almost none repeats")
    a = parser.parse_args(argv[1:])
    pool = sentence_pool(a.data)
    with open(a.path, "wb") as out:
        written, count, distinct = write_document(pool, a.size, out, a.seed, a.unigram)
    pool_bytes = sum(len(s.encode("utf-8")) + 1 for s in pool)
    print(f"{a.path} bytes={written} sentences={count} distinct={distinct} "
          f"pool_bytes={pool_bytes}")


if __name__ == "__main__":
    main(sys.argv)
