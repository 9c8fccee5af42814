"""What Copy puts on the clipboard: each quote with its news-style attribution line.

The ground rules decide (:mod:`qtapp.core.publish`): an off-the-record or deep-background
quote is refused with the reason, and a background quote carries only its agreed description.
"""

from __future__ import annotations

import html

from ..core.errors import ExportBlocked
from ..core.library import Library
from ..core.publish import decide


def quote_with_attribution(lib: Library, quote_id: int) -> str:
    """“The words,” the speaker said. :raises ExportBlocked: the ground rules forbid it."""
    quote = lib.quotes.get(quote_id)
    decision = decide(lib, quote)
    if not decision.allowed:
        raise ExportBlocked(f"This quote cannot be copied for publication: {decision.reason}.")
    words = quote.words.rstrip()
    if words.endswith("."):
        words = words[:-1] + ","
    elif not words.endswith(("?", "!", ",")):
        words += ","
    return f"“{words}” {decision.attribute_as} said."


def quotes_as_text(lib: Library, quote_ids: list[int]) -> tuple[str, str]:
    """The quotes as plain text and as HTML, one paragraph each.

    :raises ExportBlocked: one of them may not be published; nothing is copied then.
    """
    lines = [quote_with_attribution(lib, qid) for qid in quote_ids]
    return "\n\n".join(lines), "".join(f"<p>{html.escape(line)}</p>" for line in lines)
