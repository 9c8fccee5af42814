"""What to export: a chosen set of quotes, a source, a tag (a story), or the whole library."""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..plural import count_of


@dataclass(frozen=True)
class Selection:
    """Quotes to export; the filters given must all hold, and none given means everything.

    ::

        Selection(tag="harbour-story")          # a story
        Selection(quote_ids=(3, 9, 12))          # a chosen set
        Selection()                              # the whole library

    ``clips`` picks nothing: it names the clip files exported beside a quote sheet, as
    ``(quote id, file name)``, so the sheet links each quote to its clip.
    """

    quote_ids: tuple[int, ...] | None = None
    source_id: int | None = None
    tag: str = ""
    clips: tuple[tuple[int, str], ...] = ()

    @property
    def whole_library(self) -> bool:
        return self.quote_ids is None and self.source_id is None and not self.tag.strip()

    def where(self) -> tuple[str, list]:
        """SQL conditions on ``quotes q`` (live quotes only) that pick this selection, and their parameters.

        Chosen ids travel as one JSON parameter, so any number of them fits in one query.
        """
        clauses, params = ["q.deleted_at IS NULL"], []
        if self.quote_ids is not None:
            clauses.append("q.id IN (SELECT value FROM json_each(?))")
            params.append(json.dumps([int(i) for i in self.quote_ids]))
        if self.source_id is not None:
            clauses.append("q.source_id = ?")
            params.append(self.source_id)
        if self.tag.strip():
            clauses.append("q.id IN (SELECT qt.quote_id FROM quote_tags qt JOIN tags t ON t.id = qt.tag_id "
                           "WHERE t.name = ?)")
            params.append(" ".join(self.tag.split()))
        return " AND ".join(clauses), params

    def describe(self, source_title: str = "") -> str:
        """A heading for the export: 'tag “harbour-story”', '3 chosen quotes', 'the whole library',
        'source “Budget hearing”' given the source's title (may it be shown), else 'one source'."""
        parts = []
        if self.quote_ids is not None:
            parts.append(count_of(len(self.quote_ids), "chosen quote"))
        if self.source_id is not None:
            parts.append(f"source “{' '.join(source_title.split())}”" if source_title.strip() else "one source")
        if self.tag.strip():
            parts.append(f"tag “{self.tag.strip()}”")
        return ", ".join(parts) or "the whole library"
