"""What the table generators (gen_models.py, gen_rouge_data.py) share."""
import sys


def fail(path, lineno, msg):
    """Stops the generator with PATH:LINE: MSG."""
    sys.exit(f"{path}:{lineno}: {msg}")


def c_escape(s):
    """The UTF-8 bytes of `s` as the inside of a C string literal; bytes
    outside printable ASCII as octal escapes, so the output is plain ASCII."""
    out = []
    for b in s.encode("utf-8"):
        ch = chr(b)
        if ch in '"\\':
            out.append("\\" + ch)
        elif 0x20 <= b < 0x7F:
            out.append(ch)
        else:
            out.append(f"\\{b:03o}")
    return "".join(out)


def c_string(s):
    """A C string literal holding the UTF-8 bytes of `s`."""
    return '"' + c_escape(s) + '"'


class StringPool:
    """NUL-terminated strings in one C char array. Tables hold offsets into
    it rather than pointers: in a shared library every pointer costs a
    relocation at load time and a copy-on-write page."""

    def __init__(self):
        self.lines = []
        self.size = 0

    def add(self, *strings):
        """Appends `strings` as one line of the pool; returns their offsets."""
        offsets, literals = [], []
        for s in strings:
            offsets.append(self.size)
            self.size += len(s.encode("utf-8")) + 1
            # The \0 ends its own literal, so a digit after it cannot join it.
            literals.append('"' + c_escape(s) + '\\0"')
        if self.size > 0xFFFFFFFF:
            sys.exit("string pool over 4 GiB: offsets are uint32_t")
        self.lines.append("    " + " ".join(literals))
        return offsets

    def definition(self, declarator):
        """The C definition `declarator = "...\\0" ...;`, one line per add()."""
        body = self.lines or ['    ""']
        return [f"{declarator} ="] + body[:-1] + [body[-1] + ";"]
