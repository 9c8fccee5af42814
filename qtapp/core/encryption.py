"""Passphrase-encrypted libraries, through SQLCipher (the ``sqlcipher3`` package).

::

    lib = Library("sources.verbatim", passphrase="correct horse battery staple")

The whole file, its WAL and its journal are encrypted (AES-256, SQLCipher 4); without the
passphrase the file is noise. The connection behaves as a ``sqlite3`` one, so sqlite-utils
and the rest of the core work unchanged; only its exception classes are its own, listed in
:data:`DATABASE_ERRORS` and :data:`OPERATIONAL_ERRORS` for the places that translate errors.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from .errors import LibraryError

try:
    import sqlcipher3
except ImportError:  # optional: plain libraries need nothing of it
    sqlcipher3 = None

DATABASE_ERRORS: tuple[type[Exception], ...] = (sqlite3.DatabaseError,) + (
    (sqlcipher3.DatabaseError,) if sqlcipher3 else ())
OPERATIONAL_ERRORS: tuple[type[Exception], ...] = (sqlite3.OperationalError,) + (
    (sqlcipher3.OperationalError,) if sqlcipher3 else ())


def connect(path: Path, passphrase: str, *, timeout: float) -> sqlite3.Connection:
    """Open (or create) the encrypted library at ``path`` with ``passphrase``.

    :raises LibraryError: SQLCipher is not installed, the passphrase is empty or wrong, or the
        file is a plain (unencrypted) library.
    """
    if sqlcipher3 is None:
        raise LibraryError("Encrypted libraries need the sqlcipher3 package, which is not installed. "
                           "Install it with: pip install sqlcipher3")
    if not passphrase:
        raise LibraryError("An encrypted library needs a passphrase. Type it, or open the library without one.")
    conn = sqlcipher3.connect(str(path), timeout=timeout, check_same_thread=False)
    conn.execute(f"PRAGMA key = {quote(passphrase)}")
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError:
        conn.close()
        raise LibraryError(f"Cannot open {path.name}: the passphrase is wrong, or it is not an encrypted "
                           "library. Check the passphrase; the file has not been changed.") from None
    return conn


def is_encrypted(conn) -> bool:
    """True if ``conn`` is a SQLCipher connection."""
    return sqlcipher3 is not None and isinstance(conn, sqlcipher3.Connection)


def quote(text: str) -> str:
    """``text`` as a SQL string literal (PRAGMA key takes no parameters)."""
    return "'" + text.replace("'", "''") + "'"
