"""Finding quotes: filters, sorting in SQL, and keyset pages.

A page is "the rows after the last one seen" in the sort order, never an OFFSET, so a page
10,000 pages deep costs what the first does::

    q = QuoteQuery(speaker="Secretary Blinken", sort="said", descending=True)
    first = page_quotes(db, q, limit=50)
    second = page_quotes(db, q, after=first[-1].cursor, limit=50)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlite_utils import Database

from .dates import PartialDate
from .fts import fts_query
from .text_match import TextSearch, text_search


def title_sql(speaker_id: str, said: str) -> str:
    """SQL for the title the speaker ``speaker_id`` held on the day ``said`` (SQL expressions);
    partial dates compare at the role's precision."""
    return f"""coalesce((SELECT trim(r.title || CASE WHEN r.organization != '' THEN ', ' || r.organization ELSE '' END)
  FROM speaker_roles r WHERE r.speaker_id = {speaker_id}
  AND CASE WHEN {said} = '' THEN r.end IS NULL ELSE
      (r.start IS NULL OR substr({said}, 1, length(r.start)) >= r.start)
      AND (r.end IS NULL OR substr({said}, 1, length(r.end)) <= r.end) END
  ORDER BY coalesce(r.start, '') DESC, r.id DESC LIMIT 1), '')"""


TITLE_SQL = title_sql("q.speaker_id", "q.said")


def sort_keys_sql(speaker_id: str, source_id: str, said: str) -> dict[str, str]:
    """SQL for the sort keys a quote keeps from other tables, by column (see m009)."""
    return {"speaker_sort": f"coalesce((SELECT sort_name FROM speakers WHERE id = {speaker_id}), '')",
            "source_sort": f"coalesce((SELECT title FROM sources WHERE id = {source_id}), '')",
            "title_sort": title_sql(speaker_id, said)}

# Every order walks an index (m009): the joined keys (speaker, source, title) are copies on the
# quote kept by triggers, so no order needs a join or sorts the whole library.
SORTS = {
    "said": "q.said",
    "created": "q.id",                  # newest logged first: the rowid order, cheap everywhere
    "updated": "q.updated_at",
    "words": "q.words",
    "speaker": "q.speaker_sort",
    "title": "q.title_sort",
    "source": "q.source_sort",
    "rule": "q.rule",
    "provenance": "(q.second_hand * 2 + q.translated)",   # first-hand, translated, second-hand, both
    "status": "coalesce(q.check_status, '')",
}

# A filter on provenance: first-hand means the reporter heard the words (translated or not).
_PROVENANCE_CLAUSES = {"first_hand": "q.second_hand = 0", "second_hand": "q.second_hand = 1",
                       "translated": "q.translated = 1"}


@dataclass
class QuoteQuery:
    """What to list. Every field is optional; all given filters must hold."""

    text: str = ""                      # full-text words, "phrases" and prefix*
    typing: bool = False                # the last word is still being typed: it may be a prefix
    speaker: str = ""                   # a name or any alias
    speaker_id: int | None = None
    source: str = ""                    # words of a source's title or outlet
    source_id: int | None = None
    tag: str = ""
    rule: str = ""
    provenance: str = ""                # "first_hand", "second_hand" or "translated" (either may hold with the other)
    after: PartialDate | None = None    # said on or after
    before: PartialDate | None = None   # said on or before
    ids: list[int] | None = None
    trash: bool = False                 # list the trash instead of live quotes
    needs_attention: bool = False       # checks found a warning or a blocking problem
    sort: str = "created"               # a key of SORTS, or "relevance" with text
    descending: bool = True


@dataclass(slots=True)
class QuoteRow:
    """One line of the quotes list."""

    id: int
    words: str
    speaker_id: int
    speaker: str
    title: str
    source_id: int | None
    source: str
    said: str
    rule: str
    rule_description: str
    second_hand: bool
    via_outlet: str
    translated: bool
    language: str
    check_status: str | None
    confidential: bool
    created_at: str = ""                # when it was logged (UTC, ISO 8601)
    sort_key: object = None
    cursor: tuple = field(default=(), repr=False)


def _where(db: Database, query: QuoteQuery, *, with_text: bool = True,
           search: TextSearch | None = None) -> tuple[list[str], list]:
    """WHERE clauses and parameters for ``query``; page_quotes joins the text matches itself.

    :param search: ``query``'s text search, when the caller has worked it out already.
    """
    clauses = ["q.deleted_at IS NOT NULL" if query.trash else "q.deleted_at IS NULL"]
    params: list = []
    if query.speaker_id is not None:
        clauses.append("q.speaker_id = ?")
        params.append(query.speaker_id)
    if query.speaker.strip():
        ids = speaker_ids_matching(db, query.speaker)
        clauses.append(f"q.speaker_id IN ({','.join('?' * len(ids))})" if ids else "0")
        params.extend(ids)
    if query.source_id is not None:
        clauses.append("q.source_id = ?")
        params.append(query.source_id)
    if query.source.strip():
        clauses.append("q.source_id IN (SELECT id FROM sources "
                       "WHERE (title LIKE ? OR outlet LIKE ?) AND deleted_at IS NULL)")
        like = f"%{query.source.strip()}%"
        params.extend([like, like])
    if query.tag.strip():
        clauses.append("q.id IN (SELECT qt.quote_id FROM quote_tags qt JOIN tags t ON t.id = qt.tag_id "
                       "WHERE t.name = ?)")
        params.append(query.tag.strip())
    if query.rule:
        clauses.append("q.rule = ?")
        params.append(query.rule)
    if query.provenance:
        clauses.append(_PROVENANCE_CLAUSES.get(query.provenance, "0"))
    if query.after:
        clauses.append("q.said >= ?")
        params.append(query.after.iso)
    if query.before:
        clauses.append("q.said != '' AND q.said <= ?")
        params.append(query.before.last_day().isoformat())
    if query.ids is not None:
        clauses.append(f"q.id IN ({','.join('?' * len(query.ids))})" if query.ids else "0")
        params.extend(query.ids)
    if query.needs_attention:
        clauses.append("q.check_status IN ('warning', 'blocking')")
    search = search or _search(db, query)
    if query.text.strip() and not search.match and not search.waiting:
        clauses.append("0")
    elif search.match and with_text:
        clause, text_params = search.clause()
        clauses.append(clause)
        params.extend(text_params)
    return clauses, params


def _search(db: Database, query: QuoteQuery) -> TextSearch:
    return text_search(db, query.text, typing=query.typing)


# Up to this many matches, a full-text search is driven by its matches and sorted; above it,
# by the sort index with a per-row probe (see _text_join).
RARE_MATCHES = 20_000


def _text_join(db: Database, match: str, sort: str) -> tuple[str, str]:
    """How to join the full-text matches: (FROM prefix, extra WHERE clause).

    Newest logged first follows the index's own rowid order and stops after one page. For
    other orders a rare word's matches are gathered and sorted; a common word's would cost
    more than the page, so the sort index is walked and each row probed instead.
    """
    if sort == "created":
        return "quotes_fts f CROSS JOIN ", "quotes_fts MATCH ? AND q.id = f.rowid"
    probe = db.conn.execute(f"SELECT count(*) FROM (SELECT 1 FROM quotes_fts WHERE quotes_fts MATCH ? "
                       f"LIMIT {RARE_MATCHES + 1})", [match]).fetchone()[0]
    if probe <= RARE_MATCHES:
        return "quotes_fts f CROSS JOIN ", "quotes_fts MATCH ? AND q.id = f.rowid"
    return "", "EXISTS (SELECT 1 FROM quotes_fts WHERE quotes_fts MATCH ? AND rowid = q.id)"


def speaker_ids_matching(db: Database, text: str) -> list[int]:
    """Ids of every speaker whose name or an alias is ``text`` (ignoring case), else whose
    names contain its words (the last one as a prefix, for search as you type)."""
    text = " ".join(text.split())
    exact = [i for (i,) in db.conn.execute(
        "SELECT id FROM speakers WHERE name = ? COLLATE NOCASE UNION "
        "SELECT speaker_id FROM speaker_aliases WHERE alias = ? COLLATE NOCASE", [text, text])]
    if exact:
        return exact
    match = fts_query(text, prefix_last=True)
    if not match:
        return []
    return [i for (i,) in db.conn.execute("SELECT rowid FROM speakers_fts WHERE speakers_fts MATCH ?", [match])]


_SELECT = f"""SELECT q.id, q.words, q.speaker_id, sp.name, {TITLE_SQL}, q.source_id, coalesce(so.title, ''),
  q.said, q.rule, q.rule_description, q.second_hand, q.via_outlet, q.translated,
  q.language, q.check_status, sp.confidential, q.created_at"""
_FROM = "FROM quotes q JOIN speakers sp ON sp.id = q.speaker_id LEFT JOIN sources so ON so.id = q.source_id"


def page_quotes(db: Database, query: QuoteQuery, *, after: tuple | None = None, limit: int = 100) -> list[QuoteRow]:
    """The next ``limit`` rows of ``query`` after the cursor ``after`` (None for the first page)."""
    search = _search(db, query)
    if _by_relevance(query, search):
        # The MATCH in the join does the text filtering; _where must not run it a second time.
        clauses, params = _where(db, query, with_text=False, search=search)
        offset = after[0] if after else 0
        sql = (f"{_SELECT}, f.rank {_FROM} JOIN quotes_fts f ON f.rowid = q.id WHERE {' AND '.join(clauses)} "
               f"AND quotes_fts MATCH ? ORDER BY f.rank LIMIT ? OFFSET ?")
        rows = db.conn.execute(sql, [*params, search.match, limit, offset]).fetchall()
        return [_row(r, (offset + i + 1,)) for i, r in enumerate(rows)]
    # A speaker named by the words adds quotes the index does not hold: filter instead of joining.
    clauses, params = _where(db, query, with_text=bool(search.speakers), search=search)
    sort = query.sort if query.sort in SORTS else "created"
    key = SORTS[sort]
    direction = "DESC" if query.descending else "ASC"
    prefix = ""
    match = search.match if not search.speakers else ""
    if match:
        prefix, text_clause = _text_join(db, match, sort)
        clauses.insert(0, text_clause)
        params.insert(0, match)
    if prefix and sort == "created":
        key = "f.rowid"  # FTS5 walks its own rowid order, in either direction, and stops early
    if after is not None and key in ("q.id", "f.rowid"):
        clauses.append(f"{key} {'<' if query.descending else '>'} ?")
        params.append(after[-1])
    # Choose the page's ids first, then fetch names and titles for those rows only.
    # A unique key needs no tie-breaker; a second ORDER BY term would defeat the FTS rowid order.
    order = f"{key} {direction}" if key in ("q.id", "f.rowid") else f"{key} {direction}, q.id {direction}"
    walk = f"SELECT q.id, {key} AS k FROM {prefix}quotes q WHERE {' AND '.join(clauses)}"
    if after is not None and key not in ("q.id", "f.rowid"):
        # The rest of the cursor's key, then the keys beyond it: two index ranges. One row-value
        # test would bound only the key, and walk the cursor's whole key (a million rows by rule).
        beyond = "<" if query.descending else ">"
        ids_sql = (f"SELECT * FROM ({walk} AND {key} = ? AND q.id {beyond} ? ORDER BY q.id {direction} LIMIT ?) "
                   f"UNION ALL SELECT * FROM ({walk} AND {key} {beyond} ? ORDER BY {order} LIMIT ?)")
        params = [*params, *after, limit, *params, after[0], limit]
    else:
        ids_sql = f"{walk} ORDER BY {order} LIMIT ?"
        params = [*params, limit]
    sql = (f"{_SELECT}, page.k {_FROM} JOIN ({ids_sql}) page ON page.id = q.id "
           f"ORDER BY page.k {direction}, q.id {direction} LIMIT ?")
    rows = db.conn.execute(sql, [*params, limit]).fetchall()
    return [_row(r, (r[-1], r[0])) for r in rows]


def _by_relevance(query: QuoteQuery, search: TextSearch) -> bool:
    """Whether the rows come in the index's rank order (not when a speaker's quotes are added:
    the index does not rank those); newest first then."""
    return query.sort == "relevance" and bool(search.match) and not search.speakers


def count_quotes(db: Database, query: QuoteQuery) -> int:
    """How many quotes match ``query``."""
    clauses, params = _where(db, query)
    return db.conn.execute(f"SELECT count(*) FROM quotes q WHERE {' AND '.join(clauses)}", params).fetchone()[0]


@dataclass(frozen=True)
class SpeakerSplit:
    """Of the quotes a search lists, how many are by the speakers its words name, how many not."""

    names: tuple[str, ...]
    words: str          # the words that named them, as typed
    by: int
    mentioning: int     # the other quotes: they hold the words


def speaker_split(db: Database, query: QuoteQuery) -> SpeakerSplit | None:
    """How the quotes of ``query`` split between the speakers its words name and the rest
    (None when its words name nobody)."""
    search = _search(db, query)
    if not search.speakers:
        return None
    clauses, params = _where(db, query, with_text=False, search=search)
    by, by_params = search.by_clause()
    count = db.conn.execute(f"SELECT count(*) FROM quotes q WHERE {' AND '.join([*clauses, by])}",
                            [*params, *by_params]).fetchone()[0]
    names = tuple(n for (n,) in db.conn.execute(
        f"SELECT name FROM speakers WHERE id IN ({','.join('?' * len(search.speakers))}) ORDER BY sort_name",
        search.speakers))
    return SpeakerSplit(names, search.name_words, count, count_quotes(db, query) - count)


def _row(r, cursor: tuple) -> QuoteRow:
    return QuoteRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], bool(r[10]), r[11], bool(r[12]),
                    r[13], r[14], bool(r[15]), r[16], r[17], cursor)


def cursor_at(db: Database, query: QuoteQuery, position: int, *, total: int | None = None) -> tuple | None:
    """The keyset cursor of the row at ``position`` (0-based) in ``query``'s order, or None past the end.

    Lets a list jump deep without reading the rows before: ``page_quotes(db, q,
    after=cursor_at(db, q, 499_999))`` starts at row 500,000. Only the sort key is read; given
    ``total`` (the count), a position in the second half is found from the end instead.
    """
    if position < 0:
        return None
    search = _search(db, query)
    if _by_relevance(query, search):
        return (position + 1,)
    clauses, params = _where(db, query, search=search)
    key = SORTS.get(query.sort, SORTS["created"])
    descending = query.descending
    if total is not None and position >= total // 2:
        position, descending = total - 1 - position, not descending
        if position < 0:
            return None
    direction = "DESC" if descending else "ASC"
    order = f"{key} {direction}" if key == "q.id" else f"{key} {direction}, q.id {direction}"
    row = db.conn.execute(f"SELECT {key}, q.id FROM quotes q WHERE {' AND '.join(clauses)} "
                          f"ORDER BY {order} LIMIT 1 OFFSET ?", [*params, position]).fetchone()
    return (row[0], row[1]) if row else None
