"""GUI speed on a big library, driven headless, beside raw sqlite3 doing the same reads.

::

    python bench/bench_gui.py                      # builds /tmp/verbatim-bench-1m.verbatim once (1M quotes)
    python bench/bench_gui.py --library my.verbatim --quotes 100000

Figures printed (milliseconds unless said):

- launch: process start → window shown with the first page painted (a fresh process);
- scroll: the list dragged to 400 places from top to end and back, and paged through with
  Page Down for 300 screens; peak resident memory afterwards;
- search: last key typed → first page read and painted, for several searches (the debounce
  delay included);
- speaker: choosing the 50k-quote speaker in the navigator → first page painted;
- columns: in the whole library, then in the 50k-quote speaker's list, for each column, a
  click on its header → first page read and shown, then the scroll-bar thumb dropped at five
  places (a quarter, half, three quarters, 90 %, the end) → the rows there read and shown;
- a search for a common word sorted by date said; the window re-read after an edit (list,
  navigator, details).

"block" is the longest the GUI thread spent in one event handler during a step, in CPU time
(and the wall time of that handler): the rule of the GUI tests' watchdog
(``tests/gui/watchdog.py``), timed by the same QApplication, here for every event.

"raw" is sqlite3 alone running the statements the list needs for the same step (count and
first page), so the ratio shows what the GUI adds.
"""

from __future__ import annotations

import argparse
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DEFAULT_LIBRARY = Path("/tmp/verbatim-bench-1m.verbatim")
SEARCHES = ["zyxquartz", "minister", "speaker:Heavy", '"the government"', "security council after:2020"]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def launch_child(path: str, started: float) -> None:
    """Runs in a fresh process: open the window and report when the first page is painted."""
    from PySide6.QtCore import QEvent, QObject

    from qtapp.core.library import Library
    from qtapp.gui.app import run_daily_maintenance
    from qtapp.gui.main_window import MainWindow
    from tests.gui.watchdog import WatchedApplication

    app = WatchedApplication([])
    app.min_level = 0
    imported = time.time()
    painted = []

    class PaintWatch(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 - Qt override
            if event.type() == QEvent.Type.Paint and not painted:
                painted.append(time.time())
            return False

    lib = Library(path, defer_daily=True)   # as the window opens it: the daily check runs behind
    opened = time.time()
    window = MainWindow(lib)
    built = time.time()
    watch = PaintWatch()
    window.table.viewport().installEventFilter(watch)
    window.resize(1280, 800)
    app.start()
    window.show()
    maintenance = run_daily_maintenance(window, lib)
    while not painted:
        app.processEvents()
    ready = time.time()
    assert window.model.quote_id(0) is not None
    settle(app, window)   # the navigator and the count arrive after the first page
    app.stop()
    print(" ".join(f"{(t - started) * 1000:.1f}" for t in (ready, imported, opened, built)),
          f"{app.longest.ms:.1f} {app.longest.wall_ms:.1f} {app.longest.what.replace(' ', '_')}")
    window.close()        # as quitting does: a clean close, so the next launch skips the integrity check
    if maintenance is not None:
        maintenance.join()
    window.lib.close()


def measure_launch(path: Path) -> tuple[list, float]:
    """([painted, Qt imported, library open, window built] ms after the process started, then the
    longest block until settled: CPU ms, wall ms, event; raw ms)."""
    started = time.time()
    out = subprocess.run([sys.executable, __file__, "--launch-child", str(path), str(started)],
                         capture_output=True, text=True, check=True).stdout.split()
    return [float(x) for x in out[:6]] + out[6:], raw_launch(path)


def raw_launch(path: Path) -> float:
    raw_started = time.time()
    code = ("import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('select count(*) from quotes "
            "where deleted_at is null').fetchone(); c.execute('select q.id, q.words, s.name from quotes q join "
            "speakers s on s.id=q.speaker_id where q.deleted_at is null order by q.said desc, q.id desc "
            "limit 200').fetchall()")
    subprocess.run([sys.executable, "-c", code, str(path)], check=True)
    return (time.time() - raw_started) * 1000


def settle(app, window) -> None:
    """Wait for the counts and navigator totals read in the background, and the tree's update."""
    while not window.reader.is_idle() or window.navigator.is_updating():
        app.processEvents()
        time.sleep(0.001)
    app.processEvents()


def raw_first_page(conn: sqlite3.Connection, where: str, params: list) -> float:
    """sqlite3 alone: count and first 200 rows of the same filter, ms."""
    start = time.perf_counter()
    conn.execute(f"SELECT count(*) FROM quotes q WHERE q.deleted_at IS NULL AND {where}", params).fetchone()
    conn.execute(f"SELECT q.id, q.words, s.name, q.said, q.rule FROM quotes q JOIN speakers s ON s.id = q.speaker_id "
                 f"WHERE q.deleted_at IS NULL AND {where} ORDER BY q.said DESC, q.id DESC LIMIT 200", params).fetchall()
    return (time.perf_counter() - start) * 1000


def run(path: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from bench.synth import HEAVY_SPEAKER
    from qtapp.core.fts import fts_query
    from qtapp.core.library import Library
    from qtapp.gui.main_window import MainWindow
    from qtapp.gui.search_bar import SEARCH_DELAY_MS
    from tests.gui.watchdog import WatchedApplication

    first, _ = measure_launch(path)     # may include the library's once-a-day check and backup
    launch, launch_raw = measure_launch(path)
    first_ms, launch_ms = first[0], launch[0]
    app = WatchedApplication([])
    app.min_level = 0   # the benchmark drives the window from outside any event loop
    lib = Library(path)
    conn = sqlite3.connect(str(path))
    window = MainWindow(lib)
    window.resize(1280, 800)
    window.show()
    settle(app, window)
    total = window.model.rowCount()
    print(f"library: {path} ({total:,} quotes)")
    print(f"launch to first page painted: {launch_ms:.0f} ms   (raw python+sqlite3 count and first page: "
          f"{launch_raw:.0f} ms, ratio {launch_ms / launch_raw:.1f}); first launch of the day: {first_ms:.0f} ms")
    print(f"  of which: Python and Qt imported at {launch[1]:.0f} ms, library open at {launch[2]:.0f} ms, "
          f"window built at {launch[3]:.0f} ms; longest block from show to settled (navigator built, count in): "
          f"{launch[4]:.0f} ms CPU ({launch[5]:.0f} ms wall) in {launch[6].replace('_', ' ')}")

    def paint():
        window.table.viewport().repaint()

    # -- scrolling --------------------------------------------------------------------------
    bar = window.table.verticalScrollBar()
    steps = []
    positions = [round(bar.maximum() * i / 199) for i in range(200)]
    for value in positions + positions[::-1]:
        start = time.perf_counter()
        bar.setValue(value)
        app.processEvents()
        paint()
        steps.append((time.perf_counter() - start) * 1000)
    bar.setValue(0)
    window.table.setFocus()
    window.table.selectRow(0)
    pages = []
    for _ in range(300):
        start = time.perf_counter()
        QTest.keyClick(window.table, Qt.Key.Key_PageDown)
        paint()
        pages.append((time.perf_counter() - start) * 1000)
    raw_pages = []
    after = None
    for _ in range(300):
        start = time.perf_counter()
        sql = ("SELECT q.id, q.said, q.words, s.name FROM quotes q JOIN speakers s ON s.id = q.speaker_id "
               "WHERE q.deleted_at IS NULL " + ("AND (q.said, q.id) < (?, ?) " if after else "") +
               "ORDER BY q.said DESC, q.id DESC LIMIT 200")
        rows = conn.execute(sql, list(after) if after else []).fetchall()
        after = (rows[-1][1], rows[-1][0]) if rows else None
        raw_pages.append((time.perf_counter() - start) * 1000)
    print(f"scroll bar dragged to 400 places, top→end→top: median {statistics.median(steps):.1f} ms, "
          f"max {max(steps):.1f} ms per step")
    print(f"Page Down ×300: median {statistics.median(pages):.2f} ms, max {max(pages):.1f} ms "
          f"(raw sqlite3 keyset page of 200: median {statistics.median(raw_pages):.2f} ms)")
    print(f"peak memory after scrolling: {peak_rss_mb():.0f} MB")

    # -- search -----------------------------------------------------------------------------
    for text in SEARCHES:
        window.search.field.clear()
        window.search.apply()
        app.processEvents()
        window.search.field.setFocus()
        QTest.keyClicks(window.search.field, text)
        start = time.perf_counter()
        expected = window.search.query()
        while window.model.query.text != expected.text or window.model.query.speaker != expected.speaker \
                or window.model.query.after != expected.after or not rows_read(window, 0):
            app.processEvents()   # a search's first page arrives from the reader
        paint()
        latency = (time.perf_counter() - start) * 1000
        settle(app, window)
        counted = (time.perf_counter() - start) * 1000
        query = window.model.query
        where, params = [], []
        if query.text:
            where.append("q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
            params.append(fts_query(query.text))
        if query.speaker:
            ids = lib.speakers.ids_matching(query.speaker)
            where.append(f"q.speaker_id IN ({','.join('?' * len(ids))})")
            params.extend(ids)
        if query.after:
            where.append("q.said >= ?")
            params.append(query.after.iso)
        raw = raw_first_page(conn, " AND ".join(where) or "1", params)
        print(f"search {text!r}: first page painted {latency:.0f} ms after the last key (debounce {SEARCH_DELAY_MS} ms "
              f"included), count of {window.model.rowCount():,} shown after {counted:.0f} ms; "
              f"raw sqlite3 count+page {raw:.0f} ms")
    window.search.field.clear()
    window.search.apply()
    settle(app, window)

    # -- switching to a big speaker ---------------------------------------------------------
    heavy = lib.speakers.lookup(HEAVY_SPEAKER)
    window.navigator.choose("all")
    settle(app, window)
    item = window.navigator._find("speaker", heavy)
    assert item.isValid()
    start = time.perf_counter()
    window.navigator.tree.setCurrentIndex(item)     # what a click on the speaker does
    paint()
    switch = (time.perf_counter() - start) * 1000
    settle(app, window)
    counted = (time.perf_counter() - start) * 1000
    raw = raw_first_page(conn, "q.speaker_id = ?", [heavy])
    print(f"switch to {HEAVY_SPEAKER} ({window.model.rowCount():,} quotes): first page painted in {switch:.1f} ms, "
          f"count shown after {counted:.0f} ms (raw sqlite3 count+page {raw:.1f} ms)")
    for_speaker = window.model.rowCount()
    window.navigator.choose("all")
    settle(app, window)
    columns(app, window, f"all {window.model.rowCount():,} quotes")
    window.navigator.tree.setCurrentIndex(window.navigator._find("speaker", heavy))
    settle(app, window)
    columns(app, window, f"{HEAVY_SPEAKER}'s {for_speaker:,} quotes (no index serves a speaker in most orders)")
    re_read(app, window)
    print(f"peak memory at the end: {peak_rss_mb():.0f} MB")
    window.close()


def step(app, window, action, done, timeout: float = 120) -> tuple[float, str]:
    """Run ``action`` from the event loop, as a click would, and process events until ``done()``;
    (ms until done, "longest block" text)."""
    from PySide6.QtCore import QTimer
    started = []
    QTimer.singleShot(0, lambda: (started.append(time.perf_counter()), action()))
    app.start()
    deadline = time.perf_counter() + timeout
    while not (started and done()) and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.0005)
    elapsed = (time.perf_counter() - started[0]) * 1000 if started else float("nan")
    app.processEvents()   # the paint that shows it
    app.stop()
    return elapsed, block_text(app.longest)


def block_text(block) -> str:
    return f"block {block.ms:.0f} ms ({block.wall_ms:.0f} wall)" if block else "block 0 ms"


def rows_read(window, *rows: int) -> bool:
    """Whether the list holds the rows (read without asking for them: asking would read them)."""
    from qtapp.gui.models import quotes_model
    return all(isinstance(window.model._pages.get(r // quotes_model.PAGE_SIZE), list) for r in rows)


def columns(app, window, shown: str) -> None:
    """Each column's first page and far jumps in the list ``shown``."""
    from PySide6.QtCore import Qt

    from qtapp.gui.models.quotes_model import COLUMNS
    table, bar = window.table, window.table.verticalScrollBar()

    def visible() -> tuple[int, int]:
        top = max(0, table.rowAt(0))
        bottom = table.rowAt(table.viewport().height() - 1)
        return top, bottom if bottom >= 0 else window.model.rowCount() - 1

    def drop(fraction: float):
        def action():   # the thumb pressed, dragged and released there
            bar.setSliderDown(True)
            bar.setValue(round(bar.maximum() * fraction))
            bar.setSliderDown(False)
        return action

    for column, (key, label) in enumerate(COLUMNS):
        bar.setValue(0)
        settle(app, window)
        first, first_block = step(app, window, lambda c=column: table.sortByColumn(c, Qt.SortOrder.AscendingOrder),
                                  lambda k=key: window.model.query.sort == k and rows_read(window, 0))
        jumps, blocks = [], []
        for fraction in (0.25, 0.5, 0.75, 0.9, 1.0):
            ms, block = step(app, window, drop(fraction), lambda: rows_read(window, *visible()))
            jumps.append(ms)
            blocks.append(block)
        worst = max(blocks, key=lambda b: float(b.split()[1]))
        print(f"{shown}, sorted by {label}: first page {first:.0f} ms ({first_block}); far jumps median "
              f"{statistics.median(jumps):.0f} ms, max {max(jumps):.0f} ms (worst {worst})")
    bar.setValue(0)


def re_read(app, window) -> None:
    """A common word searched by date said; the re-read after an edit."""
    from PySide6.QtCore import Qt

    from qtapp.gui.models.quotes_model import COLUMNS
    window.navigator.choose("all")
    window.table.sortByColumn([k for k, _ in COLUMNS].index("said"), Qt.SortOrder.DescendingOrder)
    settle(app, window)
    ms, block = step(app, window, lambda: window.search.set_text("minister"),
                     lambda: window.model.query.text == "minister" and rows_read(window, 0))
    print(f"search 'minister' sorted by date said: first page {ms:.0f} ms after the search ran ({block})")
    window.search.set_text("")
    settle(app, window)
    ms, block = step(app, window, window.refresh,
                     lambda: window.reader.is_idle() and not window.navigator.is_updating())
    print(f"after an edit (list, navigator and details re-read): {ms:.0f} ms ({block})")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--launch-child":
        launch_child(sys.argv[2], float(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", type=Path, default=DEFAULT_LIBRARY)
    parser.add_argument("--quotes", type=int, default=1_000_000, help="size when the library must be built")
    args = parser.parse_args()
    if not args.library.exists():
        from bench.synth import build_library
        print(f"building {args.library} with {args.quotes:,} quotes …", flush=True)
        print(build_library(args.library, args.quotes), flush=True)
    run(args.library)


if __name__ == "__main__":
    main()
