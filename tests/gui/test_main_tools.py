"""The main window's entries into the other parts: checks, citations, recovery, editors."""

import pytest

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from qtapp.core.errors import LibraryDamaged
from qtapp.gui import app, errors, main_tools, ops
from qtapp.gui.models.quotes_model import COLUMNS

from .window_helpers import select_ids, settle

STATUS = [k for k, _ in COLUMNS].index("status")


def test_saving_an_edit_runs_the_checks(qtbot, main_window, filled):
    lib, ids = filled
    qtbot.waitUntil(lambda: not main_window.rechecker.running, timeout=10_000)   # quotes logged before opening
    assert lib.quotes.get(ids["harbour"]).check_status == "info"                # an interview, no date problem
    main_window.select_quote(ids["harbour"])
    with qtbot.waitSignal(main_window.rechecker.did_recheck, timeout=3000):
        said = main_window.detail.form.said.edit
        said.clear()
        qtbot.keyClicks(said, "2023-11-05")                                   # after the interview's date
        qtbot.keyClick(said, Qt.Key.Key_Return)
    assert lib.quotes.get(ids["harbour"]).check_status == "warning"
    row = main_window.model.row_of(ids["harbour"])
    assert main_window.model.index(row, STATUS).data() != "Not checked"


def test_check_selection_runs_in_the_background_and_updates_the_list(qtbot, main_window, filled):
    lib, ids = filled
    select_ids(main_window, {ids["deficit"], ids["taxes"]})
    main_window.menus.tools.check_selection.trigger()
    qtbot.waitUntil(lambda: not ops.is_busy(), timeout=10_000)
    assert lib.quotes.get(ids["deficit"]).check_status is not None
    assert main_window.statusBar().currentMessage().startswith("Checked 2 quotes")


def test_copy_citation_of_an_anonymous_quote_is_refused(qtbot, main_window, filled, monkeypatch):
    _lib, ids = filled
    shown = []
    monkeypatch.setattr(errors, "show_error", lambda parent, e, **kw: shown.append(str(e)))
    select_ids(main_window, {ids["ferry"]})
    main_window.menus.tools.copy_citation.trigger()
    qtbot.waitUntil(lambda: not ops.is_busy(), timeout=10_000)
    assert shown and "description" in shown[0]


def test_copy_citation_puts_the_words_and_the_citation_on_the_clipboard(qtbot, main_window, filled):
    pytest.importorskip("py_mini_racer")
    from qtapp.core.cite.engine import citeproc_js_path
    if citeproc_js_path() is None:
        pytest.skip("citeproc-js is not installed (scripts/setup.sh installs it)")
    _lib, ids = filled
    QGuiApplication.clipboard().clear()
    select_ids(main_window, {ids["deficit"]})
    main_window.menus.tools.copy_citation.trigger()
    qtbot.waitUntil(lambda: not ops.is_busy(), timeout=30_000)
    copied = QGuiApplication.clipboard().mimeData()
    assert "The deficit will be closed within two years" in copied.text()
    assert "(Budget Hearing, 2023)" in copied.text()  # APA: no author, so the title and year
    assert copied.hasHtml() and "<i>Budget Hearing</i>" in copied.html()  # rich text keeps the italics
    assert "<" not in copied.text()


def test_source_entries_follow_the_navigator(qtbot, main_window, filled):
    lib, _ids = filled
    tools = main_window.menus.tools
    main_window.table.clearSelection()
    assert not tools.find_quotes.isEnabled()
    hearing = next(s["id"] for s in lib.sources.all() if s["title"] == "Budget hearing")
    settle(qtbot, main_window)
    assert main_window.navigator.choose("source", hearing)
    assert tools.find_quotes.isEnabled() and tools.current_source() == hearing


def test_a_damaged_library_offers_the_backup(qtbot, tmp_path, monkeypatch):
    broken = tmp_path / "broken.verbatim"
    broken.write_bytes(b"this is not a database at all" * 10)
    offered = []
    monkeypatch.setattr(app, "offer_restore", lambda parent, path, error: offered.append(error) or False)
    assert app.open_library(broken) is None
    assert len(offered) == 1 and isinstance(offered[0], LibraryDamaged)


def test_import_from_zotero_brings_the_library_in(qtbot, main_window, filled, tmp_path, monkeypatch):
    from tests.core.zotero_fixture import ZoteroLibrary
    lib, _ids = filled
    zotero = ZoteroLibrary(tmp_path / "Zotero")
    zotero.item("newspaperArticle", {"title": "Tide tables", "publicationTitle": "Estuary Weekly"},
                [("author", "Mara", "Quell")])
    zotero.close()
    monkeypatch.setattr(main_tools, "existing_directory", lambda *a, **k: str(tmp_path / "Zotero"))
    before = len(lib.sources.all())
    # The re-check of the library's opening says what blocks in the status bar; let it finish first.
    qtbot.waitUntil(lambda: not main_window.rechecker.running, timeout=10_000)
    entry = next(a for a in main_window.menus.file_menu.actions() if a.text() == "Import from &Zotero…")
    entry.trigger()
    qtbot.waitUntil(lambda: not ops.is_busy(), timeout=10_000)
    assert len(lib.sources.all()) == before + 1
    assert "Added 1 source" in main_window.statusBar().currentMessage()
