"""Starting the application: first start with the sample, and a library that will not open."""

from PySide6.QtWidgets import QApplication

from qtapp.core.library import Library
from qtapp.gui import app, ops


def test_first_start_creates_the_library_and_offers_the_sample(qtbot, tmp_path, monkeypatch):
    path = tmp_path / "first.verbatim"
    monkeypatch.setenv("VERBATIM_LIBRARY", str(path))
    monkeypatch.setattr(app, "install_excepthook", lambda: None)   # pytest-qt watches exceptions itself
    asked = []
    monkeypatch.setattr(app, "offer_sample", lambda parent: asked.append(parent) or True)

    def run_until_idle(self):
        ops.wait_for_all()      # the sample's checks, started in the background
        for window in QApplication.topLevelWidgets():
            window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", run_until_idle)
    assert app.run_app(None) == 0
    assert len(asked) == 1
    with Library(path) as lib:
        assert lib.quotes.count() > 0
        assert all(row.check_status for row in lib.quotes.page(limit=100))


def test_a_library_that_cannot_open_ends_with_status_2(qtbot, tmp_path, monkeypatch):
    folder_as_library = tmp_path / "a folder"
    folder_as_library.mkdir()
    shown = []
    monkeypatch.setattr(app, "install_excepthook", lambda: None)
    monkeypatch.setattr(app, "_show_and_wait", lambda parent, error: shown.append(str(error)))
    assert app.run_app(str(folder_as_library)) == 2
    assert shown and "folder" in shown[0]


def test_the_daily_backup_runs_after_the_window_opens(qtbot, tmp_path, monkeypatch):
    from qtapp.core import backup

    path = tmp_path / "desk.verbatim"
    with Library(path, backups=False) as lib:
        lib.quotes.add("The pier reopens in May.", lib.speakers.add("Noor Haddad"))
    monkeypatch.setattr(app, "install_excepthook", lambda: None)

    def run_until_idle(self):
        for window in QApplication.topLevelWidgets():
            window.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", run_until_idle)
    assert app.run_app(str(path)) == 0      # run_app waits for the maintenance thread
    made = backup.latest_backup(path)
    assert made is not None and made.reason == "daily"


def test_damage_found_in_the_background_is_shown(qtbot, tmp_path, monkeypatch):
    from qtapp.core import backup
    from qtapp.core.errors import LibraryDamaged

    path = tmp_path / "desk.verbatim"
    with Library(path, backups=False) as lib:
        lib.quotes.add("The pier reopens in May.", lib.speakers.add("Noor Haddad"))
    lib = Library(path, defer_daily=True)
    assert lib.daily_due

    def damaged(*args, **kwargs):
        raise LibraryDamaged("The library is damaged (test).")

    monkeypatch.setattr(backup, "daily_maintenance", damaged)
    shown = []
    monkeypatch.setattr(app, "show_error", lambda parent, error: shown.append(str(error)))
    from qtapp.gui.main_window import MainWindow
    window = MainWindow(lib)
    qtbot.addWidget(window)
    thread = app.run_daily_maintenance(window, lib)
    thread.join(timeout=10)
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert "damaged" in shown[0]
    lib.close()
