"""Python binding for liblede, the offline extractive summarizer.

Uses ctypes from the standard library: nothing to compile. The shared
library is found through the LEDE_LIBRARY environment variable (a path to
liblede.so.1), then beside this package, then by ctypes.util.find_library.

    >>> import lede
    >>> for s in lede.summarize(text, sentences=3):
    ...     print(s.start, s.end, s.score, s.text)

Offsets are given twice: `start`/`end` index the Python string (code
points), `byte_start`/`byte_end` index its UTF-8 encoding, as the C library
reports them.
"""

import ctypes
import ctypes.util
import os

__all__ = ["Error", "Sentence", "summarize", "split", "version", "languages"]

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
    """One sentence of the input: text, spans, paragraph, score and rank."""

    __slots__ = ("text", "start", "end", "byte_start", "byte_end", "index", "paragraph",
                 "score", "rank", "kind", "picked")

    def __init__(self, **fields):
        for name in self.__slots__:
            setattr(self, name, fields[name])

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


_KINDS = {0: "sentence", 1: "heading", 2: "line"}
_INPUT_REPLACE_INVALID = 1


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


def version():
    """The version of the loaded liblede, e.g. "0.1.0"."""
    return _version_string().decode()


def languages():
    """The codes of the languages with a built-in model."""
    return [_language_code(i).decode() for i in range(_language_count())]


def _char_offsets(data, byte_offsets):
    """Maps UTF-8 byte offsets of `data` to code point offsets, in one pass."""
    result = {}
    chars = 0
    pos = 0
    for off in sorted(set(byte_offsets)):
        chars += sum(1 for b in data[pos:off] if (b & 0xC0) != 0x80)
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
    opts = _options_new()
    if not opts:
        raise MemoryError("lede_options_new")
    values = [("language", language.encode() if language else None),
              ("input_flags", _INPUT_REPLACE_INVALID if replace_invalid else 0),
              ("damping", damping), ("redundancy", redundancy),
              ("background_idf", background_idf),
              ("sentences", sentences), ("ratio", ratio), ("words", words), ("chars", chars)]
    for name, value in values:
        if value is None:
            continue
        if _setters[name](opts, value) != 0:
            _options_free(opts)
            raise ValueError(f"invalid {name}: {value!r}")
    return opts


def _run(fn, text, all_units, **kw):
    if isinstance(text, str):
        data = text.encode("utf-8")
    elif isinstance(text, (bytes, bytearray)):
        data = bytes(text)
    else:
        raise TypeError("text must be str or bytes")
    opts = _options(**kw)
    summary = _P()
    err = _P()
    try:
        status = fn(data, len(data), opts, ctypes.byref(summary), ctypes.byref(err))
        if status != 0:
            _raise(status, err, data)
        return _sentences(summary, data, all_units)
    finally:
        _summary_free(summary)
        _options_free(opts)


def _sentences(summary, data, all_units):
    n = _summary_total(summary) if all_units else _summary_count(summary)
    get = _summary_unit if all_units else _summary_sentence
    raw = [get(summary, i).contents for i in range(n)]
    chars = _char_offsets(data, [s.start for s in raw] + [s.end for s in raw])
    return [Sentence(text=ctypes.string_at(s.text, s.text_len).decode("utf-8"),
                     start=chars[s.start], end=chars[s.end],
                     byte_start=s.start, byte_end=s.end, index=s.index,
                     paragraph=s.paragraph, score=s.score, rank=s.rank,
                     kind=_KINDS.get(s.kind, "sentence"), picked=bool(s.picked))
            for s in raw]


def summarize(text, sentences=None, ratio=None, words=None, chars=None, language="en",
              replace_invalid=False, damping=None, redundancy=None, background_idf=None):
    """The most central sentences of `text` (str or UTF-8 bytes), in
    document order. At most one of sentences/ratio/words/chars sets the
    length (default: 5 sentences, fewer for short texts). Raises Error."""
    budgets = [b for b in (sentences, ratio, words, chars) if b is not None]
    if len(budgets) > 1:
        raise ValueError("give at most one of sentences, ratio, words, chars")
    return _run(_summarize, text, False, language=language, sentences=sentences, ratio=ratio,
                words=words, chars=chars, replace_invalid=replace_invalid, damping=damping,
                redundancy=redundancy, background_idf=background_idf)


def split(text, language="en", replace_invalid=False):
    """Every unit of `text` (sentences, headings, short lines) in document
    order, unranked. Raises Error."""
    return _run(_split, text, True, language=language, sentences=None, ratio=None, words=None,
                chars=None, replace_invalid=replace_invalid, damping=None, redundancy=None,
                background_idf=None)
