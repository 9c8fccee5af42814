"""Backups that cannot be lost: no damaged copy displaces a good one, an unusable backups folder
never stops work, programs opening a library at once never collide, and checking a library on
open never drops the locks of a window that has it open."""

import multiprocessing
import os
import random
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from qtapp.core import backup
from qtapp.core.errors import LibraryDamaged, LibraryError
from qtapp.core.library import Library
from tests.logged import caught_warnings

NOBODY = 65534


def _fill(path, n=200):
    with Library(path, backups=False) as lib:
        speaker = lib.speakers.add("Marta Quillon")
        lib.quotes.add_many([{"words": f"The harbour will reopen in spring, round {i}.", "speaker_id": speaker}
                             for i in range(n)])


def _damage(path, where=0.5):
    """Scribble over a page ``where`` (a fraction) into the file, with the library closed."""
    with open(path, "r+b") as f:
        f.seek(int(path.stat().st_size * where) // 4096 * 4096)
        f.write(random.Random(7).randbytes(4096))


def _mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture(scope="module")
def sources(tmp_path_factory):
    """Connections to a good library, two damaged ones and a plain SQLite file that is no library.

    The damage in the middle of the file stops SQLite reading it; the one further on is copied
    as it is, and only the check of the copy finds it.
    """
    folder = tmp_path_factory.mktemp("sources")
    paths = {name: folder / f"{name}.verbatim" for name in ("good", "damaged", "damaged-later")}
    _fill(paths["good"])
    for name, path in paths.items():
        if name != "good":
            shutil.copyfile(paths["good"], path)
            _damage(path, 0.5 if name == "damaged" else 0.7)
            with pytest.raises(LibraryDamaged):  # the damage is real
                backup.verify_backup(path)
    paths["foreign"] = folder / "notes.db"
    Database(paths["foreign"])["notes"].insert({"body": "Call the harbour master."})
    conns = {name: sqlite3.connect(path) for name, path in paths.items()}
    yield conns
    for c in conns.values():
        c.close()


_steps = st.lists(st.one_of(
    st.tuples(st.just("good"), st.sampled_from(backup.REASONS), st.none() | st.integers(0, 4)),
    st.tuples(st.sampled_from(["damaged", "damaged-later", "foreign"]), st.sampled_from(backup.REASONS),
              st.none() | st.integers(0, 4)),
    st.tuples(st.just("daily"), st.sampled_from(["damaged", "damaged-later", "foreign"]), st.integers(0, 4)),
    st.tuples(st.just("prune"), st.none(), st.integers(0, 4)),
), max_size=12)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=_steps)
def test_no_damaged_copy_ever_displaces_a_good_backup(sources, steps):
    with tempfile.TemporaryDirectory() as folder:
        library = Path(folder) / "desk.verbatim"
        good = []  # the good backups, oldest first: what must be there after every step
        for kind, reason, keep in steps:
            if kind == "prune":
                backup.prune(library, keep)
            elif kind == "daily":  # a failed daily backup is logged, never raised
                assert backup.daily_backup(library, sources[reason], keep=keep) is None
            elif kind == "good":
                good.append(backup.backup_now(library, reason, keep=keep, conn=sources["good"]).path)
            else:
                with pytest.raises(LibraryDamaged, match="not backed up"):
                    backup.backup_now(library, reason, keep=keep, conn=sources[kind])
            if kind in ("good", "prune") and keep is not None:
                good = good[-max(keep, 1):]
            assert [b.path for b in backup.list_backups(library)] == good[::-1]
            folder = backup.backups_folder(library)
            assert sorted(os.listdir(folder) if folder.exists() else []) == sorted(p.name for p in good)


def _open_once(path, start, results):
    with caught_warnings() as warnings:
        start.wait()
        Library(path).close()
    results.put(warnings)


def test_programs_opening_a_library_at_once_take_one_daily_backup(tmp_path):
    path = tmp_path / "desk.verbatim"
    _fill(path, 1000)
    spawn = multiprocessing.get_context("spawn")
    start, results = spawn.Barrier(4), spawn.Queue()
    programs = [spawn.Process(target=_open_once, args=(path, start, results)) for _ in range(4)]
    for p in programs:
        p.start()
    warnings = [w for _ in programs for w in results.get(timeout=120)]
    for p in programs:
        p.join()
        assert p.exitcode == 0
    assert warnings == []  # no collision, and no "free some disk space" on a disk with room
    assert [b.reason for b in backup.list_backups(path)] == ["daily"]
    assert os.listdir(backup.backups_folder(path)) == [backup.latest_backup(path).path.name]


def test_backups_are_owner_only_whatever_the_folder_was(tmp_path):
    path = tmp_path / "desk.verbatim"
    _fill(path, 2)
    folder = backup.backups_folder(path)
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)  # as an older version, or a copy from another machine, left it
    older = folder / "desk 2026-01-05-080000 daily.verbatim"
    shutil.copyfile(path, older)
    os.chmod(older, 0o644)
    made = backup.backup_now(path)
    assert _mode(folder) == 0o700
    assert {p.name: _mode(p) for p in folder.iterdir()} == {older.name: 0o600, made.path.name: 0o600}


def test_a_failed_backup_says_disk_full_only_when_it_is(tmp_path, monkeypatch):
    path = tmp_path / "desk.verbatim"
    _fill(path, 2)

    def fail(error):
        def replace(*_):
            raise error
        monkeypatch.setattr(backup.os, "replace", replace)
        with pytest.raises(LibraryError) as e:
            backup.backup_now(path)
        return str(e.value)

    assert "Free some disk space" in fail(OSError(28, "No space left on device"))
    assert "disk space" not in fail(OSError(5, "Input/output error"))
    assert not [p for p in backup.backups_folder(path).iterdir()]  # nothing half-made is left


_FOREIGN_OPEN = ("import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
                 "c.execute('SELECT count(*) FROM quotes'); c.close()")
_COUNT = ("import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
          "print(c.execute('SELECT count(*) FROM quotes').fetchone()[0]); c.close()")


def test_checking_a_library_on_open_keeps_the_locks_of_a_window_open_on_it(tmp_path):
    """Closing any descriptor of the file would drop the window's locks (POSIX): another program
    closing the library would then delete the WAL the window goes on writing to."""
    path = tmp_path / "desk.verbatim"
    _fill(path, 2)
    window = Library(path, backups=False)
    try:
        window.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # an empty WAL: the file's header is read
        assert not backup.closed_badly(path)
        subprocess.run([sys.executable, "-c", _FOREIGN_OPEN, str(path)], check=True)
        window.quotes.add("Logged after another program had a look.", 1)
        seen = subprocess.run([sys.executable, "-c", _COUNT, str(path)], check=True, capture_output=True, text=True)
        assert int(seen.stdout) == 3  # the save is in the library's WAL, not in a deleted one
    finally:
        window.close()


def test_what_a_killed_backup_left_is_removed_by_the_next(tmp_path):
    path = tmp_path / "desk.verbatim"
    _fill(path, 2)
    folder = backup.backups_folder(path)
    folder.mkdir()
    left = [folder / ".desk.verbatim 1x2y3z.partial", folder / ".desk.verbatim 1x2y3z.partial-journal"]
    for p in left:
        p.write_bytes(b"half a copy")
        os.utime(p, (1, 1))  # long ago
    running = folder / ".desk.verbatim 4v5w6q.partial"  # another program's copy in progress
    running.write_bytes(b"a copy being made")
    made = backup.backup_now(path)
    assert sorted(os.listdir(folder)) == sorted([running.name, made.path.name])
