"""Encrypting a plain library, or removing the encryption of one, in place.

::

    encrypt(Path("work.verbatim"), "correct horse battery staple")   # the library and its backups
    decrypt(Path("work.verbatim"), "correct horse battery staple")

Guarantees:

- refused while another window or program has the library open (leaving WAL mode, which the
  conversion needs, is allowed only to the last connection); nothing is changed then;
- the converted copy is written beside the file under a temporary name with SQLCipher's
  ``sqlcipher_export`` and verified (it opens with the new key, passes ``quick_check``, and
  every table holds as many rows as before) before ``os.replace`` puts it in place: stopped at
  any moment, the library is the old file or the new one, whole;
- the backups beside it are converted the same way, so an encrypted library leaves no plain
  copy of its words; one that cannot be (damaged, or under another passphrase) is left as it
  is and named in the result;
- running it again after an interruption finishes the job: a file already converted is
  skipped.

Close every connection this process has to the library first: Python's SQLite and SQLCipher's
are two copies of SQLite, and neither sees the other's connections in the same process.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from . import backup, backup_files, encryption
from .db import identify, open_database
from .errors import InvalidInput, LibraryBusy, LibraryError, NotFound, PassphraseRequired, VerbatimError
from .plural import count_of

_SIDE_FILES = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class Converted:
    """What :func:`encrypt` or :func:`decrypt` did."""

    library: Path
    encrypted: bool                 # the state asked for
    changed: bool                   # False: the library already was in that state
    backups: int                    # backups converted
    left: tuple[Path, ...] = ()     # backups that could not be converted, left as they were

    def summary(self) -> str:
        """One or two sentences for the reporter."""
        verb = "Encrypted" if self.encrypted else "Removed the encryption of"
        state = "encrypted" if self.encrypted else "not encrypted"
        if self.changed:
            backups = f" and {count_of(self.backups, 'backup')}." if self.backups else "."
            text = f"{verb} {self.library.name}{backups}"
        else:
            text = f"{self.library.name} was already {state}" + (
                f"; {count_of(self.backups, 'backup')} converted too." if self.backups else "; nothing to do.")
        if self.left:
            names = ", ".join(str(p) for p in self.left)
            text += (f" {count_of(len(self.left), 'backup')} could not be converted "
                     f"(damaged, or under another passphrase) and {'are' if len(self.left) != 1 else 'is'} "
                     f"left as {'they were' if len(self.left) != 1 else 'it was'}: {names}.")
            if self.encrypted:
                text += " They still hold readable words: delete them if you do not need them."
        return text


def encrypt(library: str | os.PathLike, passphrase: str) -> Converted:
    """Encrypt ``library`` and its backups with ``passphrase``; create it encrypted if it is new.

    :raises InvalidInput: the passphrase is empty.
    :raises PassphraseWrong: the library is already encrypted, under another passphrase.
    :raises LibraryBusy: it is open in another window or program; nothing was changed.
    :raises LibraryError: it is not a Verbatim library, or the copy could not be written or did
        not verify; the library was left as it was.
    """
    library = _checked(library, passphrase)
    if not _has_content(library):
        open_database(library, passphrase=passphrase).conn.close()
        return Converted(library, True, True, 0)
    changed = _is_plain(library)
    if changed:
        _convert(library, passphrase, encrypt=True, exclusive=True)
    else:
        encryption.connect(library, passphrase, timeout=10).close()   # the same passphrase, or refused
    return _convert_backups(library, passphrase, changed, encrypt=True)


def decrypt(library: str | os.PathLike, passphrase: str) -> Converted:
    """Remove the encryption of ``library`` and of its backups (``passphrase`` opens them).

    :raises NotFound: there is no library at that path.
    :raises PassphraseWrong: the passphrase does not open the library; nothing was changed.
    :raises LibraryBusy: it is open in another window or program; nothing was changed.
    :raises LibraryError: the plain copy could not be written or did not verify.
    """
    library = _checked(library, passphrase)
    if not _has_content(library):
        raise NotFound(f"There is no library at {library}. Give the path of an encrypted library.")
    changed = not _is_plain(library)
    if changed:
        _convert(library, passphrase, encrypt=False, exclusive=True)
    return _convert_backups(library, passphrase, changed, encrypt=False)


def _checked(library: str | os.PathLike, passphrase: str) -> Path:
    if not passphrase:
        raise InvalidInput("The passphrase is empty. Type a passphrase (a few words are easiest to remember).")
    return Path(library).expanduser().resolve()


def _has_content(path: Path) -> bool:
    return path.is_file() and path.stat().st_size > 0


def _is_plain(path: Path) -> bool:
    """Whether ``path`` is a plain Verbatim library (False: not plain SQLite, so encrypted).

    :raises NotALibrary: it is another program's SQLite database (left unchanged).
    :raises LibraryTooNew: a newer Verbatim wrote it.
    """
    conn = sqlite3.connect(path, timeout=10)
    try:
        identify(Database(conn), path, encrypted=False)
    except PassphraseRequired:
        return False
    except encryption.database_errors() as e:   # a full disk or a failing one
        raise LibraryError(f"Could not read {path.name} ({e}). Free some disk space or check the disk; "
                           "nothing was changed.") from None
    finally:
        conn.close()
    return True


def _convert(path: Path, passphrase: str, *, encrypt: bool, exclusive: bool) -> None:
    """Replace ``path`` by a verified encrypted (or plain) copy of itself.

    :param exclusive: refuse if another connection has it open (the library; not its backups).
    """
    source_key = None if encrypt else passphrase
    if exclusive:
        if source_key:   # a wrong passphrase is refused first (the test below would ignore it)
            encryption.connect(path, source_key, timeout=10).close()
        backup.refuse_if_open(path, source_key)
    conn = _open(path, source_key)
    temp = path.with_name(f".{path.name}.{'encrypting' if encrypt else 'decrypting'}")
    try:
        counts = _export(conn, path, temp, passphrase if encrypt else "")
        # Held until the copy is in place: no other program can write to the old file meanwhile.
        conn.execute("BEGIN IMMEDIATE")
        _verify(temp, passphrase if encrypt else None, counts, path)
        backup_files.fsync(temp)
        for side in ("-wal", "-shm"):   # they belong to the old file; SQLite would replay them
            Path(f"{path}{side}").unlink(missing_ok=True)
        os.replace(temp, path)
        backup_files.fsync(path.parent)
    except (*encryption.database_errors(), OSError) as e:   # SQLCipher's classes too: it is loaded
        raise LibraryError(f"Could not {'encrypt' if encrypt else 'decrypt'} {path.name} ({e}); "
                           "it was left as it was. Free some disk space, or check the folder can be written.") from None
    finally:
        conn.close()
        _remove(temp)


def _open(path: Path, passphrase: str | None):
    """A SQLCipher connection to ``path``: keyed, or on a plain file (for ``sqlcipher_export``)."""
    if passphrase is not None:
        return encryption.connect(path, passphrase, timeout=10)
    return encryption.cipher().connect(str(path), timeout=10)


def _export(conn, path: Path, temp: Path, key: str) -> dict[str, int]:
    """Write everything in ``conn``'s file ``path`` into ``temp`` under ``key`` ('' = plain);
    returns the row count of every table, read in the same transaction.

    :raises LibraryBusy: another connection has ``path`` open.
    """
    _remove(temp)
    os.close(os.open(temp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600))   # private from the start
    conn.execute("PRAGMA busy_timeout = 500")
    # The WAL, if any, folded back into the file; only the last connection may leave WAL mode.
    if conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0].lower() != "delete":
        raise LibraryBusy(f"{path.name} is open in another window or program. "
                          "Close it there, then try again; nothing was changed.")
    conn.execute(f"ATTACH DATABASE {encryption.quote(str(temp))} AS converted KEY {encryption.quote(key)}")
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("SELECT sqlcipher_export('converted')").fetchone()
        version = conn.execute("PRAGMA main.user_version").fetchone()[0]
        conn.execute(f"PRAGMA converted.user_version = {int(version)}")
        counts = _row_counts(conn)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("DETACH DATABASE converted")
    return counts


def _row_counts(conn) -> dict[str, int]:
    tables = [name for (name,) in conn.execute("SELECT name FROM main.sqlite_master WHERE type = 'table'")]
    return {name: conn.execute(f'SELECT count(*) FROM main."{name}"').fetchone()[0] for name in tables}


def _verify(temp: Path, passphrase: str | None, counts: dict[str, int], original: Path) -> None:
    """Check the copy opens with its key, is undamaged and holds every row.

    :raises LibraryError: it does not; the original is left as it was.
    """
    conn = encryption.connect(temp, passphrase, timeout=10) if passphrase else sqlite3.connect(temp)
    try:
        problems = [row[0] for row in conn.execute("PRAGMA quick_check(1)")]
        copied = _row_counts(conn)
    finally:
        conn.close()
    if problems != ["ok"] or copied != counts:
        missing = sorted(name for name in counts if copied.get(name) != counts[name])
        raise LibraryError(f"The converted copy of {original.name} did not verify "
                           f"({problems[0] if problems != ['ok'] else 'rows differ in ' + ', '.join(missing)}); "
                           "the library was left as it was.")


def _convert_backups(library: Path, passphrase: str, changed: bool, *, encrypt: bool) -> Converted:
    """Bring every backup of ``library`` to the same state; those that cannot be are listed."""
    folder = backup.backups_folder(library)
    candidates = [b.path for b in backup.list_backups(library)]
    if folder.is_dir():   # raw copies of a damaged library, kept before a restore
        candidates += sorted(folder.glob(f"{library.stem} * damaged{library.suffix}"))
    done, left = 0, []
    for path in candidates:
        try:
            if _is_plain(path) == encrypt:
                _convert(path, passphrase, encrypt=encrypt, exclusive=False)
                done += 1
            elif encrypt:
                encryption.connect(path, passphrase, timeout=10).close()
        except (VerbatimError, *encryption.database_errors()):
            left.append(path)
    return Converted(library, encrypt, changed, done, tuple(left))


def _remove(path: Path) -> None:
    for side in ("", *_SIDE_FILES):
        Path(f"{path}{side}").unlink(missing_ok=True)

