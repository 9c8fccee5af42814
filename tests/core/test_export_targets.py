"""Exports write ordinary files only: a device, a pipe, a socket or a folder is never replaced."""

import os
import socket
import stat
from pathlib import Path

import pytest

from qtapp.cli import main
from qtapp.core.errors import InvalidInput
from qtapp.core.files import replacing
from qtapp.core.formats.registry import export_to_path
from qtapp.core.formats.selection import Selection


@pytest.fixture
def lib_path(tmp_path, library):
    speaker = library.speakers.add("Mirela Stroud")
    source = library.sources.add("article", "Harbour fees rise", outlet="Shore News")
    library.quotes.add("Fees rise in April.", speaker, source_id=source)
    return library.path


def _targets(tmp_path):
    fifo = tmp_path / "pipe.ris"
    os.mkfifo(fifo)
    sock = tmp_path / "sock.ris"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(sock))
    link = tmp_path / "link.ris"
    link.symlink_to(fifo)
    devices = [Path(d) for d in ("/dev/null", "/dev/full") if Path(d).exists()]
    return [fifo, sock, link, *devices], server


def test_the_command_refuses_every_target_that_is_not_a_file(lib_path, tmp_path, capsys):
    targets, server = _targets(tmp_path)
    with server:
        for target in targets:
            kind = os.stat(target).st_mode
            assert main(["export", "--library", str(lib_path), "--format", "ris", "-o", str(target)]) == 2
            err = capsys.readouterr().err.strip().splitlines()
            assert len(err) == 1 and "not a file" in err[0] and str(target) in err[0]
            assert os.stat(target).st_mode == kind  # still the device, pipe or socket it was
    assert not list(tmp_path.glob(".export-*"))


def test_the_core_refuses_them_too(library, tmp_path):
    targets, server = _targets(tmp_path)
    with server:
        for target in targets:
            with pytest.raises(InvalidInput, match="not a file"):
                export_to_path(library, "sheet-md", Selection(), target)
    (tmp_path / "folder.md").mkdir()
    with pytest.raises(InvalidInput, match="is a folder"):
        export_to_path(library, "sheet-md", Selection(), tmp_path / "folder.md")


def test_a_folder_gets_a_file_named_after_the_selection(lib_path, tmp_path, capsys):
    folder = tmp_path / "exports"
    folder.mkdir()
    assert main(["export", "--library", str(lib_path), "--format", "ris", "-o", str(folder)]) == 0
    assert [p.suffix for p in folder.iterdir()] == [".ris"]


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
