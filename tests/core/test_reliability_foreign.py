"""Another program's SQLite file is never changed: every command refuses it byte for byte."""

import hashlib
import sqlite3
import subprocess
import sys

import pytest

from qtapp.cli import build_parser
from qtapp.core.errors import NotALibrary
from qtapp.core.library import Library

# The extra arguments each subcommand needs to reach the library.
ARGUMENTS = {
    "backup": [[], ["--list"]],
    "restore": [[]],
    "check": [[], ["--json"]],
    "cite": [[]],
    "export": [["--format", "csl-json", "-o", "{out}/refs.json"], ["--format", "sheet-md", "-o", "{out}/s.md"]],
    "extract": [["{text}"]],
    "import": [["{refs}"]],
}


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
    commands = set(build_parser()._subparsers._group_actions[0].choices)
    assert commands == set(ARGUMENTS), "give the new command's arguments in ARGUMENTS"


@pytest.mark.parametrize("command,extra", [(c, a) for c, variants in ARGUMENTS.items() for a in variants])
def test_a_command_refuses_another_programs_database_and_leaves_it_byte_identical(tmp_path, command, extra):
    notes = tmp_path / "notes.db"
    _foreign_file(notes)
    before = _digest(notes)
    (tmp_path / "story.txt").write_text('"We will rebuild the pier," the harbour master said.\n')
    (tmp_path / "refs.json").write_text('[{"id": "a", "type": "article-newspaper", "title": "Pier plan"}]')
    fill = {"out": tmp_path, "text": tmp_path / "story.txt", "refs": tmp_path / "refs.json"}
    args = [a.format(**fill) for a in extra]
    run = subprocess.run([sys.executable, "main.py", command, "--library", str(notes), *args],
                         capture_output=True, text=True, timeout=120)
    assert "Traceback" not in run.stderr + run.stdout
    if command not in ("extract", "restore") and extra != ["--list"]:  # these never open the library
        assert run.returncode != 0
        assert "another program" in run.stderr, run.stderr
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
