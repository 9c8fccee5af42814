"""What to export: a chosen set of quotes, a source, a tag (a story), or the whole library."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..query import QuoteQuery

# ``progress(done, total)``; it may raise :class:`qtapp.core.errors.Interrupted` to stop the work.
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Selection:
    """Quotes to export; the filters given must all hold, and none given means everything.

    ::

        Selection(tag="harbour-story")          # a story
        Selection(quote_ids=(3, 9, 12))          # a chosen set
        Selection()                              # the whole library
    """

    quote_ids: tuple[int, ...] | None = None
    source_id: int | None = None
    tag: str = ""

    @property
    def whole_library(self) -> bool:
        return self.quote_ids is None and self.source_id is None and not self.tag.strip()

    def query(self) -> QuoteQuery:
        """The quotes of this selection, oldest said first (the order a story is checked in)."""
        ids = list(self.quote_ids) if self.quote_ids is not None else None
        return QuoteQuery(ids=ids, source_id=self.source_id, tag=self.tag.strip(), sort="said", descending=False)

    def describe(self) -> str:
        """A heading for the export: 'tag “harbour-story”', '3 chosen quotes', 'the whole library'."""
        parts = []
        if self.quote_ids is not None:
            parts.append(f"{len(self.quote_ids)} chosen quote{'s' if len(self.quote_ids) != 1 else ''}")
        if self.source_id is not None:
            parts.append(f"source {self.source_id}")
        if self.tag.strip():
            parts.append(f"tag “{self.tag.strip()}”")
        return ", ".join(parts) or "the whole library"


def report_progress(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)

