"""Hostile input: nothing escapes the parsers, importers and exporters but the project's own errors.

Every target runs thousands of generated cases in CI (fewer for the heavy ones), the same ones
each time; set ``VERBATIM_FUZZ_SCALE=5`` (as ``bench/reliability.py`` does) for a longer run
over new cases. Exports must
stay valid files of their format: each is parsed back.
"""

import csv
import io
import json
import os
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qtapp.core.dates import PartialDate, parse_date
from qtapp.core.errors import VerbatimError
from qtapp.core.library import Library

SCALE = float(os.environ.get("VERBATIM_FUZZ_SCALE", "1"))
# CI runs the same cases every time, so a red run is reproducible and never a coin toss; a
# longer run (VERBATIM_FUZZ_SCALE set) explores new ones.
EXPLORE = "VERBATIM_FUZZ_SCALE" in os.environ
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def examples(n: int) -> settings:
    return settings(max_examples=max(1, int(n * SCALE)), deadline=None, derandomize=not EXPLORE,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


# Pieces that have broken parsers and readers before: formula starters, markup, format keywords.
NASTY = ["=cmd|' /C calc'!A0", "+1", "-2", "@SUM(A1)", "\t", "\r", "\r\n", "\x00", "\u202e", "\ufeff",
         "<script>alert(1)</script>", "<b>", "&amp;", "]]>", "{", "}", "\\", "@article{x,", "TY  - JOUR",
         "ER  -", "\"", "'", "NEAR(", "AND", "OR", "NOT", "*", "^", ":", "speaker:", "tag:\"", "after:",
         "before:99999", "rule:", "2023-02-30", "31/31/31", "0000", "9" * 30, "é", "漢字", "🙂", " ", "\n"]
hostile = st.one_of(
    st.text(max_size=60),
    st.lists(st.one_of(st.sampled_from(NASTY), st.text(max_size=8)), max_size=8).map("".join),
)


def _only_our_errors(fn, *args, **kwargs):
    """Call ``fn``; a VerbatimError is an accepted refusal, anything else fails the test."""
    try:
        return fn(*args, **kwargs)
    except VerbatimError as e:
        assert str(e).strip(), "an error with no message for the user"
        return None


# -- pure parsers -------------------------------------------------------------------------------

@examples(2000)
@given(text=hostile, order=st.sampled_from(["month-first", "day-first"]))
def test_fuzz_parse_date(text, order):
    date = _only_our_errors(parse_date, text, order=order)
    if date is not None:
        assert isinstance(date, PartialDate)
        assert PartialDate.from_iso(date.iso) == date  # what is stored reads back the same


@examples(2000)
@given(text=hostile)
def test_fuzz_parse_search(text):
    from qtapp.core.search import parse_search, search_problems

    query = parse_search(text)  # documented never to raise
    assert all(isinstance(p, str) for p in search_problems(text))
    assert query is not None


@pytest.fixture(scope="module")
def hostile_library():
    with tempfile.TemporaryDirectory() as tmp:
        lib = Library(Path(tmp) / "fuzz.verbatim", backups=False)
        speaker = lib.speakers.add("Petra Yilmaz", aliases=["Yilmaz"])
        source = lib.sources.add("interview", "Harbour talk", text="The ferry will run all winter.",
                                 url="https://harbour.example/talk")   # its link is markup a benign export has
        lib.quotes.add("The ferry will run all winter.", speaker, source_id=source, tags=["ferry"])
        yield lib
        lib.close()


@examples(300)
@given(text=hostile)
def test_fuzz_search_runs_against_a_library(hostile_library, text):
    from qtapp.core.search import parse_search

    # FTS5 has its own query syntax: the user's words must never reach it raw.
    _only_our_errors(hostile_library.quotes.page, parse_search(text), limit=5)
    _only_our_errors(hostile_library.quotes.count, parse_search(text))


# -- importers ----------------------------------------------------------------------------------

def _document_suffixes():
    from qtapp.core.files import DOCUMENT_SUFFIXES

    return DOCUMENT_SUFFIXES


@examples(150)
@given(data=st.data())
def test_fuzz_read_document(data):
    from qtapp.core.importers import SourceDraft, read_document

    suffix = data.draw(st.sampled_from(_document_suffixes()))
    if data.draw(st.booleans()):
        content = data.draw(hostile).encode("utf-8", "surrogatepass")
    else:
        content = data.draw(st.binary(max_size=400))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"doc{suffix}"
        path.write_bytes(content)
        draft = _only_our_errors(read_document, path)
    if draft is not None:
        assert isinstance(draft, SourceDraft)


@examples(150)
@given(text=hostile, title=hostile)
def test_fuzz_source_from_text(hostile_library, text, title):
    from qtapp.core.importers import source_from_text

    source_id = _only_our_errors(source_from_text, hostile_library, text, title=title)
    if source_id is not None:
        assert hostile_library.sources.get(source_id) is not None


@examples(200)
@given(data=st.data())
def test_fuzz_reference_readers(data):
    from qtapp.core.formats.registry import IMPORT_FORMATS, read_import_text

    name = data.draw(st.sampled_from(IMPORT_FORMATS))
    text = data.draw(st.one_of(hostile, st.sampled_from([
        "@article{k, title={", "TY  - JOUR\nTI  - ", '[{"type": "article", "title": ', '{"format": "verbatim"',
        "[]", "{}", "null", '[{"author": [{"family": null}]}]', "@misc{,}", "TY  - \nER  - \n",
    ]).flatmap(lambda start: hostile.map(lambda rest: start + rest))))
    _only_our_errors(read_import_text, text, name)


# -- exporters ----------------------------------------------------------------------------------

class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)


def _html_tags(text: str) -> set[str]:
    parser = _Tags()
    parser.feed(text)
    parser.close()
    return parser.tags


def _export(lib, name, quote_id):
    from qtapp.core.formats.registry import FORMATS, export_to_stream
    from qtapp.core.formats.selection import Selection

    out = io.BytesIO() if FORMATS[name].binary else io.StringIO(newline="")
    _only_our_errors(export_to_stream, lib, name, Selection(quote_ids=(quote_id,)), out)
    return out.getvalue()


def _check_valid(lib, name: str, data, benign_html_tags: set[str]) -> None:
    from qtapp.core.formats.registry import read_import_text

    if name in ("csl-json", "native"):
        json.loads(data)
    elif name in ("bibtex", "ris"):
        read_import_text(data, name)  # our own reader must take back what we wrote
    elif name == "sheet-html":
        assert _html_tags(data) <= benign_html_tags, "library text became HTML markup"
    elif name == "sheet-csv":
        for row in csv.reader(io.StringIO(data)):
            for cell in row:
                assert not cell.startswith(_FORMULA_STARTS), f"formula cell {cell!r}"
    elif name == "sheet-docx":
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            ET.fromstring(z.read("word/document.xml"))


def _export_formats():
    from qtapp.core.formats.registry import FORMATS

    return list(FORMATS)


def test_a_lone_brace_keeps_the_bibtex_export_readable(hostile_library):
    # Found by the fuzz test below: a "{" in a source's address made the .bib unreadable.
    lib = hostile_library
    source = lib.sources.add("article", "Quay notes", url="https://quay.example/{")
    quote = lib.quotes.add("The quay needs repair.", 1, source_id=source, said="2024-05-01")
    _check_valid(lib, "bibtex", _export(lib, "bibtex", quote), set())


@pytest.mark.parametrize("fmt", _export_formats())
@examples(25)
@given(words=hostile, name=hostile, title=hostile, context=hostile, outlet=hostile, url=hostile)
def test_fuzz_every_export_stays_a_valid_file(hostile_library, fmt, words, name, title, context, outlet, url):
    lib = hostile_library
    benign = lib.db.execute("SELECT min(id) FROM quotes").fetchone()[0]
    benign_tags = _html_tags(_export(lib, "sheet-html", benign))
    speaker = _only_our_errors(lib.speakers.add, name) or 1
    # The address is checked when stored: what a hostile one can carry is in its path.
    source = _only_our_errors(lib.sources.add, "article", title, outlet=outlet, url="https://quay.example/" + url,
                              text=words)
    quote = _only_our_errors(lib.quotes.add, "=" + words, speaker, source_id=source, context=context,
                             said="2024-05-01")
    if quote is not None:
        _check_valid(lib, fmt, _export(lib, fmt, quote), benign_tags)
