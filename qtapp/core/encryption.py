"""Passphrase-encrypted libraries, through SQLCipher (the ``sqlcipher3`` package).

::

    lib = Library("sources.verbatim", passphrase="correct horse battery staple")

The whole file, its WAL and its journal are encrypted (AES-256, SQLCipher 4); without the
passphrase the file is noise. The connection behaves as a ``sqlite3`` one, so sqlite-utils
and the rest of the core work unchanged; only its exception classes are its own, returned by
:func:`database_errors` and :func:`operational_errors` for the places that translate errors.
"""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from .errors import LibraryError, PassphraseWrong


def database_errors() -> tuple[type[Exception], ...]:
    """The DatabaseError classes a library connection may raise (SQLCipher's has its own)."""
    cipher = sys.modules.get("sqlcipher3")
    return (sqlite3.DatabaseError, cipher.DatabaseError) if cipher else (sqlite3.DatabaseError,)


def integrity_errors() -> tuple[type[Exception], ...]:
    """The IntegrityError classes (a foreign key or unique rule refused a row) a connection may raise."""
    cipher = sys.modules.get("sqlcipher3")
    return (sqlite3.IntegrityError, cipher.IntegrityError) if cipher else (sqlite3.IntegrityError,)


def operational_errors() -> tuple[type[Exception], ...]:
    """The OperationalError classes (locked, full, read-only) a library connection may raise."""
    cipher = sys.modules.get("sqlcipher3")
    return (sqlite3.OperationalError, cipher.OperationalError) if cipher else (sqlite3.OperationalError,)


def connect(path: Path, passphrase: str, *, timeout: float) -> sqlite3.Connection:
    """Open (or create) the encrypted library at ``path`` with ``passphrase``.

    :raises PassphraseWrong: the passphrase is wrong, or the file is a plain (unencrypted) library.
    :raises LibraryError: SQLCipher is not installed, or the passphrase is empty.
    """
    sqlcipher3 = cipher()
    if not passphrase:
        raise LibraryError("An encrypted library needs a passphrase. Type it, or open the library without one.")
    conn = sqlcipher3.connect(str(path), timeout=timeout, check_same_thread=False)
    conn.execute(f"PRAGMA key = {quote(passphrase)}")
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError:
        conn.close()
        raise PassphraseWrong(f"Cannot open {path.name}: the passphrase is wrong, or it is not an encrypted "
                              "library. Check the passphrase; the file has not been changed.") from None
    return conn


def may_be_encrypted(path: Path) -> bool:
    """Whether a file that is not plain SQLite may be an encrypted library, or is rather damaged.

    SQLCipher writes whole pages (512 bytes at the least), so a file of another size is not one.
    Judged by ``stat`` alone: reading the file could drop this process's SQLite locks on it.
    """
    try:
        size = Path(path).stat().st_size
    except OSError:
        return False
    return size > 0 and size % 512 == 0


def cipher():
    """The ``sqlcipher3`` module, imported on first use.

    Imported only when needed: a plain library never loads SQLCipher's own copy of SQLite.
    :raises LibraryError: it is not installed.
    """
    try:
        import sqlcipher3
    except ImportError:
        raise LibraryError("Encrypted libraries need the sqlcipher3 package, which is not installed. "
                           "Install it with: pip install sqlcipher3") from None
    # SQLCipher logs a wrong passphrase on stderr; callers report it in one sentence instead.
    quiet = sqlcipher3.connect(":memory:")
    quiet.execute("PRAGMA cipher_log_level = NONE")
    quiet.close()
    return sqlcipher3


def quote(text: str) -> str:
    """``text`` as a SQL string literal (PRAGMA key takes no parameters)."""
    return "'" + text.replace("'", "''") + "'"
