"""Reading sources from files: each format's words and details, and clear messages for bad files."""

import tracemalloc

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qtapp.core.errors import ImportFailed
from qtapp.core.files import DOCUMENT_SUFFIXES, MAX_IMPORT_BYTES
from qtapp.core.importers import read_document

QUOTE = "We cannot ask residents to pay for a quay nobody has priced properly"
ARTICLE_HTML = f"""<!DOCTYPE html>
<html lang="en"><head><title>Harbour plan stalls | The Coastal Ledger</title>
<meta name="author" content="Mara Ellison">
<meta property="og:site_name" content="The Coastal Ledger">
<meta property="article:published_time" content="2024-03-05T10:00:00Z"></head>
<body><nav><a href="/">Home</a> | <a href="/news">News</a> | Subscribe today</nav>
<article><h1>Harbour plan stalls</h1>
<p>The council voted on Tuesday to delay the harbour expansion for another year, citing costs
that have doubled since the plan was first drawn up by the port authority in 2019.</p>
<p>“{QUOTE},” said councillor Ines Varga, who chairs the finance committee.</p>
<p>The port authority said it would publish revised figures next month, after a meeting with
the fishing cooperative and the regional transport office.</p></article>
<footer>Copyright The Coastal Ledger. All rights reserved. Cookie settings.</footer></body></html>"""


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def test_plain_text_keeps_its_words_and_takes_the_first_line_as_title(tmp_path):
    path = write(tmp_path, "notes.txt", f"Council meeting, 5 March\n\nVarga said: “{QUOTE}.”\n")
    draft = read_document(path)
    assert draft.title == "Council meeting, 5 March"
    assert QUOTE in draft.text
    assert draft.kind == "article" and draft.cues == []


def test_markdown_loses_its_markup_but_not_its_words(tmp_path):
    path = write(tmp_path, "notes.md", "# Harbour vote\n\nVarga said: “We cannot ask *residents* to pay for "
                                       "a quay **nobody** has priced properly.”\n\n- first point\n- second point\n")
    draft = read_document(path)
    assert draft.title == "Harbour vote"
    assert QUOTE in draft.text
    assert "*" not in draft.text and "first point" in draft.text


def test_a_saved_page_gives_the_article_body_and_its_details(tmp_path):
    draft = read_document(write(tmp_path, "page.html", ARTICLE_HTML))
    assert draft.kind == "article"
    assert draft.title == "Harbour plan stalls"
    assert draft.outlet == "The Coastal Ledger"
    assert [a.family for a in draft.authors] == ["Ellison"]
    assert draft.date.iso == "2024-03-05"
    assert QUOTE in draft.text
    assert "Subscribe" not in draft.text and "Cookie" not in draft.text


def test_a_one_paragraph_statement_page_is_not_lost(tmp_path):
    page = ("<html><head><title>Statement</title></head><body><p>“We will reopen the quay on Monday,” "
            "the harbour master said.</p></body></html>")
    draft = read_document(write(tmp_path, "statement.htm", page))
    assert draft.text == "“We will reopen the quay on Monday,” the harbour master said."


def test_a_page_larger_than_the_extractor_reads_is_refused_with_advice(tmp_path, monkeypatch):
    from qtapp.core.importers import pages
    monkeypatch.setattr(pages, "MAX_PAGE_BYTES", len(ARTICLE_HTML) - 1)
    with pytest.raises(ImportFailed, match="paste it"):
        read_document(write(tmp_path, "page.html", ARTICLE_HTML))


def test_a_word_document_gives_paragraphs_tables_and_properties(tmp_path):
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.core_properties.title = "Finance committee minutes"
    document.core_properties.author = "Tom Reyes"
    document.add_paragraph("Minutes of the finance committee.")
    document.add_paragraph(f"Ms Varga: {QUOTE}.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Quay budget", "4.2 million"
    document.save(tmp_path / "minutes.docx")
    draft = read_document(tmp_path / "minutes.docx")
    assert draft.kind == "document"
    assert draft.title == "Finance committee minutes"
    assert [a.display() for a in draft.authors] == ["Tom Reyes"]
    assert QUOTE in draft.text and "Quay budget\t4.2 million" in draft.text
    assert draft.text.index("Minutes of") < draft.text.index(QUOTE) < draft.text.index("Quay budget")


def test_a_pdf_gives_its_text_layer_and_metadata(tmp_path):
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.set_title("Port authority statement")
    pdf.set_author("Lena Okafor")
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.multi_cell(0, 6, f"Statement of the port authority. {QUOTE}, the councillor said.")
    pdf.output(str(tmp_path / "statement.pdf"))
    draft = read_document(tmp_path / "statement.pdf")
    assert draft.kind == "document"
    assert draft.title == "Port authority statement"
    assert [a.family for a in draft.authors] == ["Okafor"]
    assert QUOTE in " ".join(draft.text.split())


def test_a_pdf_without_a_text_layer_is_reported_as_a_scan(tmp_path):
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.rect(10, 10, 50, 50)
    pdf.output(str(tmp_path / "scan.pdf"))
    with pytest.raises(ImportFailed, match="no text layer"):
        read_document(tmp_path / "scan.pdf")


SRT = """1
00:00:01,000 --> 00:00:03,500
We cannot ask residents

2
00:00:03,600 --> 00:00:07,250
to pay for a <i>quay</i> nobody has priced properly.

3
00:01:02,000 --> 00:01:04,000
That is all for today.
"""

VTT = """WEBVTT

00:00:10.000 --> 00:00:12.500
<v Tom Reyes>Will the vote be delayed?

00:00:13.000 --> 00:00:16.000
<v Ines Varga>We cannot ask residents to pay

00:00:16.000 --> 00:00:19.750
<v Ines Varga>for a quay nobody has priced properly.
"""


def test_an_srt_transcript_keeps_each_cue_s_time_and_place_in_the_text(tmp_path):
    draft = read_document(write(tmp_path, "interview.srt", SRT))
    assert draft.kind == "interview"
    assert QUOTE in draft.text and "<i>" not in draft.text
    assert [(c.time_start, c.time_end) for c in draft.cues] == [(1.0, 3.5), (3.6, 7.25), (62.0, 64.0)]
    assert [draft.text[c.char_start:c.char_end] for c in draft.cues] == [
        "We cannot ask residents", "to pay for a quay nobody has priced properly.", "That is all for today."]


def test_a_webvtt_transcript_labels_each_speaker_s_turn(tmp_path):
    draft = read_document(write(tmp_path, "interview.vtt", VTT))
    assert draft.kind == "interview"
    assert draft.text.splitlines()[0] == "Tom Reyes: Will the vote be delayed?"
    assert "Ines Varga: " + QUOTE in draft.text
    assert draft.text[draft.cues[2].char_start:draft.cues[2].char_end] == "for a quay nobody has priced properly."
    assert (draft.cues[1].time_start, draft.cues[2].time_end) == (13.0, 19.75)


def test_a_transcript_saved_as_txt_keeps_its_timestamps(tmp_path):
    draft = read_document(write(tmp_path, "interview.txt", SRT))
    assert draft.kind == "interview" and len(draft.cues) == 3


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16", "utf-8-sig"])
def test_text_in_other_encodings_is_decoded(tmp_path, encoding):
    words = ("Le conseil municipal a voté mardi le report du projet. « Nous ne pouvons pas demander aux "
             "habitants de payer un quai que personne n’a chiffré », a déclaré l’élue chargée des finances.")
    draft = read_document(write(tmp_path, "note.txt", words.encode(encoding)))
    assert draft.text == words


def test_mojibake_is_repaired_but_curly_quotes_are_kept(tmp_path):
    words = f"Varga’s answer at the café: “{QUOTE}."
    garbled = words.encode("utf-8").decode("cp1252")  # UTF-8 read as Windows-1252, then saved again
    assert garbled != words
    draft = read_document(write(tmp_path, "pasted.txt", garbled))
    assert draft.text == words


def test_a_long_file_garbled_throughout_is_repaired_whole(tmp_path):
    import ftfy.bad_codecs  # noqa: F401 - registers the codec that garbles the way Windows programs do

    words = "".join(f"Paragraph {i}: Varga’s answer at the café: “{QUOTE},” she said.\n" for i in range(30_000))
    garbled = words.encode("utf-8").decode("sloppy-windows-1252")
    draft = read_document(write(tmp_path, "long.txt", garbled))
    assert draft.text == words.strip()


@pytest.mark.parametrize("name, data, message", [
    ("report.pdf", ARTICLE_HTML, "really a web page"),
    ("minutes.docx", b"%PDF-1.4\n1 0 obj\n", "really a PDF"),
    ("notes.txt", b"\x00\x01\x02binary\xff\xfe" * 200, "does not contain text"),
    ("minutes.docx", "These are plain notes, not a Word file.", "contains plain text"),
    ("report.pdf", b"%PDF-1.4\nthis is not a real pdf at all", "damaged PDF"),
    ("empty.txt", "", "is empty"),
    ("picture.jpg", b"\xff\xd8\xff\xe0", "not supported"),
])
def test_a_file_that_is_not_what_its_name_says_gets_a_clear_message(tmp_path, name, data, message):
    with pytest.raises(ImportFailed, match=message):
        read_document(write(tmp_path, name, data))


def test_a_zip_that_is_not_a_word_document_is_named_for_what_it_is(tmp_path):
    import zipfile
    with zipfile.ZipFile(tmp_path / "photos.docx", "w") as archive:
        archive.writestr("holiday/notes.txt", "not a document")
    with pytest.raises(ImportFailed, match="zip archive, but not a Word document"):
        read_document(tmp_path / "photos.docx")


def test_a_missing_file_or_a_folder_is_reported(tmp_path):
    with pytest.raises(ImportFailed, match="does not exist"):
        read_document(tmp_path / "gone.txt")
    (tmp_path / "folder.txt").mkdir()
    with pytest.raises(ImportFailed, match="is a folder"):
        read_document(tmp_path / "folder.txt")


@pytest.mark.parametrize("size", [MAX_IMPORT_BYTES + 1, 100 * 1024 * 1024])
def test_a_huge_file_is_refused_without_being_read(tmp_path, size):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.truncate(size)  # a sparse file: as large as it says, without filling the disk
    tracemalloc.start()
    try:
        with pytest.raises(ImportFailed, match="MB"):
            read_document(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 5 * 1024 * 1024


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(suffix=st.sampled_from(DOCUMENT_SUFFIXES),
       data=st.one_of(st.binary(max_size=600),
                      st.text(max_size=300).map(lambda t: t.encode("utf-8")),
                      st.sampled_from([b"%PDF-1.7\n", b"PK\x03\x04\x14\x00", b"WEBVTT\n\nnonsense -->",
                                       b"1\n00:00:01,000 --> garbage\n", b"<html><body></body></html>"])
                      .flatmap(lambda head: st.binary(max_size=200).map(lambda tail: head + tail))))
def test_any_bytes_under_any_supported_name_give_a_draft_or_a_message(tmp_path, suffix, data):
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    try:
        draft = read_document(path)
    except ImportFailed as e:
        assert str(e).strip()
    else:
        assert draft.text.strip() and "\x00" not in draft.text
        assert all(0 <= c.char_start <= c.char_end <= len(draft.text) for c in draft.cues)


def test_the_document_endings_are_one_list():
    """What read_document reads by its ending is what the window, drag and drop and `verbatim import` take."""
    from qtapp.core.importers.reading import _FORMAT_OF_SUFFIX

    assert {f".{s}" for s in _FORMAT_OF_SUFFIX} == set(DOCUMENT_SUFFIXES)
