"""Opening a library file safely: checks first, then WAL, foreign keys and migrations.

:func:`open_database` never alters a file it should not: a file that is not SQLite, or a
library written by a newer Verbatim, is refused before anything is written.
"""

from __future__ import annotations

import os
import random
import sqlite3
import stat
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from . import encryption
from .errors import (
    LibraryBusy,
    LibraryDamaged,
    LibraryError,
    LibraryTooNew,
    NotALibrary,
    PassphraseRequired,
    PassphraseWrong,
)
from .schema import SCHEMA_MIGRATIONS, migrations

BUSY_TIMEOUT_MS = 10_000


def open_database(path: str | os.PathLike, *, before_migrate: Callable[[Path], None] | None = None,
                  passphrase: str | None = None) -> Database:
    """Open (creating if missing) the library at ``path`` and bring its schema up to date.

    The file is identified through SQLite itself, never by reading it with ``open()``: on
    POSIX, closing any descriptor of a database file drops every SQLite lock this process
    holds on it, after which another program may delete the write-ahead log under a live
    connection, and every save since is lost at the next crash.

    :param before_migrate: called with the path before pending migrations run on an existing
        library (the backup hook); not called for a brand-new file.
    :param passphrase: open or create an encrypted library (see :mod:`qtapp.core.encryption`).
    :raises PassphraseRequired: the file exists but is not plain SQLite (an encrypted library?).
    :raises NotALibrary: the file is another program's SQLite database (left unchanged).
    :raises LibraryTooNew: the library has migrations this version does not know.
    :raises LibraryError: the folder is missing or cannot be written.
    """
    path = Path(path).expanduser()
    existed = _has_content(path)
    if not existed:
        _create_private_file(path)
    try:
        if passphrase is None:
            conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
        else:
            conn = encryption.connect(path, passphrase, timeout=BUSY_TIMEOUT_MS / 1000)
        db = Database(conn)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        try:
            existed = identify(db, path, encrypted=passphrase is not None)
        except LibraryError:
            conn.close()
            raise
        db.execute("PRAGMA foreign_keys = ON")
        if not _is_read_only(path):
            db.enable_wal()
        pending = migrations.pending(db)
        if pending and existed and before_migrate is not None:
            before_migrate(path)
        if pending:
            migrations.apply(db)
        if WRITE_GUARD:
            _record_unguarded_writes(conn)
    except encryption.database_errors() as e:
        if isinstance(e, encryption.operational_errors()) and "readonly" in str(e).lower():
            raise LibraryError(
                f"The library {path} is read-only. Copy it somewhere you can write, or open a copy.") from None
        if "malformed" in str(e):
            raise LibraryDamaged(
                f"{path} is damaged ({e}). Restore it from a backup; the file has been left as it is."
            ) from None
        raise LibraryError(f"Could not open the library {path}: {e}.") from None
    return db


def _has_content(path: Path) -> bool:
    """Whether ``path`` is an existing, non-empty file (judged by ``stat``, which takes no lock)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return False
    except PermissionError:
        raise LibraryError(
            f"You do not have permission to open {path}. Choose a library in your own folders.") from None
    if stat.S_ISDIR(info.st_mode):
        raise LibraryError(f"{path} is a folder, not a library file. Choose a file.")
    if not stat.S_ISREG(info.st_mode):
        raise LibraryError(f"{path} is not a regular file (it is a device, pipe or socket). Choose a library file.")
    if not os.access(path, os.R_OK):
        raise LibraryError(f"You do not have permission to read {path}.")
    return info.st_size > 0


def identify(db: Database, path: Path, *, encrypted: bool) -> bool:
    """Refuse, before anything is written, a file that is not a Verbatim library or is too new;
    return whether it holds a library already (False for a new, empty file).

    A Verbatim library records its schema steps in ``_sqlite_migrations``; a SQLite file with no
    tables at all is a new, empty library. Anything else belongs to another program.
    """
    try:
        tables = [name for (name,) in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    except encryption.database_errors() as e:
        if "not a database" not in str(e) and "encrypted" not in str(e):
            raise
        if encrypted:
            raise PassphraseWrong(f"Cannot open {path.name}: the passphrase is wrong, or the file is not an "
                                  "encrypted Verbatim library. Try the passphrase again; the file has not "
                                  "been changed.") from None
        raise PassphraseRequired(
            f"{path} is not a Verbatim library (it is not a SQLite database). "
            "Choose another file (or, if it is an encrypted library, give its passphrase); "
            "this one has not been changed."
        ) from None
    if not tables:
        return False
    ours = "_sqlite_migrations" in tables and db.execute(
        "SELECT 1 FROM _sqlite_migrations WHERE migration_set = ? LIMIT 1", [migrations.name]).fetchone()
    if not ours:
        shown = ", ".join(tables[:5]) + (" …" if len(tables) > 5 else "")
        raise NotALibrary(
            f"{path.name} is a SQLite database of another program (its tables: {shown}), not a Verbatim "
            "library, so it was left unchanged. Open a Verbatim library, or give a new file name to start one."
        )
    _refuse_newer(db, path)
    return True


def _create_private_file(path: Path) -> None:
    """Create an empty library file readable by its owner only (sources are confidential)."""
    folder = path.parent
    if not folder.is_dir():
        raise LibraryError(f"The folder {folder} does not exist. Create it first or choose another place.")
    try:
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)
    except PermissionError:
        raise LibraryError(
            f"Cannot create a library in {folder}: the folder is read-only. Choose another place.") from None
    except OSError as e:
        raise LibraryError(f"Cannot create the library {path}: {e.strerror}.") from None


def _refuse_newer(db: Database, path: Path) -> None:
    known = set(SCHEMA_MIGRATIONS)
    unknown = [m.name for m in migrations.applied(db) if m.name not in known]
    if unknown:
        raise LibraryTooNew(
            f"{path.name} was written by a newer version of Verbatim "
            f"(it has schema step {unknown[-1]}). Update Verbatim to open it; the file was not changed."
        )


def _is_read_only(path: Path) -> bool:
    return not os.access(path, os.W_OK)


# How long a write waits in total for another program (a second window, a script) to finish
# its own write before giving up with LibraryBusy; each attempt waits BUSY_TIMEOUT_MS.
WRITE_WAIT_S = 60


@contextmanager
def write_transaction(db: Database, path: Path) -> Iterator[Database]:
    """Run a write as one transaction that takes the write lock first, then commits.

    Taking the lock up front (``BEGIN IMMEDIATE``) means a write that read a row first can
    never fail halfway because another process wrote in between; waiting for that lock is
    retried for :data:`WRITE_WAIT_S`. Nested inside a transaction, it is a savepoint.

    :raises LibraryBusy: another program held the library for longer than that.
    :raises LibraryError: the disk is full or read-only; the transaction was rolled back.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    try:
        _begin_immediate(db, path)
        try:
            yield db
        except BaseException:
            if db.conn.in_transaction:
                db.conn.execute("ROLLBACK")
            raise
        db.conn.execute("COMMIT")
    except encryption.operational_errors() as e:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise write_error(e, path) from None


def write_error(e: Exception, path: Path) -> Exception:
    """The LibraryError a reporter should see for SQLite's write error ``e`` (else ``e`` itself)."""
    text = str(e).lower()
    if "full" in text:
        return LibraryError(f"The disk holding {path.name} is full, so the change was not saved. "
                            "Free some space and save again; nothing was half-written.")
    if "readonly" in text or "read-only" in text:
        return LibraryError(f"{path.name} can no longer be written (read-only disk or permissions), "
                            "so the change was not saved. Save a copy elsewhere or fix the permissions.")
    if "locked" in text or "busy" in text:
        return LibraryBusy(f"{path.name} is busy in another window or program. "
                           "Close it or wait, then save again; nothing was changed.")
    if "disk i/o" in text:
        return LibraryError(f"The disk holding {path.name} failed while saving, so the change was not "
                            "saved. Check the disk, then save again.")
    return e


# The test suite sets VERBATIM_WRITE_GUARD=1: every write statement that the project's code
# runs outside write_transaction is then recorded here, and each test fails on any.
WRITE_GUARD = os.environ.get("VERBATIM_WRITE_GUARD") == "1"
unguarded_writes: list[str] = []
_WRITE_STATEMENTS = ("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER")


def _record_unguarded_writes(conn) -> None:
    """Trace ``conn``'s statements and record writes run outside a ``BEGIN IMMEDIATE`` of ours."""
    ours = False

    def trace(sql: str) -> None:
        nonlocal ours
        head = sql.lstrip().upper()
        if head.startswith("BEGIN IMMEDIATE"):
            ours = True
        elif head.startswith(("COMMIT", "END")) or (head.startswith("ROLLBACK") and " TO " not in head):
            ours = False
        elif head.startswith(_WRITE_STATEMENTS) and not ours and not _temporary(head):
            callers = [f for f in traceback.extract_stack()[:-1]
                       if f"{os.sep}qtapp{os.sep}" in f.filename and not f.filename.endswith(f"core{os.sep}db.py")]
            if callers:  # a test's own direct writes are its business
                unguarded_writes.append(f"{callers[-1].filename}:{callers[-1].lineno}: {sql[:80]}")

    conn.set_trace_callback(trace)


def _temporary(statement: str) -> bool:
    """Whether an upper-cased write ``statement`` touches only the connection's temp schema."""
    return " TEMP." in statement \
        or statement.startswith(("CREATE TEMP", "DROP TABLE TEMP.", "DROP TABLE IF EXISTS TEMP."))


def _begin_immediate(db: Database, path: Path) -> None:
    """Take the write lock, polling at short random intervals rather than in SQLite's busy wait.

    SQLite's busy handler sleeps in growing steps (up to 100 ms), so a writer that commits and
    begins again at once keeps the lock while the other one sleeps: one of two busy writers got
    8–16 times the other's writes. Polling every millisecond or two, at random, lands in the
    holder's gaps between transactions, so each writer gets its turn.
    """
    deadline = time.monotonic() + WRITE_WAIT_S
    db.conn.execute("PRAGMA busy_timeout = 0")
    try:
        while True:
            try:
                db.conn.execute("BEGIN IMMEDIATE")
                return
            except encryption.operational_errors() as e:
                if "locked" not in str(e).lower() and "busy" not in str(e).lower():
                    raise
                if time.monotonic() >= deadline:
                    raise
                time.sleep(random.uniform(0.0002, 0.002))
    finally:
        db.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
