"""The Export dialog: choices, live preview that obeys ground rules, remembered settings, background save."""

import pytest
from PySide6.QtCore import QSettings

from qtapp.core.errors import Interrupted
from qtapp.gui import ops
from qtapp.gui.export_dialog import ExportDialog


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def filled(library):
    sid = library.speakers.add("Gideon Farrow", roles=[{"title": "Lock keeper"}])
    src = library.sources.add("article", "Canal reopens", outlet="Towpath Times", date="2024-04-01")
    library.quotes.add("The lock gates are new.", sid, source_id=src, tags=["canal"])
    library.quotes.add("The old gates leaked for years.", sid, source_id=src, tags=["canal"], rule="off_record")
    library.quotes.add("Barges return in May.", sid, tags=["barges"])
    return library


def make(qtbot, lib, settings, **kwargs):
    dialog = ExportDialog(lib, settings=settings, **kwargs)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def choose(combo, data):
    combo.setCurrentIndex(combo.findData(data))


def test_preview_follows_the_choices_and_the_ground_rules(qtbot, filled, settings):
    dialog = make(qtbot, filled, settings, tag="canal")
    choose(dialog.format, "sheet-md")
    dialog.refresh_preview()
    text = dialog.preview.toPlainText()
    assert "The lock gates are new" in text and "Gideon Farrow, Lock keeper" in text
    assert "leaked" not in text and "Barges" not in text
    choose(dialog.format, "bibtex")
    dialog.refresh_preview()
    assert "@article{" in dialog.preview.toPlainText()
    choose(dialog.what, "library")
    choose(dialog.format, "sheet-csv")
    dialog.refresh_preview()
    assert "Barges return in May" in dialog.preview.toPlainText()


def test_selected_quotes_are_offered_only_when_there_are_some(qtbot, filled, settings):
    without = make(qtbot, filled, settings)
    assert not without.what.model().item(0).isEnabled() and without.what.currentData() != "selection"
    chosen = make(qtbot, filled, settings, selected_ids=[3])
    assert chosen.what.currentData() == "selection"
    choose(chosen.format, "sheet-html")
    chosen.refresh_preview()
    assert "Barges return in May" in chosen.preview.toPlainText()
    assert "lock gates" not in chosen.preview.toPlainText()


def test_choices_are_remembered(qtbot, filled, settings):
    first = make(qtbot, filled, settings)
    choose(first.what, "tag")
    choose(first.tag, "barges")
    choose(first.format, "ris")
    first.close()
    again = make(qtbot, filled, settings)
    assert (again.what.currentData(), again.tag.currentData(), again.format.currentData()) == ("tag", "barges", "ris")


def test_native_copy_warns_that_it_is_private(qtbot, filled, settings):
    dialog = make(qtbot, filled, settings)
    choose(dialog.format, "native")
    assert "private" in dialog.note.text() and "off-the-record" in dialog.note.text()


def test_save_runs_in_the_background_and_reports(qtbot, filled, settings, tmp_path):
    dialog = make(qtbot, filled, settings, tag="canal")
    choose(dialog.format, "sheet-docx")
    asked = []
    dialog.ask_save_path = lambda suggested: asked.append(suggested) or tmp_path / "canal.docx"
    with qtbot.waitSignal(dialog.export_did_finish, timeout=10_000) as done:
        dialog.save_button.click()
    assert done.args[0].count == 1 and done.args[0].withheld == {"off the record": 1}
    assert (tmp_path / "canal.docx").stat().st_size > 0
    assert asked[0].suffix == ".docx" and "canal" in asked[0].name
    assert "1 left out under ground rules" in dialog.message.text()
    assert settings.value("export/folder") == str(tmp_path)
    ops.wait_for_all()


def test_cancelled_save_writes_nothing(qtbot, filled, settings, tmp_path, monkeypatch):
    dialog = make(qtbot, filled, settings)
    dialog.ask_save_path = lambda suggested: tmp_path / "all.md"

    def cancelled(*args, **kwargs):
        raise Interrupted("Cancelled.")

    monkeypatch.setattr("qtapp.gui.export_dialog.export_to_path", cancelled)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: "cancelled" in dialog.message.text(), timeout=10_000)
    assert not (tmp_path / "all.md").exists() and dialog.save_button.isEnabled()
    ops.wait_for_all()


def test_user_cancelling_the_file_dialog_does_nothing(qtbot, filled, settings):
    dialog = make(qtbot, filled, settings)
    dialog.ask_save_path = lambda suggested: None
    dialog.save_button.click()
    assert dialog.op is None and dialog.save_button.isEnabled()
