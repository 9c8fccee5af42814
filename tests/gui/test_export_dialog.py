"""The Export dialog: choices, live preview that obeys ground rules, remembered settings, background save."""

import pytest

from qtapp.core.cite.engine import citeproc_js_path
from qtapp.core.errors import Interrupted
from qtapp.gui import ops, settings
from qtapp.gui.export_dialog import ExportDialog


@pytest.fixture
def filled(library):
    sid = library.speakers.add("Gideon Farrow", roles=[{"title": "Lock keeper"}])
    src = library.sources.add("article", "Canal reopens", outlet="Towpath Times", date="2024-04-01")
    library.quotes.add("The lock gates are new.", sid, source_id=src, tags=["canal"])
    library.quotes.add("The old gates leaked for years.", sid, source_id=src, tags=["canal"], rule="off_record")
    library.quotes.add("Barges return in May.", sid, tags=["barges"])
    return library


@pytest.fixture
def make(qtbot, filled):
    """Open dialogs on the filled library; background work is finished before the library closes."""
    def open_dialog(**kwargs):
        dialog = ExportDialog(filled, **kwargs)
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog
    yield open_dialog
    ops.wait_for_all()


def preview(qtbot, dialog) -> str:
    with qtbot.waitSignal(dialog.preview_did_update, timeout=20_000):
        dialog.refresh_preview()
    return dialog.preview.toPlainText()


def citation_engine_installed() -> bool:
    try:
        import py_mini_racer  # noqa: F401
    except ImportError:
        return False
    return citeproc_js_path() is not None


def choose(combo, data):
    combo.setCurrentIndex(combo.findData(data))


def test_preview_follows_the_choices_and_the_ground_rules(qtbot, make):
    dialog = make(tag="canal")
    choose(dialog.format, "sheet-md")
    text = preview(qtbot, dialog)
    assert "The lock gates are new" in text and "Gideon Farrow, Lock keeper" in text
    assert "leaked" not in text and "Barges" not in text
    choose(dialog.format, "bibtex")
    assert "@article{" in preview(qtbot, dialog)
    choose(dialog.what, "library")
    choose(dialog.format, "sheet-csv")
    assert "Barges return in May" in preview(qtbot, dialog)


def test_style_applies_to_reference_lists_only(qtbot, make):
    dialog = make(tag="canal")
    choose(dialog.format, "sheet-md")
    assert not dialog.style.isEnabled()
    choose(dialog.format, "bibliography")
    choose(dialog.style, "mla")
    assert dialog.style.isEnabled()
    if not citation_engine_installed():
        pytest.skip("the citation engine (citeproc-js) is not installed")
    assert "“Canal Reopens.” Towpath Times, 1 Apr. 2024." in preview(qtbot, dialog)
    choose(dialog.style, "apa")
    assert "Canal reopens. (2024, April 1). Towpath Times." in preview(qtbot, dialog)


def test_selected_quotes_are_offered_only_when_there_are_some(qtbot, make):
    without = make()
    assert not without.what.model().item(0).isEnabled() and without.what.currentData() != "selection"
    chosen = make(selected_ids=[3])
    assert chosen.what.currentData() == "selection"
    choose(chosen.format, "sheet-html")
    text = preview(qtbot, chosen)
    assert "Barges return in May" in text and "lock gates" not in text


def test_choices_are_remembered(qtbot, make):
    first = make()
    choose(first.what, "tag")
    choose(first.tag, "barges")
    choose(first.format, "bibliography")
    choose(first.style, "chicago-author-date")
    first.close()
    again = make()
    assert (again.what.currentData(), again.tag.currentData(), again.format.currentData(),
            again.style.currentData()) == ("tag", "barges", "bibliography", "chicago-author-date")


def test_native_copy_warns_that_it_is_private(make):
    dialog = make()
    choose(dialog.format, "native")
    assert "private" in dialog.note.text() and "off-the-record" in dialog.note.text()


def test_save_runs_in_the_background_and_reports(qtbot, make, tmp_path):
    dialog = make(tag="canal")
    choose(dialog.format, "sheet-docx")
    asked = []
    dialog.ask_save_path = lambda suggested: asked.append(suggested) or tmp_path / "canal.docx"
    with qtbot.waitSignal(dialog.export_did_finish, timeout=10_000) as done:
        dialog.save_button.click()
    assert done.args[0].count == 1 and done.args[0].withheld == {"off the record": 1}
    assert (tmp_path / "canal.docx").stat().st_size > 0
    assert asked[0].suffix == ".docx" and "canal" in asked[0].name
    assert "1 left out under ground rules" in dialog.message.text()
    assert settings.user_value("export/folder") == str(tmp_path)


def test_cancelled_save_writes_nothing(qtbot, make, tmp_path, monkeypatch):
    dialog = make()
    dialog.ask_save_path = lambda suggested: tmp_path / "all.md"

    def cancelled(*args, **kwargs):
        raise Interrupted("Cancelled.")

    monkeypatch.setattr("qtapp.gui.export_dialog.export_to_path", cancelled)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: "cancelled" in dialog.message.text(), timeout=10_000)
    assert not (tmp_path / "all.md").exists() and dialog.save_button.isEnabled()


def test_user_cancelling_the_file_dialog_does_nothing(make):
    dialog = make()
    dialog.ask_save_path = lambda suggested: None
    dialog.save_button.click()
    assert dialog.op is None and dialog.save_button.isEnabled()


def test_opens_on_what_the_window_shows(make):
    assert make(tag="barges").what.currentData() == "tag"
    on_source = make(source_id=1)
    assert (on_source.what.currentData(), on_source.source.currentData()) == ("source", 1)
    assert make(selected_ids=[1], source_id=1).what.currentData() == "selection"


def test_cancel_stops_a_long_export_and_leaves_no_file(qtbot, make, filled, tmp_path, monkeypatch):
    monkeypatch.setattr("qtapp.core.formats.sheet_rows.PAGE_SIZE", 1)  # one progress report per quote
    sid = filled.speakers.add("Una Belling")
    filled.quotes.add_many([{"words": f"Bollard {n} is loose.", "speaker_id": sid} for n in range(300)])
    dialog = make()
    choose(dialog.what, "library")
    choose(dialog.format, "sheet-csv")
    dialog.ask_save_path = lambda suggested: tmp_path / "long.csv"
    dialog.save_button.click()
    dialog.op.cancel()  # what the progress dialog's Cancel button does
    qtbot.waitUntil(lambda: dialog.op.done, timeout=10_000)
    assert "cancelled" in dialog.message.text()
    assert not (tmp_path / "long.csv").exists() and list(tmp_path.glob(".export-*")) == []


@pytest.mark.parametrize("typed, saved", [("refs-apa", "refs-apa.csv"), ("refs.csv", "refs.csv"),
                                          ("Smith v. Jones", "Smith v. Jones.csv")])
def test_a_name_typed_without_an_extension_gets_the_formats(qtbot, make, tmp_path, typed, saved):
    dialog = make(tag="canal")
    choose(dialog.format, "sheet-csv")
    folder = tmp_path / "exports"
    folder.mkdir()
    dialog.ask_save_path = lambda suggested: folder / typed
    with qtbot.waitSignal(dialog.export_did_finish, timeout=10_000):
        dialog.save_button.click()
    assert [p.name for p in folder.iterdir()] == [saved]
