"""The window keeps checks current: every change is re-checked off the GUI thread, within a second."""

import threading

import pytest

from qtapp.core.checks import findings_for, is_stale, recheck
from qtapp.core.query import QuoteQuery
from qtapp.gui import main_window as main_window_module
from qtapp.gui import ops
from qtapp.gui.checks import rechecker as rechecker_module
from qtapp.gui.main_window import MainWindow
from qtapp.gui.models.quotes_model import COLUMNS
from qtapp.gui.operations import checks as check_ops
from qtapp.gui.operations.quotes import save_quote

TEXT = ("“The barrier will hold through the winter,” said Mara Quell, the harbor master. "
        "Park said: “We are not watching the tides closely every single night.”")
STATUS = [key for key, _label in COLUMNS].index("status")


@pytest.fixture
def harbor(library):
    quell = library.speakers.add("Mara Quell", aliases=["Quell"])
    park = library.speakers.add("Jin Park", aliases=["Park"])
    source = library.sources.add("interview", "Harbor", date="2023-11-09", text=TEXT)
    ids = {"barrier": library.quotes.add("The barrier will hold through the winter,", quell, source_id=source),
           "tides": library.quotes.add("We are not watching the tides closely every single night.", park,
                                       source_id=source)}
    recheck(library)
    return library, quell, park, ids


@pytest.fixture
def window(qtbot, harbor):
    lib = harbor[0]
    win = MainWindow(lib)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(win.reader.is_idle, timeout=10_000)
    qtbot.waitUntil(lambda: not win.rechecker.running, timeout=10_000)   # the look-round when a library opens
    yield win
    win.close()


def rechecked(qtbot, window):
    """Wait for the re-check the last change scheduled (a second, with room for a loaded machine)."""
    return qtbot.waitSignal(window.rechecker.did_recheck, timeout=3000)


def status_shown(window, quote_id):
    window.model.refresh()
    return window.model.index(window.model.row_of(quote_id), STATUS).data()


def test_a_speaker_change_and_its_undo_are_rechecked_within_a_second(qtbot, window, harbor):
    lib, quell, _park, ids = harbor
    with rechecked(qtbot, window):
        save_quote(lib, ids["tides"], speaker_id=quell)
        window.refresh()
    assert lib.quotes.get(ids["tides"]).check_status == "blocking"
    assert any(f.code == "misattributed" for f in findings_for(lib, ids["tides"]))
    with rechecked(qtbot, window):
        window.menus.undo.trigger()
    assert not any(f.code == "misattributed" for f in findings_for(lib, ids["tides"]))
    assert lib.quotes.get(ids["tides"]).check_status != "blocking"
    assert status_shown(window, ids["tides"]) != "Blocking"
    qtbot.waitUntil(window.reader.is_idle, timeout=10_000)
    assert attention_shown(window) == f"Needs attention ({lib.quotes.count(QuoteQuery(needs_attention=True))})"


def attention_shown(window):
    model = window.navigator.model
    return next(model.index(r, 0).data() for r in range(model.rowCount())
                if model.index(r, 0).data().startswith("Needs attention"))


def test_rechecks_run_off_the_gui_thread_and_changes_in_a_row_make_one_run(qtbot, window, harbor, monkeypatch):
    lib, quell, park, ids = harbor
    runs = []
    real = check_ops.recheck

    def spy(*args, **kwargs):
        runs.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(check_ops, "recheck", spy)
    with rechecked(qtbot, window):
        for speaker in (quell, park, quell):
            save_quote(lib, ids["tides"], speaker_id=speaker)
            window.refresh()
    assert len(runs) == 1 and runs[0] is not threading.main_thread()
    assert not is_stale(lib, ids["tides"])


def test_marking_a_speaker_confidential_rechecks_his_quotes(qtbot, window, harbor):
    lib, _quell, park, ids = harbor
    with rechecked(qtbot, window):
        lib.speakers.update(park, confidential=True)
        window.refresh()
    assert any(f.code == "confidential_on_record" for f in findings_for(lib, ids["tides"]))


def test_check_again_updates_the_list_too(qtbot, window, harbor):
    lib, quell, _park, ids = harbor
    lib.db.execute("UPDATE quotes SET speaker_id = ? WHERE id = ?", [quell, ids["tides"]])  # behind the app's back
    lib.db.conn.commit()
    assert window.select_quote(ids["tides"])
    window.detail.setCurrentWidget(window.detail.checks_tab)
    panel = window.detail.checks
    with qtbot.waitSignal(panel.quote_did_change, timeout=5000):
        panel.recheck.click()
    ops.wait_for_all()
    assert "Blocks publication" in panel.status.text()
    assert status_shown(window, ids["tides"]) == "Blocking"


def test_a_backlog_is_worked_through_in_chunks(qtbot, window, harbor, monkeypatch):
    lib, quell, _park, _ids = harbor
    monkeypatch.setattr(rechecker_module, "CHUNK", 2)
    new = [lib.quotes.add(f"Quote number {n} about the harbor wall.", quell) for n in range(5)]
    checked = []
    window.rechecker.did_recheck.connect(lambda ids, _blocking: checked.extend(ids))
    window.refresh()
    qtbot.waitUntil(lambda: not any(is_stale(lib, q) for q in new) and not window.rechecker.running, timeout=10_000)
    assert set(new) <= set(checked)


def test_a_recheck_finishing_during_an_op_is_shown_after_it(qtbot, window, monkeypatch):
    """The window's connection may be inside the op's transaction: nothing reads it until the op ends."""
    reads = []
    monkeypatch.setattr(window, "refresh", lambda _what, *, message="": reads.append(message))
    release = threading.Event()
    op = ops.run_in_background(window, lambda _progress: release.wait(10), label="Importing",
                               on_success=lambda _r: None)
    window.rechecker.did_recheck.emit([1], [1])
    assert reads == []
    with qtbot.waitSignal(op.finished, timeout=10_000):
        release.set()
    assert reads == ["1 changed quote now blocks publication: see Needs attention"]


def test_a_backlog_rereads_the_list_at_most_once_a_second_and_shows_all_it_found(qtbot, window, monkeypatch):
    # An import's re-check reports every 200 quotes; re-reading the list for each threw away the
    # pages being read for a reporter's scrolling. The first report shows at once, the rest together.
    reads = []
    monkeypatch.setattr(window, "refresh", lambda _what, *, message="": reads.append(message))
    monkeypatch.setattr(rechecker_module.Rechecker, "running", property(lambda _self: True))   # more to come
    qtbot.wait(main_window_module.RECHECK_SHOWN_EVERY_MS)   # nothing shown lately
    for _ in range(5):
        window.rechecker.did_recheck.emit([1, 2], [1])
    assert reads == ["1 changed quote now blocks publication: see Needs attention"]
    qtbot.waitUntil(lambda: len(reads) == 2, timeout=5000)
    assert reads[1] == "4 changed quotes now block publication: see Needs attention"
    # The backlog's last chunk, with nothing more to come, shows at once.
    monkeypatch.setattr(rechecker_module.Rechecker, "running", property(lambda _self: False))
    window.rechecker.did_recheck.emit([3], [])
    assert len(reads) == 3


def test_a_recheck_waits_for_rows_on_their_way_before_the_list_is_read_again(qtbot, window, monkeypatch):
    # A far jump's page read takes tens of milliseconds at a million quotes; re-reading the list
    # meanwhile threw the page away and read it again.
    reads = []
    monkeypatch.setattr(window, "refresh", lambda _what, *, message="": reads.append(message))
    on_the_way = [True]
    monkeypatch.setattr(window.model, "reading_rows", lambda: on_the_way[0])
    window.rechecker.did_recheck.emit([1], [])
    qtbot.wait(3 * main_window_module.RECHECK_WAIT_MS)
    assert reads == []
    on_the_way[0] = False
    qtbot.waitUntil(lambda: reads == [""], timeout=2000)
    # Rows that never stop coming do not hold the results back for long.
    on_the_way[0] = True
    window.rechecker.did_recheck.emit([2], [])
    qtbot.waitUntil(lambda: len(reads) == 2,
                    timeout=main_window_module.RECHECK_WAIT_MS * main_window_module.RECHECK_WAITS + 3000)
