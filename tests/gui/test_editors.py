"""The source and speaker editors: every field round-trips, problems show before saving, merge."""

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QLineEdit, QPlainTextEdit, QTableWidget, QTabWidget

from qtapp.core.dates import PartialDate
from qtapp.core.names import Name
from qtapp.core.query import QuoteQuery
from qtapp.gui import ops
from qtapp.gui.editors.log_span import LogSpanDialog
from qtapp.gui.editors.source_editor import SourceEditor
from qtapp.gui.editors.speaker_editor import SpeakerEditor
from qtapp.gui.quick_log import QuickLogDialog
from qtapp.gui.source_view import SourceView


def shown(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


# -- source editor -------------------------------------------------------------------------

def test_new_source_with_structured_people_and_partial_dates(qtbot, library):
    editor = shown(qtbot, SourceEditor(library))
    editor.kind.setCurrentIndex(editor.kind.findData("interview"))
    qtbot.keyClicks(editor.title, "Harbour commissioner on the seawall")
    qtbot.keyClicks(editor.outlet, "Kestrel Bay Courier")
    editor.people.role.setCurrentIndex(editor.people.role.findData("interviewer"))
    qtbot.keyClicks(editor.people.typed, "Maarten van der Berg")
    qtbot.keyClick(editor.people.typed, Qt.Key.Key_Return)
    editor.people.role.setCurrentIndex(editor.people.role.findData("author"))
    qtbot.keyClicks(editor.people.typed, "{Kestrel Bay Newsroom}")
    qtbot.keyClick(editor.people.typed, Qt.Key.Key_Return)
    qtbot.keyClicks(editor.date.edit, "Nov 2023")
    assert editor.date.reading.text() == "November 2023"
    editor.medium.setCurrentIndex(editor.medium.findData("phone"))
    editor.text.setPlainText("Q: When?\nA: By spring.")
    with qtbot.waitSignal(editor.source_saved) as blocker:
        editor.save()
    source = library.sources.get(blocker.args[0])
    assert (source.kind, source.title, source.outlet, source.date.iso, source.medium) == (
        "interview", "Harbour commissioner on the seawall", "Kestrel Bay Courier", "2023-11", "phone")
    assert ("interviewer", Name(family="Berg", given="Maarten", particle="van der")) in source.names
    assert ("author", Name(literal="Kestrel Bay Newsroom")) in source.names
    assert source.text == "Q: When?\nA: By spring."


@pytest.mark.parametrize("field, typed, expected", [
    ("date", "31 Feb 2023", "not a real date"),
    ("url", "kestrelbay.example/seawall", "not a web address"),
    ("date_end", "1 Jan 2020", "before the date"),
])
def test_source_problems_show_inline_and_nothing_is_saved(qtbot, library, field, typed, expected):
    editor = shown(qtbot, SourceEditor(library))
    editor.title.setText("Council minutes")
    editor.date.setText("3 Mar 2023")
    getattr(editor, field).setText(typed)
    assert editor.save() is None
    assert expected in editor.message.text()
    assert editor.isVisible() and library.sources.all() == []
    assert getattr(editor, field).text() == typed


def test_editing_a_source_changes_only_what_differs(qtbot, library):
    source_id = library.sources.add("article", "Old headline", outlet="Courier", date="2023-05",
                                    names=[("author", "Rosa Lind")], text="Body text.")
    editor = shown(qtbot, SourceEditor(library, source_id))
    assert editor.people.names() == [("author", Name(family="Lind", given="Rosa"))]
    assert editor.date.text() == "May 2023"
    editor.title.setText("New  headline")
    editor.save()
    source = library.sources.get(source_id)
    assert (source.title, source.outlet, source.date.iso, source.text) == ("New headline", "Courier", "2023-05",
                                                                           "Body text.")
    assert source.names == [("author", Name(family="Lind", given="Rosa"))]
    assert library.undo() == "Edit source Old headline"
    assert library.sources.get(source_id).title == "Old headline"


def test_a_person_row_without_family_name_is_refused(qtbot, library):
    editor = shown(qtbot, SourceEditor(library))
    editor.people.add_name(Name(given="Rosa"))
    assert editor.save() is None
    assert "no family name" in editor.message.text()


def test_medium_only_applies_to_interviews(qtbot, library):
    editor = shown(qtbot, SourceEditor(library))
    editor.kind.setCurrentIndex(editor.kind.findData("article"))
    assert not editor.medium.isEnabled()
    editor.kind.setCurrentIndex(editor.kind.findData("interview"))
    assert editor.medium.isEnabled()


# -- speaker editor ------------------------------------------------------------------------

def test_new_speaker_with_aliases_roles_and_open_ended_dates(qtbot, library):
    library.set_setting("date_order", "day-first")
    editor = shown(qtbot, SpeakerEditor(library))
    qtbot.keyClicks(editor.name, "Ines Carvalho")
    assert editor.sort_name.placeholderText() == "Carvalho, Ines"
    for alias in ("Carvalho", "the commissioner", "carvalho"):
        qtbot.keyClicks(editor.new_alias, alias)
        qtbot.keyClick(editor.new_alias, Qt.Key.Key_Return)
    assert editor.alias_list() == ["Carvalho", "the commissioner"]
    editor.roles.add_empty_row()
    table = editor.roles.table
    for column, text in enumerate(("Deputy commissioner", "Kestrel Bay Harbour Board", "2018", "3/6/2021")):
        table.item(0, column).setText(text)
    assert table.item(0, 4).text() == "2018 – Thu 3 Jun 2021"
    editor.roles.add_empty_row()
    for column, text in enumerate(("Harbour commissioner", "Kestrel Bay Harbour Board", "June 2021", "")):
        table.item(1, column).setText(text)
    editor.wikidata.setText("https://www.wikidata.org/wiki/Q123456")
    editor.confidential.setChecked(True)
    speaker_id = editor.save()
    speaker = library.speakers.get(speaker_id)
    assert (speaker.name, speaker.sort_name, speaker.wikidata, speaker.confidential) == (
        "Ines Carvalho", "Carvalho, Ines", "Q123456", True)
    assert library.speakers.lookup("the commissioner") == speaker_id
    assert [(r.title, r.start.iso, r.end.iso if r.end else None) for r in speaker.roles] == [
        ("Deputy commissioner", "2018", "2021-06-03"), ("Harbour commissioner", "2021-06", None)]
    board = "Kestrel Bay Harbour Board"
    assert library.speakers.title_on(speaker_id, PartialDate(2020, 1)) == f"Deputy commissioner, {board}"
    assert library.speakers.title_on(speaker_id, None) == "Harbour commissioner, Kestrel Bay Harbour Board"


def test_role_that_ends_before_it_starts_is_refused_inline(qtbot, library):
    editor = shown(qtbot, SpeakerEditor(library))
    editor.name.setText("Pavel Dune")
    editor.roles.add_empty_row()
    for column, text in enumerate(("Resident", "", "2022", "2019")):
        editor.roles.table.item(0, column).setText(text)
    assert editor.save() is None
    assert "ends" in editor.message.text() and library.speakers.all() == []


def test_editing_aliases_and_roles_of_a_stored_speaker(qtbot, library):
    sid = library.speakers.add("Ines Carvalho", aliases=["Carvalho", "Ms Carvalho"],
                               roles=[{"title": "Commissioner", "start": "2021"}, {"title": "Clerk", "end": "2020"}])
    editor = shown(qtbot, SpeakerEditor(library, sid))
    editor.aliases.setCurrentRow(1)
    editor.remove_alias()
    editor.add_alias("Commissioner Carvalho")
    assert editor.roles.table.item(0, 0).text() == "Clerk"     # sorted by start; an open start first
    editor.roles.table.item(0, 0).setText("Town clerk")
    editor.description.setText("Runs the harbour board")
    editor.save()
    speaker = library.speakers.get(sid)
    assert speaker.aliases == ["Carvalho", "Commissioner Carvalho"]
    assert sorted(r.title for r in speaker.roles) == ["Commissioner", "Town clerk"]
    assert speaker.description == "Runs the harbour board"


def test_merge_asks_then_moves_quotes_and_names(qtbot, library, monkeypatch):
    keep = library.speakers.add("Ines Carvalho", aliases=["Carvalho"])
    dupe = library.speakers.add("I. Carvalho", aliases=["the harbour commissioner"],
                                roles=[{"title": "Harbour commissioner", "start": "2021"}])
    library.quotes.add("The seawall will be finished by spring.", dupe)
    editor = shown(qtbot, SpeakerEditor(library, keep))
    questions = []
    monkeypatch.setattr(editor, "confirm", lambda q: questions.append(q) or False)
    qtbot.keyClicks(editor.merge_with, "the harbour commissioner")
    assert editor.merge() is False and library.speakers.lookup("I. Carvalho") == dupe   # answered no
    assert "1 quote" in questions[0]
    monkeypatch.setattr(editor, "confirm", lambda q: True)
    assert editor.merge() is True
    assert library.quotes.page(QuoteQuery(speaker="the harbour commissioner"))[0].speaker_id == keep
    assert {"I. Carvalho", "the harbour commissioner"} <= set(editor.alias_list())
    assert editor.roles.table.item(0, 0).text() == "Harbour commissioner"
    editor.save()                                  # saving afterwards keeps what the merge brought
    assert set(library.speakers.get(keep).aliases) == {"Carvalho", "I. Carvalho", "the harbour commissioner"}
    assert len(library.speakers.get(keep).roles) == 1


def test_merging_a_speaker_with_itself_is_refused(qtbot, library):
    keep = library.speakers.add("Ines Carvalho", aliases=["Carvalho"])
    editor = shown(qtbot, SpeakerEditor(library, keep))
    editor.merge_with.setText("Carvalho")
    assert editor.merge() is False and "this speaker" in editor.message.text()


def test_every_editor_input_has_an_accessible_name(qtbot, library):
    sid = library.speakers.add("Ines Carvalho")
    for dialog in (SourceEditor(library), SpeakerEditor(library, sid)):
        shown(qtbot, dialog)
        for kind in (QLineEdit, QComboBox, QPlainTextEdit, QTableWidget):
            for widget in dialog.findChildren(kind):
                if widget.parent().metaObject().className() != "QComboBox":  # a combo's own line edit
                    assert widget.accessibleName(), widget
        for button in dialog.findChildren(QAbstractButton):
            # Qt's own parts, such as a table's corner (Qt 6.8 leaves the corner button unnamed)
            if button.objectName().startswith("qt_") or button.metaObject().className() == "QTableCornerButton":
                continue
            assert button.accessibleName() or button.text(), button


def mnemonics(dialog) -> list[str]:
    texts = [w.text() for w in dialog.findChildren(QLabel) if w.buddy() is not None]
    texts += [w.text() for w in dialog.findChildren(QAbstractButton) if w.isVisibleTo(dialog)]
    texts += [t.tabText(i) for t in dialog.findChildren(QTabWidget) for i in range(t.count())]
    return [t[t.index("&") + 1].lower() for t in (t.replace("&&", "") for t in texts) if "&" in t]


def test_each_dialog_has_unique_alt_keys(qtbot, library):
    sid = library.speakers.add("Ines Carvalho")
    for dialog in (SourceEditor(library), SpeakerEditor(library, sid), QuickLogDialog(library)):
        shown(qtbot, dialog)
        keys = mnemonics(dialog)
        assert len(keys) >= 5 and len(keys) == len(set(keys)), (dialog.windowTitle(), sorted(keys))


def test_every_dialog_fits_a_1280_by_800_screen(qtbot, library):
    sid = library.speakers.add("Ines Carvalho")
    source = library.sources.add("article", "Seawall", text="“We will finish by spring,” Carvalho said. " * 2000)
    view = SourceView(library, source)
    for widget in (SourceEditor(library, source), SpeakerEditor(library, sid), QuickLogDialog(library), view,
                   LogSpanDialog(library, view.source, 1, 26, view)):
        shown(qtbot, widget)
        for size in (widget.size(), widget.minimumSizeHint()):
            assert size.width() <= 1280 and size.height() <= 760, (type(widget).__name__, size)


def test_nothing_is_written_while_background_work_holds_the_library(qtbot, library, monkeypatch):
    monkeypatch.setattr(ops, "is_busy", lambda: True)
    sid = library.speakers.add("Ines Carvalho")
    quick = shown(qtbot, QuickLogDialog(library))
    quick.speaker.setText("Ines Carvalho")
    quick.words.setPlainText("We will finish by spring.")
    source = shown(qtbot, SourceEditor(library))
    source.title.setText("Harbour board minutes")
    speaker = shown(qtbot, SpeakerEditor(library, sid))
    speaker.description.setText("Harbour commissioner")
    for dialog in (quick, source, speaker):
        assert dialog.save() is None
        assert "Wait until it has finished" in dialog.message.text()
        assert dialog.isVisible()
    assert library.quotes.count() == 0 and library.sources.all() == []
    assert library.speakers.get(sid).description == ""
    assert quick.words.toPlainText() == "We will finish by spring."


def test_one_undo_reverses_a_whole_speaker_edit(qtbot, library):
    sid = library.speakers.add("Ines Carvalho", aliases=["Carvalho"], roles=[{"title": "Clerk", "end": "2020"}])
    before = library.speakers.get(sid)
    editor = shown(qtbot, SpeakerEditor(library, sid))
    editor.description.setText("Harbour commissioner")
    editor.add_alias("Commissioner Carvalho")
    editor.roles.add_empty_row()
    for column, text in enumerate(("Commissioner", "Harbour Board", "2021", "")):
        editor.roles.table.item(1, column).setText(text)
    editor.save()
    assert len(library.speakers.get(sid).roles) == 2
    assert library.undo() == "Edit speaker Ines Carvalho"
    after = library.speakers.get(sid)
    assert (after.description, after.aliases, after.roles) == (before.description, before.aliases, before.roles)
    SpeakerEditor(library, sid).save()                # nothing changed: no step to undo
    assert library.undo_status()[0] == "Add speaker Ines Carvalho"


def test_an_untouched_text_is_kept_byte_for_byte(qtbot, library):
    text = "Line one.\r\nLine two\u2028still two.\r\n“Quoted,” she said."
    source_id = library.sources.add("article", "Minutes", text=text)
    editor = shown(qtbot, SourceEditor(library, source_id))
    editor.title.setText("Council minutes")
    editor.save()
    assert library.sources.get(source_id).text == text
    editor = shown(qtbot, SourceEditor(library, source_id))
    editor.text.selectAll()
    qtbot.keyClicks(editor.text, "Typed again.")
    editor.save()
    assert library.sources.get(source_id).text == "Typed again."


def test_editing_an_imported_source_keeps_what_the_editor_does_not_show(qtbot, library):
    from qtapp.core.cite.csl import csl_to_source, source_to_csl
    item = {"id": "z", "type": "article-magazine", "title": "The tide tables", "container-title": "Estuary Monthly",
            "volume": "42", "issue": "7", "page": "18-27", "issued": {"date-parts": [[2021, 7]]},
            "author": [{"family": "Fontaine", "given": "Jean", "dropping-particle": "de"}],
            "executive-producer": [{"family": "Mensah", "given": "Ama"}]}
    source_id = library.sources.add(**csl_to_source(item))
    editor = shown(qtbot, SourceEditor(library, source_id))
    editor.title.setText("The tide tables, revised")
    editor.save()
    back = source_to_csl(library.sources.get(source_id))
    assert back["title"] == "The tide tables, revised"
    assert (back["volume"], back["issue"], back["page"]) == ("42", "7", "18-27")
    assert back["author"] == item["author"] and back["executive-producer"] == item["executive-producer"]


def test_citation_fields_show_what_the_kind_needs_and_every_imported_field(qtbot, library):
    from qtapp.core.cite.csl import csl_to_source, source_to_csl
    item = {"id": "b", "type": "broadcast", "title": "What the harbor master saw", "publisher": "Valley Radio",
            "container-title": "Morning Tide", "number": 212, "archive": "Station tapes",
            "event-date": {"date-parts": [[2023, 4, 18]]}}
    source_id = library.sources.add(**csl_to_source(item))
    editor = shown(qtbot, SourceEditor(library, source_id))
    table = editor.citation.table
    rows = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    assert rows == {"container-title": "Morning Tide", "number": "212", "medium": "", "genre": "",
                    "archive": "Station tapes", "event-date": "2023-04-18"}
    genre = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == "genre")
    table.item(genre, 1).setText("Radio broadcast")
    editor.citation.add.activated.emit(editor.citation.add.findData("section"))
    table.item(table.rowCount() - 1, 1).setText("Local")
    editor.save()
    back = source_to_csl(library.sources.get(source_id))
    assert (back["genre"], back["section"], back["number"]) == ("Radio broadcast", "Local", 212)  # 212 kept typed
    assert back["event-date"] == item["event-date"]


def test_a_citation_date_that_cannot_be_read_is_refused(qtbot, library):
    editor = shown(qtbot, SourceEditor(library))
    editor.kind.setCurrentIndex(editor.kind.findData("speech"))
    table = editor.citation.table
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == "event-date")
    table.item(row, 1).setText("sometime soon")
    assert editor.save() is None
    assert "not a date" in editor.message.text()
