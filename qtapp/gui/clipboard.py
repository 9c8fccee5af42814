"""What Copy puts on the clipboard: each quote with its news-style attribution line.

The ground rules decide (:mod:`qtapp.core.attribution`, which asks :mod:`qtapp.core.publish`):
an off-the-record or deep-background quote is refused with the reason, and a background
quote carries only its agreed description.
"""

from __future__ import annotations

import html

from ..core.attribution import quote_with_attribution
from ..core.library import Library


def quotes_as_text(lib: Library, quote_ids: list[int]) -> tuple[str, str]:
    """The quotes as plain text and as HTML, one paragraph each.

    :raises ExportBlocked: one of them may not be published; nothing is copied then.
    """
    lines = [quote_with_attribution(lib, qid) for qid in quote_ids]
    return "\n\n".join(lines), "".join(f"<p>{html.escape(line)}</p>" for line in lines)
