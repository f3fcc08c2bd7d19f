#!/usr/bin/env python3
"""Prints WordNet's glosses, one synset per line: the corpus of lede's
English background IDF (see models/en/PROVENANCE.md).
Usage: wordnet_glosses.py [WORDNET_DIR]   (default /usr/share/wordnet, Debian's
wordnet-base package)"""
import os
import signal
import sys

signal.signal(signal.SIGPIPE, signal.SIG_DFL)

folder = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/wordnet"
for pos in ("noun", "verb", "adj", "adv"):
    with open(os.path.join(folder, "data." + pos), encoding="utf-8", errors="replace") as f:
        for line in f:
            if line.startswith("  ") or "|" not in line:
                continue
            words = line.split(" ")
            count = int(words[3], 16)
            lemmas = " ".join(words[4 + 2 * i].replace("_", " ") for i in range(count))
            gloss = line.split("|", 1)[1].strip()
            print(lemmas + ": " + gloss)
