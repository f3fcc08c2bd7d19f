#!/usr/bin/env python3
"""Generates src/model/model_data.c from the language models under models/.

Each models/<code>/ folder holds model.conf (code, name, stemmer,
strip_marks, and optionally aliases, ordinal_dot, question_semicolon,
capitalized, speech_verbs and not_names), and
optionally stopwords.txt (one case-folded word per line),
abbreviations.txt (WORD CLASS per line) and idf.tsv (TERM<TAB>IDF per line,
terms in lede's normalized and stemmed form). Lines starting with '#' are
comments. The output is deterministic: sorted, one entry per line.

Usage: gen_models.py MODELS_DIR OUTPUT_C
"""
import os
import sys

from cgen import StringPool, c_string, fail
import unicodedata

CLASSES = {"title": 1, "inner": 2, "numeric": 3, "ambiguous": 4}


def data_lines(path):
    if not os.path.exists(path):
        return
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            yield lineno, line


def read_conf(path):
    conf = {}
    for lineno, line in data_lines(path):
        if "=" not in line:
            fail(path, lineno, "expected KEY = VALUE")
        key, value = (part.strip() for part in line.split("=", 1))
        conf[key] = value
    for key in ("code", "name", "stemmer", "strip_marks"):
        if key not in conf:
            fail(path, 0, f"missing key '{key}'")
    for key in ("strip_marks", "ordinal_dot", "question_semicolon"):
        conf.setdefault(key, "no")
        if conf[key] not in ("yes", "no"):
            fail(path, 0, f"{key} must be yes or no")
    for key in ("aliases", "capitalized", "speech_verbs", "not_names"):
        conf[key] = [w.strip() for w in conf.get(key, "").split(",") if w.strip()]
    return conf


def check_capitalized(path, conf, stopwords):
    """The capitalized words are stopwords (only stopwords are looked up as
    sentence starters), written in their case-folded form."""
    for word in conf["capitalized"]:
        if word not in stopwords:
            fail(path, 0, f"capitalized: '{word}' is not in stopwords.txt")


def check_words(path, conf, key, max_bytes):
    """The verbs of speech and the words that are no name are words of
    letters, marks and digits (the splitter looks up a word's letters,
    without the punctuation after them), NFKC case-folded, each listed
    once, and no longer than the splitter looks a word of the list up."""
    seen = set()
    for word in conf[key]:
        if not all(unicodedata.category(c)[0] in "LMN" for c in word):
            fail(path, 0, f"{key}: '{word}' is not all letters")
        if word != unicodedata.normalize("NFKC", word).casefold():
            fail(path, 0, f"{key}: '{word}' is not case-folded")
        if word in seen:
            fail(path, 0, f"{key}: '{word}' listed twice")
        if len(word.encode("utf-8")) > max_bytes:
            fail(path, 0, f"{key}: '{word}' is longer than {max_bytes} bytes")
        seen.add(word)


def read_stopwords(path):
    words = set()
    for lineno, line in data_lines(path):
        word = line.strip()
        if " " in word:
            fail(path, lineno, "one word per line")
        if word != unicodedata.normalize("NFKC", word).casefold():
            fail(path, lineno, f"'{word}' is not NFKC case-folded")
        words.add(word)
    return sorted(words, key=lambda w: w.encode("utf-8"))


def read_abbreviations(path):
    entries = {}
    for lineno, line in data_lines(path):
        parts = line.split()
        if len(parts) != 2 or parts[1] not in CLASSES:
            fail(path, lineno, "expected WORD CLASS with CLASS one of " + ", ".join(CLASSES))
        word = parts[0].casefold()
        if word.endswith("."):
            fail(path, lineno, "write the word without its final period")
        if word in entries and entries[word] != parts[1]:
            fail(path, lineno, f"'{word}' listed twice with different classes")
        entries[word] = parts[1]
    return sorted(entries.items(), key=lambda e: e[0].encode("utf-8"))


def read_idf(path):
    entries = []
    for lineno, line in data_lines(path):
        parts = line.split("\t")
        if len(parts) != 2:
            fail(path, lineno, "expected TERM<TAB>IDF")
        try:
            value = float(parts[1])
        except ValueError:
            fail(path, lineno, "IDF is not a number")
        entries.append((parts[0], value))
    return sorted(entries, key=lambda e: e[0].encode("utf-8"))


def emit_table(out, ctype, name, words, fields=None):
    """The pool `name`_strings of `words` and the table `name` referring to
    them by offset: entry i is {offset, fields[i]}, or the bare offset. A
    pool per table, so that editing one table leaves the others' offsets."""
    pool = StringPool()
    offsets = [pool.add(w)[0] for w in words]
    out.extend(pool.definition(f"static const char {name}_strings[]"))
    out.append("")
    out.append(f"static const {ctype} {name}[] = {{")
    if fields is None:
        out.extend(f"    {at}," for at in offsets)
    else:
        out.extend(f"    {{{at}, {f}}}," for at, f in zip(offsets, fields))
    out.append("};\n")


def emit_model(out, conf, stopwords, abbrevs, idf):
    ident = conf["code"].replace("-", "_")
    if stopwords:
        emit_table(out, "uint32_t", f"stopwords_{ident}", stopwords)
    if abbrevs:
        emit_table(out, "lede_abbrev_entry", f"abbrevs_{ident}", [w for w, _ in abbrevs],
                   [CLASSES[c] for _, c in abbrevs])
    if idf:
        emit_table(out, "lede_idf_entry", f"idf_{ident}", [t for t, _ in idf],
                   [f"{v:.6g}f" for _, v in idf])


def table_fields(name, entries):
    """The descriptor's strings, table and count fields for a table."""
    return f"{name}_strings, {name}, {len(entries)}" if entries else "NULL, NULL, 0"


def model_entry(conf, stopwords, abbrevs, idf):
    ident = conf["code"].replace("-", "_")
    strip = 1 if conf["strip_marks"] == "yes" else 0
    ordinal = 1 if conf["ordinal_dot"] == "yes" else 0
    question = 1 if conf["question_semicolon"] == "yes" else 0
    aliases = c_string(",".join(conf["aliases"]))
    capitalized = c_string(",".join(conf["capitalized"]))
    speech_verbs = c_string(",".join(conf["speech_verbs"]))
    not_names = c_string(",".join(conf["not_names"]))
    tables = ", ".join(table_fields(f"{name}_{ident}", entries) for name, entries in
                       (("stopwords", stopwords), ("abbrevs", abbrevs), ("idf", idf)))
    # Written as the table writes its values, so that it is one of them.
    idf_max = f"{max(v for _, v in idf):.6g}f" if idf else "0.0f"
    return (f"    {{{c_string(conf['code'])}, {c_string(conf['name'])}, "
            f"{c_string(conf['stemmer'])}, {aliases}, {strip}, {ordinal}, {question}, "
            f"{capitalized}, {speech_verbs}, {not_names}, {tables}, {idf_max}}},")


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    models_dir, output = sys.argv[1], sys.argv[2]
    out = ["/* Generated by scripts/gen_models.py from models/: do not edit. */",
           '#include "model_data.h"', "",
           "#include <stddef.h>", ""]
    entries = []
    for code in sorted(os.listdir(models_dir)):
        folder = os.path.join(models_dir, code)
        conf_path = os.path.join(folder, "model.conf")
        if not os.path.isfile(conf_path):
            continue
        conf = read_conf(conf_path)
        if conf["code"] != code:
            fail(conf_path, 0, f"code '{conf['code']}' differs from folder '{code}'")
        stopwords = read_stopwords(os.path.join(folder, "stopwords.txt"))
        check_capitalized(conf_path, conf, stopwords)
        # src/text/units.c looks a verb up only up to ATTRIBUTION_VERB_BYTES
        # (32), and a name word folded into 64 bytes with its NUL: a longer
        # word of either list would never match.
        check_words(conf_path, conf, "speech_verbs", 32)
        check_words(conf_path, conf, "not_names", 63)
        abbrevs = read_abbreviations(os.path.join(folder, "abbreviations.txt"))
        idf = read_idf(os.path.join(folder, "idf.tsv"))
        emit_model(out, conf, stopwords, abbrevs, idf)
        entries.append(model_entry(conf, stopwords, abbrevs, idf))
    out.append("const lede_model_data lede_builtin_models[] = {")
    out.extend(entries)
    out.append("};\n")
    out.append(f"const size_t lede_builtin_model_count = {len(entries)};")
    text = "\n".join(out) + "\n"
    with open(output, "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main()
