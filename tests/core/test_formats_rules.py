"""Ground rules hold in every publication format: forbidden words and names never reach the bytes."""

import datetime as dt
import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qtapp.core.cite.engine import citeproc_js_path
from qtapp.core.formats.registry import FORMATS, export_to_stream
from qtapp.core.formats.selection import Selection
from qtapp.core.library import Library

NOW = dt.datetime(2024, 6, 1, 12, 0, tzinfo=dt.UTC)
PUBLICATION_FORMATS = [name for name in FORMATS if name != "native"]


def citation_engine_installed() -> bool:
    try:
        import py_mini_racer  # noqa: F401
    except ImportError:
        return False
    return citeproc_js_path() is not None


def output_text(lib, name, selection) -> str:
    """Everything a format wrote, as text; a .docx is unzipped and every part read."""
    fmt = FORMATS[name]
    if fmt.styled and not citation_engine_installed():
        pytest.skip("the citation engine (citeproc-js) is not installed")
    out = io.BytesIO() if fmt.binary else io.StringIO()
    export_to_stream(lib, name, selection, out, now=NOW)
    if not fmt.binary:
        return out.getvalue()
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as z:
        return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())


@pytest.fixture(scope="module")
def story(tmp_path_factory):
    """A story tagged "quay" with one quote under every rule, and what must never be printed.

    The tests only read it, so one library serves the whole module.
    """
    lib = Library(tmp_path_factory.mktemp("story") / "story.verbatim")
    named = lib.speakers.add("Tamsin Orrery", roles=[{"title": "Quay director", "start": "2020"}])
    hidden = lib.speakers.add("Hester Vantongeren", aliases=["Vantongeren"], description="a port clerk",
                              roles=[{"title": "Deputy harbourmaster", "start": "2019"}])
    secret = lib.speakers.add("Corwin Blackhale", confidential=True, description="a crane operator",
                              roles=[{"title": "Night foreman"}])
    talk = lib.sources.add("interview", "Evening call with Hester Vantongeren", date="2024-05-02",
                           url="https://notes.example/vantongeren")
    call = lib.sources.add("interview", "Cab conversation", date="2024-05-03")
    paper = lib.sources.add("article", "Quay strike looms", outlet="Lenmouth Gazette", date="2024-05-04",
                            url="https://gazette.example/quay")
    profile = lib.sources.add("article", "Vantongeren keeps her counsel", outlet="Shore News", date="2024-05-05")
    add = lib.quotes.add
    add("The quay reopens on Monday.", named, source_id=paper, said="2024-05-04", tags=["quay"])
    add("Wages were frozen in secret.", hidden, source_id=talk, said="2024-05-02", tags=["quay"],
        rule="background", rule_description="an official at the port", context="Vantongeren asked twice")
    add("Overtime is banned from July.", hidden, source_id=profile, said="2024-05-05", tags=["quay"],
        rule="background", rule_description="an official at the port")
    add("The minister phoned the union at midnight.", hidden, source_id=talk, tags=["quay"], rule="deep_background")
    add("We will sell the eastern berth.", named, source_id=paper, tags=["quay"], rule="off_record")
    add("Tonnage fell by a third.", named, source_id=paper, tags=["quay"], rule="embargoed",
        embargo_until="2024-07-01T09:00+00:00")
    add("Dredging starts in June.", named, source_id=paper, tags=["quay"], rule="embargoed",
        embargo_until="2024-05-20T09:00+00:00")
    add("The cranes are unsafe at night.", secret, source_id=call, said="2024-05-03", tags=["quay"])
    forbidden = ["We will sell the eastern berth", "The minister phoned the union", "Tonnage fell by a third",
                 "Vantongeren", "Hester", "Deputy harbourmaster", "Corwin", "Blackhale", "Night foreman",
                 "Cab conversation", "Evening call",
                 *(lib.speakers.get(i).uuid for i in (hidden, secret))]
    yield lib, forbidden
    lib.close()


@pytest.mark.parametrize("name", PUBLICATION_FORMATS)
@pytest.mark.parametrize("selection", [Selection(tag="quay"), Selection(), Selection(quote_ids=tuple(range(1, 9)))],
                         ids=["story", "library", "chosen"])
def test_forbidden_words_and_names_never_appear(story, name, selection):
    lib, forbidden = story
    text = output_text(lib, name, selection)
    leaks = [f for f in forbidden if f.casefold() in text.casefold()]
    assert leaks == []


@pytest.mark.parametrize("name", [n for n in PUBLICATION_FORMATS if FORMATS[n].is_sheet])
def test_sheets_still_carry_what_may_be_published(story, name):
    lib, _ = story
    text = output_text(lib, name, Selection(tag="quay"))
    for expected in ("The quay reopens on Monday", "Tamsin Orrery", "Quay director",
                     "Wages were frozen in secret", "an official at the port", "Overtime is banned",
                     "The cranes are unsafe at night", "a crane operator", "Dredging starts in June"):
        assert expected in text


@pytest.mark.parametrize("name", ["csl-json", "bibtex", "ris", "bibliography"])
def test_reference_formats_list_the_public_source(story, name):
    lib, _ = story
    assert "Quay strike looms" in output_text(lib, name, Selection(tag="quay"))


def test_native_copy_is_complete_and_marked_private(story):
    lib, forbidden = story
    text = output_text(lib, "native", Selection())
    assert '"private": true' in text
    assert all(f in text for f in forbidden)


names = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=6, max_size=10).map(str.capitalize)
rules = st.sampled_from(["on_record", "background", "deep_background", "off_record", "embargoed"])


@settings(max_examples=15, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
# Distinct given names: a confidential speaker's name rightly withholds a quote by a namesake.
@given(quotes=st.lists(st.tuples(names, names, rules, st.booleans()), min_size=1, max_size=5,
                       unique_by=lambda q: q[0]))
def test_any_mix_of_rules_leaks_nothing(tmp_path_factory, quotes):
    lib = Library(tmp_path_factory.mktemp("lib") / "l.verbatim")
    forbidden, allowed = [], []
    for n, (speaker, word, rule, confidential) in enumerate(quotes):
        # Each quote gets its own speaker, so a name is forbidden or allowed unambiguously (names
        # are words of letters: a digit would not tell two apart).
        person = f"Zq{speaker} Xv{'abcde'[n]}"
        sid = lib.speakers.add(person, confidential=confidential, description="a witness")
        words = f"Wk{word}{n} spoke."
        lib.quotes.add(words, sid, rule=rule, rule_description="a resident",
                       embargo_until="2030-01-01T00:00+00:00", tags=["t"])
        secret_words = rule in ("deep_background", "off_record", "embargoed")
        (forbidden if secret_words else allowed).append(words)
        (forbidden if secret_words or rule == "background" or confidential else allowed).append(person)
    for name in ("sheet-md", "sheet-html", "sheet-csv", "sheet-docx"):
        text = output_text(lib, name, Selection(tag="t"))
        assert [f for f in forbidden if f in text] == []
        assert [a for a in allowed if a not in text] == []
    lib.close()
