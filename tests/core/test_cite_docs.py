"""Every public function of the citation modules is documented in docs/citations.md."""

import inspect
from pathlib import Path

import pytest

from qtapp.core import attribution
from qtapp.core.cite import csl, engine, render, styles

DOC = Path(__file__).resolve().parents[2] / "docs" / "citations.md"


@pytest.mark.parametrize("module", [csl, engine, render, styles, attribution], ids=lambda m: m.__name__)
def test_public_functions_are_documented(module):
    text = DOC.read_text(encoding="utf-8")
    public = [name for name, f in inspect.getmembers(module, inspect.isfunction)
              if f.__module__ == module.__name__ and not name.startswith("_")]
    assert public, "the module should have public functions"
    missing = [name for name in public if f"{name}(" not in text]
    assert not missing, f"document these in docs/citations.md: {missing}"
