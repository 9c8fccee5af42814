"""The search box language: words, "phrases" and ``key:value`` filters.

::

    parse_search('speaker:"Secretary Blinken" tag:korea after:2023-11 "very closely"')
    # QuoteQuery(text='"very closely"', speaker='Secretary Blinken', tag='korea', after=PartialDate(2023, 11))

Keys: ``speaker:``, ``source:``, ``tag:``, ``rule:`` (on-record, background, deep-background,
off-record, embargoed), ``after:`` and ``before:`` (dates as a reporter types them). Parsing
never raises: what cannot be read as a filter is searched as words, and
:func:`search_problems` says why, for the search bar to show.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .dates import DateOrder, parse_date
from .errors import InvalidInput
from .query import QuoteQuery

KEYS = ("speaker", "source", "tag", "rule", "after", "before")
_RULES = {
    "on-record": "on_record", "on_record": "on_record", "onrecord": "on_record", "record": "on_record",
    "background": "background", "bg": "background",
    "deep-background": "deep_background", "deep_background": "deep_background", "deep": "deep_background",
    "off-record": "off_record", "off_record": "off_record", "off": "off_record", "offrecord": "off_record",
    "embargoed": "embargoed", "embargo": "embargoed",
}
# key:"quoted value" | key:value | "phrase" (closing mark optional) | word
_TOKEN = re.compile(r'(?P<key>\w+):(?:"(?P<qval>[^"]*)"?|(?P<val>\S*))|(?P<phrase>"[^"]*"?)|(?P<word>\S+)')


@dataclass
class _Parsed:
    query: QuoteQuery
    problems: list[str]


def _parse(text: str, order: DateOrder, today: dt.date | None) -> _Parsed:
    query = QuoteQuery()
    words: list[str] = []
    problems: list[str] = []
    for m in _TOKEN.finditer((text or "").replace("\x00", "")):
        key = (m.group("key") or "").lower()
        if not key or key not in KEYS:
            words.append(m.group(0))
            continue
        value = (m.group("qval") if m.group("qval") is not None else m.group("val") or "").strip()
        if not value:
            continue
        if key in ("speaker", "source", "tag"):
            setattr(query, key, value)
        elif key == "rule":
            rule = _RULES.get(value.lower())
            if rule:
                query.rule = rule
            else:
                problems.append(f"“{value}” is not a ground rule; try on-record, background, deep, off or embargoed.")
        else:
            try:
                setattr(query, key, parse_date(value, order=order, today=today))
            except InvalidInput as e:
                problems.append(f"{key}: {e}")
    query.text = " ".join(words)
    return _Parsed(query, problems)


def parse_search(text: str, *, order: DateOrder = "month-first", today: dt.date | None = None) -> QuoteQuery:
    """The :class:`QuoteQuery` for what was typed in the search box; never raises."""
    return _parse(text, order, today).query


def search_problems(text: str, *, order: DateOrder = "month-first", today: dt.date | None = None) -> list[str]:
    """Messages for the filters in ``text`` that could not be read (shown under the search box)."""
    return _parse(text, order, today).problems
