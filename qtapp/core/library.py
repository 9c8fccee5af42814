"""The :class:`Library`: one SQLite file holding a reporter's sources, speakers and quotes.

::

    lib = Library("work.verbatim")
    blinken = lib.speakers.add("Antony Blinken", aliases=["Blinken", "Secretary Blinken"])
    q = lib.quotes.add("We are watching very closely.", speaker_id=blinken, said="9 Nov 2023")
    lib.quotes.delete([q])          # to the trash
    lib.undo()                      # 'Delete 1 quote' undone
    lib.close()

Every write is one named undoable step in one transaction (see :mod:`qtapp.core.undo`).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from . import backup, settings
from .db import open_database, write_transaction
from .encryption import database_errors
from .errors import LibraryDamaged, PassphraseRequired
from .undo import Recorder, Step, UndoStack


class Library:
    """A library file, opened (and created or upgraded if needed) on construction.

    :param path: the library file; created if missing, in an existing folder.
    :param before_migrate: called with the path before an upgrade runs (default: a backup).
    :param backups: check the file once a day and after an unclean close, and back it up daily
        (see :mod:`qtapp.core.backup`).
    :param passphrase: open or create a library encrypted with it (see :mod:`qtapp.core.encryption`).
    :param defer_daily: leave the daily check and backup of a cleanly closed library to the
        caller (``daily_due`` says whether they are due), for a window that runs them in the
        background; a library that was not closed cleanly is still checked before use.
    :raises qtapp.core.errors.LibraryError: the file cannot be opened (see its subclasses).
    """

    def __init__(self, path: str | os.PathLike, *, before_migrate: Callable[[Path], None] | None = None,
                 backups: bool = True, passphrase: str | None = None, defer_daily: bool = False):
        from .quotes import Quotes
        from .sources import Sources
        from .speakers import Speakers
        from .tags import Tags
        from .trash import Trash

        self.path = Path(path).expanduser().resolve()
        if backups:
            before_migrate = before_migrate or functools.partial(backup.before_migration, passphrase=passphrase)
        # Decided before opening, which itself leaves a WAL file behind. With defer_daily, a
        # library closed cleanly is opened at once and `daily_due` tells the caller to run
        # backup.daily_maintenance in the background; one closed badly is still checked first.
        check = backups and (backup.closed_badly(self.path) if defer_daily else backup.needs_check(self.path))
        self.daily_due = bool(backups and defer_daily and not check and backup.daily_due(self.path))
        self.passphrase = passphrase
        try:
            self.db = open_database(self.path, before_migrate=before_migrate, passphrase=passphrase)
            if check:
                backup.check_integrity(self.db)
        except PassphraseRequired:
            raise   # not damage: the caller asks for the passphrase
        except LibraryDamaged as e:
            raise LibraryDamaged(str(e) + backup.restore_hint(self.path)) from None
        self._undo = UndoStack(self.db)
        self.speakers = Speakers(self)
        self.sources = Sources(self)
        self.quotes = Quotes(self)
        self.tags = Tags(self)
        self.trash = Trash(self)
        if check:
            backup.daily_backup(self.path, self.db.conn, keep=self.get_setting("backups_kept"), passphrase=passphrase)

    # -- steps and undo -------------------------------------------------------------------

    @contextmanager
    def step(self, name: str) -> Iterator[Recorder]:
        """Run writes as one undoable step named ``name`` ("Delete 3 quotes"), atomically."""
        step = Step(name)
        with write_transaction(self.db, self.path):
            yield Recorder(self.db, step)
        self._undo.push(step)

    @contextmanager
    def write(self) -> Iterator[Database]:
        """Run writes that are not undoable steps (check results, settings) as one transaction.

        Every write to the library goes through here or :meth:`step`: both take the write lock
        first and turn SQLite's errors into :class:`~qtapp.core.errors.LibraryBusy` or
        :class:`~qtapp.core.errors.LibraryError`.
        """
        with write_transaction(self.db, self.path) as db:
            yield db

    def undo(self) -> str:
        """Reverse the last step and return its name. :raises UndoEmpty: nothing to undo."""
        with write_transaction(self.db, self.path):
            return self._undo.undo()

    def redo(self) -> str:
        """Apply the last undone step again and return its name."""
        with write_transaction(self.db, self.path):
            return self._undo.redo()

    def undo_status(self) -> tuple[str | None, str | None]:
        """Names of the steps undo and redo would act on, for menu labels."""
        return self._undo.status()

    # -- settings -------------------------------------------------------------------------

    def get_setting(self, name: str) -> Any:
        """The library setting ``name`` (see :mod:`qtapp.core.settings`). :raises InvalidInput: unknown name."""
        return settings.value(self, name)

    def set_setting(self, name: str, value: Any) -> None:
        """Store the library setting ``name``. :raises InvalidInput: unknown name or wrong type."""
        settings.set_value(self, name, value)

    # -- lifecycle ------------------------------------------------------------------------

    def close(self) -> None:
        self.db.conn.close()

    def is_open(self) -> bool:
        """False once :meth:`close` ran (a restore closes the library, and may then be abandoned)."""
        try:
            self.db.execute("SELECT 1")
        except database_errors():
            return False
        return True

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
