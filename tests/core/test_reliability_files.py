"""File names built from titles stay in the chosen folder; CSV cells never become formulas."""

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qtapp.core.errors import ImportFailed, InvalidInput
from qtapp.core.files import MAX_IMPORT_BYTES, check_size, csv_safe, safe_filename


@pytest.mark.parametrize("title", [
    "../../etc/passwd", "..", ".", "/absolute/path", "C:\\Windows\\system32", "a/../../b",
    "\x00null\x00", ".hidden", "CON", "nul.txt", "  ", "", "COM1", "x" * 1000, "é" * 400,
])
def test_hostile_titles_stay_in_the_folder(tmp_path, title):
    path = safe_filename(title, tmp_path, ".md")
    assert path.parent == tmp_path.resolve()
    assert not path.name.startswith(".")
    assert len(path.name.encode()) <= 255
    path.write_text("ok")  # the name is one the file system accepts
    assert path.read_text() == "ok"


def test_an_ordinary_title_is_kept_readable(tmp_path):
    assert safe_filename("Interview: Mayor of Lisbon?", tmp_path, "csv").name == "Interview Mayor of Lisbon.csv"


def test_unique_adds_a_number_instead_of_overwriting(tmp_path):
    first = safe_filename("Sheet", tmp_path, ".csv", unique=True)
    first.write_text("mine")
    second = safe_filename("Sheet", tmp_path, ".csv", unique=True)
    assert second.name == "Sheet (2).csv"
    assert first.read_text() == "mine"


def test_a_suffix_that_is_a_path_is_refused(tmp_path):
    with pytest.raises(InvalidInput):
        safe_filename("x", tmp_path, "/../../evil")


@settings(max_examples=300, deadline=None)
@given(title=st.text())
def test_no_title_escapes_the_folder(tmp_path_factory, title):
    folder = tmp_path_factory.mktemp("out")
    path = safe_filename(title, folder, ".html")
    assert path.parent == folder.resolve()
    assert path.suffix == ".html" and not path.name.startswith(".")
    path.write_text("x")
    assert os.listdir(folder) == [path.name]


@pytest.mark.parametrize("cell", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\r=x", "=HYPERLINK(\"http://x\")"])
def test_formula_cells_are_neutralized(cell):
    assert csv_safe(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["We will act.", "", "3 = three", "'quoted"])
def test_plain_cells_are_untouched(cell):
    assert csv_safe(cell) == cell


def test_a_file_over_the_limit_is_refused_without_reading_it(tmp_path):
    big = tmp_path / "huge.txt"
    with open(big, "wb") as f:  # sparse: costs no disk
        f.truncate(MAX_IMPORT_BYTES + 1)
    with pytest.raises(ImportFailed, match="MB"):
        check_size(big)
    small = tmp_path / "small.txt"
    small.write_text("hello")
    assert check_size(small) == 5
