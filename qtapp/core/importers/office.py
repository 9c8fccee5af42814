"""Word (.docx) and PDF documents: their text, title, authors and date."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from ..dates import PartialDate
from ..errors import ImportFailed
from ..files import MAX_IMPORT_BYTES
from ..names import parse_names
from .draft import SourceDraft
from .plain import title_from_text
from .rawdata import tidy_text


def read_docx(data: bytes, *, name: str) -> SourceDraft:
    """The paragraphs and tables of a Word document, in reading order, with its properties.

    :raises ImportFailed: not a Word document, or damaged.
    """
    import docx  # python-docx; imported here so that reading text files does not load it

    _check_docx_archive(data, name)
    try:
        document = docx.Document(io.BytesIO(data))
        blocks = [_block_text(item) for item in document.iter_inner_content()]
        props = document.core_properties
    except Exception as e:  # noqa: BLE001 - python-docx and lxml raise many kinds on damaged files
        raise ImportFailed(f"{name} is a damaged Word document ({type(e).__name__}). "
                           "Open it in Word or LibreOffice, save it again, and import the new copy.") from None
    text = tidy_text("\n\n".join(b for b in blocks if b.strip())).strip()
    return SourceDraft(kind="document", title=" ".join((props.title or "").split()) or title_from_text(text),
                       authors=parse_names(props.author or ""), date=_date(props.created),
                       language=props.language or "", text=text)


def _check_docx_archive(data: bytes, name: str) -> None:
    """Refuse a zip that is not a Word document, or whose text would expand past the limit."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = {i.filename: i for i in archive.infolist()}
    except zipfile.BadZipFile:
        raise ImportFailed(f"{name} is not a Word document (it is not a .docx archive). If it is an old "
                           ".doc file, open it in Word or LibreOffice and save it as .docx.") from None
    if "word/document.xml" not in infos:
        raise ImportFailed(f"{name} is a zip archive, but not a Word document. "
                           "Unpack it and import the documents inside.")
    # A tiny .docx can unpack to gigabytes (a "zip bomb"): its declared size is checked first.
    if sum(i.file_size for i in infos.values()) > 4 * MAX_IMPORT_BYTES:
        raise ImportFailed(f"{name} unpacks to more than {4 * MAX_IMPORT_BYTES // 1024 // 1024} MB. "
                           "Split the document into smaller files.")


def _block_text(item) -> str:
    if hasattr(item, "rows"):  # a table: one line per row, cells separated by tabs
        return "\n".join("\t".join(cell.text for cell in row.cells) for row in item.rows)
    return item.text


def read_pdf(data: bytes, *, name: str) -> SourceDraft:
    """The text layer of a PDF, page by page, with its title, author and creation date.

    :raises ImportFailed: encrypted, damaged, or scanned without a text layer.
    """
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise FileNotDecryptedError("password")
        pages = [page.extract_text() or "" for page in reader.pages]
        meta = reader.metadata or {}
        title, author = meta.get("/Title") or "", meta.get("/Author") or ""
        created = reader.metadata.creation_date if reader.metadata else None
    except FileNotDecryptedError:
        raise ImportFailed(f"{name} is protected by a password. Open it, save an unprotected copy, "
                           "and import that.") from None
    except Exception as e:  # noqa: BLE001 - damaged PDFs raise many kinds inside pypdf
        raise ImportFailed(f"{name} is a damaged PDF ({type(e).__name__}). "
                           "Open it in a PDF reader, save or print it to a new PDF, and import that.") from None
    text = tidy_text("\n\n".join(p.strip() for p in pages if p.strip())).strip()
    if not text:
        raise ImportFailed(f"{name} has no text layer: it is probably a scan. Run it through text recognition "
                           "(OCR) first, or type the passages you need.")
    return SourceDraft(kind="document", title=" ".join(str(title).split()) or title_from_text(text),
                       authors=parse_names(str(author)), date=_date(created), text=text)


def _date(moment) -> PartialDate | None:
    if isinstance(moment, dt.datetime) and moment.year >= 1000:
        return PartialDate(moment.year, moment.month, moment.day)
    return None
