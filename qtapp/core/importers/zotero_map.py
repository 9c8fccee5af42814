"""Zotero's item fields, creator roles and item types as CSL, the way Zotero maps them for citations.

The tables follow the CSL mappings of Zotero's published schema (``csl`` in zotero-schema's
``schema.json``): a type-specific field (a broadcast's ``network``, a report's ``institution``)
maps like the base field it stands for. Fields with no CSL variable are kept under
``custom.zotero`` so nothing of an item is dropped.
"""

from __future__ import annotations

import re

TYPES = {
    "newspaperArticle": "article-newspaper", "magazineArticle": "article-magazine",
    "journalArticle": "article-journal", "webpage": "webpage", "blogPost": "post-weblog", "forumPost": "post",
    "radioBroadcast": "broadcast", "tvBroadcast": "broadcast", "podcast": "song", "presentation": "speech",
    "interview": "interview", "report": "report", "document": "document", "letter": "personal_communication",
    "email": "personal_communication", "instantMessage": "personal_communication", "book": "book",
    "bookSection": "chapter", "film": "motion_picture", "videoRecording": "motion_picture", "audioRecording": "song",
    "statute": "legislation", "case": "legal_case", "bill": "bill", "hearing": "bill", "thesis": "thesis",
    "manuscript": "manuscript", "conferencePaper": "paper-conference", "encyclopediaArticle": "entry-encyclopedia",
    "dictionaryEntry": "entry-dictionary", "artwork": "graphic", "map": "map", "patent": "patent",
    "computerProgram": "software", "preprint": "article", "dataset": "dataset", "standard": "standard",
}
# Items that are not references: they are read as the notes and texts of their parents.
NOT_REFERENCES = ("note", "attachment", "annotation")

_FIELDS = {
    "abstract": "abstractNote", "archive": "archive", "archive_location": "archiveLocation",
    "authority": "authority court legislativeBody issuingAuthority", "call-number": "callNumber applicationNumber",
    "chapter-number": "session", "collection-number": "seriesNumber", "collection-title": "seriesTitle series",
    "container-title": "publicationTitle reporter code bookTitle websiteTitle forumTitle programTitle "
                       "proceedingsTitle blogTitle encyclopediaTitle dictionaryTitle",
    "container-title-short": "journalAbbreviation", "dimensions": "artworkSize runningTime", "DOI": "DOI",
    "edition": "edition", "event-title": "meetingName conferenceName", "genre": "type genre letterType "
    "manuscriptType mapType presentationType postType websiteType reportType thesisType", "ISBN": "ISBN",
    "ISSN": "ISSN", "issue": "issue priorityNumbers", "language": "language", "license": "rights",
    "medium": "medium interviewMedium audioRecordingFormat videoRecordingFormat audioFileType artworkMedium system",
    "note": "extra", "number": "number reportNumber billNumber episodeNumber patentNumber docketNumber "
    "publicLawNumber documentNumber", "number-of-pages": "numPages", "number-of-volumes": "numberOfVolumes",
    "page": "pages firstPage codePages", "publisher": "publisher network label distributor institution "
    "university studio company", "references": "history references", "section": "section committee",
    "source": "libraryCatalog", "status": "legalStatus", "title": "title caseName subject nameOfAct",
    "title-short": "shortTitle", "URL": "url", "version": "versionNumber",
    "volume": "volume codeVolume reporterVolume", "issued": "date dateDecided issueDate dateEnacted",
    "accessed": "accessDate", "submitted": "filingDate",
}
FIELDS = {zotero: csl for csl, names in _FIELDS.items() for zotero in names.split()}
DATE_FIELDS = {"issued", "accessed", "submitted"}

CREATORS = {
    "author": "author", "contributor": "contributor", "editor": "editor", "seriesEditor": "collection-editor",
    "translator": "translator", "bookAuthor": "container-author", "reviewedAuthor": "reviewed-author",
    "interviewer": "interviewer", "director": "director", "producer": "producer",
    "executiveProducer": "executive-producer", "castMember": "performer", "guest": "guest", "host": "host",
    "composer": "composer", "recipient": "recipient", "narrator": "narrator", "illustrator": "illustrator",
    "scriptwriter": "script-writer", "performer": "performer", "organizer": "organizer", "chair": "chair",
    "curator": "curator", "compiler": "compiler",
    # The main creator of a type under its own name is its author, as Zotero cites it.
    "interviewee": "author", "podcaster": "author", "presenter": "author", "cartographer": "author",
    "artist": "author", "programmer": "author", "inventor": "author", "sponsor": "author",
}

_SQL_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?: (.*))?$")


def date(value: str) -> dict | None:
    """A Zotero date ("2024-03-05 March 5, 2024", "2024-00-00 2024", "0000-00-00 Spring") as a CSL date."""
    text = (value or "").strip()
    found = _SQL_DATE.match(text)
    if not found:
        return {"literal": text} if text else None
    parts = [int(p) for p in found.groups()[:3]]
    if parts[0] == 0:
        return {"literal": found.group(4)} if found.group(4) else None
    while parts and parts[-1] == 0:
        parts.pop()
    return {"date-parts": [parts]}


def creator(first: str | None, last: str | None, field_mode: int | None) -> dict:
    """A Zotero creator as a CSL name: one-field names (bodies) are literal."""
    if field_mode == 1:
        return {"literal": last or ""}
    return {"family": last or "", "given": first} if first else {"family": last or ""}
