"""Windows that fit the screen they open on.

::

    fit_to_screen(dialog, 1100, 700)      # its preferred size, or the screen's room if smaller
    if not fits_screen(window):           # a remembered geometry from a bigger monitor
        fit_to_screen(window, 1280, 800)

Sizes come from the available geometry (the screen less panels and docks), so a 1024×700
laptop gets dialogs it can see whole.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QTableView, QWidget

# Room for the title bar and frame the window manager adds around a window's client area.
FRAME_ROOM = (16, 40)


def available_geometry(widget: QWidget | None = None) -> QRect:
    """The usable part of the screen ``widget`` is on (or the primary screen)."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize ``widget`` to ``width``×``height``, or to what its screen has room for if less."""
    room = available_geometry(widget)
    widget.resize(min(width, room.width() - FRAME_ROOM[0]), min(height, room.height() - FRAME_ROOM[1]))


def fits_screen(widget: QWidget) -> bool:
    """Whether the widget's frame is no bigger than its screen's room and has its centre on it."""
    room = available_geometry(widget)
    frame = widget.frameGeometry()
    return frame.width() <= room.width() and frame.height() <= room.height() and room.contains(frame.center())


def fit_column(table: QTableView, column: int, limit: int) -> None:
    """Make ``column`` as wide as its contents, but no wider than ``limit`` pixels."""
    table.resizeColumnToContents(column)
    table.setColumnWidth(column, min(table.columnWidth(column), limit))

