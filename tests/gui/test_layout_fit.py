"""Every window fits a 1024×700 laptop and gives a 1600×1000 screen's room to the quotes' words."""

import pytest

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QAbstractItemView, QWidget

from qtapp.core.sample import load_sample
from qtapp.gui import fit, settings
from qtapp.gui.main_window import MainWindow
from qtapp.gui.models.quotes_model import COLUMNS

from .window_helpers import settle

COLUMN = {key: i for i, (key, _label) in enumerate(COLUMNS)}
LAPTOP, WIDE = (1024, 700), (1600, 1000)
SEEN_AT_ONCE = ("words", "speaker", "said", "rule", "status")   # visible without scrolling sideways
WHOLE = ("speaker", "said", "status", "created")                 # their text is never cut


@pytest.fixture
def screen(monkeypatch):
    """The available screen geometry, as the test sets it (the offscreen screen is 800×800)."""
    room = QRect(0, 0, *LAPTOP)
    monkeypatch.setattr(fit, "available_geometry", lambda _widget=None: room)
    return room


@pytest.fixture
def sample_window(qtbot, library):
    load_sample(library)
    window = MainWindow(library)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()


def at_size(qtbot, window, size):
    window.resize(*size)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == size)
    settle(qtbot, window)
    dated = window.lib.db.execute("SELECT id FROM quotes WHERE said != '' ORDER BY id LIMIT 1").fetchone()[0]

    def shown() -> bool:   # a re-read after a background check may reset the list: select again
        return window.select_quote(dated) and window.detail.form.said.text() != ""

    qtbot.waitUntil(shown, timeout=10_000)
    form, scroll = window.detail.form, window.detail.widget(0)
    # Settled: the scroll area has sized the form for its current layout (one or two columns).
    qtbot.waitUntil(lambda: form.height() == max(scroll.viewport().height(), needed_height(form)))


def needed_height(form: QWidget) -> int:
    """The height a resizable scroll area gives ``form`` at its width, as QScrollArea computes it."""
    return form.heightForWidth(form.width()) if form.hasHeightForWidth() else form.minimumSizeHint().height()


def widest_cell(table: QAbstractItemView, column: int) -> int:
    return max(table.sizeHintForIndex(table.model().index(r, column)).width()
               for r in range(table.model().rowCount()))


def inside(widget: QWidget, area: QWidget) -> bool:
    top_left = widget.mapTo(area, widget.rect().topLeft())
    return area.rect().contains(QRect(top_left, widget.size()))


@pytest.mark.parametrize("size", [LAPTOP, WIDE])
def test_list_columns_are_whole_and_in_sight(qtbot, sample_window, size):
    at_size(qtbot, sample_window, size)
    table = sample_window.table
    header = table.horizontalHeader()
    for key in SEEN_AT_ONCE:
        column = COLUMN[key]
        assert not header.isSectionHidden(column), key
        assert header.sectionViewportPosition(column) >= 0, key
        assert header.sectionViewportPosition(column) + header.sectionSize(column) <= table.viewport().width(), key
    for key in WHOLE:
        assert header.sectionSize(COLUMN[key]) >= widest_cell(table, COLUMN[key]), key
    labels = {r: table.model().index(r, COLUMN["rule"]).data() for r in range(table.model().rowCount())}
    plain = [r for r, label in labels.items() if ":" not in label]   # "On background: …" is free text
    assert header.sectionSize(COLUMN["rule"]) >= max(
        table.sizeHintForIndex(table.model().index(r, COLUMN["rule"])).width() for r in plain)


@pytest.mark.parametrize("size", [LAPTOP, WIDE])
def test_detail_fields_show_their_whole_value(qtbot, sample_window, size):
    at_size(qtbot, sample_window, size)
    form = sample_window.detail.form
    assert form.said.text().count(" ") == 3   # "Wed 20 Mar 2024"
    edit = form.said.edit
    assert edit.width() >= edit.fontMetrics().horizontalAdvance(edit.text()) + 8
    scroll = sample_window.detail.widget(0)
    for field in (form.speaker, form.said, form.rule.combo, form.source, form.second_hand, form.via,
                  form.translated, form.language, form.tags):
        assert inside(field, scroll.viewport()), field.accessibleName()
        assert field.width() >= field.minimumSizeHint().width(), field.accessibleName()


def test_words_column_takes_the_spare_width(qtbot, sample_window):
    table = sample_window.table
    header = table.horizontalHeader()
    at_size(qtbot, sample_window, LAPTOP)
    narrow = header.sectionSize(COLUMN["words"])
    others = {c: header.sectionSize(c) for c in range(header.count()) if c != COLUMN["words"]}
    detail = sample_window.detail.width() if sample_window.inner.orientation() == Qt.Orientation.Horizontal else 0
    at_size(qtbot, sample_window, WIDE)
    wide = header.sectionSize(COLUMN["words"])
    assert wide >= 2 * narrow   # the other columns keep their width: the extra room is the words'
    assert {c: header.sectionSize(c) for c in others} == others
    if sample_window.inner.orientation() == Qt.Orientation.Horizontal:
        assert sample_window.detail.width() <= max(detail, 420)
    shown = sum(header.sectionSize(c) for c in range(header.count()) if not header.isSectionHidden(c))
    assert shown == table.viewport().width()   # no empty strip right of the last column


def test_a_remembered_window_too_big_for_this_screen_is_reset(qtbot, library, screen):
    first = MainWindow(library)
    qtbot.addWidget(first)
    first.setGeometry(900, 600, 1500, 1000)    # as on a big monitor, mostly off this laptop's screen
    settings.save_window_state("main", first.saveGeometry(), first.saveState(), {})
    first.close()
    second = MainWindow(library)
    qtbot.addWidget(second)
    assert second.width() <= screen.width() and second.height() <= screen.height()
    assert screen.contains(second.geometry().center())


def test_a_remembered_window_that_fits_is_kept(qtbot, library, screen):
    first = MainWindow(library)
    qtbot.addWidget(first)
    first.setGeometry(10, 30, 700, 500)
    first.close()
    second = MainWindow(library)
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (700, 500)


def dialogs(lib):
    """Every window but the main one, each made as the menus make it."""
    from qtapp.gui.capture.import_sources import ImportSourcesDialog
    from qtapp.gui.capture.review import ReviewDialog
    from qtapp.gui.checks.findings_panel import FindingsPanel
    from qtapp.gui.editors.source_editor import SourceEditor
    from qtapp.gui.editors.speaker_editor import SpeakerEditor
    from qtapp.gui.export_dialog import ExportDialog
    from qtapp.gui.import_dialog import ImportDialog
    from qtapp.gui.quick_log import QuickLogDialog
    from qtapp.gui.settings import PreferencesDialog
    from qtapp.gui.source_view import SourceView

    source = lib.db.execute("SELECT source_id FROM quotes GROUP BY source_id ORDER BY count(*) DESC").fetchone()[0]
    speaker = lib.db.execute("SELECT id FROM speakers ORDER BY id").fetchone()[0]
    yield ReviewDialog(lib, source)
    yield SpeakerEditor(lib, speaker)
    yield SourceEditor(lib, source)
    yield QuickLogDialog(lib, source_id=source)
    yield ExportDialog(lib)
    yield ImportDialog(lib)
    yield ImportSourcesDialog(lib)
    yield PreferencesDialog(lib)
    yield FindingsPanel(lib)
    view = SourceView(lib, source)
    fit.fit_to_screen(view, 900, 700)   # as the menu opens it
    yield view


def test_every_dialog_fits_a_laptop_screen(qtbot, library, screen):
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit

    load_sample(library)
    for dialog in dialogs(library):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.wait(5)
        name = type(dialog).__name__
        assert dialog.width() <= screen.width() - fit.FRAME_ROOM[0], name
        assert dialog.height() <= screen.height() - fit.FRAME_ROOM[1], name
        assert dialog.minimumSizeHint().height() <= dialog.height(), name
        for field in dialog.findChildren(QWidget):
            if isinstance(field, (QLineEdit, QComboBox, QAbstractButton)) and field.isVisible():
                label = f"{name}: {field.accessibleName() or field.objectName() or type(field).__name__}"
                assert field.width() >= min(field.minimumSizeHint().width(), 40), label
                top_left = field.mapTo(dialog, field.rect().topLeft())
                assert dialog.rect().contains(QRect(top_left, field.size())), label
        dialog.close()


def test_the_columns_chosen_are_remembered_and_the_list_reopens_newest_first(qtbot, library):
    first = MainWindow(library)
    qtbot.addWidget(first)
    header = first.table.horizontalHeader()
    assert header.isSectionHidden(COLUMN["title"]) and header.isSectionHidden(COLUMN["provenance"])
    first.table._show_column(COLUMN["title"], True)
    first.table.sortByColumn(COLUMN["said"], Qt.SortOrder.AscendingOrder)
    first.close()
    second = MainWindow(library)
    qtbot.addWidget(second)
    header = second.table.horizontalHeader()
    assert not header.isSectionHidden(COLUMN["title"]) and header.isSectionHidden(COLUMN["provenance"])
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (COLUMN["created"],
                                                                           Qt.SortOrder.DescendingOrder)
