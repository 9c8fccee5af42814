"""Another program's SQLite file is never changed: every command refuses it byte for byte."""

import hashlib
import sqlite3

import pytest

from bench import cli_runs
from qtapp.core.errors import NotALibrary
from qtapp.core.library import Library


def _foreign_file(path):
    """A notes app's database, with a table named like one of Verbatim's."""
    conn = sqlite3.connect(path)
    conn.executescript("CREATE TABLE quotes (id INTEGER PRIMARY KEY, body TEXT);"
                       "CREATE TABLE notebooks (id INTEGER PRIMARY KEY, name TEXT);"
                       "INSERT INTO quotes (body) VALUES ('Buy milk'); INSERT INTO notebooks (name) VALUES ('Home');")
    conn.commit()
    conn.close()


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_command_has_arguments_here():
    assert cli_runs.subcommands() == set(cli_runs.ARGUMENTS), "give the new command's arguments"


@pytest.mark.parametrize("number", range(len(cli_runs.ARGUMENTS_FLAT)))
def test_a_command_refuses_another_programs_database_and_leaves_it_byte_identical(tmp_path, number):
    notes = tmp_path / "notes.db"
    _foreign_file(notes)
    before = _digest(notes)
    command, args = cli_runs.invocations(tmp_path)[number]
    done = cli_runs.run(command, notes, args)
    assert cli_runs.problem(done) is None
    if command not in ("extract", "restore") and args != ["--list"]:  # these never open the library
        assert done.returncode != 0 and "another program" in done.stderr, done.stderr
    assert _digest(notes) == before
    assert not (tmp_path / "notes.db-wal").exists() and not (tmp_path / "backups").exists()


def test_the_core_refuses_it_too_and_names_its_tables(tmp_path):
    notes = tmp_path / "notes.db"
    _foreign_file(notes)
    before = _digest(notes)
    with pytest.raises(NotALibrary, match="notebooks, quotes"):
        Library(notes)
    assert _digest(notes) == before


def test_an_empty_sqlite_file_becomes_a_library(tmp_path):
    empty = tmp_path / "new.db"
    sqlite3.connect(empty).execute("PRAGMA user_version = 0").connection.close()
    with Library(empty) as lib:
        lib.speakers.add("Odile Ferrant")
    with Library(empty) as lib:
        assert lib.speakers.lookup("Odile Ferrant")
