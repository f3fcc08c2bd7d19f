"""What the table generators (gen_models.py, gen_rouge_data.py) share."""
import sys


def fail(path, lineno, msg):
    """Stops the generator with PATH:LINE: MSG."""
    sys.exit(f"{path}:{lineno}: {msg}")


def c_string(s):
    """A C string literal holding the UTF-8 bytes of `s`; bytes outside
    printable ASCII as octal escapes, so the output is plain ASCII."""
    out = []
    for b in s.encode("utf-8"):
        ch = chr(b)
        if ch in '"\\':
            out.append("\\" + ch)
        elif 0x20 <= b < 0x7F:
            out.append(ch)
        else:
            out.append(f"\\{b:03o}")
    return '"' + "".join(out) + '"'
