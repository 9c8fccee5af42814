"""Where a search's words are in a text, found by the same tokenizer the index uses.

::

    match_spans("The sanctions will bite.", '"sanction"')   # [(4, 13)]
    highlighted_html("a <b> sanctions", [(6, 15)])          # 'a &lt;b&gt; <span style="…">sanctions</span>'

A quote's words are put in a one-row FTS5 table of an in-memory database (one per thread)
and its ``highlight()`` marks what the query matched: stems, prefixes and phrases are found
exactly as the search found them.
"""

from __future__ import annotations

import html
import sqlite3
import threading

from .fts import QUOTE_TOKENIZER

_OPEN, _CLOSE = "\x01", "\x02"
MARK_STYLE = "background-color: #ffe680; color: #000000;"
_local = threading.local()


def _connection() -> sqlite3.Connection:
    conn = getattr(_local, "conn", None)
    if conn is None:
        conn = sqlite3.connect(":memory:")
        conn.execute(f"CREATE VIRTUAL TABLE t USING fts5(words, tokenize='{QUOTE_TOKENIZER}')")
        _local.conn = conn
    return conn


def match_spans(text: str, match: str) -> list[tuple[int, int]]:
    """The (start, end) character spans of ``text`` that the FTS5 expression ``match`` matches."""
    if not text or not match:
        return []
    clean = text.replace(_OPEN, " ").replace(_CLOSE, " ")   # the markers must be ours alone
    conn = _connection()
    try:
        conn.execute("INSERT INTO t (rowid, words) VALUES (1, ?)", [clean])
        row = conn.execute("SELECT highlight(t, 0, ?, ?) FROM t WHERE t MATCH ? AND rowid = 1",
                           [_OPEN, _CLOSE, match]).fetchone()
    except sqlite3.Error:
        return []
    finally:
        conn.execute("DELETE FROM t")
    if row is None:
        return []
    spans, at, start = [], 0, 0
    for ch in row[0]:
        if ch == _OPEN:
            start = at
        elif ch == _CLOSE:
            spans.append((start, at))
        else:
            at += 1
    return spans


def highlighted_html(text: str, spans: list[tuple[int, int]], style: str = MARK_STYLE) -> str:
    """``text`` as HTML (every character escaped) with the ``spans`` marked by ``style``."""
    out, at = [], 0
    for start, end in sorted(spans):
        if start < at:
            continue
        out += [html.escape(text[at:start]), f'<span style="{style}">', html.escape(text[start:end]), "</span>"]
        at = end
    out.append(html.escape(text[at:]))
    return "".join(out)
