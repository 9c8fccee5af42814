"""Rendering sources: formats, locators, styles a user adds, and clear failures."""

import pytest

from qtapp.core.cite import engine as engine_module
from qtapp.core.cite.engine import CitationEngineMissing, CiteprocJS
from qtapp.core.cite.render import cite_sources, locator_fields, render_bibliography, render_citations
from qtapp.core.cite.styles import load_style
from qtapp.core.errors import InvalidInput
from qtapp.core.transcripts import timestamp

from ..citation_engine import needs_engine

ITEM = {"id": "x", "type": "article-newspaper", "title": "Tide tables & the harbor",
        "container-title": "Estuary Weekly", "author": [{"family": "Quell", "given": "Mara"}],
        "issued": {"date-parts": [[2023, 6]]}}


@pytest.mark.parametrize("typed, fields", [
    ("12", {"locator": "12", "label": "page"}), ("12-14", {"locator": "12-14", "label": "page"}),
    ("14:32", {"locator": "14:32", "label": "timestamp"}), ("1:02:03", {"locator": "1:02:03", "label": "timestamp"}),
    ("  ", {}), (None, {}),
])
def test_locators_are_pages_or_times_in_a_recording(typed, fields):
    assert locator_fields(typed) == fields


@pytest.mark.parametrize("seconds, text", [(0, "0:00"), (872.9, "14:32"), (3723, "1:02:03")])
def test_timestamps_read_as_minutes_and_seconds(seconds, text):
    assert timestamp(seconds) == text


def test_unknown_style_and_format_say_what_to_use(tmp_path):
    with pytest.raises(InvalidInput, match="no citation style called"):
        load_style("no-such-style")
    not_csl = tmp_path / "notes.csl"
    not_csl.write_text("<html>not a style</html>")
    with pytest.raises(InvalidInput, match="not a CSL style"):
        load_style(str(not_csl))
    with pytest.raises(InvalidInput, match="text or html"):
        render_citations([ITEM], "apa", format="rtf")


def test_dependent_style_uses_its_parent():
    style = load_style("accounting-forum")
    assert "<citation" in style.xml and "en-US" in style.locales


def test_missing_engine_explains_how_to_install_it(monkeypatch):
    monkeypatch.setattr(engine_module, "citeproc_js_path", lambda: None)
    monkeypatch.setattr(CiteprocJS, "_instance", None)
    with pytest.raises(CitationEngineMissing, match="npm install"):
        render_citations([ITEM], "apa")


def test_damaged_engine_file_explains_how_to_reinstall(monkeypatch, tmp_path):
    broken = tmp_path / "citeproc_commonjs.js"
    broken.write_text("this is not javascript (")
    monkeypatch.setattr(engine_module, "citeproc_js_path", lambda: broken)
    monkeypatch.setattr(CiteprocJS, "_instance", None)
    with pytest.raises(CitationEngineMissing, match=r"could not be loaded.*npm install"):
        render_citations([ITEM], "apa")


@needs_engine
def test_html_keeps_italics_and_escapes_text():
    text, = render_citations([ITEM], "apa")
    html, = render_citations([ITEM], "apa", format="html")
    assert text.bibliography == "Quell, M. (2023, June). Tide tables & the harbor. Estuary Weekly."
    assert "<i>Estuary Weekly</i>" in html.bibliography and "&#38;" in html.bibliography


@needs_engine
def test_a_style_file_the_user_adds_renders_like_the_packaged_one(tmp_path):
    mine = tmp_path / "my-house-style.csl"
    mine.write_text(load_style("mla").xml, encoding="utf-8")
    ours, = render_citations([ITEM], str(mine), locator="7")
    packaged, = render_citations([ITEM], "mla", locator="7")
    assert ours == packaged and ours.citation_locator == "(Quell 7)"


@needs_engine
def test_note_style_gives_first_and_short_notes(library):
    sid = library.sources.add("article", "Tide tables", outlet="Estuary Weekly", names=[("author", "Mara Quell")])
    c, = cite_sources(library, [sid], "chicago-note-bibliography", locator="14:32")
    assert c.note.startswith("Mara Quell, “Tide Tables,”") and c.short_note == "Quell, “Tide Tables.”"
    assert "at 14:32" in c.citation_locator


@needs_engine
def test_items_from_elsewhere_with_uneven_ranges_still_render():
    item = {"id": "r", "type": "speech", "title": "Summit", "author": [{"family": "Calder", "given": "Ines"}],
            "issued": {"date-parts": [[2023, 11, 28], [2023, 12]]}}
    c, = render_citations([item], "apa")
    assert c.bibliography.startswith("Calder, I. (2023, November–December). Summit.")


@needs_engine
def test_bibliography_is_sorted_by_the_style_and_leaves_out_what_it_omits():
    items = [{"id": "z", "type": "article-newspaper", "title": "Zinc", "author": [{"family": "Zorn", "given": "Ada"}],
              "issued": {"date-parts": [[2020]]}},
             {"id": "e", "type": "personal_communication", "title": "Re: locks",
              "author": [{"family": "Holm", "given": "R"}]},
             ITEM]
    assert render_bibliography(items, "apa").splitlines() == [
        "Quell, M. (2023, June). Tide tables & the harbor. Estuary Weekly.", "Zorn, A. (2020). Zinc."]
    html = render_bibliography(items, "apa", format="html")
    assert html.startswith('<div class="csl-bib-body">') and html.count('class="csl-entry"') == 2


@needs_engine
def test_threads_share_the_engine_safely():
    from concurrent.futures import ThreadPoolExecutor

    items = [{**ITEM, "id": f"i{n}", "title": f"Tide tables {n}"} for n in range(6)]
    expected = [c.bibliography for c in render_citations(items, "apa")]
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: [c.bibliography for c in render_citations(items, "apa")], range(8)))
    assert results == [expected] * 8


@needs_engine
def test_zotero_options_capitalise_apa_subtitles_and_link_addresses():
    item = {"id": "s", "type": "report", "title": "Sediment and shipping: the annual review",
            "publisher": "Ministry of Canals", "issued": {"date-parts": [[2023]]}, "URL": "https://canals.example/r"}
    apa, = render_citations([item], "apa")
    assert "Sediment and shipping: The annual review" in apa.bibliography
    chicago, = render_citations([item], "chicago-author-date")
    assert "The Annual Review" in chicago.bibliography  # title case, its own rule
    html, = render_citations([item], "apa", format="html")
    assert '<a href="https://canals.example/r">' in html.bibliography
    assert load_style("apa").uppercase_subtitles and not load_style("mla").uppercase_subtitles


@needs_engine
def test_an_edited_source_is_cited_as_it_now_is(library):
    sid = library.sources.add("article", "Tide tables", outlet="Estuary Weekly", date="2023",
                              names=[("author", "Mara Quell")])
    assert cite_sources(library, [sid], "apa")[0].bibliography == "Quell, M. (2023). Tide tables. Estuary Weekly."
    library.sources.update(sid, title="Harbor plan", date="2024")
    c, = cite_sources(library, [sid], "apa")
    assert c.bibliography == "Quell, M. (2024). Harbor plan. Estuary Weekly."
    assert c.citation == "(Quell, 2024)"
