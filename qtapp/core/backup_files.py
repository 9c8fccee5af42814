"""The files of the ``backups`` folder: owner-only, unique temporary names, exclusive claims.

Only backups, temporary copies and claims are opened here, never a library: see
:func:`qtapp.core.backup._shorter_than_header` for why.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import LibraryError

# A temporary file or claim older than this was left by a program that was killed: even a very
# large library is copied in minutes.
STALE_S = 3600


@contextmanager
def claim(folder: Path, library: Path) -> Iterator[bool]:
    """Claim, in ``folder``, today's daily backup of ``library``; yields False if another program holds it.

    The claim is a hidden file created exclusively, which works on every system and filesystem;
    one left by a program killed while copying is taken over once stale.
    """
    path = folder / f".{library.name} daily.claim"
    try:
        claimed = create_exclusive(path)
        if not claimed and stale(path):
            path.unlink(missing_ok=True)
            claimed = create_exclusive(path)
    except OSError as e:
        raise folder_error(folder, e) from None
    try:
        yield claimed
    finally:
        if claimed:
            path.unlink(missing_ok=True)


def create_exclusive(path: Path) -> bool:
    """Create an empty owner-only file at ``path``; False if something is already there."""
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except FileExistsError:
        return False
    return True


def stale(path: Path) -> bool:
    """True if ``path`` is gone or was last written more than :data:`STALE_S` seconds ago."""
    try:
        return time.time() - path.stat().st_mtime > STALE_S
    except FileNotFoundError:
        return True


def temporary(folder: Path, prefix: str, suffix: str) -> Path:
    """A new empty file readable by its owner only, under a unique hidden name in ``folder``."""
    fd, name = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=folder)
    os.close(fd)
    return Path(name)


def private_folder(folder: Path) -> Path:
    """Create ``folder`` or make it owner-only (0700, its files 0600) whatever it was before,
    and remove temporary files left there by programs that were killed."""
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
    except OSError as e:
        raise LibraryError(f"Cannot create the backups folder {folder}: {e.strerror}. "
                           "Check the library's folder can be written.") from None
    try:
        if stat.S_IMODE(folder.stat().st_mode) != 0o700:
            os.chmod(folder, 0o700)
        for entry in os.scandir(folder):
            try:
                if not entry.is_file(follow_symlinks=False):
                    continue
                # A copy in progress, with the journal or WAL SQLite keeps beside it while writing.
                if entry.name.startswith(".") and ".partial" in entry.name and stale(Path(entry.path)):
                    os.unlink(entry.path)
                elif stat.S_IMODE(entry.stat(follow_symlinks=False).st_mode) & 0o077:
                    os.chmod(entry.path, 0o600)
            except FileNotFoundError:
                continue  # renamed or removed meanwhile by another program backing up
    except OSError as e:
        raise folder_error(folder, e) from None
    return folder


def folder_error(folder: Path, e: OSError) -> LibraryError:
    """The sentence for a backups folder this user cannot use, with the command that fixes it."""
    if disk_full(e):
        return LibraryError(f"The disk holding the backups folder {folder} is full. Free some disk space.")
    try:
        others = hasattr(os, "getuid") and folder.stat().st_uid != os.getuid()
    except OSError:
        others = False
    # Made by another user, as one `sudo verbatim backup` leaves it: only the owner can give it back.
    fix = f'sudo chown -R "$USER" "{folder}"' if others else f'chmod -R u+rwX "{folder}"'
    return LibraryError(f"Cannot use the backups folder {folder} ({e.strerror}); "
                        f"make it yours again with: {fix}")


def copy_error(library: Path, folder: Path, e: Exception) -> LibraryError:
    """Why a backup could not be written, saying "disk full" only when the disk is full."""
    if disk_full(e):
        return LibraryError(f"Could not back up {library.name}: the disk holding {folder} is full. "
                            "Free some disk space.")
    if isinstance(e, OSError) and e.errno in (errno.EACCES, errno.EPERM):
        return folder_error(folder, e)
    reason = e.strerror if isinstance(e, OSError) else str(e)
    return LibraryError(f"Could not back up {library.name} into {folder} ({reason}). "
                        "Check the folder can be written.")


def disk_full(e: Exception) -> bool:
    if isinstance(e, OSError):
        return e.errno in (errno.ENOSPC, errno.EDQUOT)
    return "disk is full" in str(e)  # SQLite's "database or disk is full"


def fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
