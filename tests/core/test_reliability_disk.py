"""A full or read-only disk: a clear LibraryError, the library unchanged, nothing half-written."""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from qtapp.core.errors import LibraryError
from qtapp.core.library import Library

LONG = ("The mayor said the seawall budget would double, and then she said it again. " * 60).strip()


def _snapshot(lib):
    return (lib.db.execute("SELECT count(*), group_concat(words, '|') FROM quotes").fetchone(),
            lib.db.execute("SELECT count(*) FROM history").fetchone()[0])


def test_a_full_disk_is_a_clear_error_and_changes_nothing(library):
    speaker = library.speakers.add("Hanna Bordes")
    library.quotes.add("Short and saved.", speaker)
    before = _snapshot(library)
    pages = library.db.execute("PRAGMA page_count").fetchone()[0]
    library.db.execute(f"PRAGMA max_page_count = {pages}")
    with pytest.raises(LibraryError, match=r"full.*not saved"):
        library.quotes.add_many([{"words": LONG, "speaker_id": speaker} for _ in range(20)])
    assert _snapshot(library) == before
    library.db.execute("PRAGMA max_page_count = 1073741823")
    library.quotes.add(LONG, speaker)  # the same edit saves once there is room again
    assert library.quotes.count() == 2


def test_a_disk_that_turned_read_only_is_a_clear_error(library):
    speaker = library.speakers.add("Hanna Bordes")
    before = _snapshot(library)
    library.db.execute("PRAGMA query_only = ON")  # what SQLite reports when the disk went read-only
    with pytest.raises(LibraryError, match="can no longer be written"):
        library.quotes.add("Not saved.", speaker)
    with pytest.raises(LibraryError, match="can no longer be written"):
        library.speakers.update(speaker, description="Harbour master")
    assert _snapshot(library) == before


def test_filling_a_real_disk_keeps_every_returned_save(tmpfs):
    path = tmpfs / "full.verbatim"
    saved = []
    with Library(path, backups=False) as lib:
        speaker = lib.speakers.add("Hanna Bordes")
        with pytest.raises(LibraryError, match="full"):
            for i in range(1000):
                words = f"Quote {i}: {LONG}"
                lib.quotes.add(words, speaker)
                saved.append(words)
    assert len(saved) > 3
    with Library(path, backups=False) as lib:
        assert [r[0] for r in lib.db.execute("PRAGMA integrity_check")] == ["ok"]
        assert [r[0] for r in lib.db.execute("SELECT words FROM quotes ORDER BY id")] == saved


def test_a_library_the_user_cannot_write_is_refused_clearly():
    # Not under tmp_path: an ordinary user must be able to reach the folder.
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "shared"
        folder.mkdir()
        path = folder / "ro.verbatim"
        with Library(path) as lib:
            lib.quotes.add("Only readable.", lib.speakers.add("Hanna Bordes"))
        script = [sys.executable, "-c", (
            "import sys\n"
            "from qtapp.core.errors import LibraryError\n"
            "from qtapp.core.library import Library\n"
            "try:\n"
            "    Library(sys.argv[1]).quotes.add('Not saved.', 1)\n"
            "except LibraryError as e:\n"
            "    print(e); sys.exit(3)\n"), str(path)]
        if os.geteuid() == 0:  # root ignores permissions: run as an ordinary user instead
            if shutil.which("setpriv") is None:
                pytest.skip("needs setpriv to drop root")
            os.chmod(tmp, 0o755)
            os.chmod(path, 0o644)
            script = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *script]
        else:
            os.chmod(path, 0o400)
            os.chmod(folder, 0o500)
        original = path.read_bytes()
        done = subprocess.run(script, capture_output=True, text=True, timeout=60,
                              env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])})
        os.chmod(folder, 0o755)
        assert done.returncode == 3, done.stderr[-1000:]
        assert "read-only" in done.stdout
        assert path.read_bytes() == original
