#!/usr/bin/env python3
"""Renders `lede summarize --format html` pages in headless Chromium.

For each case the page is rendered twice: --dump-dom gives the DOM as the
browser parsed it, which must hold exactly the picked sentences of the same
run's --format json as highlighted elements, every unit of `lede split` with
its text intact (escaping), the summary's links pointing at the picked
sentences, and nothing external; --screenshot gives a PNG (decoded here with
zlib) that must show text, the score shading and the highlight.

Usage: render_test.py LEDE INSTALL_DEPS_SCRIPT
Exit 77 (a ctest skip) only when Chromium is missing and cannot be installed.
"""
import collections
import html.parser
import itertools
import json
import os
import pathlib
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import zlib

HERE = pathlib.Path(__file__).resolve().parent
INPUTS = HERE.parent / "cli" / "inputs"
SKIP = 77

# (name, files, summarize options, options shared with `lede split`)
CASES = [
    ("escapes", [HERE / "escapes.txt"], ["-n", "3"], ["--replace-invalid"]),
    ("page", [HERE / "page.html"], ["-n", "3"], []),
    ("several", [HERE / "page.html", INPUTS / "markdown.md", HERE / "escapes.txt"],
     ["-n", "2"], ["--replace-invalid"]),
]

SHADE_TOP = (0xF5, 0xAA, 0x1E)  # .l9 in src/cli/report.c
PICKED_LINE = (0x1A, 0x5F, 0xB4)  # .picked's underline

failures = []


def check(ok, what):
    if not ok:
        failures.append(what)
        print("FAIL:", what)


# ====== Chromium ======

def find_chromium(install_deps):
    for name in ("chromium", "chromium-browser"):
        if shutil.which(name):
            return shutil.which(name)
    print("chromium is missing: running", install_deps)
    done = subprocess.run(["sh", str(install_deps)], capture_output=True, text=True)
    sys.stdout.write(done.stdout + done.stderr)
    return shutil.which("chromium")


def run_chromium(chromium, profile_root, args):
    """Runs one headless Chromium with a fresh profile; returns stdout."""
    profile = tempfile.mkdtemp(dir=profile_root)
    env = dict(os.environ, HOME=profile, XDG_CONFIG_HOME=profile, XDG_CACHE_HOME=profile)
    env.pop("LD_PRELOAD", None)
    cmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
           "--no-first-run", "--disable-background-networking", "--disable-component-update",
           "--disable-sync", "--hide-scrollbars", f"--user-data-dir={profile}"] + args
    done = subprocess.run(cmd, capture_output=True, timeout=180, env=env)
    if done.returncode != 0:
        sys.stdout.write(done.stderr.decode(errors="replace")[-3000:])
        raise SystemExit(f"chromium failed ({done.returncode}): {' '.join(cmd)}")
    return done.stdout


# ====== The DOM ======

class Dom(html.parser.HTMLParser):
    """What the checks need from the page: each section's title, units
    (id, classes, text), summary links, and every element's name and
    attributes."""

    VOID = {"meta", "br", "img", "link", "input", "hr", "wbr", "source", "area", "base", "col"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.sections = []
        self.elements = []
        self.stack = []  # (tag, collector or None)
        self.title = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.elements.append((tag, attrs))
        collector = None
        if tag == "section":
            self.sections.append({"h1": "", "units": [], "links": []})
        sec = self.sections[-1] if self.sections else None
        ident = attrs.get("id") or ""
        if sec is not None and re.fullmatch(r"d\d+-s\d+", ident):
            collector = {"id": ident, "class": (attrs.get("class") or "").split(), "text": ""}
            sec["units"].append(collector)
        elif sec is not None and tag == "a" and self.inside("ul"):
            collector = {"href": attrs.get("href"), "text": ""}
            sec["links"].append(collector)
        elif sec is not None and tag == "h1":
            collector = {"text": ""}
            sec["h1_box"] = collector
        if tag not in self.VOID:
            self.stack.append((tag, collector))

    def handle_endtag(self, tag):
        while self.stack:
            top, _ = self.stack.pop()
            if top == tag:
                break
        if tag == "h1" and self.sections and "h1_box" in self.sections[-1]:
            self.sections[-1]["h1"] = self.sections[-1].pop("h1_box")["text"]

    def handle_data(self, data):
        for _, collector in self.stack:
            if collector is not None:
                collector["text"] += data
        if any(tag == "title" for tag, _ in self.stack):
            self.title += data

    def inside(self, tag):
        return any(t == tag for t, _ in self.stack)


def check_dom(name, dom, summaries, splits, displays):
    check(len(dom.sections) == len(summaries),
          f"{name}: {len(dom.sections)} sections for {len(summaries)} inputs")
    for k, (sec, summ, split) in enumerate(zip(dom.sections, summaries, splits), 1):
        where = f"{name} section {k}"
        want_title = summ.get("title") or displays[k - 1]
        check(sec["h1"] == want_title, f"{where}: title {sec['h1']!r}, want {want_title!r}")
        picked = [u for u in sec["units"] if "picked" in u["class"]]
        want_picked = [s["text"] for s in summ["sentences"]]
        check([u["text"] for u in picked] == want_picked,
              f"{where}: highlighted {[u['text'] for u in picked]!r}, "
              f"picked (json) {want_picked!r}")
        check([lk["href"] for lk in sec["links"]] == ["#" + u["id"] for u in picked],
              f"{where}: summary links {[lk['href'] for lk in sec['links']]} do not point at "
              f"the highlighted sentences {[u['id'] for u in picked]}")
        check([lk["text"] for lk in sec["links"]] == want_picked,
              f"{where}: summary bullets differ from the picked sentences")
        units = split["sentences"]
        check([u["text"] for u in sec["units"]] == [u["text"] for u in units],
              f"{where}: the article's units differ from `lede split`:\n"
              f"  {[u['text'] for u in sec['units']]!r}\n  {[u['text'] for u in units]!r}")
        check([u["id"] for u in sec["units"]] == [f"d{k}-s{i}" for i in range(len(units))],
              f"{where}: unit anchors are not d{k}-s0, d{k}-s1, ...")
        for u, want in zip(sec["units"], units):
            shades = [c for c in u["class"] if re.fullmatch(r"l\d", c)]
            if want["kind"] == "sentence":
                check("s" in u["class"] and len(shades) == 1,
                      f"{where}: sentence {u['id']} has classes {u['class']}, want s and one shade")
            else:
                check("u" in u["class"] and not shades and "picked" not in u["class"],
                      f"{where}: {want['kind']} {u['id']} is shaded or picked: {u['class']}")
        top = [u for u in sec["units"] if "l9" in u["class"]]
        check(len(top) >= 1, f"{where}: no sentence has the top shade")
    for tag, attrs in dom.elements:
        check(tag not in ("script", "img", "link", "iframe", "object", "embed"),
              f"{name}: the page has a <{tag}> element")
        for key, value in attrs.items():
            check(not (key in ("src", "href") and value and not value.startswith("#")),
                  f"{name}: <{tag} {key}={value!r}> points outside the page")
            check(not key.startswith("on"), f"{name}: <{tag}> has an event handler {key}")
    check(any(tag == "style" for tag, _ in dom.elements), f"{name}: no inline <style>")


# ====== The screenshot ======

def add_bytes(x, y):
    """Bytewise (x + y) mod 256 of two equal-length byte strings, without a
    Python loop: the sums of the low 7 bits, then the top bits by xor."""
    n = len(x)
    a, b = int.from_bytes(x, "big"), int.from_bytes(y, "big")
    low, high = int.from_bytes(b"\x7f" * n, "big"), int.from_bytes(b"\x80" * n, "big")
    return bytearray((((a & low) + (b & low)) ^ ((a ^ b) & high)).to_bytes(n, "big"))


def unfilter(ftype, line, prev, bpp):
    """Undoes one row's PNG filter (None, Sub, Up, Average, Paeth)."""
    if ftype == 0:
        return line
    if ftype == 2:
        return add_bytes(line, prev)
    if ftype == 1:
        out = bytearray(len(line))
        for c in range(bpp):
            out[c::bpp] = bytes(v & 255 for v in itertools.accumulate(line[c::bpp]))
        return out
    for i in range(len(line)):
        a = line[i - bpp] if i >= bpp else 0
        b = prev[i]
        if ftype == 3:
            line[i] = (line[i] + (a + b) // 2) & 255
            continue
        c = prev[i - bpp] if i >= bpp else 0
        p = a + b - c
        pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
        line[i] = (line[i] + (a if pa <= pb and pa <= pc else (b if pb <= pc else c))) & 255
    return line


def decode_png(data):
    """Size and colour histogram {(r, g, b): pixels} of an 8-bit RGB or RGBA
    PNG."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height, depth, color, _, _, interlace = header
    if depth != 8 or color not in (2, 6) or interlace:
        raise ValueError(f"unsupported PNG: depth {depth}, colour type {color}")
    bpp = 3 if color == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    colours = collections.Counter()
    prev = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        line = unfilter(raw[start], bytearray(raw[start + 1:start + 1 + stride]), prev, bpp)
        colours.update(zip(line[0::bpp], line[1::bpp], line[2::bpp]))
        prev = line
    return width, height, colours


def near(pixel, target, tolerance=8):
    return all(abs(p - t) <= tolerance for p, t in zip(pixel, target))


def check_screenshot(name, png, size):
    width, height, colours = decode_png(png)
    check((width, height) == size, f"{name}: screenshot is {width}x{height}, want {size}")
    white = colours.get((255, 255, 255), 0)
    ink = width * height - white
    print(f"{name}: screenshot {width}x{height}, {len(colours)} colours, "
          f"{100 * ink / (width * height):.1f}% not white")
    check(len(colours) > 50, f"{name}: screenshot has {len(colours)} colours: blank?")
    check(ink > width * height // 20, f"{name}: screenshot is almost all white")
    check(any(near(c, SHADE_TOP) for c in colours),
          f"{name}: no pixel of the top score's shade {SHADE_TOP}")
    check(any(near(c, PICKED_LINE) for c in colours),
          f"{name}: no pixel of the picked sentences' underline {PICKED_LINE}")


# ====== Driver ======

def lede_json(lede, args):
    done = subprocess.run([lede] + args, capture_output=True)
    if done.returncode != 0:
        raise SystemExit(f"lede {' '.join(args)} failed: {done.stderr.decode(errors='replace')}")
    value = json.loads(done.stdout)
    return value if isinstance(value, list) else [value]


def main():
    lede, install_deps = sys.argv[1], sys.argv[2]
    chromium = find_chromium(install_deps)
    if not chromium:
        print("SKIPPED: chromium is not installed and could not be installed "
              "(scripts/install-deps.sh needs root or sudo and Debian's apt)")
        return SKIP
    version = subprocess.run([chromium, "--version"], capture_output=True, text=True).stdout
    print("using", chromium, version.strip())
    size = (1000, 1600)
    with tempfile.TemporaryDirectory(prefix="lede-report-") as tmp:
        for name, files, summarize_opts, shared_opts in CASES:
            names = [str(f) for f in files]
            page = pathlib.Path(tmp, name + ".html")
            done = subprocess.run([lede, "summarize", "--format", "html"] + summarize_opts +
                                  shared_opts + names, capture_output=True)
            check(done.returncode == 0, f"{name}: lede exited {done.returncode}: "
                  f"{done.stderr.decode(errors='replace')}")
            page.write_bytes(done.stdout)
            summaries = lede_json(lede, ["summarize", "--format", "json"] + summarize_opts +
                                  shared_opts + names)
            splits = [lede_json(lede, ["split", "--format", "json"] + shared_opts + [n])[0]
                      for n in names]
            started = time.monotonic()
            dom_text = run_chromium(chromium, tmp, ["--dump-dom", page.as_uri()])
            dom = Dom()
            dom.feed(dom_text.decode("utf-8"))
            check_dom(name, dom, summaries, splits, names)
            shot = pathlib.Path(tmp, name + ".png")
            run_chromium(chromium, tmp, [f"--screenshot={shot}",
                                         f"--window-size={size[0]},{size[1]}", page.as_uri()])
            check(shot.exists(), f"{name}: no screenshot written")
            if shot.exists():
                check_screenshot(name, shot.read_bytes(), size)
            print(f"{name}: rendered twice in {time.monotonic() - started:.1f} s")
    if failures:
        print(f"{len(failures)} check(s) failed")
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
