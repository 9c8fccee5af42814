"""docs/export.md keeps up with the code: every format and every public entry point is described."""

from pathlib import Path

import pytest

from qtapp.core.formats import registry
from qtapp.core.formats.registry import FORMATS, IMPORT_FORMATS

DOC = (Path(__file__).resolve().parents[2] / "docs" / "export.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", list(FORMATS))
def test_every_export_format_is_documented(name):
    assert f"| `{name}` |" in DOC


@pytest.mark.parametrize("name", IMPORT_FORMATS)
def test_every_import_format_is_documented_as_readable(name):
    row = next(line for line in DOC.splitlines() if line.startswith(f"| `{name}` |"))
    assert row.split("|")[3].strip() == "✓"


@pytest.mark.parametrize("function", ["export_to_path", "export_to_stream", "preview_text", "read_import_file",
                                      "preview_import", "preview_items", "apply_import", "suggested_path"])
def test_public_functions_are_documented(function):
    assert callable(getattr(registry, function)) and function in DOC


@pytest.mark.parametrize("name", list(FORMATS))
def test_every_format_names_a_writer_that_exists(name):
    fmt = FORMATS[name]
    assert callable(fmt.write)
    assert (fmt.read is not None) == (name in IMPORT_FORMATS)
