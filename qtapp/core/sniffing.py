"""What bytes really are, judged by their content rather than a file's name.

::

    sniff(b"%PDF-1.7 ...")        # "pdf"
    sniff(b"plain words")         # None: plain text
    is_binary(head_of(path))      # True for an image, an archive's insides, a database

The one sniffer for every reader: documents (:mod:`qtapp.core.importers.reading`) and
reference files and library copies (:mod:`qtapp.core.formats.registry`).
"""

from __future__ import annotations

import codecs
import os

from .errors import ImportFailed

HEAD_BYTES = 64 * 1024
_TEXT_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)


def sniff(data: bytes) -> str | None:
    """What the bytes are by their content: pdf, zip, html, vtt, srt, binary, or None for plain text."""
    head = data[:2048]
    stripped = text_start(head).lower()
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if stripped.startswith((b"<!doctype html", b"<html")) or (stripped.startswith(b"<") and b"<html" in stripped):
        return "html"
    if stripped.startswith(b"webvtt"):
        return "vtt"
    if _looks_like_srt(stripped):
        return "srt"
    if is_binary(data):
        return "binary"
    return None


def text_start(data: bytes) -> bytes:
    """``data`` without a UTF-8 byte order mark and leading white space."""
    return data.lstrip(b"\xef\xbb\xbf \t\r\n")


def is_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KB, outside UTF-16/32 text."""
    sample = data[:8192]
    if sample.startswith(_TEXT_BOMS):
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return bool(sample) and controls / len(sample) > 0.05


def head_of(path: str | os.PathLike) -> bytes:
    """The first :data:`HEAD_BYTES` of the file, to judge it before reading it whole.

    :raises ImportFailed: it cannot be read.
    """
    try:
        with open(path, "rb") as f:
            return f.read(HEAD_BYTES)
    except OSError as e:
        raise ImportFailed(f"Cannot read {path}: {e.strerror}.") from None


def _looks_like_srt(head: bytes) -> bool:
    lines = head.splitlines()[:2]
    return len(lines) == 2 and lines[0].strip().isdigit() and b"-->" in lines[1]
