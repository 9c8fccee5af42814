"""What Copy puts on the clipboard: each quote with its news-style attribution line.

The ground rules decide (:mod:`qtapp.core.attribution`, which asks :mod:`qtapp.core.publish`):
an off-the-record or deep-background quote is refused with the reason, and a background
quote carries only its agreed description.
"""

from __future__ import annotations

import html

from ..core.attribution import quote_with_attribution, quote_with_citation
from ..core.library import Library


def quotes_as_text(lib: Library, quote_ids: list[int]) -> tuple[str, str]:
    """The quotes as plain text and as HTML, one paragraph each.

    :raises ExportBlocked: one of them may not be published; nothing is copied then.
    """
    lines = [quote_with_attribution(lib, qid) for qid in quote_ids]
    return "\n\n".join(lines), "".join(f"<p>{html.escape(line)}</p>" for line in lines)


def citations_as_text(lib: Library, quote_ids: list[int], style: str, progress=None) -> tuple[str, str]:
    """The quotes with in-text citations in ``style``, as plain text and as HTML (italics kept), for one copy.

    :raises ExportBlocked: one of them may not be published; nothing is copied then.
    """
    plain, rich = [], []
    for done, qid in enumerate(quote_ids):
        if progress is not None:
            progress.update(done, len(quote_ids), "Rendering citations")
        plain.append(quote_with_citation(lib, qid, style))
        rich.append(f"<p>{quote_with_citation(lib, qid, style, format='html')}</p>")
    return "\n\n".join(plain), "".join(rich)
