"""Shared fixtures: a fresh library in a temporary folder, and where ../shared lives."""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["VERBATIM_WRITE_GUARD"] = "1"   # every write must go through write_transaction
# Commands run by the tests log their unexpected errors here, not in the user's log folder.
os.environ.setdefault("VERBATIM_LOG_DIR", tempfile.mkdtemp(prefix="verbatim-test-log-"))

from qtapp.core import db
from qtapp.core.library import Library

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture
def library(tmp_path):
    lib = Library(tmp_path / "test.verbatim")
    yield lib
    lib.close()


@pytest.fixture
def shared_dir():
    """The read-only ../shared folder (fixtures, scorer); skips the test where it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present beside this checkout")
    return SHARED


@pytest.fixture(autouse=True)
def every_write_in_a_write_transaction():
    """Fail a test whose code wrote to a library outside ``write_transaction`` (see qtapp.core.db)."""
    db.unguarded_writes.clear()
    yield
    assert not db.unguarded_writes, "writes outside write_transaction:\n" + "\n".join(db.unguarded_writes[:10])


@pytest.fixture
def tmpfs(tmp_path):
    """A small file system of its own (4 MB), so it can really fill up or turn read-only."""
    mount = tmp_path / "mnt"
    mount.mkdir()
    if shutil.which("mount") is None or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m,mode=0755", "tmpfs", str(mount)],
                          capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)
