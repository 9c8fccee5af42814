"""``verbatim import a.bib b.ris c.txt`` is one step: all of it or nothing, and one Undo removes it."""

import os
import signal
import subprocess
import sys
import time

import pytest

from qtapp.cli import main
from qtapp.core.errors import ImportFailed
from qtapp.core.import_batch import read_inputs, store_inputs
from qtapp.core.library import Library

BIB = "@article{a, title={Harbour fees rise}, journal={Shore News}, year={2024}}\n"
RIS = "TY  - JOUR\nTI  - Dredging starts\nJO  - Port Weekly\nPY  - 2023\nER  - \n"
TEXT = "“We will rebuild the harbour,” said Mirela Stroud at the council meeting.\n"


@pytest.fixture
def files(tmp_path):
    (tmp_path / "a.bib").write_text(BIB, encoding="utf-8")
    (tmp_path / "b.ris").write_text(RIS, encoding="utf-8")
    (tmp_path / "c.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "broken.json").write_text('[{"title": "x"', encoding="utf-8")
    return tmp_path


def _titles(path):
    with Library(path) as lib:
        return sorted(row["title"] for row in lib.sources.all(limit=-1))


def test_three_kinds_of_file_are_imported_together(files, capsys):
    library = files / "work.verbatim"
    assert main(["import", "--library", str(library), *(str(files / n) for n in ("a.bib", "b.ris", "c.txt"))]) == 0
    assert _titles(library)[:2] == ["Dredging starts", "Harbour fees rise"]
    assert "Mirela Stroud" in _titles(library)[2]
    assert "a.bib: Added 1 source." in capsys.readouterr().out


@pytest.mark.parametrize("broken", ["broken.json", "missing.ris", "empty.bib"])
def test_a_bad_last_file_leaves_the_library_unchanged(files, capsys, broken):
    (files / "empty.bib").write_text("", encoding="utf-8")
    library = files / "work.verbatim"
    with Library(library) as lib:
        lib.sources.add(title="Already there")
    before = library.read_bytes()
    code = main(["import", "--library", str(library), str(files / "a.bib"), str(files / "c.txt"), str(files / broken)])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert len(err) == 1 and err[0].startswith("verbatim: ") and broken in err[0] and "nothing was imported" in err[0]
    assert _titles(library) == ["Already there"]
    assert library.read_bytes() == before  # not even opened for writing


def test_a_failure_while_storing_keeps_nothing(files, library):
    """A file that reads well but cannot be stored (a quote whose speaker is missing) undoes the others."""
    (files / "copy.json").write_text('{"format": "verbatim-library", "version": 1, "quotes": '
                                     '[{"uuid": "9f0e1d2c-3b4a-4c5d-8e7f-0a1b2c3d4e5f", "words": "Hi.", '
                                     '"speaker": "0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6"}]}', encoding="utf-8")
    inputs = read_inputs([str(files / "a.bib"), str(files / "c.txt"), str(files / "copy.json")])
    with pytest.raises(ImportFailed, match="nothing was imported"):
        store_inputs(library, inputs)
    assert library.sources.all(limit=-1) == []
    assert library.undo_status() == (None, None)


def test_one_undo_removes_the_whole_import(files, library):
    inputs = read_inputs([str(files / n) for n in ("a.bib", "b.ris", "c.txt")])
    store_inputs(library, inputs)
    assert len(library.sources.all(limit=-1)) == 3
    assert library.undo_status()[0] == "Import 3 files"
    library.undo()
    assert library.sources.all(limit=-1) == []
    assert library.undo_status() == (None, "Import 3 files")


KILLER = """
import sys
from qtapp.core.import_batch import read_inputs, store_inputs
from qtapp.core.library import Library
inputs = read_inputs(sys.argv[2:])
with Library(sys.argv[1]) as lib:
    print("storing", flush=True)
    store_inputs(lib, inputs)
    print("stored", flush=True)
"""


def test_a_kill_midway_leaves_all_or_none(tmp_path):
    """SIGKILL at a different moment of each run: the library holds every file's sources or none."""
    names = []
    for n in range(3):
        path = tmp_path / f"part{n}.bib"
        path.write_text("".join(f"@article{{k{n}x{i}, title={{File {n} entry {i}}}, year={{2020}}}}\n"
                                for i in range(1500)), encoding="utf-8")
        names.append(str(path))
    outcomes = set()
    for run, delay in enumerate((0.0, 0.05, 0.15, 0.3, 0.6, 1.0)):
        library = tmp_path / f"run{run}.verbatim"
        Library(library).close()
        child = subprocess.Popen([sys.executable, "-c", KILLER, str(library), *names],
                                 stdout=subprocess.PIPE, text=True)
        assert child.stdout.readline().strip() == "storing"
        time.sleep(delay)
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        with Library(library) as lib:
            count = len(lib.sources.all(limit=-1))
        assert count in (0, 4500), f"killed after {delay}s: {count} of 4500 sources kept"
        outcomes.add(count)
    assert 0 in outcomes  # the kill did land midway at least once
