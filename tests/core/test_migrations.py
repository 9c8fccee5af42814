"""Upgrading: a library at every earlier schema state upgrades with its data intact."""

import sqlite3

import pytest
from sqlite_utils import Database

from qtapp.core.errors import LibraryDamaged, LibraryTooNew
from qtapp.core.library import Library
from qtapp.core.query import QuoteQuery
from qtapp.core.schema import SCHEMA_MIGRATIONS, migrations

NOW = "2023-11-09T10:00:00+00:00"


def _fill_at_first_state(db: Database) -> None:
    db.execute("INSERT INTO speakers (uuid, name, sort_name, created_at, updated_at) "
               "VALUES ('s-1', 'Antony Blinken', 'Blinken, Antony', ?, ?)", [NOW, NOW])
    db.execute("INSERT INTO speaker_aliases (uuid, speaker_id, alias) VALUES ('a-1', 1, 'Secretary Blinken')")
    db.execute("INSERT INTO sources (uuid, kind, title, date, text, created_at, updated_at) "
               "VALUES ('src-1', 'press_conference', 'Seoul briefing', '2023-11', 'We are watching closely.', ?, ?)",
               [NOW, NOW])
    db.execute("INSERT INTO quotes (uuid, words, speaker_id, source_id, said, created_at, updated_at) "
               "VALUES ('q-1', 'We are watching closely.', 1, 1, '2023-11-09', ?, ?)", [NOW, NOW])
    db.conn.commit()


@pytest.mark.parametrize("stop_before", SCHEMA_MIGRATIONS[1:])
def test_a_library_at_an_earlier_state_upgrades_with_everything_intact(tmp_path, stop_before):
    path = tmp_path / "old.verbatim"
    db = Database(path)
    migrations.apply(db, stop_before=SCHEMA_MIGRATIONS[1])
    _fill_at_first_state(db)
    migrations.apply(db, stop_before=stop_before)
    db.conn.close()

    lib = Library(path)
    assert [m.name for m in migrations.applied(lib.db)] == SCHEMA_MIGRATIONS
    q = lib.quotes.get(1)
    assert (q.uuid, q.words, q.said.iso, q.source_id) == ("q-1", "We are watching closely.", "2023-11-09", 1)
    assert lib.sources.get(1).title == "Seoul briefing"
    assert lib.speakers.get(1).aliases == ["Secretary Blinken"]
    assert lib.quotes.count(QuoteQuery(text="watching")) == 1
    assert lib.quotes.count(QuoteQuery(speaker="Secretary Blinken")) == 1
    lib.close()


def test_a_library_from_a_newer_version_is_refused_and_not_altered(tmp_path):
    path = tmp_path / "future.verbatim"
    Library(path).close()
    db = Database(path)
    db["_sqlite_migrations"].insert({"migration_set": "verbatim", "name": "m999_from_the_future",
                                     "applied_at": NOW})
    db.conn.close()
    before = path.read_bytes()
    with pytest.raises(LibraryTooNew, match="newer version"):
        Library(path)
    assert path.read_bytes() == before


def test_a_file_that_is_not_sqlite_is_refused_and_not_altered(tmp_path):
    path = tmp_path / "notes.verbatim"
    path.write_text("These are my notes, not a database.\n" * 50)
    before = path.read_bytes()
    with pytest.raises(LibraryDamaged, match="not a Verbatim library"):
        Library(path)
    assert path.read_bytes() == before


def test_the_library_uses_wal_foreign_keys_and_a_busy_timeout(library):
    assert library.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert library.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert library.db.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    with pytest.raises(sqlite3.IntegrityError):
        library.db.execute("INSERT INTO quotes (uuid, words, speaker_id, created_at, updated_at) "
                           "VALUES ('x', 'w', 999, 'now', 'now')")
