"""GUI test fixtures shared by every module."""

import pytest
from PySide6.QtGui import QGuiApplication


@pytest.fixture(autouse=True)
def empty_clipboard(qapp):
    """Leave the clipboard empty after each test: mime data still held there when the process
    ends is destroyed after QApplication, which crashes the interpreter at exit."""
    yield
    QGuiApplication.clipboard().clear()
