"""Sources from files, pages and transcripts: text, Markdown, HTML, DOCX, PDF, SRT, WebVTT, pasted text.

::

    from qtapp.core.importers import import_paths, read_document, source_from_text

    draft = read_document("briefing.pdf")                 # read only; nothing stored
    report = import_paths(lib, ["a.docx", "https://example.org/story"], progress=dialog.progress)
    source_id = source_from_text(lib, clipboard_text, title="Council statement")
"""

from .draft import Cue, SourceDraft
from .importing import ImportOutcome, ImportReport, import_drafts, import_paths, source_from_text
from .reading import read_document

__all__ = [
    "Cue",
    "ImportOutcome",
    "ImportReport",
    "SourceDraft",
    "import_drafts",
    "import_paths",
    "read_document",
    "source_from_text",
]
