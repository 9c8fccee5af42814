"""The core checks addresses, Wikidata ids and source dates, whoever writes: the window, the CLI or an import."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qtapp.core.errors import ImportFailed, InvalidInput
from qtapp.core.formats.registry import apply_import, read_import_file
from qtapp.core.sources import checked_url
from qtapp.core.speakers import wikidata_id


@pytest.mark.parametrize("typed, expected", [("q42", "Q42"), ("https://www.wikidata.org/wiki/Q42", "Q42"),
                                             ("  Q7259 ", "Q7259"), ("", "")])
def test_wikidata_ids_are_read_from_ids_or_addresses(typed, expected):
    assert wikidata_id(typed) == expected


@given(st.integers(min_value=1, max_value=10**12), st.sampled_from(["", "https://www.wikidata.org/wiki/", "wd:/"]))
def test_every_wikidata_id_reads_back_as_itself(number, prefix):
    assert wikidata_id(f"{prefix}q{number}") == f"Q{number}"


def test_a_speaker_keeps_only_a_real_wikidata_id(library):
    sid = library.speakers.add("Ines Carvalho", wikidata="https://www.wikidata.org/wiki/q42")
    assert library.speakers.get(sid).wikidata == "Q42"
    with pytest.raises(InvalidInput, match="not a Wikidata id"):
        library.speakers.add("Rosa Lind", wikidata="Rosa Lind")
    with pytest.raises(InvalidInput, match="not a Wikidata id"):
        library.speakers.update(sid, wikidata="Q0")
    assert library.speakers.get(sid).wikidata == "Q42"
    assert [name for _id, name, _count in library.speakers.all()] == ["Ines Carvalho"]


@pytest.mark.parametrize("url", ["kestrelbay.example/seawall", "javascript:alert(1)", "https://"])
def test_an_address_that_is_not_one_is_refused_on_add_and_edit(library, url):
    with pytest.raises(InvalidInput, match="not a web address"):
        library.sources.add("article", "Seawall", url=url)
    sid = library.sources.add("article", "Seawall", url="  https://kestrelbay.example/seawall ")
    with pytest.raises(InvalidInput, match="not a web address"):
        library.sources.update(sid, url=url)
    assert library.sources.get(sid).url == "https://kestrelbay.example/seawall"
    assert len(library.sources.all()) == 1


@given(st.one_of(st.text(max_size=40), st.text(max_size=30).map("http://[".__add__),
                 st.text(max_size=30).map("https://".__add__)))
def test_an_address_is_kept_or_refused_with_a_reason_never_a_crash(typed):
    try:
        url = checked_url(typed)
    except InvalidInput as e:
        assert "is not a web address" in str(e)
    else:
        assert url == "" or url.split(":", 1)[0] in ("http", "https", "ftp", "file")


def test_an_end_date_needs_a_date_before_it(library):
    with pytest.raises(InvalidInput, match="end date but no date"):
        library.sources.add("speech", "Budget debate", date_end="2023-03-04")
    with pytest.raises(InvalidInput, match="before the date"):
        library.sources.add("speech", "Budget debate", date="2023-03-04", date_end="2023-03-01")
    sid = library.sources.add("speech", "Budget debate", date="2023-03-01", date_end="2023-03-04")
    with pytest.raises(InvalidInput, match="before the date"):   # checked against the date it keeps
        library.sources.update(sid, date_end="2023-02-27")
    with pytest.raises(InvalidInput, match="end date but no date"):
        library.sources.update(sid, date=None)
    library.sources.update(sid, title="Budget debate, day 2")
    assert library.sources.get(sid).date_end.iso == "2023-03-04"


def test_an_imported_reference_is_checked_as_a_typed_one(library, tmp_path):
    path = tmp_path / "refs.ris"
    path.write_text("TY  - NEWS\nTI  - Seawall vote\nUR  - kestrelbay.example/seawall\nER  - \n", encoding="utf-8")
    with pytest.raises(ImportFailed, match="not a web address"):
        apply_import(library, read_import_file(path))
    assert library.sources.all() == []


@pytest.mark.parametrize("name", ["", "   ", "\t\n"])
def test_a_speaker_without_a_name_is_refused_with_what_to_type(library, name):
    with pytest.raises(InvalidInput, match="Type the name they are best known by"):
        library.speakers.add(name)
    sid = library.speakers.add("Ines Carvalho")
    with pytest.raises(InvalidInput, match="Type the name they are best known by"):
        library.speakers.edit(sid, name=name)
    assert library.speakers.get(sid).name == "Ines Carvalho"
