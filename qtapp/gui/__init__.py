"""The Qt window of Verbatim, on top of :mod:`qtapp.core`."""

import ctypes
import sys


def _keep_none_alive() -> None:
    """Guard against PySide6 6.12 releasing a reference to ``None`` it never took.

    Each empty ``QVariant`` handed to Python (``index.data(role)`` for an unset role, a
    combo box's ``currentData()`` on an item without data …) drops one reference to
    ``None``; after some tens of thousands the interpreter aborts with "deallocating None".
    From Python 3.12 ``None`` is immortal; before that, give it references enough to outlast
    any session.
    """
    if sys.version_info < (3, 12) and sys.implementation.name == "cpython":
        ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40


_keep_none_alive()
