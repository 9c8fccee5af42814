"""Quotes named by their words, never by their ids, and linked so a click selects them.

::

    first_words("We will publish the report in full this week.", 24)   # '“We will publish the…”'
    linked(lib, "Also logged as quote 13.")    # 'Also logged as <a href="quote:13">“The deficit will…”</a>.'
    quote_link_id("quote:13")                  # 13

A reporter knows a quote by what was said; the numbers the library keeps are for scripts.
"""

from __future__ import annotations

import html
import re

from ..core.errors import VerbatimError
from ..core.library import Library
from ..core.text import one_line

QUOTE_ID = re.compile(r"\b[Qq]uote (\d+)\b")
LINK_PREFIX = "quote:"


def first_words(words: str, limit: int = 40) -> str:
    """The start of a quote's words, in quotation marks: '“We will publish the…”'."""
    return f"“{one_line(words, limit, at_word=True)}”"


def quote_words(lib: Library, quote_id: int, limit: int = 40) -> str:
    """How a message names a quote: its first words ('a quote no longer there' if it is gone)."""
    try:
        return first_words(lib.quotes.get(quote_id, include_trash=True).words, limit)
    except VerbatimError:
        return "a quote no longer in the library"


def plain(lib: Library, message: str) -> str:
    """``message`` with every 'quote 13' replaced by that quote's first words."""
    return QUOTE_ID.sub(lambda m: quote_words(lib, int(m.group(1))), message)


def linked(lib: Library, message: str) -> str:
    """``message`` as rich text, every 'quote 13' a link (to ``quote:13``) showing its first words."""
    parts, last = [], 0
    for m in QUOTE_ID.finditer(message):
        parts.append(html.escape(message[last:m.start()]))
        parts.append(f'<a href="{LINK_PREFIX}{m.group(1)}">{html.escape(quote_words(lib, int(m.group(1))))}</a>')
        last = m.end()
    parts.append(html.escape(message[last:]))
    return "".join(parts)


def link_to(lib: Library, quote_id: int, before: str = "", after: str = "") -> str:
    """Rich text naming one quote by its words, as a link: 'Logged <a …>“We will…”</a>.'."""
    return linked(lib, f"{before}quote {quote_id}{after}")


def quote_link_id(href: str) -> int | None:
    """The quote a link made here points to, or None for any other link."""
    return int(href[len(LINK_PREFIX):]) if href.startswith(LINK_PREFIX) and href[len(LINK_PREFIX):].isdigit() else None
