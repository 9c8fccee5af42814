"""Provenance both ways: a quote second-hand via an outlet and translated from a language, at
once or apart, from the library file through every channel that carries it."""

import csv
import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from qtapp.core.attribution import attribution_line
from qtapp.core.checks import check_quotes, findings_for
from qtapp.core.errors import InvalidInput
from qtapp.core.formats.native import write_native
from qtapp.core.formats.native_import import merge_native, read_native
from qtapp.core.formats.registry import export_to_stream
from qtapp.core.formats.selection import Selection
from qtapp.core.languages import language_name
from qtapp.core.library import Library
from qtapp.core.quotes import provenance_text
from qtapp.core.schema import SCHEMA_MIGRATIONS, migrations

NOW = "2024-01-10T10:00:00+00:00"
word = st.text(alphabet="abcdefghijklmnopqrstuvwxyzñéü", min_size=1, max_size=8).map(str.title)
outlets = st.one_of(st.none(), st.lists(word, min_size=1, max_size=3).map(" ".join))
languages = st.one_of(st.none(), st.sampled_from(["es", "Spanish", "pt-BR", "Tagalog", "fr", "Quechua"]))


def _provenance(outlet, language) -> dict:
    return {"second_hand": outlet is not None, "via_outlet": outlet or "",
            "translated": language is not None, "language": language or ""}


def _flags(lib, quote_id) -> tuple:
    q = lib.quotes.get(quote_id)
    return q.second_hand, q.via_outlet if q.second_hand else "", q.translated, q.language if q.translated else ""


def _expected(outlet, language) -> tuple:
    return outlet is not None, outlet or "", language is not None, language or ""


def _sheet(lib, name) -> str:
    out = io.StringIO()
    export_to_stream(lib, name, Selection(tag="story"), out)
    return out.getvalue()


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(outlet=outlets, language=languages)
def test_every_combination_survives_saving_undo_the_native_copy_and_reaches_lines_and_sheets(outlet, language):
    with tempfile.TemporaryDirectory() as tmp:
        lib = Library(Path(tmp) / "a.verbatim")
        ruiz = lib.speakers.add("Ana Ruiz")
        quote_id = lib.quotes.add("We will not raise taxes.", ruiz, said="2023-11-09", tags=["story"])
        lib.quotes.update(quote_id, **_provenance(outlet, language))
        assert _flags(lib, quote_id) == _expected(outlet, language)
        if outlet is not None or language is not None:
            assert lib.undo() == "Change of provenance"
            assert _flags(lib, quote_id) == (False, "", False, "")
            lib.redo()
        assert _flags(lib, quote_id) == _expected(outlet, language)

        line = attribution_line(lib, quote_id)
        assert (f"told {outlet} " in line) == (outlet is not None)
        assert (f"(translated from {language_name(language)})" in line) == (language is not None)
        shown = provenance_text(outlet is not None, outlet or "", language is not None, language or "")
        (row,) = list(csv.DictReader(io.StringIO(_sheet(lib, "sheet-csv"))))
        assert row["provenance"] == shown
        for part in (outlet, language_name(language) if language else None):
            if part:
                assert part in _sheet(lib, "sheet-md") and part in _sheet(lib, "sheet-html")

        out = io.StringIO()
        write_native(lib, Selection(), out)
        other = Library(Path(tmp) / "b.verbatim")
        merge_native(other, read_native(out.getvalue()))
        (copy,) = [r.id for r in other.quotes.page()]
        assert _flags(other, copy) == _expected(outlet, language)
        other.close()
        lib.close()


def test_each_fact_needs_what_it_names(library):
    ruiz = library.speakers.add("Ana Ruiz")
    with pytest.raises(InvalidInput, match="outlet"):
        library.quotes.add("Words.", ruiz, second_hand=True, translated=True, language="es")
    with pytest.raises(InvalidInput, match="language"):
        library.quotes.add("Words.", ruiz, second_hand=True, via_outlet="El Comercio", translated=True)
    quote_id = library.quotes.add("Words.", ruiz, translated=True, language="es")
    with pytest.raises(InvalidInput, match="language"):
        library.quotes.update(quote_id, language="")
    assert library.quotes.get(quote_id).language == "es"


def test_old_rows_keep_their_provenance_through_the_migration(tmp_path):
    path = tmp_path / "old.verbatim"
    db = Database(path)
    migrations.apply(db, stop_before="m008_provenance_both")
    db.execute("INSERT INTO speakers (uuid, name, created_at, updated_at) VALUES ('s', 'Ana Ruiz', ?, ?)", [NOW, NOW])
    rows = [("first_hand", "", "", ""), ("second_hand", "El Comercio", "", ""),
            ("translated", "", "es", "No subiremos impuestos."),
            ("first_hand", "Left Over", "fr", "")]          # fields kept from an earlier choice
    for n, (provenance, via, language, original) in enumerate(rows):
        db.execute("INSERT INTO quotes (uuid, words, speaker_id, provenance, via_outlet, language, original_words, "
                   "created_at, updated_at) VALUES (?, 'We will not raise taxes.', 1, ?, ?, ?, ?, ?, ?)",
                   [f"q{n}", provenance, via, language, original, NOW, NOW])
    db.conn.commit()
    db.conn.close()

    lib = Library(path)
    assert [m.name for m in migrations.applied(lib.db)] == SCHEMA_MIGRATIONS
    assert "provenance" not in lib.db["quotes"].columns_dict
    got = [(q.second_hand, q.via_outlet, q.translated, q.language, q.original_words, q.attribution_evidence)
           for q in map(lib.quotes.get, (1, 2, 3, 4))]
    assert got == [(False, "", False, "", "", {}), (True, "El Comercio", False, "", "", {}),
                   (False, "", True, "es", "No subiremos impuestos.", {}), (False, "Left Over", False, "fr", "", {})]
    # the translation check has something to say of quotes with a language: they are checked again
    assert [i for (i,) in lib.db.execute("SELECT quote_id FROM stale_checks ORDER BY quote_id")] == [3, 4]
    lib.close()


def test_an_export_from_before_the_two_flags_imports_as_the_matching_flag(library):
    ruiz = library.speakers.add("Ana Ruiz")
    first = library.quotes.add("We will not raise taxes.", ruiz, second_hand=True, via_outlet="El Comercio")
    out = io.StringIO()
    write_native(library, Selection(), out)
    data = read_native(out.getvalue())
    (item,) = data["quotes"]
    assert item["provenance"] == "second_hand"          # what an older Verbatim reads
    for flag in ("second_hand", "translated"):
        del item[flag]
    item.update(uuid="older", provenance="translated", language="es", updated_at=NOW)
    merge_native(library, data)
    older = library.db.execute("SELECT id FROM quotes WHERE uuid = 'older'").fetchone()[0]
    assert _flags(library, older) == (False, "", True, "es")
    assert _flags(library, first) == (True, "El Comercio", False, "")


def test_checks_demand_told_outlet_and_the_translation_in_the_line(library):
    ruiz = library.speakers.add("Ana Ruiz")
    both = library.quotes.add("We will not raise taxes.", ruiz, second_hand=True, via_outlet="El Comercio",
                              translated=True, language="es")
    (result,) = check_quotes(library, [both])
    assert result.verdicts["second_hand"] == "second_hand" and result.verdicts["translated"] == "translated"
    codes = {f.code for f in findings_for(library, both)}
    assert {"second_hand", "translated"} <= codes
    assert not codes & {"outlet_missing", "translation_unsaid"}     # the line says both
    assert attribution_line(library, both) == "Ana Ruiz told El Comercio (translated from Spanish)."


def test_a_quote_said_in_another_language_than_its_source_is_flagged_as_maybe_translated(library):
    ruiz = library.speakers.add("Ana Ruiz")
    source = library.sources.add("interview", "Call", language="en", text="We will not raise taxes.")
    quote_id = library.quotes.add("We will not raise taxes.", ruiz, source_id=source, language="es")
    check_quotes(library, [quote_id])
    assert "maybe_translated" in {f.code for f in findings_for(library, quote_id)}
    library.sources.update(source, language="Spanish")
    check_quotes(library, [quote_id])
    assert "maybe_translated" not in {f.code for f in findings_for(library, quote_id)}


def test_a_bulk_import_keeps_both_facts_and_refuses_one_without_what_it_names(library):
    ruiz = library.speakers.add("Ana Ruiz")
    both = {"words": "We will not raise taxes.", "speaker_id": ruiz, "second_hand": True,
            "via_outlet": "El Comercio", "translated": True, "language": "es"}
    assert library.quotes.insert_bulk([both]) == 1
    (row,) = library.quotes.page()
    assert _flags(library, row.id) == (True, "El Comercio", True, "es")
    with pytest.raises(InvalidInput, match="outlet"):
        library.quotes.insert_bulk([{**both, "via_outlet": ""}])
    assert library.quotes.count() == 1
