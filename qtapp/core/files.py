"""Files the library writes or reads on the user's behalf: safe names, safe cells, size limits.

::

    path = safe_filename("../../etc/Interview: Mayor?", Path("~/exports"), ".md")
    # ~/exports/etc Interview Mayor.md -- always inside the chosen folder
    check_size(Path("transcript.txt"))   # raises ImportFailed past MAX_IMPORT_BYTES
    csv_safe("=HYPERLINK(...)")          # "'=HYPERLINK(...)": shown, never run
    with replacing(Path("sheet.md")) as out:   # written whole, or not at all
        out.write(text)

A title comes from the library, and the library from whatever was imported, so a title is
treated as hostile: it can never name a path outside the folder the user chose, a hidden
file, a device name or a name too long for the disk.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from pathvalidate import sanitize_filename

from .errors import ImportFailed, InvalidInput

# Larger documents are refused rather than read: a transcript of a whole day is a few MB, and
# reading hundreds of MB into a text field would freeze the window and exhaust memory.
MAX_IMPORT_BYTES = 50 * 1024 * 1024
# The endings of the documents read as sources, everywhere one can be given: read_document,
# the import command, the window's Add Sources dialog and drag and drop.
DOCUMENT_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml", ".docx", ".pdf", ".srt", ".vtt")
# Bytes of the name before the suffix: well under the 255 most file systems allow, so that a
# " (2)" and a long suffix still fit.
MAX_NAME_BYTES = 120
FALLBACK_NAME = "untitled"
_SEPARATORS = re.compile(r"[/\\:\x00-\x1f\x7f]+")
_SPACES = re.compile(r"\s+")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_filename(title: str, folder: str | os.PathLike, suffix: str = "", *, unique: bool = False) -> Path:
    """A path inside ``folder`` whose name is built from ``title`` and can't leave it.

    Path separators, ``..``, control characters, characters Windows forbids, device names
    (``CON``, ``NUL``) and leading dots are removed; the name is cut to :data:`MAX_NAME_BYTES`
    bytes on a character boundary; an empty result becomes ``untitled``.

    :param suffix: appended as is after cleaning (``".csv"``); a missing dot is added.
    :param unique: if the name is taken, add " (2)", " (3)"... until it is free.
    :raises InvalidInput: the suffix itself is not a plain file extension.
    """
    folder = Path(folder).expanduser().resolve()
    suffix = _clean_suffix(suffix)
    stem = _clean_stem(title)
    path = folder / f"{stem}{suffix}"
    if unique:
        n = 2
        while path.exists():
            path = folder / f"{stem} ({n}){suffix}"
            n += 1
    # Defence in depth: whatever the cleaning above missed, the result stays in the folder.
    if path.parent != folder:
        raise InvalidInput(f"Cannot build a file name from {title!r}. Choose another title.")
    return path


@contextmanager
def replacing(path: str | os.PathLike, *, binary: bool = False) -> Iterator[IO]:
    """Write the file ``path`` whole or not at all: a stream to a new file that replaces it on success.

    Only an ordinary file is replaced (a link to one writes the file it points to); a device
    (``/dev/null``), a pipe, a socket or a folder is refused before anything is written, so that
    an export can never replace one. A failure or a cancel leaves ``path`` as it was.

    :raises InvalidInput: the target is not an ordinary file, its folder does not exist, or the
        disk refused the write (full, read-only, no permission).
    """
    path = writable_target(path)
    try:
        handle, temp = tempfile.mkstemp(prefix=".export-", suffix=path.suffix, dir=path.parent)
    except OSError as e:
        raise InvalidInput(f"Cannot write in {path.parent}: {e.strerror}. Choose another folder.") from None
    try:
        mode = {"mode": "wb"} if binary else {"mode": "w", "encoding": "utf-8", "newline": ""}
        with os.fdopen(handle, **mode) as out:
            yield out
        os.replace(temp, path)
    except OSError as e:  # a full disk, a folder in the way, no permission
        Path(temp).unlink(missing_ok=True)
        raise InvalidInput(f"Cannot write {path}: {e.strerror or e}. Choose another place to save.") from None
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def writable_target(path: str | os.PathLike) -> Path:
    """``path`` (the file a link points to, for a link) if Verbatim may write a file there.

    :raises InvalidInput: something other than an ordinary file is there, or the folder is missing.
    """
    given = Path(path).expanduser()
    path = given.resolve() if given.is_symlink() else given
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if given.is_symlink():
            raise InvalidInput(f"{given} is a link to {path}, which does not exist. "
                               "Choose a file name that is not a link.") from None
        if not path.parent.is_dir():
            raise InvalidInput(f"The folder {path.parent} does not exist. Choose another place to save.") from None
        return path
    except OSError as e:
        raise InvalidInput(f"Cannot write {given}: {e.strerror}. Choose another place to save.") from None
    if stat.S_ISREG(mode):
        return path
    raise InvalidInput(f"{given} is {_kind(mode)}, not a file: Verbatim saves only to files. "
                       "Choose another place to save.")


def _kind(mode: int) -> str:
    """What a path that is not an ordinary file is, for a message."""
    return ("a folder" if stat.S_ISDIR(mode) else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "a pipe" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "something else")


def input_name(item: str | os.PathLike) -> str:
    """How an input of an import is named in messages and lists: a file by its name, a web
    address whole ("notes.md", "https://example.org/story")."""
    item = str(item)
    return item if "://" in item else Path(item).name


def ordinary_file_size(path: str | os.PathLike) -> int:
    """The size of the ordinary file at ``path``, checked before it is opened: reading a pipe
    would wait forever, and a device such as ``/dev/zero`` never ends.

    :raises ImportFailed: missing, unreadable, or not an ordinary file (a folder, a device, a pipe).
    """
    path = Path(path)
    try:
        status = path.stat()
    except FileNotFoundError:
        raise ImportFailed(f"{path} does not exist. Check the name and try again.") from None
    except OSError as e:
        raise ImportFailed(f"Cannot read {path}: {e.strerror}.") from None
    if not stat.S_ISREG(status.st_mode):
        raise ImportFailed(f"{path} is {_kind(status.st_mode)}, not a file. Choose a file.")
    return status.st_size


def check_size(path: str | os.PathLike, limit: int = MAX_IMPORT_BYTES) -> int:
    """Return the size of the ordinary file at ``path``, refusing one larger than ``limit`` bytes.

    :raises ImportFailed: the file is too large, missing, unreadable or not an ordinary file.
    """
    path = Path(path)
    size = ordinary_file_size(path)
    if size > limit:
        raise ImportFailed(too_large_message(path.name, size, limit))
    return size


def too_large_message(name: str, size: int, limit: int = MAX_IMPORT_BYTES) -> str:
    """The message for a file or page ``name`` of ``size`` bytes, over ``limit``."""
    return (f"{name} is {size / 1_048_576:.0f} MB, more than the {limit / 1_048_576:.0f} MB Verbatim imports. "
            "Split it into smaller files, or import only the part you need.")


def csv_safe(value: object) -> str:
    """The text of a CSV cell that a spreadsheet will show, never run as a formula.

    A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula
    to Excel, LibreOffice and Sheets (``=HYPERLINK(...)`` can leak the sheet); a leading
    apostrophe makes it plain text, as OWASP's CSV injection advice says.
    """
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in _FORMULA_STARTS else text


def _clean_stem(title: str) -> str:
    text = unicodedata.normalize("NFC", str(title))
    text = _SEPARATORS.sub(" ", text)
    text = _SPACES.sub(" ", text).strip()
    # Windows rules everywhere: a library file moves between machines.
    text = sanitize_filename(text, platform="windows", replacement_text="")
    text = text.strip(" .")
    text = _cut_to_bytes(text, MAX_NAME_BYTES).rstrip(" .")
    # sanitize_filename appends "_" to a device name; cutting may bring one back ("NUL.").
    text = sanitize_filename(text, platform="windows", replacement_text="")
    return text or FALLBACK_NAME


def _clean_suffix(suffix: str) -> str:
    if not suffix:
        return ""
    if not suffix.startswith("."):
        suffix = "." + suffix
    if not re.fullmatch(r"\.[A-Za-z0-9]{1,10}(\.[A-Za-z0-9]{1,10})?", suffix):
        raise InvalidInput(f"{suffix!r} is not a file extension Verbatim can write. Use one like '.csv'.")
    return suffix


def _cut_to_bytes(text: str, limit: int) -> str:
    encoded = text.encode("utf-8")
    if len(encoded) <= limit:
        return text
    return encoded[:limit].decode("utf-8", errors="ignore")
