"""How far long work has got, and stopping it: one shape for every long task in the core.

Imports, exports and checks take ``progress``, any object with ``update(done, total, text)``
(the window hands in :class:`qtapp.gui.ops.Progress`). ``update`` may raise
:class:`~qtapp.core.errors.Interrupted` to stop the work; nothing partial is then kept. ::

    class Printed:
        def update(self, done, total, text=""):
            print(f"{done}/{total} {text}")

    import_paths(lib, ["notes.md"], progress=Printed())
"""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    def update(self, done: int, total: int, text: str = "") -> None:
        """``done`` of ``total`` steps, ``text`` saying what is being done ("" for the task's name)."""


def report_progress(progress: Progress | None, done: int, total: int, text: str = "") -> None:
    """Tell ``progress``, if any, how far the work has got."""
    if progress is not None:
        progress.update(done, total, text)
