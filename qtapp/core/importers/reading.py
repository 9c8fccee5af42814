"""One entry point for every kind of source file or address: :func:`read_document`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..dates import PartialDate
from ..errors import ImportFailed, VerbatimError
from ..files import DOCUMENT_SUFFIXES
from ..sniffing import sniff
from .draft import SourceDraft
from .fetch import fetch, is_address
from .office import read_docx, read_pdf
from .pages import read_html
from .plain import read_markdown, read_plain
from .rawdata import decode_text, not_text_message, read_file, suffix_of
from .subtitles import read_srt, read_vtt
from .timed_text import read_timed

_FORMAT_OF_SUFFIX = {"txt": "text", "text": "text", "md": "markdown", "markdown": "markdown", "html": "html",
                     "htm": "html", "xhtml": "html", "docx": "docx", "pdf": "pdf", "srt": "srt", "vtt": "vtt"}
_FORMAT_OF_MEDIA_TYPE = {"text/html": "html", "application/xhtml+xml": "html", "application/pdf": "pdf",
                         "text/plain": "text", "text/markdown": "markdown", "text/vtt": "vtt",
                         "application/x-subrip": "srt", "text/srt": "srt",
                         "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx"}
# What a sniffed content is called in a message, and which formats may hold it.
_CONTENT_NAMES = {"pdf": "a PDF", "zip": "a zip archive (such as a Word document)", "html": "a web page (HTML)",
                  "binary": "binary data, not text", "vtt": "a WebVTT transcript", "srt": "an SRT transcript"}
_COMPATIBLE = {"pdf": {"pdf"}, "zip": {"docx"}, "html": {"html"}, "vtt": {"vtt", "text"}, "srt": {"srt", "text"},
               "binary": set()}
_FORMAT_NAMES = {"text": "text", "markdown": "Markdown", "html": "a web page", "docx": "a Word document",
                 "pdf": "a PDF", "srt": "an SRT transcript", "vtt": "a WebVTT transcript"}
_SUFFIX_FOR = {"pdf": ".pdf", "zip": ".docx", "html": ".html", "vtt": ".vtt", "srt": ".srt"}


def read_document(path_or_url: str | Path, *, timeout: float = 10) -> SourceDraft:
    """Read a file or an http(s) address into a :class:`SourceDraft`, without touching any library.

    ::

        draft = read_document("interview.vtt")
        draft.kind, draft.cues[0]      # 'interview', Cue(char_start=0, char_end=41, time_start=1.0, ...)

    :param path_or_url: a path to a .txt, .md, .html, .docx, .pdf, .srt or .vtt file, or an
        http(s) address of a page or document.
    :param timeout: seconds to wait for a server to answer.
    :raises ImportFailed: unreadable, too large, unsupported, not what its name says, offline.
    """
    origin = str(path_or_url)
    if is_address(origin):
        fetched = fetch(origin, timeout=timeout)
        declared = _FORMAT_OF_MEDIA_TYPE.get(fetched.content_type) or _FORMAT_OF_SUFFIX.get(
            suffix_of(fetched.url.split("?")[0]), "html")
        draft = _read_bytes(fetched.data, name=fetched.url, declared=declared, url=fetched.url)
        draft.url = draft.url or fetched.url
        today = dt.date.today()
        draft.accessed = PartialDate(today.year, today.month, today.day)
    else:
        path = Path(path_or_url).expanduser()
        declared = _FORMAT_OF_SUFFIX.get(suffix_of(path.name))
        if declared is None:
            raise ImportFailed(f"Verbatim cannot import {path.name}: files ending in "
                               f"“{path.suffix or '(nothing)'}” are not supported. Use "
                               f"{', '.join(DOCUMENT_SUFFIXES)}.")
        draft = _read_bytes(read_file(path), name=path.name, declared=declared)
        if not draft.title:
            draft.title = path.stem
    draft.origin = origin
    return draft


def _read_bytes(data: bytes, *, name: str, declared: str, url: str = "") -> SourceDraft:
    """Read bytes that claim to be ``declared``, first checking that they are."""
    content = sniff(data)
    if declared == "text" and content in ("srt", "vtt"):
        declared = content  # a transcript saved as .txt keeps its timestamps
    if url and content in _SUFFIX_FOR:
        declared = _FORMAT_OF_SUFFIX[_SUFFIX_FOR[content][1:]]  # servers mislabel; what arrived decides
    if content is not None and declared not in _COMPATIBLE[content]:
        if content == "binary":
            raise ImportFailed(not_text_message(name))
        better = _SUFFIX_FOR.get(content, "")
        raise ImportFailed(f"{name} is not what its name says: it is really {_CONTENT_NAMES[content]}. "
                           + (f"Rename it to end in {better} and import it again." if better and not url
                              else "Save it from its program in a supported format and import that."))
    if declared in ("pdf", "docx") and content is None:
        raise ImportFailed(f"{name} is not a {declared.upper()} file: it contains plain text. "
                           "Rename it to end in .txt and import it again.")
    try:
        draft = _READERS[declared](data, name, url)
    except VerbatimError:
        raise
    except Exception as e:  # noqa: BLE001 - a parser's surprise on odd input must become a message, not a crash
        raise ImportFailed(f"{name} could not be read as {_FORMAT_NAMES[declared]} ({type(e).__name__}). "
                           "Open it in its program, save a fresh copy, and import that.") from None
    if not draft.text.strip():
        raise ImportFailed(f"{name} is empty: there is no text in it to import.")
    return draft


def _text_reader(parse):
    return lambda data, name, url: parse(decode_text(data, name), name)


_READERS = {
    # A .txt may be a transcript exported by Otter.ai, Trint or Descript, or typed with [hh:mm:ss] marks.
    "text": _text_reader(lambda text, name: read_timed(text, name=name) or read_plain(text)),
    "markdown": _text_reader(lambda text, name: read_markdown(text)),
    "srt": _text_reader(lambda text, name: read_srt(text, name=name)),
    "vtt": _text_reader(lambda text, name: read_vtt(text, name=name)),
    "html": lambda data, name, url: read_html(data, name=name, url=url),
    "docx": lambda data, name, url: read_docx(data, name=name),
    "pdf": lambda data, name, url: read_pdf(data, name=name),
}
