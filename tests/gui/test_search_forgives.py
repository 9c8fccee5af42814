"""The search box teaches its language, says whose quotes a name found, and marks what matched."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QTextDocument

from qtapp.core.fts import fts_query
from qtapp.gui.highlight import MARK, MatchDelegate, MatchHighlighter
from qtapp.gui.main_window import WORDS_COLUMN

from .test_main_window import listed_ids
from .window_helpers import select_ids, settle


def test_the_search_box_hints_at_its_filters(main_window):
    field = main_window.search.field
    assert "speaker:" in field.placeholderText()
    for part in ("speaker:", "tag:", "rule:", "after:", "sanction finds sanctions", "alias"):
        assert part in field.toolTip(), part


def test_a_surname_lists_the_speakers_quotes_and_says_so(qtbot, main_window, filled):
    lib, ids = filled
    lib.quotes.add("Ruiz has not answered our letters.", lib.speakers.add("Colm Byrne"))
    main_window.refresh()
    settle(qtbot, main_window)
    qtbot.keyClicks(main_window.search.field, "Ruiz")
    qtbot.waitUntil(lambda: "by Ana Ruiz" in main_window.search.count_label.text(), timeout=10_000)
    assert main_window.search.count_label.text() == "2 by Ana Ruiz · 1 mentioning “Ruiz”"
    assert {ids["deficit"], ids["taxes"]} < set(listed_ids(main_window))


def test_the_list_keeps_its_rows_while_a_word_is_typed(qtbot, main_window, filled):
    _lib, ids = filled
    for end in range(3, len("rebuilding") + 1):
        main_window.search.set_text("rebuilding"[:end])
        qtbot.waitUntil(lambda: ids["harbour"] in listed_ids(main_window), timeout=10_000)


def test_matches_are_marked_in_the_list_with_the_text_escaped(qtbot, main_window, filled):
    lib, _ids = filled
    hostile = lib.quotes.add('<img src="x"> the <b>sanctions</b> & more', lib.speakers.add("Colm Byrne"))
    main_window.refresh()
    main_window.search.set_text("sanction")
    qtbot.waitUntil(lambda: listed_ids(main_window) == [hostile], timeout=10_000)
    delegate = main_window.table.itemDelegateForColumn(WORDS_COLUMN)
    text = main_window.model.index(0, WORDS_COLUMN).data(Qt.ItemDataRole.DisplayRole)
    html = delegate.html(text)
    assert "<img" not in html and "&lt;img src=&quot;x&quot;&gt;" in html and "&amp; more" in html
    assert html.count("<span") == 1 and ">sanctions</span>" in html
    image = QImage(main_window.table.viewport().size(), QImage.Format.Format_ARGB32)
    main_window.table.viewport().render(image)   # the delegate paints without error


def test_a_match_far_into_a_long_quote_is_brought_into_view():
    delegate = MatchDelegate()
    delegate.set_match(fts_query("harbour"))
    html = delegate.html("word " * 100 + "the harbour")
    assert html.startswith("…") and ">harbour</span>" in html
    delegate.set_match("")
    assert delegate.html("the harbour") == "the harbour"


def test_matches_are_marked_in_the_detail_pane(qtbot, main_window, filled):
    _lib, ids = filled
    main_window.search.set_text("rebuilding ")
    qtbot.waitUntil(lambda: listed_ids(main_window) == [ids["harbour"]], timeout=10_000)
    select_ids(main_window, {ids["harbour"]})
    words = main_window.detail.form.words
    qtbot.waitUntil(lambda: words.toPlainText().startswith("We will rebuild"), timeout=10_000)
    marked = [(f.start, f.length) for f in words.document().firstBlock().layout().formats()
              if f.format.background().color() == MARK]
    assert marked == [(len("We will "), len("rebuild"))]
    assert words.toPlainText() == "We will rebuild the harbour wall first."


def test_the_highlighter_never_changes_the_text(qtbot):
    doc = QTextDocument()
    doc.setPlainText("<b>Sanctions</b> bite")
    highlighter = MatchHighlighter(doc)
    highlighter.set_match(fts_query("sanction"))
    assert doc.toPlainText() == "<b>Sanctions</b> bite"
    formats = doc.firstBlock().layout().formats()
    assert [(f.start, f.length) for f in formats] == [(3, len("Sanctions"))]
