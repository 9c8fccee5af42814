"""``verbatim export`` and ``verbatim import`` from the command line."""

import json
import os

import pytest

from qtapp.cli import main
from qtapp.core.library import Library


@pytest.fixture
def lib_path(tmp_path):
    path = tmp_path / "work.verbatim"
    with Library(path) as lib:
        sid = lib.speakers.add("Mirela Stroud")
        src = lib.sources.add("article", "Harbour fees rise", outlet="Shore News", date="2024-02",
                              url="https://shore.example/fees")
        lib.quotes.add("Fees rise in April.", sid, source_id=src, tags=["fees"])
        lib.quotes.add("Keep this between us.", sid, source_id=src, rule="off_record", tags=["fees"])
    return path


def test_export_to_stdout_reports_what_was_left_out(lib_path, capsys):
    assert main(["export", "--library", str(lib_path), "--format", "sheet-md", "--tag", "fees"]) == 0
    out, err = capsys.readouterr()
    assert "Fees rise in April" in out and "between us" not in out
    assert "1 left out under ground rules" in err


def test_docx_needs_an_output_file(lib_path, capsys, tmp_path):
    assert main(["export", "--library", str(lib_path), "--format", "sheet-docx"]) == 2
    assert "-o FILE" in capsys.readouterr().err
    assert main(["export", "--library", str(lib_path), "--format", "sheet-docx", "-o", str(tmp_path)]) == 0
    assert [p.suffix for p in tmp_path.iterdir() if p.suffix == ".docx"] == [".docx"]


def test_export_then_import_every_reference_format(lib_path, tmp_path, capsys):
    other = tmp_path / "other.verbatim"
    for fmt, suffix in (("csl-json", ".json"), ("bibtex", ".bib"), ("ris", ".ris")):
        out = tmp_path / f"refs{suffix}"
        assert main(["export", "--library", str(lib_path), "--format", fmt, "-o", str(out)]) == 0
        assert main(["import", "--library", str(other), str(out)]) == 0
    printed = capsys.readouterr().out
    assert "refs.json: Added 1 source." in printed and printed.count("1 already there") == 2


def test_native_import_merges_and_says_so(lib_path, tmp_path, capsys):
    copy = tmp_path / "copy.json"
    assert main(["export", "--library", str(lib_path), "--format", "native", "-o", str(copy)]) == 0
    assert json.loads(copy.read_text(encoding="utf-8"))["private"] is True
    other = tmp_path / "other.verbatim"
    assert main(["import", "--library", str(other), str(copy)]) == 0
    assert main(["import", "--library", str(other), str(copy)]) == 0
    out = capsys.readouterr().out
    assert "Added 1 source, 1 speaker and 2 quotes." in out and "4 already there." in out


def test_documents_go_to_the_document_importer(tmp_path, capsys):
    note = tmp_path / "note.txt"
    note.write_text("The pier closes at dusk, the warden said.", encoding="utf-8")
    assert main(["import", "--library", str(tmp_path / "w.verbatim"), str(note)]) == 0
    assert "added" in capsys.readouterr().out


@pytest.mark.parametrize("args, message", [
    (["import", "missing.bib"], "does not exist"),
    (["import", "--format", "ris", "garbage.bib"], "No RIS records"),
    (["export", "--format", "sheet-md", "--source", "99"], "no source with id 99"),
    (["export", "--format", "sheet-md", "--quote", "1", "77"], "no quote with id 77"),
    (["export", "--format", "ris", "--tag", "feez"], "No quote is tagged “feez”. Tags in this library: fees."),
])
def test_bad_input_exits_2_with_one_line(lib_path, tmp_path, capsys, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "garbage.bib").write_text("nothing here", encoding="utf-8")
    assert main([args[0], "--library", str(lib_path), *args[1:]]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_bibliography_in_a_chosen_style(lib_path, capsys):
    from qtapp.core.cite.engine import citeproc_js_path
    pytest.importorskip("py_mini_racer")
    if citeproc_js_path() is None:
        pytest.skip("the citation engine (citeproc-js) is not installed")
    assert main(["export", "--library", str(lib_path), "--format", "bibliography", "--style", "mla"]) == 0
    assert "“Harbour Fees Rise.” Shore News, Feb. 2024, https://shore.example/fees." in capsys.readouterr().out
    assert main(["export", "--library", str(lib_path), "--format", "bibliography", "--style", "no-such-style"]) == 2


def test_the_command_imports_a_zotero_directory(tmp_path, zotero_dir, capsys):
    path = tmp_path / "cli.verbatim"
    assert main(["import", "--library", str(path), str(zotero_dir)]) == 0
    assert "added 5 sources" in capsys.readouterr().out.lower()
    assert main(["import", "--library", str(path), str(zotero_dir)]) == 0
    assert "added" not in capsys.readouterr().out.lower()


def test_export_refuses_every_target_that_is_not_a_file(lib_path, not_files, tmp_path, capsys):
    for target in not_files:
        kind = os.stat(target).st_mode
        assert main(["export", "--library", str(lib_path), "--format", "ris", "-o", str(target)]) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and "not a file" in err[0] and str(target) in err[0]
        assert os.stat(target).st_mode == kind  # still the device, pipe or socket it was
    assert not list(tmp_path.glob(".export-*"))


def test_export_to_a_folder_writes_a_file_named_after_the_selection(lib_path, tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    assert main(["export", "--library", str(lib_path), "--format", "ris", "-o", str(folder)]) == 0
    assert [p.suffix for p in folder.iterdir()] == [".ris"]
