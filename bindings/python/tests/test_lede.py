"""Tests of the Python binding (run by ctest with LEDE_LIBRARY set)."""
import os
import sys
import threading
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import lede  # noqa: E402

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

    def test_split_kinds(self):
        units = lede.split("# Title\n\nOne sentence here. Two here.\n\nShort line\n")
        self.assertEqual([u.kind for u in units], ["heading", "sentence", "sentence", "line"])
        self.assertEqual([u.paragraph for u in units], [0, 1, 1, 2])

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


if __name__ == "__main__":
    unittest.main()
