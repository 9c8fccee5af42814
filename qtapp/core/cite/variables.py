"""The CSL 1.0.2 vocabulary (item types and variables) and where each lives in a source.

A source keeps the journalism fields in columns (title, outlet, place, date, address,
language, interview medium); every other CSL variable is kept as given in
``sources.csl_variables`` and its people in ``source_names``. Which CSL variable the outlet
and the place stand for depends on the item type: the newspaper an article appeared in is its
``container-title``, the network that aired a broadcast its ``publisher``, the meeting where a
speech was given its ``event-title``.
"""

from __future__ import annotations

TYPES = (
    "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book", "broadcast",
    "chapter", "classic", "collection", "dataset", "document", "entry", "entry-dictionary",
    "entry-encyclopedia", "event", "figure", "graphic", "hearing", "interview", "legal_case", "legislation",
    "manuscript", "map", "motion_picture", "musical_score", "pamphlet", "paper-conference", "patent",
    "performance", "periodical", "personal_communication", "post", "post-weblog", "regulation", "report",
    "review", "review-book", "software", "song", "speech", "standard", "thesis", "webpage",
)
STANDARD = (
    "abstract", "annote", "archive", "archive_collection", "archive_location", "archive-place", "authority",
    "call-number", "citation-key", "citation-label", "collection-title", "container-title",
    "container-title-short", "dimensions", "division", "DOI", "event", "event-title", "event-place", "genre",
    "ISBN", "ISSN", "jurisdiction", "keyword", "language", "license", "medium", "note", "original-publisher",
    "original-publisher-place", "original-title", "part-title", "PMCID", "PMID", "publisher", "publisher-place",
    "references", "reviewed-genre", "reviewed-title", "scale", "source", "status", "title", "title-short", "URL",
    "volume-title", "year-suffix",
)
NUMBER = (
    "chapter-number", "citation-number", "collection-number", "edition", "first-reference-note-number", "issue",
    "locator", "number", "number-of-pages", "number-of-volumes", "page", "page-first", "part-number",
    "printing-number", "section", "supplement-number", "version", "volume",
)
DATE = ("accessed", "available-date", "event-date", "issued", "original-date", "submitted")
NAME = (
    "author", "chair", "collection-editor", "compiler", "composer", "container-author", "contributor", "curator",
    "director", "editor", "editorial-director", "executive-producer", "guest", "host", "illustrator",
    "interviewer", "narrator", "organizer", "original-author", "performer", "producer", "recipient",
    "reviewed-author", "script-writer", "series-creator", "translator",
)

# The kind of source each CSL type is; a type not listed is "other" (its CSL type is kept).
KIND_FROM_TYPE = {
    "article-newspaper": "article", "article-magazine": "article", "article-journal": "article",
    "article": "article", "webpage": "article", "post-weblog": "article", "periodical": "article",
    "interview": "interview", "speech": "speech", "broadcast": "broadcast", "motion_picture": "broadcast",
    "post": "social_post", "report": "document", "document": "document", "legislation": "document",
    "legal_case": "document", "bill": "document", "regulation": "document", "hearing": "document",
    "standard": "document", "pamphlet": "document", "manuscript": "document",
    "personal_communication": "email", "podcast": "podcast",
}
_CONTAINER_TYPES = {
    "article", "article-journal", "article-magazine", "article-newspaper", "chapter", "entry", "entry-dictionary",
    "entry-encyclopedia", "interview", "paper-conference", "periodical", "personal_communication", "podcast",
    "post", "post-weblog", "review", "review-book", "webpage",
}
_EVENT_TYPES = {"speech", "event", "performance"}
# Where words were said belongs to the event for spoken sources, to the publisher otherwise.
_EVENT_PLACE_TYPES = {"speech", "interview", "broadcast", "event", "performance"}


def outlet_variable(ctype: str) -> str:
    """The CSL variable the source's outlet stands for in an item of type ``ctype``."""
    if ctype in _CONTAINER_TYPES:
        return "container-title"
    return "event-title" if ctype in _EVENT_TYPES else "publisher"


def place_variable(ctype: str) -> str:
    """The CSL variable the source's place stands for in an item of type ``ctype``."""
    return "event-place" if ctype in _EVENT_PLACE_TYPES else "publisher-place"


def kind_for(ctype: str, genre: str = "") -> str:
    """The kind of source an item of CSL type ``ctype`` is (a speech called a press conference is one)."""
    kind = KIND_FROM_TYPE.get(ctype, "other")
    return "press_conference" if kind == "speech" and "press" in genre.lower() else kind


def derived_type(kind: str, *, url: str = "", outlet: str = "") -> str:
    """The CSL type Zotero gives a source of ``kind`` that has no type of its own."""
    if kind == "article":
        return "webpage" if url and not outlet else "article-newspaper"
    if kind in ("speech", "press_conference"):
        return "speech"
    if kind == "social_post":
        return "post"
    if kind == "document":
        return "report" if outlet else "document"
    if kind == "email":
        return "personal_communication"
    if kind in ("interview", "broadcast", "podcast"):
        return kind
    return "webpage" if url else "document"


def effective_type(kind: str, stored: str | None, *, url: str = "", outlet: str = "") -> str:
    """The source's CSL type: the one it came with while it still fits its kind, else derived."""
    if stored and KIND_FROM_TYPE.get(stored, "other") == ("speech" if kind == "press_conference" else kind):
        return stored
    return derived_type(kind, url=url, outlet=outlet)


def column_variables(column: str, ctype: str) -> tuple[str, ...]:
    """The CSL variables a source column stands for (editing the column replaces them)."""
    return {"title": ("title",), "outlet": (outlet_variable(ctype),), "place": (place_variable(ctype),),
            "date": ("issued",), "date_end": ("issued",), "accessed": ("accessed",), "url": ("URL",),
            "language": ("language",), "medium": ("medium",)}.get(column, ())
