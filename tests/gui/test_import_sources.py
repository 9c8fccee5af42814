"""The Import sources dialog: many files in the background, per-file errors, duplicates, pasted text."""

import pytest

from PySide6.QtWidgets import QApplication, QComboBox

from qtapp.core.errors import Interrupted
from qtapp.gui import ops
from qtapp.gui.capture.import_sources import ImportSourcesDialog

NOTES = "Harbour vote, 5 March\n\nVarga said the quay had never been priced properly.\n"
OTHER = "Fishing cooperative\n\nThe cooperative asked for a second survey of the harbour floor.\n"


@pytest.fixture
def dialog(qtbot, library):
    widget = ImportSourcesDialog(library)
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    ops.wait_for_all()


@pytest.fixture
def files(tmp_path):
    notes, other, bad = tmp_path / "notes.txt", tmp_path / "coop.md", tmp_path / "scan.pdf"
    notes.write_text(NOTES, encoding="utf-8")
    other.write_text(OTHER, encoding="utf-8")
    bad.write_bytes(b"\x00\x01\x02\x03" * 100)
    return notes, other, bad


def run_import(qtbot, dialog, button=None):
    (button or dialog.import_button).click()
    with qtbot.waitSignal(dialog.op.finished, timeout=10_000):
        pass


def outcome_texts(dialog):
    return [dialog.results.item(r, 1).text() for r in range(dialog.results.rowCount())]


def source_titles(library):
    return sorted(t for (t,) in library.db.execute("SELECT title FROM sources WHERE deleted_at IS NULL"))


def test_many_files_are_imported_and_each_failure_is_explained(qtbot, dialog, library, files):
    imported = []
    dialog.sources_did_import.connect(imported.append)
    dialog.add_items(files)
    dialog.add_items([files[0]])  # queued once only
    assert len(dialog.queued()) == 3
    run_import(qtbot, dialog)
    texts = outcome_texts(dialog)
    assert texts[0].startswith("Added") and texts[1].startswith("Added")
    assert texts[2].startswith("Could not import") and "binary data" in texts[2]
    assert source_titles(library) == ["Fishing cooperative", "Harbour vote, 5 March"]
    assert len(imported[0]) == 2
    assert dialog.queued() == [str(files[2])]  # the failed file stays, to fix or remove
    assert "Added 2 sources; 1 could not be read" in dialog.message.text()


def test_duplicates_are_offered_for_merge_add_or_skip(qtbot, dialog, library, files):
    kept = library.sources.add("article", "Varga on the harbour", text=NOTES.strip())
    library.sources.add("article", "Cooperative notes", text=OTHER.strip())
    dialog.add_items(files[:2])
    run_import(qtbot, dialog)
    assert outcome_texts(dialog)[0] == "Already in the library as “Varga on the harbour”"
    combos = [dialog.results.cellWidget(r, 2) for r in range(2)]
    assert all(isinstance(c, QComboBox) for c in combos)
    assert [combos[0].itemText(i) for i in range(3)] == ["Skip", "Merge", "Add anyway"]
    assert dialog.apply_button.isVisible()

    combos[0].setCurrentIndex(combos[0].findData("merge"))
    combos[1].setCurrentIndex(combos[1].findData("add"))
    run_import(qtbot, dialog, dialog.apply_button)
    assert source_titles(library) == ["Cooperative notes", "Fishing cooperative", "Varga on the harbour"]
    assert library.sources.get(kept).title == "Varga on the harbour"
    assert not dialog.apply_button.isVisible()
    assert "1 merged, 1 added anyway" in dialog.message.text()


def test_cancel_keeps_nothing(qtbot, dialog, library, files, monkeypatch):
    import qtapp.gui.operations.capture as module

    real = module.import_paths

    class CancelOnSecond:
        def __init__(self, progress):
            self.progress = progress

        def update(self, done, total, text=""):
            if done == 1:
                raise Interrupted("Cancelled; nothing partial was kept.")
            self.progress.update(done, total, text)

    def cancelled_after_first(lib, items, progress, **kwargs):
        return real(lib, items, progress=CancelOnSecond(progress), **kwargs)

    monkeypatch.setattr(module, "import_paths", cancelled_after_first)
    dialog.add_items(files[:2])
    run_import(qtbot, dialog)
    assert source_titles(library) == []
    assert dialog.import_button.isEnabled()


def test_a_typed_address_must_be_http(qtbot, dialog):
    dialog.address.setText("not an address")
    dialog.add_address()
    assert dialog.queued() == [] and "http://" in dialog.message.text()
    dialog.address.setText("https://news.example/harbour")
    dialog.add_address()
    assert dialog.queued() == ["https://news.example/harbour"] and dialog.address.text() == ""


def test_pasted_text_becomes_a_source(qtbot, dialog, library):
    QApplication.clipboard().setText(NOTES)
    dialog.paste_from_clipboard()
    dialog.paste_title.setText("Varga, pasted")
    assert dialog.tabs.currentIndex() == 1
    run_import(qtbot, dialog)
    assert source_titles(library) == ["Varga, pasted"]
    assert dialog.paste_text.toPlainText() == ""


def test_pasting_nothing_shows_the_reason_in_the_dialog(qtbot, dialog, library):
    dialog.tabs.setCurrentIndex(1)
    run_import(qtbot, dialog)
    assert "no text to import" in dialog.message.text()
    assert source_titles(library) == []
