"""What a reporter is told when something fails: one sentence, the same in the window and the terminal.

::

    try:
        ...
    except Exception as e:
        print("verbatim: " + user_message(e, library=path, log_file=logged_at))

- An error raised on purpose (:class:`~qtapp.core.errors.VerbatimError`) is its own message.
- SQLite finding damaged pages at any point ("database disk image is malformed") becomes
  :class:`~qtapp.core.errors.LibraryDamaged` naming the latest good backup; a full, read-only
  or locked disk becomes the :class:`~qtapp.core.errors.LibraryError` saying so.
- Anything else is unexpected: the sentence says so and names the log file holding the details.
"""

from __future__ import annotations

from pathlib import Path

from . import backup, encryption
from .db import write_error
from .errors import LibraryDamaged, LibraryError, VerbatimError
from .text import one_line

_DAMAGE = ("malformed", "not a database")


def expected_error(exc: BaseException, library: Path | None = None) -> VerbatimError | None:
    """The typed error a reporter should see for ``exc``, or None when ``exc`` is unexpected.

    :param library: the library the failing work used, to name its latest backup.
    """
    if isinstance(exc, VerbatimError):
        return exc
    if not isinstance(exc, encryption.database_errors()):
        return None
    text = str(exc).lower()
    name = library or Path("The library")
    if any(words in text for words in _DAMAGE):
        hint = backup.restore_hint(library) if library is not None else \
            " Restore its latest backup from the File menu, or with: verbatim restore --library FILE"
        return LibraryDamaged(f"{name} is damaged: some of its pages can no longer be read ({exc}). "
                              f"Stop using it and restore a backup.{hint}")
    if isinstance(exc, encryption.operational_errors()):
        known = write_error(exc, name)
        return known if isinstance(known, LibraryError) else None
    return None


def user_message(exc: BaseException, *, library: Path | None = None, log_file: Path | None = None) -> str:
    """One line for ``exc``: what went wrong and what to do; for an unexpected error, where the details are.

    :param library: the library the failing work used (see :func:`expected_error`).
    :param log_file: where the traceback of an unexpected error was written, if it was.
    """
    known = expected_error(exc, library)
    if known is not None:
        return one_line(str(known))
    if isinstance(exc, OSError) and exc.strerror:
        what = f"Could not use {exc.filename or 'a file'}: {exc.strerror}. Check the disk and the file's " \
               "permissions, then try again"
    else:
        what = f"Something unexpected went wrong ({type(exc).__name__}: {one_line(exc, 200)}). " \
               "Please report it with what you were doing"
    where = f"Details were written to {log_file}." if log_file else "The details could not be written to a log file."
    return one_line(f"{what}. {where}")
