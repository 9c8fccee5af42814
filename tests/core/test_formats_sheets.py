"""Quote sheets: what an editor needs on them, safe in a spreadsheet and a browser, streamed with progress."""

import csv
import io

import pytest
from docx import Document

from qtapp.core.errors import Interrupted, InvalidInput
from qtapp.core.formats import sheet_rows
from qtapp.core.formats.registry import export_to_path, export_to_stream, suggested_path
from qtapp.core.formats.selection import Selection


@pytest.fixture
def story(library):
    lib = library
    mayor = lib.speakers.add("Rosalind Quarry", roles=[{"title": "Deputy mayor", "start": "2019", "end": "2022-06"},
                                                       {"title": "Mayor of Lenmouth", "start": "2022-07"}])
    src = lib.sources.add("broadcast", "Morning <b>show</b>", outlet="Radio Lenmouth", date="2021-03-04",
                          url="https://radio.example/show")
    paper = lib.sources.add("article", "Council votes", outlet="Shore News", date="2023-02-01")
    first = lib.quotes.add("We <script>alert(1)</script> will rebuild.", mayor, source_id=src, said="2021-03-04",
                           time_start=3725, time_end=3731, tags=["quay"])
    second = lib.quotes.add("=HYPERLINK(\"http://evil.example\") the budget holds.", mayor, source_id=paper,
                            said="2023-02-01", second_hand=True, via_outlet="Shore News", tags=["quay"])
    lib.db["findings"].insert({"quote_id": first, "check_name": "verbatim", "severity": "warning",
                               "message": "“rebuild” differs from the source's “repair”"})
    lib.db["quotes"].update(first, {"check_status": "warning"})
    return lib, first, second


def text_of(lib, name, selection=None):
    out = io.StringIO()
    selection = selection or Selection(tag="quay")
    export_to_stream(lib, name, selection, out)
    return out.getvalue()


def test_markdown_sheet_has_what_an_editor_signs_off(story):
    lib, _, _ = story
    text = text_of(lib, "sheet-md")
    assert "Rosalind Quarry, Deputy mayor" in text          # the title held on the day, not today's
    assert "Rosalind Quarry, Mayor of Lenmouth" in text
    assert "at 1:02:05–1:02:11" in text                   # where in the recording
    assert "Second-hand, via Shore News" in text
    assert "Thu 4 Mar 2021" in text and "https://radio.example/show" in text
    assert "Warning — Verbatim: “rebuild” differs" in text and "**Checks:** Warning" in text
    assert text.index("Deputy mayor") < text.index("Mayor of Lenmouth")  # in the order said
    assert "<script>" not in text and r"\<script\>" in text


def test_html_escapes_everything_from_the_library(story):
    lib, _, _ = story
    text = text_of(lib, "sheet-html")
    assert "<script>" not in text and "<b>show" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert '<a href="https://radio.example/show">' in text


def test_html_links_only_web_addresses(library):
    sid = library.speakers.add("Ned Hollis")
    with pytest.raises(InvalidInput, match="not a web address"):
        library.sources.add("article", "Odd link", url="javascript:alert(1)")
    src = library.sources.add("article", "Odd link")
    # A library written before addresses were checked may hold one: the export still never links it.
    library.db.execute("UPDATE sources SET url = 'javascript:alert(1)' WHERE id = ?", [src])
    library.db.conn.commit()
    library.quotes.add("Fine words.", sid, source_id=src)
    text = text_of(library, "sheet-html", Selection())
    assert "javascript:alert(1)" in text and "href=\"javascript" not in text


def test_csv_cells_never_run_as_formulas(story):
    lib, _, _ = story
    rows = list(csv.reader(io.StringIO(text_of(lib, "sheet-csv"))))
    header, body = rows[0], rows[1:]
    assert header[:3] == ["number", "quote_id", "words"]
    words = [r[header.index("words")] for r in body]
    assert words[1].startswith("'=HYPERLINK")
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for r in body for cell in r)


def test_docx_sheet_opens_and_holds_the_quotes(story, tmp_path):
    lib, _, _ = story
    path = tmp_path / "sheet.docx"
    report = export_to_path(lib, "sheet-docx", Selection(tag="quay"), path)
    text = "\n".join(p.text for p in Document(str(path)).paragraphs)
    assert report.count == 2
    assert "We <script>alert(1)</script> will rebuild." in text and "Mayor of Lenmouth" in text


def test_sheet_of_a_source_and_of_chosen_quotes(story):
    lib, _, second = story
    assert "Council votes" not in text_of(lib, "sheet-md", Selection(source_id=1))
    chosen = text_of(lib, "sheet-md", Selection(quote_ids=(second,)))
    assert "the budget holds" in chosen and "rebuild" not in chosen


def test_a_sources_sheet_is_headed_by_its_title_never_its_id(story):
    lib, _, _ = story
    assert text_of(lib, "sheet-md", Selection(source_id=2)).startswith("# Quote sheet: source “Council votes”\n")
    assert "source 2" not in text_of(lib, "sheet-html", Selection(source_id=2))


def test_a_source_title_naming_a_confidential_speaker_stays_out_of_the_heading(library):
    whistle = library.speakers.add("Tomas Verhoek", confidential=True)
    src = library.sources.add("interview", "Call with Tomas Verhoek", date="2024-01-02")
    library.quotes.add("The numbers were changed.", whistle, source_id=src, said="2024-01-02")
    text = text_of(library, "sheet-md", Selection(source_id=src))
    assert text.startswith("# Quote sheet: one source\n") and "Verhoek" not in text


def test_rows_stream_page_by_page_with_progress(library, monkeypatch, progress_log):
    monkeypatch.setattr(sheet_rows, "PAGE_SIZE", 7)
    sid = library.speakers.add("Ned Hollis")
    library.quotes.add_many([{"words": f"Line {n}.", "speaker_id": sid, "said": f"2020-01-{n + 1:02d}"}
                             for n in range(20)])
    progress = progress_log()
    out = io.StringIO()
    report = export_to_stream(library, "sheet-csv", Selection(), out, progress=progress)
    assert report.count == 20 and progress.seen == [(0, 20), (7, 20), (14, 20), (20, 20)]
    numbers = [r[0] for r in csv.reader(io.StringIO(out.getvalue()))][1:]
    assert numbers == [str(n) for n in range(1, 21)]


def test_cancelled_export_leaves_no_file(story, tmp_path, progress_log):
    lib, _, _ = story
    folder = tmp_path / "out"
    folder.mkdir()
    path = folder / "sheet.md"
    with pytest.raises(Interrupted):
        export_to_path(lib, "sheet-md", Selection(), path, progress=progress_log(stop_at=0))
    assert list(folder.iterdir()) == []


def test_file_name_from_a_hostile_title_stays_in_the_folder(tmp_path):
    path = suggested_path(tmp_path, "sheet-md", Selection(tag="../../etc/passwd"))
    assert path.parent == tmp_path.resolve() and path.suffix == ".md"


def test_unwritable_target_is_a_plain_error(story, tmp_path):
    lib, _, _ = story
    folder = tmp_path / "out"
    (folder / "taken.md").mkdir(parents=True)
    with pytest.raises(InvalidInput, match="Choose another place"):
        export_to_path(lib, "sheet-md", Selection(), folder / "taken.md")
    assert [p.name for p in folder.iterdir()] == ["taken.md"]  # no temporary file left behind


def test_results_of_the_checks_appear_with_when_they_ran(library):
    from qtapp.core.checks import check_quotes
    sid = library.speakers.add("Ottilie Marsh")
    src = library.sources.add("article", "Ferry late again", outlet="Shore News", date="2024-03-02",
                              text="“The ferry will run on Monday,” Marsh said.")
    qid = library.quotes.add("The ferry will run on Tuesday.", sid, source_id=src, said="2024-03-02")
    check_quotes(library, [qid])
    text = text_of(library, "sheet-md", Selection())
    assert "Blocking — Verbatim:" in text and "(checked 20" in text
    assert "The ferry will run on Tuesday." not in text and "Words held back" in text
    from qtapp.core.checks.store import acknowledge, findings_for
    acknowledge(library, findings_for(library, qid)[0].id, "The council moved the date to Tuesday")
    assert "The ferry will run on Tuesday." in text_of(library, "sheet-md", Selection())
