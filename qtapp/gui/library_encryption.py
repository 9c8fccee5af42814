"""Encrypted libraries in the window: opening one, and File ▸ Encrypt Library… / Remove Encryption….

Opening tries the passphrase remembered in the keyring first, then asks until the right one is
typed or the reporter cancels. Converting needs the file to itself: the window closes every
connection it holds (its own, the background reader's, the ops'), converts off the GUI thread
with the window disabled, and opens the library again, converted or, on failure, as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from ..core import encrypting
from ..core.errors import Interrupted, PassphraseWrong, VerbatimError
from ..core.library import Library
from . import ops
from .errors import show_error
from .passphrase import PassphraseDialog, remember, remembered

if TYPE_CHECKING:
    from .main_window import MainWindow


def open_encrypted(path: Path, parent: QWidget | None) -> Library | None:
    """Open the encrypted library at ``path``, or return None if the reporter cancels.

    :raises VerbatimError: it cannot be opened for another reason than its passphrase.
    """
    path = Path(path).expanduser().resolve()
    error = ""
    if (stored := remembered(path)) is not None:
        try:
            return Library(path, defer_daily=True, passphrase=stored)
        except PassphraseWrong:
            error = "The passphrase remembered in the keyring no longer opens it. Type the current one."
    while (answer := PassphraseDialog.ask(parent, path, error=error)) is not None:
        try:
            lib = Library(path, defer_daily=True, passphrase=answer.passphrase)
        except PassphraseWrong:
            error = "That passphrase does not open it. Check it (capitals, spaces) and type it again."
            continue
        if answer.remember:
            remember(path, answer.passphrase)
        return lib
    return None


def encrypt_library(window: MainWindow) -> None:
    """Ask for a new passphrase (twice) and encrypt the window's library and its backups."""
    path = window.lib.path
    if window.lib.passphrase is not None or (answer := PassphraseDialog.ask(window, path, new=True)) is None:
        return
    _convert(window, lambda: encrypting.encrypt(path, answer.passphrase), answer.passphrase,
             label=f"Encrypting {path.name}", keep_in_keyring=answer.remember)


def remove_encryption(window: MainWindow) -> None:
    """After a warning, store the window's library and its backups unencrypted again."""
    from .main_menus import confirm
    path, passphrase = window.lib.path, window.lib.passphrase
    if passphrase is None or not confirm(
            window, "Remove Encryption", f"Store {path.name} and its backups unencrypted? Anyone who gets "
            "the files can then read every quote and source.", "Remove Encryption"):
        return
    _convert(window, lambda: encrypting.decrypt(path, passphrase), None,
             label=f"Removing the encryption of {path.name}")


def _convert(window: MainWindow, work: Callable[[], encrypting.Converted], new_passphrase: str | None, *,
             label: str, keep_in_keyring: bool = False) -> None:
    path, old_passphrase = window.lib.path, window.lib.passphrase
    window.release_library()
    window.setEnabled(False)   # nothing may reach the closed library meanwhile

    def reopen(passphrase: str | None, lib: Library | None = None) -> bool:
        window.setEnabled(True)
        try:
            window.set_library(lib or Library(path, defer_daily=True, passphrase=passphrase))
        except VerbatimError as e:
            show_error(window, e)
            window.close()
            return False
        return True

    def convert(_progress) -> tuple[encrypting.Converted, Library | None]:
        result = work()
        try:   # opened here: deriving an encrypted library's key takes a tenth of a second
            return result, Library(path, defer_daily=True, passphrase=new_passphrase)
        except VerbatimError:
            return result, None   # opened again on the GUI thread, which shows why it cannot be

    def done(converted: tuple[encrypting.Converted, Library | None]) -> None:
        result, lib = converted
        if new_passphrase is None or keep_in_keyring:
            remember(path, new_passphrase)   # a plain library's passphrase is forgotten
        if reopen(new_passphrase, lib):
            window.show_status(result.summary())
            if result.left:
                show_error(window, VerbatimError(result.summary()))

    def failed(error: BaseException) -> None:
        if reopen(old_passphrase) and not isinstance(error, Interrupted):
            show_error(window, error)

    ops.run_in_background(window, convert, label=label, on_success=done, on_failure=failed)
