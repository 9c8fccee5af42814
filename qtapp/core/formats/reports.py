"""What an export wrote and what an import added, in words a reporter reads."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..plural import count_of


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
class ImportReport:
    """What an import changed: counts by kind of item ("source", "quote" …)."""

    added: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)

    def count(self, which: dict[str, int], noun: str, n: int = 1) -> None:
        which[noun] = which.get(noun, 0) + n

    def summary(self) -> str:
        """'Added 3 sources and 12 quotes; updated 1 speaker; 4 already there.'"""
        parts = []
        if self.added:
            parts.append("added " + _join(self.added))
        if self.updated:
            parts.append("updated " + _join(self.updated))
        same = sum(self.unchanged.values())
        if same:
            parts.append(f"{same} already there")
        text = "; ".join(parts) or "nothing to import"
        return text[0].upper() + text[1:] + "."


def _join(counts: dict[str, int]) -> str:
    items = [count_of(n, noun) for noun, n in counts.items() if n]
    return ", ".join(items[:-1]) + (" and " if len(items) > 1 else "") + items[-1] if items else "nothing"
