"""``verbatim check`` (exit status, JSON contract) and the Markdown/HTML check reports."""

import json

import pytest

from qtapp.cli import main
from qtapp.core.checks import check_quotes
from qtapp.core.checks.report import report_html, report_markdown
from qtapp.core.library import Library

TEXT = ("At dawn the ferry union voted to strike. “We have not been paid since June,” said shop steward "
        "Rosa Lind. A second worker, who asked not to be named, said: “The owners only talk to the bank.”")


@pytest.fixture
def lib_path(tmp_path):
    path = tmp_path / "cli.verbatim"
    with Library(path) as lib:
        lind = lib.speakers.add("Rosa Lind")
        secret = lib.speakers.add("Olga Marsh", confidential=True)
        source = lib.sources.add("article", "Ferry strike", text=TEXT)
        lib.quotes.add("We have not been paid since June", lind, source_id=source)
        lib.quotes.add("The owners only talk to the bank", secret, source_id=source, rule="background",
                       rule_description="a ferry worker")
    return path, source


def test_a_clean_library_exits_zero_and_json_has_one_object_per_quote(lib_path, capsys):
    path, _ = lib_path
    assert main(["check", "--library", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [d["id"] for d in data] == [1, 2]
    assert data[0]["verdicts"]["verbatim"] == "exact"
    assert {"id", "status", "verdicts", "findings"} <= set(data[0])


def test_anything_blocking_exits_one_and_is_printed(lib_path, capsys):
    path, source = lib_path
    with Library(path) as lib:
        lib.quotes.add("We have been paid since June", 1, source_id=source)
    assert main(["check", "--library", str(path)]) == 1
    out = capsys.readouterr().out
    assert "quote 3 [blocking]" in out and "not" in out
    assert main(["check", "--library", str(path), "--source", str(source), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert next(d for d in data if d["id"] == 3)["status"] == "blocking"


def test_a_missing_source_is_a_one_line_error_with_status_two(lib_path, capsys):
    path, _ = lib_path
    assert main(["check", "--library", str(path), "--source", "999"]) == 2
    assert "no source with id 999" in capsys.readouterr().err


def test_reports_never_print_a_confidential_name(lib_path, tmp_path):
    path, source = lib_path
    with Library(path) as lib:
        # The confidential speaker's words given to Rosa Lind: the finding names who really said them.
        lib.quotes.add("The owners only talk to the bank", 1, source_id=source)
        named = lib.sources.add("article", "Fares", text="“Tickets will cost more by May,” Marsh said.")
        lib.quotes.add("Tickets will cost more by May", 1, source_id=named)
        ids = [1, 2, 3, 4]
        results = check_quotes(lib, ids)
        assert any("Marsh" in f.message for f in results[3].findings)   # stored for the reporter's eyes
        md = report_markdown(lib, ids)
        page = report_html(lib)
    assert "Olga" not in md and "Marsh" not in md and "Olga" not in page and "Marsh" not in page
    assert "a ferry worker" in md
    assert "confidential speaker" in md      # the conflict with the confidential speaker's own quote
    assert "Quote 3" in md and "Quote 3" in page and "Rosa Lind" in md
    assert page.startswith("<!DOCTYPE html>") and "&lt;" not in md


def test_the_command_writes_a_report(lib_path, tmp_path, capsys):
    path, _ = lib_path
    out = tmp_path / "report.html"
    assert main(["check", "--library", str(path), "--report", str(out)]) == 0
    assert "Check report" in out.read_text(encoding="utf-8")
    assert main(["check", "--library", str(path), "--report", str(tmp_path / "report.pdf")]) == 2
