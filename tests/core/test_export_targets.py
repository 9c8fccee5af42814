"""Exports write ordinary files only: a device, a pipe, a socket or a folder is never replaced."""

import stat

import pytest

from qtapp.core.errors import InvalidInput
from qtapp.core.files import replacing
from qtapp.core.formats.registry import export_to_path
from qtapp.core.formats.selection import Selection


def test_no_export_replaces_a_pipe_a_socket_a_device_or_a_folder(library, not_files, tmp_path):
    for target in not_files:
        with pytest.raises(InvalidInput, match="not a file"):
            export_to_path(library, "sheet-md", Selection(), target)
    (tmp_path / "folder.md").mkdir()
    with pytest.raises(InvalidInput, match="is a folder"):
        export_to_path(library, "sheet-md", Selection(), tmp_path / "folder.md")


def test_a_link_to_a_file_writes_that_file(tmp_path):
    real = tmp_path / "real.md"
    real.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    with replacing(link) as out:
        out.write("new")
    assert link.is_symlink() and real.read_text() == "new"


def test_a_dangling_link_is_refused(tmp_path):
    link = tmp_path / "link.md"
    link.symlink_to(tmp_path / "nowhere.md")
    with pytest.raises(InvalidInput, match="does not exist"), replacing(link) as out:
        out.write("x")
    assert not (tmp_path / "nowhere.md").exists()


def test_a_failed_write_leaves_the_old_file(tmp_path):
    path = tmp_path / "sheet.md"
    path.write_text("the old sheet")
    with pytest.raises(RuntimeError), replacing(path) as out:
        out.write("half")
        raise RuntimeError("cancelled")
    assert path.read_text() == "the old sheet"
    assert [p.name for p in tmp_path.iterdir()] == ["sheet.md"]
    assert stat.S_ISREG(path.stat().st_mode)
