"""Getting bytes in safely: size limits and decoding text (what the bytes are: :mod:`qtapp.core.sniffing`).

A file larger than the import limit (``files.MAX_IMPORT_BYTES``) is refused from its size
alone, before a byte is read, so a 100 MB input costs nothing. Text of unknown encoding is detected with
``charset-normalizer`` and mojibake is repaired with ``ftfy``; bytes that are not text at
all are reported, never stored.
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import charset_normalizer
import ftfy
from ftfy.badness import is_bad

from ..errors import ImportFailed
from ..files import MAX_IMPORT_BYTES, check_size, too_large_message
from ..sniffing import is_binary
from .latin import LATIN_GUESSES, latin_reading

# ftfy repairs mojibake, but must not change the words: curly quotes, full-width letters
# and ligatures are left as they were written, so a quote checked later still matches.
_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, fix_character_width=False, fix_latin_ligatures=False,
                             unescape_html=False, explain=False)
_FTFY_EXPLAINED = _FTFY._replace(explain=True)
_WINDOW = 64 * 1024
_SAMPLES = 16


def read_file(path: Path) -> bytes:
    """The bytes of ``path``, refused before reading when it is larger than the import limit.

    :raises ImportFailed: missing, a folder, unreadable or too large.
    """
    check_size(path)
    try:
        with open(path, "rb") as f:
            # Read one byte past the limit: a file that grew since stat() is still refused.
            data = f.read(MAX_IMPORT_BYTES + 1)
    except PermissionError:
        raise ImportFailed(f"You do not have permission to read {path}.") from None
    except OSError as e:
        raise ImportFailed(f"{path} could not be read ({e.strerror or e}).") from None
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportFailed(too_large_message(path.name, len(data)))
    return data


def decode_text(data: bytes, name: str) -> str:
    """Bytes of a text file as a str: UTF-8 if it is, otherwise the detected encoding; mojibake repaired.

    :raises ImportFailed: the bytes are not text in any encoding.
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        if is_binary(data):
            raise ImportFailed(not_text_message(name)) from None
        text = _guessed(data)
        if text is None:
            raise ImportFailed(not_text_message(name)) from None
    else:
        if is_binary(data):
            raise ImportFailed(not_text_message(name))
    return tidy_text(text)


def _guessed(data: bytes) -> str | None:
    """Bytes that are not UTF-8 read in the encoding detected; between the Western and Central
    European code pages, which a short text leaves the detector unsure of, by their letters."""
    latin = latin_reading(data)
    if latin is not None and latin[1]:
        return latin[0]   # sure by its letters: the detector (seconds on a large file) is not asked
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        return None
    return latin[0] if latin is not None and best.encoding in LATIN_GUESSES else str(best)


def tidy_text(text: str) -> str:
    """Repair mojibake and unify line breaks, keeping the words and their marks as written."""
    if not text.isascii() and any(is_bad(window) for window in _windows(text)):
        text = _repaired(text)
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")


def _windows(text: str):
    """The whole of a short text; evenly spaced samples of a long one.

    ftfy's mojibake test costs about a second per 2 MB; a file decoded with the wrong
    encoding is wrong throughout, so samples find it without scanning every character.
    """
    if len(text) <= _SAMPLES * _WINDOW:
        yield text
        return
    step = len(text) // _SAMPLES
    for i in range(_SAMPLES):
        yield text[i * step:i * step + _WINDOW]


def _repaired(text: str) -> str:
    if len(text) <= _SAMPLES * _WINDOW:
        return ftfy.fix_text(text, _FTFY)
    # A long text: learn the repair (e.g. encode as Windows-1252, decode as UTF-8) on a bad
    # sample and apply it to the whole at codec speed; fixing line by line would take minutes.
    sample = next(w for w in _windows(text) if is_bad(w))
    plan = ftfy.fix_and_explain(sample, _FTFY_EXPLAINED).explanation
    # Only the re-encoding steps: ftfy's piecewise fixers cost seconds per megabyte.
    plan = [step for step in plan or () if step[0] in ("encode", "decode", "transcode")]
    try:
        return ftfy.apply_plan(text, plan) if plan else text
    except (UnicodeError, ValueError):
        return ftfy.fix_text(text, _FTFY)


def not_text_message(name: str) -> str:
    return (f"{name} does not contain text: it looks like binary data. If it is a document, "
            "open it in its program and save it as .txt, .docx or .pdf, then import that file.")


def suffix_of(name: str) -> str:
    return os.path.splitext(name)[1].lower().lstrip(".")
