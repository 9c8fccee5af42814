"""Write items.json: the sample sources as CSL-JSON items (run from the repository root).

    .venv/bin/python tests/core/cite_expected/make_items.py
"""

import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from qtapp.core.cite.csl import source_to_csl
from qtapp.core.library import Library
from tests.core.cite_samples import SAMPLE_SOURCES


def sample_items(lib: Library) -> list[dict]:
    """Add the sample sources to ``lib``; their CSL items, with ids s1, s2, … in order."""
    items = []
    for n, fields in enumerate(SAMPLE_SOURCES, 1):
        items.append({**source_to_csl(lib.sources.get(lib.sources.add(**fields))), "id": f"s{n}"})
    return items


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        lib = Library(Path(folder) / "samples.verbatim")
        items = sample_items(lib)
        lib.close()
    out = Path(__file__).with_name("items.json")
    out.write_text(json.dumps(items, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(items)} items to {out}")
