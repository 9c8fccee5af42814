"""The source view: highlights on the right words, clicks on them, and Log as quote (Ctrl+L)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QLineEdit, QPlainTextEdit

from qtapp.gui.editors import log_span
from qtapp.gui.source_view import SourceView, TextOffsets

from .texts import ARTICLE


def span_of(words: str) -> tuple[int, int]:
    start = ARTICLE.index(words)
    return start, start + len(words)


def open_view(qtbot, library, source_id):
    view = SourceView(library, source_id)
    qtbot.addWidget(view)
    view.resize(900, 600)
    with qtbot.waitActive(view):
        view.show()
        view.activateWindow()
    return view


def answer_log_dialog(qtbot, *, speaker: str | None = None):
    """When the Log as quote dialog opens, optionally type the speaker, then press Enter."""
    def respond():
        dialog = QApplication.activeModalWidget()
        assert dialog is not None and dialog.windowTitle() == "Log as quote"
        if speaker is not None:
            dialog.speaker.selectAll()
            qtbot.keyClicks(dialog.speaker, speaker)
        qtbot.keyClick(dialog.speaker, Qt.Key.Key_Return)
        if dialog.isVisible():   # a new speaker: Enter once more to confirm adding them
            qtbot.keyClick(dialog.speaker, Qt.Key.Key_Return)
    QTimer.singleShot(0, respond)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab \n😀𠀋é"), max_size=40))
def test_offsets_match_qt_utf16_positions_both_ways(text):
    offsets = TextOffsets(text)
    for i in range(len(text) + 1):
        qt = len(text[:i].encode("utf-16-le")) // 2
        assert offsets.to_qt(i) == qt
        assert offsets.to_py(qt) == i


def test_existing_quotes_are_highlighted_on_their_exact_words(qtbot, library, article):
    carvalho, source = article
    words = "We have the money, we have the stone, and 𠀋 we have the crews."
    start, end = span_of(words)
    library.quotes.add(words, carvalho, source_id=source, span_start=start, span_end=end)
    view = open_view(qtbot, library, source)
    [highlight] = view.text.extraSelections()
    # Qt's selectedText uses U+2029 for line breaks; none lies inside this quote.
    assert highlight.cursor.selectedText() == words
    assert view.count.text() == "1 quote highlighted"


def test_selected_words_after_emoji_are_logged_with_python_offsets(qtbot, library, article, monkeypatch):
    carvalho, source = article
    monkeypatch.setattr(log_span, "guess_speaker_name", lambda text, start, end: "Carvalho")
    view = open_view(qtbot, library, source)
    words = "The seawall will be finished by spring,"
    start, end = span_of(words)
    view.select_span(start, end)
    assert view.text.textCursor().selectedText() == words
    logged = []
    view.quote_logged.connect(logged.append)
    answer_log_dialog(qtbot)
    qtbot.keyClick(view.text, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert len(logged) == 1
    quote = library.quotes.get(logged[0])
    assert (quote.span_start, quote.span_end) == (start, end)
    assert ARTICLE[quote.span_start:quote.span_end] == quote.words == words
    assert (quote.speaker_id, quote.source_id, quote.said.iso) == (carvalho, source, "2023-10-02")
    assert len(view.text.extraSelections()) == 1


def test_white_space_around_a_selection_is_left_out_of_the_span(qtbot, library, article):
    _, source = article
    view = open_view(qtbot, library, source)
    quoted = "“I have heard that every spring,”"
    start, end = span_of(quoted)
    view.select_span(start - 1, end + 1)              # the spaces either side
    assert view.selected_span() == (start, end)


def test_an_unknown_guessed_speaker_is_offered_and_created_with_enter(qtbot, library, article, monkeypatch):
    _, source = article
    monkeypatch.setattr(log_span, "guess_speaker_name", lambda text, start, end: "Pavel Dune")
    view = open_view(qtbot, library, source)
    start, end = span_of("I have heard that every spring,")
    view.select_span(start, end)
    answer_log_dialog(qtbot)
    quote_id = view.log_selection()
    dune = library.speakers.lookup("Pavel Dune")
    assert dune is not None and library.quotes.get(quote_id).speaker_id == dune


def test_clicking_a_highlight_activates_its_quote(qtbot, library, article):
    carvalho, source = article
    words = "The seawall will be finished by spring,"
    start, end = span_of(words)
    quote_id = library.quotes.add(words, carvalho, source_id=source, span_start=start, span_end=end)
    view = open_view(qtbot, library, source)
    cursor = view.text.textCursor()
    cursor.setPosition(view.offsets.to_qt(start) + 5)
    point = view.text.cursorRect(cursor).center()
    with qtbot.waitSignal(view.quote_activated) as blocker:
        qtbot.mouseClick(view.text.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert blocker.args == [quote_id]
    # Outside any highlight nothing is activated.
    cursor.setPosition(2)
    with qtbot.assertNotEmitted(view.quote_activated):
        qtbot.mouseClick(view.text.viewport(), Qt.MouseButton.LeftButton, pos=view.text.cursorRect(cursor).center())


def test_transcript_quotes_get_their_time_in_the_recording(qtbot, library, monkeypatch):
    text = "[00:01] HOST: Welcome back.\n[00:04] GUEST: The reservoir is at forty percent.\n"
    speaker = library.speakers.add("Guest Speaker")
    source = library.sources.add("podcast", "Water week", date="2023-06-01", text=text)
    line2 = text.index("[00:04]")
    library.db["transcript_cues"].insert_all([
        {"source_id": source, "char_start": 0, "char_end": line2, "time_start": 1.0, "time_end": 4.0},
        {"source_id": source, "char_start": line2, "char_end": len(text), "time_start": 4.0, "time_end": 9.5}])
    monkeypatch.setattr(log_span, "guess_speaker_name", lambda text, start, end: "Guest Speaker")
    view = open_view(qtbot, library, source)
    words = "The reservoir is at forty percent."
    view.select_span(text.index(words), text.index(words) + len(words))
    answer_log_dialog(qtbot)
    quote = library.quotes.get(view.log_selection())
    assert (quote.speaker_id, quote.time_start, quote.time_end) == (speaker, 4.0, 9.5)


def test_log_as_quote_without_a_selection_says_what_to_do(qtbot, library, article):
    _, source = article
    view = open_view(qtbot, library, source)
    assert view.log_selection() is None
    assert "Select the words" in view.message.text()
    assert library.quotes.count() == 0


def test_speaker_is_guessed_from_the_attribution_and_matched_by_alias(qtbot, library, article):
    carvalho, source = article
    library.speakers.add("Pavel Dune")
    view = open_view(qtbot, library, source)
    for words, expected in (("We have the money, we have the stone, and 𠀋 we have the crews.", carvalho),
                            ("I have heard that every spring,", library.speakers.lookup("Pavel Dune"))):
        start, end = span_of(words)
        dialog = log_span.LogSpanDialog(library, view.source, start, end, view)
        qtbot.addWidget(dialog)
        assert dialog.speaker.speaker_id() == expected
        assert dialog.message.text() == ""      # a known speaker: nothing to confirm


def test_guess_reads_only_nearby_paragraphs_but_still_finds_the_name():
    filler = "An unrelated paragraph about the weather.\n" * 5000
    text = filler + ARTICLE + "\n" + filler
    start = text.index("I have heard")
    assert log_span.guess_speaker_name(text, start, start + len("I have heard that every spring,")) == "Pavel Dune"


def test_a_highlight_says_who_said_it_and_under_which_rule(qtbot, library, article):
    carvalho, source = article
    words = "The seawall will be finished by spring,"
    start, end = span_of(words)
    library.quotes.add(words, carvalho, source_id=source, span_start=start, span_end=end, rule="background",
                       rule_description="a harbour official")
    view = open_view(qtbot, library, source)
    assert view.describe_quote_at(view.offsets.to_qt(start)).startswith("Ines Carvalho · On background")
    assert view.describe_quote_at(view.offsets.to_qt(end)) == ""     # the span's end is outside it


def test_editing_the_source_from_the_view_shows_the_new_text(qtbot, library, article):
    _, source = article
    view = open_view(qtbot, library, source)

    def edit():
        editor = QApplication.activeModalWidget()
        editor.title.setText("Seawall: a promise for spring 😀")
        editor.text.selectAll()
        editor.text.insertPlainText("😀 “Spring,” she said.")     # as pasted over the old text
        editor.save()
    QTimer.singleShot(0, edit)
    assert view.edit_source() is True
    assert "Seawall: a promise for spring 😀" in view.heading.text()
    view.select_span(2, 11)
    assert view.selected_span() == (2, 11) and view.text.textCursor().selectedText() == "“Spring,”"


def test_the_view_and_its_dialog_name_every_control_for_screen_readers(qtbot, library, article):
    _, source = article
    view = open_view(qtbot, library, source)
    dialog = log_span.LogSpanDialog(library, view.source, 0, 9, view)
    qtbot.addWidget(dialog)
    for widget in (view, dialog):
        for kind in (QLineEdit, QComboBox, QPlainTextEdit):
            for child in widget.findChildren(kind):
                if child.parent().metaObject().className() != "QComboBox":
                    assert child.accessibleName(), child
        for button in widget.findChildren(QAbstractButton):
            if not isinstance(button.parent(), QLineEdit):     # a line edit's own clear button
                assert button.accessibleName() or button.text(), button


def test_find_then_log_the_found_words_from_the_keyboard(qtbot, library, article, monkeypatch):
    _carvalho, source = article
    monkeypatch.setattr(log_span, "guess_speaker_name", lambda text, start, end: "Carvalho")
    view = open_view(qtbot, library, source)
    view.text.setFocus()
    qtbot.keyClick(view.text, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is view.find_field
    qtbot.keyClicks(view.find_field, "we have the crews")
    qtbot.keyClick(view.find_field, Qt.Key.Key_Return)
    start, end = span_of("we have the crews")
    assert view.selected_span() == (start, end)          # found after the astral character
    answer_log_dialog(qtbot)
    qtbot.keyClick(view.find_field, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    quote = library.quotes.page()[0]
    assert (library.quotes.get(quote.id).span_start, quote.words) == (start, "we have the crews")
    first, last = ARTICLE.index("spring"), ARTICLE.rindex("spring")
    view.find_field.setText("spring")
    qtbot.keyClick(view.find_field, Qt.Key.Key_Return)      # after the logged words: the last one
    assert view.selected_span() == (last, last + 6)
    qtbot.keyClick(view.find_field, Qt.Key.Key_Return)      # none further: wraps to the first
    assert view.selected_span() == (first, first + 6)
    qtbot.keyClick(view.find_field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)   # back, wrapping
    assert view.selected_span() == (last, last + 6)
    view.find_field.setText("every winter")
    assert view.find_next() is False and "not in this source" in view.message.text()


def test_a_failing_speaker_guess_leaves_the_speaker_to_type(qtbot, library, article, monkeypatch):
    _, source = article

    def broken(text, start, end):
        raise ValueError("unreadable attribution")
    monkeypatch.setattr(log_span, "guess_speaker", broken)
    view = open_view(qtbot, library, source)
    dialog = log_span.LogSpanDialog(library, view.source, 0, 9, view)
    qtbot.addWidget(dialog)
    assert dialog.speaker.text() == ""


def test_keyboard_moves_from_quote_to_quote_and_opens_one(qtbot, library, article):
    carvalho, source = article
    ids = []
    for words in ("We have the money,", "The seawall will be finished by spring,"):
        start, end = span_of(words)
        ids.append(library.quotes.add(words, carvalho, source_id=source, span_start=start, span_end=end))
    view = open_view(qtbot, library, source)
    view.text.setFocus()
    qtbot.keyClick(view.text, Qt.Key.Key_BracketRight, Qt.KeyboardModifier.ControlModifier)
    assert view.selected_span() == span_of("The seawall will be finished by spring,")    # first in the text
    assert "Ines Carvalho" in view.message.text()
    qtbot.keyClick(view.text, Qt.Key.Key_BracketRight, Qt.KeyboardModifier.ControlModifier)
    assert view.selected_span() == span_of("We have the money,")
    with qtbot.waitSignal(view.quote_activated) as blocker:
        qtbot.keyClick(view.text, Qt.Key.Key_Return)
    assert blocker.args == [ids[0]]
    qtbot.keyClick(view.text, Qt.Key.Key_BracketLeft, Qt.KeyboardModifier.ControlModifier)
    assert view.selected_span() == span_of("The seawall will be finished by spring,")
    assert view.go_to_quote(-1) == ids[0]                                              # wraps round


def test_highlights_follow_changes_made_elsewhere_when_the_window_is_activated(qtbot, library, article):
    carvalho, source = article
    view = open_view(qtbot, library, source)
    words = "We have the money,"
    start, end = span_of(words)
    quote_id = library.quotes.add(words, carvalho, source_id=source, span_start=start, span_end=end)
    assert view.text.extraSelections() == []
    other = QLineEdit()
    qtbot.addWidget(other)
    with qtbot.waitActive(other):
        other.show()
        other.activateWindow()
    with qtbot.waitActive(view):
        view.activateWindow()
    assert view.quote_at(view.offsets.to_qt(start)) == quote_id
    library.quotes.delete([quote_id])
    with qtbot.waitActive(other):
        other.activateWindow()
    with qtbot.waitActive(view):
        view.activateWindow()
    assert view.quote_at(view.offsets.to_qt(start)) is None
