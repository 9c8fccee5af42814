"""The Import dialog: a preview of what will be added or merged, then one background import."""

import io

import pytest

from qtapp.core.formats.registry import export_to_stream
from qtapp.core.formats.selection import Selection
from qtapp.core.library import Library
from qtapp.gui import ops, settings
from qtapp.gui.import_dialog import ImportDialog
from qtapp.gui.operations import Change, changes


@pytest.fixture
def other_export(tmp_path):
    """A native copy and a BibTeX file written from another library."""
    with Library(tmp_path / "colleague.verbatim") as lib:
        sid = lib.speakers.add("Petra Sallow")
        src = lib.sources.add("article", "Flood defences delayed", outlet="River Post", date="2024-02-02")
        lib.quotes.add("The wall is half built.", sid, source_id=src)
        paths = {}
        for name, file_name in (("native", "copy.json"), ("bibtex", "refs.bib")):
            out = io.StringIO()
            export_to_stream(lib, name, Selection(), out)
            paths[name] = tmp_path / file_name
            paths[name].write_text(out.getvalue(), encoding="utf-8")
    return paths


def make(qtbot, lib):
    dialog = ImportDialog(lib)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def load(qtbot, dialog, path):
    dialog.ask_open_path = lambda: path
    dialog.browse_button.click()
    qtbot.waitUntil(lambda: dialog.op.done, timeout=10_000)


def rows(dialog):
    return [tuple(dialog.items.item(r, c).text() for c in range(3)) for r in range(dialog.items.rowCount())]


def test_preview_then_import_a_library_copy(qtbot, library, other_export):
    dialog = make(qtbot, library)
    load(qtbot, dialog, other_export["native"])
    assert ("Quote", "The wall is half built.", "New") in rows(dialog)
    assert "Will add 1 source, 1 speaker and 1 quote" in dialog.summary.text()
    assert library.quotes.count() == 0  # the preview wrote nothing
    with qtbot.waitSignal(dialog.import_did_finish, timeout=10_000) as done:
        dialog.import_button.click()
    assert done.args[0].added == {"source": 1, "speaker": 1, "quote": 1}
    assert library.quotes.count() == 1
    load(qtbot, dialog, other_export["native"])
    assert {r[2] for r in rows(dialog)} == {"Already in the library"}
    assert not dialog.import_button.isEnabled()
    ops.wait_for_all()


def test_reference_file_preview_marks_known_sources(qtbot, library, other_export):
    library.sources.add("article", "Flood defences delayed", date="2024-02-02")
    dialog = make(qtbot, library)
    load(qtbot, dialog, other_export["bibtex"])
    assert rows(dialog) == [
        ("Source", "Flood defences delayed — River Post — Fri 2 Feb 2024", "Already in the library")]
    assert settings.user_value("import/folder") == str(other_export["bibtex"].parent)
    ops.wait_for_all()


def test_unreadable_file_says_what_is_wrong(qtbot, library, tmp_path):
    bad = tmp_path / "broken.ris"
    bad.write_text("this is not RIS", encoding="utf-8")
    dialog = make(qtbot, library)
    load(qtbot, dialog, bad)
    assert "No RIS records" in dialog.summary.text() and not dialog.import_button.isEnabled()
    ops.wait_for_all()


def test_a_document_imports_as_the_command_line_imports_it(qtbot, library, tmp_path):
    """The dialog reads through the command line's reader: a Markdown note becomes a source."""
    notes = tmp_path / "harbour notes.markdown"
    notes.write_text("# Harbour notes\n\nThe wall is half built, the engineer said.\n", encoding="utf-8")
    dialog = make(qtbot, library)
    load(qtbot, dialog, notes)
    assert [(kind, action) for kind, _label, action in rows(dialog)] == [("Source", "New")]
    with qtbot.waitSignal(dialog.import_did_finish, timeout=10_000) as done:
        dialog.import_button.click()
    assert done.args[0].added == {"source": 1}
    assert [s["title"] for s in library.sources.all(limit=-1)] == ["Harbour notes"]
    ops.wait_for_all()


def test_an_import_tells_the_window_which_records_changed(qtbot, library, other_export):
    seen = []

    def note(_lib, what):
        seen.append(what)

    changes.did_change.connect(note)
    try:
        dialog = make(qtbot, library)
        load(qtbot, dialog, other_export["native"])
        assert seen == []   # reading and previewing write nothing
        with qtbot.waitSignal(dialog.import_did_finish, timeout=10_000):
            dialog.import_button.click()
        assert seen == [Change.RECORDS]   # the list, the navigator and the details re-read
    finally:
        changes.did_change.disconnect(note)
        ops.wait_for_all()
