"""Every write from the window is an operation: refused while other work holds the library,
announced when done, and the only place in ``qtapp/gui`` that writes or runs SQL."""

import ast
import importlib
import inspect
import pkgutil
import threading
from pathlib import Path
from unittest.mock import Mock

import pytest

from qtapp.core.checks import is_stale
from qtapp.core.errors import InvalidInput, LibraryBusy
from qtapp.core.library import Library
from qtapp.gui import operations, ops
from qtapp.gui.models.quotes_model import COLUMNS
from qtapp.gui.operations import Change, capture, changes, in_background
from qtapp.gui.operations import checks as check_ops
from qtapp.gui.operations import quotes as quote_ops
from qtapp.gui.operations import settings as settings_ops
from qtapp.gui.operations import speakers as speaker_ops
from qtapp.gui.operations import undo as undo_ops

from .window_helpers import select_ids, settle

GUI = Path(operations.__file__).parent.parent
WORDS = [key for key, _label in COLUMNS].index("words")

# Methods of the library's records (lib.quotes, lib.speakers, …) and of the library itself that write.
RECORDS = {"quotes", "speakers", "sources", "trash", "tags"}
RECORD_WRITES = {"add", "add_in_step", "update", "update_in_step", "update_if_changed", "edit", "delete",
                 "restore", "empty", "merge", "set_said", "add_alias", "remove_alias", "add_role"}
LIBRARY_WRITES = {"set_setting", "undo", "redo", "step", "write"}
SQL = {"execute", "executemany", "executescript"}
# Core functions that write to the library.
CORE_WRITES = {"acknowledge", "log_accepted", "source_from_text", "import_paths", "import_drafts", "import_zotero",
               "check_many", "check_quotes", "check_library", "recheck", "mark_due", "apply_import", "load_sample",
               "save_search", "set_value", "save_cues", "mark_verified", "set_reporter_name"}


def core_imports(tree: ast.Module) -> dict[str, str]:
    """Names a module imports from ``qtapp.core`` (relative or absolute), to the names they stand for."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and "core" in (node.module or "").split("."):
            names |= {alias.asname or alias.name: alias.name for alias in node.names}
    return names


def writes(tree: ast.Module) -> list[tuple[int, str]]:
    """(line, call) of every core write or SQL statement the module makes itself."""
    from_core = core_imports(tree)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Attribute):
            owner = ast.unparse(func.value)
            last = owner.rsplit(".", 1)[-1]
            if (func.attr in SQL or (last in RECORDS and func.attr in RECORD_WRITES)
                    or (last == "lib" and func.attr in LIBRARY_WRITES)
                    or (owner.split(".")[0] in from_core and func.attr in CORE_WRITES)):
                found.append((node.lineno, ast.unparse(func)))
        elif isinstance(func, ast.Name) and from_core.get(func.id) in CORE_WRITES:
            found.append((node.lineno, func.id))
    return found


def gui_modules(*, operations_too: bool):
    for path in sorted(GUI.rglob("*.py")):
        inside = "operations" in path.relative_to(GUI).parts
        if operations_too or not inside:
            yield path, ast.parse(path.read_text(encoding="utf-8"))


def test_the_scan_finds_writes_and_sql():
    tree = ast.parse("from ..core.checks import acknowledge as ack\nfrom ..core import backup\n"
                     "self.lib.quotes.add('w', 1)\nlib.set_setting('a', 1)\nself.lib.db.execute('SELECT 1')\n"
                     "ack(lib, 1, 'r')\nself.lib.quotes.get(1)\nseen.add(1)\nbackup.restore(p, s)\n")
    assert [line for line, _call in writes(tree)] == [3, 4, 5, 6]


def test_no_module_outside_operations_writes_to_the_library_or_runs_sql():
    leaks = [f"{path.relative_to(GUI)}:{line} {call}"
             for path, tree in gui_modules(operations_too=False) for line, call in writes(tree)]
    assert leaks == []


def test_every_function_in_operations_that_writes_is_an_operation():
    undecorated = []
    for path, tree in gui_modules(operations_too=True):
        if "operations" not in path.parts or path.name == "__init__.py":
            continue
        for fn in tree.body:
            if isinstance(fn, ast.FunctionDef) and writes(ast.Module([fn], [])) \
                    and not any("operation" in ast.unparse(d) for d in fn.decorator_list):
                undecorated.append(f"{path.name}:{fn.name}")
    assert undecorated == []


@pytest.fixture
def announced():
    """What :data:`operations.changes` announces during the test, as (library, Change) pairs."""
    seen = []

    def note(lib, what):
        seen.append((lib, what))

    changes.did_change.connect(note)
    yield seen
    changes.did_change.disconnect(note)


def every_operation():
    for info in pkgutil.iter_modules(operations.__path__):
        module = importlib.import_module(f"{operations.__name__}.{info.name}")
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            if hasattr(fn, "changes") and fn.__module__ == module.__name__ and not hasattr(fn, "own_connection"):
                yield pytest.param(fn, id=f"{info.name}.{name}")


@pytest.mark.parametrize("op", list(every_operation()))
def test_every_operation_is_refused_while_other_work_holds_the_library(op, monkeypatch, announced):
    monkeypatch.setattr(ops, "is_busy", lambda: True)
    lib = Mock()
    required = {name: Mock() for name, p in inspect.signature(op).parameters.items()
                if name != "lib" and p.default is p.empty and p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)}
    with pytest.raises(LibraryBusy, match="Wait until it has finished"):
        op(lib, **required)
    assert lib.mock_calls == [] and announced == []


def test_the_recheck_on_its_own_connection_runs_while_other_work_holds_the_library(filled, monkeypatch, announced):
    lib, ids = filled
    assert is_stale(lib, ids["ferry"])   # just logged
    monkeypatch.setattr(ops, "is_busy", lambda: True)
    own = Library(lib.path, backups=False)
    try:
        result = check_ops.recheck_marked(own, due=False, limit=200)
    finally:
        own.close()
    assert ids["ferry"] in result.checked and not is_stale(lib, ids["ferry"])
    assert announced == []   # the window hears it from the rechecker, at most once a second in a backlog
    assert check_ops.recheck_marked(lib, due=False, limit=200) is None   # nothing left marked


def hold_the_library(qtbot):
    """Start background work that holds the library until the returned event is set."""
    release = threading.Event()
    op = ops.run_in_background(None, lambda _progress: release.wait(10), label="Holding", on_success=lambda _r: None)
    assert ops.is_busy()
    return release, op


def test_a_delete_while_an_import_runs_is_refused_in_the_status_bar_and_works_after(qtbot, main_window, filled):
    lib, ids = filled
    select_ids(main_window, {ids["ferry"]})
    release, holding = hold_the_library(qtbot)
    try:
        main_window.menus.delete.trigger()
        assert "Wait until it has finished" in main_window.statusBar().currentMessage()
        with pytest.raises(LibraryBusy):
            in_background(None, capture.import_files, lib, [], label="Importing", on_success=lambda _r: None)
    finally:
        release.set()
        with qtbot.waitSignal(holding.finished, timeout=10_000):
            pass
    assert lib.quotes.count() == 5
    settle(qtbot, main_window)
    select_ids(main_window, {ids["ferry"]})
    main_window.menus.delete.trigger()
    assert lib.quotes.count() == 4
    assert "moved to the Trash" in main_window.statusBar().currentMessage()


@pytest.mark.parametrize("op, args, kind", [
    (quote_ops.save_quote, ("taxes",), Change.QUOTES),
    (speaker_ops.add_speaker, ("Maarten van der Berg",), Change.SPEAKERS),
    (settings_ops.save_search, ("Harbour", "harbour wall"), Change.SETTINGS),
    (quote_ops.delete_quotes, (["taxes"],), Change.QUOTES),
])
def test_each_write_announces_what_it_changed(filled, announced, op, args, kind):
    lib, ids = filled
    args = tuple([ids[a] for a in arg] if isinstance(arg, list) else ids.get(arg, arg) for arg in args)
    kwargs = {"context": "Asked twice."} if op is quote_ops.save_quote else {}
    op(lib, *args, **kwargs)
    assert announced == [(lib, kind)]


def test_undo_announces_every_kind(filled, announced):
    lib, ids = filled
    quote_ops.delete_quotes(lib, [ids["taxes"]])
    undo_ops.undo(lib)
    assert announced == [(lib, Change.QUOTES), (lib, Change.ALL)]


def test_a_write_the_core_refuses_announces_nothing(filled, announced):
    lib, ids = filled
    with pytest.raises(InvalidInput):
        quote_ops.save_quote(lib, ids["taxes"], words="")
    assert announced == []


def test_a_background_import_announces_before_its_result_is_shown(qtbot, library, tmp_path, announced):
    note = tmp_path / "notes.txt"
    note.write_text("The council will vote on the seawall in March.", encoding="utf-8")
    shown = []
    op = in_background(None, capture.import_files, library, [note], label="Importing",
                       on_success=lambda report: shown.append(list(announced)))
    with qtbot.waitSignal(op.finished, timeout=10_000):
        pass
    assert shown == [[(library, Change.SOURCES)]] and announced == [(library, Change.SOURCES)]
    assert len(library.sources.all()) == 1


def test_the_window_rereads_only_the_parts_that_show_a_change(qtbot, main_window, filled, monkeypatch):
    lib, ids = filled
    listed = []
    real = main_window.model.refresh
    monkeypatch.setattr(main_window.model, "refresh", lambda: (listed.append(1), real()))
    settings_ops.save_search(lib, "Harbour", "harbour wall")
    settle(qtbot, main_window)
    assert listed == []                                         # a saved search is not in the list …
    assert "Harbour" in saved_searches_shown(main_window)      # … but in the navigator
    words = "Nobody on a middle income will pay more in tax."
    quote_ops.save_quote(lib, ids["taxes"], words=words)
    assert listed == [1]                                        # an edited quote is in the list
    settle(qtbot, main_window)
    row = main_window.model.row_of(ids["taxes"])
    assert main_window.model.index(row, WORDS).data() == words


def saved_searches_shown(window) -> list[str]:
    tree = window.navigator.model
    group = next(tree.item(r) for r in range(tree.rowCount()) if tree.item(r).text() == "Saved searches")
    return [group.child(r).text() for r in range(group.rowCount())]


def test_a_change_to_another_library_leaves_the_window_alone(qtbot, main_window, tmp_path, monkeypatch):
    from qtapp.core.library import Library
    other = Library(tmp_path / "other.verbatim")
    listed = []
    monkeypatch.setattr(main_window.model, "refresh", lambda: listed.append(1))
    speaker_ops.add_speaker(other, "Rosa Lind")
    other.close()
    assert listed == []
