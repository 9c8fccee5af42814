"""What Copy puts on the clipboard: quotes as words, with their attribution line, or with a citation.

::

    copied = copy_quotes(lib, [3, 9], "attribution")
    copied.raise_if_refused()          # nothing is copied when one of them may not be
    clipboard.set(copied.plain, copied.html)

Each quote goes through :mod:`qtapp.core.attribution`, which asks the publication gate:
a quote the ground rules, an embargo or a standing Blocking finding hold back is refused
with its reason, never copied and never dropped without a word.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .attribution import quote_with_attribution, quote_with_citation, quote_words
from .errors import ExportBlocked

if TYPE_CHECKING:
    from .library import Library

@dataclass
class Copied:
    """The text of the quotes that may be copied, and why the others may not (by quote id)."""

    plain: list[str] = field(default_factory=list)
    html: list[str] = field(default_factory=list)
    refused: dict[int, str] = field(default_factory=dict)

    @property
    def plain_text(self) -> str:
        return "\n\n".join(self.plain)

    @property
    def html_text(self) -> str:
        return "".join(f"<p>{part}</p>" for part in self.html)

    def raise_if_refused(self) -> None:
        """:raises ExportBlocked: a quote may not be copied; the message gives the first reason."""
        if not self.refused:
            return
        first = next(iter(self.refused.values()))
        total = len(self.refused) + len(self.plain)
        if total == 1:
            raise ExportBlocked(first)
        raise ExportBlocked(f"{len(self.refused)} of the {total} quotes cannot be copied, so nothing was "
                            f"copied. {first}")


def copy_quotes(lib: Library, quote_ids: list[int], how: str = "attribution", *, style: str | None = None,
                when: dt.datetime | None = None) -> Copied:
    """The quotes as the clipboard takes them, plain and HTML, one paragraph each.

    :param how: "words", "attribution" or "citation" (in ``style``, default the library's).
    :raises CitationEngineMissing: a citation is wanted and citeproc-js is not installed.
    """
    copied = Copied()
    for quote_id in quote_ids:
        try:
            if how == "citation":
                plain = quote_with_citation(lib, quote_id, style, when=when)
                rich = quote_with_citation(lib, quote_id, style, format="html", when=when)
            else:
                plain = (quote_words if how == "words" else quote_with_attribution)(lib, quote_id, when=when)
                rich = html.escape(plain)
        except ExportBlocked as e:
            copied.refused[quote_id] = str(e)
            continue
        copied.plain.append(plain)
        copied.html.append(rich)
    return copied
