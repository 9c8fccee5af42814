"""GUI test fixtures shared by every module."""

import pytest

from PySide6.QtCore import QSettings
from PySide6.QtGui import QGuiApplication

from qtapp.gui import settings

from .texts import ARTICLE
from .watchdog import LIMIT_MS, WatchedApplication
from .window_helpers import open_window


@pytest.fixture(scope="session")
def qapp_cls():
    """The tests' QApplication times every event handler (see :mod:`tests.gui.watchdog`)."""
    return WatchedApplication


@pytest.fixture(autouse=True)
def gui_watchdog(qapp):
    """Time the app's event handlers from this test's setup to the end of its body; the
    check is in :func:`pytest_runtest_call`. A test that blocks on purpose calls ``stop()``."""
    qapp.start()
    yield qapp
    qapp.stop()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Fail a test during which an app handler blocked the GUI thread over the limit."""
    result = yield
    app = WatchedApplication.instance()
    if isinstance(app, WatchedApplication) and app.watching:
        blocks = app.stop()
        if blocks:
            pytest.fail(f"the GUI thread was blocked over {LIMIT_MS:.0f} ms:\n"
                        + "\n".join(str(b) for b in blocks), pytrace=False)
    return result


@pytest.fixture(autouse=True)
def empty_clipboard(qapp):
    """Leave the clipboard empty after each test: mime data still held there when the process
    ends is destroyed after QApplication, which crashes the interpreter at exit."""
    yield
    QGuiApplication.clipboard().clear()


@pytest.fixture(autouse=True)
def private_qsettings(tmp_path, monkeypatch):
    """Window state goes to a file in tmp_path, never to the user's own settings."""
    path = str(tmp_path / "window.ini")
    monkeypatch.setattr(settings, "qsettings", lambda: QSettings(path, QSettings.Format.IniFormat))


@pytest.fixture
def filled(library):
    """A library with two speakers, two sources and five quotes; returns it and the quote ids by name."""
    ruiz = library.speakers.add("Ana Ruiz", aliases=["Minister Ruiz", "Ruiz"],
                                roles=[{"title": "Finance Minister", "start": "2021-03"}])
    byrne = library.speakers.add("Colm Byrne", aliases=["the spokesman"])
    hearing = library.sources.add("press_conference", "Budget hearing", outlet="Harbour Gazette", date="2023-10-02")
    call = library.sources.add("interview", "Phone call with Byrne", date="2023-11-01")
    ids = {
        "deficit": library.quotes.add("The deficit will be closed within two years.", ruiz, source_id=hearing,
                                      said="2023-10-02", tags=["budget"]),
        "taxes": library.quotes.add("Nobody on a middle income will pay more tax.", ruiz, source_id=hearing,
                                    said="2023-10-02"),
        "ferry": library.quotes.add("The ferry contract was never put out to tender.", byrne, source_id=call,
                                    said="2023-11-01", rule="background",
                                    rule_description="a senior port official"),
        "secret": library.quotes.add("I was told to keep the audit quiet.", byrne, source_id=call,
                                     said="2023-11-01", rule="off_record"),
        "harbour": library.quotes.add("We will rebuild the harbour wall first.", byrne, source_id=call,
                                      said="2023-11-01"),
    }
    return library, ids


@pytest.fixture
def main_window(qtbot, filled):
    """The main window on ``filled``, shown at 1280×800 with its background reads done."""
    window = open_window(qtbot, filled[0])
    yield window
    window.close()


@pytest.fixture
def article(library):
    """Ines Carvalho and the seawall article (:data:`tests.gui.texts.ARTICLE`)."""
    carvalho = library.speakers.add("Ines Carvalho", aliases=["Carvalho"])
    source = library.sources.add("article", "Seawall promised by spring", outlet="Kestrel Bay Courier",
                                 date="2023-10-02", text=ARTICLE)
    return carvalho, source
