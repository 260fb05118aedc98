"""Decode scraped text files whatever their encoding and line endings."""

from __future__ import annotations

import codecs
from pathlib import Path

from .errors import UnreadableFileError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# C0 controls that never occur in text (tab, LF, VT, FF, CR, ESC are allowed).
_BINARY_BYTES = frozenset(range(0x00, 0x09)) | frozenset(range(0x0E, 0x1B)) | {0x1C, 0x1D, 0x1F}


def decode_bytes(data: bytes, name: str = "<bytes>") -> str:
    """Decode ``data`` as UTF-8/16/32 (by BOM), UTF-8, or cp1252, in that order.

    Raises :class:`UnreadableFileError` naming ``name`` for binary or undecodable data.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise UnreadableFileError(
                    name,
                    f"starts with a {encoding} byte-order mark but does not decode: {exc.reason}",
                ) from None
    sample = data[:65536]
    if sample and sum(b in _BINARY_BYTES for b in sample) > max(1, len(sample) // 1000):
        raise UnreadableFileError(name, "looks binary (control bytes), not a text page")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UnreadableFileError(
            name, f"line {line}: byte 0x{data[exc.start]:02x} is neither UTF-8 nor cp1252 text"
        ) from None


def split_lines(text: str) -> list[str]:
    """Split on LF, CRLF or CR (only those), so line numbers match what editors show."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    return text.split("\n") if text else []


def read_text(path: str | Path) -> str:
    """Read a text file, decoding it as :func:`decode_bytes` does."""
    p = Path(path)
    if not p.exists():
        raise FileNotFoundError(f"{p}: no such file or folder")
    if p.is_dir():
        raise IsADirectoryError(f"{p}: is a folder, not a page")
    return decode_bytes(p.read_bytes(), str(p))
