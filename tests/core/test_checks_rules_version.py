"""Findings made by another version's rules are made again, not kept as if current."""

import sqlite3

from qtapp.core.checks import check_quotes, findings_for, is_stale, mark_due, recheck, verify_stored
from qtapp.core.checks.rules_version import RULES_VERSION
from qtapp.core.library import Library

TEXT = ("The harbour board met on Monday.\n\n"
        "“We will rebuild the east wall first,” said Petra Lind, who chairs the board. “Then the pier.”")


def _checked_quotes(lib: Library) -> tuple[int, int]:
    lind = lib.speakers.add("Petra Lind")
    source = lib.sources.add("article", "Harbour board meets", date="2024-03-04", text=TEXT)
    first = lib.quotes.add("We will rebuild the east wall first", lind, source_id=source)
    second = lib.quotes.add("Then the pier.", lind, source_id=source)
    check_quotes(lib, [first, second])
    return first, second


def _as_older_rules_left_it(lib: Library, quote_id: int) -> None:
    """What a version with a stricter marks rule stored: a warning a fresh run does not give."""
    with lib.write() as db:
        db.execute("INSERT INTO findings (quote_id, check_name, severity, code, message) "
                   "VALUES (?, 'marks', 'warning', 'unpaired_marks', 'The quotation marks do not pair up.')",
                   [quote_id])
        db.execute("UPDATE quotes SET check_status = 'warning' WHERE id = ?", [quote_id])
        db.execute("UPDATE checks_rules SET version = ?", [RULES_VERSION - 1])


def _version(lib: Library) -> int:
    return lib.db.execute("SELECT version FROM checks_rules").fetchone()[0]


def test_findings_of_older_rules_are_marked_when_the_library_opens_and_made_again(library):
    first, _second = _checked_quotes(library)
    assert verify_stored(library) == []
    _as_older_rules_left_it(library, first)
    assert verify_stored(library) == [first]

    assert mark_due(library) == 2            # what the window and `check --stale` run first
    assert is_stale(library, first)
    recheck(library)

    assert verify_stored(library) == []
    assert [f.check for f in findings_for(library, first) if f.check == "marks"] == []
    assert library.quotes.get(first).check_status != "warning"
    assert _version(library) == RULES_VERSION


def test_checking_some_quotes_marks_the_others_checked_by_older_rules(library):
    first, second = _checked_quotes(library)
    _as_older_rules_left_it(library, second)

    check_quotes(library, [first])

    assert not is_stale(library, first)
    assert is_stale(library, second)
    recheck(library)
    assert verify_stored(library) == []


def test_findings_of_these_rules_are_not_checked_again(library):
    _checked_quotes(library)
    assert mark_due(library) == 0
    assert recheck(library).checked == []


def test_a_library_upgraded_from_before_the_rules_had_a_version_checks_its_quotes_again(tmp_path):
    path = tmp_path / "older.verbatim"
    lib = Library(path, backups=False)
    first, second = _checked_quotes(lib)
    lib.close()
    with sqlite3.connect(path) as conn:     # the library as the version before m011 left it
        conn.execute("DROP TABLE checks_rules")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm011_checks_rules'")
    conn.close()

    lib = Library(path, backups=False)
    try:
        assert _version(lib) == 0
        mark_due(lib)
        assert is_stale(lib, first) and is_stale(lib, second)
        assert sorted(recheck(lib).checked) == [first, second]
        assert _version(lib) == RULES_VERSION
    finally:
        lib.close()
