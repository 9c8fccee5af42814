"""The publication gate as a reporter meets it: cite, references, sheets, reports and the clipboard."""

import io
import os
import stat

import pytest

from qtapp.core.attribution import attribution_line, quote_with_attribution, quote_with_citation
from qtapp.core.checks import acknowledge, check_quotes, findings_for
from qtapp.core.checks.report import save_report
from qtapp.core.copying import copy_quotes
from qtapp.core.errors import ExportBlocked
from qtapp.core.formats.registry import export_to_stream, preview_text
from qtapp.core.formats.selection import Selection
from qtapp.core.gate import NAMES_CONFIDENTIAL, Gate, NameGuard, name_terms

from ..citation_engine import needs_engine


def text_of(lib, name, selection=None):
    out = io.StringIO()
    report = export_to_stream(lib, name, selection or Selection(), out)
    return out.getvalue(), report


@pytest.mark.parametrize("name", ["Yolanda Zephyrine", "Zephyrine", "zephyrine", "ZEPHYRINE", "Yolanda", "Zéphyrine"])
def test_any_name_part_is_found_as_a_whole_word(name):
    guard = NameGuard(name_terms("Yolanda Zephyrine"))
    assert guard.finds(f"Interview: {name} speaks") and guard.finds(f"https://x.example/{name.lower()}-speaks")
    assert not guard.finds("Zephyrines and yolandas")  # another word, not her name


def test_a_surname_in_a_title_or_address_keeps_the_source_out_and_says_why(secret):
    lib, _ids = secret
    text, report = text_of(lib, "csl-json")
    assert "Quay reopens" in text and "ephyrine" not in text.lower()
    assert report.withheld == {NAMES_CONFIDENTIAL: 2}
    assert "2 left out under ground rules: they name a confidential speaker" in report.summary()


def test_a_quote_sheet_shows_such_a_source_only_by_its_kind(secret):
    lib, _ids = secret
    text, _report = text_of(lib, "sheet-md")
    assert "Work resumes at dawn" in text and "zephyrine" not in text.lower()


def test_findings_in_sheets_and_reports_never_carry_a_confidential_name(library, tmp_path):
    library.speakers.add("Ottilie Marsh", confidential=True)
    lind = library.speakers.add("Rosa Lind")
    source = library.sources.add("article", "Fares", text="“Tickets will cost more by May,” Marsh said.")
    qid = library.quotes.add("Tickets will cost more by May", lind, source_id=source)
    check_quotes(library, [qid])
    assert any("Marsh" in f.message for f in findings_for(library, qid))  # the reporter's own view keeps it
    # It is blocked (the source gives the words to someone else), so acknowledge it to see it on the sheet.
    for f in findings_for(library, qid):
        acknowledge(library, f.id, "Marsh spoke for Lind")
    text, _ = text_of(library, "sheet-md")
    assert "Tickets will cost more by May" in text and "Marsh" not in text
    report = tmp_path / "report.md"
    library.sources.update(source, title="Marsh on fares")
    save_report(library, report, [qid])
    written = report.read_text(encoding="utf-8")
    assert "Quote 1" in written and "on fares" in written and "Marsh" not in written
    assert stat.S_IMODE(os.stat(report).st_mode) == 0o600


def test_a_blocked_quote_is_not_copied_until_acknowledged(library):
    lind = library.speakers.add("Rosa Lind")
    source = library.sources.add("article", "Ferry", text="“The ferry will not run on Monday,” Lind said.")
    qid = library.quotes.add("The ferry will run on Monday.", lind, source_id=source)
    check_quotes(library, [qid])
    copied = copy_quotes(library, [qid], "attribution")
    assert not copied.plain and "blocked by a check" in copied.refused[qid]
    with pytest.raises(ExportBlocked, match="Acknowledge the finding with a reason"):
        copied.raise_if_refused()
    with pytest.raises(ExportBlocked):
        quote_with_attribution(library, qid)
    blocking = next(f for f in findings_for(library, qid) if f.severity == "blocking")
    acknowledge(library, blocking.id, "The recording has the speaker correcting herself")
    assert quote_with_attribution(library, qid).startswith("“The ferry will run on Monday,”")
    history = library.db.execute("SELECT new FROM history WHERE field = 'check acknowledged'").fetchall()
    assert history == [("The recording has the speaker correcting herself",)]  # recorded, with its reason


@needs_engine
def test_a_citation_of_words_not_in_the_source_is_refused(library):
    lind = library.speakers.add("Rosa Lind")
    source = library.sources.add("article", "Ferry", outlet="Shore News", date="2024", text="Nothing said here.")
    qid = library.quotes.add("Fares will fall.", lind, source_id=source)
    check_quotes(library, [qid])
    with pytest.raises(ExportBlocked, match="not in the source"):
        quote_with_citation(library, qid, "apa")


def test_second_hand_and_role_only_attributions_read_as_news_style(library):
    analyst = library.speakers.add("Roberto Heimovits", confidential=True, description="international analyst in Lima")
    qid = library.quotes.add("It is certainly a poor country.", analyst, second_hand=True,
                             via_outlet="El Comercio")
    assert attribution_line(library, qid) == "an international analyst in Lima told El Comercio."
    plain = library.quotes.add("Surplus ammunition.", analyst)
    assert quote_with_attribution(library, plain) == "“Surplus ammunition,” an international analyst in Lima said."


def test_a_preview_that_shows_nothing_says_why(secret):
    lib, ids = secret
    text = preview_text(lib, "csl-json", Selection(quote_ids=(ids[0], ids[1])))
    assert "[]" in text and "2 left out under ground rules" in text


@needs_engine
def test_a_notes_style_lists_every_source_it_cites_only_in_notes(library):
    for kind in ("article", "speech", "press_conference", "social_post"):
        library.sources.add(kind, f"About {kind}", outlet="Shore News", date="2024-01-02")
    out = io.StringIO()
    export_to_stream(library, "bibliography", Selection(), out, style="chicago-note-bibliography")
    for kind in ("article", "speech", "press_conference", "social_post"):
        assert f"About {kind}".lower() in out.getvalue().lower()


def test_the_gate_names_the_checks_that_block(library):
    lind = library.speakers.add("Rosa Lind")
    source = library.sources.add("article", "Ferry", text="“The ferry will not run,” Lind said.")
    qid = library.quotes.add("The ferry will run.", lind, source_id=source)
    check_quotes(library, [qid])
    assert Gate(library).blocked([qid]) == {qid: "Verbatim"}
    assert not Gate(library).decide_quote(qid).allowed


def test_a_confidential_given_name_leaves_another_speakers_full_name_whole(library):
    library.speakers.add("Ann Marsh", confidential=True)
    library.speakers.add("Ann Lee")
    library.speakers.add("Mary Ann Marsh")   # holds the confidential full name: not kept
    gate = Gate(library)
    assert gate.redact("Ann Lee met Ann at the quay.") == "Ann Lee met [withheld] at the quay."
    assert gate.redact("Mary Ann Marsh spoke.") == "Mary [withheld] spoke."
    assert gate.source_withheld(library.sources.get(library.sources.add("article", "Ann Lee on cranes"))) is None
