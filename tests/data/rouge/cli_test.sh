#!/bin/sh
# cli_test.sh LEDE DATA_DIR WORK_DIR - checks of `lede rouge` as users run it:
# the script's own output byte for byte, the JSONL schema, the XML and folder
# inputs, and clear errors on bad input. Ends with "N passed, N failed".
set -u
LEDE=$1
case $LEDE in /*) ;; *) LEDE=$PWD/$LEDE ;; esac # it runs from other folders too
DATA=$2
WORK=$3
rm -rf "$WORK"
mkdir -p "$WORK"
passed=0
failed=0

ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

# expect_status WANT NAME CMD... : runs CMD, stdout to $WORK/out, stderr to $WORK/err
expect_status() {
    es_want=$1; es_name=$2; shift 2
    "$@" >"$WORK/out" 2>"$WORK/err"
    es_got=$?
    if [ "$es_got" -eq "$es_want" ]; then ok; else fail "$es_name: exit $es_got, want $es_want"; cat "$WORK/err"; fi
}

expect_err() {
    if grep -q -- "$2" "$WORK/err"; then ok; else fail "$1: stderr lacks '$2'"; cat "$WORK/err"; fi
}

FLAGS="-c 95 -2 4 -U -r 1000 -n 4 -w 1.2 -a"
ONE="-c 95 -2 4 -U -r 1000 -n 4 -w 1.2"

# 1. The script's layout, byte for byte, for the five fixture flag sets.
for set in "base:" "m:-m" "ms:-m -s" "l20:-l 20" "b100:-b 100"; do
    name=${set%%:*}
    extra=${set#*:}
    # shellcheck disable=SC2086
    expect_status 0 "text $name" "$LEDE" rouge $FLAGS $extra -d --pairs "$DATA/pairs.jsonl"
    if cmp -s "$WORK/out" "$DATA/raw/rouge-$name.out"; then ok; else fail "text $name differs from the script's output"; fi
done

# 2. JSONL: one doc line per pair, one overall line, the fixture's values.
# shellcheck disable=SC2086
expect_status 0 "jsonl" "$LEDE" rouge $FLAGS -d --pairs "$DATA/pairs.jsonl" --format jsonl
if python3 - "$WORK/out" "$DATA/expected.jsonl" <<'EOF'
import json, sys
got = [json.loads(l) for l in open(sys.argv[1])]
exp = [json.loads(l) for l in open(sys.argv[2]) if json.loads(l)["flagset"] == "base"]
assert len(got) == len(exp) == 63, (len(got), len(exp))
for g, e in zip(got, exp):
    assert g["kind"] == e["kind"]
    if e["kind"] == "doc":
        assert (g["id"], g["eval_id"]) == (e["id"], e["eval_id"])
    else:
        assert g["n_docs"] == e["n_docs"]
    for m, v in e["scores"].items():
        for k, x in v.items():
            assert json.dumps(g["scores"][m][k]) == json.dumps(x), (m, k, g["scores"][m][k], x)
EOF
then ok; else fail "jsonl values differ from expected.jsonl"; fi

# 3. CSV: header, 62 x 8 doc rows, 8 overall rows.
# shellcheck disable=SC2086
expect_status 0 "csv" "$LEDE" rouge $FLAGS --pairs "$DATA/pairs.jsonl" --format csv
[ "$(wc -l <"$WORK/out")" -eq $((1 + 62 * 8 + 8)) ] && ok || fail "csv row count"
grep -q '^doc,council-budget,000001,C,ROUGE-SU4,0.27000,0.17763,0.21428,' "$WORK/out" && ok || fail "csv doc row"

# 4. The XML configuration with two peers, one of them missing from an
# evaluation, in SPL and SEE: peer blocks must equal the --pairs runs of the
# same texts.
mkdir -p "$WORK/xml/peers" "$WORK/xml/models"
printf 'The council approved the budget on Tuesday.\nRoad repairs get more money.\n' >"$WORK/xml/peers/e1.A"
printf 'The council passed a budget.\n' >"$WORK/xml/peers/e1.B"
printf 'Storm Ilse hit the coast.\n' >"$WORK/xml/peers/e2.A"
printf 'The city council approved a budget on Tuesday.\n' >"$WORK/xml/models/e1.1"
printf 'Road repairs will get more money this year.\n' >"$WORK/xml/models/e1.2"
printf 'Storm Ilse hit the harbour coast on Sunday.\n' >"$WORK/xml/models/e2.1"
cat >"$WORK/xml/config.xml" <<EOF
<ROUGE_EVAL version="1.55">
<EVAL ID="000001">
<PEER-ROOT>$WORK/xml/peers</PEER-ROOT>
<MODEL-ROOT>
  $WORK/xml/models
</MODEL-ROOT>
<INPUT-FORMAT TYPE="SPL"></INPUT-FORMAT>
<PEERS><P ID="A">e1.A</P><P ID="B">e1.B</P></PEERS>
<MODELS><M ID="1">e1.1</M><M ID="2">e1.2</M></MODELS>
</EVAL>
<eval ID="000002">
<PEER-ROOT>$WORK/xml/peers</PEER-ROOT>
<MODEL-ROOT>$WORK/xml/models</MODEL-ROOT>
<input-format TYPE="spl"/>
<PEERS><P ID="A">e2.A</P></PEERS>
<MODELS><M ID="1">e2.1</M></MODELS>
</eval>
</ROUGE_EVAL>
EOF
cat >"$WORK/xml/a.jsonl" <<'EOF'
{"id": "e1", "candidate": ["The council approved the budget on Tuesday.", "Road repairs get more money."], "references": [["The city council approved a budget on Tuesday."], ["Road repairs will get more money this year."]]}
{"id": "e2", "candidate": ["Storm Ilse hit the coast."], "references": [["Storm Ilse hit the harbour coast on Sunday."]]}
EOF
cat >"$WORK/xml/b.jsonl" <<'EOF'
{"id": "e1", "candidate": ["The council passed a budget."], "references": [["The city council approved a budget on Tuesday."], ["Road repairs will get more money this year."]]}
EOF
# shellcheck disable=SC2086
expect_status 0 "xml -a" "$LEDE" rouge $FLAGS -d "$WORK/xml/config.xml"
cp "$WORK/out" "$WORK/xml/all.out"
expect_err "xml missing peer warning" "ROUGE Warning: test instance for peer B does not exist for evaluation 000002"
# shellcheck disable=SC2086
"$LEDE" rouge $FLAGS -d --pairs "$WORK/xml/a.jsonl" | sed 's/^C /A /; s/\.C R:/.A R:/' >"$WORK/xml/a.out"
# shellcheck disable=SC2086
"$LEDE" rouge $FLAGS -d --pairs "$WORK/xml/b.jsonl" | sed 's/^C /B /; s/\.C R:/.B R:/' >"$WORK/xml/b.out"
cat "$WORK/xml/a.out" "$WORK/xml/b.out" >"$WORK/xml/want.out"
cmp -s "$WORK/xml/all.out" "$WORK/xml/want.out" && ok || fail "xml -a output differs from the per-peer pair runs"
# shellcheck disable=SC2086
expect_status 0 "xml system id" "$LEDE" rouge $ONE -d "$WORK/xml/config.xml" B
cmp -s "$WORK/out" "$WORK/xml/b.out" && ok || fail "xml system B differs"
# "-": the configuration from standard input (its paths are absolute here).
# shellcheck disable=SC2086
expect_status 0 "xml from stdin" "$LEDE" rouge $ONE -d - B <"$WORK/xml/config.xml"
cmp -s "$WORK/out" "$WORK/xml/b.out" && ok || fail "xml from stdin differs"
expect_status 1 "xml folder" "$LEDE" rouge $ONE "$WORK/xml" B
expect_err "xml folder message" "cannot read .*xml: Is a directory"
expect_status 2 "xml no system id" "$LEDE" rouge -n 2 "$WORK/xml/config.xml"
expect_err "xml no system id message" "system ID"

# A model ID given twice: the script keeps the last file and uses it twice.
sed 's#<M ID="2">e1.2</M>#<M ID="1">e1.2</M>#' "$WORK/xml/config.xml" >"$WORK/xml/dup.xml"
printf '%s\n' '{"id": "e1", "candidate": ["The council approved the budget on Tuesday.", "Road repairs get more money."], "references": [["Road repairs will get more money this year."], ["Road repairs will get more money this year."]]}' >"$WORK/xml/dup.jsonl"
"$LEDE" rouge -n 2 -d --pairs "$WORK/xml/dup.jsonl" | sed 's/^C /A /; s/\.C R:/.A R:/' | grep 'Eval 000001' >"$WORK/xml/dup.want"
expect_status 0 "duplicate model id" "$LEDE" rouge -n 2 -d "$WORK/xml/dup.xml" A
grep 'Eval 000001' "$WORK/out" | cmp -s - "$WORK/xml/dup.want" && ok || fail "duplicate model id: not the last file twice"

# SEE: the same texts in pyrouge's HTML lines give the same scores.
mkdir -p "$WORK/see"
see() {
    i=0
    printf '<html>\n<head>\n<title>%s</title>\n</head>\n<body bgcolor="white">\n' "$1"
    shift
    for s in "$@"; do
        i=$((i + 1))
        printf '<a name="%d">[%d]</a> <a href="#%d" id=%d>%s</a>\n' "$i" "$i" "$i" "$i" "$s"
    done
    printf '</body>\n</html>\n'
}
see e1.A "The council approved the budget on Tuesday." "Road repairs get more money." >"$WORK/see/e1.A"
see e2.A "Storm Ilse hit the coast." >"$WORK/see/e2.A"
see e1.1 "The city council approved a budget on Tuesday." >"$WORK/see/e1.1"
see e1.2 "Road repairs will get more money this year." >"$WORK/see/e1.2"
see e2.1 "Storm Ilse hit the harbour coast on Sunday." >"$WORK/see/e2.1"
sed "s#$WORK/xml/peers#$WORK/see#; s#$WORK/xml/models#$WORK/see#; s#TYPE=\"SPL\"#TYPE=\"SEE\"#; s#TYPE=\"spl\"#TYPE=\"SEE\"#" \
    "$WORK/xml/config.xml" >"$WORK/see/config.xml"
# shellcheck disable=SC2086
expect_status 0 "see" "$LEDE" rouge $ONE -d "$WORK/see/config.xml" A
cmp -s "$WORK/out" "$WORK/xml/a.out" && ok || fail "SEE input differs from SPL"

printf '<ROUGE_EVAL><EVAL ID="1"><PEERS>\n' >"$WORK/bad.xml"
expect_status 1 "malformed xml" "$LEDE" rouge -a "$WORK/bad.xml"
expect_err "malformed xml message" "bad.xml:[0-9]*: malformed XML"

# -z SPL: a file list "PEER MODEL..." per line, evaluations 1, 2, ... of peer X.
# Its fields are split at spaces, as the script splits them: the names are
# relative to the folder it runs in, which may have a space in its path.
printf '# a comment\n%s %s %s\n\n%s %s\n' peers/e1.A models/e1.1 models/e1.2 peers/e2.A \
    models/e2.1 >"$WORK/xml/list.txt"
cd "$WORK/xml"
# shellcheck disable=SC2086
expect_status 0 "file list" "$LEDE" rouge $ONE -d -z SPL "$WORK/xml/list.txt"
sed 's/^A /X /; s/\.A R:/.X R:/; s/Eval 00000\([12]\)/Eval \1/' "$WORK/xml/a.out" >"$WORK/xml/list.want"
cmp -s "$WORK/out" "$WORK/xml/list.want" && ok || fail "file list output differs"
printf '%s\n' peers/e1.A >"$WORK/xml/list-bad.txt"
expect_status 1 "file list without model" "$LEDE" rouge -n 1 -z SPL "$WORK/xml/list-bad.txt"
expect_err "file list without model message" "list-bad.txt:1: a file list line needs"
expect_status 2 "file list SIMPLE" "$LEDE" rouge -n 1 -z SIMPLE "$WORK/xml/list.txt"
# A byte order mark before the first line is not part of its peer's name.
{ printf '\357\273\277'; cat "$WORK/xml/list.txt"; } >"$WORK/xml/list-bom.txt"
# shellcheck disable=SC2086
expect_status 0 "file list with BOM" "$LEDE" rouge $ONE -d -z SPL "$WORK/xml/list-bom.txt"
cmp -s "$WORK/out" "$WORK/xml/list.want" && ok || fail "file list with BOM output differs"
# More files on a line than lede takes: an error, not the first 64 read.
python3 -c 'print("peers/e1.A " + "models/e1.1 " * 64)' >"$WORK/xml/list-long.txt"
expect_status 1 "file list line too long" "$LEDE" rouge -n 1 -z SPL "$WORK/xml/list-long.txt"
expect_err "file list line too long message" "list-long.txt:1: more than 64 files"
cd - >/dev/null

# 5. Folders: NAME against NAME.A, NAME.B.
mkdir -p "$WORK/dirs/c" "$WORK/dirs/r"
printf 'The council approved the budget on Tuesday.\nRoad repairs get more money.\n' >"$WORK/dirs/c/000001"
printf 'Storm Ilse hit the coast.\n' >"$WORK/dirs/c/000002"
printf 'The city council approved a budget on Tuesday.\n' >"$WORK/dirs/r/000001.A"
printf 'Road repairs will get more money this year.\n' >"$WORK/dirs/r/000001.B"
printf 'Storm Ilse hit the harbour coast on Sunday.\n' >"$WORK/dirs/r/000002.A"
# shellcheck disable=SC2086
expect_status 0 "folders" "$LEDE" rouge $FLAGS -d --candidates "$WORK/dirs/c" --references "$WORK/dirs/r"
sed 's/^A /C /; s/\.A R:/.C R:/' "$WORK/xml/a.out" >"$WORK/dirs/want.out"
cmp -s "$WORK/out" "$WORK/dirs/want.out" && ok || fail "folder input differs from --pairs"
rm "$WORK/dirs/r/000002.A"
expect_status 1 "folder without reference" "$LEDE" rouge -n 1 --candidates "$WORK/dirs/c" --references "$WORK/dirs/r"
expect_err "folder without reference message" "000002: no reference"

# 6. Bad input: clear errors, never a crash.
printf '{"id": "a", "candidate": ["x"], "references": [["x"]]}\n{"id": "b", "candidate": [}\n' >"$WORK/bad.jsonl"
expect_status 1 "malformed jsonl" "$LEDE" rouge -n 1 --pairs "$WORK/bad.jsonl"
expect_err "malformed jsonl position" "bad.jsonl:2:[0-9][0-9]*: invalid JSON"
printf '{"id": "noref", "candidate": ["x"], "references": []}\n' >"$WORK/noref.jsonl"
expect_status 1 "pair without references" "$LEDE" rouge -n 1 --pairs "$WORK/noref.jsonl"
expect_err "pair without references message" "noref.jsonl:1: the pair has no reference"
printf '{"id": "t", "candidate": "x", "references": [["x"]]}\n' >"$WORK/type.jsonl"
expect_status 1 "candidate not a list" "$LEDE" rouge -n 1 --pairs "$WORK/type.jsonl"
expect_err "candidate not a list message" "type.jsonl:1: \"candidate\" must be a list"
expect_status 2 "unknown option" "$LEDE" rouge -q --pairs "$DATA/pairs.jsonl"
expect_err "unknown option message" "unknown option -q"
expect_status 2 "unknown long option" "$LEDE" rouge --frobnicate --pairs "$DATA/pairs.jsonl"
expect_status 2 "unsupported option" "$LEDE" rouge -M --pairs "$DATA/pairs.jsonl"
expect_err "unsupported option message" "not supported"
expect_status 2 "-l with -b" "$LEDE" rouge -l 10 -b 10 --pairs "$DATA/pairs.jsonl"
expect_status 2 "bad -n" "$LEDE" rouge -n 10 --pairs "$DATA/pairs.jsonl"
expect_status 2 "bad -p" "$LEDE" rouge -p 1.5 --pairs "$DATA/pairs.jsonl"
expect_status 2 "no input" "$LEDE" rouge -n 1
expect_status 1 "missing file" "$LEDE" rouge -n 1 --pairs "$WORK/does-not-exist.jsonl"
expect_status 1 "empty file" "$LEDE" rouge -n 1 --pairs /dev/null
expect_err "empty file message" "no pair to score"
python3 -c "import sys; sys.stdout.buffer.write(bytes(range(256)) * 400)" >"$WORK/binary.jsonl"
expect_status 1 "binary input" "$LEDE" rouge -n 1 --pairs "$WORK/binary.jsonl"
expect_err "binary input message" "binary.jsonl:1:"

# A reference without tokens: the script dies with ROUGE-W; lede names the pair,
# or scores it 0 on request. Without ROUGE-W the script scores it, and so does lede.
printf '{"id": "ok", "candidate": ["The cat sat."], "references": [["The cat sat down."]]}\n{"id": "dashes", "candidate": ["The cat sat."], "references": [["-- ... --"]]}\n' >"$WORK/emptyref.jsonl"
expect_status 1 "empty reference with -w" "$LEDE" rouge -n 1 -w 1.2 --pairs "$WORK/emptyref.jsonl"
expect_err "empty reference message" "emptyref.jsonl:2: pair 'dashes'.*reference 1 has no token"
expect_status 0 "empty reference zero" "$LEDE" rouge -n 1 -w 1.2 -d --empty-reference zero --pairs "$WORK/emptyref.jsonl"
grep -q 'C ROUGE-W-1.2 Eval 000002.C R:0.00000 P:0.00000 F:0.00000' "$WORK/out" && ok || fail "empty reference scored 0"
grep -q 'C ROUGE-1 Eval 000001.C R:0.75000 P:1.00000 F:0.85714' "$WORK/out" && ok || fail "other pair unaffected"
expect_status 0 "empty reference without -w" "$LEDE" rouge -n 1 -d --pairs "$WORK/emptyref.jsonl"
grep -q 'C ROUGE-1 Eval 000002.C R:0.00000 P:0.00000 F:0.00000' "$WORK/out" && ok || fail "empty reference without -w"

# A sentence pair too large for the LCS table is an error, not a crash.
python3 -c "
import json
s = ' '.join('w%d' % i for i in range(9000))
print(json.dumps({'id': 'huge', 'candidate': [s], 'references': [[s]]}))" >"$WORK/huge.jsonl"
expect_status 1 "huge sentences" "$LEDE" rouge -n 1 --pairs "$WORK/huge.jsonl"
expect_err "huge sentences message" "too long for the LCS table"
expect_status 0 "huge sentences without LCS" "$LEDE" rouge -n 2 -x --pairs "$WORK/huge.jsonl"
grep -q 'C ROUGE-2 Average_R: 1.00000' "$WORK/out" && ok || fail "huge sentences ROUGE-2"

# Unicode extension: Zürich is one word, Chinese is scored per character.
printf '{"id": "u", "candidate": ["Z\\u00fcrich \\u5317\\u4eac"], "references": [["ZURICH \\u5317\\u6d77"]]}\n' >"$WORK/unicode.jsonl"
expect_status 0 "unicode tokenizer" "$LEDE" rouge -n 1 -x -d --tokenize unicode --pairs "$WORK/unicode.jsonl"
grep -q 'C ROUGE-1 Eval 000001.C R:0.33333 P:0.33333 F:0.33333' "$WORK/out" && ok || fail "unicode tokens"
expect_status 0 "rouge tokenizer on the same" "$LEDE" rouge -n 1 -x -d --pairs "$WORK/unicode.jsonl"
grep -q 'C ROUGE-1 Eval 000001.C R:0.00000 P:0.00000 F:0.00000' "$WORK/out" && ok || fail "rouge tokens of unicode text"
printf '{"id": "bad", "candidate": ["ok"], "references": [["caf\\u00e9"]]}\n' | sed 's/\\u00e9/\xff/' >"$WORK/badutf8.jsonl"
expect_status 1 "invalid utf-8 in json" "$LEDE" rouge -n 1 --tokenize unicode --pairs "$WORK/badutf8.jsonl"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
