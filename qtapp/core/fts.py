"""Turning whatever a person types into an FTS5 query that cannot raise.

Words become quoted terms, "quoted phrases" stay phrases, a trailing ``*`` asks for a prefix,
and operators, stray quotes and parentheses are taken as plain text::

    fts_query('dangerous "very closely" miss*')   # '"dangerous" "very closely" "miss"*'
    fts_query('AND ( "unbalanced')                 # '"and" "unbalanced"'

The quotes index stems its words (Porter: "sanction", "sanctions" and "sanctioned" are one
term), so every inflected form of a word finds the others. A word being typed
(``prefix_last=True``) filters nothing until it has three letters, then is matched as a
prefix: ``stemmed_prefix("generaliz")`` asks for the stems starting with it and for the
shorter stems it may have been cut to ("gener", of "generalization"), so the list never
empties half-way through a word.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)
QUOTE_TOKENIZER = "porter unicode61 remove_diacritics 2"
# A word being typed is matched as a prefix from this many letters on: a shorter prefix
# matches most of a big library and reads most of its index for every keystroke.
MIN_PREFIX = 3
# Porter removes at most this many letters from the end of a word ("generalization" → "gener").
_MAX_STRIPPED = 9


def fts_query(text: str, *, prefix_last: bool = False, stemmed: bool = False) -> str:
    """An FTS5 MATCH expression for ``text``, or '' when it holds no searchable word.

    :param prefix_last: treat the last word as a prefix (for search as you type), unless
        it is quoted or followed by a space.
    :param stemmed: the index stems its words: a prefix being typed also matches the stems it
        may have been cut to (see :func:`stemmed_prefix`), and only from :data:`MIN_PREFIX` letters.
    """
    parts: list[str] = []
    for m in _TOKEN.finditer(text or ""):
        phrase, bare = m.group(1), m.group(2)
        if phrase is not None:
            words = _WORD.findall(phrase)
            if words:
                parts.append('"' + " ".join(words) + '"')
            continue
        star = bare.endswith("*")
        words = _WORD.findall(bare)
        for i, word in enumerate(words):
            parts.append(f'"{word.lower()}"' + ("*" if star and i == len(words) - 1 else ""))
    typing = prefix_last and parts and not parts[-1].endswith("*") and (text or "").rstrip()[-1:] not in ('"', " ")
    if typing and (text or "")[-1:].isspace():
        typing = False
    word = parts[-1][1:-1] if typing else ""
    if typing and stemmed and " " not in word:
        if len(word) >= MIN_PREFIX:
            parts[-1] = stemmed_prefix(word)
        else:   # too short to say what it starts: it filters nothing until it is longer
            parts.pop()
    elif typing:
        parts[-1] += "*"
    # FTS5 joins phrases by AND implicitly, but not a phrase and a parenthesised group.
    return (" AND " if any(p.startswith("(") for p in parts) else " ").join(parts)


def stemmed_prefix(word: str) -> str:
    """An FTS5 expression for the words of a stemmed index that may start with ``word``.

    The stem of "generalization" is "gener", which "generaliz"* does not reach: the shorter
    stems that ``word`` may have been cut to are asked for too, as whole terms. A "y" near the
    end may be stemmed to "i" ("play" → "plai", "unemploy" → "unemploi"), which no longer
    starts "player" or "unemployment" (stem "unemploy"): the letters before it are asked for as
    a prefix too. (A word whose stem is two letters, "dying" → "dy", is lost from "dyi" to "dyin".)
    """
    shorter = [f'"{word[:k]}"' for k in range(max(MIN_PREFIX, len(word) - _MAX_STRIPPED), len(word))]
    y = word.rfind("y", max(0, len(word) - _MAX_STRIPPED - 1))
    if y >= MIN_PREFIX:
        shorter.append(f'"{word[:y]}"*')
    return "(" + " OR ".join([f'"{word}"*', *shorter]) + ")" if shorter else f'"{word}"*'

