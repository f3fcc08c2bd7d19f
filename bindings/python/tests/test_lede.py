"""Tests of the Python binding (run by ctest with LEDE_LIBRARY set)."""
import gc
import json
import os
import random
import sys
import threading
import unittest
import warnings

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import lede  # noqa: E402

DATA = os.path.join(os.path.dirname(__file__), "..", "..", "..", "tests", "data")

ARTICLE = (
    "Solar power capacity grew fast last year. Analysts said solar power is now the\n"
    "cheapest source of new electricity in most countries.\n\n"
    "Wind power also grew, but more slowly. Offshore wind projects faced higher costs.\n\n"
    "The report said solar and wind power together supplied a record share of\n"
    "electricity. Coal use fell in Europe and the United States. Gas prices were\n"
    "volatile. The authors expect solar power capacity to keep growing this year.\n"
)


class SummarizeTest(unittest.TestCase):
    def test_sentences_in_document_order_with_spans(self):
        picked = lede.summarize(ARTICLE, sentences=3)
        self.assertEqual(len(picked), 3)
        self.assertEqual([s.index for s in picked], sorted(s.index for s in picked))
        for s in picked:
            self.assertEqual(" ".join(ARTICLE[s.start:s.end].split()), s.text)
            self.assertTrue(s.picked)
            self.assertGreaterEqual(s.rank, 1)
            self.assertGreater(s.score, 0)

    def test_character_and_byte_offsets_differ_after_non_ascii(self):
        text = "Café owners protested. " * 3 + "Zürich banks closed early. Prices rose."
        units = lede.split(text)
        last = units[-1]
        self.assertEqual(text[last.start:last.end], "Prices rose.")
        data = text.encode()
        self.assertEqual(data[last.byte_start:last.byte_end].decode(), "Prices rose.")
        self.assertGreater(last.byte_start, last.start)

    def test_budgets(self):
        words = lede.summarize(ARTICLE, words=20)
        self.assertLessEqual(sum(len(s.text.split()) for s in words), 20)
        self.assertEqual(len(lede.summarize(ARTICLE, ratio=0.5)), 4)
        with self.assertRaises(ValueError):
            lede.summarize(ARTICLE, sentences=2, words=10)
        with self.assertRaises(ValueError):
            lede.summarize(ARTICLE, ratio=2.0)

    def test_bytes_input(self):
        self.assertEqual(len(lede.summarize(ARTICLE.encode(), sentences=2)), 2)

    def test_lengths_out_of_size_t_range_raise(self):
        # Passed to size_t as they are, -1 would ask for every sentence and
        # 2**64 + 2 for 2.
        for name in ("sentences", "words", "chars"):
            for value in (0, -1, 2 ** 64 + 2, 2 ** 64, 2 ** 128):
                with self.subTest(name=name, value=value), self.assertRaises(ValueError):
                    lede.summarize(ARTICLE, **{name: value})
        with self.assertRaises(TypeError):
            lede.summarize(ARTICLE, sentences=2.5)
        self.assertEqual(len(lede.summarize(ARTICLE, sentences=2 ** 64 - 1)), 8)


class ErrorTest(unittest.TestCase):
    def test_invalid_utf8_has_position(self):
        with self.assertRaises(lede.Error) as ctx:
            lede.summarize(b"Fine line.\nBad \xff byte.")
        err = ctx.exception
        self.assertEqual(err.code, 3)
        self.assertEqual((err.line, err.column, err.byte_offset, err.offset), (2, 5, 15, 15))

    def test_replace_invalid(self):
        units = lede.split(b"Bad \xff byte here. Fine.", replace_invalid=True)
        self.assertEqual(units[0].text, "Bad \ufffd byte here.")

    def test_replace_invalid_offsets_index_the_replaced_string(self):
        data = b"Price \x80\x80 rose. Second sentence is here."
        text = data.decode("utf-8", "replace")
        units = lede.split(data, replace_invalid=True)
        self.assertEqual([text[u.start:u.end] for u in units],
                         ["Price \ufffd\ufffd rose.", "Second sentence is here."])
        # Python reads a truncated sequence as one U+FFFD.
        data = b"Caf\xc3 \xe2\x82 \xf0\x9f\x98 closed. Then \xc3\xa9t\xc3\xa9 came."
        text = data.decode("utf-8", "replace")
        units = lede.split(data, replace_invalid=True)
        self.assertEqual(text[units[1].start:units[1].end], "Then \u00e9t\u00e9 came.")

    def test_replace_invalid_offsets_on_random_bytes(self):
        # Valid characters, every kind of invalid sequence and NUL, between
        # words and sentence ends: each unit's offsets must cut the string
        # Python's "replace" decoding gives where its byte offsets cut the bytes.
        pieces = [b"word", b"Next", b" ", b". ", b"! ", b"\n", b"\n\n", b"\xc3\xa9",
                  b"\xe2\x82\xac", b"\xf0\x9f\x98\x80", b"\x80", b"\xbf", b"\xff", b"\xfe",
                  b"\x00", b"\xc3", b"\xe2\x82", b"\xf0\x9f\x98", b"\xf0\x9f", b"\xc0\x80",
                  b"\xc1\xbf", b"\xe0\x80\x80", b"\xed\xa0\x80", b"\xed\xbf\xbf",
                  b"\xf4\x90\x80\x80", b"\xf8\x88\x80\x80\x80", b"\xef\xbf\xbd"]
        rng = random.Random(1)
        for _ in range(400):
            data = b"Start " + b"".join(rng.choice(pieces) for _ in range(rng.randint(1, 40)))
            text = data.decode("utf-8", "replace")
            for unit in lede.split(data, replace_invalid=True):
                with self.subTest(data=data, unit=unit):
                    self.assertEqual(text[:unit.start],
                                     data[:unit.byte_start].decode("utf-8", "replace"))
                    self.assertEqual(text[:unit.end],
                                     data[:unit.byte_end].decode("utf-8", "replace"))

    def test_empty_and_unknown_language(self):
        with self.assertRaises(lede.Error) as ctx:
            lede.summarize("   ")
        self.assertEqual(ctx.exception.code, 5)
        self.assertIsNone(ctx.exception.line)
        with self.assertRaises(lede.Error) as ctx:
            lede.summarize(ARTICLE, language="klingon")
        self.assertIn("klingon", str(ctx.exception))

    def test_type_error(self):
        with self.assertRaises(TypeError):
            lede.summarize(42)


class MiscTest(unittest.TestCase):
    def test_version_and_languages(self):
        self.assertRegex(lede.version(), r"^\d+\.\d+\.\d+$")
        self.assertIn("en", lede.languages())
        self.assertIn("de", lede.languages())

    def test_language_names_as_lede_h_documents_them(self):
        # lede_options_set_language and lede_summarizer_new in lede.h.
        self.assertIn("und", lede.languages())
        for name in ("de", "German", "GERMAN", "german", "de-AT", "de_CH", "nb", "und"):
            with self.subTest(language=name):
                self.assertEqual(len(lede.split("Eins zwei. Drei vier.", language=name)), 2)
        # "porter" is a libstemmer algorithm that no model uses.
        for name in ("porter", "klingon", "xx-YY"):
            with self.subTest(language=name), self.assertRaises(lede.Error) as ctx:
                lede.split(ARTICLE, language=name)
            self.assertEqual(ctx.exception.code, 7)
            self.assertIn("'und'", ctx.exception.message)
        with self.assertRaises(ValueError):
            lede.split(ARTICLE, language="x" * 64)

    def test_split_kinds(self):
        units = lede.split("# Title\n\nOne sentence here. Two here.\n\nShort line\n")
        self.assertEqual([u.kind for u in units], ["heading", "sentence", "sentence", "line"])
        self.assertEqual([u.paragraph for u in units], [0, 1, 1, 2])

    def test_known_utf8_is_not_checked_again(self):
        # A str's encoding and a Document's text are UTF-8 by construction:
        # their offsets are mapped without decoding them once more; bytes
        # from the caller are checked once.
        calls = []
        checker = lede._is_utf8
        lede._is_utf8 = lambda data: calls.append(len(data)) or checker(data)
        try:
            lede.summarize(ARTICLE, sentences=2)
            lede.split(ARTICLE)
            with lede.extract_html(PAGE) as doc:
                doc.summarize(sentences=2)
                doc.split()
            self.assertEqual(calls, [])
            data = ARTICLE.encode("utf-8")
            spans = [[(x.text, x.start, x.end) for x in lede.summarize(t, sentences=2)]
                     for t in (data, ARTICLE)]
            self.assertEqual(spans[0], spans[1])
            self.assertEqual(calls, [len(data)])
        finally:
            lede._is_utf8 = checker

    def test_threads(self):
        want = [s.text for s in lede.summarize(ARTICLE, sentences=3)]
        results = []

        def work():
            for _ in range(20):
                results.append([s.text for s in lede.summarize(ARTICLE, sentences=3)])

        threads = [threading.Thread(target=work) for _ in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(len(results), 60)
        self.assertTrue(all(r == want for r in results))


PAGE = """<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="windows-1252">
<title>Ferry &amp; harbour - The Coast Post</title>
<meta name="author" content="Sam O'Neill">
<meta property="article:published_time" content="2024-06-01T09:30:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article>
<h1>Ferry &amp; harbour</h1>
<p>The harbour board approved a new ferry route to the island on Friday,
after a long debate about fares.</p>
<p>The ferry will run four times a day in summer. Fares will rise by 10% for cars.</p>
<blockquote><p>The island needs a ferry that runs on time, said Mar\u00eda N\u00fa\u00f1ez.</p></blockquote>
<h2>Tickets</h2>
<ul><li>Tickets for the ferry can be bought on board.</li></ul>
<p>The board expects the ferry route to carry 50,000 passengers in its first year.</p>
</article></body></html>
"""


def read_data(*path):
    with open(os.path.join(DATA, *path), "rb") as f:
        return f.read()


class ExtractTest(unittest.TestCase):
    def test_metadata_and_paragraphs(self):
        with lede.extract_html(PAGE) as doc:
            self.assertEqual(doc.title, "Ferry & harbour")
            self.assertEqual(doc.author, "Sam O'Neill")
            self.assertEqual(doc.date, "2024-06-01T09:30:00Z")
            self.assertEqual(doc.language, "en-GB")
            # A str is read as the text it is, whatever its <meta charset> says.
            self.assertEqual(doc.encoding, "UTF-8")
            kinds = [p.kind for p in doc.paragraphs]
            self.assertEqual(kinds, ["text", "text", "quote", "heading", "list_item", "text"])
            self.assertIn("Mar\u00eda N\u00fa\u00f1ez", doc.paragraphs[2].text)
            lines = PAGE.split("\n")
            for p in doc.paragraphs:
                self.assertEqual(doc.text[p.start:p.end], p.text)
                self.assertEqual(doc.text.encode()[p.byte_start:p.byte_end].decode(), p.text)
                self.assertIn(p.text.split()[0], lines[p.source_line - 1])
            self.assertEqual(doc.paragraphs[0].source_line, 10)
            self.assertNotIn("Home", doc.text)

    def test_bytes_in_a_legacy_encoding(self):
        page = PAGE.encode("cp1252")
        doc = lede.extract_html(page)
        self.assertEqual(doc.encoding, "windows-1252")
        self.assertIn("Mar\u00eda N\u00fa\u00f1ez", doc.text)
        forced = lede.extract_html(page, encoding="KOI8-R")
        self.assertEqual(forced.encoding, "KOI8-R")
        self.assertNotIn("Mar\u00eda", forced.text)
        with self.assertRaises(lede.Error) as ctx:
            lede.extract_html(page, encoding="no-such-encoding")
        self.assertEqual(ctx.exception.code, 2)

    def test_summarize_offsets_and_source_lines(self):
        doc = lede.extract_html(PAGE)
        picked = doc.summarize(sentences=2)
        self.assertEqual(len(picked), 2)
        lines = PAGE.split("\n")
        for s in picked:
            self.assertEqual(" ".join(doc.text[s.start:s.end].split()), s.text)
            self.assertEqual(doc.text.encode()[s.byte_start:s.byte_end].decode(),
                             doc.text[s.start:s.end])
            self.assertIn(s.text.split()[1], lines[s.source_line - 1])
            self.assertEqual(doc.source_line(s.start), s.source_line)
        units = doc.split()
        self.assertEqual([u.kind for u in units].count("sentence"), len(units) - 1)
        self.assertTrue(all(u.source_line > 0 for u in units))
        self.assertEqual(doc.source_line(len(doc.text) + 5), 0)
        # Past the text, however far: never wrapped round to its start.
        wrap = 2 ** 64 + len(doc.text) - len(doc.text.encode())
        self.assertEqual(doc.source_line(wrap), 0)
        with self.assertRaises(ValueError):
            doc.summarize(sentences=2, words=10)

    def test_page_language_is_used_and_unknown_ones_warn(self):
        de = lede.extract_html(read_data("html", "lang-de.html"))
        self.assertEqual(de.language, "de")
        self.assertEqual([s.text for s in de.summarize(sentences=2)],
                         [s.text for s in de.summarize(sentences=2, language="de")])
        page = PAGE.replace('lang="en-GB"', 'lang="tlh"')
        doc = lede.extract_html(page)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            picked = doc.summarize(sentences=1)
        self.assertEqual(len(picked), 1)
        self.assertTrue(any("tlh" in str(w.message) for w in caught))
        with self.assertRaises(lede.Error) as ctx:
            doc.summarize(language="klingon")
        self.assertEqual(ctx.exception.code, 7)

    def test_close(self):
        doc = lede.extract_html(PAGE)
        doc.close()
        doc.close()
        self.assertEqual(doc.title, "Ferry & harbour")
        with self.assertRaises(ValueError):
            doc.summarize()
        with self.assertRaises(ValueError):
            doc.source_line(0)

    def test_whole_page(self):
        doc = lede.extract_html(PAGE, whole_page=True)
        self.assertIn("Home", doc.text)

    def test_errors(self):
        with self.assertRaises(lede.Error) as ctx:
            lede.extract_html(read_data("html", "menu-only.html"))
        self.assertEqual(ctx.exception.code, 12)
        self.assertIn("no article", ctx.exception.message)
        with self.assertRaises(lede.Error) as ctx:
            lede.extract_html(b"")
        self.assertEqual(ctx.exception.code, 5)
        with self.assertRaises(lede.Error) as ctx:
            lede.extract_html(PAGE, max_nodes=5)
        self.assertEqual(ctx.exception.code, 8)
        with self.assertRaises(ValueError):
            lede.extract_html(PAGE, max_depth=0)
        # Passed to size_t as they are, -1 would lift the limit and
        # 2**64 + 5 would set it to 5.
        for name in ("max_bytes", "max_nodes", "max_depth"):
            for value in (-1, 2 ** 64 + 5):
                with self.subTest(name=name, value=value), self.assertRaises(ValueError):
                    lede.extract_html(PAGE, **{name: value})
        with self.assertRaises(TypeError):
            lede.extract_html(42)

    def test_xml(self):
        trec = read_data("html", "trec.xml")
        doc = lede.extract_xml(trec)
        self.assertEqual(doc.title, "River floods old town after storm")
        self.assertIn("the market was cancelled", doc.text)
        heads = lede.extract_xml(trec, xpath="//HEADLINE")
        self.assertEqual([p.text for p in heads.paragraphs],
                         ["River floods old town after storm", "Second story"])
        self.assertEqual([p.source_line for p in heads.paragraphs], [3, 16])
        with self.assertRaises(lede.Error) as ctx:
            lede.extract_xml("<doc>\n  <p>caf\u00e9 text</q>\n</doc>")
        err = ctx.exception
        self.assertEqual(err.code, 13)
        self.assertEqual(err.line, 2)
        self.assertIsNotNone(err.column)
        self.assertEqual(len("<doc>\n  <p>caf\u00e9 text</q>\n</doc>".encode()[:err.byte_offset]
                             .decode()), err.offset)
        with self.assertRaises(lede.Error) as ctx:
            lede.extract_xml(trec, xpath="//[")
        self.assertEqual(ctx.exception.code, 13)

    def test_documents_are_freed(self):
        # Each Document frees its handle when collected; many in a row must
        # neither leak handles nor double-free (the ASan run checks).
        for _ in range(200):
            lede.extract_html(PAGE).summarize(sentences=1)
        gc.collect()

    def test_threads_share_a_document(self):
        doc = lede.extract_html(PAGE)
        want = [s.text for s in doc.summarize(sentences=2)]
        results = []

        def work():
            for _ in range(10):
                results.append([s.text for s in doc.summarize(sentences=2)])

        threads = [threading.Thread(target=work) for _ in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(results, [want] * 30)


def load_rouge_fixtures():
    return [[json.loads(line) for line in read_data("rouge", name).decode().splitlines()]
            for name in ("pairs.jsonl", "expected.jsonl")]


class RougeTest(unittest.TestCase):
    """Against the ROUGE-1.5.5 script's own outputs (tests/data/rouge)."""

    @classmethod
    def setUpClass(cls):
        cls.pairs, cls.expected = load_rouge_fixtures()

    def check_flagset(self, flagset):
        rows = [r for r in self.expected if r["flagset"] == flagset]
        flags = rows[0]["args"]
        result = lede.rouge([p["candidate"] for p in self.pairs],
                            [p["references"] for p in self.pairs], flags=flags)
        self.assertEqual(result.confidence, "95")
        docs = [r for r in rows if r["kind"] == "doc"]
        self.assertEqual(len(result.documents), len(docs))
        for got, want in zip(result.documents, docs):
            self.assertEqual(got.eval_id, want["eval_id"])
            self.assertEqual(got.peer_id, "C")
            self.assertEqual(set(got.scores), set(want["scores"]))
            for metric, score in want["scores"].items():
                mine = got.scores[metric]
                self.assertEqual((mine.recall, mine.precision, mine.f),
                                 (score["R"], score["P"], score["F"]),
                                 f"{flagset} {want['id']} {metric}")
        overall = [r for r in rows if r["kind"] == "overall"][0]
        self.assertEqual(list(result.overall), result.metrics)
        for metric, score in overall["scores"].items():
            mine = result.overall[metric]
            self.assertEqual(mine.n_docs, overall["n_docs"])
            for key, name in (("R", "recall"), ("P", "precision"), ("F", "f")):
                self.assertEqual(getattr(mine, name), score[key], f"{flagset} {metric} {key}")
                self.assertEqual([getattr(mine, name + "_low"), getattr(mine, name + "_high")],
                                 score[key + "_ci"], f"{flagset} {metric} {key} interval")

    def test_script_base_flags(self):
        self.check_flagset("base")

    def test_script_stemming_and_stopwords(self):
        self.check_flagset("ms")

    def test_default_flags_and_text_forms(self):
        pair = self.pairs[0]
        as_lists = lede.rouge([pair["candidate"]], [pair["references"]])
        as_text = lede.rouge(["\n".join(pair["candidate"])],
                             [["\n".join(ref) for ref in pair["references"]]])
        self.assertEqual(as_lists, as_text)
        self.assertEqual(as_lists.metrics, ["ROUGE-1", "ROUGE-2", "ROUGE-3", "ROUGE-4",
                                            "ROUGE-L", "ROUGE-W-1.2", "ROUGE-S4",
                                            "ROUGE-SU4"])
        want = [r for r in self.expected if r["flagset"] == "m" and r["kind"] == "doc"][0]
        self.assertEqual(as_lists.documents[0].scores["ROUGE-2"].recall,
                         want["scores"]["ROUGE-2"]["R"])
        one_ref = lede.rouge(["a b c d"], ["a b x d"], flags="-n 1 -x")
        self.assertEqual(one_ref.metrics, ["ROUGE-1"])
        self.assertEqual(one_ref.documents[0].scores["ROUGE-1"][:3], (0.75, 0.75, 0.75))
        self.assertEqual(one_ref.documents[0].scores["ROUGE-1"].hits, 3)

    def test_ids(self):
        result = lede.rouge(["a b", "c d"], ["a b", "c e"], flags=["-n", "1"], ids=["x1", 7])
        self.assertEqual([d.eval_id for d in result.documents], ["x1", "7"])
        with self.assertRaises(lede.Error) as ctx:
            lede.rouge(["a", "b"], ["a", "b"], ids=["same", "same"])
        self.assertEqual(ctx.exception.code, 2)

    def test_errors(self):
        with self.assertRaises(lede.Error) as ctx:
            lede.rouge(["a b"], ["a b"], flags="-n 4 -v")
        self.assertEqual(ctx.exception.code, 2)
        self.assertIn("-v", ctx.exception.message)
        with self.assertRaises(lede.Error) as ctx:
            lede.rouge(["a b"], ["a b"], flags="-n 4 extra")
        self.assertEqual(ctx.exception.code, 2)
        with self.assertRaises(lede.Error) as ctx:
            lede.rouge(["a b"], [[]])
        self.assertEqual(ctx.exception.code, 2)
        with self.assertRaises(lede.Error) as ctx:
            lede.rouge(["a b"], ["..."], flags="-w 1.2")
        self.assertEqual(ctx.exception.code, 5)
        self.assertIn("000001", ctx.exception.message)
        with self.assertRaises(ValueError):
            lede.rouge(["a"], ["a", "b"])
        with self.assertRaises(TypeError):
            lede.rouge([["a", 3]], ["a"])


if __name__ == "__main__":
    unittest.main()
