"""Putting quotes on the clipboard, as words, with attribution or with a citation.

What may be copied is decided in the core (:func:`qtapp.core.copying.copy_quotes`, a channel
of :mod:`qtapp.core.channels`): a quote the ground rules or a standing Blocking finding hold
back is refused with its reason, and then nothing is copied.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication

from ..core.copying import copy_quotes
from ..core.library import Library


def quotes_as_text(lib: Library, quote_ids: list[int], how: str = "attribution",
                   style: str | None = None) -> tuple[str, str]:
    """The quotes as plain text and as HTML, one paragraph each.

    :raises ExportBlocked: one of them may not be published; nothing is copied then.
    """
    copied = copy_quotes(lib, quote_ids, how, style=style)
    copied.raise_if_refused()
    return copied.plain_text, copied.html_text


def set_clipboard(plain: str, html: str) -> None:
    data = QMimeData()
    data.setText(plain)
    data.setHtml(html)
    QGuiApplication.clipboard().setMimeData(data)
