"""Web pages: the article's body, title, authors, date and outlet, found by trafilatura.

Menus, footers, comments and advertising are left out by trafilatura's extractor, which is
maintained against real news sites; Verbatim adds no tag stripping of its own.
"""

from __future__ import annotations

import trafilatura
from trafilatura.settings import DEFAULT_CONFIG

from ..dates import PartialDate
from ..errors import ImportFailed, InvalidInput
from ..names import parse_name
from .draft import SourceDraft
from .rawdata import tidy_text

MAX_PAGE_BYTES = DEFAULT_CONFIG.getint("DEFAULT", "MAX_FILE_SIZE")
"""trafilatura's own limit (20 MB): a larger page would silently give no text."""


def read_html(data: bytes | str, *, name: str, url: str = "") -> SourceDraft:
    """The article in an HTML page (saved file or fetched address).

    :raises ImportFailed: the page has no article text that could be found.
    """
    if len(data) > MAX_PAGE_BYTES:
        raise ImportFailed(f"{name} is a {len(data) / 1e6:.1f} MB web page, more than the "
                           f"{MAX_PAGE_BYTES // 1000 // 1000} MB an article page can be read from. Copy the "
                           "article's text and paste it, or save the page again as text only.")
    try:
        # The balanced default: precision mode can drop a short paragraph, and a dropped quote
        # is worse for verification than a stray line of page furniture.
        doc = trafilatura.bare_extraction(data, url=url or None, with_metadata=True, include_comments=False,
                                          include_tables=True)
        if doc is None or not (doc.text or "").strip():
            # Short pages (a statement, a press release) can fall under the length threshold.
            doc = trafilatura.bare_extraction(data, url=url or None, with_metadata=True, include_comments=False,
                                              favor_recall=True)
    except Exception as e:  # noqa: BLE001 - the extractor's internals raise many kinds; none may reach a user
        raise ImportFailed(f"{name} could not be read as a web page ({type(e).__name__}). "
                           "Save the page again from your browser, or copy its text and paste it.") from None
    if doc is None or not (doc.text or "").strip():
        raise ImportFailed(f"No article text was found in {name}. If the page needs a login or runs on "
                           "scripts, open it in your browser, copy the article and paste it instead.")
    title = " ".join((doc.title or "").split())
    text = tidy_text(doc.text).strip()
    # trafilatura repeats the headline as the first line of the body; keep the body only.
    first, _, rest = text.partition("\n")
    if title and " ".join(first.split()) == title and rest.strip():
        text = rest.strip()
    authors = [parse_name(a) for a in (doc.author or "").split(";") if a.strip()]
    return SourceDraft(kind="article", title=title, outlet=" ".join((doc.sitename or "").split()),
                       authors=[a for a in authors if a.display()], date=_date(doc.date), url=url,
                       language=doc.language or "", text=text)


def _date(text: str | None) -> PartialDate | None:
    if not text:
        return None
    try:
        return PartialDate.from_iso(text[:10])
    except InvalidInput:
        return None
