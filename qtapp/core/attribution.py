"""A quote as it runs in a story: the words with a news-style attribution, or with a citation.

::

    attribution_line(lib, 42)
    # 'said Mara Quell, harbor master, at a news conference in Lindenport on Nov. 9, 2023.'
    quote_with_attribution(lib, 42)
    # '“The barrier will hold,” said Mara Quell, harbor master, at a news conference in ...'
    quote_with_citation(lib, 42, "apa")
    # '“The barrier will hold” (Harbor Council, 2023, 14:32)'

Every function asks :func:`qtapp.core.publish.decide` first: off-the-record and
deep-background quotes, and embargoed ones before their time, raise :class:`ExportBlocked`;
background quotes and confidential speakers appear only under their agreed description, with
no name, title, place or source that could point to the person. A quote taken from another
outlet says so ("told El Comercio"), named or not, and a translated one says from which
language ("… told El Comercio (translated from Spanish)."). The words with their attribution or
citation are refused too while a Blocking finding stands unacknowledged
(:class:`qtapp.core.gate.Gate`), and a citation while the check found the words are not in
the source it would cite.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from .dates import PartialDate
from .errors import ExportBlocked
from .gate import Gate, NameGuard
from .languages import language_name
from .publish import decide

if TYPE_CHECKING:
    from .library import Library
    from .sources import Source

# AP style abbreviates these months before a day; the others are always spelled out.
_AP_MONTHS = {1: "Jan.", 2: "Feb.", 8: "Aug.", 9: "Sept.", 10: "Oct.", 11: "Nov.", 12: "Dec."}


def ap_date(date: PartialDate) -> str:
    """A date as AP style writes it: 'Nov. 9, 2023', 'March 5, 2024', 'November 2023', '2023'."""
    if date.day:
        return f"{_AP_MONTHS.get(date.month, date.first_day().strftime('%B'))} {date.day}, {date.year}"
    if date.month:
        return f"{date.first_day():%B %Y}"
    return str(date.year)


def attribution_line(lib: Library, quote_id: int, *, when: dt.datetime | None = None) -> str:
    """The attribution that follows the quote's words: 'Quell said at a news conference in ...'.

    :param when: the moment of publication, for embargoes (default: now).
    :raises ExportBlocked: the ground rule forbids publishing the quote (at ``when``).
    :raises NotFound: no such quote.
    """
    quote = lib.quotes.get(quote_id)
    decision = decide(lib, quote, when)
    if not decision.allowed:
        raise ExportBlocked(f"This quote cannot be copied for publication: {decision.reason}.")
    source = lib.sources.get(quote.source_id) if quote.source_id else None
    said = quote.said or (source.date if source else None)
    on_date = _date_clause(said) + _translated(quote)
    second_hand = quote.second_hand and quote.via_outlet
    if not decision.named:
        # Nothing beyond the agreed description: a title, place or event could identify the person.
        verb = f"told {quote.via_outlet}" if second_hand else "said"
        return _sentence(f"{decision.attribute_as} {verb}{on_date}")
    title = lib.speakers.title_on(quote.speaker_id, said)
    if second_hand:
        # First reference: the full name and title, even when the words came through another outlet.
        named = f"{decision.attribute_as}, {title}," if title else decision.attribute_as
        return _sentence(f"{named} told {quote.via_outlet}{on_date}")
    # The source's title, place or outlet may name a speaker quoted from it without a name.
    guard = Gate(lib, when).source_guard(source.id) if source else None
    where = _where(source, guard)
    if title:
        # A name with a title reads better inverted: said Mara Quell, harbor master, at ...
        return _sentence(f"said {decision.attribute_as}, {title},{where}{on_date}")
    return _sentence(f"{decision.attribute_as} said{where}{on_date}")


def _translated(quote) -> str:
    """' (translated from Spanish)' for a translated quote: readers are told the words are not the original."""
    if not quote.translated:
        return ""
    origin = language_name(quote.language)
    return f" (translated from {origin})" if origin else " (translated)"


def quote_with_attribution(lib: Library, quote_id: int, *, when: dt.datetime | None = None) -> str:
    """The words in quotation marks followed by :func:`attribution_line`, as one sentence.

    :raises ExportBlocked: as :func:`attribution_line`, or a Blocking finding is not acknowledged.
    """
    gate = _passed(lib, quote_id, when)
    # A title, place or document title beside a named speaker may still name a confidential one.
    line = gate.redact(attribution_line(lib, quote_id, when=when))
    words = _inner_marks(lib.quotes.get(quote_id).words)
    if words[-1] in "?!":
        return f"“{words}” {line}"
    return f"“{words.rstrip('.,;:')},” {line}"


def quote_words(lib: Library, quote_id: int, *, when: dt.datetime | None = None) -> str:
    """The words alone in quotation marks, for a reporter who writes the attribution himself.

    :raises ExportBlocked: the ground rule forbids publishing them, or a Blocking finding stands.
    """
    _passed(lib, quote_id, when)
    return f"“{_inner_marks(lib.quotes.get(quote_id).words)}”"


def quote_with_citation(lib: Library, quote_id: int, style: str | None = None, *, format: str = "text",
                        when: dt.datetime | None = None) -> str:
    """The words with an in-text citation of their source in ``style`` (a note for note styles).

    The locator is the quote's time in the recording when it has one.

    :raises ExportBlocked: the ground rule forbids publishing the quote, or it is anonymous
        (a citation of its source could name the person), or it has no source to cite.
    :raises CitationEngineMissing: citeproc-js is not installed.
    """
    from .cite.render import cite_sources
    from .transcripts import timestamp

    quote = lib.quotes.get(quote_id)
    gate = _passed(lib, quote_id, when)
    if not gate.decide_quote(quote_id).named:
        raise ExportBlocked("This quote is attributed only to a description; citing its source could "
                            "identify the person. Copy it with its attribution line instead.")
    if quote.source_id is None:
        raise ExportBlocked("This quote has no source to cite. Choose its source first, "
                            "or copy it with its attribution line.")
    if lib.db.execute("SELECT 1 FROM findings WHERE quote_id = ? AND check_name = 'verbatim' AND code = 'not_found' "
                      "AND acknowledged_at IS NULL", [quote_id]).fetchone():
        raise ExportBlocked("The check found these words are not in the source this citation would name. Choose "
                            "the source they come from, or acknowledge the finding with a reason.")
    withheld = gate.source_withheld(lib.sources.get(quote.source_id))
    if withheld:  # the rules of reference lists: a source they leave out is not cited here either
        raise ExportBlocked(f"This quote's source is withheld from citations and reference lists ({withheld}). "
                            "Copy the quote with its attribution line instead.")
    locator = timestamp(quote.time_start) if quote.time_start is not None else None
    citation = cite_sources(lib, [quote.source_id], style, format=format, locator=locator)[0]
    words = _inner_marks(quote.words)
    if format == "html":
        words = words.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if citation.note is not None:
        if format == "html":
            return f"“{words}”<sup>1</sup><br><br>1. {citation.citation_locator}"
        return f"“{words}”¹\n\n1. {citation.citation_locator}"
    # In-text styles close the sentence after the citation: “… hold” (Council, 2023, 14:32).
    return f"“{words.rstrip('.')}” {citation.citation_locator}."


def _passed(lib: Library, quote_id: int, when: dt.datetime | None) -> Gate:
    """The gate the quote passed. :raises ExportBlocked: it may not leave the library now."""
    gate = Gate(lib, when)
    decision = gate.decide_quote(quote_id)
    if not decision.allowed:
        raise ExportBlocked(f"Quote {quote_id} cannot be copied for publication: {decision.reason}.")
    return gate


def _where(source: Source | None, guard: NameGuard | None) -> str:
    """' at a news conference in Lindenport': the occasion, from the kind of source, leaving
    out a place, outlet or title in which ``guard`` finds a protected name."""
    if source is None:
        return ""

    def shown(text: str) -> str:
        return "" if not text or (guard and guard.finds(text)) else text

    place = f" in {shown(source.place)}" if shown(source.place) else ""
    outlet, title = shown(source.outlet), shown(source.title)
    occasion = {
        "press_conference": f" at a news conference{place}",
        "speech": f" in a speech{place}",
        "interview": f" in an interview{place}",
        "broadcast": f" on {outlet}" if outlet else f" in a broadcast{place}",
        "podcast": f" on the {outlet} podcast" if outlet else " on a podcast",
        "social_post": f" in a post on {outlet}" if outlet else " in a social media post",
        "email": " in an email",
        "document": f" in “{title}”" if title else " in a document",
    }
    return occasion.get(source.kind, "")


def _date_clause(date: PartialDate | None) -> str:
    if date is None:
        return ""
    return f" on {ap_date(date)}" if date.day else f" in {ap_date(date)}"


def _sentence(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


def _inner_marks(words: str) -> str:
    """Quotation marks inside the words become single ones, as news style nests them."""
    words = " ".join(words.split())
    out, opening = [], True
    for ch in words:
        if ch == '"':
            out.append("‘" if opening else "’")
            opening = not opening
        else:
            out.append({"“": "‘", "”": "’"}.get(ch, ch))
    return "".join(out)
