"""The small things a reporter trips over: placeholders, quotes named by their words, links."""


from qtapp.core.checks import check_quotes
from qtapp.gui.checks.findings_panel import FindingsPanel
from qtapp.gui.editors.fields import DateField
from qtapp.gui.quote_links import QUOTE_ID, linked, quote_link_id

from .test_source_view import answer_log_dialog, open_view, span_of
from .window_helpers import select_ids


def test_an_empty_date_field_shows_a_hint_not_a_date(qtbot):
    field = DateField()
    qtbot.addWidget(field)
    assert field.text() == ""
    assert not any(ch.isdigit() for ch in field.edit.placeholderText())


def duplicate_pair(library):
    horvat = library.speakers.add("Mila Horvat")
    source = library.sources.add("article", "Bakery", text="“The bakery stays open on Sundays,” said Horvat.")
    first = library.quotes.add("The bakery stays open on Sundays", horvat, source_id=source)
    second = library.quotes.add("The bakery stays open on Sundays", horvat, source_id=source)
    check_quotes(library, [first, second])
    return first, second


def test_a_finding_names_the_other_quote_by_its_words_and_links_to_it(qtbot, library):
    first, second = duplicate_pair(library)
    panel = FindingsPanel(library)
    qtbot.addWidget(panel)
    panel.set_quote(second)
    texts = [panel.findings.item(i).text() for i in range(panel.findings.count())]
    assert texts and not any(QUOTE_ID.search(t) for t in texts)
    assert any("“The bakery stays open on Sundays”" in t for t in texts)
    assert f'href="quote:{first}"' in panel.related.text()
    with qtbot.waitSignal(panel.quote_link_activated) as clicked:
        panel.related.linkActivated.emit(f"quote:{first}")
    assert clicked.args == [first]


def test_a_quote_link_selects_the_quote_in_the_window(qtbot, main_window, filled):
    _lib, ids = filled
    select_ids(main_window, {ids["deficit"]})
    main_window.detail.quote_link_activated.emit(ids["ferry"])
    assert main_window.selected_ids() == [ids["ferry"]]


def test_links_escape_the_message_and_name_missing_quotes(library):
    text = linked(library, "a <b> & quote 999")
    assert "&lt;b&gt; &amp;" in text and "no longer in the library" in text
    assert quote_link_id("quote:999") == 999 and quote_link_id("https://example.org") is None


def test_logging_from_the_source_view_names_the_quote_by_its_words(qtbot, library, article):
    _, source = article
    view = open_view(qtbot, library, source)
    start, end = span_of("I have heard that every spring,")
    view.select_span(start, end)
    answer_log_dialog(qtbot, speaker="Ines Carvalho")
    quote_id = view.log_selection()
    assert quote_id is not None
    assert str(quote_id) not in view.message.text().replace(f"quote:{quote_id}", "")
    assert "“I have heard that every spring" in view.message.text()
    with qtbot.waitSignal(view.quote_activated) as activated:
        view.message.linkActivated.emit(f"quote:{quote_id}")
    assert activated.args == [quote_id]


def test_a_long_status_message_ends_at_a_whole_word(qtbot, main_window):
    main_window.resize(700, 500)
    qtbot.waitUntil(lambda: main_window.statusBar().width() <= 700)
    message = ("12 changed quotes now block publication because their ground rules disagree with the "
               "rules of the same words logged from the same source: see Needs attention")
    main_window.statusBar().showMessage(message)
    shown = main_window.statusBar().currentMessage()
    assert shown.endswith("…") and len(shown) < len(message)
    assert message.startswith(shown[:-1]) and message[len(shown) - 1] in " :"
    assert main_window.statusBar().fontMetrics().horizontalAdvance(shown) <= main_window.statusBar().width()
    assert main_window.statusBar().toolTip() == message


def test_a_second_hand_finding_says_second_hand_once(qtbot, library):
    horvat = library.speakers.add("Mila Horvat")
    quote = library.quotes.add("The bakery stays open.", horvat, second_hand=True, via_outlet="El Comercio")
    check_quotes(library, [quote])
    panel = FindingsPanel(library)
    qtbot.addWidget(panel)
    panel.set_quote(quote)
    texts = [panel.findings.item(i).text() for i in range(panel.findings.count())]
    assert any("El Comercio" in t for t in texts)
    assert all(t.count("Second-hand") <= 1 for t in texts)


def test_a_speaker_chosen_in_the_navigator_can_be_edited(qtbot, main_window, filled, monkeypatch):
    from qtapp.gui.editors import speaker_editor

    lib, _ids = filled
    ruiz = lib.speakers.lookup("Ana Ruiz")
    opened = []
    monkeypatch.setattr(speaker_editor.SpeakerEditor, "exec", lambda editor: opened.append(editor.speaker_id))
    main_window.table.clearSelection()
    assert main_window.navigator.choose("speaker", ruiz)
    main_window.menus.update_actions()
    assert main_window.menus.tools.edit_speaker_action.isEnabled()
    main_window.menus.tools.edit_speaker_action.trigger()
    index = main_window.navigator._find("speaker", ruiz)
    main_window.navigator.tree.doubleClicked.emit(index)
    assert opened == [ruiz, ruiz]


def test_quick_log_opens_on_the_source_chosen_in_the_navigator(qtbot, main_window, filled):
    from qtapp.gui.quick_log import QuickLogDialog

    lib, _ids = filled
    call = next(s["id"] for s in lib.sources.all() if s["title"] == "Phone call with Byrne")
    assert main_window.navigator.choose("source", call)
    main_window.menus.log_quote()
    dialog = next(w for w in main_window.findChildren(QuickLogDialog) if w.isVisible())
    assert dialog.source.currentData() == call
    assert dialog.said.text() == lib.sources.get(call).date.display()
    dialog.close()


def test_dating_a_source_offers_its_date_to_its_undated_quotes(qtbot, library, monkeypatch):
    from qtapp.gui.editors import source_editor

    ruiz = library.speakers.add("Ana Ruiz")
    source = library.sources.add("interview", "Call with Ruiz")
    undated = [library.quotes.add(f"Words {i}.", ruiz, source_id=source) for i in range(2)]
    dated = library.quotes.add("Dated words.", ruiz, source_id=source, said="2023-11-01")
    asked = []
    monkeypatch.setattr(source_editor, "ask_fill_dates", lambda parent, count, date: asked.append(count) or True)
    editor = source_editor.SourceEditor(library, source)
    qtbot.addWidget(editor)
    editor.date.setText("10 Nov 2023")
    assert editor.save() == source
    assert asked == [2]
    assert [library.quotes.get(q).said.iso for q in undated] == ["2023-11-10", "2023-11-10"]
    assert library.quotes.get(dated).said.iso == "2023-11-01"
    assert library.undo() == "Set the date of 2 quotes"
    assert library.quotes.get(undated[0]).said is None


def test_the_source_view_finds_quotes_with_its_button_and_ctrl_shift_f(qtbot, library, article, monkeypatch):
    from PySide6.QtCore import Qt

    from qtapp.gui.capture import review

    _, source = article
    opened = []
    monkeypatch.setattr(review.ReviewDialog, "exec", lambda dialog: opened.append(dialog.source.id))
    view = open_view(qtbot, library, source)
    assert library.sources.get(source).title in view.windowTitle()
    view.find_quotes_button.click()
    view.text.setFocus()
    qtbot.keyClick(view.text, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert opened == [source, source]
