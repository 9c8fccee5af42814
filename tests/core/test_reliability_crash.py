"""A writer killed at random moments loses no saved change and leaves nothing half-written.

The full run (60 kills) is ``python bench/reliability.py``; this runs 9 to keep CI quick.
"""

import importlib.util
import sys
from pathlib import Path

import pytest

from qtapp.core.library import Library

_spec = importlib.util.spec_from_file_location(
    "reliability_harness", Path(__file__).resolve().parents[2] / "bench" / "reliability.py")
harness = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = harness
_spec.loader.exec_module(harness)


@pytest.mark.parametrize("mode", ["import", "documents", "edit"])
def test_killed_writer_loses_nothing(tmp_path, mode):
    result = harness.crash_run(mode, 3, tmp_path, seed=7, max_delay=0.4)
    assert result.kills == 3
    assert result.saves_reported > 0, "the writer never saved before being killed"
    assert result.ok, result.lost + result.half_written + result.integrity_failures


def test_the_check_notices_a_lost_batch(tmp_path):
    # The harness must be able to fail: forge a save report for a batch that is not there.
    harness.prepare(tmp_path / "x.verbatim", "import")
    side = tmp_path / "x.saves"
    side.write_text("B 9-9\n")
    result = harness.CrashResult("import")
    harness.verify(tmp_path / "x.verbatim", side, result, run=1)
    assert result.lost == ["run 1: batch 9-9 saved but missing"]


def test_the_check_notices_a_half_written_batch(tmp_path):
    path = tmp_path / "x.verbatim"
    harness.prepare(path, "import")
    with Library(path) as lib:
        lib.quotes.add("Import 3-1 item 0: the council will vote on the ferry.", lib.speakers.lookup("Odile Ferrant"))
    result = harness.CrashResult("import")
    harness.verify(path, tmp_path / "none.saves", result, run=1)
    assert result.half_written and not result.lost


def test_saves_survive_a_kill_after_another_program_opened_the_library(tmp_path):
    # The window holds three connections (its own, the list's reader, an operation's worker);
    # another process opens and closes the file, then the window saves more and is killed.
    result = harness.crash_run("layout", 4, tmp_path, seed=3, max_delay=0.6)
    assert result.kills == 4
    assert result.saves_reported > 0, "the writer never saved before being killed"
    assert result.ok, result.lost + result.half_written + result.integrity_failures
