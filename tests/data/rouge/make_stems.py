#!/usr/bin/env python3
"""Writes stems.tsv (WORD<TAB>STEM per line) with rouge155_oracle.py's port of
the script's Porter stemmer: the words of the WordNet exception table, of the
fixtures, and generated words built on every suffix the stemmer knows (fixed
seed). test_rouge checks lede's stemmer against it.

Usage: make_stems.py MODELS_DIR DATA_DIR > stems.tsv
"""
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rouge155_oracle  # noqa: E402

SUFFIXES = ["ational", "tional", "enci", "anci", "izer", "bli", "alli", "entli", "eli", "ousli",
            "ization", "ation", "ator", "alism", "iveness", "fulness", "ousness", "aliti",
            "iviti", "biliti", "logi", "icate", "ative", "alize", "iciti", "ical", "ful", "ness",
            "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ou",
            "ism", "ate", "iti", "ous", "ive", "ize", "sion", "tion", "e", "ll", "ed", "ing",
            "eed", "ies", "sses", "s", "y"]


def main():
    models, data = sys.argv[1], sys.argv[2]
    words = set()
    with open(os.path.join(models, "wordnet-2.0-exceptions.tsv")) as f:
        for line in f:
            words.update(w for w in line.split() if re.fullmatch(r"[a-z]+", w))
    with open(os.path.join(data, "pairs.jsonl"), encoding="utf-8") as f:
        words.update(re.findall(r"[a-z0-9]+", f.read().lower()))
    rng = random.Random(2004)
    letters = "aeiouybcdlmnrstgwxz"
    for _ in range(4000):
        stem = "".join(rng.choice(letters) for _ in range(rng.randrange(1, 7)))
        words.add(stem + rng.choice(SUFFIXES) + (rng.choice(SUFFIXES) if rng.random() < 0.3 else ""))
    for w in sorted(w for w in words if len(w) > 3):
        print(f"{w}\t{rouge155_oracle.stem(w.encode()).decode()}")


if __name__ == "__main__":
    main()
