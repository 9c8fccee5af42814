"""Every command beside a busy writer and on a full disk: success or one clear line, and the
library keeps everything it had."""

import os
import subprocess
import sys
import textwrap


from qtapp.core import backup
from qtapp.core.library import Library
from qtapp.core.sample import load_sample

from bench import cli_runs

BUSY_WRITER = textwrap.dedent("""
    import os, sys
    from qtapp.core.library import Library
    with Library(sys.argv[1], backups=False) as lib:
        quote = lib.quotes.add("Busy write.", lib.speakers.add("Busy Writer"))
        fd = os.open(sys.argv[2], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        print("ready", flush=True)
        n = 0
        while True:
            n += 1
            lib.quotes.update(quote, context=str(n))
            os.write(fd, f"{n}\\n".encode())
""")


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
    writer = subprocess.Popen([sys.executable, "-c", BUSY_WRITER, str(path), str(acknowledged)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cli_runs.ROOT)
    try:
        assert writer.stdout.readline().strip() == b"ready", writer.stderr.read().decode()
        outcomes = {}
        for command, args in cli_runs.invocations(tmp_path):
            done = cli_runs.run(command, path, args)
            assert cli_runs.problem(done) is None
            outcomes[(command, *args)] = cli_runs.failed(done)
    finally:
        writer.kill()
        writer.wait()
    # Restoring is refused while the writer has the library open; everything else works.
    assert [k for k, failed in outcomes.items() if failed] == [("restore",)], outcomes
    saved = acknowledged.read_text().split()
    assert len(saved) > 10, "the writer was not busy"
    with Library(path, backups=False) as lib:
        latest = lib.db.execute("SELECT context FROM quotes WHERE words = 'Busy write.'").fetchone()[0]
    assert int(latest) >= int(saved[-1]), "a save the writer was told had succeeded is gone"
    words, count = _contents(path)
    assert count >= before[1] and all(w in words for w in before[0].split("|"))


def _fill(folder):
    with open(folder / "filler", "wb") as f:
        try:
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
    for command, args in commands:
        assert cli_runs.problem(cli_runs.run(command, path, args)) is None
    os.remove(tmpfs / "filler")
    assert _contents(path) == before
