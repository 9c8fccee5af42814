"""The backups dialog and the restore offered when a library will not open."""

import pytest

from qtapp.core import backup
from qtapp.core.errors import LibraryDamaged
from qtapp.core.library import Library
from qtapp.gui import recovery


@pytest.fixture
def answers(monkeypatch):
    """Answer every question with the next queued reply and keep every message shown."""
    state = {"replies": [], "asked": [], "told": []}

    def ask(parent, title, text):
        state["asked"].append(text)
        return state["replies"].pop(0)

    monkeypatch.setattr(recovery, "ask", ask)
    monkeypatch.setattr(recovery, "tell", lambda parent, title, text: state["told"].append(text))
    return state


def _library_with_backup(tmp_path):
    path = tmp_path / "desk.verbatim"
    with Library(path) as lib:
        lib.quotes.add("The tide gauge is broken.", lib.speakers.add("Anouk Brel"))
        made = backup.backup_now(path)
    return path, made


def test_a_damaged_library_is_restored_when_the_user_agrees(tmp_path, answers):
    path, _made = _library_with_backup(tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[:100] + b"\x00" * (len(data) - 100))
    with pytest.raises(LibraryDamaged) as error:
        Library(path)
    answers["replies"] = [True]
    assert recovery.offer_restore(None, path, error.value)
    assert "Restore the backup from" in answers["asked"][0]
    assert "damaged" in answers["asked"][0]
    with Library(path) as lib:
        assert lib.quotes.count() == 1
    assert any("kept" in t for t in answers["told"])


def test_declining_leaves_the_file_alone(tmp_path, answers):
    path, _ = _library_with_backup(tmp_path)
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    damaged = path.read_bytes()
    answers["replies"] = [False]
    assert not recovery.offer_restore(None, path, LibraryDamaged("damaged"))
    assert path.read_bytes() == damaged


def test_without_a_backup_only_the_error_is_shown(tmp_path, answers):
    assert not recovery.offer_restore(None, tmp_path / "lost.verbatim", LibraryDamaged("It is damaged."))
    assert answers["asked"] == []
    assert "no backup" in answers["told"][0]


def test_the_dialog_lists_backups_backs_up_and_restores(qtbot, tmp_path, answers):
    path, made = _library_with_backup(tmp_path)
    with Library(path) as lib:
        lib.quotes.add("Logged after the backup.", lib.speakers.add("Piet Hollander"))
    closed = []
    dialog = recovery.BackupsDialog(None, path, close_library=lambda: closed.append(True))
    qtbot.addWidget(dialog)
    assert dialog.list.count() == len(backup.list_backups(path))
    dialog.backup_now()
    assert dialog.list.count() == len(backup.list_backups(path))
    # choose the first backup (the oldest), taken before the second quote
    for row in range(dialog.list.count()):
        if dialog.list.item(row).toolTip() == str(made.path):
            dialog.list.setCurrentRow(row)
    answers["replies"] = [True]
    dialog.restore_selected()
    assert closed == [True]
    assert dialog.restored is not None and dialog.restored.source == made.path
    with Library(path) as lib:
        assert lib.quotes.count() == 1


def test_the_restore_button_needs_a_choice(qtbot, tmp_path, answers):
    dialog = recovery.BackupsDialog(None, tmp_path / "new.verbatim")
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 0
    assert not dialog.restore_button.isEnabled()
    assert "No backups yet" in dialog.status.text()


def test_an_unreadable_backups_folder_is_said_not_raised(qtbot, tmp_path, answers, monkeypatch):
    from qtapp.core.errors import LibraryError

    def unreadable(_path):
        raise LibraryError("The backups folder cannot be read. Run: sudo chown -R \"$USER\" backups")

    monkeypatch.setattr(backup, "list_backups", unreadable)
    monkeypatch.setattr(backup, "latest_backup", unreadable)
    assert not recovery.offer_restore(None, tmp_path / "desk.verbatim", LibraryDamaged("It is damaged."))
    assert "cannot be read" in answers["told"][0] and answers["asked"] == []
    dialog = recovery.BackupsDialog(None, tmp_path / "desk.verbatim")
    qtbot.addWidget(dialog)
    assert "cannot be read" in dialog.status.text() and dialog.list.count() == 0
