"""How far citeproc-py is from citeproc-js on our sample sources (why we do not use it).

    .venv/bin/python bench/bench_cite_citeproc_py.py

Renders each item of tests/core/cite_expected/items.json alone with citeproc-py, in plain
text with a page locator, and counts the fields (bibliography entry, citation, citation with
locator; the first note for the notes style) equal to citeproc-js's reference output.
Rendering items one at a time costs citeproc-py the two "2024a/2024b" citations of APA and
Chicago author-date (4 fields); an item it raises on counts as three differences.
"""

from __future__ import annotations

import io
import json
import sys
import warnings
from pathlib import Path

from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source import Locator
from citeproc.source.json import CiteProcJSON

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qtapp.core.cite.styles import STYLE_FILES, load_style  # noqa: E402

EXPECTED = ROOT / "tests" / "core" / "cite_expected"
FIELDS = ("bibliography", "citation", "citation_locator")


def render(style: CitationStylesStyle, item: dict) -> dict:
    bib = CitationStylesBibliography(style, CiteProcJSON([dict(item)]), formatter.plain)
    plain = Citation([CitationItem(item["id"])])
    located = Citation([CitationItem(item["id"], locator=Locator("page", "12"))])
    bib.register(plain)
    bib.register(located)
    entries = bib.bibliography()
    return {"bibliography": "".join(map(str, entries[0])) if entries else "",
            "citation": str(bib.cite(plain, lambda _: None)),
            "citation_locator": str(bib.cite(located, lambda _: None))}


def main() -> None:
    warnings.filterwarnings("ignore")
    items = json.loads((EXPECTED / "items.json").read_text(encoding="utf-8"))
    for name in STYLE_FILES:
        reference = json.loads((EXPECTED / f"{name}.json").read_text(encoding="utf-8"))
        expected = {r["id"]: r for r in reference["text"]["12"]}
        style = CitationStylesStyle(io.BytesIO(load_style(name).xml.encode("utf-8")), validate=False)
        same = raised = 0
        for item in items:
            try:
                got = render(style, item)
            except Exception:  # noqa: BLE001 - citeproc-py fails on some items; that is part of what is measured
                got, raised = {}, raised + 1
            same += sum(got.get(f) == expected[item["id"]][f] for f in FIELDS)
        total = len(items) * len(FIELDS)
        print(f"{name:28} {same:>3}/{total} {same / total:4.0%}  items that raised: {raised}")


if __name__ == "__main__":
    main()
