"""docs/architecture.md names modules that exist: a renamed or moved module makes it fail."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BASES = [ROOT, ROOT / "qtapp", ROOT / "qtapp" / "core", ROOT / "qtapp" / "gui", ROOT / "qtapp" / "cli"]


def test_every_module_path_in_the_architecture_page_exists():
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    named = re.findall(r"`([\w/]+(?:\.py|/))", text)
    assert len(named) > 30
    missing = [n for n in named if not any((base / n).exists() for base in BASES)]
    assert missing == []


def test_the_page_fits_on_one_page():
    assert len((ROOT / "docs" / "architecture.md").read_text(encoding="utf-8").splitlines()) <= 80


def test_only_the_library_takes_the_write_lock():
    """Every write goes through ``lib.step()`` or ``lib.write()``: no other module opens a transaction."""
    users = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "qtapp").rglob("*.py")
                   if "write_transaction(" in p.read_text(encoding="utf-8"))
    assert users == ["qtapp/core/db.py", "qtapp/core/library.py"]
