#!/usr/bin/env python3
"""bench_test.py LEDE DATA_DIR WORK_DIR - checks of `lede bench` against
things computed another way: lede rouge on the same summaries, lede batch for
the lead baseline, a Python re-reading of the paired bootstrap as
docs/benchmarking.md describes it, scores that must be exactly 1.0, the
oracle's choice among every single sentence, and the structure of the
Markdown, JSON, JSON Lines and SVG outputs. Ends with "N passed, N failed"."""
import json
import math
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

LEDE, DATA, WORK = sys.argv[1], sys.argv[2], sys.argv[3]
DEV = os.path.join(DATA, "dev.jsonl")
FLAGS = "-c 95 -2 4 -U -r 1000 -n 4 -w 1.2 -a -m"
METRICS = ["ROUGE-1", "ROUGE-2", "ROUGE-3", "ROUGE-4", "ROUGE-L", "ROUGE-W-1.2",
           "ROUGE-S4", "ROUGE-SU4"]
# ROUGE-W's recall is below 1 even for a text scored against itself: the
# script divides by f(sum of f(sentence lengths)).
EXACT = [m for m in METRICS if not m.startswith("ROUGE-W")]
passed = failed = 0


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what)
    return cond


def run(args, want=0, stdin=None):
    p = subprocess.run([LEDE] + args, capture_output=True, input=stdin,
                       env=dict(os.environ, OPENBLAS_NUM_THREADS="1"))
    out, err = p.stdout.decode(), p.stderr.decode()
    if not check(p.returncode == want, f"lede {' '.join(args)}: exit {p.returncode}, want {want}"):
        print(err)
    return out, err


def work(name):
    return os.path.join(WORK, name)


def bench(args, name):
    """Runs lede bench with --json and --per-doc; returns (markdown, json, per-doc rows)."""
    j, p = work(name + ".json"), work(name + ".jsonl")
    md, _ = run(["bench", "--data", DEV, "--json", j, "--per-doc", p] + args)
    with open(j) as f:
        js = json.load(f)
    with open(p) as f:
        rows = [json.loads(line) for line in f]
    return md, js, rows


DOCS = [json.loads(line) for line in open(DEV)]
BY_ID = {d["id"]: d for d in DOCS}


def refs_of(doc):
    return doc.get("references") or [doc["summary"]]


def per_doc(rows, row):
    return {r["id"]: r for r in rows if r["row"] == row}


def rouge_overall(pairs, flags=FLAGS):
    """lede rouge on the pairs: {metric: scores} of the one peer."""
    path = work("pairs.jsonl")
    with open(path, "w") as f:
        for cand, refs in pairs:
            f.write(json.dumps({"candidate": cand, "references": refs}) + "\n")
    out, _ = run(["rouge", "--format", "jsonl", "--pairs", path] + flags.split())
    lines = [json.loads(x) for x in out.splitlines()]
    return [x for x in lines if x["kind"] == "overall"][0]["scores"], \
        [x["scores"] for x in lines if x["kind"] == "doc"]


# ---- Markdown and JSON structure ----

def test_structure():
    md, js, rows = bench(["--method", "textrank,lexrank", "-n", "2"], "structure")
    labels = ["textrank", "lexrank", "lead", "random", "oracle"]
    check(js["lede_version"] and js["command"][:2] == ["lede", "bench"], "JSON: version, command")
    check(js["data"]["documents"] == 8 and js["data"]["skipped"] == 0, "JSON: counts")
    check([s["name"] for s in js["data"]["sources"]] == ["Harbor Gazette", "Wire Digest"],
          "JSON: sources in order")
    check(js["length"] == {"option": "sentences", "value": "2"}, "JSON: length")
    check(js["rouge"]["flags"] == FLAGS and js["rouge"]["metrics"] == METRICS, "JSON: ROUGE")
    check([r["label"] for r in js["rows"]] == labels, "JSON: rows in order")
    check([r["kind"] for r in js["rows"]] == ["method", "method", "baseline", "baseline",
                                              "oracle"], "JSON: kinds")
    check("method=lexrank" in js["rows"][1]["options"] and
          "sentences=2" in js["rows"][1]["options"], "JSON: options recorded")
    check([g["source"] for g in js["groups"]] == [None, "Harbor Gazette", "Wire Digest"] and
          [g["documents"] for g in js["groups"]] == [8, 4, 4], "JSON: groups")
    for g in js["groups"]:
        for e, r in enumerate(g["rows"]):
            check(sorted(r["scores"]) == sorted(METRICS), "JSON: every metric")
            check(("paired" in r) == (e > 0), "JSON: paired test for every row but the first")
    check(len(rows) == 8 * 5, "per-doc: a line per document and row")
    check(all(set(r) == {"id", "source", "row", "words", "summary", "scores"} for r in rows),
          "per-doc: fields")
    # The Markdown shows the JSON's numbers.
    sections = re.split(r"\n## ", md)
    check(sections[0].startswith("# lede bench\n"), "Markdown: title")
    heads = [s.split("\n", 1)[0] for s in sections[1:]]
    check(heads == ["All documents (8)", "Harbor Gazette (4)", "Wire Digest (4)", "Rows"],
          f"Markdown: sections {heads}")
    cell = re.compile(r"^(\d+\.\d\d) \[(\d+\.\d\d), (\d+\.\d\d)\]$")
    for g, sec in zip(js["groups"], sections[1:4]):
        table = [l for l in sec.splitlines() if l.startswith("| ")]
        check(table[0] == "| row | ROUGE-1 F | ROUGE-2 F | ROUGE-L F | words |",
              "Markdown: header")
        body = table[2:2 + len(labels)]
        check([l.split(" | ")[0][2:] for l in body] == labels, "Markdown: rows")
        for line, row in zip(body, g["rows"]):
            cells = line.strip("| ").split(" | ")
            for c, m in zip(cells[1:4], ["ROUGE-1", "ROUGE-2", "ROUGE-L"]):
                mt = cell.match(c)
                s = row["scores"][m]
                check(mt and float(mt.group(1)) == round(100 * s["F"], 2) and
                      float(mt.group(2)) <= float(mt.group(1)) <= float(mt.group(3)),
                      f"Markdown cell {c} = {s['F']}")
            check(cells[4] == f"{row['mean_words']:.1f}", "Markdown: words")
        paired = table[2 + len(labels):]
        check(len(paired) == 2 + len(labels) - 1 and "Δ ROUGE-1 F | p" in paired[0],
              "Markdown: paired table")


# ---- Scores computed another way ----

def test_rouge_agrees():
    """Each row's scores are lede rouge's on the same summaries and references,
    over every document and over each source."""
    _, js, rows = bench(["--method", "textrank", "--ratio", "0.5"], "agree")
    for g in js["groups"]:
        ids = [d["id"] for d in DOCS if g["source"] in (None, d["source"])]
        for row in g["rows"]:
            mine = per_doc(rows, row["label"])
            overall, docs = rouge_overall([(mine[i]["summary"], refs_of(BY_ID[i])) for i in ids])
            for m in METRICS:
                check(overall[m]["F"] == row["scores"][m]["F"] and
                      overall[m]["F_ci"] == row["scores"][m]["F_ci"] and
                      overall[m]["R"] == row["scores"][m]["R"],
                      f"{g['source']} {row['label']} {m}: bench {row['scores'][m]} "
                      f"rouge {overall[m]}")
            if g["source"] is None:
                for i, d in zip(ids, docs):
                    check(all(d[m]["F"] == mine[i]["scores"][m]["F"] for m in METRICS),
                          f"per-doc {row['label']} {i}")


def fnv1a(text):
    h = 0xcbf29ce484222325
    for b in text.encode():
        h = ((h ^ b) * 0x100000001b3) & (2**64 - 1)
    return h


def test_lead_and_random():
    """lead: the first sentences as lede splits them; random: the shuffle
    docs/benchmarking.md describes, the same whatever the other documents."""
    _, js, rows = bench(["--method", "none", "-n", "2", "--seed", "5"], "baselines")
    check(js["rows"][0]["options"] == "the document's first sentences, as many as the length "
          "takes" and "from seed 5 " in js["rows"][1]["options"], "baseline descriptions")
    lead, rand = per_doc(rows, "lead"), per_doc(rows, "random")
    for d in DOCS:
        sents = sentences_of(d["text"])
        check(lead[d["id"]]["summary"] == sents[:2], f"lead of {d['id']}")
        state, order = 5 ^ fnv1a(d["id"]), list(range(len(sents)))
        for i in range(len(order), 1, -1):
            state, r = splitmix64(state)
            j = r % i
            order[i - 1], order[j] = order[j], order[i - 1]
        check(rand[d["id"]]["summary"] == [sents[k] for k in sorted(order[:2])],
              f"random of {d['id']}")
    _, _, alone = bench(["--method", "none", "-n", "2", "--seed", "5", "--source", "Wire Digest"],
                        "baselines2")
    check(all(r["summary"] == rand[r["id"]]["summary"] for r in alone if r["row"] == "random"),
          "random: the same sentences without the other documents")
    # Under a words budget a sentence that does not fit is skipped, as lede does.
    _, _, rows = bench(["--method", "none", "--baselines", "lead", "--words", "25"], "leadw")
    for r in rows:
        taken, used = [], 0
        for s in sentences_of(BY_ID[r["id"]]["text"]):
            if used + len(s.split()) <= 25:
                taken.append(s)
                used += len(s.split())
        check(r["summary"] == taken, f"lead --words 25 on {r['id']}")


def test_lead_first_sentence_scores_one():
    _, _, rows = bench(["--method", "none", "-n", "1"], "one")
    s = per_doc(rows, "lead")["wire-1"]["scores"]
    check(all(s[m]["R"] == 1.0 and s[m]["P"] == 1.0 and s[m]["F"] == 1.0 for m in EXACT),
          f"lead on wire-1 (reference = first sentence) scores 1: {s}")


def test_systems_references_score_one():
    """A system whose summaries are the references scores 1.0 on every measure
    (gazette-4 has two different references, so it scores less)."""
    path = work("refs.jsonl")
    folder = work("refs")
    os.makedirs(folder, exist_ok=True)
    with open(path, "w") as f:
        for d in DOCS:
            f.write(json.dumps({"id": d["id"], "summary": refs_of(d)[0]}) + "\n")
            with open(os.path.join(folder, d["id"]), "w") as g:
                g.write("\n".join(refs_of(d)[0]) + "\n")
    _, js, rows = bench(["--method", "none", "--baselines", "none", "--systems", path,
                         "--systems", "folder=" + folder], "systems")
    check([r["label"] for r in js["rows"]] == ["refs", "folder"] and
          js["rows"][1]["options"] == folder, "system rows and labels")
    for label in ("refs", "folder"):
        mine = per_doc(rows, label)
        for d in DOCS:
            one = all(mine[d["id"]]["scores"][m]["F"] == 1.0 for m in EXACT)
            check(one == (len(refs_of(d)) == 1), f"{label} {d['id']}: 1.0 iff one reference")
    wire = js["groups"][2]
    check(all(r["scores"][m]["F"] == 1.0 and r["scores"][m]["F_ci"] == [1.0, 1.0]
              for r in wire["rows"] for m in EXACT), "references score 1.0 on Wire Digest")
    check(wire["rows"][1]["paired"]["ROUGE-1"] == {"diff": 0.0, "ci": [0.0, 0.0], "p": 1.0},
          "same summaries: no difference, p = 1")
    # Both forms of the same summaries give the same numbers.
    _, js2, _ = bench(["--method", "none", "--baselines", "none", "--systems",
                       os.path.join(DATA, "system.jsonl"), "--systems",
                       "dir=" + os.path.join(DATA, "system")], "systems2")
    a, b = js2["groups"][0]["rows"]
    check(a["scores"] == b["scores"] and a["scores"]["ROUGE-1"]["F"] < 0.9,
          "system.jsonl and system/ score the same")


def splitmix64(state):
    state = (state + 0x9E3779B97F4A7C15) & (2**64 - 1)
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & (2**64 - 1)
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & (2**64 - 1)
    return state, z ^ (z >> 31)


def paired_bootstrap(a, b, resamples, confidence, seed):
    """As docs/benchmarking.md states it."""
    n = len(a)
    diff = [x - y for x, y in zip(a, b)]
    total = 0.0
    for d in diff:
        total += d
    delta = total / n
    state, means, extreme = seed, [], 0
    for _ in range(resamples):
        s = 0.0
        for _ in range(n):
            state, r = splitmix64(state)
            s += diff[r % n]
        means.append(s / n)
        extreme += abs(means[-1] - delta) >= abs(delta)
    means.sort()
    tail = math.floor((1 - confidence / 100) / 2 * resamples)
    return delta, means[tail], means[resamples - 1 - tail], (extreme + 1) / (resamples + 1)


def test_paired_bootstrap():
    _, js, rows = bench(["--method", "textrank,lexrank", "-n", "2", "--bootstrap", "300",
                         "--bootstrap-seed", "7", "--rouge", "-n 2 -c 90 -m"], "paired")
    check(js["paired_bootstrap"]["resamples"] == 300 and js["paired_bootstrap"]["seed"] == "7",
          "paired settings recorded")
    for g in js["groups"]:
        ids = [d["id"] for d in DOCS if g["source"] in (None, d["source"])]
        first = per_doc(rows, g["rows"][0]["label"])
        for row in g["rows"][1:]:
            mine = per_doc(rows, row["label"])
            for m in ["ROUGE-1", "ROUGE-2", "ROUGE-L"]:
                want = paired_bootstrap([mine[i]["scores"][m]["F"] for i in ids],
                                        [first[i]["scores"][m]["F"] for i in ids], 300, 90, 7)
                got = row["paired"][m]
                check(all(abs(x - y) < 1e-9 for x, y in
                          zip(want, (got["diff"], got["ci"][0], got["ci"][1], got["p"]))),
                      f"paired {g['source']} {row['label']} {m}: {got} want {want}")


# ---- The oracle ----

def sentences_of(text):
    out, _ = run(["split", "--format", "json"], stdin=text.encode())
    return [s["text"] for s in json.loads(out)["sentences"] if s["kind"] == "sentence"]


def test_oracle():
    for length in (["-n", "1"], ["-n", "3"], ["--ratio", "0.5"], ["--match-reference"]):
        _, js, _ = bench(["--method", "textrank,lexrank"] + length, "oracle")
        for g in js["groups"]:
            best = g["rows"][-1]["scores"]["ROUGE-1"]
            check(all(r["scores"]["ROUGE-1"]["F"] <= best["F"] and
                      r["scores"]["ROUGE-1"]["R"] <= best["R"] for r in g["rows"]),
                  f"{length} {g['source']}: oracle has the best ROUGE-1 F and R")
    # One sentence: the greedy pick is the best single sentence on ROUGE-1 F +
    # ROUGE-2 F, computed here with lede rouge on every sentence.
    _, _, rows = bench(["-n", "1"], "oracle1")
    oracle = per_doc(rows, "oracle")
    for d in DOCS:
        sents = sentences_of(d["text"])
        _, scores = rouge_overall([([s], refs_of(d)) for s in sents], "-n 2 -x -m")
        values = [s["ROUGE-1"]["F"] + s["ROUGE-2"]["F"] for s in scores]
        want = sents[values.index(max(values))]
        check(oracle[d["id"]]["summary"] == [want], f"oracle -n 1 on {d['id']}")
    # Pruning by bounds changes nothing.
    for length in (["-n", "3"], ["--ratio", "0.6"], ["--words", "40"], ["--chars", "200"]):
        _, _, a = bench(["--baselines", "oracle"] + length, "pruned")
        _, _, b = bench(["--baselines", "oracle", "--oracle", "exhaustive"] + length, "exhaustive")
        check(per_doc(a, "oracle") == per_doc(b, "oracle"), f"oracle pruned = exhaustive {length}")


# ---- Lengths ----

def test_lengths():
    _, _, rows = bench(["--method", "textrank", "--match-reference"], "match")
    for r in rows:
        want = round(sum(len(x) for x in refs_of(BY_ID[r["id"]])) / len(refs_of(BY_ID[r["id"]])))
        check(len(r["summary"]) == want, f"--match-reference {r['row']} {r['id']}")
    _, _, rows = bench(["--method", "textrank", "--ratio", "0.5"], "ratio")
    for r in rows:
        n = len(sentences_of(BY_ID[r["id"]]["text"]))
        check(len(r["summary"]) == max(1, math.floor(0.5 * n + 0.5)),
              f"--ratio 0.5 {r['row']} {r['id']}")
    _, js, rows = bench(["--method", "textrank", "--words", "20"], "words")
    check(all(r["words"] <= 20 and r["words"] == sum(len(s.split()) for s in r["summary"])
              for r in rows), "--words 20")
    check(any(r["words"] > 12 for r in rows), "--words: summaries use the budget")
    # No sentence of 8 words or fewer in some documents: empty summaries, scored 0.
    _, js, rows = bench(["--method", "textrank", "--words", "8"], "words8")
    for row in js["rows"]:
        empty = [x for x in rows if x["row"] == row["label"] and not x["summary"]]
        check(row["empty_summaries"] == len(empty) and
              all(x["scores"]["ROUGE-1"]["F"] == 0 for x in empty), f"empty {row['label']}")
    check(all(row["empty_summaries"] > 0 for row in js["rows"]), "--words 8: empty summaries")
    _, _, rows = bench(["--method", "textrank", "--chars", "120"], "chars")
    check(all(sum(len(s) for s in r["summary"]) <= 120 for r in rows), "--chars 120")
    check(any(sum(len(s) for s in r["summary"]) > 90 for r in rows), "--chars: budget used")


def test_options():
    _, js, rows = bench(["--method", "textrank,tr=textrank:damping=0.7:redundancy=0.5",
                         "--damping", "0.5", "--seed", "7", "-n", "2"], "options")
    opts = {r["label"]: r["options"] for r in js["rows"]}
    # Every summarizer option is an option of the bench, whatever its name.
    for name, value in summarizer_defaults():
        if name == "method":
            continue
        _, js2, _ = bench(["--method", "textrank", "--baselines", "none", "-n", "2",
                           "--" + name, value], "option-" + name)
        check(f" {name}={value} " in " " + js2["rows"][0]["options"] + " ",
              f"--{name} {value} reaches the summarizer")
    check("damping=0.5" in opts["textrank"] and "damping=0.7 redundancy=0.5" in opts["tr"] and
          "from seed 7 " in opts["random"], f"options {opts}")
    _, _, seed1 = bench(["--method", "none", "--baselines", "random", "-n", "2"], "seed1")
    check(per_doc(rows, "random") != per_doc(seed1, "random"), "--seed changes random")


def summarizer_defaults():
    """Each summarizer option with the value a run records for it (lede's
    description of its options: every name lede_options_set takes)."""
    j = work("names.json")
    run(["bench", "--data", DEV, "--method", "textrank", "--baselines", "none", "-n", "1",
         "--json", j])
    return [kv.split("=", 1) for kv in json.load(open(j))["rows"][0]["options"].split()]


def test_title():
    _, _, rows = bench(["--method", "none", "--baselines", "lead", "-n", "1", "--prepend-title"],
                       "title")
    lead = per_doc(rows, "lead")
    check(lead["gazette-3"]["summary"] == [BY_ID["gazette-3"]["title"]],
          "--prepend-title: a title that is a sentence leads")
    check(lead["gazette-1"]["summary"] == [BY_ID["gazette-1"]["summary"][0]],
          "--prepend-title: a headline without a period is not a sentence")


def test_source_filter():
    md, js, rows = bench(["--source", "Wire Digest", "-n", "1"], "source")
    check(js["data"]["documents"] == 4 and len(js["groups"]) == 1 and
          all(r["source"] == "Wire Digest" for r in rows), "--source")
    check("## All documents (4)" in md and "## Wire Digest" not in md, "--source: one table")


def test_skip_bad():
    bad = os.path.join(DATA, "bad.jsonl")
    _, err = run(["bench", "--data", bad, "-n", "1"], want=1)
    check("bad.jsonl:2:59: invalid JSON" in err and "12 bad lines" in err, "bad lines reported")
    j = work("skip.json")
    run(["bench", "--data", bad, "-n", "1", "--skip-bad", "--json", j])
    js = json.load(open(j))
    check(js["data"]["documents"] == 2 and js["data"]["skipped"] == 12, "--skip-bad counts")
    uns = os.path.join(DATA, "unsummarizable.jsonl")
    run(["bench", "--data", uns, "-n", "1"], want=1)
    run(["bench", "--data", uns, "-n", "1", "--skip-bad", "--json", j])
    js = json.load(open(j))
    check(js["data"]["documents"] == 2 and js["data"]["skipped"] == 1,
          "--skip-bad leaves out a document lede cannot summarize")


def test_html():
    """A page's article is extracted; a page without one is a bad line."""
    data = os.path.join(DATA, "html.jsonl")
    _, err = run(["bench", "--data", data, "-n", "1"], want=1)
    check('html.jsonl:2:48: "html": no article found' in err, f"page without article: {err}")
    p = work("html.jsonl")
    run(["bench", "--data", data, "--ratio", "1", "--method", "none", "--baselines", "lead",
         "--skip-bad", "--per-doc", p])
    rows = {r["id"]: r for r in map(json.loads, open(p))}
    page = rows["page-1"]["summary"]
    check(page[0] == "The new tram line to the airport carried its first passengers on "
                     "Monday morning." and len(page) == 6 and
          not any(w in " ".join(page) for w in ("Home", "Copyright", "Privacy")),
          f"the article, without menu and footer: {page}")
    check(sorted(rows) == ["page-1", "text-1"], "the page without article left out")


def test_plot():
    svg, j = work("plot.svg"), work("plot.json")
    run(["bench", "--data", DEV, "--method", "textrank", "--systems",
         os.path.join(DATA, "system.jsonl"), "--plot", svg, "--plot-lengths", "1,2,3",
         "--json", j, "--per-doc", work("plot.jsonl"), "-n", "2"])
    js = json.load(open(j))
    root = ET.parse(svg).getroot()
    ns = "{http://www.w3.org/2000/svg}"
    panels = root.findall(f"{ns}g")
    check([p.get("id") for p in panels] == ["ROUGE-1", "ROUGE-2", "ROUGE-L"], "SVG panels")
    labels = [r["label"] for r in js["rows"]]
    for p in panels:
        lines = p.findall(f"{ns}polyline")
        check(len(lines) == len(labels), "SVG: a line per row")
        counts = [len(l.get("points").split()) for l in lines]
        check(counts == [1 if r["kind"] == "system" else 3 for r in js["rows"]],
              f"SVG: points per row {counts}")
    plot = js["plot"]
    check(plot["option"] == "sentences" and plot["lengths"] == ["1", "2", "3"], "JSON plot")
    # The plotted point at 2 sentences is the mean of the documents' F at -n 2.
    rows = [json.loads(x) for x in open(work("plot.jsonl"))]
    for r in plot["rows"]:
        if r["label"] == "system":
            continue
        mine = per_doc(rows, r["label"])
        pt = r["points"][1]
        check(pt["budget"] == "sentences=2" and
              abs(pt["ROUGE-1"] - sum(x["scores"]["ROUGE-1"]["F"] for x in mine.values()) / 8)
              < 1e-9 and abs(pt["words"] - sum(x["words"] for x in mine.values()) / 8) < 1e-9,
              f"plot point of {r['label']} at 2 sentences")


def main():
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    for name, fn in sorted(globals().items()):
        if name.startswith("test_") and callable(fn):
            fn()
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
