"""Benchmark the window's re-check: from a saved change to its re-checked status shown.

::

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_recheck_gui.py

Opens a small library in the main window, changes a quote's speaker back and forth through
the ``save_quote`` operation (announced to the window, as a save in the window is) and times
each change until the window's :class:`~qtapp.gui.checks.rechecker.Rechecker` reports it
checked. Prints figures only; the coalescing delay (``DELAY_MS``) is part of every figure.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from qtapp.core.checks import recheck
from qtapp.core.library import Library
from qtapp.gui import settings
from qtapp.gui.checks.rechecker import DELAY_MS
from qtapp.gui.main_window import MainWindow
from qtapp.gui.operations.quotes import save_quote

TEXT = ("“The barrier will hold through the winter,” said Mara Quell, the harbor master. "
        "Park said: “We are not watching the tides closely every single night.”")
CHANGES = 20


def wait(app: QApplication, ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    settings.qsettings = lambda: QSettings(str(folder / "window.ini"), QSettings.Format.IniFormat)
    app = QApplication([])
    lib = Library(folder / "bench.verbatim", backups=False)
    quell = lib.speakers.add("Mara Quell", aliases=["Quell"])
    park = lib.speakers.add("Jin Park", aliases=["Park"])
    source = lib.sources.add("interview", "Harbor", date="2023-11-09", text=TEXT)
    for i in range(300):
        lib.quotes.add(f"Filler quote {i} about the harbor wall and the tides of the season.", quell)
    quote = lib.quotes.add("We are not watching the tides closely every single night.", park, source_id=source)
    recheck(lib)
    window = MainWindow(lib)
    window.show()
    wait(app, 1500)   # the look-round when a library opens
    times = []
    for n in range(CHANGES):
        done: list[float] = []
        window.rechecker.did_recheck.connect(lambda *_, done=done: done.append(time.perf_counter()))
        start = time.perf_counter()
        save_quote(lib, quote, speaker_id=quell if n % 2 == 0 else park)
        while not done:
            app.processEvents()
            time.sleep(0.002)
        times.append(done[0] - start)
        window.rechecker.did_recheck.disconnect()
        window.rechecker.did_recheck.connect(window._on_rechecked)
        wait(app, 50)
    ms = sorted(round(t * 1000) for t in times)
    print(f"change to re-checked status: median {statistics.median(ms):.0f} ms, first {round(times[0] * 1000)} ms, "
          f"slowest {ms[-1]} ms over {CHANGES} speaker changes (each includes the {DELAY_MS} ms coalescing delay)")
    window.close()
    lib.close()


if __name__ == "__main__":
    main()
