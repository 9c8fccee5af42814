"""Window settings: declared once, kept in QSettings under their declared names, named nowhere else."""

import ast
from pathlib import Path

import pytest

from qtapp.core.errors import InvalidInput
from qtapp.core.settings import SETTINGS
from qtapp.gui import settings
from qtapp.gui.main_window import MainWindow

WINDOW = [s for s in SETTINGS.values() if s.window]
SAMPLES = {str: "/home/reporter/exports", list: ["/a/one.verbatim", "/b/two.verbatim"], bytes: b"\x01\x00\xd9\xd0"}
GUI = Path(settings.__file__).parent


@pytest.mark.parametrize("setting", WINDOW, ids=lambda s: s.name)
def test_every_window_setting_round_trips_with_its_type_and_default(setting):
    assert settings.user_value(setting.name) == setting.default
    settings.set_user_value(setting.name, SAMPLES[setting.type])
    assert settings.user_value(setting.name) == SAMPLES[setting.type]
    assert type(settings.user_value(setting.name)) is setting.type
    settings.set_user_value(setting.name, None)
    assert settings.user_value(setting.name) == setting.default


def test_one_recent_library_reads_back_as_a_list(tmp_path):
    settings.remember_library(tmp_path)
    assert settings.recent_libraries() == [tmp_path]


def test_unknown_or_library_setting_is_refused():
    with pytest.raises(InvalidInput, match="no setting named 'export/colour'"):
        settings.set_user_value("export/colour", "red")
    with pytest.raises(InvalidInput, match="not the window's"):
        settings.user_value("date_order")
    with pytest.raises(InvalidInput, match="export/folder takes text"):
        settings.remember("export", folder=3)


def _literal_keys(path: Path) -> list[str]:
    """QSettings keys written as literals in ``path``: declared names, and first arguments of value()/setValue()."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and node.value in SETTINGS and SETTINGS[node.value].window:
            found.append(node.value)
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr in ("value", "setValue", "remove", "contains")
                and node.args and isinstance(node.args[0], ast.Constant | ast.JoinedStr)):
            found.append(ast.unparse(node))
    return found


def test_no_qsettings_key_is_written_out_of_the_settings_module():
    offenders = {}
    for path in GUI.rglob("*.py"):
        if path.name == "settings.py" and path.parent == GUI:
            continue
        text = path.read_text(encoding="utf-8")
        found = _literal_keys(path) + (["QSettings"] if "QSettings" in text or "qsettings(" in text else [])
        if found:
            offenders[str(path.relative_to(GUI))] = found
    assert offenders == {}


def test_list_columns_come_back_after_closing(qtbot, main_window, filled):
    lib, _ids = filled
    main_window.table.horizontalHeader().hideSection(2)
    main_window.close()
    again = MainWindow(lib)
    qtbot.addWidget(again)
    assert again.table.horizontalHeader().isSectionHidden(2)
    again.close()
