"""Importing into a library: many files as one step, duplicates, cancelling, pasted text, transcript times."""

import pytest

from qtapp.core.errors import Interrupted, InvalidInput
from qtapp.core.importers import import_drafts, import_paths, read_document, source_from_text
from qtapp.core.transcripts import time_for_span

from .test_import_formats import VTT

NOTES = "Harbour vote, 5 March\n\nVarga said the quay had never been priced properly.\n"
OTHER = "Fishing cooperative meeting\n\nThe cooperative asked for a second survey of the harbour floor.\n"


@pytest.fixture
def files(tmp_path):
    paths = {}
    for name, text in (("notes.txt", NOTES), ("coop.md", OTHER), ("interview.vtt", VTT)):
        paths[name] = tmp_path / name
        paths[name].write_text(text, encoding="utf-8")
    (tmp_path / "broken.pdf").write_bytes(b"<html><body>not a pdf</body></html>")
    paths["broken.pdf"] = tmp_path / "broken.pdf"
    return paths


def source_count(lib):
    return lib.db.execute("SELECT count(*) FROM sources WHERE deleted_at IS NULL").fetchone()[0]


def test_many_files_are_imported_with_an_outcome_for_each_in_order(library, files, progress_log):
    progress = progress_log()
    report = import_paths(library, list(files.values()), progress=progress)
    assert [o.status for o in report.outcomes] == ["added", "added", "added", "error"]
    assert [o.item for o in report.outcomes] == [str(p) for p in files.values()]
    assert "really a web page" in report.outcomes[3].message and report.outcomes[3].source_id is None
    assert library.sources.get(report.outcomes[0].source_id).title == "Harbour vote, 5 March"
    assert library.sources.get(report.outcomes[2].source_id).kind == "interview"
    assert progress.seen[0] == (0, 4) and progress.seen[-1] == (4, 4)
    assert report.summary() == "Added 3 sources; 1 could not be read."


def test_one_undo_removes_a_whole_import(library, files):
    import_paths(library, [files["notes.txt"], files["coop.md"]])
    assert source_count(library) == 2
    assert library.undo() == "Import 2 sources"
    assert source_count(library) == 0


def test_cancelling_part_way_imports_nothing(library, files, progress_log):
    with pytest.raises(Interrupted):
        import_paths(library, list(files.values()), progress=progress_log(stop_at=2))
    assert source_count(library) == 0


def test_a_source_already_in_the_library_is_skipped_and_can_still_be_merged_or_added(library, files):
    first = import_paths(library, [files["notes.txt"]]).outcomes[0].source_id
    again = import_paths(library, [files["notes.txt"], files["coop.md"]])
    duplicate = again.outcomes[0]
    assert (duplicate.status, duplicate.source_id) == ("duplicate", first)
    assert again.outcomes[1].status == "added"
    assert source_count(library) == 2

    added = import_drafts(library, [duplicate.draft], on_duplicate="add").outcomes[0]
    assert added.status == "added" and added.source_id != first
    assert source_count(library) == 3


def test_merging_keeps_the_existing_source_and_fills_only_its_empty_fields(library, tmp_path):
    page = tmp_path / "page.html"
    page.write_text(f"""<!DOCTYPE html><html><head><title>A different headline</title>
        <meta name="author" content="Mara Ellison"><meta property="og:site_name" content="The Coastal Ledger">
        </head><body><article><p>{NOTES.strip()}</p></article></body></html>""", encoding="utf-8")
    kept = library.sources.add("article", "Varga on the harbour", text=read_document(page).text,
                               notes="from the print edition")
    report = import_paths(library, [page], on_duplicate="merge")
    assert (report.outcomes[0].status, report.outcomes[0].source_id) == ("merged", kept)
    source = library.sources.get(kept)
    assert (source.title, source.notes) == ("Varga on the harbour", "from the print edition")
    assert source.outlet == "The Coastal Ledger"
    assert [n.display() for n in source.people("author")] == ["Mara Ellison"]
    assert source_count(library) == 1
    assert report.summary() == "Updated 1 source."


def test_merging_by_address_fills_the_text_and_the_transcript_times(library, files):
    kept = library.sources.add("interview", "Varga interview", url="https://recordings.example/varga")
    draft = read_document(files["interview.vtt"])
    draft.url = "https://recordings.example/varga"
    report = import_drafts(library, [draft], on_duplicate="merge")
    assert (report.outcomes[0].status, report.outcomes[0].source_id) == ("merged", kept)
    source = library.sources.get(kept)
    assert source.title == "Varga interview" and source.text == draft.text
    start = source.text.index("for a quay")
    assert time_for_span(library, kept, start, start + 10) == (16.0, 19.75)
    assert source_count(library) == 1


def test_a_quote_logged_from_a_transcript_span_gets_its_time_in_the_recording(library, files):
    source_id = import_paths(library, [files["interview.vtt"]]).outcomes[0].source_id
    text = library.sources.get(source_id).text
    words = "We cannot ask residents to pay for a quay nobody has priced properly."
    start = text.index(words)
    varga = library.speakers.add("Ines Varga")
    quote = library.quotes.get(library.quotes.add(words, varga, source_id=source_id,
                                                  span_start=start, span_end=start + len(words)))
    assert (quote.time_start, quote.time_end) == (13.0, 19.75)
    plain = library.sources.add("article", "Notes", text=NOTES)
    other = library.quotes.get(library.quotes.add("never been priced properly", varga, source_id=plain,
                                                  span_start=10, span_end=30))
    assert other.time_start is None


def test_time_for_span_covers_the_cues_a_span_touches_and_nothing_else(library, files):
    source_id = import_paths(library, [files["interview.vtt"]]).outcomes[0].source_id
    text = library.sources.get(source_id).text
    first = text.index("Will the vote")
    assert time_for_span(library, source_id, first, first + 4) == (10.0, 12.5)
    assert time_for_span(library, source_id, first, text.index("for a quay") + 3) == (10.0, 19.75)
    label = text.index("Ines Varga:")
    assert time_for_span(library, source_id, label, label + 5) is None  # a speaker label, not spoken words
    assert time_for_span(library, source_id, len(text) + 10, len(text) + 20) is None


def test_pasted_text_becomes_a_source_once(library):
    source_id = source_from_text(library, "  " + NOTES)
    assert library.sources.get(source_id).title == "Harbour vote, 5 March"
    assert source_from_text(library, NOTES, title="Another title") == source_id
    assert source_count(library) == 1
    titled = source_from_text(library, OTHER, title="Cooperative", kind="press_conference")
    assert (library.sources.get(titled).title, library.sources.get(titled).kind) == ("Cooperative", "press_conference")


def test_a_pasted_transcript_keeps_its_timestamps(library):
    source_id = source_from_text(library, VTT)
    source = library.sources.get(source_id)
    assert source.kind == "interview" and "WEBVTT" not in source.text
    start = source.text.index("Will the vote")
    assert time_for_span(library, source_id, start, start + 4) == (10.0, 12.5)


@pytest.mark.parametrize("text", ["", "   \n\t  "])
def test_pasting_nothing_is_refused_with_a_message(library, text):
    with pytest.raises(InvalidInput, match="no text to import"):
        source_from_text(library, text)


def test_an_unknown_duplicate_choice_is_refused(library, files):
    with pytest.raises(InvalidInput, match="skip, merge or add"):
        import_paths(library, [files["notes.txt"]], on_duplicate="replace")


def test_undo_and_redo_of_an_import_take_the_transcript_times_along(library, files):
    source_id = import_paths(library, [files["interview.vtt"]]).outcomes[0].source_id
    start = library.sources.get(source_id).text.index("for a quay")
    library.undo()
    assert time_for_span(library, source_id, start, start + 5) is None
    library.redo()
    assert time_for_span(library, source_id, start, start + 5) == (16.0, 19.75)


def test_an_imported_article_keeps_its_text_character_for_character(library, shared_dir):
    import json
    folder = shared_dir / "fixtures" / "seed"
    source_id = import_paths(library, [folder / "article.txt"]).outcomes[0].source_id
    text = library.sources.get(source_id).text
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    # Offsets found in the file still point at the same words in the stored source.
    assert all(text[q["start"]:q["end"]] == q["quote"] for q in gold)


def test_every_public_import_function_is_documented():
    from pathlib import Path

    import qtapp.core.importers as importers
    doc = (Path(__file__).resolve().parents[2] / "docs" / "import.md").read_text(encoding="utf-8")
    functions = [name for name in importers.__all__ if callable(getattr(importers, name)) and name.islower()]
    assert functions and all(f"{name}(" in doc for name in [*functions, "time_for_span"])
