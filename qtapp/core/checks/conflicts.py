"""The same words logged twice from one source under different ground rules, and the rule that holds.

Words given off the record must not become publishable because they were logged a second
time, on the record, from the same interview. Until the reporter makes the two agree (or
deletes one), the check blocks both (``rule_conflict``) and every channel applies the
stricter of their rules::

    effective_rule(lib, quote_id)
    # EffectiveRule(rule='off_record', rule_description='', embargo_until=None, conflicts=[12])

Stricter means what may be published at that moment: off the record, then deep background,
then an embargo not yet lifted (the latest), then background (no name), then on the record.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlite_utils import Database

from ..errors import NotFound
from ..quotes import RULE_LABELS
from .duplicates import similar_words

if TYPE_CHECKING:
    from ..library import Library

_RULE_COLUMNS = ("id", "words", "rule", "rule_description", "embargo_until")


@dataclass
class EffectiveRule:
    """The ground rule every channel applies to a quote: its own, or a stricter one it conflicts with.

    The fields are those :func:`qtapp.core.publish.decide_fields` takes; ``conflicts`` lists
    the other quotes (same source, same words, another rule) whose rules were weighed.
    """

    rule: str
    rule_description: str = ""
    embargo_until: str | None = None
    conflicts: list[int] = field(default_factory=list)


def rule_conflicts(db: Database, quote_id: int, source_id: int | None, words: str, rule: str,
                   embargo_until: str | None) -> list[dict]:
    """Live quotes of the same source with the same or nearly the same words under another rule.

    Two embargoes that end at different times conflict too. Each is a dict of ``id``,
    ``words``, ``rule``, ``rule_description`` and ``embargo_until``.
    """
    if source_id is None:
        return []
    rows = [dict(zip(_RULE_COLUMNS, r, strict=True)) for r in db.execute(
        f"SELECT {', '.join(_RULE_COLUMNS)} FROM quotes WHERE source_id = ? AND id != ? AND deleted_at IS NULL "
        "ORDER BY id", [source_id, quote_id])]
    return [r for r in rows if (r["rule"], r["embargo_until"] if r["rule"] == "embargoed" else None)
            != (rule, embargo_until if rule == "embargoed" else None) and similar_words(words, r["words"])]


def effective_rule(lib: Library, quote_id: int, now: dt.datetime | None = None) -> EffectiveRule:
    """The ground rule to apply to ``quote_id`` at ``now`` (default: the present), conflicts weighed.

    :raises NotFound: no such quote.
    """
    cursor = lib.db.execute(f"SELECT {', '.join(_RULE_COLUMNS)}, source_id FROM quotes WHERE id = ?", [quote_id])
    row = cursor.fetchone()
    if row is None:
        raise NotFound(f"There is no quote with id {quote_id}.")
    own = dict(zip(_RULE_COLUMNS, row[:-1], strict=True))   # the last column is source_id
    others = rule_conflicts(lib.db, quote_id, row[-1], own["words"], own["rule"], own["embargo_until"])
    now = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    strictest = max([own, *others], key=lambda r: _strictness(r, now))   # max keeps the first of equals: own
    return EffectiveRule(strictest["rule"], strictest["rule_description"] or "", strictest["embargo_until"],
                         [r["id"] for r in others])


def rule_label(rule: str, embargo_until: str | None) -> str:
    """'off the record', 'embargoed until 2024-03-05 09:00 UTC' …, for a finding's message."""
    label = RULE_LABELS.get(rule, rule).lower()
    if rule == "embargoed" and embargo_until:
        label += f" until {embargo_until[:16].replace('T', ' ')} UTC"
    return label


def _strictness(row: dict, now: dt.datetime) -> tuple[int, str]:
    rule = row["rule"]
    if rule == "off_record":
        return 4, ""
    if rule == "deep_background":
        return 3, ""
    if rule == "embargoed" and not _lifted(row["embargo_until"], now):
        return 2, row["embargo_until"] or "~"   # the later end is the stricter; an unknown end, the strictest
    if rule == "background":
        return 1, ""
    return 0, ""


def _lifted(embargo_until: str | None, now: dt.datetime) -> bool:
    try:
        moment = dt.datetime.fromisoformat(embargo_until or "")
    except ValueError:
        return False   # an unreadable end keeps the words back
    return (moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)) <= now
