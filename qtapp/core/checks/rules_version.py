"""Findings made by other rules are checked again: the version of the checks' rules.

A library stores which version of the rules made its findings (``checks_rules``). When the
version running differs, every checked quote is marked stale at once, so the next re-check
makes its findings again, as after an edit::

    mark_other_rules(db)    # inside a write transaction: how many quotes it marked

Raise :data:`RULES_VERSION` in the release that changes what any check finds for the same
quote and library (a rule added, removed, or reading the words differently).
"""

from __future__ import annotations

from sqlite_utils import Database

# 1: marks pair up across the paragraphs of a quote carried over several paragraphs.
RULES_VERSION = 1


def other_rules(db: Database) -> bool:
    """Whether the stored findings were made by another version of the rules."""
    return db.execute("SELECT version FROM checks_rules").fetchone()[0] != RULES_VERSION


def mark_other_rules(db: Database) -> int:
    """Mark every checked live quote stale if another version of the rules checked it, and
    record this version; returns how many were marked. Call inside a write transaction."""
    if not other_rules(db):
        return 0
    marked = db.execute("INSERT OR REPLACE INTO stale_checks (quote_id) SELECT id FROM quotes "
                        "WHERE check_status IS NOT NULL AND deleted_at IS NULL").rowcount
    db.execute("UPDATE checks_rules SET version = ?", [RULES_VERSION])
    return marked
