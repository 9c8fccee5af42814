"""Settings declared once: each reads its default, keeps what was stored, and refuses what it cannot hold."""

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from qtapp.core import paths, settings
from qtapp.core.errors import InvalidInput
from qtapp.core.library import Library

CORE = [s for s in settings.SETTINGS.values() if not s.window]
VALUES = {str: st.text(), int: st.integers(min_value=0, max_value=10**6),
          list: st.lists(st.fixed_dictionaries({"name": st.text(), "text": st.text()}), max_size=4)}


@pytest.fixture(autouse=True)
def private_user_file(tmp_path, monkeypatch):
    """User settings go to a file in tmp_path, never to the user's own."""
    path = tmp_path / "config" / "settings.json"
    monkeypatch.setattr(settings, "user_file", lambda: path)
    return path


def test_every_setting_is_declared_with_a_scope_type_default_and_description():
    for setting in settings.SETTINGS.values():
        assert setting.scope in ("library", "user")
        assert setting.default is None or isinstance(setting.default, setting.type)
        assert setting.description.endswith(".")


@pytest.mark.parametrize("setting", CORE, ids=lambda s: s.name)
def test_unset_setting_reads_its_default(library, setting):
    assert settings.value(library, setting.name) == setting.default


@pytest.mark.parametrize("setting", CORE, ids=lambda s: s.name)
@hypothesis_settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_every_setting_round_trips_with_its_type(tmp_path, setting, data):
    new = data.draw(VALUES[setting.type])
    path = tmp_path / "round.verbatim"
    with Library(path, backups=False) as lib:
        settings.set_value(lib, setting.name, new)
    with Library(path, backups=False) as lib:
        assert settings.value(lib, setting.name) == new
        assert type(settings.value(lib, setting.name)) is setting.type


def test_library_settings_keep_the_file_format(library):
    """One JSON value a row in the settings table, as libraries written before store them."""
    library.set_setting("saved_searches", [{"name": "Ruiz", "text": "speaker:Ruiz"}])
    with library.write() as db:
        db["settings"].upsert({"key": "date_order", "value": json.dumps("day-first")}, pk="key")
    assert library.get_setting("date_order") == "day-first"
    row = library.db.execute("SELECT value FROM settings WHERE key = 'saved_searches'").fetchone()
    assert json.loads(row[0]) == [{"name": "Ruiz", "text": "speaker:Ruiz"}]


def test_default_is_a_copy_a_caller_cannot_change(library):
    library.get_setting("saved_searches").append({"name": "x", "text": "y"})
    assert library.get_setting("saved_searches") == []


def test_unknown_name_is_refused(library):
    with pytest.raises(InvalidInput, match="no setting named 'date_format'"):
        settings.value(library, "date_format")
    with pytest.raises(InvalidInput, match="no setting named 'date_format'"):
        library.set_setting("date_format", "day-first")


def test_wrong_type_is_refused_and_nothing_stored(library):
    with pytest.raises(InvalidInput, match="backups_kept takes a whole number"):
        library.set_setting("backups_kept", "ten")
    with pytest.raises(InvalidInput, match="backups_kept takes a whole number"):
        library.set_setting("backups_kept", True)
    assert library.get_setting("backups_kept") == 10


def test_library_setting_needs_a_library_and_window_settings_stay_in_the_window():
    with pytest.raises(InvalidInput, match="open one"):
        settings.value(None, "date_order")
    with pytest.raises(InvalidInput, match="kept by the window"):
        settings.value(None, "recent_libraries")


def test_user_setting_names_the_default_library(private_user_file, tmp_path, monkeypatch):
    monkeypatch.delenv("VERBATIM_LIBRARY", raising=False)
    settings.set_value(None, "library", str(tmp_path / "work.verbatim"))
    assert json.loads(private_user_file.read_text(encoding="utf-8")) == {"library": str(tmp_path / "work.verbatim")}
    assert paths.default_library_path() == tmp_path / "work.verbatim"
    settings.set_value(None, "library", None)
    assert paths.default_library_path() == paths.data_dir() / paths.DEFAULT_FILE_NAME


def test_unreadable_user_file_reads_as_defaults(private_user_file):
    private_user_file.parent.mkdir()
    private_user_file.write_text("{not json", encoding="utf-8")
    assert settings.value(None, "library") is None


def test_every_library_setting_is_documented_in_the_schema():
    text = (Path(__file__).resolve().parents[2] / "docs" / "schema.md").read_text(encoding="utf-8")
    for setting in settings.SETTINGS.values():
        if setting.scope == "library":
            assert f"`{setting.name}`" in text, f"setting {setting.name} is not in docs/schema.md"
