"""Text a library can store: checked once, where records are written.

A Python string can hold a lone surrogate (``"\\ud800"``, from a JSON escape or undecodable
bytes) that no UTF-8 file can; SQLite would refuse it with a raw ``UnicodeEncodeError``.

::

    check_text("Blinken", "name")          # returns it unchanged
    check_text("\\ud800", "title")          # raises InvalidInput naming the title
    check_strings({"title": "\\ud800"})     # the same for every text value of a row
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .errors import InvalidInput

# The quotation marks of the languages Verbatim reads, double and then single (the straight
# apostrophe is a mark too): what the extractor pairs, and what is stripped from a quote's or a
# name's edges.
DOUBLE_QUOTE_MARKS = "\"“”„‟«»"
SINGLE_QUOTE_MARKS = "‘’‹›'"
QUOTE_MARKS = DOUBLE_QUOTE_MARKS + SINGLE_QUOTE_MARKS

_SURROGATE = re.compile("[\ud800-\udfff]")
# Column names that do not read well in a sentence.
_LABELS = {"words": "quote", "literal": "name", "family": "family name", "given": "given name",
           "url": "web address", "rule_description": "agreed description"}


def check_text(value: str, what: str) -> str:
    """``value`` unchanged if it is storable text. :raises InvalidInput: it holds a lone surrogate."""
    if not value.isascii():
        found = _SURROGATE.search(value)
        if found:
            raise InvalidInput(f"The {what} holds a broken character (U+{ord(found.group()):04X}, half of a pair) "
                               "that is not text. Remove it, or copy the text again from where it came from.")
    return value


def check_strings(row: Mapping[str, object]) -> None:
    """Check every text value of ``row`` with :func:`check_text`, naming its field."""
    for key, value in row.items():
        if isinstance(value, str):
            check_text(value, _LABELS.get(key, key.replace("_", " ")))


def one_line(text: object, limit: int | None = None, *, at_word: bool = False) -> str:
    """``text`` on one line (each run of whitespace one space), cut to at most ``limit``
    characters with "…" if a limit is given: for a quote or a value inside a message or a list.

    :param at_word: cut at the last whole word that fits ("We will not…", not "We will no…"),
        for titles and a quote's first words; a first word longer than the room is still cut.
    """
    flat = " ".join(str(text or "").split())
    if limit is None or len(flat) <= limit:
        return flat
    cut = flat[:limit - 1]
    if not at_word:
        return cut.rstrip() + "…"
    if " " in cut and not flat[limit - 1].isspace():
        cut = cut[:cut.rfind(" ")]
    return cut.rstrip(" ,;:.") + "…"


def readable(text: str) -> str:
    """``text`` with any lone surrogate shown as ``\\udXXX``, safe to print or put in a message."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")
