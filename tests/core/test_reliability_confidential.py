"""A confidential speaker's name never leaves the library: exports, reports, copy, attribution, logs.

The native format is the one exception, on purpose: a complete private copy of the library
(marked ``"private": true``), like a backup, so it is not a publication format.
"""

import contextlib
import io
import logging
import zipfile

import pytest

from qtapp.core.attribution import attribution_line
from qtapp.core.checks.report import report_html, report_markdown
from qtapp.core.checks.runner import check_quotes
from qtapp.core.copying import copy_quotes
from qtapp.core.errors import VerbatimError
from qtapp.core.formats.registry import FORMATS, export_to_stream
from qtapp.core.formats.selection import Selection

SECRET_NAMES = ("Zebulon Quarrington", "Quarrington", "Zeb Q.")
PUBLICATION_FORMATS = [name for name in FORMATS if name != "native"]


@pytest.fixture
def protected(library):
    lib = library
    secret = lib.speakers.add("Zebulon Quarrington", aliases=["Quarrington", "Zeb Q."],
                              description="an engineer at the port authority", confidential=True)
    open_ = lib.speakers.add("Lotte Amsel", description="harbour master")
    source = lib.sources.add("interview", "Talks at the quay", outlet="Harbour Gazette",
                             text="The cranes are unsafe in high wind. We stop work at force seven.")
    ids = [
        lib.quotes.add("The cranes are unsafe in high wind.", secret, source_id=source, said="2024-02-01",
                       tags=["cranes"]),
        lib.quotes.add("The cranes are unsafe in high wind.", secret, source_id=source, said="2024-02-01",
                       rule="background", rule_description="a port official", tags=["cranes"]),
        lib.quotes.add("We stop work at force seven.", open_, source_id=source, said="2024-02-01", tags=["cranes"]),
    ]
    return lib, ids


def _leaks(text: str) -> list[str]:
    return [name for name in SECRET_NAMES if name.lower() in text.lower()]


def _export_text(lib, name, selection):
    out = io.BytesIO() if FORMATS[name].binary else io.StringIO()
    export_to_stream(lib, name, selection, out)
    data = out.getvalue()
    if FORMATS[name].binary:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    return data


@pytest.mark.parametrize("name", PUBLICATION_FORMATS)
@pytest.mark.parametrize("selection", [Selection(), Selection(tag="cranes")], ids=["library", "tag"])
def test_no_export_names_a_confidential_speaker(protected, name, selection):
    lib, _ids = protected
    text = _export_text(lib, name, selection)
    assert not _leaks(text), f"{name} export names the confidential speaker"


def test_the_quote_sheet_still_carries_the_quote_with_its_description(protected):
    lib, _ids = protected
    text = _export_text(lib, "sheet-md", Selection())
    assert "The cranes are unsafe in high wind" in text  # protected, not simply dropped
    assert "port" in text  # the agreed description stands in for the name


def test_the_check_report_does_not_name_a_confidential_speaker(protected):
    lib, ids = protected
    check_quotes(lib, ids)
    for text in (report_markdown(lib), report_html(lib)):
        assert "The cranes are unsafe" in text
        assert not _leaks(text)


def test_copy_and_attribution_lines_do_not_name_a_confidential_speaker(protected):
    lib, ids = protected
    copied = copy_quotes(lib, ids, "attribution")   # what Copy puts on the clipboard
    copied.raise_if_refused()
    assert "The cranes are unsafe" in copied.plain_text
    assert not _leaks(copied.plain_text) and not _leaks(copied.html_text)
    for qid in ids:
        try:
            line = attribution_line(lib, qid)
        except VerbatimError as e:  # a refusal is fine; its message must not name the speaker either
            line = str(e)
        assert not _leaks(line)


def test_nothing_logged_names_a_confidential_speaker(protected, caplog):
    lib, ids = protected
    caplog.set_level(logging.DEBUG)
    for name in FORMATS:
        _export_text(lib, name, Selection())
    check_quotes(lib, ids)
    for qid in ids:
        with contextlib.suppress(VerbatimError):
            attribution_line(lib, qid)
    assert not _leaks(caplog.text)


def test_the_native_copy_is_marked_private(protected):
    lib, _ids = protected
    text = _export_text(lib, "native", Selection())
    assert '"private": true' in text
