"""Encrypted libraries in the window: the passphrase dialog, the keyring, Encrypt Library… and Remove Encryption…."""

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail

from qtapp.core import encrypting
from qtapp.core.errors import PassphraseRequired
from qtapp.core.library import Library
from qtapp.gui import app, library_encryption, main_menus, ops, passphrase
from qtapp.gui.main_window import MainWindow
from qtapp.gui.passphrase import Answer, PassphraseDialog

from .window_helpers import settle

pytest.importorskip("sqlcipher3")

PASS = "gull rock 'beacon' seven"


class MemoryKeyring(KeyringBackend):
    priority = 1

    def __init__(self):
        super().__init__()
        self.stored = {}

    def get_password(self, service, username):
        return self.stored.get((service, username))

    def set_password(self, service, username, password):
        self.stored[(service, username)] = password

    def delete_password(self, service, username):
        del self.stored[(service, username)]


@pytest.fixture
def memory_keyring():
    before = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(before)


@pytest.fixture
def no_keyring():
    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(before)


@pytest.fixture
def secret(tmp_path):
    path = tmp_path / "secret.verbatim"
    with Library(path, passphrase=PASS, backups=False) as lib:
        lib.quotes.add("The beacon was switched off on purpose.", lib.speakers.add("Morwenna Tregarthen"))
    return path


def _typed(monkeypatch, *answers):
    """The reporter types ``answers`` in the passphrase dialog, one per time it appears."""
    given, asked = iter(answers), []

    def ask(parent, path, *, new=False, error=""):
        asked.append(error)
        return next(given)

    monkeypatch.setattr(PassphraseDialog, "ask", ask)
    return asked


def _window(qtbot, lib):
    window = MainWindow(lib)
    qtbot.addWidget(window)
    window.show()
    settle(qtbot, window)
    return window


def _plain_desk(qtbot, tmp_path):
    """A window on a plain library holding one quote."""
    path = tmp_path / "desk.verbatim"
    lib = Library(path)
    lib.quotes.add("The ferry timetable was rewritten overnight.", lib.speakers.add("Isolde Penhaligon"))
    return path, _window(qtbot, lib)


def test_opening_asks_until_the_right_passphrase_and_cancel_opens_nothing(qtbot, secret, monkeypatch, no_keyring):
    asked = _typed(monkeypatch, Answer("gull rock beacon", False), Answer(PASS, False))
    lib = app.open_library(secret)
    assert lib is not None and lib.quotes.count() == 1
    lib.close()
    assert asked[0] == "" and "does not open it" in asked[1]

    _typed(monkeypatch, None)
    shown = []
    monkeypatch.setattr(app, "_show_and_wait", lambda parent, error: shown.append(error))
    assert app.open_library(secret) is None and not shown


def test_a_remembered_passphrase_is_tried_first(qtbot, secret, monkeypatch, memory_keyring):
    _typed(monkeypatch, Answer(PASS, True))
    app.open_library(secret).close()
    assert memory_keyring.stored == {("Verbatim", str(secret.resolve())): PASS}
    asked = _typed(monkeypatch)   # asking again would fail the test
    lib = app.open_library(secret)
    assert lib is not None and not asked
    lib.close()
    memory_keyring.stored[("Verbatim", str(secret.resolve()))] = "an old one"
    asked = _typed(monkeypatch, Answer(PASS, False))
    app.open_library(secret).close()
    assert "no longer opens it" in asked[0]


def test_without_a_keyring_the_box_is_disabled_and_says_why(qtbot, secret, no_keyring):
    dialog = PassphraseDialog(None, secret)
    qtbot.addWidget(dialog)
    assert not dialog.remember.isEnabled() and "No keyring" in dialog.remember.toolTip()
    dialog.remember.setChecked(True)
    dialog.passphrase.setText(PASS)
    assert dialog.answer() == Answer(PASS, False)
    assert passphrase.remembered(secret) is None and passphrase.remember(secret, PASS) is False


def test_a_new_passphrase_must_be_typed_twice_the_same(qtbot, secret, memory_keyring):
    dialog = PassphraseDialog(None, secret, new=True)
    qtbot.addWidget(dialog)
    assert dialog.remember.isEnabled()
    dialog.passphrase.setText(PASS)
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    dialog.again.setText(PASS + "!")
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted and "differ" in dialog.message.text()


def test_recent_libraries_open_an_encrypted_one_through_the_dialog(qtbot, library, secret, monkeypatch, no_keyring):
    window = _window(qtbot, library)
    _typed(monkeypatch, Answer(PASS, False))
    window.menus.switch_to(secret)
    settle(qtbot, window)
    assert window.lib.path == secret.resolve() and window.lib.passphrase == PASS
    assert window.model.rowCount() == 1 and window.menus.decrypt.isEnabled() and not window.menus.encrypt.isEnabled()
    window.menus.switch_to(secret)   # already open: not opened a second time
    assert "already open" in window.statusBar().currentMessage()


def test_encrypt_then_remove_encryption_from_the_file_menu(qtbot, tmp_path, monkeypatch, memory_keyring):
    path, window = _plain_desk(qtbot, tmp_path)
    _typed(monkeypatch, Answer(PASS, True))

    window.menus.encrypt.trigger()
    qtbot.waitUntil(lambda: window.isEnabled() and not ops.is_busy(), timeout=20_000)
    settle(qtbot, window)

    assert window.lib.passphrase == PASS and window.model.rowCount() == 1
    assert "Encrypted desk.verbatim" in window.statusBar().currentMessage()
    assert b"Penhaligon" not in path.read_bytes()
    with pytest.raises(PassphraseRequired):
        Library(path, backups=False)
    assert memory_keyring.stored[("Verbatim", str(path.resolve()))] == PASS
    window.lib.quotes.add("Written to the encrypted library.", 1)   # the reopened library works

    monkeypatch.setattr(main_menus, "confirm", lambda *args: True)
    window.menus.decrypt.trigger()
    qtbot.waitUntil(lambda: window.isEnabled() and not ops.is_busy(), timeout=20_000)
    settle(qtbot, window)
    assert window.lib.passphrase is None and window.model.rowCount() == 2
    assert not memory_keyring.stored
    window.close()
    with Library(path, backups=False) as plain:
        assert plain.quotes.count() == 2


def test_a_failed_conversion_reopens_the_library_as_it_was_and_says_why(qtbot, tmp_path, monkeypatch, no_keyring):
    path, window = _plain_desk(qtbot, tmp_path)
    _typed(monkeypatch, Answer(PASS, False))
    shown = []
    monkeypatch.setattr(library_encryption, "show_error", lambda parent, error: shown.append(str(error)))
    monkeypatch.setattr(encrypting, "_verify", lambda *a: (_ for _ in ()).throw(
        encrypting.LibraryError("The converted copy of desk.verbatim did not verify; the library was left as it was.")))

    window.menus.encrypt.trigger()
    qtbot.waitUntil(lambda: window.isEnabled() and not ops.is_busy(), timeout=20_000)

    assert shown and "did not verify" in shown[0]
    assert window.lib.passphrase is None and window.lib.quotes.count() == 1
    window.close()
    Library(path, backups=False).close()   # still plain
