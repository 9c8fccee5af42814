"""Folding text for comparison without moving a single character, so offsets stay true.

Copies of the same words differ in curly versus straight marks, kinds of dash, non-breaking
spaces, runs of whitespace and letter case. :func:`fold` unifies marks and dashes one
character for one character; :func:`phrase_pattern` then matches a quote across any
whitespace and (with ``re.IGNORECASE``) any case. A match in the folded text is therefore at
the same offsets in the original::

    folded = fold("“Not\u00a0now”—she said")      # '"Not\u00a0now"-she said' (same length)
    re.search(phrase_pattern("not now"), folded, re.IGNORECASE).span()   # (1, 8)
"""

from __future__ import annotations

import re

from ..text import DOUBLE_QUOTE_MARKS, SINGLE_QUOTE_MARKS

_TABLE = str.maketrans({
    **dict.fromkeys(DOUBLE_QUOTE_MARKS + "〝〞＂", '"'),     # and the full-width ones
    **dict.fromkeys(SINGLE_QUOTE_MARKS + "‚‛′＇`´", "'"),    # and low marks, primes, accents
    **dict.fromkeys("‐‑‒–—―−﹘﹣－", "-"),
})
WORD = re.compile(r"\w+(?:['’]\w+)*")


def fold(text: str) -> str:
    """``text`` with marks and dashes unified; always the same length as ``text``."""
    return text.translate(_TABLE)


def fold_lower(text: str) -> str:
    """:func:`fold` and lower case, keeping the length (a letter that would grow keeps its case)."""
    low = fold(text).lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in fold(text))


def phrase_pattern(text: str) -> str:
    """A regex for ``text`` allowing any whitespace between its parts (use on folded text)."""
    return r"\s+".join(re.escape(part) for part in fold(text).split())


def words_pattern(text: str) -> str:
    """A regex for the words of ``text`` in order, whatever punctuation or spacing lies between.

    It has no leading word-boundary test, which would stop the regex engine from scanning for
    the first word's letters quickly; :func:`search_words` checks that boundary instead.
    """
    words = WORD.findall(fold(text))
    return r"\W+".join(re.escape(w) for w in words) + r"(?!\w)" if words else ""


def search_words(pattern: re.Pattern, text: str, pos: int = 0) -> re.Match | None:
    """The first match of a :func:`words_pattern` that starts at a word boundary."""
    m = pattern.search(text, pos)
    while m is not None and m.start() > 0 and (text[m.start() - 1].isalnum() or text[m.start() - 1] == "_"):
        m = pattern.search(text, m.start() + 1)
    return m


def words_of(text: str) -> list[tuple[str, int, int]]:
    """The words of ``text`` as (folded lower-case word, start, end), offsets into ``text``."""
    return [(fold(m.group()).lower(), m.start(), m.end()) for m in WORD.finditer(text)]
