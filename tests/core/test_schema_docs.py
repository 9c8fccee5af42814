"""The schema is documented: every table and column of a new library appears in docs/schema.md."""

from pathlib import Path

from qtapp.core.cite import variables

DOC = Path(__file__).resolve().parents[2] / "docs" / "schema.md"


def test_every_table_and_column_is_documented(library):
    text = DOC.read_text(encoding="utf-8")
    tables = [t for t in library.db.table_names()
              if not t.startswith(("_", "sqlite_")) and "_fts" not in t]
    for table in tables:
        assert f"## {table}" in text or f"`{table}`" in text, f"table {table} is not documented"
        for column in library.db[table].columns_dict:
            assert column in text, f"column {table}.{column} is not documented"


def test_every_csl_variable_and_type_is_documented():
    text = DOC.read_text(encoding="utf-8")
    for name in (*variables.STANDARD, *variables.NUMBER, *variables.DATE, *variables.NAME, *variables.TYPES):
        assert f"`{name}`" in text, f"CSL {name} is not documented"
