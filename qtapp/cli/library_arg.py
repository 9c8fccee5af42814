"""Opening the library named by ``--library`` (on the main parser or the subcommand).

An encrypted library's passphrase comes from ``--passphrase-file FILE`` (its first line), else
the ``VERBATIM_PASSPHRASE`` environment variable, else a prompt when the command runs in a
terminal. A new library is created encrypted when a passphrase is given in one of the first two
ways; otherwise it is created plain (``verbatim encrypt`` encrypts it).
"""

from __future__ import annotations

import argparse
import errno
import getpass
import os
import select
import stat
import sys
import time
from pathlib import Path

from ..core.encryption import may_be_encrypted
from ..core.errors import InvalidInput, PassphraseRequired
from ..core.library import Library
from ..core.paths import resolve_library_path

PASSPHRASE_VARIABLE = "VERBATIM_PASSPHRASE"
_MAX_PASSPHRASE_BYTES = 4096
_PIPE_WAIT_S = 5.0


def add_library_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--library", metavar="FILE", default=argparse.SUPPRESS,
                        help="the library file (default: your per-user library)")
    parser.add_argument("--passphrase-file", metavar="FILE", default=argparse.SUPPRESS,
                        help=f"an encrypted library's passphrase is the first line of FILE "
                             f"(or set {PASSPHRASE_VARIABLE}, or type it when asked)")


def library_path(args: argparse.Namespace) -> Path:
    return resolve_library_path(getattr(args, "library", None))


def record_id(text: str) -> int:
    """An id typed on the command line: a whole number SQLite can hold (argparse reports the rest)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” is not an id (a whole number such as 12)") from None
    if not 0 < value < 2 ** 63:
        raise argparse.ArgumentTypeError(f"{text} is not an id: ids are whole numbers from 1 up")
    return value


def open_library(args: argparse.Namespace) -> Library:
    """Open the library of ``args``, asking for its passphrase if it is encrypted.

    :raises PassphraseRequired: it is encrypted and no passphrase can be had (not in a terminal).
    :raises PassphraseWrong: the passphrase given does not open it.
    """
    path = library_path(args)
    given = given_passphrase(args)
    if given is not None and not (path.is_file() and path.stat().st_size > 0):
        return Library(path, passphrase=given)
    try:
        return Library(path)
    except PassphraseRequired:
        if given is None and not may_be_encrypted(path):
            raise   # cut off or junk, not encrypted: no passphrase would open it
        return Library(path, passphrase=given if given is not None else ask_passphrase(path))


def given_passphrase(args: argparse.Namespace) -> str | None:
    """The passphrase from ``--passphrase-file`` or the environment, if either gives one.

    :raises InvalidInput: the file cannot be read, or its first line is empty.
    """
    file = getattr(args, "passphrase_file", None)
    if file:
        try:
            line = _first_line(Path(file).expanduser()).decode("utf-8").rstrip("\r\n")
        except (OSError, UnicodeDecodeError) as e:
            raise InvalidInput(f"Cannot read the passphrase file {file} ({getattr(e, 'strerror', None) or e}). "
                               "Give a readable text file whose first line is the passphrase.") from None
        if not line:
            raise InvalidInput(f"The first line of the passphrase file {file} is empty. Put the passphrase there.")
        return line
    return os.environ.get(PASSPHRASE_VARIABLE) or None


def _first_line(path: Path) -> bytes:
    """The first line of a file or a pipe (``--passphrase-file <(pass show work)``), read with
    bounds: a device is refused, and a pipe that says nothing for a while gives nothing.

    :raises OSError: unreadable, or not a file or a pipe.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        mode = os.fstat(fd).st_mode
        if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode)):
            raise OSError(errno.EINVAL, "a folder" if stat.S_ISDIR(mode) else "not a file")
        data = b""
        deadline = time.monotonic() + _PIPE_WAIT_S
        while b"\n" not in data and len(data) < _MAX_PASSPHRASE_BYTES:
            if not select.select([fd], [], [], max(0.0, deadline - time.monotonic()))[0]:
                break
            chunk = os.read(fd, _MAX_PASSPHRASE_BYTES - len(data))
            if not chunk:
                break
            data += chunk
        return data.split(b"\n", 1)[0]
    finally:
        os.close(fd)


def ask_passphrase(path: Path, *, twice: bool = False) -> str:
    """Ask for ``path``'s passphrase at the terminal (``twice`` for a new one, to catch typos).

    :raises PassphraseRequired: not in a terminal; the message says how to give it.
    :raises InvalidInput: the two entries differ, or nothing was typed (or, for a new one, not
        in a terminal).
    """
    how = (f"--passphrase-file FILE or the {PASSPHRASE_VARIABLE} environment variable, "
           "or run the command in a terminal to type it.")
    if not sys.stdin.isatty() and twice:
        raise InvalidInput(f"Encrypting {path.name} needs a new passphrase: give it with {how}")
    if not sys.stdin.isatty():
        raise PassphraseRequired(
            f"{path.name} is encrypted (or is not a Verbatim library): give its passphrase with {how}")
    passphrase = getpass.getpass(f"{'New passphrase' if twice else 'Passphrase'} for {path.name}: ")
    if not passphrase:
        raise InvalidInput("No passphrase was typed, so nothing was done. Run the command again and type it.")
    if twice and getpass.getpass("The same passphrase again: ") != passphrase:
        raise InvalidInput("The two passphrases differ, so nothing was done. Run the command again.")
    return passphrase
