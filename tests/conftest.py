"""Shared fixtures: a fresh library in a temporary folder, and where ../shared lives."""

import os
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Commands run by the tests log their unexpected errors here, not in the user's log folder.
os.environ.setdefault("VERBATIM_LOG_DIR", tempfile.mkdtemp(prefix="verbatim-test-log-"))

from qtapp.core.library import Library  # noqa: E402

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
