"""A million-character quote: undoing, restoring and choosing it never freezes the window."""

from PySide6.QtCore import QTimer

from qtapp.gui import ops
from qtapp.gui.detail.long_words import HEAD_CHARS, WHOLE_CHARS, WordParts
from qtapp.gui.main_window import MainWindow
from qtapp.gui.operations import quotes as quote_ops

from .window_helpers import settle

MILLION = ("The harbour wall will be rebuilt before the storms " * 20_000)[:1_000_000]


def open_window(qtbot, lib):
    window = MainWindow(lib)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    settle(qtbot, window)
    return window


def choose(qtbot, window, quote_id):
    """Select the quote from the event loop, as a click does (so the watchdog times it)."""
    QTimer.singleShot(0, lambda: window.select_quote(quote_id))
    qtbot.waitUntil(lambda: window.detail.quote_id == quote_id, timeout=10_000)


def test_undo_of_a_million_character_quote_runs_in_the_background(qtbot, library):
    speaker = library.speakers.add("Ana Ruiz")
    big = library.quotes.add(MILLION, speaker)
    quote_ops.delete_quotes(library, [big])
    window = open_window(qtbot, library)
    busy = []
    ops.busy_state.changed.connect(busy.append)
    QTimer.singleShot(0, window.menus.undo.trigger)
    qtbot.waitUntil(lambda: busy[-1:] == [False], timeout=60_000)
    ops.busy_state.changed.disconnect(busy.append)
    assert busy == [True, False]             # the busy state held while it ran
    settle(qtbot, window)
    assert window.model.quote_id(0) == big and library.quotes.get(big).words == MILLION
    choose(qtbot, window, big)
    form = window.detail.form
    shown = form.words.toPlainText()
    assert len(shown) < HEAD_CHARS + 100 and shown.endswith("more words (too long to edit here)")
    assert form.words.isReadOnly()
    assert MILLION.startswith(shown.split(" …")[0])
    window.close()


def test_long_words_show_whole_on_request_and_only_then_save(qtbot, library):
    speaker = library.speakers.add("Ana Ruiz")
    words = MILLION[:HEAD_CHARS * 2]
    quote = library.quotes.add(words, speaker)
    window = open_window(qtbot, library)
    choose(qtbot, window, quote)
    form = window.detail.form
    steps = library.undo_status()
    form.words.committed.emit()              # leaving the cut words saves nothing
    assert library.quotes.get(quote).words == words and library.undo_status() == steps
    assert form.whole_words.text() == f"Show all {len(words.split()):,} words to edit them"
    form.whole_words.click()
    assert form.words.toPlainText() == words and not form.words.isReadOnly() and form.whole_words.isHidden()
    form.words.setPlainText(words + " Soon.")
    form.words.committed.emit()
    assert library.quotes.get(quote).words == words + " Soon."
    window.close()


def test_words_too_long_to_show_whole_are_read_a_part_at_a_time_and_never_saved(qtbot, library):
    speaker = library.speakers.add("Ana Ruiz")
    quote = library.quotes.add(MILLION, speaker)
    window = open_window(qtbot, library)
    choose(qtbot, window, quote)
    form = window.detail.form
    assert form.whole_words.isHidden() and not form.later_words.isHidden() and not form.earlier_words.isEnabled()
    pieces = [form.words.toPlainText()]
    while form.later_words.isEnabled():
        QTimer.singleShot(0, form.later_words.click)      # from the event loop, timed by the watchdog
        wanted = len(pieces)
        qtbot.waitUntil(lambda wanted=wanted: form._part == wanted, timeout=10_000)
        pieces.append(form.words.toPlainText())
    assert all(len(p) < HEAD_CHARS + 100 for p in pieces) and pieces[-1].startswith("… ")
    assert " more word" not in pieces[-1]
    form.earlier_words.click()
    assert form.words.toPlainText() == pieces[-2]
    window.refresh()                                   # the window re-read: the reader stays where they were
    settle(qtbot, window)
    assert form.words.toPlainText() == pieces[-2]
    form.words.committed.emit()
    assert library.quotes.get(quote).words == MILLION
    window.close()


def test_the_parts_of_long_words_are_the_words_in_order():
    words = ("Storm " * 3 + "x" * 25_000 + " the harbour wall\nwill hold " * 9_000)[:WHOLE_CHARS * 3]
    parts = WordParts(words)
    texts, k = [], 0
    while parts.has(k):
        texts.append(parts.text(k))
        k += 1
    bare = [t.removeprefix("… ").split(" … ")[0] for t in texts]
    assert "".join("".join(b.split()) for b in bare) == "".join(words.split())
    assert not parts.editable and k > 10 and not texts[1].startswith("…  ")
    assert texts[0].endswith(f" … {parts.total - len(bare[0].split()):,} more words (too long to edit here)")
