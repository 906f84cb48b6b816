"""A CSV file's text: its encoding, its separator and its records, each with the line it starts on.

Refusals name the line: a NUL byte anywhere, a stray byte in a UTF-8 file (read as Windows-1258 it would turn every
Vietnamese letter into two wrong ones), a quote left open, too many columns. A quoted line break inside a cell does
not shift the line numbers of later records.
"""

from __future__ import annotations

import csv
import io
import unicodedata

from monitor.core.errors import Problem, ValidationError

_XLSX_MAGIC = b"PK\x03\x04"
SCAN_LINES = 30  # lines looked at for the separator


def _fail(line: int | None, value: str | None, code: str, **params) -> ValidationError:
    return ValidationError([Problem(line, None, value, code, tuple(params.items()))])


def _line_of(raw: bytes, pos: int) -> tuple[int, str]:
    """The line number of a byte offset and that line's text (bad bytes shown as �)."""
    before = raw[:pos].replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    start = before.rfind(b"\n") + 1
    end = min((i for i in (raw.find(b"\n", pos), raw.find(b"\r", pos)) if i >= 0), default=len(raw))
    line = (before[start:] + raw[pos:end]).decode("utf-8", errors="replace").replace("\x00", "\\0")
    return before.count(b"\n") + 1, line[:80]


def decode(raw: bytes) -> tuple[str, str]:
    """Text and encoding name; Windows-1258 text is normalised to NFC."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _fail(None, None, "upload.err.utf16")
    if raw.startswith(_XLSX_MAGIC) or raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise _fail(None, None, "upload.err.excel_named_csv")
    nul = raw.find(b"\x00")
    if nul >= 0:
        head = raw[:4096]
        if head.count(b"\x00") * 100 > len(head):  # many NULs up front: an image, a database, not text
            raise _fail(None, None, "upload.err.binary")
        line, text = _line_of(raw, nul)
        raise _fail(line, text, "upload.err.nul_byte", row=line)
    try:
        text = raw.decode("utf-8-sig")
        encoding = "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8"
        return unicodedata.normalize("NFC", text), encoding
    except UnicodeDecodeError as exc:
        if _mostly_utf8(raw, exc.start):
            line, text = _line_of(raw, exc.start)
            raise _fail(line, text, "upload.err.stray_byte", row=line, byte=f"0x{raw[exc.start]:02X}") from exc
    try:
        text = raw.decode("cp1258")
    except UnicodeDecodeError as exc:
        raise _fail(None, None, "upload.err.binary") from exc
    if any(ord(c) < 32 and c not in "\r\n\t" for c in text):
        raise _fail(None, None, "upload.err.binary")  # control characters: not text at all
    return unicodedata.normalize("NFC", text), "cp1258"


def _mostly_utf8(raw: bytes, first_bad: int) -> bool:
    """A UTF-8 file with a stray byte, not a Windows-1258 file: a BOM, or more valid UTF-8 letters than bad bytes."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return True
    text = raw.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    valid = len(text) - len(text.encode("ascii", errors="ignore")) - bad  # letters that decoded as UTF-8
    return valid > 0 and valid >= bad


def separator(lines: list[str]) -> str:
    """';' or ',': the header's, or the first lines' when the header holds neither (a title row)."""
    for sample in (lines[:1], lines[:SCAN_LINES]):
        semi, comma = sum(s.count(";") for s in sample), sum(s.count(",") for s in sample)
        if semi or comma:
            return ";" if semi > comma else ","
    return ","


def text_of(raw: bytes, max_columns: int) -> tuple[str, str, str]:
    """The file's text with every line ending a newline, its encoding and its separator; refused when empty, split
    by another separator, or wider than max_columns in its first lines."""
    text, encoding = decode(raw)
    # mixed \r\n and \n endings read the same; a lone \r is a line end too
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n", SCAN_LINES)[:SCAN_LINES]
    if not any(s.strip() for s in lines):
        raise _fail(None, None, "err.empty_file")
    sep = separator(lines)
    if not any(sep in s for s in lines):
        other = next((name for ch, name in (("\t", "tab"), ("|", "|")) if ch in lines[0]), None)
        if other:
            raise _fail(1, lines[0][:80], "upload.err.separator", found=other)
    for n, s in enumerate(lines, start=1):
        if s.count(sep) >= max_columns:  # before csv builds a million cells
            raise _fail(n, None, "upload.err.csv_columns", row=n, cells=s.count(sep) + 1, limit=max_columns)
    return text, encoding, sep


def rows(raw: bytes, max_columns: int) -> tuple[list[list[str]], list[int], str, str]:
    """Non-empty records, the file line each starts on, the encoding and the separator."""
    text, encoding, sep = text_of(raw, max_columns)
    found, starts = [], []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
    start = 1
    try:
        for record in reader:
            if len(record) > max_columns:
                raise _fail(start, None, "upload.err.csv_columns", row=start, cells=len(record), limit=max_columns)
            if any(c.strip() for c in record):
                found.append(record)
                starts.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):  # an open quote at the end: a truncated file
            raise _fail(start, None, "upload.err.truncated", row=start) from exc
        raise _fail(start, None, "upload.err.bad_quote", row=start) from exc
    return found, starts, encoding, sep


csv.field_size_limit(max(csv.field_size_limit(), 64 * 1024 * 1024))  # a long cell is judged by the reader
