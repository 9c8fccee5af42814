"""The library: speakers, sources, quotes, history, trash, undo and redo."""

import sqlite3

import pytest

from qtapp.core.errors import NotFound, UndoConflict, UndoEmpty
from qtapp.core.library import Library
from qtapp.core.names import Name
from qtapp.core.query import QuoteQuery


@pytest.fixture
def park(library):
    return library.speakers.add(
        "Park Jin", sort_name="Park Jin", aliases=["Park", "Foreign Minister Park"],
        roles=[{"title": "Foreign Minister", "organization": "South Korea", "start": "2022-05", "end": "2023-12"},
               {"title": "Member of the National Assembly", "start": "2024-05"}])


def test_a_logged_quote_keeps_every_field(library, park):
    src = library.sources.add("press_conference", "Joint press availability", outlet="Ministry of Foreign Affairs",
                              date="9 Nov 2023", place="Seoul", names=[("host", "{Ministry of Foreign Affairs}")])
    qid = library.quotes.add("We will respond firmly.", park, source_id=src, said="2023-11-09",
                             span_start=10, span_end=33, rule="background",
                             rule_description="a senior South Korean diplomat", context="asked about drills",
                             tags=["korea", "diplomacy"])
    q = library.quotes.get(qid)
    assert (q.words, q.speaker_id, q.source_id, q.said.iso) == ("We will respond firmly.", park, src, "2023-11-09")
    assert (q.span_start, q.span_end) == (10, 33)
    assert (q.rule, q.rule_description) == ("background", "a senior South Korean diplomat")
    assert q.tags == ["diplomacy", "korea"]
    assert library.sources.get(src).names == [("host", Name(literal="Ministry of Foreign Affairs"))]
    assert len(q.uuid) == 36


def test_the_title_shown_is_the_one_held_on_the_quotes_date(library, park):
    library.quotes.add("In office.", park, said="2023-11-09")
    library.quotes.add("Later.", park, said="2024-06")
    library.quotes.add("Undated.", park)
    titles = {r.words: r.title for r in library.quotes.page()}
    assert titles["In office."] == "Foreign Minister, South Korea"
    assert titles["Later."] == "Member of the National Assembly"
    assert titles["Undated."] == "Member of the National Assembly"


def test_quotes_are_found_by_any_alias_of_their_speaker(library, park):
    other = library.speakers.add("Antony Blinken", aliases=["Blinken"])
    library.quotes.add("From Park.", park, said="2023")
    library.quotes.add("From Blinken.", other, said="2023")
    assert [r.words for r in library.quotes.page(QuoteQuery(speaker="foreign minister park"))] == ["From Park."]
    assert [r.words for r in library.quotes.page(QuoteQuery(speaker="Blink"))] == ["From Blinken."]


def test_full_text_search_never_raises_on_what_people_type(library, park):
    library.quotes.add('It is a "dangerous" path (and we know it).', park)
    for typed in ['"', "AND", "*", "((", 'dangerous"', "path AND", "NOT", "-", "dang*", "NEAR(", "\x00"]:
        library.quotes.count(QuoteQuery(text=typed))
    assert library.quotes.count(QuoteQuery(text="dang*")) == 1
    assert library.quotes.count(QuoteQuery(text='"dangerous path"')) == 1
    assert library.quotes.count(QuoteQuery(text='"path dangerous"')) == 0


def test_keyset_pages_cover_every_row_once_in_order(library, park):
    for i in range(57):
        library.quotes.add(f"Quote number {i}.", park, said=f"2023-{1 + i % 12:02d}-{1 + i % 27:02d}")
    for sort in ("said", "words", "speaker", "title", "created"):
        query = QuoteQuery(sort=sort)
        seen, after = [], None
        while True:
            rows = library.quotes.page(query, after=after, limit=10)
            if not rows:
                break
            seen += [r.id for r in rows]
            after = rows[-1].cursor
        assert len(seen) == len(set(seen)) == 57
        keys = [r.sort_key for r in library.quotes.page(query, limit=100)]
        assert keys == sorted(keys, reverse=True)


def test_every_change_is_in_the_history_and_undo_restores_it(library, park):
    qid = library.quotes.add("Original words.", park, said="2023")
    library.quotes.update(qid, words="Edited words.")
    assert library.undo_status() == ("Change of words", None)
    assert library.undo() == "Change of words"
    assert library.quotes.get(qid).words == "Original words."
    assert library.redo() == "Change of words"
    assert library.quotes.get(qid).words == "Edited words."
    fields = [(h["field"], h["old"], h["new"]) for h in library.quotes.history(qid)]
    assert ("words", "Original words.", "Edited words.") in fields
    assert ("words", "Edited words.", "Original words.") in fields  # the undo is history too
    with pytest.raises(sqlite3.IntegrityError, match="history is append-only"):
        library.db.execute("DELETE FROM history")


def test_delete_goes_to_the_trash_and_restore_brings_it_back_whole(library, park):
    ids = [library.quotes.add(f"Q{i}", park, tags=["t"]) for i in range(3)]
    library.quotes.delete(ids)
    assert library.undo_status()[0] == "Delete 3 quotes"
    assert library.quotes.count() == 0
    assert library.quotes.count(QuoteQuery(trash=True)) == 3
    library.trash.restore("quote", ids[:2])
    assert library.quotes.count() == 2
    assert library.quotes.get(ids[0]).tags == ["t"]
    assert library.trash.empty() == 1
    with pytest.raises(NotFound):
        library.quotes.get(ids[2], include_trash=True)


def test_deleting_a_speaker_trashes_their_quotes_and_restoring_brings_both(library, park):
    qid = library.quotes.add("Words.", park)
    library.trash.delete("speaker", [park])
    assert library.quotes.count() == 0
    library.trash.restore("speaker", [park])
    assert library.quotes.get(qid).speaker_id == park


def test_undo_refuses_to_remove_a_speaker_another_window_has_quoted(library):
    # Another program logs a quote for the new speaker; undoing the speaker's creation must
    # refuse in one sentence and keep both, not fail on the foreign key.
    speaker = library.speakers.add("Ines Varga")
    with Library(library.path) as other:
        quote = other.quotes.add("We will reopen the pier.", speaker)
    with pytest.raises(UndoConflict, match="other records now depend on it"):
        library.undo()
    assert library.quotes.get(quote).speaker_id == speaker
    assert library.speakers.get(speaker).name == "Ines Varga"
    assert library.undo_status()[0] is not None


def test_undo_refuses_to_overwrite_a_later_change(library, park):
    qid = library.quotes.add("One.", park)
    library.quotes.update(qid, words="Two.")
    library.db.execute("UPDATE quotes SET words = 'Changed elsewhere.' WHERE id = ?", [qid])
    with pytest.raises(UndoConflict):
        library.undo()
    assert library.quotes.get(qid).words == "Changed elsewhere."


def test_undo_with_nothing_done_says_so(library):
    with pytest.raises(UndoEmpty):
        library.undo()


def test_merging_speakers_moves_aliases_roles_and_quotes(library, park):
    dup = library.speakers.add("Jin Park", aliases=["Minister Park"], roles=[{"title": "Envoy"}])
    qid = library.quotes.add("Said under the duplicate.", dup)
    library.speakers.merge(park, dup)
    merged = library.speakers.get(park)
    assert {"Jin Park", "Minister Park"} <= set(merged.aliases)
    assert "Envoy" in [r.title for r in merged.roles]
    assert library.quotes.get(qid).speaker_id == park
    with pytest.raises(NotFound):
        library.speakers.get(dup)
    assert any(h["field"] == "speaker_id" for h in library.quotes.history(qid))
    library.undo()
    assert library.quotes.get(qid).speaker_id == dup


def test_bulk_insert_is_one_step_that_undo_sends_to_the_trash(library, park):
    added = library.quotes.insert_bulk({"words": f"Bulk {i}", "speaker_id": park, "said": "2023"} for i in range(1200))
    assert added == 1200 == library.quotes.count()
    assert library.undo() == "Import quotes"
    assert library.quotes.count() == 0 and library.quotes.count(QuoteQuery(trash=True)) == 1200
    library.redo()
    assert library.quotes.count() == 1200


def test_settings_live_in_the_library(library, tmp_path):
    library.set_setting("date_order", "day-first")
    library.close()
    from qtapp.core.library import Library
    again = Library(tmp_path / "test.verbatim")
    assert again.get_setting("date_order") == "day-first"
    assert again.get_setting("default_rule") == "on_record"
    again.close()


def test_emptying_the_trash_keeps_the_undo_history_of_everything_else(library, park):
    kept, trashed = library.quotes.add("Kept.", park), library.quotes.add("Trashed.", park)
    library.quotes.update(kept, words="Kept, edited.")
    library.quotes.delete([trashed])
    library.quotes.update(kept, context="Said twice.")
    assert library.trash.empty() == 1
    assert library.undo() == "Change of context note"
    assert library.undo() == "Change of words"          # the step before the delete is still there
    assert library.quotes.get(kept).words == "Kept."
    assert library.undo_status()[0] == "Log quote"       # the delete (of what went for good) is gone
