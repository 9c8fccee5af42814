"""Every command beside a busy writer and on a full disk: success or one clear line, and the
library keeps everything it had."""

import os

from bench import cli_runs
from qtapp.core import backup
from qtapp.core.library import Library
from qtapp.core.sample import load_sample


def _sample_library(path):
    with Library(path) as lib:
        load_sample(lib)
        backup.backup_now(path, conn=lib.db.conn)


def _contents(path):
    with Library(path, backups=False) as lib:
        assert [r[0] for r in lib.db.execute("PRAGMA integrity_check")] == ["ok"]
        return lib.db.execute("SELECT group_concat(words, '|'), count(*) FROM quotes WHERE words "
                              "!= 'Busy write.'").fetchone()


def test_every_command_beside_a_busy_writer(tmp_path):
    path = tmp_path / "desk.verbatim"
    _sample_library(path)
    before = _contents(path)
    acknowledged = tmp_path / "acknowledged"
    with cli_runs.busy_writer(path, acknowledged):
        outcome = cli_runs.run_all(path, tmp_path)
    assert not outcome.problems, outcome.problems
    # Restoring and encrypting are refused while the writer has the library open; everything
    # else works (decrypting a plain library has nothing to do). No sample quote has a time in
    # a recording, so clip says in one line that it wrote none.
    assert [f.split()[0] for f in outcome.failed] == ["restore", "clip", "encrypt"], outcome.failed
    saved = acknowledged.read_text().split()
    assert len(saved) > 10, "the writer was not busy"
    with Library(path, backups=False) as lib:
        latest = lib.db.execute("SELECT context FROM quotes WHERE words = 'Busy write.'").fetchone()[0]
    assert int(latest) >= int(saved[-1]), "a save the writer was told had succeeded is gone"
    words, count = _contents(path)
    assert count >= before[1] and all(w in words for w in before[0].split("|"))


def _fill(folder):
    """Write zeros until the file system is full (closing the file may itself hit the full disk)."""
    try:
        with open(folder / "filler", "wb") as f:
            while True:
                f.write(b"\0" * 65536)
                f.flush()
    except OSError:
        pass


def test_every_command_on_a_full_disk(tmpfs):
    path = tmpfs / "desk.verbatim"
    _sample_library(path)
    before = _contents(path)
    commands = cli_runs.invocations(tmpfs)
    _fill(tmpfs)
    outcome = cli_runs.run_all(path, tmpfs, commands)
    assert outcome.runs == len(commands) and not outcome.problems, outcome.problems
    os.remove(tmpfs / "filler")
    assert _contents(path) == before
