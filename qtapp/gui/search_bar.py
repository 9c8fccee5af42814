"""The search bar: filters the quotes list as you type.

Understands the search language of :mod:`qtapp.core.search` (``speaker:``, ``source:``,
``tag:``, ``rule:``, ``after:``, ``before:``, "phrases"), completes speaker names and aliases
after ``speaker:``, shows how many quotes match (and, when a word names a speaker, how many
are by him and how many mention him) and says which filters it could not read. Its
placeholder and tooltip teach the language.
"""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import QCompleter, QHBoxLayout, QLabel, QLineEdit, QToolButton, QVBoxLayout, QWidget

from ..core.library import Library
from ..core.plural import count_of
from ..core.query import QuoteQuery, SpeakerSplit
from ..core.search import parse_search, search_problems

SEARCH_DELAY_MS = 40     # short enough that the list follows the typing, long enough to skip keystrokes
SPEAKER_KEY = "speaker:"
PLACEHOLDER = 'Search words or a name — or speaker:Ruiz tag:budget after:2023 "exact words"'
HINT = ("Words find every form of themselves: sanction finds sanctions.\n"
        "A name or alias finds that speaker's quotes, and the quotes that mention it.\n"
        "Filters: speaker:Ruiz  source:Seoul  tag:budget  rule:background\n"
        "after:2023-11  before:\"9 Dec 2023\"  \"exact words\"  prefix*")


class SearchBar(QWidget):
    """A search field, its match count and a "Save search" button.

    ``query_changed`` carries the parsed :class:`QuoteQuery` after the typing pauses;
    ``save_requested`` the text to keep as a saved search.
    """

    query_changed = Signal(object)
    save_requested = Signal(str)

    def __init__(self, lib: Library, parent: QWidget | None = None):
        super().__init__(parent)
        self.lib = lib
        self._count = 0
        self._split: SpeakerSplit | None = None
        self.field = QLineEdit(self)
        self.field.setPlaceholderText(PLACEHOLDER)
        self.field.setToolTip(HINT)
        self.field.setAccessibleName("Search quotes")
        self.field.setClearButtonEnabled(True)
        self.count_label = QLabel(self)
        self.count_label.setAccessibleName("Number of quotes listed")
        self.problem_label = QLabel(self)
        self.problem_label.setAccessibleName("Search problems")
        self.problem_label.setStyleSheet("color: #c0392b")
        self.problem_label.hide()
        self.save_button = QToolButton(self)
        self.save_button.setText("Save search")
        self.save_button.setAccessibleName("Save this search")
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(lambda: self.save_requested.emit(self.field.text().strip()))
        self.problem_label.setWordWrap(True)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.field, 1)
        row.addWidget(self.count_label)
        row.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.problem_label)   # under the field, so a long message never squeezes it
        self._names = QStringListModel(self)
        self._completer = QCompleter(self._names, self)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self._completer.setWidget(self.field)
        self._completer.activated.connect(self._insert_completion)
        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.apply)
        self.field.textEdited.connect(self._on_edited)
        self.field.returnPressed.connect(self.apply)

    def set_library(self, lib: Library) -> None:
        self.lib = lib
        self.field.clear()
        self.apply()

    def cancel_pending(self) -> None:
        """Forget a search still waiting for the typing to pause (the window is closing)."""
        self._timer.stop()

    def text(self) -> str:
        return self.field.text()

    def set_text(self, text: str) -> None:
        """Put ``text`` in the field and search for it at once (used by saved searches)."""
        self.field.setText(text)
        self.apply()

    def query(self) -> QuoteQuery:
        text = self.field.text()
        query = parse_search(text, order=self.lib.get_setting("date_order"))
        query.typing = bool(text) and not text[-1].isspace()   # the last word may be half typed
        return query

    def show_count(self, count: int) -> None:
        """Show how many quotes are listed (-1: still counting)."""
        self._count = count
        self._show()

    def show_split(self, split: SpeakerSplit | None) -> None:
        """Say how many of the quotes are by the speaker the words name (None: they name nobody)."""
        self._split = split
        self._show()

    def _show(self) -> None:
        text = "counting…" if self._count < 0 else count_of(self._count, "quote")
        if self._split is not None and self._count == self._split.by + self._split.mentioning:
            text = split_text(self._split)
        self.count_label.setText(text)

    def apply(self) -> None:
        """Parse the text now and announce the query (skipping the typing delay)."""
        self._timer.stop()
        text = self.field.text()
        problems = search_problems(text, order=self.lib.get_setting("date_order"))
        self.problem_label.setText(" ".join(problems))
        self.problem_label.setToolTip("\n".join(problems))
        self.problem_label.setVisible(bool(problems))
        self.save_button.setEnabled(bool(text.strip()))
        self.query_changed.emit(self.query())

    def _on_edited(self, text: str) -> None:
        self._split = None
        self._timer.start()
        prefix = self._speaker_prefix(text[: self.field.cursorPosition()])
        if prefix is None or not prefix.strip():
            self._completer.popup().hide()
            return
        self._names.setStringList(self._speaker_names(prefix))
        self._completer.setCompletionPrefix(prefix)
        if self._completer.completionCount():
            self._completer.complete()
        else:
            self._completer.popup().hide()

    @staticmethod
    def _speaker_prefix(before_cursor: str) -> str | None:
        """What follows ``speaker:`` in the token being typed, or None outside such a token."""
        start = before_cursor.lower().rfind(SPEAKER_KEY)
        if start < 0:
            return None
        value = before_cursor[start + len(SPEAKER_KEY):]
        if value.startswith('"'):
            return None if value.count('"') > 1 else value[1:]
        return None if " " in value else value

    def _speaker_names(self, prefix: str) -> list[str]:
        """Names and aliases of speakers matching ``prefix``, each once."""
        names: list[str] = []
        for speaker_id, name in self.lib.speakers.find(prefix, limit=15):
            for candidate in (name, *self.lib.speakers.get(speaker_id).aliases):
                if candidate not in names:
                    names.append(candidate)
        return names

    def _insert_completion(self, name: str) -> None:
        text, cursor = self.field.text(), self.field.cursorPosition()
        start = text.lower().rfind(SPEAKER_KEY, 0, cursor) + len(SPEAKER_KEY)
        value = f'"{name}"' if " " in name else name
        new = text[:start] + value + " " + text[cursor:].lstrip()
        self.field.setText(new)
        self.field.setCursorPosition(start + len(value) + 1)
        self.apply()


def split_text(split: SpeakerSplit) -> str:
    """ "2 by Roberto Heimovits · 1 mentioning “Heimovits”", or one half of it."""
    names = " and ".join(split.names) if len(split.names) <= 2 else f"{split.names[0]} and others"
    mentioning = f"mentioning “{split.words}”"
    if not split.mentioning:
        return f"{count_of(split.by, 'quote')} by {names}"
    if not split.by:
        return f"{count_of(split.mentioning, 'quote')} {mentioning}"
    return f"{split.by:,} by {names} · {split.mentioning:,} {mentioning}"
