#!/usr/bin/env python3
"""oracle_test.py LEDE DATA_DIR MODELS_DIR WORK_DIR

Generates pairs from the fixture sentences (cut, shuffled, mutated, with
empty and odd sentences, 1 to 4 references; fixed seeds), scores them with
`lede rouge` and with rouge155_oracle.py under flag sets the fixtures do not
use, and requires the same text output byte for byte (or, where the script
dies, an error from lede). Ends with "N passed, N failed".
"""
import json
import os
import random
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rouge155_oracle  # noqa: E402

FLAG_SETS = [
    "-n 9 -f B -r 200",
    "-n 2 -p 0.3 -2 2 -u -r 200",
    "-2 -1 -U -x -r 200",
    "-n 3 -l 7 -m -s -w 1.5 -r 200",
    "-n 2 -b 37 -m -2 0 -U -r 200",
    "-c 90 -r 300 -n 2 -f B -w 1.2",
    "-n 1 -f B -l 12 -w 1.2 -2 3 -U -m -r 100",
    "-n 4 -b 120 -f B -p 0.8 -2 4 -U -r 100 -c 99",
    "-n 1 -l 1 -w 1.2 -r 50",
    "-n 2 -b 5 -r 50",
    "-n 4 -m -2 8 -r 100 -p 0",
    "-n 5 -s -x -2 1 -U -r 100 -p 1",
    "-l 0 -n 2 -r 100",
    "-w 2 -x -r 100 -f B",
    "-n 2 -m -s -l 15 -2 -1 -u -r 100 -c 80",
    "-n 3 -b 60 -m -s -w 1.2 -2 4 -U -r 150",
    "-t 1 -n 2 -w 1.2 -2 4 -U -r 200 -m",
    "-t 2 -n 3 -w 1.5 -2 -1 -u -f B",
    "-t 1 -f B -l 10 -n 1 -p 0.7 -r 100",
    "-t 5 -n 1 -r 100",
]


def mutate(rng, sentence):
    words = sentence.split(" ")
    roll = rng.random()
    if roll < 0.2 and len(words) > 4:
        cut = rng.randrange(2, len(words))
        words = words[:cut]
    elif roll < 0.4:
        rng.shuffle(words)
    elif roll < 0.55:
        words = [w.upper() if rng.random() < 0.2 else w for w in words]
    elif roll < 0.7:
        i = rng.randrange(len(words))
        words.insert(i, rng.choice(["--", "U.S.-led", "3,400", "", "  ", "re-elected",
                                    "children's", "went", "best", "mice", "\u00e9t\u00e9"]))
    return " ".join(words)


def make_pairs(pool, seed, count):
    rng = random.Random(seed)
    pairs = []
    for i in range(count):
        cand = [mutate(rng, rng.choice(pool)) for _ in range(rng.randrange(0, 5))]
        if rng.random() < 0.1:
            cand.insert(rng.randrange(len(cand) + 1), rng.choice(["", "   ", "\u2014"]))
        refs = []
        for _ in range(rng.randrange(1, 5)):
            ref = [mutate(rng, rng.choice(pool)) for _ in range(rng.randrange(1, 4))]
            if cand and rng.random() < 0.5:
                ref[0] = mutate(rng, rng.choice(cand) or "the")
            refs.append(ref)
        pairs.append({"id": f"gen-{seed}-{i}", "candidate": cand, "references": refs})
    return pairs


def main():
    lede, data, models, work = sys.argv[1:5]
    os.makedirs(work, exist_ok=True)
    pool = []
    with open(os.path.join(data, "pairs.jsonl"), encoding="utf-8") as f:
        for line in f:
            p = json.loads(line)
            for s in p["candidate"] + [s for r in p["references"] for s in r]:
                if s.strip():
                    pool.append(s)
    passed = failed = dies_seen = 0
    for k, flags in enumerate(FLAG_SETS):
        pairs = make_pairs(pool, 1000 + k, 60)
        oracle = rouge155_oracle.Rouge(models, flags.split())
        # Where the script would die (a token-less reference with ROUGE-W),
        # lede must fail; then the other pairs are compared.
        alive = []
        for p in pairs:
            try:
                if "w" in oracle.opt:
                    oracle.lcs_metric(p["candidate"], p["references"], float(oracle.opt["w"]))
                alive.append(p)
            except rouge155_oracle.Dies:
                pass
        runs = [(pairs, len(alive) < len(pairs))]
        if len(alive) < len(pairs):
            dies_seen += 1
            runs.append((alive, False))
        for run_pairs, dies in runs:
            path = os.path.join(work, f"gen{k}{'-dies' if dies else ''}.jsonl")
            with open(path, "w", encoding="utf-8") as f:
                for p in run_pairs:
                    f.write(json.dumps(p) + "\n")
            got = subprocess.run([lede, "rouge", *flags.split(), "-a", "-d", "--pairs", path],
                                 capture_output=True, text=True)
            if dies:
                ok = got.returncode == 1 and "no token" in got.stderr
                detail = f"the script dies; lede exit {got.returncode}: {got.stderr}"
            else:
                want = oracle.run(run_pairs)
                ok = got.returncode == 0 and got.stdout == want
                detail = f"lede exit {got.returncode} {got.stderr}"
                if got.returncode == 0:
                    for a, b in zip(got.stdout.splitlines(), want.splitlines()):
                        if a != b:
                            detail = f"first difference:\n  lede:   {a}\n  oracle: {b}"
                            break
            if ok:
                passed += 1
            else:
                failed += 1
                print(f"FAIL [{flags}]{' (dies)' if dies else ''}: {detail}")
    print(f"{len(FLAG_SETS)} flag sets x 60 generated pairs; {dies_seen} sets have pairs "
          f"where the script dies, checked both ways")
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
