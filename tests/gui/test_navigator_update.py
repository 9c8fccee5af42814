"""The navigator updates only what changed, and always ends showing exactly what was read."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from PySide6.QtCore import QModelIndex, Qt

from qtapp.gui import navigator
from qtapp.gui.models import navigator_model
from qtapp.gui.models.navigator_model import IdRole, NavigatorData, NavigatorModel, entries, gather

from .window_helpers import settle

speakers = st.lists(st.tuples(st.integers(1, 12), st.sampled_from(["Ana Ruiz", "Colm Byrne", "Mei Tanaka"]),
                              st.integers(0, 3)), unique_by=lambda s: s[0], max_size=8)
sources = st.lists(st.fixed_dictionaries({
    "id": st.integers(1, 12), "kind": st.sampled_from(["article", "interview", "broadcast"]),
    "title": st.sampled_from(["Budget hearing", "", "Call"]), "date": st.sampled_from([None, "2023-10-02", "2024"]),
    "outlet": st.sampled_from(["", "Harbour Gazette"]), "quote_count": st.integers(0, 3)}),
    unique_by=lambda s: s["id"], max_size=8)
tags = st.lists(st.tuples(st.sampled_from(["budget", "ferry", "port"]), st.integers(0, 3)),
                unique_by=lambda t: t[0], max_size=3)
data = st.builds(NavigatorData, speakers, sources, tags,
                 st.lists(st.fixed_dictionaries({"name": st.sampled_from(["Ruiz", "tax"]),
                                                 "text": st.sampled_from(["speaker:Ruiz", "tax"])}),
                          unique_by=lambda e: e["name"], max_size=2),
                 st.integers(0, 5), st.integers(0, 5)) | st.none()


def tree(model, parent=None):
    """Every item's text, tooltip and id, nested as shown."""
    parent = parent or QModelIndex()
    children = [model.index(r, 0, parent) for r in range(model.rowCount(parent))]
    return [(i.data(), i.data(Qt.ItemDataRole.ToolTipRole), i.data(IdRole), tree(model, i)) for i in children]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=data, after=data, stop_after=st.integers(0, 6))
def test_any_update_ends_as_a_fresh_build(qapp, library, before, after, stop_after):
    fresh = NavigatorModel(library)
    list(fresh.update(entries(after)))
    model = NavigatorModel(library)
    list(model.update(entries(before)))
    for i, _ in enumerate(model.update(entries(after))):   # an update overtaken half way by the next read
        if i == stop_after:
            break
    list(model.update(entries(after)))
    assert tree(model) == tree(fresh)


def test_a_changed_count_changes_one_item_and_moves_nothing(qapp, library):
    base = NavigatorData([(1, "Ana Ruiz", 2), (2, "Colm Byrne", 1)], [], [("budget", 1)], [], 0, 3)
    model = NavigatorModel(library)
    list(model.update(entries(base)))
    moved, changed = [], []
    for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset, model.layoutChanged):
        signal.connect(lambda *args: moved.append(args))
    model.dataChanged.connect(lambda first, _last, roles: Qt.ItemDataRole.DisplayRole in roles
                              and changed.append(first.data()))
    list(model.update(entries(NavigatorData([(1, "Ana Ruiz", 3), (2, "Colm Byrne", 1)], [], [("budget", 1)],
                                            [], 0, 3))))
    assert moved == []
    assert changed == ["Ana Ruiz (3)"]


def test_an_update_spread_over_many_turns_keeps_the_choice(qtbot, main_window, filled, monkeypatch):
    lib, _ids = filled
    monkeypatch.setattr(navigator_model, "BATCH", 1)      # one new item per step …
    monkeypatch.setattr(navigator, "SLICE_MS", 0)         # … and one step per turn of the event loop
    ruiz = lib.speakers.lookup("Ana Ruiz")
    assert main_window.navigator.choose("speaker", ruiz)
    for n in range(12):
        lib.speakers.add(f"Speaker {n:02}")
    main_window.navigator._show(entries(gather(lib)), False)   # as the read arrives from the reader
    assert main_window.navigator.is_updating()                 # the rest comes in later turns
    settle(qtbot, main_window)
    assert main_window.navigator.current_key() == ("speaker", ruiz)
    assert main_window.model.query.speaker_id == ruiz
    byrne = lib.speakers.lookup("Colm Byrne")
    lib.speakers.add("Speaker 12")
    main_window.navigator._show(entries(gather(lib)), False)
    assert main_window.navigator.choose("speaker", byrne)      # chosen while the update goes on
    settle(qtbot, main_window)
    assert main_window.navigator.current_key() == ("speaker", byrne)
    assert main_window.navigator._find("speaker", lib.speakers.lookup("Speaker 11")).isValid()
