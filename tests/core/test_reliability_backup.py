"""Backups beside the library, restore that keeps the current file, and damage found on open."""

import os
import sqlite3
import stat

import pytest
from sqlite_utils import Database

from qtapp.core import backup
from qtapp.core.errors import LibraryBusy, LibraryDamaged, LibraryTooNew, NotFound
from qtapp.core.library import Library
from qtapp.core.schema import migrations


def _fill(lib, n, prefix="The harbour will reopen"):
    speaker = lib.speakers.add("Marta Quillon", aliases=["Quillon"])
    return lib.quotes.add_many([{"words": f"{prefix}, round {i}.", "speaker_id": speaker, "said": "2024-03-02"}
                                for i in range(n)])


def _words(path):
    with Library(path, backups=False) as lib:
        return sorted(r[0] for r in lib.db.execute("SELECT words FROM quotes"))


def _mode(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def test_backup_is_a_consistent_private_copy(tmp_path):
    path = tmp_path / "desk.verbatim"
    with Library(path) as lib:
        _fill(lib, 5)
        made = backup.backup_now(path)
        assert _mode(path) == 0o600
        assert _mode(f"{path}-wal") == 0o600 and _mode(f"{path}-shm") == 0o600
    assert made.path.parent == tmp_path / "backups"
    assert _mode(made.path) == 0o600 and _mode(made.path.parent) == 0o700
    assert _words(made.path) == _words(path)
    assert not list(made.path.parent.glob("*-wal")) and not list(made.path.parent.glob(".*"))
    assert backup.list_backups(path) == [made]


def test_restore_brings_back_the_backup_and_keeps_the_current_file(tmp_path):
    path = tmp_path / "desk.verbatim"
    with Library(path) as lib:
        _fill(lib, 3)
        backup.backup_now(path)
        lib.quotes.add("A later quote nobody backed up.", lib.speakers.add("Ilse Varga"))
    before = _words(path)
    restored = backup.restore(path)
    after = _words(path)
    assert len(after) == 3 and "A later quote nobody backed up." not in after
    assert _words(restored.kept_copy) == before  # nothing lost: the replaced file is kept
    assert _mode(path) == 0o600
    with Library(path) as lib:  # the restored library works
        lib.quotes.add("Written after the restore.", lib.speakers.add("Ilse Varga"))


def test_a_library_name_with_uri_characters_backs_up_and_restores(tmp_path):
    path = tmp_path / "Desk #2? 100% sure.verbatim"
    with Library(path) as lib:
        _fill(lib, 2)
    made = backup.backup_now(path)
    assert _words(made.path) == _words(path)
    backup.restore(path, made.path)
    assert len(_words(path)) == 2


def test_restore_is_refused_while_the_library_is_open_elsewhere(tmp_path):
    path = tmp_path / "desk.verbatim"
    with Library(path) as lib:
        _fill(lib, 2)
        made = backup.backup_now(path)
        lib.quotes.add("Typed in the window that is still open.", lib.speakers.add("Ilse Varga"))
        with pytest.raises(LibraryBusy, match="open in another window"):
            backup.restore(path, made.path)
        assert lib.quotes.count() == 3  # the open window goes on working
    backup.restore(path, made.path)  # once it is closed, the restore goes ahead
    assert len(_words(path)) == 2


def test_restore_refuses_a_damaged_backup_and_changes_nothing(tmp_path):
    path = tmp_path / "desk.verbatim"
    with Library(path) as lib:
        _fill(lib, 2)
    bad = tmp_path / "bad.verbatim"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 500)
    original = path.read_bytes()
    with pytest.raises(LibraryDamaged):
        backup.restore(path, bad)
    assert path.read_bytes() == original
    with pytest.raises(NotFound):
        backup.restore(tmp_path / "never-backed-up.verbatim")


def test_only_the_newest_backups_are_kept(tmp_path):
    path = tmp_path / "desk.verbatim"
    with Library(path) as lib:
        _fill(lib, 1)
    made = [backup.backup_now(path, keep=3) for _ in range(5)]
    assert [b.path for b in backup.list_backups(path)] == [b.path for b in reversed(made[-3:])]


def test_reopening_backs_up_once_a_day(tmp_path):
    path = tmp_path / "desk.verbatim"
    with Library(path) as lib:
        _fill(lib, 2)
    assert backup.list_backups(path) == []  # a brand-new library has nothing to lose yet
    for _ in range(3):
        Library(path).close()
    daily = backup.list_backups(path)
    assert [b.reason for b in daily] == ["daily"]


def test_an_upgrade_is_preceded_by_a_backup(tmp_path):
    path = tmp_path / "old.verbatim"
    db = Database(path)
    migrations.apply(db, stop_before="m003_check_results")
    db.close()
    Library(path).close()
    (before,) = backup.list_backups(path)
    assert before.reason == "before-migration"
    tables = set(Database(before.path).table_names())
    assert "quotes" in tables and "findings" not in tables


def test_a_truncated_library_is_reported_with_its_backup_and_left_alone(tmp_path):
    path = tmp_path / "desk.verbatim"
    with Library(path) as lib:
        _fill(lib, 400, prefix="A long enough sentence to fill several pages of the library file")
    Library(path).close()  # the daily backup
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(LibraryDamaged) as e:
        Library(path)
    assert "latest backup is from" in str(e.value) and "verbatim restore" in str(e.value)
    assert path.read_bytes() == data[: len(data) // 2]
    backup.restore(path)
    assert len(_words(path)) == 400


def test_garbage_inside_the_file_is_found_on_an_unclean_open(tmp_path):
    path = tmp_path / "desk.verbatim"
    with Library(path) as lib:
        _fill(lib, 400, prefix="A long enough sentence to fill several pages of the library file")
    size = path.stat().st_size
    with open(path, "r+b") as f:  # scribble over pages in the middle, header intact
        f.seek(size // 2)
        f.write(os.urandom(8192))
    damaged = path.read_bytes()
    with pytest.raises(LibraryDamaged, match="no backup"):
        Library(path)
    assert path.read_bytes() == damaged


def test_a_file_from_a_newer_version_is_refused_untouched(tmp_path):
    path = tmp_path / "desk.verbatim"
    Library(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                 "VALUES ('verbatim', 'm999_from_the_future', '2030-01-01')")
    conn.commit()
    conn.close()
    original = path.read_bytes()
    with pytest.raises(LibraryTooNew):
        Library(path)
    assert path.read_bytes() == original


def test_the_check_runs_after_an_unclean_close_even_when_checked_today(tmp_path):
    path = tmp_path / "desk.verbatim"
    with Library(path) as lib:
        _fill(lib, 2)
    Library(path).close()  # today's check and backup
    assert not backup.needs_check(path)
    left_open = Library(path, backups=False)  # like a window that crashed: its WAL stays behind
    left_open.quotes.add("Written before the crash.", 1)
    assert backup.needs_check(path)
    left_open.close()
    assert not backup.needs_check(path)


def test_a_window_opens_at_once_and_checks_and_backs_up_in_the_background(tmp_path):
    path = tmp_path / "desk.verbatim"
    with Library(path, backups=False) as lib:
        _fill(lib, 3)
    with Library(path, defer_daily=True) as lib:
        assert lib.daily_due and backup.latest_backup(path) is None  # nothing done while opening
        made = backup.daily_maintenance(path, keep=5)
    assert made is not None and made.reason == "daily"
    assert len(_words(made.path)) == 3
    with Library(path, defer_daily=True) as lib:
        assert not lib.daily_due                       # today's copy exists
    assert backup.daily_maintenance(path) is None


def test_the_background_check_refuses_to_back_up_a_damaged_library(tmp_path):
    path = tmp_path / "desk.verbatim"
    with Library(path, backups=False) as lib:
        _fill(lib, 200)
    size = path.stat().st_size
    with open(path, "r+b") as f:
        f.seek(size // 2)
        f.write(os.urandom(8192))
    with pytest.raises(LibraryDamaged, match=r"damaged|not a database|malformed"):
        backup.daily_maintenance(path)
    assert backup.latest_backup(path) is None
