"""The main window driven as a reporter would: search, navigate, edit, undo, trash."""

import pytest

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication

from qtapp.core.query import QuoteQuery
from qtapp.gui import main_menus, ops
from qtapp.gui.detail import quote_form
from qtapp.gui.main_window import MainWindow
from qtapp.gui.models.navigator_model import KindRole
from qtapp.gui.models.quotes_model import COLUMNS

from .window_helpers import select_ids, settle

COLUMN = {key: i for i, (key, _label) in enumerate(COLUMNS)}


def listed_ids(window):
    return [window.model.quote_id(r) for r in range(window.model.rowCount())]


def test_finds_quotes_by_a_speakers_alias(qtbot, main_window, filled):
    _lib, ids = filled
    qtbot.keyClicks(main_window.search.field, 'speaker:"Minister Ruiz"')
    qtbot.waitUntil(lambda: main_window.model.rowCount() == 2, timeout=10_000)
    settle(qtbot, main_window)   # a search's rows are read off the GUI thread
    assert set(listed_ids(main_window)) == {ids["deficit"], ids["taxes"]}
    assert main_window.search.count_label.text() == "2 quotes"


def test_search_words_narrow_the_chosen_speaker(qtbot, main_window, filled):
    _lib, ids = filled
    main_window.navigator.filter.setText("spokesman")   # an alias of Colm Byrne
    qtbot.waitUntil(lambda: main_window.model.query.speaker_id is not None, timeout=10_000)
    settle(qtbot, main_window)
    assert set(listed_ids(main_window)) == {ids["ferry"], ids["secret"], ids["harbour"]}
    qtbot.keyClicks(main_window.search.field, "harbour")
    qtbot.waitUntil(lambda: main_window.model.rowCount() == 1, timeout=10_000)
    settle(qtbot, main_window)
    assert listed_ids(main_window) == [ids["harbour"]]


def test_editing_a_quote_out_of_the_search_saves_it_and_keeps_it_in_the_details(qtbot, main_window, filled):
    lib, ids = filled
    main_window.search.set_text("harbour")
    qtbot.waitUntil(lambda: main_window.model.rowCount() == 1, timeout=10_000)
    settle(qtbot, main_window)
    assert main_window.select_quote(ids["harbour"])
    form = main_window.detail.form
    form.words.setPlainText("The quay will be rebuilt by spring.")
    form.words.committed.emit()      # the list re-reads and the quote is no longer in it
    assert form.quote is not None and form.quote.id == ids["harbour"]    # the saved quote, shown
    settle(qtbot, main_window)
    assert lib.quotes.get(ids["harbour"]).words == "The quay will be rebuilt by spring."
    assert main_window.model.rowCount() == 0


def test_speaker_completion_offers_aliases(qtbot, main_window):
    qtbot.keyClicks(main_window.search.field, "speaker:Minis")
    assert "Minister Ruiz" in main_window.search._names.stringList()


def test_unreadable_filter_is_explained(qtbot, main_window):
    main_window.search.set_text("after:Smarch")
    assert main_window.search.problem_label.isVisible()
    assert "Smarch" in main_window.search.problem_label.text()


def test_editing_a_date_shows_its_reading_then_stores_it(qtbot, main_window, filled):
    lib, ids = filled
    assert main_window.select_quote(ids["harbour"])
    said = main_window.detail.form.said
    said.edit.clear()
    qtbot.keyClicks(said.edit, "11/9/2023")
    assert said.reading.text() == "Thu 9 Nov 2023"          # month first, the library's default
    qtbot.keyClick(said.edit, Qt.Key.Key_Return)
    assert lib.quotes.get(ids["harbour"]).said.iso == "2023-11-09"
    row = main_window.model.row_of(ids["harbour"])
    assert main_window.model.index(row, COLUMN["said"]).data() == "Thu 9 Nov 2023"
    assert main_window.menus.undo.text() == "&Undo change of date said"


def test_date_order_preference_changes_how_dates_are_read(qtbot, main_window, filled):
    lib, ids = filled
    lib.set_setting("date_order", "day-first")
    main_window.select_quote(ids["taxes"])
    said = main_window.detail.form.said
    said.edit.clear()
    qtbot.keyClicks(said.edit, "11/9/2023")
    assert said.reading.text() == "Mon 11 Sep 2023"


def test_bad_date_is_shown_inline_and_nothing_changes(qtbot, main_window, filled):
    lib, ids = filled
    main_window.select_quote(ids["taxes"])
    said = main_window.detail.form.said
    said.edit.clear()
    qtbot.keyClicks(said.edit, "31 Feb 2023")
    qtbot.keyClick(said.edit, Qt.Key.Key_Return)
    assert main_window.detail.form.message.isVisible()
    assert lib.quotes.get(ids["taxes"]).said.iso == "2023-10-02"


def test_undo_and_redo_an_edit_from_the_menu(qtbot, main_window, filled):
    lib, ids = filled
    main_window.select_quote(ids["deficit"])
    words = main_window.detail.form.words
    words.setPlainText("The deficit will be closed within three years.")
    words.committed.emit()
    assert "three years" in lib.quotes.get(ids["deficit"]).words
    main_window.menus.undo.trigger()   # in the background: a step over long words takes seconds
    settle(qtbot, main_window)
    assert "two years" in lib.quotes.get(ids["deficit"]).words
    assert main_window.detail.form.words.toPlainText() == "The deficit will be closed within two years."
    assert main_window.menus.redo.text() == "&Redo change of words"
    main_window.menus.redo.trigger()
    settle(qtbot, main_window)
    assert "three years" in lib.quotes.get(ids["deficit"]).words


def test_delete_goes_to_trash_and_restores(qtbot, main_window, filled):
    lib, ids = filled
    select_ids(main_window, {ids["deficit"], ids["taxes"]})
    main_window.menus.delete.trigger()
    settle(qtbot, main_window)
    assert set(listed_ids(main_window)) == {ids["ferry"], ids["secret"], ids["harbour"]}
    assert main_window.menus.undo.text() == "&Undo delete 2 quotes"
    assert main_window.navigator.choose("trash")
    settle(qtbot, main_window)
    assert set(listed_ids(main_window)) == {ids["deficit"], ids["taxes"]}
    assert not main_window.menus.delete.isEnabled()
    select_ids(main_window, {ids["deficit"]})
    assert main_window.menus.restore.isEnabled()
    main_window.menus.restore.trigger()
    settle(qtbot, main_window)
    assert listed_ids(main_window) == [ids["taxes"]]
    assert lib.quotes.get(ids["deficit"]).id == ids["deficit"]


def test_empty_trash_asks_first(qtbot, main_window, filled, monkeypatch):
    lib, ids = filled
    lib.quotes.delete([ids["secret"]])
    main_window.refresh()
    settle(qtbot, main_window)
    answers = iter([False, True])
    monkeypatch.setattr(main_menus, "confirm", lambda *a: next(answers))
    main_window.menus.empty_trash.trigger()
    assert lib.quotes.count(QuoteQuery(trash=True)) == 1
    main_window.menus.empty_trash.trigger()
    assert lib.quotes.count(QuoteQuery(trash=True)) == 0
    assert not main_window.menus.empty_trash.isEnabled()


def test_copy_obeys_the_ground_rules(qtbot, main_window, filled, monkeypatch):
    _lib, ids = filled
    select_ids(main_window, {ids["ferry"]})
    main_window.menus.copy.trigger()
    copied = QGuiApplication.clipboard().mimeData()
    assert "a senior port official" in copied.text()
    assert "Byrne" not in copied.text() and "Byrne" not in copied.html()
    shown = []
    monkeypatch.setattr(main_menus, "show_error", lambda parent, e, **kw: shown.append(str(e)))
    select_ids(main_window, {ids["secret"]})
    main_window.menus.copy.trigger()
    assert shown and "off the record" in shown[0].lower()
    assert "audit" not in QGuiApplication.clipboard().text()


def test_sorting_by_a_column_is_done_in_sql(qtbot, main_window, filled):
    _lib, _ids = filled
    model = main_window.model

    def shown_words():   # the rows of an unindexed order arrive from the background reader
        qtbot.waitUntil(lambda: model.quote_id(0) is not None and main_window.reader.is_idle(), timeout=10_000)
        return [model.index(r, COLUMN["words"]).data() for r in range(model.rowCount())]

    main_window.table.sortByColumn(COLUMN["words"], Qt.SortOrder.AscendingOrder)
    words = shown_words()
    assert len(words) == 5 and words == sorted(words)
    main_window.table.sortByColumn(COLUMN["words"], Qt.SortOrder.DescendingOrder)
    assert shown_words() == sorted(words, reverse=True)


def test_a_new_speaker_name_asks_before_creating(qtbot, main_window, filled, monkeypatch):
    lib, ids = filled
    main_window.select_quote(ids["harbour"])
    answers = []
    monkeypatch.setattr(quote_form, "ask_create_speaker", lambda parent, name: answers.append(name) or False)
    speaker = main_window.detail.form.speaker
    speaker.setText("Dara Quinn")
    speaker.editingFinished.emit()
    assert answers == ["Dara Quinn"] and lib.speakers.lookup("Dara Quinn") is None
    monkeypatch.setattr(quote_form, "ask_create_speaker", lambda parent, name: True)
    speaker.editingFinished.emit()
    new_id = lib.speakers.lookup("Dara Quinn")
    assert new_id is not None and lib.quotes.get(ids["harbour"]).speaker_id == new_id


def test_an_alias_typed_in_full_names_its_speaker(qtbot, main_window, filled):
    lib, ids = filled
    main_window.select_quote(ids["harbour"])
    speaker = main_window.detail.form.speaker
    speaker.setText("Minister Ruiz")
    speaker.editingFinished.emit()
    assert lib.quotes.get(ids["harbour"]).speaker_id == lib.speakers.lookup("Ana Ruiz")


def test_saved_search_appears_in_the_navigator(qtbot, main_window, filled, monkeypatch):
    lib, ids = filled
    monkeypatch.setattr(main_menus.QInputDialog, "getText", lambda *a, **k: ("Ruiz on tax", True))
    main_window.search.set_text("speaker:Ruiz tax")
    main_window.search.save_button.click()
    settle(qtbot, main_window)
    assert lib.get_setting("saved_searches") == [{"name": "Ruiz on tax", "text": "speaker:Ruiz tax"}]
    main_window.search.set_text("")
    assert main_window.navigator.choose("saved", "Ruiz on tax")
    assert main_window.search.text() == "speaker:Ruiz tax"
    settle(qtbot, main_window)
    assert listed_ids(main_window) == [ids["taxes"]]


def test_dropped_text_file_becomes_a_source(qtbot, main_window, filled, tmp_path):
    lib, _ids = filled
    notes = tmp_path / "Harbour notes.md"
    notes.write_text("# Harbour notes\n\nThe wall was last repaired in 1998, the engineer said.\n", encoding="utf-8")
    main_window.menus.add_sources_from_files([notes])
    qtbot.waitUntil(lambda: not ops.is_busy(), timeout=10_000)
    settle(qtbot, main_window)
    titles = [s["title"] for s in lib.sources.all()]
    assert "Harbour notes" in titles
    assert main_window.navigator._find("source", next(s["id"] for s in lib.sources.all()
                                                        if s["title"] == "Harbour notes")).isValid()


def _dragged(*paths):
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return data


def test_every_document_the_importers_read_can_be_dropped(qtbot, main_window, filled, tmp_path):
    lib, _ids = filled
    call = tmp_path / "Harbour call.vtt"
    call.write_text("WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nThe wall will hold, the engineer said.\n",
                    encoding="utf-8")
    picture = tmp_path / "wall.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n")
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    for paths, accepted in (([picture], False), ([call, picture], True)):
        data = _dragged(*paths)   # held here: an event does not own its mime data
        enter = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, data, buttons, modifiers)
        enter.ignore()
        main_window.dragEnterEvent(enter)
        assert enter.isAccepted() == accepted, paths
    main_window.dropEvent(QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, data, buttons, modifiers))
    qtbot.waitUntil(lambda: not ops.is_busy(), timeout=10_000)
    settle(qtbot, main_window)
    titles = [s["title"] for s in lib.sources.all()]
    assert "Harbour call" in titles and "wall" not in titles


def test_a_dropped_file_that_is_not_text_is_reported_and_adds_nothing(qtbot, main_window, filled, tmp_path,
                                                                       monkeypatch):
    lib, _ids = filled
    shown = []
    monkeypatch.setattr(main_menus, "show_error", lambda parent, exc: shown.append(str(exc)))
    junk = tmp_path / "notes.txt"
    junk.write_bytes(bytes(range(256)) * 40)
    before = len(lib.sources.all())
    main_window.menus.add_sources_from_files([junk])
    qtbot.waitUntil(lambda: not ops.is_busy(), timeout=10_000)
    settle(qtbot, main_window)
    assert len(lib.sources.all()) == before
    assert shown and "notes.txt" in shown[0]


def test_keyboard_reaches_every_pane(qtbot, main_window):
    for keys, widget in (("Ctrl+1", main_window.navigator.tree), ("Ctrl+2", main_window.table),
                         ("Ctrl+F", main_window.search.field)):
        action = next(a for a in main_window.findChildren(main_menus.QAction)
                      if keys in [s.toString() for s in a.shortcuts()])
        action.trigger()
        assert widget.hasFocus() or QGuiApplication.focusObject() is widget


def test_window_state_is_kept_between_runs(qtbot, filled):
    lib, _ids = filled
    first = MainWindow(lib)
    qtbot.addWidget(first)
    first.resize(720, 520)   # inside the offscreen screen, which restoreGeometry clamps to
    first.outer.setSizes([300, 800])
    first.show()
    navigator_width = first.outer.sizes()[0]
    first.close()
    second = MainWindow(lib)
    qtbot.addWidget(second)
    second.show()
    assert (second.width(), second.height()) == (720, 520)
    assert second.outer.sizes()[0] == navigator_width


def test_nothing_is_clipped_at_1280_by_800(qtbot, main_window):
    main_window.resize(1280, 800)
    qtbot.wait(10)
    form = main_window.detail.form
    for widget in (form.said.edit, form.speaker, form.rule.combo, form.source):
        assert widget.width() >= widget.minimumSizeHint().width()
    assert main_window.search.field.width() > 200


def test_every_navigator_branch_is_there(main_window):
    kinds = {main_window.navigator.model.index(r, 0).data(KindRole)
             for r in range(main_window.navigator.model.rowCount())}
    assert kinds == {"all", "group", "attention", "trash"}
    labels = [main_window.navigator.model.index(r, 0).data() for r in range(main_window.navigator.model.rowCount())]
    assert labels[:4] == ["All quotes", "Speakers", "Sources", "Tags"]


def test_ctrl_c_in_a_text_field_copies_the_text_not_the_quotes(qtbot, main_window, filled):
    _lib, ids = filled
    select_ids(main_window, {ids["deficit"]})
    field = main_window.search.field
    field.setFocus()
    qtbot.keyClicks(field, "harbour wall")
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "harbour wall"


def test_history_tab_lists_the_changes(qtbot, qtmodeltester, main_window, filled):
    lib, ids = filled
    lib.quotes.update(ids["taxes"], context="Asked twice; same answer.")
    main_window.refresh()
    main_window.select_quote(ids["taxes"])
    main_window.detail.setCurrentWidget(main_window.detail.history)
    history = main_window.detail.history
    assert history.topLevelItemCount() >= 2
    assert history.topLevelItem(0).text(2) == "context"
    qtmodeltester.check(history.model())


def test_edits_wait_while_background_work_holds_the_library(qtbot, main_window, filled, monkeypatch):
    lib, ids = filled
    main_window.select_quote(ids["taxes"])
    monkeypatch.setattr(ops, "is_busy", lambda: True)
    context = main_window.detail.form.context
    context.setPlainText("Typed while an import ran.")
    context.committed.emit()
    assert lib.quotes.get(ids["taxes"]).context == ""
    assert context.toPlainText() == "Typed while an import ran."
    assert main_window.detail.form.message.isVisible()
    monkeypatch.setattr(ops, "is_busy", lambda: False)
    context.committed.emit()
    assert lib.quotes.get(ids["taxes"]).context == "Typed while an import ran."


@pytest.mark.parametrize("ctrl", [False, True])
def test_home_and_end_select_the_first_and_last_quote_and_keep_the_words_in_sight(qtbot, main_window, filled, ctrl):
    _lib, ids = filled
    table = main_window.table
    table.setFocus()
    select_ids(main_window, {ids["taxes"]})
    modifier = Qt.KeyboardModifier.ControlModifier if ctrl else Qt.KeyboardModifier.NoModifier
    words = COLUMN["words"]
    qtbot.keyClick(table, Qt.Key.Key_End, modifier)
    assert main_window.selected_ids() == [ids["deficit"]]          # newest first: the first logged is last
    assert table.currentIndex().column() == words
    assert main_window.detail.form.words.toPlainText() == "The deficit will be closed within two years."
    qtbot.keyClick(table, Qt.Key.Key_Home, modifier)
    assert main_window.selected_ids() == [ids["harbour"]]
    assert table.currentIndex().column() == words


@pytest.fixture
def long_list(library):
    """2,600 quotes, more than the rows a selection is looked for in at once."""
    speaker = library.speakers.add("Ana Ruiz")
    library.quotes.add_many([{"words": f"Harbour quote {i:04d}.", "speaker_id": speaker} for i in range(2600)])
    return library


def _select_row(qtbot, window, row):
    from PySide6.QtCore import QItemSelectionModel
    window.table.scrollTo(window.model.index(row, 0))
    qtbot.waitUntil(lambda: window.model.quote_id(row) is not None, timeout=10_000)
    window.table.selectionModel().setCurrentIndex(
        window.model.index(row, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
    return window.model.quote_id(row)


def test_a_selection_far_down_the_list_survives_a_re_read(qtbot, long_list):
    from qtapp.gui.operations import Change

    from .window_helpers import open_window
    window = open_window(qtbot, long_list)
    chosen = _select_row(qtbot, window, 2500)
    assert window.detail.quote_id == chosen
    window.refresh(Change.FINDINGS)              # what a re-check's results do
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window._selection_to_check is None, timeout=10_000)
    assert window.selected_ids() == [chosen] and window.detail.quote_id == chosen
    window.close()


def test_a_selection_far_down_never_lands_on_another_quote_when_rows_move(qtbot, long_list):
    from qtapp.gui.operations import Change

    from .window_helpers import open_window
    window = open_window(qtbot, long_list)
    window.table.sortByColumn(COLUMN["words"], Qt.SortOrder.AscendingOrder)
    settle(qtbot, window)
    chosen = _select_row(qtbot, window, 2500)
    last = window.model.quote_id(0)
    long_list.quotes.update(window.model.quote_id(2599), words="A harbour quote that now sorts first.")
    window.refresh(Change.QUOTES)                # every row above the chosen one moves down one
    settle(qtbot, window)
    qtbot.waitUntil(lambda: window._selection_to_check is None, timeout=10_000)
    assert window.selected_ids() in ([chosen], []) and window.detail.quote_id in (chosen, None)
    assert window.model.quote_id(1) == last
    window.close()
