#!/usr/bin/env python3
"""Checks that every span lede reports slices the input back to its sentence.

For each input file, runs `lede split --format json` and `lede summarize
--format json` and checks, for every sentence, that input[start:end] with
white space collapsed is exactly the reported text, that spans are trimmed,
in document order and do not overlap, and that picked sentences are a subset
of the split units with the same spans.

Usage: check_spans.py LEDE FILE...
"""
import json
import subprocess
import sys
import unicodedata


def is_space(ch):
    if ch in " \t\n\v\f\r\x85":
        return True
    return unicodedata.category(ch) in ("Zs", "Zl", "Zp")


def collapse(text):
    out, pending = [], False
    for ch in text:
        if is_space(ch):
            pending = True
            continue
        if pending and out:
            out.append(" ")
        pending = False
        out.append(ch)
    return "".join(out)


def run(lede, args):
    proc = subprocess.run([lede] + args, capture_output=True)
    if proc.returncode != 0:
        raise AssertionError(f"{args}: exit {proc.returncode}: {proc.stderr.decode()}")
    return json.loads(proc.stdout)


def check_units(path, data, units):
    prev_end = 0
    for u in units:
        start, end = u["start"], u["end"]
        piece = data[start:end].decode("utf-8", errors="replace").replace("\0", "\ufffd")
        if collapse(piece) != u["text"]:
            raise AssertionError(f"{path}: [{start},{end}) slices to {piece!r}, text {u['text']!r}")
        if not piece or is_space(piece[0]) or is_space(piece[-1]):
            raise AssertionError(f"{path}: span [{start},{end}) is not trimmed")
        if start < prev_end:
            raise AssertionError(f"{path}: span [{start},{end}) overlaps the previous one")
        prev_end = end
    return len(units)


def main():
    lede, files = sys.argv[1], sys.argv[2:]
    checked = 0
    for path in files:
        with open(path, "rb") as f:
            data = f.read()
        extra = ["--replace-invalid"] if b"\0" in data or not valid_utf8(data) else []
        split = run(lede, ["split", "--format", "json"] + extra + [path])
        checked += check_units(path, data, split["sentences"])
        summary = run(lede, ["summarize", "--format", "json"] + extra + [path])
        checked += check_units(path, data, summary["sentences"])
        spans = {(u["start"], u["end"]) for u in split["sentences"]}
        for s in summary["sentences"]:
            if (s["start"], s["end"]) not in spans:
                raise AssertionError(f"{path}: picked span {s['start']},{s['end']} is not a unit")
    print(f"{checked} spans checked in {len(files)} files")
    if checked == 0:
        raise AssertionError("nothing checked")


def valid_utf8(data):
    try:
        data.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


if __name__ == "__main__":
    main()
