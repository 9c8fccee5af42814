"""``verbatim backup`` and ``verbatim restore``: copy the library now, list copies, put one back.

::

    verbatim backup --library work.verbatim            # a backup now, in ./backups/
    verbatim backup --library work.verbatim --list     # the backups, newest first
    verbatim restore --library work.verbatim           # the latest backup; the current file is kept
    verbatim restore --library work.verbatim --from "backups/work 2026-11-02-091500 daily.verbatim"
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ...core import backup
from ...core.errors import LibraryDamaged
from ...core.paths import resolve_library_path
from ..library_arg import add_library_argument, given_passphrase, open_library


def register(subparsers) -> None:
    parser = subparsers.add_parser("backup", help="back up the library now, or list its backups",
                                   description="Copy the library into the backups folder beside it.")
    add_library_argument(parser)
    parser.add_argument("--list", action="store_true", help="list the backups, newest first, and copy nothing")
    parser.set_defaults(func=run_backup)

    parser = subparsers.add_parser("restore", help="replace the library with a backup (the current file is kept)",
                                   description="Put a backup in place of the library. The current file is "
                                               "first copied into the backups folder, so nothing is lost. "
                                               "Close Verbatim's window before restoring.")
    add_library_argument(parser)
    parser.add_argument("--from", dest="source", metavar="BACKUP",
                        help="the backup file to restore (default: the latest)")
    parser.set_defaults(func=run_restore)


def run_backup(args: argparse.Namespace) -> int:
    if args.list:
        path = resolve_library_path(getattr(args, "library", None))
        backups = backup.list_backups(path)
        if not backups:
            print(f"No backups of {path.name} yet in {backup.backups_folder(path)}.")
        for b in backups:
            print(f"{b.label()}\t{b.path}")
        return 0
    # An unusable backups folder is reported before the library is opened, in one sentence.
    backup.list_backups(resolve_library_path(getattr(args, "library", None)))
    with open_library(args) as lib:
        try:
            made = backup.backup_now(lib.path, keep=lib.get_setting("backups_kept"), conn=lib.db.conn,
                                     passphrase=lib.passphrase)
        except LibraryDamaged as e:
            raise LibraryDamaged(str(e) + backup.restore_hint(lib.path)) from None
    print(f"Backed up to {made.path}")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    # The library is not opened: it may be the damaged file being replaced.
    path = resolve_library_path(getattr(args, "library", None))
    source = Path(args.source).expanduser() if args.source else None
    try:
        done = backup.restore(path, source)
    except LibraryDamaged:
        if (passphrase := given_passphrase(args)) is None:
            raise
        done = backup.restore(path, source, passphrase=passphrase)   # an encrypted library's backup
    print(f"Restored {path} from {done.source}")
    if done.kept_copy:
        print(f"The library as it was is kept in {done.kept_copy}")
    return 0
