"""Every window command that takes library text out is declared in the registry of channels."""

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication

from qtapp.core.channels import surfaces
from qtapp.core.checks import acknowledge, findings_for
from qtapp.core.checks.model import Finding, QuoteCheck
from qtapp.core.checks.store import save_results
from qtapp.gui import main_menus

from .window_helpers import select_ids

# Words of a command whose result leaves the library.
OUTWARD = re.compile(r"copy|export|save|report|print|send|share|mail|publish|backup|cite|citation|drag", re.I)


def labels(window) -> set[str]:
    return {a.text().replace("&", "") for a in window.findChildren(QAction) if a.text()}


def test_every_outward_window_action_is_declared(main_window):
    outward = {f"window:{label}" for label in labels(main_window) if OUTWARD.search(label)}
    missing = outward - surfaces()
    assert not missing, f"window actions missing from qtapp.core.channels: {sorted(missing)}"


def test_every_window_action_the_registry_names_exists(main_window):
    declared = {s for s in surfaces() if s.startswith("window:")}
    gone = declared - {f"window:{label}" for label in labels(main_window)}
    assert not gone, f"the registry names window actions that do not exist: {sorted(gone)}"


def test_quotes_cannot_be_dragged_out_around_the_gate(main_window):
    # Dragging quotes out would be a channel of its own: it must be registered before it is enabled.
    assert "window:Drag" not in surfaces()
    assert not main_window.table.dragEnabled()
    assert not main_window.model.flags(main_window.model.index(0, 0)) & Qt.ItemFlag.ItemIsDragEnabled


def test_copy_refuses_a_blocked_quote_until_it_is_acknowledged(qtbot, main_window, filled, monkeypatch):
    lib, ids = filled
    save_results(lib, [QuoteCheck(ids["deficit"], findings=[
        Finding("verbatim", "blocking", "altered", "The words differ from the source: “not” is missing.")])])
    shown = []
    monkeypatch.setattr(main_menus, "show_error", lambda parent, e, **kw: shown.append(str(e)))
    QGuiApplication.clipboard().clear()
    select_ids(main_window, {ids["deficit"]})
    for action in (main_window.menus.copy, main_window.menus.copy_words):
        action.trigger()
    assert len(shown) == 2 and all("blocked by a check (not acknowledged): Verbatim" in m for m in shown)
    assert "deficit" not in QGuiApplication.clipboard().text()
    acknowledge(lib, findings_for(lib, ids["deficit"])[0].id, "Checked against the recording")
    main_window.menus.copy.trigger()
    assert "The deficit will be closed within two years" in QGuiApplication.clipboard().text()
