"""Turning whatever a person types into an FTS5 query that cannot raise.

Words become quoted terms, "quoted phrases" stay phrases, a trailing ``*`` asks for a prefix,
and operators, stray quotes and parentheses are taken as plain text::

    fts_query('dangerous "very closely" miss*')   # '"dangerous" "very closely" "miss"*'
    fts_query('AND ( "unbalanced')                 # '"and" "unbalanced"'
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(text: str, *, prefix_last: bool = False) -> str:
    """An FTS5 MATCH expression for ``text``, or '' when it holds no searchable word.

    :param prefix_last: treat the last word as a prefix (for search as you type).
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
        for i, word in enumerate(_WORD.findall(bare)):
            last_piece = i == len(_WORD.findall(bare)) - 1
            parts.append(f'"{word.lower()}"' + ("*" if star and last_piece else ""))
    if prefix_last and parts and not parts[-1].endswith("*") and (text or "").rstrip()[-1:] not in ('"', " "):
        parts[-1] += "*"
    return " ".join(parts)
