"""Partial dates as reporters type them: "2023", "Nov 2023", "9 Nov 2023", "11/9/2023".

A :class:`PartialDate` keeps the precision that was given (year, month or day), is stored as
an ISO prefix ("2023", "2023-11", "2023-11-09") that sorts correctly as text, and is shown
back unambiguously ("2023", "November 2023", "Thu 9 Nov 2023")::

    d = parse_date("Nov. 9", today=date(2024, 1, 5))
    d.iso        # '2023-11-09'  (the most recent 9 November, never a future one)
    d.display()  # 'Thu 9 Nov 2023'
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from dateutil import parser as dateutil_parser
from dateutil.relativedelta import relativedelta

from .errors import InvalidInput, VerbatimError

Precision = Literal["year", "month", "day"]
DateOrder = Literal["month-first", "day-first"]

# Two defaults that differ in every field: a field that comes back equal to the default in
# both parses was given by the user; one that follows the default was not.
_DEFAULT_A = dt.datetime(1904, 1, 1)
_DEFAULT_B = dt.datetime(1908, 2, 2)
_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_MIN_YEAR = 1000


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self):
        if self.day is not None and self.month is None:
            raise InvalidInput("A date with a day needs a month too.")
        try:
            dt.date(self.year, self.month or 1, self.day or 1)
        except ValueError as e:
            raise InvalidInput(f"{self.iso} is not a real date ({e}).") from None

    @property
    def precision(self) -> Precision:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def iso(self) -> str:
        """The stored form: an ISO 8601 prefix that sorts as text."""
        text = f"{self.year:04d}"
        if self.month:
            text += f"-{self.month:02d}"
        if self.day:
            text += f"-{self.day:02d}"
        return text

    @classmethod
    def from_iso(cls, text: str) -> PartialDate:
        """Read the stored form back; raises :class:`InvalidInput` for anything else."""
        m = _ISO.match(text or "")
        if not m:
            raise InvalidInput(f"{text!r} is not a stored date (expected YYYY, YYYY-MM or YYYY-MM-DD).")
        y, mo, d = (int(g) if g else None for g in m.groups())
        return cls(y, mo, d)

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        """The last calendar day this date could mean ("2023-11" → 30 Nov 2023)."""
        if self.day:
            return self.first_day()
        step = relativedelta(months=1) if self.month else relativedelta(years=1)
        return self.first_day() + step - dt.timedelta(days=1)

    def display(self) -> str:
        """An unambiguous reading: 'Thu 9 Nov 2023', 'November 2023' or '2023'."""
        if self.day:
            d = self.first_day()
            return f"{d:%a} {d.day} {d:%b %Y}"
        if self.month:
            return f"{self.first_day():%B %Y}"
        return str(self.year)

    def is_after(self, other: PartialDate) -> bool:
        """True only when this date is certainly later, compared at the coarser precision."""
        return self.first_day() > other.last_day()


def parse_date(text: str, *, order: DateOrder = "month-first", today: dt.date | None = None) -> PartialDate:
    """Read a date as a reporter types it, keeping the precision that was given.

    :param text: "2023", "2023-11", "Nov 2023", "9 Nov 2023", "Nov. 9", "11/9/2023" …
    :param order: how to read an all-numeric date such as 11/9/2023.
    :param today: the reference for dates typed without a year (defaults to today); such a
        date is taken as the most recent one that is not in the future.
    :raises InvalidInput: for text that is not a date or names an impossible one.
    """
    cleaned = " ".join((text or "").replace("\x00", "").split())
    if not cleaned:
        raise InvalidInput("The date is empty. Type a date such as 9 Nov 2023, Nov 2023 or 2023.")
    iso = _ISO.match(cleaned)
    if iso:
        y, mo, d = (int(g) if g else None for g in iso.groups())
        return _checked(y, mo, d, cleaned)
    day_first = order == "day-first"
    try:
        a = dateutil_parser.parse(cleaned, default=_DEFAULT_A, dayfirst=day_first)
        b = dateutil_parser.parse(cleaned, default=_DEFAULT_B, dayfirst=day_first)
    except (ValueError, OverflowError) as e:
        reason = str(e).split(":")[0]
        if "out of range" in reason or "must be in" in reason:
            raise InvalidInput(f"“{cleaned}” is not a real date ({reason}).") from None
        raise InvalidInput(
            f"“{cleaned}” is not a date Verbatim can read. Try 9 Nov 2023, Nov 2023, 2023-11-09 or 2023."
        ) from None
    year = a.year if a.year == b.year else None
    month = a.month if a.month == b.month else None
    day = a.day if a.day == b.day else None
    if year is None:
        if month is None:
            raise InvalidInput(f"“{cleaned}” has no year or month. Add the year, e.g. 9 Nov 2023.")
        year = _most_recent_year(month, day, today or dt.date.today())
    if day is not None and month is None:
        raise InvalidInput(f"“{cleaned}” has a day but no month. Type the month too.")
    return _checked(year, month, day, cleaned)


def parse_optional_date(text: str | None, **kwargs) -> PartialDate | None:
    """Like :func:`parse_date`, but blank text means "no date"."""
    if text is None or not str(text).strip():
        return None
    return parse_date(str(text), **kwargs)


def _most_recent_year(month: int, day: int | None, today: dt.date) -> int:
    try:
        this_year = dt.date(today.year, month, day or 1)
    except ValueError:  # 29 February in a year that has none
        return today.year - 1
    return today.year if this_year <= today else today.year - 1


def _checked(year, month, day, typed) -> PartialDate:
    if year < _MIN_YEAR or year > 9999:
        raise InvalidInput(f"“{typed}”: the year {year} is out of range. Use a four-digit year.")
    if month is not None and not 1 <= month <= 12:
        raise InvalidInput(f"“{typed}” has no month {month}. Months run from 1 to 12.")
    return PartialDate(year, month, day)


def parse_datetime(text: str) -> dt.datetime:
    """Read a moment such as an embargo time ("10 Nov 2023 14:00"); naive means local time.

    :raises InvalidInput: for text that is not a date and time.
    """
    cleaned = " ".join((text or "").split())
    try:
        midnight = dt.datetime.now().replace(hour=0, minute=0, second=0, microsecond=0)
        moment = dateutil_parser.parse(cleaned, default=midnight)
    except (ValueError, OverflowError):
        raise InvalidInput(f"“{cleaned}” is not a date and time. Try 10 Nov 2023 14:00.") from None
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone(dt.UTC)


@lru_cache(maxsize=4096)  # a sheet or a list repeats the same few thousand days; parsing each is the slow part
def display_date(stored: str | None) -> str:
    """A stored date ('2023-11-09', '2023-11', '2023') as every list, sheet and report shows it:
    'Thu 9 Nov 2023', 'November 2023', '2023'; blank for none, as stored if unreadable."""
    if not stored:
        return ""
    try:
        return PartialDate.from_iso(stored).display()
    except VerbatimError:
        return stored


def display_moment(stored: str | None) -> str:
    """A stored moment (ISO 8601, UTC) in local time as a reporter reads it: '20 Mar 2024 08:00'."""
    if not stored:
        return ""
    try:
        moment = dt.datetime.fromisoformat(stored).astimezone()
    except ValueError:
        return stored
    return moment_text(moment)


def moment_text(moment: dt.datetime, *, seconds: bool = False) -> str:
    """A moment as every list, message and report shows it, in the zone it is given in:
    '20 Mar 2024 08:00', or '20 Mar 2024 08:00:15' with ``seconds``."""
    return f"{moment.day} {moment:%b %Y %H:%M}" + (f":{moment:%S}" if seconds else "")


def utc_now() -> str:
    """The current moment as stored in the library: ISO 8601 in UTC."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
