"""Backups of a library, its integrity check on open, and restoring a backup.

::

    backup_now(Path("work.verbatim"))            # a consistent copy in ./backups/
    list_backups(Path("work.verbatim"))          # newest first
    restore(Path("work.verbatim"))               # the latest backup; the current file is kept

Guarantees:

- a backup is taken with SQLite's online backup API, so it is consistent even while another
  window writes; it is written under a unique hidden temporary name, checked (SQLite's quick
  check, and that it is a Verbatim library), and appears under its final name only once
  complete, checked and on disk;
- a copy that fails the check is refused and deleted: a damaged copy never counts as a backup,
  so it never pushes a good one out; pruning removes only the oldest good backups, keeping the
  newest :data:`DEFAULT_KEPT` (the library setting ``backups_kept``);
- a backup holds no media: a sidecar beside it lists the recordings it does not contain
  (:func:`recordings_list`);
- backups live in a ``backups`` folder beside the library, made owner-only (0700, files 0600)
  whatever it was before: they hold confidential sources;
- a backups folder this user cannot read (left by one ``sudo verbatim backup``) never stops the
  library from opening: the daily backup is skipped with a warning saying how to fix it;
- several programs opening the library at once take at most one daily backup between them;
- the library file itself is never opened here except through SQLite (see
  :func:`_shorter_than_header`), so no lock a connection of this process holds is dropped;
- restoring never loses anything: the current file is copied into the backups folder first
  (as raw files if it is too damaged to copy through SQLite);
- nothing here repairs a damaged library or writes to it: damage is reported, with the latest
  backup named.

Restoring is refused while another window or program has the library open: it would keep
writing to the file being replaced.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import shutil
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from . import backup_files as files
from . import encryption
from .dates import moment_text
from .errors import LibraryBusy, LibraryDamaged, LibraryError, NotFound

log = logging.getLogger(__name__)

DEFAULT_KEPT = 10
FOLDER_NAME = "backups"
REASONS = ("daily", "before-migration", "before-restore", "manual")
_STAMP = "%Y-%m-%d-%H%M%S"
_SIDE_FILES = ("-wal", "-shm", "-journal")
_VERBATIM_TABLES = {"quotes", "_sqlite_migrations"}
RECORDINGS_SUFFIX = ".recordings.txt"


@dataclass(frozen=True)
class Backup:
    """One backup file of a library."""

    path: Path
    taken: dt.datetime  # UTC
    reason: str

    def label(self) -> str:
        """How the backup is listed to the user: its local time and why it was taken."""
        local = self.taken.astimezone()
        return f"{moment_text(local, seconds=True)} ({self.reason.replace('-', ' ')})"


@dataclass(frozen=True)
class Restored:
    """What :func:`restore` did: which backup was put in place, where the old file went."""

    source: Path
    kept_copy: Path | None


def backups_folder(library: Path) -> Path:
    """The folder beside ``library`` where its backups go."""
    return Path(library).parent / FOLDER_NAME


def list_backups(library: Path) -> list[Backup]:
    """The backups of ``library``, newest first (other libraries' backups in the folder are skipped).

    :raises LibraryError: the backups folder exists but cannot be read; the message says how to fix it.
    """
    library = Path(library)
    pattern = re.compile(
        re.escape(library.stem) + r" (\d{4}-\d\d-\d\d-\d{6})(?:-(\d+))? (" + "|".join(REASONS) + ")"
        + re.escape(library.suffix) + "$"
    )
    found = []
    folder = backups_folder(library)
    if not folder.is_dir():
        return []
    try:
        names = os.listdir(folder)
    except OSError as e:
        raise files.folder_error(folder, e) from None
    for name in names:
        m = pattern.match(name)
        if m:
            taken = dt.datetime.strptime(m[1], _STAMP).replace(tzinfo=dt.UTC)
            found.append((taken, int(m[2] or 1), Backup(folder / name, taken, m[3])))
    found.sort(key=lambda t: t[:2], reverse=True)
    return [b for *_, b in found]


def latest_backup(library: Path) -> Backup | None:
    backups = list_backups(library)
    return backups[0] if backups else None


def backup_now(library: Path, reason: str = "manual", *, keep: int | None = DEFAULT_KEPT,
               conn: sqlite3.Connection | None = None, passphrase: str | None = None) -> Backup:
    """Copy ``library`` into its backups folder now, check the copy, and return the new backup.

    :param conn: an open connection to the library to copy from (else one is opened).
    :param keep: how many backups to keep afterwards, oldest removed first; None keeps all.
    :param passphrase: the library's, if encrypted; the backup is encrypted with it too.
    :raises LibraryDamaged: the copy is damaged or not a Verbatim library: it was deleted, and
        no backup was removed.
    :raises LibraryError: the backups folder cannot be written (disk full, read-only, not yours).
    """
    library = Path(library)
    folder = files.private_folder(backups_folder(library))
    now = dt.datetime.now(dt.UTC)
    own = conn is None
    try:
        source = _connect(library, passphrase, read_only=True) if own else conn
    except encryption.database_errors() as e:
        raise LibraryError(f"Could not read {library.name} to back it up: {e}.") from None
    partial = None
    try:
        # A unique hidden name: programs backing up the same library at once never share it.
        partial = files.temporary(folder, f".{library.name} ", ".partial")
        problem = _copy_into(source, partial, passphrase)
        if problem:
            raise LibraryDamaged(f"{library.name} is damaged ({problem}), so it was not backed up; "
                                 "the existing backups are kept.")
        files.fsync(partial)
        target = _reserve_name(folder, library, now, reason)
        try:
            os.replace(partial, target)
        except OSError:
            target.unlink(missing_ok=True)
            raise
        if passphrase is None:
            _list_recordings(source, target)
        files.fsync(folder)
    except (*encryption.database_errors(), OSError) as e:
        raise files.copy_error(library, folder, e) from None
    finally:
        if own:
            source.close()
        if partial is not None:
            partial.unlink(missing_ok=True)
    if keep is not None:
        prune(library, keep)
    return Backup(target, now.replace(microsecond=0), reason)


def _copy_into(source, partial: Path, passphrase: str | None) -> str | None:
    """Copy the library open on ``source`` into the empty file ``partial`` and check the copy;
    returns what is wrong with it (it is damaged, or no Verbatim library), or None."""
    copy = _connect(partial, passphrase)
    try:
        source.backup(copy)
        problem = _problem(copy)
        if problem is None:
            # A standalone file: opening a backup must not leave -wal files in the folder.
            copy.execute("PRAGMA journal_mode = DELETE")
        return problem
    except encryption.database_errors() as e:
        if "malformed" in str(e) or "not a database" in str(e):
            return str(e)  # the source itself is damaged: SQLite could not read it
        raise
    finally:
        copy.close()


def recordings_list(backup: Path) -> Path:
    """The sidecar beside a backup that lists the recordings the backup does not contain."""
    return backup.with_name(backup.name + RECORDINGS_SUFFIX)


def _list_recordings(conn, backup: Path) -> None:
    """Write the sidecar naming the library's recordings (SHA-256, size, path), if it has any.

    Media stays outside the library, so a backup alone cannot bring a recording back; the list
    says which files to keep with it. An encrypted library's backup gets no plain-text list
    (paths can name a source): its own ``recordings`` table lists them once restored.
    """
    from .recordings import manifest_lines

    lines = manifest_lines(conn)
    if not lines:
        return
    try:
        fd = os.open(recordings_list(backup), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write("# Recordings this backup does not contain (SHA-256, size in bytes, path): keep them too.\n")
            out.write("\n".join(lines) + "\n")
    except OSError as e:   # the backup itself is whole and checked: a missing list must not undo it
        log.warning("Could not list the recordings beside %s: %s", backup.name, e)


def prune(library: Path, keep: int) -> list[Path]:
    """Delete all but the newest ``keep`` (at least one) backups of ``library``; returns the deleted files.

    Every listed backup was checked when taken, so a newer good backup exists for each one deleted.
    """
    removed = []
    for old in list_backups(library)[max(keep, 1):]:
        old.path.unlink(missing_ok=True)
        recordings_list(old.path).unlink(missing_ok=True)
        removed.append(old.path)
    return removed


def daily_backup(library: Path, conn: sqlite3.Connection, *, keep: int = DEFAULT_KEPT,
                 passphrase: str | None = None) -> Backup | None:
    """Back up ``library`` unless a backup was already taken today (UTC); returns the new one.

    Of several programs opening the library at once, one takes the backup and the others skip it.
    A failure is logged, not raised: a full backup disk must not stop the reporter working.
    """
    try:
        if _taken_today(library):
            return None
        with files.claim(files.private_folder(backups_folder(library)), library) as claimed:
            # Checked again once claimed: another program may have just finished today's.
            if not claimed or _taken_today(library):
                return None
            return backup_now(library, "daily", keep=keep, conn=conn, passphrase=passphrase)
    except LibraryError as e:
        log.warning("daily backup skipped: %s", e)
        return None


def before_migration(library: Path, passphrase: str | None = None) -> None:
    """The hook :func:`qtapp.core.db.open_database` calls before upgrading an existing library."""
    backup_now(library, "before-migration", keep=None, passphrase=passphrase)


def needs_check(library: Path) -> bool:
    """True if ``library`` should be checked (and backed up) on open: it was not closed cleanly,
    looks cut off, or was not checked today (see :func:`closed_badly` and :func:`daily_due`)."""
    return closed_badly(library) or daily_due(library)


def closed_badly(library: Path) -> bool:
    """True if ``library`` was not closed cleanly or looks cut off: check it before use.

    A WAL file left with content means the last program to use it ended without closing (or is
    still running: a second window); either way a check is cheap insurance.
    """
    library = Path(library)
    wal = Path(f"{library}-wal")
    try:
        size = library.stat().st_size
        if size == 0:
            return False  # brand new: nothing to check or back up yet
        return (wal.exists() and wal.stat().st_size > 0) or _shorter_than_header(library, size)
    except OSError:
        return False  # missing or unreadable: opening it reports that


def daily_due(library: Path) -> bool:
    """True if ``library`` has content and no backup was taken today (UTC): the daily check and
    backup are due. "Checked today" is the daily backup: it is taken right after a check.

    An unreadable backups folder makes it not due (a backup could not be taken): that is logged
    as a warning saying how to fix the folder, and the library opens as usual.
    """
    library = Path(library)
    try:
        if library.stat().st_size == 0:
            return False
    except OSError:
        return False
    try:
        return not _taken_today(library)
    except LibraryError as e:
        log.warning("daily check and backup skipped: %s", e)
        return False


def daily_maintenance(library: Path, *, keep: int = DEFAULT_KEPT, passphrase: str | None = None) -> Backup | None:
    """The daily check and backup on a connection of their own, so that a window can run them in
    the background while the reporter works (a million quotes take seconds to check and copy).

    Nothing is backed up from a damaged library: a bad copy must never push a good one out.

    :raises LibraryDamaged: the check found damage; the message names the latest backup.
    """
    library = Path(library)
    if not daily_due(library):
        return None
    try:
        conn = _connect(library, passphrase, read_only=True)
    except encryption.database_errors() as e:
        raise LibraryDamaged(f"Could not read {library.name} to check it: {e}." + restore_hint(library)) from None
    try:
        check_integrity(Database(conn))
    except LibraryDamaged as e:
        raise LibraryDamaged(str(e) + restore_hint(library)) from None
    try:
        return daily_backup(library, conn, keep=keep, passphrase=passphrase)
    finally:
        conn.close()


def _shorter_than_header(library: Path, size: int) -> bool:
    """True if the file (``size`` bytes) is shorter than its header says: it was cut off.

    The header is read through SQLite, never with ``open()``: on POSIX, closing any descriptor
    of a file drops every lock the process holds on it, so a window's connections would lose
    theirs and another program could delete the WAL under them. SQLite shares one descriptor
    per file among all its connections in a process, so its own open is safe, but only within
    one copy of SQLite: once SQLCipher's is loaded an encrypted library may be open in this
    process, so nothing is read and SQLite reports a cut-off file itself when it is opened.
    """
    if size < 512:
        return True  # even an empty SQLite database is one page of at least 512 bytes
    if "sqlcipher3" in sys.modules:
        return False
    try:
        conn = _connect(library, None, read_only=True)
        try:
            page_size = conn.execute("PRAGMA page_size").fetchone()[0]
            pages = conn.execute("PRAGMA page_count").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as e:
        # SQLite itself calls a file shorter than its header's page count corrupt; an encrypted
        # library is "not a database" to it, and is checked when opened with its passphrase.
        return e.sqlite_errorcode & 0xFF == sqlite3.SQLITE_CORRUPT
    return pages * page_size > size


def check_integrity(db: Database) -> None:
    """Run SQLite's quick check on the open library; closes it if damaged.

    :raises LibraryDamaged: the check found damage (the file is left as it is).
    """
    try:
        problems = [row[0] for row in db.execute("PRAGMA quick_check(5)")]
    except encryption.database_errors() as e:
        problems = [str(e)]
    if problems != ["ok"]:
        db.conn.close()
        raise LibraryDamaged(f"The library is damaged ({problems[0]}). It has been left as it is.")


def restore_hint(library: Path) -> str:
    """A sentence naming the latest backup and how to restore it, or saying there is none."""
    try:
        latest = latest_backup(library)
    except LibraryError as e:
        return f" {e}"
    if latest is None:
        return " There is no backup of it in the backups folder beside it."
    return (f" The latest backup is from {latest.label()}: restore it from the File menu, "
            f"or with: verbatim restore --library \"{library}\"")


def verify_backup(path: Path, passphrase: str | None = None) -> None:
    """Check that ``path`` is an undamaged Verbatim library before it replaces anything.

    :raises LibraryDamaged: it is not a library, or it is damaged (or the passphrase is wrong).
    """
    try:
        conn = _connect(path, passphrase, read_only=True)
        try:
            problem = _problem(conn)
        finally:
            conn.close()
    except (*encryption.database_errors(), LibraryError) as e:
        problem = str(e)
    if problem:
        raise LibraryDamaged(f"{path.name} is not an undamaged Verbatim library, so it was not "
                             "restored. Choose another backup.")


def _problem(conn) -> str | None:
    """What is wrong with the library open on ``conn`` (SQLite's first finding, or that it is
    not a Verbatim library); None if nothing is."""
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        found = [row[0] for row in conn.execute("PRAGMA quick_check(1)")]
    except encryption.database_errors() as e:
        return str(e)
    if found != ["ok"]:
        return found[0]
    return None if tables >= _VERBATIM_TABLES else "it is not a Verbatim library"


def restore(library: Path, source: Path | None = None, *, keep: int | None = None,
            passphrase: str | None = None) -> Restored:
    """Put a backup in place of ``library`` (by default the latest), keeping the current file first.

    :param source: the backup file to restore; any Verbatim library file is accepted.
    :param passphrase: for an encrypted library and its backups.
    :raises NotFound: there is no backup to restore.
    :raises LibraryDamaged: the backup is damaged; nothing was changed.
    :raises LibraryBusy: the library is open in another window or program; nothing was changed.
    :raises LibraryError: the current file could not be kept, or the backup not copied.
    """
    library = Path(library)
    if source is None:
        latest = latest_backup(library)
        if latest is None:
            raise NotFound(f"There is no backup of {library.name} in {backups_folder(library)}.")
        source = latest.path
    source = Path(source)
    if not source.is_file():
        raise NotFound(f"The backup {source} does not exist. Choose one from the list of backups.")
    verify_backup(source, passphrase)
    if library.exists():
        refuse_if_open(library, passphrase)
    kept = _keep_current(library, keep, passphrase) if library.exists() else None
    staged = None
    try:
        staged = files.temporary(library.parent, f".{library.name} ", ".restoring")
        shutil.copyfile(source, staged)
        files.fsync(staged)
        # The old WAL belongs to the old file: left beside the new one, SQLite would replay it.
        for side in _SIDE_FILES:
            Path(f"{library}{side}").unlink(missing_ok=True)
        os.replace(staged, library)
        files.fsync(library.parent)
    except OSError as e:
        if staged is not None:
            staged.unlink(missing_ok=True)
        raise LibraryError(f"Could not restore {source.name}: {e.strerror}. "
                           f"Your library as it was is kept in {kept}.") from None
    return Restored(source, kept)


def refuse_if_open(library: Path, passphrase: str | None) -> None:
    """Refuse while another connection (a window, a script) has ``library`` open.

    Leaving WAL mode needs every other connection closed, which makes it the test. One left
    open would go on reading and writing the replaced file, and delete the new one's WAL.
    :raises LibraryBusy: the library is open elsewhere.
    """
    try:
        conn = _connect(library, passphrase)
    except (*encryption.database_errors(), LibraryError):
        return  # too damaged to open: nothing can be using it
    try:
        conn.execute("PRAGMA busy_timeout = 500")
        mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
    except encryption.operational_errors() as e:
        mode = "locked" if "locked" in str(e).lower() or "busy" in str(e).lower() else "delete"
    except encryption.database_errors():
        mode = "delete"  # damaged: the copy kept first is raw files then
    finally:
        conn.close()
    if mode.lower() != "delete":
        raise LibraryBusy(f"{library.name} is open in another window or program. Close it there, "
                          "then restore; nothing was changed.")


def _keep_current(library: Path, keep: int | None, passphrase: str | None) -> Path:
    """Copy the current library into the backups folder; raw files if it is damaged.

    The raw copy opens the library's files directly, which is safe only because
    :func:`refuse_if_open` has just found no connection open on them, in any program.
    """
    try:
        return backup_now(library, "before-restore", keep=keep, passphrase=passphrase).path
    except LibraryError:
        pass
    folder = files.private_folder(backups_folder(library))
    stamp = dt.datetime.now(dt.UTC).strftime(_STAMP)
    target = folder / f"{library.stem} {stamp} damaged{library.suffix}"
    try:
        for side in ("", *_SIDE_FILES):
            if Path(f"{library}{side}").exists():
                shutil.copy2(f"{library}{side}", f"{target}{side}")
                os.chmod(f"{target}{side}", 0o600)
    except OSError as e:
        reason = "the disk is full; free some disk space" if files.disk_full(e) else f"{e.strerror}; check the folder"
        raise LibraryError(f"Could not keep a copy of {library.name} before restoring ({reason} and try "
                           "again), so nothing was restored.") from None
    return target


def _connect(path: Path, passphrase: str | None, *, read_only: bool = False):
    if passphrase is not None:
        return encryption.connect(path, passphrase, timeout=10)
    if read_only:  # as_uri() escapes the spaces, '#' and '?' a file name may hold
        return sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    return sqlite3.connect(path)


def _taken_today(library: Path) -> bool:
    """True if a backup of ``library`` was taken today (UTC). :raises LibraryError: see list_backups."""
    latest = latest_backup(library)
    return latest is not None and latest.taken.date() == dt.datetime.now(dt.UTC).date()


def _reserve_name(folder: Path, library: Path, when: dt.datetime, reason: str) -> Path:
    """Create an empty file under a new backup name sorting after every backup taken in the same
    second; created exclusively, so two programs finishing in the same second never share one."""
    prefix = f"{library.stem} {when.strftime(_STAMP)}"
    counters = [int(m[1]) if (m := re.match(r"-(\d+) ", b.path.name[len(prefix):])) else 1
                for b in list_backups(library) if b.path.name.startswith(prefix)]
    n = max(counters, default=0) + 1
    while True:
        target = folder / f"{prefix}{f'-{n}' if n > 1 else ''} {reason}{library.suffix}"
        if files.create_exclusive(target):
            return target
        n += 1
