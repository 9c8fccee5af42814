"""``verbatim cite``: one JSON object per source, as citeproc-js renders it, under the ground rules."""

import json

from qtapp.cli import main
from qtapp.core.cite.render import render_citations

from ..citation_engine import needs_engine
from ..core.csl_items import FIXTURES, journalism_items


@needs_engine
def test_cite_command_prints_one_object_per_source(library, capsys):
    first = library.sources.add("article", "Tide tables", outlet="Estuary Weekly", date="2023",
                                names=[("author", "Mara Quell")])
    library.sources.add("speech", "Rivers are roads", date="2022", names=[("author", "Ines Calder")])
    path = str(library.path)
    assert main(["cite", "--library", path, "--style", "apa", "--locator", "9"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in rows] == [first, first + 1]
    assert rows[0]["citation_locator"] == "(Quell, 2023, p. 9)" and "note" not in rows[0]
    assert main(["cite", "--library", path, "--source", str(first), "--style", "chicago-note-bibliography"]) == 0
    row, = json.loads(capsys.readouterr().out)
    assert set(row) == {"id", "bibliography", "citation", "citation_locator", "note", "short_note"}
    assert main(["cite", "--library", path, "--source", "999"]) == 2
    assert "no source with id 999" in capsys.readouterr().err


@needs_engine
def test_imported_csl_json_cites_from_the_command_line_as_citeproc_renders_it(tmp_path, capsys):
    path = tmp_path / "held.verbatim"
    assert main(["import", "--library", str(path), str(FIXTURES)]) == 0
    capsys.readouterr()
    items = journalism_items()
    for style in ("apa", "mla", "chicago-author-date", "chicago-note-bibliography"):
        assert main(["cite", "--library", str(path), "--style", style, "--locator", "3"]) == 0
        printed = json.loads(capsys.readouterr().out)
        expected = [{**c.to_dict(), "id": row["id"]} for c, row in zip(render_citations(items, style, locator="3"),
                                                                       printed, strict=True)]
        assert printed == expected, style


@needs_engine
def test_cite_applies_the_ground_rules_and_says_what_it_left_out(secret, capsys):
    lib, _ids = secret
    talk = lib.sources.add("interview", "Interview with Xavier Quillfeather", date="2024-01-05")
    lib.quotes.add("Off the books.", lib.speakers.add("Xavier Quillfeather", confidential=True), source_id=talk)
    assert main(["cite", "--library", str(lib.path), "--style", "apa"]) == 0
    captured = capsys.readouterr()
    rows = json.loads(captured.out)
    assert len(rows) == 1 and set(rows[0]) == {"id", "bibliography", "citation", "citation_locator"}
    assert "Quay reopens" in rows[0]["bibliography"]
    assert "Quillfeather" not in captured.out and "ephyrine" not in captured.out.lower()
    assert "3 left out under ground rules: they name a confidential speaker" in captured.err
