"""The native library copy: lossless, merged by uuid, never duplicating, newer copies win."""

import io
import json

import pytest

from qtapp.core.errors import ImportFailed, Interrupted
from qtapp.core.formats.native import write_native
from qtapp.core.formats.native_import import merge_native, read_native
from qtapp.core.formats.selection import Selection
from qtapp.core.library import Library


def native_text(lib, selection=None) -> str:
    out = io.StringIO()
    write_native(lib, selection or Selection(), out)
    return out.getvalue()


def snapshot(lib) -> dict:
    """Everything a user can see of a library, keyed by uuid (row ids differ between libraries)."""
    def rows(sql):
        cursor = lib.db.execute(sql)
        return sorted(tuple(r) for r in cursor)
    return {
        "sources": rows("SELECT uuid, kind, title, outlet, date, date_end, url, text, notes, created_at, updated_at, "
                        "deleted_at FROM sources"),
        "names": rows("SELECT n.uuid, s.uuid, role, position, family, given, particle, literal FROM source_names n "
                      "JOIN sources s ON s.id = n.source_id"),
        "speakers": rows("SELECT s.uuid, s.name, s.description, s.confidential, m.uuid, s.updated_at FROM speakers s "
                         "LEFT JOIN speakers m ON m.id = s.merged_into"),
        "aliases": rows("SELECT a.uuid, s.uuid, alias FROM speaker_aliases a JOIN speakers s ON s.id = a.speaker_id"),
        "roles": rows("SELECT r.uuid, s.uuid, title, start, end FROM speaker_roles r "
                      "JOIN speakers s ON s.id = r.speaker_id"),
        "quotes": rows("SELECT q.uuid, words, sp.uuid, so.uuid, said, rule, rule_description, embargo_until, "
                       "second_hand, via_outlet, translated, q.language, attribution_evidence, time_start, context, "
                       "check_status, q.updated_at, q.deleted_at FROM quotes q "
                       "JOIN speakers sp ON sp.id = q.speaker_id LEFT JOIN sources so ON so.id = q.source_id"),
        "tags": rows("SELECT q.uuid, t.name FROM quote_tags qt JOIN quotes q ON q.id = qt.quote_id "
                     "JOIN tags t ON t.id = qt.tag_id"),
        "findings": rows("SELECT q.uuid, check_name, severity, message FROM findings f "
                         "JOIN quotes q ON q.id = f.quote_id"),
    }


@pytest.fixture
def filled(library):
    lib = library
    ana = lib.speakers.add("Ana Pereira", aliases=["Pereira"], roles=[{"title": "Ferry captain", "start": "2018"}])
    twin = lib.speakers.add("A. Pereira")
    lib.speakers.merge(ana, twin)
    hidden = lib.speakers.add("Lio Garnet", confidential=True, description="a deckhand")
    src = lib.sources.add("broadcast", "Tide report", outlet="Radio Lenmouth", date="2024-01",
                          names=[("host", "Chidi Okonkwo")], text="Full transcript with the words.")
    q1 = lib.quotes.add("The ferry runs at six.", ana, source_id=src, said="2024-01-05", tags=["ferry", "tides"],
                        time_start=61.5, time_end=64.0)
    lib.quotes.update(q1, context="Said on air")
    lib.quotes.add("Off the books.", hidden, rule="off_record", tags=["ferry"])
    lib.quotes.add("Gone quote.", ana)
    lib.quotes.delete([3])
    lib.db["findings"].insert({"quote_id": q1, "check_name": "verbatim", "severity": "warning",
                               "message": "one word differs"})
    return lib


def test_whole_library_round_trip_is_lossless(filled, tmp_path):
    other = Library(tmp_path / "other.verbatim")
    report = merge_native(other, read_native(native_text(filled)))
    assert report.added == {"source": 1, "speaker": 3, "quote": 3}
    assert snapshot(other) == snapshot(filled)
    history = [h["field"] for h in other.quotes.history(1)]
    assert "context" in history
    other.close()


def test_importing_twice_adds_and_changes_nothing(filled, tmp_path):
    other = Library(tmp_path / "other.verbatim")
    data = read_native(native_text(filled))
    merge_native(other, data)
    before = snapshot(other)
    history_rows = other.db.execute("SELECT count(*) FROM history").fetchone()[0]
    again = merge_native(other, data)
    assert again.added == {} and again.updated == {}
    assert snapshot(other) == before
    assert other.db.execute("SELECT count(*) FROM history").fetchone()[0] == history_rows
    other.close()


def test_newer_copy_updates_and_older_copy_is_ignored(filled, tmp_path):
    other = Library(tmp_path / "other.verbatim")
    merge_native(other, read_native(native_text(filled)))
    data = read_native(native_text(filled, Selection(quote_ids=(1,))))
    item = data["quotes"][0]
    item["words"], item["tags"] = "The ferry runs at seven.", ["ferry"]
    item["updated_at"] = "2099-01-01T00:00:00+00:00"
    assert merge_native(other, data).updated == {"quote": 1}
    quote = other.quotes.get(1)
    assert (quote.words, quote.tags) == ("The ferry runs at seven.", ["ferry"])
    item["words"], item["updated_at"] = "Stale words.", "2000-01-01T00:00:00+00:00"
    assert merge_native(other, data).updated == {}
    assert other.quotes.get(1).words == "The ferry runs at seven."
    other.close()


def test_selection_carries_only_what_its_quotes_need(filled):
    data = read_native(native_text(filled, Selection(tag="tides")))
    assert [q["words"] for q in data["quotes"]] == ["The ferry runs at six."]
    assert [s["name"] for s in data["speakers"]] == ["Ana Pereira"]
    assert len(data["sources"]) == 1 and data["private"] is True


def test_dry_run_counts_without_writing(filled, tmp_path):
    other = Library(tmp_path / "other.verbatim")
    preview = merge_native(other, read_native(native_text(filled)), dry_run=True)
    assert preview.added == {"source": 1, "speaker": 3, "quote": 3}
    assert other.quotes.count() == 0 and other.undo_status() == (None, None)
    other.close()


def test_import_is_one_undoable_step(filled, tmp_path):
    other = Library(tmp_path / "other.verbatim")
    merge_native(other, read_native(native_text(filled)))
    assert other.undo_status()[0] == "Import 3 quotes"
    other.undo()
    assert other.db.execute("SELECT count(*) FROM quotes").fetchone()[0] == 0
    other.close()


def test_cancel_keeps_nothing(filled, tmp_path, progress_log):
    other = Library(tmp_path / "other.verbatim")
    with pytest.raises(Interrupted):
        merge_native(other, read_native(native_text(filled)), progress=progress_log(stop_at=1))
    assert other.db.execute("SELECT count(*) FROM speakers").fetchone()[0] == 0
    other.close()


def test_quote_without_its_speaker_is_refused(filled, tmp_path):
    data = read_native(native_text(filled, Selection(quote_ids=(1,))))
    data["speakers"] = []
    other = Library(tmp_path / "other.verbatim")
    with pytest.raises(ImportFailed, match="speaker missing"):
        merge_native(other, data)
    assert other.db.execute("SELECT count(*) FROM sources").fetchone()[0] == 0
    other.close()


@pytest.mark.parametrize("text, message", [
    ("[1, 2]", "not a Verbatim library export"),
    ('{"format": "verbatim-library", "version": 99}', "newer Verbatim"),
    ('{"format": "verbatim-library", "version": 1, "quotes": [{"words": "x"}]}', "lacks its uuid"),
    ("{oops", "not a Verbatim export"),
])
def test_damaged_or_foreign_files_are_refused(text, message):
    with pytest.raises(ImportFailed, match=message):
        read_native(text)


def test_bad_row_is_reported_and_nothing_kept(filled, tmp_path):
    data = read_native(native_text(filled))
    data["sources"][0]["kind"] = "carrier pigeon"
    other = Library(tmp_path / "other.verbatim")
    with pytest.raises(ImportFailed, match="nothing was imported"):
        merge_native(other, data)
    assert other.db.execute("SELECT count(*) FROM sources").fetchone()[0] == 0
    other.close()


def test_output_is_json_even_when_empty(library):
    assert json.loads(native_text(library))["quotes"] == []


@pytest.mark.parametrize("damage", [
    lambda d: d["speakers"][0].update(aliases="Pereira"),
    lambda d: d["speakers"][0].update(roles=[{"title": "no uuid"}]),
    lambda d: d["quotes"][0].update(tags=[1, 2]),
    lambda d: d["quotes"][0].update(words={"nested": "object"}),
    lambda d: d["sources"][0].update(names=[["not", "a", "dict"]]),
    lambda d: d["quotes"][0].update(findings=[{"severity": "warning"}]),
])
def test_damaged_items_are_refused_before_anything_is_written(filled, damage):
    data = json.loads(native_text(filled))
    damage(data)
    with pytest.raises(ImportFailed, match="damaged"):
        read_native(json.dumps(data))
