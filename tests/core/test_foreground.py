"""A re-check running in the background steps aside while a read someone waits for runs."""

import threading
import time

from qtapp.core import foreground
from qtapp.core.checks.stale import iter_recheck
from qtapp.core.library import Library

TEXT = "“The tide will turn by spring,” said Edda Lunn, the harbour pilot. " * 3


def _library(path, quotes):
    lib = Library(path, backups=False)
    lunn = lib.speakers.add("Edda Lunn")
    source = lib.sources.add("article", "Tides", date="2024-03-01", text=TEXT)
    for _ in range(quotes):
        lib.quotes.add("The tide will turn by spring,", lunn, source_id=source)
    return lib


def test_a_recheck_waits_while_an_urgent_read_runs_and_goes_on_after(tmp_path):
    lib = _library(tmp_path / "lib.verbatim", 6)
    checked, finished = [], threading.Event()

    def recheck():
        for result in iter_recheck(lib):
            checked.append(result.quote_id)
        finished.set()

    with foreground.urgent():
        worker = threading.Thread(target=recheck)
        worker.start()
        time.sleep(0.3)
        during = len(checked)
        assert not finished.is_set()
    assert finished.wait(10)
    worker.join()
    assert during == 0
    assert len(checked) == 6


def test_nothing_urgent_lets_a_loop_run_and_a_stuck_read_holds_it_only_so_long(monkeypatch):
    t0 = time.monotonic()
    foreground.step_aside()
    assert time.monotonic() - t0 < 0.05
    monkeypatch.setattr(foreground, "LONGEST_WAIT_S", 0.2)
    with foreground.urgent():
        t0 = time.monotonic()
        foreground.step_aside()
        waited = time.monotonic() - t0
    assert 0.15 <= waited < 2
