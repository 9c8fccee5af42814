"""Two processes on one library: both write at once, waits are retried, nothing is lost."""

import subprocess
import sys
import textwrap

from qtapp.core.library import Library

WRITER = textwrap.dedent("""
    import sys
    from qtapp.core.library import Library
    path, name, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with Library(path) as lib:
        speaker = lib.speakers.lookup("Rosa Lindqvist")
        print("ready", flush=True)
        sys.stdin.readline()  # start together
        for i in range(n):
            lib.quotes.add(f"{name} says the tram line opens in spring, take {i}.", speaker)
            # read-then-write on a row the other process rewrites too
            lib.quotes.update(1, context=f"{name} {i}")
            lib.speakers.update(speaker, description=f"{name} {i}")
""")


def _start(path, name, n):
    return subprocess.Popen([sys.executable, "-c", WRITER, str(path), name, str(n)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_two_processes_write_at_once_without_errors_or_losses(tmp_path):
    path = tmp_path / "shared.verbatim"
    with Library(path) as lib:
        lib.quotes.add("The first quote, rewritten by both.", lib.speakers.add("Rosa Lindqvist"))
    n = 120
    writers = [_start(path, name, n) for name in ("north", "south")]
    for w in writers:
        assert w.stdout.readline().strip() == b"ready", w.stderr.read().decode()
    for w in writers:
        w.stdin.write(b"go\n")
        w.stdin.flush()
    for w in writers:
        _, err = w.communicate(timeout=120)
        assert w.returncode == 0, err.decode()[-2000:]
    with Library(path) as lib:
        words = [r[0] for r in lib.db.execute("SELECT words FROM quotes")]
        assert len(words) == 1 + 2 * n
        for name in ("north", "south"):
            assert sum(w.startswith(f"{name} says") for w in words) == n
        assert lib.quotes.get(1).context in {"north 119", "south 119"}
        assert [r[0] for r in lib.db.execute("PRAGMA integrity_check")] == ["ok"]


def test_a_second_window_sees_the_first_ones_changes_on_refresh(tmp_path):
    path = tmp_path / "shared.verbatim"
    with Library(path) as mine:
        speaker = mine.speakers.add("Rosa Lindqvist")
        mine.quotes.add("The first quote.", speaker)
        assert mine.quotes.count() == 1
        other = subprocess.run([sys.executable, "-c", textwrap.dedent("""
            import sys
            from qtapp.core.library import Library
            with Library(sys.argv[1]) as lib:
                lib.quotes.add("Written by the other window.", lib.speakers.lookup("Rosa Lindqvist"))
        """), str(path)], capture_output=True, text=True, timeout=60)
        assert other.returncode == 0, other.stderr
        assert mine.quotes.count() == 2
        mine.quotes.add("And mine still saves.", speaker)
    with Library(path) as lib:
        assert lib.quotes.count() == 3


def test_a_lock_held_too_long_is_a_clear_busy_error_and_nothing_changes(library, monkeypatch):
    import sqlite3

    import pytest

    from qtapp.core import db
    from qtapp.core.errors import LibraryBusy

    speaker = library.speakers.add("Rosa Lindqvist")
    monkeypatch.setattr(db, "WRITE_WAIT_S", 0.3)
    library.db.execute("PRAGMA busy_timeout = 50")
    other = sqlite3.connect(library.path)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        with pytest.raises(LibraryBusy, match="busy in another window"):
            library.quotes.add("Waiting for the lock.", speaker)
    finally:
        other.rollback()
        other.close()
    assert library.quotes.count() == 0
    library.quotes.add("Waiting for the lock.", speaker)  # saves once the lock is free
    assert library.quotes.count() == 1


FAIR_WRITER = textwrap.dedent("""
    import sys, time
    from qtapp.core.library import Library
    path, name, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
    with Library(path, backups=False) as lib:
        speaker = lib.speakers.lookup("Rosa Lindqvist")
        print("ready", flush=True)
        sys.stdin.readline()
        end, n = time.monotonic() + seconds, 0
        while time.monotonic() < end:
            lib.quotes.add(f"{name} take {n}.", speaker)
            n += 1
        print(n, flush=True)
""")


def test_two_busy_writers_each_get_at_least_a_quarter_of_the_writes(tmp_path):
    path = tmp_path / "shared.verbatim"
    with Library(path) as lib:
        lib.speakers.add("Rosa Lindqvist")
    writers = [subprocess.Popen([sys.executable, "-c", FAIR_WRITER, str(path), name, "4"],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
               for name in ("north", "south")]
    for w in writers:
        assert w.stdout.readline().strip() == b"ready", w.stderr.read().decode()
    for w in writers:
        w.stdin.write(b"go\n")
        w.stdin.flush()
    counts = [int(w.communicate(timeout=120)[0]) for w in writers]
    assert min(counts) >= sum(counts) / 4, f"writes per writer: {counts}"
