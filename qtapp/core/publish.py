"""The one place that decides whether a quote may leave the library for publication.

Every exporter, the attribution line and the clipboard ask :func:`decide`::

    d = decide(lib, lib.quotes.get(42))
    if d.allowed:
        print(f"“{quote.words}” — {d.attribute_as}")

Guarantees:

- off the record and deep background are never allowed;
- an embargoed quote is allowed only once its embargo time has passed, and is then treated
  as on the record;
- on background, the quote is attributed only to its agreed description: ``named`` is
  False, so no name, title or speaker id may be printed beside it;
- a speaker marked confidential is never named: the quote's agreed description, else the
  speaker's description, else "a source";
- a description typed without its article gets one, as a sentence needs it: "international
  analyst in Lima" is attributed to "an international analyst in Lima".

Callers must not print anything that identifies the speaker when ``named`` is False.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import NotFound

if TYPE_CHECKING:
    from .library import Library
    from .quotes import Quote

ANONYMOUS = "a source"
# First words after which a description needs no article: it has one, or is a count or plural.
_DETERMINERS = {"a", "an", "the", "one", "two", "three", "some", "several", "many", "his", "her", "their", "its",
                "our", "this", "that", "these", "those", "another", "any", "each", "every", "no"}
# An article goes with "an" before these letters, with the common exceptions ("a university", "an hour").
_AN = re.compile(r"^(?:[aeio]|u(?!ni|s[eu]|tili)|hour|honou?r|heir)", re.IGNORECASE)


@dataclass(frozen=True)
class Decision:
    """What may be published of one quote.

    :param allowed: the words may be exported for publication.
    :param attribute_as: the name or description to print beside them ("" when not allowed).
    :param reason: why, in words a reporter reads ("off the record: never published").
    :param named: the speaker's name and title may appear; False means anonymous.
    """

    allowed: bool
    attribute_as: str
    reason: str
    named: bool = False


def decide(lib: Library, quote: Quote | int, now: dt.datetime | None = None) -> Decision:
    """Whether ``quote`` (a :class:`Quote` or its id) may be published at ``now``, and as whom.

    :param now: the moment to judge embargoes at (naive means local time; default: the present).
    :raises NotFound: the quote or its speaker does not exist.
    """
    if isinstance(quote, int):
        quote = lib.quotes.get(quote)
    row = lib.db.execute("SELECT name, description, confidential FROM speakers WHERE id = ?",
                         [quote.speaker_id]).fetchone()
    if row is None:
        raise NotFound(f"There is no speaker with id {quote.speaker_id}.")
    name, description, confidential = row
    return decide_fields(rule=quote.rule, rule_description=quote.rule_description,
                         embargo_until=quote.embargo_until, speaker_name=name,
                         speaker_description=description, confidential=bool(confidential), now=now)


def decide_fields(*, rule: str, rule_description: str, embargo_until: str | None, speaker_name: str,
                  speaker_description: str, confidential: bool, now: dt.datetime | None = None) -> Decision:
    """:func:`decide` on plain values, for exporters that stream rows straight from SQL."""
    now = _aware(now or dt.datetime.now(dt.UTC))
    if rule == "off_record":
        return Decision(False, "", "off the record: never published")
    if rule == "deep_background":
        return Decision(False, "", "deep background: no quote and no attribution")
    if rule == "embargoed":
        lifted = _embargo_lifted(embargo_until, now)
        if not lifted:
            until = embargo_until or "an unknown time"
            return Decision(False, "", f"embargoed until {until}: not before then")
    if rule == "background":
        description = with_article((rule_description or "").strip()) or ANONYMOUS
        return Decision(True, description, f"on background: attributed only to “{description}”")
    if rule not in ("on_record", "embargoed"):
        # An unknown rule is refused rather than guessed at: the safe side is not to publish.
        return Decision(False, "", f"unknown ground rule “{rule}”: not published")
    if confidential:
        description = with_article((rule_description or "").strip() or (speaker_description or "").strip()) \
            or ANONYMOUS
        return Decision(True, description, f"the speaker is confidential: attributed to “{description}”")
    reason = "embargo lifted: on the record" if rule == "embargoed" else "on the record"
    return Decision(True, speaker_name, reason, named=True)


def with_article(description: str) -> str:
    """``description`` with "a" or "an" before it when it is a singular role typed without one.

    Only a description in lower case is touched ("international analyst" → "an international
    analyst"); one with a capital may be a name ("Pentagon"), and one with a plural noun
    before its first comma or preposition ("officials familiar with …") takes no article.
    """
    words = description.split()
    if not words or not words[0][:1].islower() or words[0].casefold() in _DETERMINERS:
        return description
    head = re.split(r",| (?:in|at|of|from|with|for|on|who|close|familiar) ", description, maxsplit=1)[0].split()
    if any(w.endswith("s") and not w.endswith(("ss", "us", "is")) for w in head):
        return description
    return f"{'an' if _AN.match(description) else 'a'} {description}"


def _embargo_lifted(embargo_until: str | None, now: dt.datetime) -> bool:
    if not embargo_until:
        return False
    try:
        moment = _aware(dt.datetime.fromisoformat(embargo_until))
    except ValueError:
        return False  # an unreadable embargo time keeps the quote back
    return now >= moment


def _aware(moment: dt.datetime) -> dt.datetime:
    # A naive moment is local time, as :func:`qtapp.core.dates.parse_datetime` reads one.
    return moment if moment.tzinfo else moment.astimezone()
