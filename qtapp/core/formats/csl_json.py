"""Sources as CSL-JSON, the format Zotero and every citation processor read."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, TextIO

from ..cite.csl import csl_to_source, source_to_csl
from ..errors import ImportFailed, VerbatimError
from ..progress import Progress
from .json_input import read_json
from .references import publishable_sources
from .reports import ExportReport
from .selection import Selection

if TYPE_CHECKING:
    from ..library import Library


def write_csl_json(lib: Library, selection: Selection, out: TextIO, *, progress: Progress | None = None,
                   now: dt.datetime | None = None) -> ExportReport:
    """Write the publishable sources of ``selection`` to ``out`` as a CSL-JSON array."""
    sources, withheld = publishable_sources(lib, selection, now=now, progress=progress)
    json.dump([source_to_csl(s) for s in sources], out, ensure_ascii=False, indent=2)
    out.write("\n")
    return ExportReport(len(sources), withheld, noun="source")


def read_csl_json(text: str) -> list[dict]:
    """Source drafts (``lib.sources.add`` arguments) from CSL-JSON text: an array or one item.

    :raises ImportFailed: the text is not JSON, or an item cannot be read (which one is said).
    """
    data = read_json(text, "This is not CSL-JSON: {reason}. Export it again as CSL JSON.")
    items = data if isinstance(data, list) else [data]
    drafts = []
    for number, item in enumerate(items, 1):
        try:
            draft = csl_to_source(item)
        except VerbatimError as e:
            raise ImportFailed(f"Item {number} of the CSL-JSON file cannot be read: {e}") from None
        if isinstance(item, dict) and item.get("id"):
            draft["uuid"] = str(item["id"])
        drafts.append(draft)
    return drafts
