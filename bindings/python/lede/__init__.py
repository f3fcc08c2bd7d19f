"""Python binding for liblede, the offline extractive summarizer.

Uses ctypes from the standard library: nothing to compile. The shared
library is found through the LEDE_LIBRARY environment variable (a path to
liblede.so.1), then beside this package, then by ctypes.util.find_library.

    >>> import lede
    >>> for s in lede.summarize(text, sentences=3):
    ...     print(s.start, s.end, s.score, s.text)

Offsets are given twice: `start`/`end` index the Python string (code
points; for bytes, data.decode("utf-8", "replace")), `byte_start`/`byte_end`
index its UTF-8 encoding, as the C library reports them.

Web pages and XML documents are read with extract_html and extract_xml,
which give a Document (text, title, metadata, paragraphs) that can be
summarized; rouge scores candidate summaries against references exactly as
the ROUGE-1.5.5 script does.
"""

import codecs
import collections
import ctypes
import ctypes.util
import operator
import os
import shlex
import warnings
import weakref

__all__ = ["Error", "Sentence", "Paragraph", "Document", "RougeScore", "RougeOverall",
           "RougeDocument", "RougeResult", "summarize", "split", "extract_html", "extract_xml",
           "rouge", "ROUGE_FLAGS", "version", "languages"]

SOVERSION = 1


class Error(Exception):
    """A failure reported by liblede.

    Attributes: code (the lede_status number), message, and for input
    errors line, column (1-based) and offset (a str index) and byte_offset
    (into the UTF-8 encoding); these are None when the error has no
    position.
    """

    def __init__(self, code, message, line=None, column=None, offset=None, byte_offset=None):
        where = f" (line {line}, column {column})" if line else ""
        super().__init__(message + where)
        self.code = code
        self.message = message
        self.line = line
        self.column = column
        self.offset = offset
        self.byte_offset = byte_offset


class Sentence:
    """One sentence of the input: text, spans, paragraph, score and rank.
    For a Document's sentences, source_line is the line of the page where
    the sentence's paragraph starts (None for plain text; 0 when unknown)."""

    __slots__ = ("text", "start", "end", "byte_start", "byte_end", "index", "paragraph",
                 "score", "rank", "kind", "picked", "source_line")

    def __init__(self, **fields):
        for name in self.__slots__:
            setattr(self, name, fields.get(name))

    def __repr__(self):
        return (f"Sentence(index={self.index}, start={self.start}, end={self.end}, "
                f"score={self.score:.4f}, rank={self.rank}, text={self.text!r})")


class _Sentence(ctypes.Structure):
    _fields_ = [
        ("start", ctypes.c_size_t),
        ("end", ctypes.c_size_t),
        ("index", ctypes.c_size_t),
        ("paragraph", ctypes.c_size_t),
        ("score", ctypes.c_double),
        ("rank", ctypes.c_size_t),
        ("text", ctypes.c_char_p),
        ("text_len", ctypes.c_size_t),
        ("kind", ctypes.c_uint),
        ("picked", ctypes.c_uint),
    ]


class _Paragraph(ctypes.Structure):
    _fields_ = [
        ("start", ctypes.c_size_t),
        ("end", ctypes.c_size_t),
        ("kind", ctypes.c_uint),
        ("source_line", ctypes.c_size_t),
    ]


class _RougeText(ctypes.Structure):
    _fields_ = [
        ("sentences", ctypes.POINTER(ctypes.c_char_p)),
        ("lengths", ctypes.POINTER(ctypes.c_size_t)),
        ("count", ctypes.c_size_t),
    ]


class _RougeScore(ctypes.Structure):
    _fields_ = [(name, ctypes.c_double) for name in
                ("recall", "precision", "f", "model_count", "peer_count", "hits")]


class _RougeOverall(ctypes.Structure):
    _fields_ = ([(name, ctypes.c_double) for name in
                 ("recall", "recall_low", "recall_high", "precision", "precision_low",
                  "precision_high", "f", "f_low", "f_high")] +
                [("n_docs", ctypes.c_size_t)] +
                [(name, ctypes.c_double) for name in ("model_count", "peer_count", "hits")])


_KINDS = {0: "sentence", 1: "heading", 2: "line"}
_PARAGRAPH_KINDS = {0: "text", 1: "heading", 2: "list_item", 3: "quote", 4: "pre",
                    5: "table_cell"}
_INPUT_REPLACE_INVALID = 1
_EXTRACT_WHOLE_PAGE = 1
_ERR_UNKNOWN_LANGUAGE = 7


def _load():
    candidates = []
    if os.environ.get("LEDE_LIBRARY"):
        candidates.append(os.environ["LEDE_LIBRARY"])
    here = os.path.dirname(os.path.abspath(__file__))
    candidates.append(os.path.join(here, f"liblede.so.{SOVERSION}"))
    found = ctypes.util.find_library("lede")
    if found:
        candidates.append(found)
    errors = []
    for path in candidates:
        try:
            return ctypes.CDLL(path)
        except OSError as exc:
            errors.append(f"{path}: {exc}")
    raise ImportError("cannot load liblede (set LEDE_LIBRARY): " + "; ".join(errors or ["not found"]))


_lib = _load()
_P = ctypes.c_void_p
_SIZE = ctypes.c_size_t
_SIZE_MAX = 2 ** (8 * ctypes.sizeof(_SIZE)) - 1


def _declare(name, restype, *argtypes):
    fn = getattr(_lib, name)
    fn.restype = restype
    fn.argtypes = list(argtypes)
    return fn


_version_string = _declare("lede_version_string", ctypes.c_char_p)
_language_count = _declare("lede_language_count", _SIZE)
_language_code = _declare("lede_language_code", ctypes.c_char_p, _SIZE)
_strerror = _declare("lede_strerror", ctypes.c_char_p, ctypes.c_int)
_error_free = _declare("lede_error_free", None, _P)
_error_code = _declare("lede_error_code", ctypes.c_int, _P)
_error_message = _declare("lede_error_message", ctypes.c_char_p, _P)
_error_has_position = _declare("lede_error_has_position", ctypes.c_int, _P)
_error_offset = _declare("lede_error_offset", _SIZE, _P)
_error_line = _declare("lede_error_line", _SIZE, _P)
_error_column = _declare("lede_error_column", _SIZE, _P)
_options_new = _declare("lede_options_new", _P)
_options_free = _declare("lede_options_free", None, _P)
_setters = {
    "input_flags": _declare("lede_options_set_input_flags", ctypes.c_int, _P, ctypes.c_uint),
    "language": _declare("lede_options_set_language", ctypes.c_int, _P, ctypes.c_char_p),
    "sentences": _declare("lede_options_set_sentences", ctypes.c_int, _P, _SIZE),
    "ratio": _declare("lede_options_set_ratio", ctypes.c_int, _P, ctypes.c_double),
    "words": _declare("lede_options_set_words", ctypes.c_int, _P, _SIZE),
    "chars": _declare("lede_options_set_chars", ctypes.c_int, _P, _SIZE),
    "damping": _declare("lede_options_set_damping", ctypes.c_int, _P, ctypes.c_double),
    "redundancy": _declare("lede_options_set_redundancy", ctypes.c_int, _P, ctypes.c_double),
    "background_idf": _declare("lede_options_set_background_idf", ctypes.c_int, _P,
                               ctypes.c_double),
}
_RUN_ARGS = (ctypes.c_char_p, _SIZE, _P, ctypes.POINTER(_P), ctypes.POINTER(_P))
_summarize = _declare("lede_summarize", ctypes.c_int, *_RUN_ARGS)
_split = _declare("lede_split", ctypes.c_int, *_RUN_ARGS)
_summary_free = _declare("lede_summary_free", None, _P)
_summary_count = _declare("lede_summary_count", _SIZE, _P)
_summary_sentence = _declare("lede_summary_sentence", ctypes.POINTER(_Sentence), _P, _SIZE)
_summary_total = _declare("lede_summary_total", _SIZE, _P)
_summary_unit = _declare("lede_summary_unit", ctypes.POINTER(_Sentence), _P, _SIZE)

_extract_options_new = _declare("lede_extract_options_new", _P)
_extract_options_free = _declare("lede_extract_options_free", None, _P)
_extract_setters = {
    "encoding": _declare("lede_extract_options_set_encoding", ctypes.c_int, _P,
                         ctypes.c_char_p),
    "max_bytes": _declare("lede_extract_options_set_max_bytes", ctypes.c_int, _P, _SIZE),
    "max_nodes": _declare("lede_extract_options_set_max_nodes", ctypes.c_int, _P, _SIZE),
    "max_depth": _declare("lede_extract_options_set_max_depth", ctypes.c_int, _P, _SIZE),
    "flags": _declare("lede_extract_options_set_flags", ctypes.c_int, _P, ctypes.c_uint),
}
_extract_html = _declare("lede_extract_html", ctypes.c_int, ctypes.c_char_p, _SIZE, _P,
                         ctypes.POINTER(_P), ctypes.POINTER(_P))
_extract_xml = _declare("lede_extract_xml", ctypes.c_int, ctypes.c_char_p, _SIZE,
                        ctypes.c_char_p, _P, ctypes.POINTER(_P), ctypes.POINTER(_P))
_document_free = _declare("lede_document_free", None, _P)
_document_text = _declare("lede_document_text", _P, _P, ctypes.POINTER(_SIZE))
_document_meta = {
    name: _declare(f"lede_document_{name}", ctypes.c_char_p, _P)
    for name in ("title", "author", "date", "language", "encoding")
}
_document_paragraph_count = _declare("lede_document_paragraph_count", _SIZE, _P)
_document_paragraph = _declare("lede_document_paragraph", ctypes.POINTER(_Paragraph), _P,
                               _SIZE)
_document_source_line = _declare("lede_document_source_line", _SIZE, _P, _SIZE)

_rouge_options_new = _declare("lede_rouge_options_new", _P)
_rouge_options_free = _declare("lede_rouge_options_free", None, _P)
_rouge_options_parse = _declare("lede_rouge_options_parse", ctypes.c_int, _P, ctypes.c_int,
                                ctypes.POINTER(ctypes.c_char_p), ctypes.POINTER(ctypes.c_int),
                                ctypes.POINTER(_P))
_rouge_new = _declare("lede_rouge_new", ctypes.c_int, _P, ctypes.POINTER(_P),
                      ctypes.POINTER(_P))
_rouge_free = _declare("lede_rouge_free", None, _P)
_rouge_add = _declare("lede_rouge_add", ctypes.c_int, _P, ctypes.c_char_p, ctypes.c_char_p,
                      ctypes.POINTER(_RougeText), ctypes.POINTER(_RougeText), _SIZE,
                      ctypes.POINTER(_P))
_rouge_compute = _declare("lede_rouge_compute", ctypes.c_int, _P, ctypes.POINTER(_P))
_rouge_warning_count = _declare("lede_rouge_warning_count", _SIZE, _P)
_rouge_warning = _declare("lede_rouge_warning", ctypes.c_char_p, _P, _SIZE)
_rouge_metric_count = _declare("lede_rouge_metric_count", _SIZE, _P)
_rouge_metric_name = _declare("lede_rouge_metric_name", ctypes.c_char_p, _P, _SIZE)
_rouge_confidence_label = _declare("lede_rouge_confidence_label", ctypes.c_char_p, _P)
_rouge_doc_count = _declare("lede_rouge_doc_count", _SIZE, _P)
_rouge_doc_eval_id = _declare("lede_rouge_doc_eval_id", ctypes.c_char_p, _P, _SIZE)
_rouge_doc_peer_id = _declare("lede_rouge_doc_peer_id", ctypes.c_char_p, _P, _SIZE)
_rouge_doc_score = _declare("lede_rouge_doc_score", ctypes.c_int, _P, _SIZE, _SIZE,
                            ctypes.POINTER(_RougeScore))
_rouge_peer_count = _declare("lede_rouge_peer_count", _SIZE, _P)
_rouge_peer_id = _declare("lede_rouge_peer_id", ctypes.c_char_p, _P, _SIZE)
_rouge_overall_score = _declare("lede_rouge_overall_score", ctypes.c_int, _P, _SIZE, _SIZE,
                                ctypes.POINTER(_RougeOverall))


def version():
    """The version of the loaded liblede, e.g. "0.1.0"."""
    return _version_string().decode()


def languages():
    """The codes of the languages with a built-in model."""
    return [_language_code(i).decode() for i in range(_language_count())]


def _size(name, value):
    """`value` (None or an int) checked for a size_t parameter: ctypes
    would pass a negative or too large int wrapped round, without a word."""
    if value is None:
        return None
    value = operator.index(value)
    if not 0 <= value <= _SIZE_MAX:
        raise ValueError(f"invalid {name}: {value!r}")
    return value


_CONTINUATION = bytes(range(0x80, 0xC0))
_DECODE_WINDOW = 1024


def _invalid_runs(data):
    """The (start, end) of each maximal invalid subsequence of `data`: what
    data.decode("utf-8", "replace") reads as one U+FFFD (a truncated
    sequence is one; lede reads each of its bytes as one)."""
    view = memoryview(data)
    pos = 0
    while pos < len(data):
        # A window at a time: the decoder allocates for all it is given,
        # which for the rest of the data would make each run cost O(n).
        window = view[pos:pos + _DECODE_WINDOW]
        try:
            pos += codecs.utf_8_decode(window, "strict", pos + len(window) == len(data))[1]
        except UnicodeDecodeError as exc:
            yield pos + exc.start, pos + exc.end
            pos += exc.end


def _is_utf8(data):
    """Whether `data` (bytes from the caller) is valid UTF-8 throughout:
    one strict decode in C, neither a copy nor a scan window by window."""
    try:
        codecs.utf_8_decode(data, "strict", True)
    except UnicodeDecodeError:
        return False
    return True


def _char_offsets(data, byte_offsets, valid=False):
    """Maps byte offsets of `data` to indices into data.decode("utf-8",
    "replace"), in one pass: an offset counts the characters that start
    before it. Each invalid run is marked as one character (a lead byte,
    then continuation bytes), so that valid and invalid data count alike.
    `valid`: the caller knows `data` is UTF-8 (a str's encoding, a
    Document's text), which is then not decoded again to check it."""
    marked = data
    if not valid and not _is_utf8(data):
        marked = bytearray(data)
        for start, end in _invalid_runs(data):
            marked[start:end] = b"?" + b"\x80" * (end - start - 1)
    result = {}
    chars = 0
    pos = 0
    for off in sorted(set(byte_offsets)):
        chars += len(marked[pos:off].translate(None, _CONTINUATION))
        pos = off
        result[off] = chars
    return result


def _raise(status, err, data):
    try:
        if not err:
            raise Error(status, _strerror(status).decode())
        message = _error_message(err).decode("utf-8", "replace")
        if _error_has_position(err):
            byte = _error_offset(err)
            raise Error(status, message, _error_line(err), _error_column(err),
                        _char_offsets(data, [byte])[byte], byte)
        raise Error(status, message)
    finally:
        _error_free(err)


def _options(language, sentences, ratio, words, chars, replace_invalid, damping, redundancy,
             background_idf):
    values = [("language", language.encode() if language else None),
              ("input_flags", _INPUT_REPLACE_INVALID if replace_invalid else 0),
              ("damping", damping), ("redundancy", redundancy),
              ("background_idf", background_idf),
              ("sentences", _size("sentences", sentences)), ("ratio", ratio),
              ("words", _size("words", words)), ("chars", _size("chars", chars))]
    opts = _options_new()
    if not opts:
        raise MemoryError("lede_options_new")
    return _apply(_setters, opts, values, _options_free)


def _apply(setters, opts, values, free):
    """Sets on `opts` each of `values` that is not None; frees `opts` when
    one fails (ValueError when lede refuses it, ctypes.ArgumentError for
    a wrong type)."""
    try:
        for name, value in values:
            if value is not None and setters[name](opts, value) != 0:
                raise ValueError(f"invalid {name}: {value!r}")
    except BaseException:
        free(opts)
        raise
    return opts


def _as_bytes(text, what="text"):
    if isinstance(text, str):
        return text.encode("utf-8")
    if isinstance(text, (bytes, bytearray)):
        return bytes(text)
    raise TypeError(f"{what} must be str or bytes")


def _run_bytes(fn, data, all_units, source_line, kw, valid=False):
    """Runs lede_summarize or lede_split on `data`; `source_line` (None for
    plain text) maps a byte offset to its line in the page; `valid` as for
    _char_offsets."""
    opts = _options(**kw)
    summary = _P()
    err = _P()
    try:
        status = fn(data, len(data), opts, ctypes.byref(summary), ctypes.byref(err))
        if status != 0:
            _raise(status, err, data)
        return _sentences(summary, data, all_units, source_line, valid)
    finally:
        _summary_free(summary)
        _options_free(opts)


def _run_text(fn, text, all_units, kw):
    """_run_bytes on plain text, str or bytes: a str's encoding is UTF-8,
    the caller's bytes are checked."""
    return _run_bytes(fn, _as_bytes(text), all_units, None, kw, isinstance(text, str))


def _sentences(summary, data, all_units, source_line, valid):
    n = _summary_total(summary) if all_units else _summary_count(summary)
    get = _summary_unit if all_units else _summary_sentence
    raw = [get(summary, i).contents for i in range(n)]
    chars = _char_offsets(data, [s.start for s in raw] + [s.end for s in raw], valid)
    return [Sentence(text=ctypes.string_at(s.text, s.text_len).decode("utf-8"),
                     start=chars[s.start], end=chars[s.end],
                     byte_start=s.start, byte_end=s.end, index=s.index,
                     paragraph=s.paragraph, score=s.score, rank=s.rank,
                     kind=_KINDS.get(s.kind, "sentence"), picked=bool(s.picked),
                     source_line=source_line(s.start) if source_line else None)
            for s in raw]


def _settings(sentences, ratio, words, chars, **knobs):
    """The keyword arguments of _options, with at most one length budget."""
    budgets = [b for b in (sentences, ratio, words, chars) if b is not None]
    if len(budgets) > 1:
        raise ValueError("give at most one of sentences, ratio, words, chars")
    return dict(sentences=sentences, ratio=ratio, words=words, chars=chars, **knobs)


def summarize(text, sentences=None, ratio=None, words=None, chars=None, language="en",
              replace_invalid=False, damping=None, redundancy=None, background_idf=None):
    """The most central sentences of `text` (str or UTF-8 bytes), in
    document order. At most one of sentences/ratio/words/chars sets the
    length (default: 5 sentences, fewer for short texts). Raises Error."""
    kw = _settings(sentences, ratio, words, chars, language=language,
                   replace_invalid=replace_invalid, damping=damping, redundancy=redundancy,
                   background_idf=background_idf)
    return _run_text(_summarize, text, False, kw)


def split(text, language="en", replace_invalid=False):
    """Every unit of `text` (sentences, headings, short lines) in document
    order, unranked. Raises Error."""
    kw = _settings(None, None, None, None, language=language, replace_invalid=replace_invalid,
                   damping=None, redundancy=None, background_idf=None)
    return _run_text(_split, text, True, kw)


# ====== Web pages and XML ======

class Paragraph:
    """One paragraph of a Document: its text, span in Document.text (code
    points; byte_start/byte_end in its UTF-8 encoding), kind ("text",
    "heading", "list_item", "quote", "pre", "table_cell") and the 1-based
    line of the page where it starts (0 when unknown)."""

    __slots__ = ("text", "start", "end", "byte_start", "byte_end", "kind", "source_line")

    def __init__(self, **fields):
        for name in self.__slots__:
            setattr(self, name, fields[name])

    def __repr__(self):
        return (f"Paragraph(kind={self.kind!r}, start={self.start}, end={self.end}, "
                f"source_line={self.source_line}, text={self.text!r})")


class Document:
    """An article read from a web page or an XML document (extract_html,
    extract_xml): `text` (paragraphs separated by a blank line), `title`,
    `author`, `date`, `language`, `encoding` (None when the page gives
    none), `paragraphs`. summarize() and split() read `text`; their
    sentences' offsets index it and carry the page line they come from.

    Holds the library's document until close() (or garbage collection);
    usable as a context manager. Immutable: may be read from several
    threads."""

    def __init__(self, handle):
        # Registered first: the handle is freed even if reading it fails.
        self._finalizer = weakref.finalize(self, _document_free, handle)
        self._handle = handle
        length = _SIZE()
        pointer = _document_text(handle, ctypes.byref(length))
        self._data = ctypes.string_at(pointer, length.value)
        self.text = self._data.decode("utf-8")
        for name, getter in _document_meta.items():
            value = getter(handle)
            setattr(self, name, value.decode("utf-8", "replace") if value is not None else None)
        raw = [_document_paragraph(handle, i).contents
               for i in range(_document_paragraph_count(handle))]
        chars = _char_offsets(self._data, [p.start for p in raw] + [p.end for p in raw],
                              valid=True)
        self.paragraphs = [
            Paragraph(text=self._data[p.start:p.end].decode("utf-8"), start=chars[p.start],
                      end=chars[p.end], byte_start=p.start, byte_end=p.end,
                      kind=_PARAGRAPH_KINDS.get(p.kind, "text"), source_line=p.source_line)
            for p in raw]

    def close(self):
        """Frees the library's document; summarize, split and source_line
        fail afterwards. Calling it twice is harmless."""
        self._finalizer()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _line_at_byte(self, offset):
        if not self._finalizer.alive:
            raise ValueError("the document is closed")
        return _document_source_line(self._handle, offset)

    def source_line(self, offset):
        """The 1-based page line of the paragraph holding `offset` (an index
        into text); for an offset between paragraphs, the next one's line;
        0 past the text or when unknown."""
        if offset < 0:
            raise ValueError("offset must be >= 0")
        # Any offset past the text is the end of the bytes: a byte offset
        # counted on past them could wrap round size_t.
        return self._line_at_byte(len(self.text[:offset].encode("utf-8")))

    def _run(self, fn, all_units, language, kw):
        """Runs fn in `language`, else in the page's language when lede
        knows it (the page's language unknown to lede: none, with a
        warning), else English."""
        self._line_at_byte(0)  # fails when closed
        if language:
            return _run_bytes(fn, self._data, all_units, self._line_at_byte,
                              dict(kw, language=language), valid=True)
        code = (self.language or "en").replace("_", "-").split("-")[0].lower()
        if not (code.isascii() and code.isalpha()):
            code = "und"
        try:
            return _run_bytes(fn, self._data, all_units, self._line_at_byte,
                              dict(kw, language=code), valid=True)
        except Error as exc:
            if exc.code != _ERR_UNKNOWN_LANGUAGE or code in ("en", "und"):
                raise
        warnings.warn(f"the page is in {self.language!r}, which lede has no model for; "
                      "reading it without one (language= chooses)", stacklevel=3)
        return _run_bytes(fn, self._data, all_units, self._line_at_byte,
                          dict(kw, language="und"), valid=True)

    def summarize(self, sentences=None, ratio=None, words=None, chars=None, language=None,
                  damping=None, redundancy=None, background_idf=None):
        """The most central sentences of the text, as lede.summarize gives
        them, each with `source_line`. `language` defaults to the page's."""
        kw = _settings(sentences, ratio, words, chars, replace_invalid=False, damping=damping,
                       redundancy=redundancy, background_idf=background_idf)
        return self._run(_summarize, False, language, kw)

    def split(self, language=None):
        """Every unit of the text, as lede.split gives them, each with
        `source_line`."""
        kw = _settings(None, None, None, None, replace_invalid=False, damping=None,
                       redundancy=None, background_idf=None)
        return self._run(_split, True, language, kw)

    def __repr__(self):
        return (f"Document(title={self.title!r}, paragraphs={len(self.paragraphs)}, "
                f"chars={len(self.text)})")


def _extract_options(encoding, whole_page, max_bytes, max_nodes, max_depth):
    values = [("encoding", encoding.encode() if encoding else None),
              ("flags", _EXTRACT_WHOLE_PAGE if whole_page else None),
              ("max_bytes", _size("max_bytes", max_bytes)),
              ("max_nodes", _size("max_nodes", max_nodes)),
              ("max_depth", _size("max_depth", max_depth))]
    opts = _extract_options_new()
    if not opts:
        raise MemoryError("lede_extract_options_new")
    return _apply(_extract_setters, opts, values, _extract_options_free)


def _extract(call, page, encoding, whole_page, max_bytes, max_nodes, max_depth):
    data = _as_bytes(page, "page")
    if isinstance(page, str) and not encoding:
        # A str is already decoded: a <meta charset> inside must not re-decode it.
        encoding = "UTF-8"
    opts = _extract_options(encoding, whole_page, max_bytes, max_nodes, max_depth)
    handle = _P()
    err = _P()
    try:
        status = call(data, opts, ctypes.byref(handle), ctypes.byref(err))
        if status != 0:
            _raise(status, err, data)
    finally:
        _extract_options_free(opts)
    return Document(handle)


def extract_html(html, encoding=None, whole_page=False, max_bytes=None, max_nodes=None,
                 max_depth=None):
    """The article of a saved web page (str, or bytes in any encoding: a
    BOM, then <meta charset>, then UTF-8 with bad bytes read as
    Windows-1252, unless `encoding` names one) as a Document. whole_page
    keeps all the body's text instead of looking for the article; max_*
    are the limits against hostile pages (see lede.h). Raises Error
    (e.g. code 12 when the page has no article)."""
    return _extract(lambda data, opts, out, err: _extract_html(data, len(data), opts, out, err),
                    html, encoding, whole_page, max_bytes, max_nodes, max_depth)


def extract_xml(xml, xpath=None, encoding=None, max_bytes=None, max_nodes=None,
                max_depth=None):
    """The text of an XML document as a Document: the nodes `xpath` selects,
    or, without one, the article of a recognised format (DUC/TAC, TREC,
    NITF, JATS, TEI, XHTML). Raises Error (code 13 with the position for
    XML that is not well-formed or a bad XPath)."""
    path = xpath.encode() if xpath is not None else None
    return _extract(
        lambda data, opts, out, err: _extract_xml(data, len(data), path, opts, out, err),
        xml, encoding, False, max_bytes, max_nodes, max_depth)


# ====== ROUGE ======

ROUGE_FLAGS = "-c 95 -2 4 -U -r 1000 -n 4 -w 1.2 -a -m"

RougeScore = collections.namedtuple(
    "RougeScore", "recall precision f model_count peer_count hits")
RougeScore.__doc__ = """One document's score on one metric, as the script prints it
(R, P, F rounded to 5 decimals) and the counts behind it."""

RougeOverall = collections.namedtuple(
    "RougeOverall", "recall recall_low recall_high precision precision_low precision_high "
                    "f f_low f_high n_docs model_count peer_count hits")
RougeOverall.__doc__ = """The average over the documents with its bootstrap confidence
interval (the script's Average_R/P/F and bounds) and the summed counts."""

RougeDocument = collections.namedtuple("RougeDocument", "eval_id peer_id scores")
RougeDocument.__doc__ = """A scored candidate: its IDs and {metric name: RougeScore}."""

RougeResult = collections.namedtuple("RougeResult",
                                     "metrics confidence documents overall warnings")
RougeResult.__doc__ = """What rouge() gives: the metric names in the script's order, the
confidence level as the script prints it ("95" of "95%-conf.int."), the
documents in input order, {metric name: RougeOverall}, and the script's
warnings."""


def _rouge_text(text, what):
    """A lede_rouge_text of one summary: a str or bytes (one sentence per
    line, as the script reads its files) or a list of sentences."""
    if isinstance(text, (str, bytes, bytearray)):
        lines = bytes(_as_bytes(text, what)).split(b"\n")
    else:
        lines = [_as_bytes(line, what) for line in text]
    array = (ctypes.c_char_p * len(lines))(*lines)
    lengths = (_SIZE * len(lines))(*[len(line) for line in lines])
    return _RougeText(ctypes.cast(array, ctypes.POINTER(ctypes.c_char_p)),
                      ctypes.cast(lengths, ctypes.POINTER(_SIZE)), len(lines)), (array, lengths)


def _rouge_call(status, err):
    if status != 0:
        _raise(status, err, b"")


def _rouge_add_all(scorer, candidates, references, ids):
    err = _P()
    for i, (candidate, refs) in enumerate(zip(candidates, references)):
        if isinstance(refs, (str, bytes, bytearray)):
            refs = [refs]
        cand, cand_buffers = _rouge_text(candidate, "a candidate")
        texts = [_rouge_text(ref, "a reference") for ref in refs]
        array = (_RougeText * len(texts))(*[t for t, _ in texts])
        eval_id = str(ids[i]).encode() if ids is not None else None
        # cand_buffers and texts keep the sentences' memory alive through the call.
        _rouge_call(_rouge_add(scorer, eval_id, None, ctypes.byref(cand), array, len(texts),
                               ctypes.byref(err)), err)
        del cand_buffers


def _rouge_result(scorer):
    metrics = [_rouge_metric_name(scorer, m).decode() for m in range(_rouge_metric_count(scorer))]
    documents = []
    for d in range(_rouge_doc_count(scorer)):
        scores = {}
        for m, name in enumerate(metrics):
            out = _RougeScore()
            _rouge_call(_rouge_doc_score(scorer, d, m, ctypes.byref(out)), None)
            scores[name] = RougeScore(*(getattr(out, f) for f in RougeScore._fields))
        documents.append(RougeDocument(_rouge_doc_eval_id(scorer, d).decode(),
                                       _rouge_doc_peer_id(scorer, d).decode(), scores))
    overall = {}
    if _rouge_peer_count(scorer) > 0:
        for m, name in enumerate(metrics):
            out = _RougeOverall()
            _rouge_call(_rouge_overall_score(scorer, 0, m, ctypes.byref(out)), None)
            overall[name] = RougeOverall(*(getattr(out, f) for f in RougeOverall._fields))
    warnings_ = [_rouge_warning(scorer, i).decode("utf-8", "replace")
                 for i in range(_rouge_warning_count(scorer))]
    return RougeResult(metrics, _rouge_confidence_label(scorer).decode(), documents, overall,
                       warnings_)


def rouge(candidates, references, flags=ROUGE_FLAGS, ids=None):
    """Scores candidate summaries against references exactly as the
    ROUGE-1.5.5 script does with `flags` (its command-line options, as a
    string or a list; default ROUGE_FLAGS). candidates[i] is a summary (a
    str with one sentence per line, or a list of sentences); references[i]
    is one reference or a list of them. ids[i] names document i (default
    "000001", ...). Returns a RougeResult. Raises Error for a flag lede does
    not know, a document without reference, and the script's other
    failures; ValueError when the lists differ in length."""
    candidates, references = list(candidates), list(references)
    if len(candidates) != len(references):
        raise ValueError(f"{len(candidates)} candidates but {len(references)} reference sets")
    if ids is not None and len(ids) != len(candidates):
        raise ValueError(f"{len(ids)} ids for {len(candidates)} candidates")
    argv = shlex.split(flags) if isinstance(flags, str) else [str(f) for f in flags]
    opts = _rouge_options_new()
    if not opts:
        raise MemoryError("lede_rouge_options_new")
    scorer = _P()
    err = _P()
    try:
        args = (ctypes.c_char_p * max(1, len(argv)))(*[a.encode() for a in argv])
        _rouge_call(_rouge_options_parse(opts, len(argv), args, None, ctypes.byref(err)), err)
        _rouge_call(_rouge_new(opts, ctypes.byref(scorer), ctypes.byref(err)), err)
        _rouge_add_all(scorer, candidates, references, ids)
        _rouge_call(_rouge_compute(scorer, ctypes.byref(err)), err)
        return _rouge_result(scorer)
    finally:
        _rouge_free(scorer)
        _rouge_options_free(opts)
