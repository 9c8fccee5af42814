"""``verbatim encrypt`` and ``verbatim decrypt``: a library and its backups, in place.

::

    verbatim encrypt --library work.verbatim          # asks for a new passphrase twice
    verbatim encrypt --library new.verbatim           # creates a new, encrypted library
    verbatim decrypt --library work.verbatim --passphrase-file ~/.work-pass

Close Verbatim's window first: a library open elsewhere is refused and left as it was.
"""

from __future__ import annotations

import argparse

from ...core import encrypting
from ..library_arg import add_library_argument, ask_passphrase, given_passphrase, library_path


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "encrypt", help="encrypt the library and its backups with a passphrase (or create an encrypted one)",
        description="Encrypt the library and its backups with a passphrase; a new file is created encrypted. "
                    "The passphrase cannot be recovered: without it, the library cannot be opened. "
                    "Close Verbatim's window first.")
    add_library_argument(parser)
    parser.set_defaults(func=run_encrypt)

    parser = subparsers.add_parser(
        "decrypt", help="remove the encryption of the library and its backups",
        description="Store the library and its backups unencrypted again. Close Verbatim's window first.")
    add_library_argument(parser)
    parser.set_defaults(func=run_decrypt)


def run_encrypt(args: argparse.Namespace) -> int:
    path = library_path(args)
    passphrase = given_passphrase(args) or ask_passphrase(path, twice=True)
    print(encrypting.encrypt(path, passphrase).summary())
    return 0


def run_decrypt(args: argparse.Namespace) -> int:
    path = library_path(args)
    passphrase = given_passphrase(args) or ask_passphrase(path)
    print(encrypting.decrypt(path, passphrase).summary())
    return 0
