"""Nothing saved is ever lost: a property over every writer and any sequence of edits.

The library is opened with the window's connection layout (its own connection, the list's
background reader, a background operation's worker), and between edits other programs open
it, write to it and close it. After every step, the files on disk — the library and its WAL,
exactly what survives a kill of every process — must hold everything the app has told the
reporter was saved.
"""

import contextlib
import shutil
import subprocess
import sys

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from qtapp.core.checks.runner import check_quotes
from qtapp.core.errors import UndoConflict, UndoEmpty
from qtapp.core.library import Library

WORDS = st.text(st.sampled_from("abcdefghij klmn,.'\"é"), min_size=1, max_size=40).filter(str.strip)

# What another program does to the library: open and close it, or write through the CLI.
FOREIGN = {
    "opens": "from qtapp.core.library import Library; import sys; Library(sys.argv[1], backups=False).close()",
    "writes": ("from qtapp.core.library import Library; import sys\n"
               "with Library(sys.argv[1], backups=False) as lib:\n"
               "    lib.quotes.add('Written by another program.', lib.speakers.lookup('Odile Ferrant'))"),
}

_STATE = ("SELECT id, words, speaker_id, context, deleted_at FROM quotes ORDER BY id",
          "SELECT id, name, description, deleted_at FROM speakers ORDER BY id",
          "SELECT key, value FROM settings ORDER BY key",
          "SELECT quote_id, code, acknowledged_reason FROM findings ORDER BY id")


def _state(lib):
    return [lib.db.execute(sql).fetchall() for sql in _STATE]


class NothingLost(RuleBasedStateMachine):
    """Edits through every writer of the window, and other programs at work between them."""

    def __init__(self):
        super().__init__()
        import tempfile
        self.folder = tempfile.mkdtemp()
        self.path = f"{self.folder}/desk.verbatim"
        self.snapshot = 0

    @initialize()
    def open_as_the_window_does(self):
        self.main = Library(self.path, defer_daily=True)
        self.reader = Library(self.path, backups=False)
        self.worker = Library(self.path, backups=False)
        self.speaker = self.main.speakers.add("Odile Ferrant")

    def _writer(self, use_worker):
        return self.worker if use_worker else self.main

    def _speaker_is_there(self):
        """False once an undo has taken back the speaker's creation (the first step)."""
        return self.reader.db.execute("SELECT 1 FROM speakers WHERE id = ? AND deleted_at IS NULL",
                                      [self.speaker]).fetchone() is not None

    def _quote_ids(self):
        return [i for (i,) in self.reader.db.execute("SELECT id FROM quotes WHERE deleted_at IS NULL")]

    @rule(words=WORDS, use_worker=st.booleans())
    @precondition(lambda self: self._speaker_is_there())
    def log_a_quote(self, words, use_worker):
        self._writer(use_worker).quotes.add(words, self.speaker, context="logged")

    @rule(words=WORDS, pick=st.integers(0, 50), use_worker=st.booleans())
    @precondition(lambda self: self._quote_ids())
    def edit_a_quote(self, words, pick, use_worker):
        ids = self._quote_ids()
        self._writer(use_worker).quotes.update(ids[pick % len(ids)], words=words)

    @rule(pick=st.integers(0, 50))
    @precondition(lambda self: self._quote_ids())
    def trash_a_quote(self, pick):
        ids = self._quote_ids()
        self.main.quotes.delete([ids[pick % len(ids)]])

    @rule(redo=st.booleans())
    def undo_or_redo(self, redo):
        with contextlib.suppress(UndoEmpty, UndoConflict):
            self.main.redo() if redo else self.main.undo()

    @rule(text=WORDS)
    @precondition(lambda self: self._speaker_is_there())
    def describe_the_speaker(self, text):
        self.worker.speakers.update(self.speaker, description=text)

    @rule(style=st.sampled_from(["apa", "mla", "chicago-author-date"]))
    def change_a_setting(self, style):
        self.main.set_setting("citation_style", style)

    @rule()
    @precondition(lambda self: self._quote_ids())
    def check_and_acknowledge(self):
        results = check_quotes(self.worker, self._quote_ids()[:5])
        for result in results:
            for finding in result.findings:
                if finding.counts and finding.id is not None:
                    from qtapp.core.checks.store import acknowledge
                    acknowledge(self.main, finding.id, "heard on the recording")
                    return

    @rule()
    def empty_the_trash(self):
        self.main.trash.empty()

    @rule(action=st.sampled_from(sorted(FOREIGN)))
    def another_program(self, action):
        if action == "writes" and not self._speaker_is_there():
            action = "opens"
        subprocess.run([sys.executable, "-c", FOREIGN[action], self.path], check=True,
                       capture_output=True, timeout=60)

    @invariant()
    def the_files_on_disk_hold_every_save(self):
        if not hasattr(self, "main"):
            return
        self.snapshot += 1
        copy = f"{self.folder}/after-kill-{self.snapshot}.verbatim"
        # Copied by another process: closing a descriptor of the file here would drop this
        # process's SQLite locks on it (the very fault this test guards against).
        subprocess.run(["cp", self.path, copy], check=True)
        subprocess.run(f"test ! -e '{self.path}-wal' || cp '{self.path}-wal' '{copy}-wal'", shell=True, check=True)
        with Library(copy, backups=False) as survivor:
            assert _state(survivor) == _state(self.main)

    def teardown(self):
        for lib in ("worker", "reader", "main"):
            if hasattr(self, lib):
                getattr(self, lib).close()
        shutil.rmtree(self.folder, ignore_errors=True)


NothingLost.TestCase.settings = settings(max_examples=8, stateful_step_count=10, deadline=None,
                                         suppress_health_check=[HealthCheck.too_slow])
test_nothing_saved_is_lost = NothingLost.TestCase
