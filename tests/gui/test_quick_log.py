"""The quick log dialog, driven from the keyboard as a reporter logging an interview would."""

import pytest

from PySide6.QtCore import Qt

from qtapp.core.query import QuoteQuery
from qtapp.gui.quick_log import QuickLogDialog

INTERVIEW = """\
Q: Will the bridge reopen before winter?
ORTEGA: We will have traffic on it by the first frost, I promise you that.
Q: And the cost?
ORTEGA: Nobody in this office has seen a final bill, and I will not guess.
Q: Who is to blame for the delay?
ORTEGA: The contractor missed three deadlines in a row."""


@pytest.fixture
def interview(library):
    mayor = library.speakers.add("Marisol Ortega", aliases=["Mayor Ortega"])
    source = library.sources.add("interview", "Phone call with the mayor", date="2023-11-09", text=INTERVIEW,
                                 medium="phone")
    return mayor, source


def open_dialog(qtbot, library, **kwargs):
    dialog = QuickLogDialog(library, **kwargs)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    return dialog


def answers(text: str) -> list[str]:
    return [line.split(": ", 1)[1] for line in text.splitlines() if line.startswith("ORTEGA: ")]


def test_three_quotes_logged_with_keys_only_are_found_by_alias(qtbot, library, interview):
    mayor, source = interview
    dialog = open_dialog(qtbot, library)
    logged = []
    dialog.quote_logged.connect(logged.append)
    said = answers(INTERVIEW)

    # First quote: words, Tab to speaker (typed as the alias), Tab to the source chooser.
    qtbot.keyClicks(dialog.words, said[0])
    qtbot.keyClick(dialog.words, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.speaker
    qtbot.keyClicks(dialog.speaker, "Mayor Ortega")
    qtbot.keyClick(dialog.speaker, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.source
    qtbot.keyClicks(dialog.source, "Phone call")     # keyboard search in the chooser, by title
    assert dialog.source.currentData() == source
    assert dialog.said.text() == "Thu 9 Nov 2023"    # the source's date, filled in
    qtbot.keyClick(dialog.source, Qt.Key.Key_Return)
    # Two more: only the words change; Enter in the words box saves.
    for words in said[1:]:
        assert dialog.focusWidget() is dialog.words
        qtbot.keyClicks(dialog.words, words)
        qtbot.keyClick(dialog.words, Qt.Key.Key_Return)

    assert len(logged) == 3
    found = library.quotes.page(QuoteQuery(speaker="Mayor Ortega"))
    assert sorted(r.words for r in found) == sorted(said)
    for qid in logged:
        quote = library.quotes.get(qid)
        assert INTERVIEW[quote.span_start:quote.span_end] == quote.words      # located in the source
        assert (quote.speaker_id, quote.source_id, quote.said.iso, quote.rule) == (mayor, source, "2023-11-09",
                                                                                   "on_record")
    assert dialog.words.toPlainText() == ""
    assert dialog.speaker.text() == "Mayor Ortega"


def test_shift_enter_breaks_the_line_and_enter_saves(qtbot, library, interview):
    dialog = open_dialog(qtbot, library)
    dialog.speaker.setText("Marisol Ortega")
    qtbot.keyClicks(dialog.words, "First line.")
    qtbot.keyClick(dialog.words, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(dialog.words, "Second line.")
    assert dialog.words.toPlainText() == "First line.\nSecond line."
    with qtbot.waitSignal(dialog.quote_logged) as blocker:
        qtbot.keyClick(dialog.words, Qt.Key.Key_Enter)
    assert library.quotes.get(blocker.args[0]).words == "First line.\nSecond line."


def test_new_speaker_is_asked_about_once_then_created_on_second_enter(qtbot, library, interview):
    dialog = open_dialog(qtbot, library)
    logged = []
    dialog.quote_logged.connect(logged.append)
    qtbot.keyClicks(dialog.words, "The contractor will answer in writing.")
    qtbot.keyClick(dialog.words, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.speaker, "Tomasz Reyes")
    qtbot.keyClick(dialog.speaker, Qt.Key.Key_Return)
    assert logged == [] and library.speakers.lookup("Tomasz Reyes") is None
    assert "not in the library" in dialog.message.text()
    qtbot.keyClick(dialog.speaker, Qt.Key.Key_Return)
    new = library.speakers.lookup("Tomasz Reyes")
    assert new is not None and library.quotes.get(logged[0]).speaker_id == new
    # The next quote by the now-known speaker is saved at once.
    qtbot.keyClicks(dialog.words, "No further comment.")
    qtbot.keyClick(dialog.words, Qt.Key.Key_Return)
    assert len(logged) == 2


def test_date_is_read_as_typed_and_an_unreadable_one_is_kept_with_a_message(qtbot, library, interview):
    library.set_setting("date_order", "day-first")
    dialog = open_dialog(qtbot, library)
    qtbot.keyClicks(dialog.said.edit, "9/11/2023")
    assert dialog.said.reading.text() == "Thu 9 Nov 2023"
    dialog.said.edit.clear()
    qtbot.keyClicks(dialog.said.edit, "Novembr 9th")
    dialog.speaker.setText("Marisol Ortega")
    qtbot.keyClicks(dialog.words, "We will see.")
    qtbot.keyClick(dialog.words, Qt.Key.Key_Return)
    assert library.quotes.count() == 0
    assert dialog.said.text() == "Novembr 9th"
    assert dialog.words.toPlainText() == "We will see."
    assert "not a date" in dialog.message.text()


def test_background_rule_asks_for_the_agreed_description(qtbot, library, interview):
    dialog = open_dialog(qtbot, library)
    dialog.speaker.setText("Mayor Ortega")
    dialog.words.setPlainText("The council knew in March.")
    dialog.rule.combo.setCurrentIndex(dialog.rule.combo.findData("background"))
    assert dialog.rule.detail.isVisible() and dialog.rule.detail.accessibleName() == "Agreed description"
    assert dialog.save() is None and "description" in dialog.message.text()
    dialog.rule.detail.setText("a city hall official")
    quote = library.quotes.get(dialog.save())
    assert (quote.rule, quote.rule_description) == ("background", "a city hall official")


def test_speaker_box_completes_over_aliases(qtbot, library, interview):
    dialog = open_dialog(qtbot, library)
    qtbot.keyClicks(dialog.speaker, "Mayor Ort")
    assert dialog.speaker.completer().model().stringList() == ["Marisol Ortega"]


def test_every_input_has_an_accessible_name(qtbot, library, interview):
    dialog = open_dialog(qtbot, library)
    for widget in (dialog.words, dialog.speaker, dialog.source, dialog.said.edit, dialog.rule.combo, dialog.log_button):
        assert widget.accessibleName()


def test_the_date_follows_the_source_until_one_is_typed(qtbot, library, interview):
    _, first = interview
    second = library.sources.add("article", "Bridge reopening slips", date="2023-12-01")
    dialog = open_dialog(qtbot, library)
    dialog.source.setCurrentIndex(dialog.source.findData(first))
    assert dialog.said.text() == "Thu 9 Nov 2023"
    dialog.source.setCurrentIndex(dialog.source.findData(second))
    assert dialog.said.text() == "Fri 1 Dec 2023"
    dialog.said.setText("8 Nov 2023")
    dialog.source.setCurrentIndex(dialog.source.findData(first))
    assert dialog.said.text() == "8 Nov 2023"


def test_words_not_found_once_in_the_source_get_no_span(qtbot, library, interview):
    _, source = interview
    dialog = open_dialog(qtbot, library, source_id=source)
    dialog.speaker.setText("Marisol Ortega")
    for words in ("ORTEGA", "We will have traffic on it by the first snow"):    # twice; not at all
        dialog.words.setPlainText(words)
        quote = library.quotes.get(dialog.save())
        assert (quote.span_start, quote.span_end) == (None, None)


def test_choosing_from_the_speaker_popup_takes_one_enter_and_saving_another(qtbot, library, interview):
    mayor, _ = interview
    dialog = open_dialog(qtbot, library)
    logged = []
    dialog.quote_logged.connect(logged.append)
    qtbot.keyClicks(dialog.words, "The contractor missed three deadlines in a row.")
    qtbot.keyClick(dialog.words, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.speaker, "Mayor Ort")
    popup = dialog.speaker.completer().popup()
    assert popup.isVisible()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert dialog.speaker.text() == "Marisol Ortega" and logged == []
    qtbot.keyClick(dialog.speaker, Qt.Key.Key_Return)
    assert [library.quotes.get(q).speaker_id for q in logged] == [mayor]
    assert library.speakers.lookup("Mayor Ort") is None


def test_escape_with_unlogged_words_warns_before_closing(qtbot, library, interview):
    dialog = open_dialog(qtbot, library)
    qtbot.keyClicks(dialog.words, "Nobody has seen a final bill.")
    qtbot.keyClick(dialog.words, Qt.Key.Key_Escape)
    assert dialog.isVisible() and "not logged yet" in dialog.message.text()
    qtbot.keyClick(dialog.words, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    empty = open_dialog(qtbot, library)
    qtbot.keyClick(empty.words, Qt.Key.Key_Escape)     # nothing typed: closes at once
    assert not empty.isVisible()


@pytest.mark.parametrize("choice", ["source", "quote", ""])
def test_a_paste_over_2000_words_asks_whether_it_is_a_source(qtbot, library, interview, monkeypatch, choice):
    from qtapp.gui import quick_log
    asked = []
    monkeypatch.setattr(quick_log, "ask_long_paste", lambda _parent, count: asked.append(count) or choice)
    dialog = open_dialog(qtbot, library)
    text = "Harbour council minutes, 9 November\n" + "The council met and talked at length. " * 400
    dialog.words.setPlainText(text)
    dialog.speaker.setText("Marisol Ortega")
    imported = []
    dialog.source_imported.connect(imported.append)
    before = library.quotes.count(QuoteQuery())
    result = dialog.save()
    assert asked == [len(text.split())]
    if choice == "source":
        assert result is None and len(imported) == 1
        source = library.sources.get(imported[0])
        assert (source.title, source.text) == ("Harbour council minutes, 9 November", text.strip())
        assert library.quotes.count(QuoteQuery()) == before and dialog.words.toPlainText() == ""
    elif choice == "quote":
        assert result is not None and library.quotes.count(QuoteQuery()) == before + 1
    else:
        assert result is None and imported == [] and dialog.words.toPlainText() == text


def test_a_short_paste_is_logged_without_a_question(qtbot, library, interview, monkeypatch):
    from qtapp.gui import quick_log
    monkeypatch.setattr(quick_log, "ask_long_paste", lambda *_: pytest.fail("asked about a short quote"))
    dialog = open_dialog(qtbot, library)
    dialog.words.setPlainText("We will have traffic on it by the first frost.")
    dialog.speaker.setText("Marisol Ortega")
    assert dialog.save() is not None
