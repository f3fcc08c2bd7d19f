#!/usr/bin/env python3
"""Turns a Snowball stop word list into a lede stopwords.txt.

Snowball lists (algorithms/<language>/stop.txt on the Snowball website) put
comments after '|' and may hold several words on one line (the Finnish
list is a table of case forms, the Indonesian one pairs "pada kepada").
Every whitespace-separated word before a '|' is a stop word; words that are
commented out upstream stay out. Each word is NFKC-normalized and
case-folded, as lede's tokenizer folds words before it looks them up;
duplicates are dropped and the upstream order is kept.

Usage: import_snowball_stop.py STOP_TXT HEADER_TXT [--comma-below] [--extra WORD ...]

HEADER_TXT holds the comment lines (without '#') that head the output, which
goes to standard output. --comma-below adds, for every word written with
s or t with cedilla (the legacy Romanian letters), the same word with
s or t with comma below (the correct ones). --extra appends words that are
not in the upstream list; say why in PROVENANCE.md.
"""
import sys
import unicodedata

CEDILLA_TO_COMMA = str.maketrans("şţŞŢ", "șțȘȚ")


def fold(word):
    return unicodedata.normalize("NFKC", word).casefold()


def snowball_words(text):
    for line in text.splitlines():
        for word in line.split("|", 1)[0].split():
            yield fold(word)


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    stop_path, header_path = argv[1], argv[2]
    comma_below = False
    extra = []
    rest = argv[3:]
    while rest:
        arg = rest.pop(0)
        if arg == "--comma-below":
            comma_below = True
        elif arg == "--extra":
            extra.extend(fold(w) for w in rest)
            rest = []
        else:
            sys.exit(f"unknown argument '{arg}'\n\n{__doc__}")
    with open(stop_path, encoding="utf-8") as f:
        words = list(snowball_words(f.read()))
    if comma_below:
        words += [w.translate(CEDILLA_TO_COMMA) for w in words]
    words += extra
    seen = set()
    out = []
    with open(header_path, encoding="utf-8") as f:
        out.extend("# " + line.rstrip("\n") if line.strip() else "#" for line in f)
    for word in words:
        if word not in seen:
            seen.add(word)
            out.append(word)
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main(sys.argv)
