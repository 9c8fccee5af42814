"""The item models: Qt's model contract, paging that matches SQL's order, bounded memory."""

import pytest

from PySide6.QtCore import Qt

from qtapp.core.query import QuoteQuery
from qtapp.gui import ops
from qtapp.gui.models import quotes_model
from qtapp.gui.models.navigator_model import KindRole, NavigatorModel
from qtapp.gui.models.quotes_model import COLUMNS, PLACEHOLDER, QuoteIdRole, QuotesModel

N = 230


@pytest.fixture
def many(library):
    """N quotes by three speakers over several dates, with ties in every sort key."""
    speakers = [library.speakers.add(name, aliases=[alias]) for name, alias in
                (("Ines Duarte", "Duarte"), ("Oskar Lund", "the treasurer"), ("Mei Tanaka", "Tanaka"))]
    source = library.sources.add("article", "Council minutes", date="2022-05")
    library.quotes.add_many([
        {"words": f"Statement number {i} about the {('harbour', 'budget', 'schools')[i % 3]}.",
         "speaker_id": speakers[i % 3], "source_id": source if i % 2 else None,
         "said": f"2022-{1 + i % 12:02d}-{1 + i % 5:02d}" if i % 7 else "2022"}
        for i in range(N)])
    return library


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(quotes_model, "PAGE_SIZE", 17)
    monkeypatch.setattr(quotes_model, "MAX_PAGES", 3)


def all_ids(lib, query):
    return [r.id for r in lib.quotes.page(query, limit=10_000)]


def test_quotes_model_passes_the_model_tester(qtmodeltester, many, small_pages):
    qtmodeltester.check(QuotesModel(many), force_py=True)


def test_empty_quotes_model_passes_the_model_tester(qtmodeltester, library):
    qtmodeltester.check(QuotesModel(library), force_py=True)


def test_navigator_model_passes_the_model_tester(qtmodeltester, many):
    model = NavigatorModel(many)
    model.reload()
    qtmodeltester.check(model, force_py=True)


@pytest.mark.parametrize("key", [k for k, _ in COLUMNS])
def test_rows_follow_sql_order_forwards_and_backwards(many, small_pages, key):
    model = QuotesModel(many)
    column = [k for k, _ in COLUMNS].index(key)
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        model.sort(column, order)
        expected = all_ids(many, model.query)
        assert model.rowCount() == N
        assert [model.quote_id(r) for r in range(N)] == expected
        assert [model.quote_id(r) for r in reversed(range(N))] == expected[::-1]


def test_jumping_deep_reads_only_what_is_shown(many, small_pages):
    model = QuotesModel(many)
    expected = all_ids(many, model.query)
    for row in (N - 1, N // 2, 3, N - 20):       # as a dragged scroll bar would ask
        assert model.quote_id(row) == expected[row]
    assert len(model._pages) <= quotes_model.MAX_PAGES


def test_memory_stays_bounded_when_scrolling_through(many, small_pages):
    model = QuotesModel(many)
    for row in range(N):
        model.data(model.index(row, 0))
    assert len(model._pages) == quotes_model.MAX_PAGES


def test_display_words_tooltip_and_id(many):
    model = QuotesModel(many)
    index = model.index(0, 0)
    quote = many.quotes.get(index.data(QuoteIdRole))
    assert index.data(Qt.ItemDataRole.ToolTipRole) == quote.words
    assert index.data() == " ".join(quote.words.split())
    said = model.index(0, [k for k, _ in COLUMNS].index("said")).data()
    assert said == quote.said.display()


def test_query_filters_by_speaker_alias(many):
    model = QuotesModel(many)
    model.set_query(QuoteQuery(speaker="the treasurer"))
    speaker_column = [k for k, _ in COLUMNS].index("speaker")
    assert model.rowCount() == len([i for i in range(N) if i % 3 == 1])
    assert {model.index(r, speaker_column).data() for r in range(model.rowCount())} == {"Oskar Lund"}


def test_rows_show_placeholders_while_a_background_op_holds_the_library(many, monkeypatch):
    model = QuotesModel(many)
    monkeypatch.setattr(ops, "is_busy", lambda: True)
    assert model.index(0, 0).data() == PLACEHOLDER
    assert model.quote_id(0) is None
    monkeypatch.setattr(ops, "is_busy", lambda: False)
    assert model.quote_id(0) is not None


def test_a_page_that_cannot_be_read_becomes_disabled_rows(many, monkeypatch):
    model = QuotesModel(many)

    def broken(*args, **kwargs):
        raise RuntimeError("disk gone")

    monkeypatch.setattr(many.quotes, "page", broken)
    index = model.index(0, 0)
    assert index.data() == "(could not be read)"
    assert not index.flags() & Qt.ItemFlag.ItemIsEnabled


def test_refresh_after_a_change_shows_it(many):
    model = QuotesModel(many)
    first = model.quote_id(0)
    many.quotes.update(first, words="Corrected statement.")
    model.refresh()
    assert model.index(0, 0).data() == "Corrected statement."
    many.quotes.delete([first])
    model.refresh()
    assert model.rowCount() == N - 1 and model.quote_id(0) != first


def test_navigator_counts_and_filters_speakers_by_alias(many):
    model = NavigatorModel(many)
    model.reload("treasurer")
    speakers = next(model.index(r, 0) for r in range(model.rowCount()) if model.index(r, 0).data() == "Speakers")
    assert model.rowCount(speakers) == 1
    child = model.index(0, 0, speakers)
    assert child.data() == f"Oskar Lund ({len([i for i in range(N) if i % 3 == 1])})"
    assert child.data(KindRole) == "speaker"


class HeldReader:
    """A reader whose results arrive only when the test releases them."""

    def __init__(self):
        self.waiting = []

    def submit(self, channel, fn, on_done, on_failed=None, first=False):
        self.waiting = [w for w in self.waiting if w[0] != channel]
        self.waiting.append((channel, fn, on_done))

    def cancel(self, channel):
        self.waiting = [w for w in self.waiting if w[0] != channel]

    def release(self, lib):
        waiting, self.waiting = self.waiting, []
        for _channel, fn, on_done in waiting:
            on_done(fn(lib))


def test_first_page_shows_before_the_count_arrives(qtmodeltester, many, small_pages):
    reader = HeldReader()
    model = QuotesModel(many, reader=reader)
    assert not model.count_is_exact and model.rowCount() == quotes_model.PAGE_SIZE
    qtmodeltester.check(model, force_py=True)
    reader.release(many)
    assert model.count_is_exact and model.rowCount() == N
    assert [model.quote_id(r) for r in range(N)] == all_ids(many, model.query)


def test_the_view_pages_on_while_counting(many, small_pages):
    model = QuotesModel(many, reader=HeldReader())
    while model.canFetchMore():
        model.fetchMore()
    assert model.count_is_exact and model.rowCount() == N
    assert [model.quote_id(r) for r in range(N)] == all_ids(many, model.query)


def test_a_smaller_count_after_a_change_removes_rows(many, small_pages):
    reader = HeldReader()
    model = QuotesModel(many, reader=reader)
    reader.release(many)
    many.quotes.delete([model.quote_id(0), model.quote_id(1)])
    model.refresh()
    reader.release(many)
    assert model.rowCount() == N - 2
    assert [model.quote_id(r) for r in range(N - 2)] == all_ids(many, model.query)


def test_background_reader_delivers_only_the_newest_result(qtbot, many):
    from qtapp.gui.models.reader import BackgroundReader
    reader = BackgroundReader(many.path)
    results = []
    for speaker in ("Duarte", "the treasurer", "Tanaka"):
        reader.submit("count", lambda lib, s=speaker: lib.quotes.count(QuoteQuery(speaker=s)), results.append)
    qtbot.waitUntil(reader.is_idle, timeout=10_000)
    reader.close()
    assert results == [many.quotes.count(QuoteQuery(speaker="Tanaka"))]


def test_background_reader_reads_the_rows_on_screen_before_counts(qtbot, many):
    import threading

    from qtapp.gui.models.reader import BackgroundReader
    reader = BackgroundReader(many.path)
    busy, ran = threading.Event(), []
    reader.submit("slow", lambda lib: busy.wait(10), lambda _r: None)   # holds the reader's thread
    for channel, first in (("count", False), ("navigator", False), ("page-7", True)):
        reader.submit(channel, lambda lib, c=channel: ran.append(c), lambda _r: None, first=first)
    busy.set()
    qtbot.waitUntil(reader.is_idle, timeout=10_000)
    reader.close()
    assert ran == ["page-7", "count", "navigator"]


def test_rows_asked_for_interrupt_a_running_count_which_then_runs_again(qtbot, many):
    import threading

    from qtapp.gui.models.reader import BackgroundReader
    reader = BackgroundReader(many.path)
    started, attempts, delivered = threading.Event(), [], []
    slow_sql = ("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 3000000) "
                "SELECT count(running(x)) FROM n")

    def slow_count(lib):
        attempts.append(len(attempts) + 1)
        # tells the test once the statement runs, so that there is something to interrupt
        lib.db.conn.create_function("running", 1, lambda x: x if x != 1000 else (started.set(), x)[1])
        return lib.db.execute(slow_sql).fetchone()[0]

    reader.submit("count", slow_count, lambda n: delivered.append(("count", n)))
    assert started.wait(10)
    reader.submit("page-3", lambda lib: lib.quotes.count(QuoteQuery(speaker="Tanaka")),
                  lambda n: delivered.append(("page-3", n)), first=True)
    qtbot.waitUntil(reader.is_idle, timeout=30_000)
    reader.close()
    assert delivered == [("page-3", many.quotes.count(QuoteQuery(speaker="Tanaka"))), ("count", 3_000_000)]
    assert len(attempts) == 2


def test_rows_are_not_read_while_the_scroll_bar_is_dragged(many, small_pages):
    model = QuotesModel(many)
    model.defer_reading(True)
    assert model.index(N - 1, 0).data() == PLACEHOLDER
    model.defer_reading(False)
    assert model.quote_id(N - 1) == all_ids(many, model.query)[-1]


def test_a_count_for_the_previous_query_never_lands(qtbot, many, small_pages):
    from qtapp.gui.models.reader import BackgroundReader
    reader = BackgroundReader(many.path)
    model = QuotesModel(many, reader=reader)            # counting all N quotes in the background
    model.set_query(QuoteQuery(text='"number 5 about"'))   # one quote, read on the reader too
    qtbot.waitUntil(reader.is_idle, timeout=10_000)
    qtbot.wait(20)
    reader.close()
    assert model.rowCount() == 1 and model.quote_id(0) == all_ids(many, model.query)[0]


@pytest.mark.parametrize("key", [k for k, _ in COLUMNS])
def test_every_order_reads_the_next_page_at_once(many, small_pages, key):
    """Every order has an index (m009): scrolling down reads page after page on the GUI thread."""
    reader = HeldReader()
    model = QuotesModel(many, reader=reader)
    reader.release(many)                                  # the count
    model.sort([k for k, _ in COLUMNS].index(key), Qt.SortOrder.DescendingOrder)
    assert [model.quote_id(row) for row in range(N)] == all_ids(many, model.query)
    assert reader.waiting == []


def test_a_far_page_is_looked_up_in_the_background(qtmodeltester, many, small_pages):
    reader = HeldReader()
    model = QuotesModel(many, reader=reader)
    reader.release(many)                                  # the count
    model.sort([k for k, _ in COLUMNS].index("words"), Qt.SortOrder.AscendingOrder)
    assert model.index(N - 1, 0).data() == PLACEHOLDER    # the scroll bar dropped at the end
    reader.release(many)
    assert model.quote_id(N - 1) == all_ids(many, model.query)[-1]
    qtmodeltester.check(model, force_py=True)


def test_a_searchs_first_page_is_read_in_the_background(many, small_pages):
    reader = HeldReader()
    model = QuotesModel(many, reader=reader)
    reader.release(many)
    model.sort([k for k, _ in COLUMNS].index("said"), Qt.SortOrder.DescendingOrder)
    model.set_query(QuoteQuery(text="harbour"))
    assert model.rowCount() == 0 and not model.count_is_exact
    reader.release(many)                                  # the first page, then the count
    expected = all_ids(many, model.query)
    assert model.rowCount() == len(expected) and model.quote_id(0) == expected[0]


def test_the_page_after_a_far_one_starts_from_its_cursor(many, small_pages, monkeypatch):
    reader = HeldReader()
    model = QuotesModel(many, reader=reader)
    reader.release(many)                                  # the count
    lookups = []
    real = quotes_model.cursor_at
    monkeypatch.setattr(quotes_model, "cursor_at", lambda *a, **k: lookups.append(a[2]) or real(*a, **k))
    far = quotes_model.PAGE_SIZE * 9 + 10                 # rows on screen span pages 9 and 10
    assert model.index(far, 0).data() == PLACEHOLDER and model.index(far + 10, 0).data() == PLACEHOLDER
    reader.release(many)
    ids = all_ids(many, model.query)
    assert [model.quote_id(far), model.quote_id(far + 10)] == [ids[far], ids[far + 10]]
    assert len(lookups) == 1                              # page 10 began where page 9 ended
