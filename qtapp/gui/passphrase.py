"""The passphrase of an encrypted library: the dialog that asks for it, and the system keyring.

::

    answer = PassphraseDialog.ask(window, path)              # None if cancelled
    answer = PassphraseDialog.ask(window, path, new=True)    # typed twice, for encrypting
    remembered(path)                                         # from the keyring, or None

The keyring (the ``keyring`` package: macOS Keychain, Windows Credential Locker, Secret
Service on Linux) is optional: when no backend is available, as on a headless machine, the
"Remember" box is disabled and says why, and nothing fails.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from .. import APP_NAME

log = logging.getLogger(__name__)

NO_KEYRING = ("No keyring is available on this computer (such as the macOS Keychain, the Windows "
              "Credential Locker or a Secret Service on Linux), so the passphrase cannot be remembered.")


def keyring_available() -> bool:
    """Whether a system keyring can store passphrases here."""
    try:
        import keyring
        from keyring.backends import fail
        backend = keyring.get_keyring()
    except Exception:  # a broken keyring setup must not stop the library opening
        log.warning("no usable keyring", exc_info=True)
        return False
    return not isinstance(backend, fail.Keyring) and getattr(backend, "priority", 1) > 0


def remembered(path: Path) -> str | None:
    """The passphrase remembered for the library at ``path``, if any."""
    if not keyring_available():
        return None
    import keyring
    try:
        return keyring.get_password(APP_NAME, str(path))
    except Exception:  # locked, refused or broken: the reporter types it instead
        log.warning("could not read the keyring", exc_info=True)
        return None


def remember(path: Path, passphrase: str | None) -> bool:
    """Store ``passphrase`` for ``path`` in the keyring (None forgets it); False if that failed."""
    if not keyring_available():
        return False
    import keyring
    try:
        if passphrase is None:
            if keyring.get_password(APP_NAME, str(path)) is not None:
                keyring.delete_password(APP_NAME, str(path))
        else:
            keyring.set_password(APP_NAME, str(path), passphrase)
    except Exception:
        log.warning("could not write the keyring", exc_info=True)
        return False
    return True


@dataclass(frozen=True)
class Answer:
    passphrase: str
    remember: bool


class PassphraseDialog(QDialog):
    """Asks for the passphrase of ``path`` (or, with ``new``, a new one typed twice)."""

    def __init__(self, parent: QWidget | None, path: Path, *, new: bool = False, error: str = ""):
        super().__init__(parent)
        self.new = new
        self.setWindowTitle(f"Encrypt {path.name}" if new else f"Open {path.name}")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(
            f"Choose a passphrase for {path.name}. Its backups are encrypted with it too. It cannot be "
            "recovered: without it, the library cannot be opened." if new else
            f"{path.name} is encrypted (or it is not a Verbatim library). Type its passphrase to open it.",
            wordWrap=True))
        self.passphrase = self._field(layout, "Passphrase")
        self.again = self._field(layout, "The same passphrase again") if new else None
        self.remember = QCheckBox("Remember in this computer's keyring")
        if not keyring_available():
            self.remember.setEnabled(False)
            self.remember.setToolTip(NO_KEYRING)
        layout.addWidget(self.remember)
        self.message = QLabel(error, wordWrap=True)
        self.message.setAccessibleName("Problem")
        self.message.setVisible(bool(error))
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._update()

    def _field(self, layout: QVBoxLayout, name: str) -> QLineEdit:
        field = QLineEdit(echoMode=QLineEdit.EchoMode.Password, placeholderText=name)
        field.setAccessibleName(name)
        field.textChanged.connect(self._update)
        layout.addWidget(field)
        return field

    def _update(self) -> None:
        filled = bool(self.passphrase.text()) and (self.again is None or bool(self.again.text()))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(filled)

    def accept(self) -> None:
        if self.again is not None and self.again.text() != self.passphrase.text():
            self.message.setText("The two passphrases differ. Type the same one twice.")
            self.message.setVisible(True)
            return
        super().accept()

    def answer(self) -> Answer:
        return Answer(self.passphrase.text(), self.remember.isEnabled() and self.remember.isChecked())

    @classmethod
    def ask(cls, parent: QWidget | None, path: Path, *, new: bool = False, error: str = "") -> Answer | None:
        """Show the dialog; the answer, or None if cancelled (tests replace this method)."""
        dialog = cls(parent, path, new=new, error=error)
        return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None
