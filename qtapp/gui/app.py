"""Starting the window: the QApplication, the library, and the main window.

On first start (no library yet) the default library is created and the small sample library
is offered, so a newcomer sees a working product at once.
"""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from .. import APP_NAME, __version__
from ..core.encryption import may_be_encrypted
from ..core.errors import LibraryDamaged, LibraryTooNew, PassphraseRequired, VerbatimError
from ..core.library import Library
from ..core.paths import resolve_library_path
from . import settings
from .errors import install_excepthook, show_error
from .library_encryption import open_encrypted
from .operations.sample import load_sample
from .recovery import offer_restore

log = logging.getLogger(__name__)


def open_library(path: Path, parent: QWidget | None = None, *, offer_backup: bool = True) -> Library | None:
    """Open (or create) the library at ``path``; on failure say why and return None.

    The library backs itself up (daily, and before an upgrade). A damaged library, or one
    written by a newer Verbatim, comes with the offer to restore its latest backup. An encrypted
    one is opened with the passphrase remembered in the keyring, or asks for it.
    """
    try:
        lib = Library(path, defer_daily=True)
    except PassphraseRequired as e:
        lib = _open_encrypted(path, parent) if may_be_encrypted(path) else _refused(path, parent, e, offer_backup)
    except (LibraryDamaged, LibraryTooNew) as e:
        lib = _refused(path, parent, e, offer_backup)
    except VerbatimError as e:
        _show_and_wait(parent, e)
        return None
    if lib is not None:
        settings.remember_library(lib.path)
    return lib


def _refused(path: Path, parent: QWidget | None, error: VerbatimError, offer_backup: bool) -> Library | None:
    """A damaged or too-new library: offer its latest backup (once), else say why."""
    if offer_backup and offer_restore(parent, path, error):
        return open_library(path, parent, offer_backup=False)
    if not offer_backup:
        _show_and_wait(parent, error)
    return None


def _open_encrypted(path: Path, parent: QWidget | None) -> Library | None:
    try:
        return open_encrypted(path, parent)
    except VerbatimError as e:
        _show_and_wait(parent, e)
        return None


class _MaintenanceNotice(QObject):
    """Carries a failure of the daily maintenance thread back to the GUI thread."""

    failed = Signal(object)


def run_daily_maintenance(window: QWidget, lib: Library) -> threading.Thread | None:
    """Check and back up the library on a thread of its own when today's copy is due.

    At a million quotes this takes seconds, so the window opens first and stays usable: the
    work has its own read-only connection and never holds the library's. Damage found here is
    shown with the way to restore the latest backup; nothing is backed up from a damaged file.
    """
    if not lib.daily_due:
        return None
    from ..core import backup
    notice = _MaintenanceNotice(window)
    notice.failed.connect(lambda error: show_error(window, error))
    keep, path, passphrase = lib.get_setting("backups_kept"), lib.path, lib.passphrase

    def work() -> None:
        try:
            backup.daily_maintenance(path, keep=keep, passphrase=passphrase)
        except VerbatimError as e:
            notice.failed.emit(e)
        except Exception:  # logged, never lost: the next start tries again
            log.exception("daily check and backup failed")

    thread = threading.Thread(target=work, name="daily-maintenance", daemon=True)
    thread.start()
    return thread


def _show_and_wait(parent: QWidget | None, error: VerbatimError) -> None:
    box = show_error(parent, error)
    if box is not None and parent is None:
        box.exec()   # no window yet: wait for the reporter to read it


def offer_sample(parent: QWidget) -> bool:
    """Ask a newcomer whether to fill the new library with the sample story."""
    answer = QMessageBox.question(
        parent, f"Welcome to {APP_NAME}",
        f"{APP_NAME} created your library. Load a small sample story (invented people, sources and quotes "
        "under every ground rule) to try it out? You can delete it later.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes)
    return answer == QMessageBox.StandardButton.Yes


# The desktop files (entry, icon, AppStream metadata) beside the package in a checkout.
RESOURCES = Path(__file__).resolve().parents[2] / "resources"
DESKTOP_ID = "verbatim"


def app_icon() -> QIcon:
    """Verbatim's icon (empty where the resources folder is not installed)."""
    return QIcon(str(RESOURCES / f"{DESKTOP_ID}.svg"))


def run_app(library_path: str | None) -> int:
    """Open the window on ``library_path`` (or the default library) and run until it closes."""
    from .main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(DESKTOP_ID)   # the dock and menu find the entry and its icon
    app.setWindowIcon(app_icon())
    install_excepthook()
    path = resolve_library_path(library_path)
    first_start = library_path is None and not path.exists()
    lib = open_library(path)
    if lib is None:
        return 2
    window = MainWindow(lib)
    window.show()
    maintenance = run_daily_maintenance(window, lib)
    if first_start and offer_sample(window):
        load_sample(lib)
        window.show_status("Sample library loaded")
        window.menus.tools.check_library()   # so the sample shows what the checks find
    status = app.exec()
    if maintenance is not None:
        maintenance.join(timeout=60)   # let a backup in progress finish before the file closes
    # A clean close folds the WAL back into the file, so the next start needs no integrity check.
    window.lib.close()
    return status
