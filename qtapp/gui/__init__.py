"""The Qt window of Verbatim, on top of :mod:`qtapp.core`."""

import ctypes
import sys


def _keep_singletons_alive() -> None:
    """Guard against PySide6 6.12 releasing references to ``None``, ``True`` and ``False`` it never took.

    Each empty ``QVariant`` handed to Python (``index.data(role)`` for an unset role, a
    combo box's ``currentData()`` on an item without data …) drops one reference to ``None``,
    and each ``Signal(bool)`` emitted drops one to the bool; after some tens of thousands the
    interpreter aborts ("deallocating None"). From Python 3.12 these objects are immortal;
    before that, give them references enough to outlast any session.
    """
    if sys.version_info < (3, 12) and sys.implementation.name == "cpython":
        for singleton in (None, True, False):
            ctypes.c_ssize_t.from_address(id(singleton)).value += 1 << 40


_keep_singletons_alive()
