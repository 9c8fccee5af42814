"""What an export wrote and what an import added, in words a reporter reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from ..plural import count_of

if TYPE_CHECKING:
    from ..importers.draft import SourceDraft
    from ..sources import SourceId


@dataclass
class ExportReport:
    """How many items an export wrote, and how many the ground rules kept back, by reason."""

    count: int
    withheld: dict[str, int]
    noun: str = "quote"

    def summary(self) -> str:
        """'Exported 12 quotes; 3 left out under ground rules: off the record (2); embargoed (1).'"""
        text = f"Exported {count_of(self.count, self.noun)}"
        return text + (f"; {self.withheld_text()}" if self.withheld else ".")

    def withheld_text(self) -> str:
        """What was left out and why, or '' when nothing was: the user must never wonder where an item went."""
        held = sum(self.withheld.values())
        if not held:
            return ""
        reasons = "; ".join(f"{reason} ({n})" for reason, n in sorted(self.withheld.items()))
        return f"{held} left out under ground rules: {reasons}."


@dataclass
class ImportOutcome:
    """What became of one document file or web address."""

    item: str
    """The path or address as it was given."""
    status: Literal["added", "merged", "duplicate", "error"]
    source_id: SourceId | None = None
    """The source added, merged into, or already holding the same source (duplicate)."""
    message: str = ""
    """For errors: what was wrong and what to do."""
    title: str = ""
    draft: SourceDraft | None = field(default=None, repr=False)
    """For duplicates: what was read, so it can still be merged or added (``import_drafts``)."""


# How a document's outcome counts in the report's totals.
_COUNTED_AS = {"added": "added", "merged": "updated", "duplicate": "unchanged"}


@dataclass
class ImportReport:
    """What an import changed: counts by kind of item ("source", "quote" …) and, for documents
    and web pages, what became of each file or address, in the order they were given."""

    added: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    outcomes: list[ImportOutcome] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    """For an import of several inputs, a line each: 'zotero.bib: Added 12 sources.'"""

    def count(self, which: dict[str, int], noun: str, n: int = 1) -> None:
        which[noun] = which.get(noun, 0) + n

    def record(self, outcome: ImportOutcome) -> None:
        """Add a document's outcome, counted as a source added, updated or already there."""
        self.outcomes.append(outcome)
        if outcome.status in _COUNTED_AS:
            self.count(getattr(self, _COUNTED_AS[outcome.status]), "source")

    def extend(self, other: ImportReport) -> None:
        """Add what another import of the same run did."""
        for mine, theirs in ((self.added, other.added), (self.updated, other.updated),
                             (self.unchanged, other.unchanged)):
            for noun, n in theirs.items():
                self.count(mine, noun, n)
        self.outcomes += other.outcomes
        self.lines += other.lines

    def with_status(self, status: str) -> list[ImportOutcome]:
        return [o for o in self.outcomes if o.status == status]

    @property
    def duplicates(self) -> list[ImportOutcome]:
        return self.with_status("duplicate")

    @property
    def errors(self) -> list[ImportOutcome]:
        return self.with_status("error")

    def summary(self) -> str:
        """'Added 3 sources and 12 quotes; updated 1 speaker; 4 already there; 1 could not be read.'"""
        parts = []
        if self.added:
            parts.append("added " + _join(self.added))
        if self.updated:
            parts.append("updated " + _join(self.updated))
        same = sum(self.unchanged.values())
        if same:
            parts.append(f"{same} already there")
        if self.errors:
            parts.append(f"{len(self.errors)} could not be read")
        text = "; ".join(parts) or "nothing to import"
        return text[0].upper() + text[1:] + "."


def _join(counts: dict[str, int]) -> str:
    items = [count_of(n, noun) for noun, n in counts.items() if n]
    return ", ".join(items[:-1]) + (" and " if len(items) > 1 else "") + items[-1] if items else "nothing"
