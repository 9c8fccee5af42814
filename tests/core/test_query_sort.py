"""Every column of the quotes list pages through exactly the rows of a plain full sort, ties
broken by id, in both directions, and follows renames of speakers and sources."""

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qtapp.core.library import Library
from qtapp.core.query import SORTS, TITLE_SQL, QuoteQuery, cursor_at, page_quotes

# The truth each order must match: the keys read from where they live, not their copies.
TRUE_KEYS = {**SORTS, "speaker": "sp.sort_name", "title": TITLE_SQL, "source": "coalesce(so.title, '')"}
FEW = ["alpha", "Beta", "beta", "Émile", "zeta"]      # few values, so that ties are common

names = st.sampled_from(FEW)
dates = st.sampled_from(["", "2019", "2020-05", "2020-05-04", "2021-01-01"])
quotes = st.lists(st.fixed_dictionaries({
    "words": names, "speaker": st.integers(0, 2), "source": st.integers(-1, 2), "said": dates,
    "rule": st.sampled_from(["on_record", "background", "off_record"]),
    "second_hand": st.booleans(), "translated": st.booleans(),
    "status": st.sampled_from([None, "ok", "warning", "blocking"]), "trashed": st.booleans(),
}), min_size=0, max_size=14)
roles = st.lists(st.fixed_dictionaries({"title": names, "start": st.sampled_from([None, "2019", "2020-05"]),
                                        "end": st.sampled_from([None, "2020", "2021-01-01"])}), max_size=3)


def build(lib: Library, speaker_names, speaker_roles, source_titles, rows) -> list[int]:
    speakers = [lib.speakers.add(f"{name} {i}", sort_name=name, roles=role_list)
                for i, (name, role_list) in enumerate(zip(speaker_names, speaker_roles, strict=True))]
    sources = [lib.sources.add("article", title) for title in source_titles]
    items = [{"words": row["words"], "speaker_id": speakers[row["speaker"]], "said": row["said"],
              "source_id": sources[row["source"]] if row["source"] >= 0 else None, "rule": row["rule"],
              "rule_description": "an aide", "second_hand": row["second_hand"], "via_outlet": "Wire",
              "translated": row["translated"], "language": "fr"} for row in rows]
    half = len(items) // 2      # one at a time, and as an import: both must store the sort keys
    for item in items[:half]:
        lib.quotes.add(item.pop("words"), item.pop("speaker_id"), **item)
    lib.quotes.insert_bulk(items[half:])
    ids = [i for (i,) in lib.db.execute("SELECT id FROM quotes ORDER BY id")]
    with lib.write() as db:
        for quote_id, row in zip(ids, rows, strict=True):
            db.execute("UPDATE quotes SET check_status = ? WHERE id = ?", [row["status"], quote_id])
    trashed = [i for i, row in zip(ids, rows, strict=True) if row["trashed"]]
    if trashed:
        lib.quotes.delete(trashed)
    return speakers + sources


def full_sort(lib: Library, sort: str, descending: bool) -> list[int]:
    rows = lib.db.execute(f"SELECT q.id, {TRUE_KEYS[sort]} FROM quotes q JOIN speakers sp ON sp.id = q.speaker_id "
                          "LEFT JOIN sources so ON so.id = q.source_id WHERE q.deleted_at IS NULL").fetchall()
    return [i for i, _ in sorted(rows, key=lambda r: (r[1], r[0]), reverse=descending)]


def paged(lib: Library, query: QuoteQuery, size: int) -> list[int]:
    ids, after = [], None
    while page := page_quotes(lib.db, query, after=after, limit=size):
        ids += [r.id for r in page]
        after = page[-1].cursor
    return ids


def assert_every_order_matches(lib: Library, size: int) -> None:
    for sort in SORTS:
        for descending in (False, True):
            query = QuoteQuery(sort=sort, descending=descending)
            expected = full_sort(lib, sort, descending)
            assert paged(lib, query, size) == expected, (sort, descending)
            for position in range(len(expected) - 1):   # a far jump lands on the row after it
                cursor = cursor_at(lib.db, query, position, total=len(expected))
                assert page_quotes(lib.db, query, after=cursor, limit=1)[0].id == expected[position + 1]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(speaker_names=st.lists(names, min_size=3, max_size=3), speaker_roles=st.lists(roles, min_size=3, max_size=3),
       source_titles=st.lists(names, min_size=3, max_size=3), rows=quotes, size=st.integers(1, 4),
       renamed_speaker=st.integers(0, 2), renamed_source=st.integers(0, 2), new_name=names)
def test_paging_every_order_gives_the_full_sort_and_follows_renames(
        speaker_names, speaker_roles, source_titles, rows, size, renamed_speaker, renamed_source, new_name):
    with tempfile.TemporaryDirectory() as folder:
        lib = Library(Path(folder) / "sort.verbatim")
        try:
            ids = build(lib, speaker_names, speaker_roles, source_titles, rows)
            assert_every_order_matches(lib, size)
            lib.speakers.update(ids[renamed_speaker], sort_name=new_name + " renamed")
            lib.sources.update(ids[3 + renamed_source], title=new_name + " renamed")
            lib.speakers.add_role(ids[renamed_speaker], {"title": "Envoy", "start": "2020"})
            assert_every_order_matches(lib, size)
        finally:
            lib.close()


def test_a_quote_moved_to_another_speaker_sorts_under_the_new_name_and_title(library):
    mayor = library.speakers.add("Ann Zed", roles=[{"title": "Mayor"}])
    other = library.speakers.add("Bob Able")
    moved = library.quotes.add("We will build.", mayor)
    stays = library.quotes.add("We will not.", other)
    by_speaker = QuoteQuery(sort="speaker", descending=False)
    by_title = QuoteQuery(sort="title", descending=False)
    assert [r.id for r in library.quotes.page(by_speaker)] == [stays, moved]
    assert [r.id for r in library.quotes.page(by_title)] == [stays, moved]
    library.quotes.update(moved, speaker_id=other)
    assert [r.id for r in library.quotes.page(by_speaker)] == [moved, stays]
    assert [r.id for r in library.quotes.page(by_title)] == [moved, stays]
