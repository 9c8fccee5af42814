"""A formatted reference list in a citation style (APA, MLA, Chicago …), rendered by CITE's engine.

::

    write_bibliography(lib, Selection(tag="harbour-story"), sys.stdout, style="mla")

The sources are those a reference export may list (:func:`.references.publishable_sources`),
so a source that could identify a protected speaker is left out here too.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, TextIO

from ..cite.csl import source_to_csl
from ..progress import Progress
from .references import publishable_sources
from .reports import ExportReport
from .selection import Selection

if TYPE_CHECKING:
    from ..library import Library

STYLES = {"apa": "APA", "mla": "MLA", "chicago-author-date": "Chicago (author-date)",
          "chicago-note-bibliography": "Chicago (notes and bibliography)"}


def write_bibliography(lib: Library, selection: Selection, out: TextIO, *, progress: Progress | None = None,
                       now: dt.datetime | None = None, style: str | None = None) -> ExportReport:
    """Write the publishable sources of ``selection`` as a reference list in ``style``, one entry a paragraph.

    :param style: a name of :data:`STYLES`, a CSL style id or a .csl file (default: the library's setting).
    :raises CitationEngineMissing: the citation engine is not installed (the message says how to install it).
    :raises InvalidInput: an unknown style.
    """
    from ..cite.render import (
        render_citations,  # loads the engine only when a reference list is wanted
    )

    sources, withheld = publishable_sources(lib, selection, now=now, progress=progress)
    entries = render_citations([source_to_csl(s) for s in sources], style or lib.get_setting("citation_style"))
    # Reference lists are alphabetical in every style offered; sorting the rendered text gives that order.
    for entry in sorted((c.bibliography for c in entries if c.bibliography.strip()), key=str.casefold):
        out.write(entry.strip() + "\n\n")
    # Some styles cite speeches, posts and conversations in notes only (Chicago): they are listed
    # as their notes rather than dropped without a word.
    notes_only = sorted((c.note or c.citation for c in entries if not c.bibliography.strip()), key=str.casefold)
    if notes_only:
        out.write("Cited in notes only in this style:\n\n" + "".join(n.strip() + "\n\n" for n in notes_only))
    return ExportReport(len(sources), withheld, noun="source")
