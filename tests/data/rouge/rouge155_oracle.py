#!/usr/bin/env python3
"""A second, independent reading of ROUGE-1.5.5, kept as a test oracle.

It follows the Perl script's own steps (readText / readText_LCS, createNGram,
createSkipBigram, lcs / wlcs with full tables and markLCS, the %7.5f rounding,
the bootstrap with Perl's drand48), and its Porter stemmer uses the script's
regular expressions as they are (Python's `re` has Perl's leftmost,
backtracking semantics for them). It shares no code with lede's C version,
so comparing the two on generated pairs and flag sets checks the general
rules beyond the fixtures. Slow, plain, and only for tests.

Usage as a program: rouge155_oracle.py DATA_DIR PAIRS.jsonl FLAGS...
prints what the script prints for these pairs (one peer "C", EVAL IDs
000001...), or "DIES: reason" where the script dies.
"""
import json
import re
import sys

WS = rb"[ \t\n\x0b\f\r]"


class Dies(Exception):
    pass


def perl_split_ws(s):
    fields = re.split(WS + b"+", s)
    while fields and fields[-1] == b"":
        fields.pop()
    return fields


def fmt(x):
    return "%7.5f" % x


def r5(x):
    return float(fmt(x))


# ---- the stemmer: the script's regexes ----
c = rb"[^aeiou]"
v = rb"[aeiouy]"
C = c + rb"[^aeiouy]*"
V = v + rb"[aeiou]*"
MGR0 = re.compile(rb"^(" + C + rb")?" + V + C)
MEQ1 = re.compile(rb"^(" + C + rb")?" + V + C + rb"(" + V + rb")?$")
MGR1 = re.compile(rb"^(" + C + rb")?" + V + C + V + C)
HAS_V = re.compile(rb"^(" + C + rb")?" + v)
CVC = re.compile(rb"^" + C + v + rb"[^aeiouwxy]$")
STEP2 = {b"ational": b"ate", b"tional": b"tion", b"enci": b"ence", b"anci": b"ance",
         b"izer": b"ize", b"bli": b"ble", b"alli": b"al", b"entli": b"ent", b"eli": b"e",
         b"ousli": b"ous", b"ization": b"ize", b"ation": b"ate", b"ator": b"ate",
         b"alism": b"al", b"iveness": b"ive", b"fulness": b"ful", b"ousness": b"ous",
         b"aliti": b"al", b"iviti": b"ive", b"biliti": b"ble", b"logi": b"log"}
STEP2_RE = re.compile(rb"(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|"
                      rb"ation|ator|alism|iveness|fulness|ousness|aliti|iviti|biliti|logi)$")
STEP3 = {b"icate": b"ic", b"ative": b"", b"alize": b"al", b"iciti": b"ic", b"ical": b"ic",
         b"ful": b"", b"ness": b""}
STEP3_RE = re.compile(rb"(icate|ative|alize|iciti|ical|ful|ness)$")
STEP4_RE = re.compile(rb"(al|ance|ence|er|ic|able|ible|ant|ement|ou|ism|ate|iti|ous|ive|ize)$")


def stem(w):
    if len(w) < 3:
        return w
    firstch = w[:1]
    if firstch == b"y":
        w = b"Y" + w[1:]
    m = re.search(rb"(ss|i)es$", w)
    if m:
        w = w[:m.start()] + m.group(1)
    else:
        m = re.search(rb"([^s])s$", w)
        if m:
            w = w[:m.start()] + m.group(1)
    m = re.search(rb"eed$", w)
    if m:
        if MGR0.search(w[:m.start()]):
            w = w[:-1]
    else:
        m = re.search(rb"(ed|ing)$", w)
        if m:
            st = w[:m.start()]
            if HAS_V.search(st):
                w = st
                if re.search(rb"(at|bl|iz)$", w):
                    w += b"e"
                elif re.search(rb"([^aeiouylsz])\1$", w):
                    w = w[:-1]
                elif CVC.search(w):
                    w += b"e"
    m = re.search(rb"y$", w)
    if m and HAS_V.search(w[:m.start()]):
        w = w[:m.start()] + b"i"
    for table, pattern, measure in ((STEP2, STEP2_RE, MGR0), (STEP3, STEP3_RE, MGR0)):
        m = pattern.search(w)
        if m and measure.search(w[:m.start()]):
            w = w[:m.start()] + table[m.group(1)]
    m = STEP4_RE.search(w)
    if m and MGR1.search(w[:m.start()]):
        w = w[:m.start()]
    m = re.search(rb"ment$", w)
    if m and MGR1.search(w[:m.start()]):
        w = w[:m.start()]
    m = re.search(rb"ent$", w)
    if m:
        if MGR1.search(w[:m.start()]):
            w = w[:m.start()]
    else:
        m = re.search(rb"(s|t)(ion)$", w)
        if m:
            st = w[:m.start()] + m.group(1)
            if MGR1.search(st):
                w = st
    m = re.search(rb"e$", w)
    if m:
        st = w[:m.start()]
        if MGR1.search(st) or (MEQ1.search(st) and not CVC.search(st)):
            w = st
    if re.search(rb"ll$", w) and MGR1.search(w):
        w = w[:-1]
    if firstch == b"y":
        w = w[:1].lower() + w[1:]
    return w


class Rouge:
    def __init__(self, data_dir, flags):
        self.stop = set()
        with open(f"{data_dir}/smart_common_words.txt", "rb") as f:
            for line in f:
                self.stop.add(line.rstrip(b"\n"))
        self.exc = {}
        with open(f"{data_dir}/wordnet-2.0-exceptions.tsv", "rb") as f:
            for line in f:
                k, val = line.rstrip(b"\n").split(b"\t")
                self.exc[k] = val
        self.opt = {}
        i = 0
        while i < len(flags):
            f = flags[i][1]
            if f in "bcflnpr2wt":
                self.opt[f] = flags[i + 1]
                i += 2
            else:
                self.opt[f] = True
                i += 1
        self.L = int(self.opt.get("l", 0))
        self.B = int(self.opt.get("b", 0))
        self.alpha = float(self.opt.get("p", 0.5))
        self.mode_b = self.opt.get("f", "A") == "B"
        self.use_stop = "s" in self.opt
        self.stemming = "m" in self.opt
        t = float(self.opt.get("t", 0))
        self.count_mode = 1 if t == 1 else 2 if t == 2 else 0

    # ---- reading ----
    def lines(self, sentences):
        out = []
        for s in sentences:
            b = s.encode("utf-8").replace(b"\r", b" ").replace(b"\n", b" ")
            if len(b) > 0:
                out.append(b.translate(bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                                                       b"abcdefghijklmnopqrstuvwxyz")))
        return out

    @staticmethod
    def clean(t):
        t = t.replace(b"-", b" - ")
        t = re.sub(rb"[^A-Za-z0-9\-]", b" ", t)
        t = re.sub(rb"^" + WS + b"+", b"", t)
        t = re.sub(WS + b"+$", b"", t)
        return re.sub(WS + b"+", b" ", t)

    def read_text(self, sentences):
        lines = self.lines(sentences)
        if self.L == 0 and self.B == 0:
            text = b" ".join(lines)
        else:
            tmp, n = b"", 0
            for s in lines:
                if self.L:
                    toks = perl_split_ws(s)
                    sl = len(toks)
                else:
                    sl = len(s)
                limit = self.L or self.B
                if n + sl < limit:
                    tmp += (b" " + s) if n != 0 else s
                    n += sl
                else:
                    if n > 0:
                        tmp += b" "
                    tmp += b" ".join(toks[0:limit - n]) if self.L else s[0:limit - n]
                    break
            text = tmp if len(tmp) > 0 else None
        return None if text is None else self.clean(text)

    def read_text_lcs(self, sentences):
        lines = self.lines(sentences)
        out = []
        if self.L == 0 and self.B == 0:
            out = lines
        elif self.L:
            n = 0
            for s in lines:
                toks = perl_split_ws(s)
                if n + len(toks) < self.L:
                    n += len(toks)
                    out.append(s)
                else:
                    out.append(b" ".join(toks[0:self.L - n]))
                    break
        else:
            for s in lines:
                if len(s) < self.B:
                    out.append(s)
                else:
                    out.append(s[0:self.B])
                    break
        return [self.clean(s) for s in out]

    def tokens(self, text):
        if text is None:
            return []
        out = []
        for t in perl_split_ws(text):
            if self.use_stop and t in self.stop:
                continue
            if re.match(rb"^[a-z0-9\$]", t):
                if self.stemming and len(t) > 3:
                    out.append(self.exc[t] if t in self.exc else stem(t))
                else:
                    out.append(t)
        return out

    # ---- counting ----
    @staticmethod
    def ngrams(tokens, n):
        g = {}
        count = 0
        for i in range(0, len(tokens) - n + 1):
            k = b" ".join(tokens[i:i + n])
            g[k] = g.get(k, 0) + 1
            count += 1
        return g, count

    def skipgrams(self, tokens, unigrams):
        sd = int(self.opt["2"])
        g = {}
        count = 0
        for i in range(0, len(tokens) - 1):
            if unigrams:
                g[tokens[i]] = g.get(tokens[i], 0) + 1
                count += 1
            j = i + 1
            while j <= len(tokens) - 1 and (sd < 0 or j <= i + sd + 1):
                k = tokens[i] + b" " + tokens[j]
                g[k] = g.get(k, 0) + 1
                count += 1
                j += 1
        return g, count

    @staticmethod
    def hit(model, peer):
        return sum(min(cnt, peer[k]) for k, cnt in model.items() if k in peer)

    def result(self, tm, th, tp, inv=None):
        def score(h, n):
            if n == 0:
                return r5(0)
            return r5((h / n) ** inv if inv else h / n)
        r = score(th, tm)
        p = score(th, tp)
        den = (1 - self.alpha) * p + self.alpha * r
        f = r5((p * r) / den) if den > 0 else r5(0)
        return (r, p, f, tm, tp, th)

    def gram_metric(self, cand, refs, make):
        pg, pc = make(self.tokens(self.read_text(cand)))
        th = tm = tp = 0
        best = -1
        for ref in refs:
            mg, mc = make(self.tokens(self.read_text(ref)))
            h = self.hit(mg, pg)
            sc = float("%07.5f" % (h / mc)) if mc != 0 else 0
            if not self.mode_b:
                th, tm, tp = th + h, tm + mc, tp + pc
            elif sc > best:
                best, th, tm, tp = sc, h, mc, pc
        return self.result(tm, th, tp)

    # ---- LCS ----
    @staticmethod
    def mark(model, peer, mask, weight):
        m, n = len(model), len(peer)
        if m == 0:
            return
        cc = [[0] * (n + 1) for _ in range(m + 1)]
        bb = [[0] * (n + 1) for _ in range(m + 1)]
        ll = [[0] * (n + 1) for _ in range(m + 1)]
        for i in range(1, m + 1):
            for j in range(1, n + 1):
                if model[i - 1] == peer[j - 1]:
                    if weight:
                        k = ll[i - 1][j - 1]
                        cc[i][j] = cc[i - 1][j - 1] + (k + 1) ** weight - k ** weight
                        ll[i][j] = k + 1
                    else:
                        cc[i][j] = cc[i - 1][j - 1] + 1
                    bb[i][j] = "\\"
                elif cc[i - 1][j] >= cc[i][j - 1]:
                    cc[i][j] = cc[i - 1][j]
                    bb[i][j] = "^"
                else:
                    cc[i][j] = cc[i][j - 1]
                    bb[i][j] = "<"
        i, j = m, n
        while i != 0 and j != 0:
            if bb[i][j] == "\\":
                i -= 1
                j -= 1
                mask[i] = 1
            elif bb[i][j] == "^":
                i -= 1
            else:
                j -= 1

    def lcs_metric(self, cand, refs, weight):
        peer_tokens = [self.tokens(s) for s in self.read_text_lcs(cand)]
        p1, pcn = self.ngrams(self.tokens(self.read_text(cand)), 1)
        f = (lambda x: x ** weight) if weight else (lambda x: x)
        th = tm = tp = 0
        best = -1
        for ref in refs:
            tmp_p = dict(p1)
            model_tokens = [self.tokens(s) for s in self.read_text_lcs(ref)]
            m1, _ = self.ngrams(self.tokens(self.read_text(ref)), 1)
            hit = 0
            base = 0
            for mt in model_tokens:
                mask = [0] * len(mt)
                base += f(len(mt))
                for pt in peer_tokens:
                    self.mark(mt, pt, mask, weight)
                run = 0
                for j, t in enumerate(mt):
                    if mask[j] == 1 and m1.get(t, 0) > 0 and tmp_p.get(t, 0) > 0:
                        if weight:
                            run += 1
                            if (j + 1 < len(mt) and mask[j + 1] == 0) or j + 1 == len(mt):
                                hit += run ** weight
                                run = 0
                        else:
                            hit += 1
                        m1[t] -= 1
                        tmp_p[t] -= 1
            if weight:
                if base == 0:
                    raise Dies("Illegal division by zero")
                sc = (hit / base) ** (1 / weight)
                add_m, add_p = base ** weight, pcn ** weight
            else:
                sc = hit / base if base > 0 else 0
                add_m, add_p = base, pcn
            if not self.mode_b:
                th, tm, tp = th + hit, tm + add_m, tp + add_p
            elif sc > best:
                best, th, tm, tp = sc, hit, add_m, add_p
        return self.result(tm, th, tp, 1 / weight if weight else None)

    # ---- the run ----
    def metrics(self):
        out = []
        for n in range(1, int(self.opt.get("n", 0)) + 1):
            out.append((f"ROUGE-{n}", lambda c, r, n=n: self.gram_metric(
                c, r, lambda t: self.ngrams(t, n))))
        if "x" not in self.opt:
            out.append(("ROUGE-L", lambda c, r: self.lcs_metric(c, r, None)))
        if "w" in self.opt:
            w = float(self.opt["w"])
            out.append((f"ROUGE-W-{self.opt['w']}", lambda c, r: self.lcs_metric(c, r, w)))
        if "2" in self.opt:
            sfx = self.opt["2"] if int(self.opt["2"]) >= 0 else "*"
            s = (lambda c, r: self.gram_metric(c, r, lambda t: self.skipgrams(t, False)))
            su = (lambda c, r: self.gram_metric(c, r, lambda t: self.skipgrams(t, True)))
            if "u" in self.opt:
                out.append((f"ROUGE-SU{sfx}", su))
            else:
                out.append((f"ROUGE-S{sfx}", s))
                if "U" in self.opt:
                    out.append((f"ROUGE-SU{sfx}", su))
        return out

    def bootstrap(self, rows):
        nres = int(self.opt.get("r", 1000))
        cf = float(self.opt.get("c", 95))
        n = len(rows)
        samples = [[], [], []]
        for s in range(nres):
            state = (s << 16) + 0x330E
            acc = [0.0, 0.0, 0.0]
            for _ in range(n):
                state = (0x5DEECE66D * state + 0xB) % (1 << 48)
                idx = int(n * (state / 2 ** 48))
                for k in range(3):
                    acc[k] += rows[idx][k]
            if self.count_mode == 1:
                r = acc[2] / acc[0] if acc[0] > 0 else 0
                p = acc[2] / acc[1] if acc[1] > 0 else 0
                den = (1 - self.alpha) * p + self.alpha * r
                acc = [r, p, (r * p) / den if den > 0 else 0]
            else:
                acc = [x / n if n else 0 for x in acc]
            for k in range(3):
                samples[k].append(acc[k])
        out = []
        delta = nres * ((100 - cf) / 2.0) / 100.0
        ua = int(nres - delta - 1)
        la = int(delta)
        ratio = nres - delta - 1 - ua

        def at(a, i):
            return a[i] if 0 <= i < len(a) else 0
        for k in range(3):
            a = sorted(samples[k])
            total = 0.0
            for x in a:
                total += x
            out.append((fmt(total / len(a)),
                        fmt(at(a, la) + (at(a, la + 1) - at(a, la)) * ratio),
                        fmt(at(a, ua) + (at(a, ua + 1) - at(a, ua)) * ratio)))
        return out

    def run(self, pairs):
        lines = []
        cf = self.opt.get("c", "95")
        for name, fn in self.metrics():
            results = [fn(p["candidate"], p["references"]) for p in pairs]
            lines.append("-" * 45)
            if self.count_mode == 0:
                rows = [x[0:3] for x in results]
            else:
                rows = [x[3:6] for x in results]
            if self.count_mode == 2:
                tot = [0, 0, 0]
                for row in rows:
                    tot = [a + b for a, b in zip(tot, row)]
                lines.append(f"C {name} M_count: {int(tot[0])} P_count: {int(tot[1])} "
                             f"H_count: {int(tot[2])}")
            else:
                (ar, lr, ur), (ap, lp, up), (af, lf, uf) = self.bootstrap(rows)
                lines.append(f"C {name} Average_R: {ar} ({cf}%-conf.int. {lr} - {ur})")
                lines.append(f"C {name} Average_P: {ap} ({cf}%-conf.int. {lp} - {up})")
                lines.append(f"C {name} Average_F: {af} ({cf}%-conf.int. {lf} - {uf})")
            lines.append("." * 45)
            for i, (r, p, f) in enumerate(rows):
                if self.count_mode == 0:
                    values = f"R:{fmt(r)} P:{fmt(p)} F:{fmt(f)}"
                else:
                    values = "R:%.15g P:%.15g F:%.15g" % (r, p, f)
                lines.append(f"C {name} Eval {i + 1:06d}.C {values}")
        return "\n".join(lines) + "\n"


def main():
    data_dir, pairs_path = sys.argv[1], sys.argv[2]
    pairs = [json.loads(l) for l in open(pairs_path, encoding="utf-8") if l.strip()]
    try:
        sys.stdout.write(Rouge(data_dir, sys.argv[3:]).run(pairs))
    except Dies as e:
        print(f"DIES: {e}")


if __name__ == "__main__":
    main()
