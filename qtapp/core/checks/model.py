"""What the checks produce: findings, and one quote's verdicts and status."""

from __future__ import annotations

from dataclasses import dataclass, field

STATUSES = ("ok", "info", "warning", "blocking")
CHECK_LABELS = {
    "verbatim": "Verbatim", "speaker": "Speaker", "ground_rule": "Ground rule", "dates": "Dates",
    "duplicates": "Duplicates", "second_hand": "Second-hand", "translated": "Translation",
    "marks": "Quotation marks",
}


@dataclass
class Finding:
    """One thing a check noticed, in words a reporter reads, with where it is in the source.

    ``detail`` holds what a screen needs to show it (a diff, the other quote's id); its
    ``key`` tells a finding that comes back on a re-run from a new one, so an acknowledgement
    survives the re-run.
    """

    check: str
    severity: str
    code: str
    message: str
    span: tuple[int, int] | None = None
    detail: dict = field(default_factory=dict)
    id: int | None = None
    acknowledged_at: str | None = None
    acknowledged_reason: str = ""

    @property
    def identity(self) -> tuple[str, str, str]:
        return self.check, self.code, str(self.detail.get("key", ""))

    @property
    def counts(self) -> bool:
        """True when the finding still counts toward the quote's status (not acknowledged)."""
        return self.acknowledged_at is None


@dataclass
class QuoteCheck:
    """The result of checking one quote: a verdict per check, the findings and the status."""

    quote_id: int
    verdicts: dict[str, str] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    @property
    def status(self) -> str:
        return status_of(self.findings)

    @property
    def blocks(self) -> bool:
        return self.status == "blocking"


def status_of(findings: list[Finding]) -> str:
    """'ok', or the gravest severity among findings that are not acknowledged."""
    worst = "ok"
    for f in findings:
        if f.counts and STATUSES.index(f.severity) > STATUSES.index(worst):
            worst = f.severity
    return worst
