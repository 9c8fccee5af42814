"""Plain-text transcripts of Otter.ai, Trint and Descript, and [hh:mm:ss] marks: speakers and times.

The samples in ``transcript_samples/`` are made up, written in the shapes the tools export.
"""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qtapp.core.extract import Accepted, log_accepted
from qtapp.core.import_batch import read_inputs, store_inputs
from qtapp.core.importers import read_document, source_from_text
from qtapp.core.importers.timed_text import read_timed, timed_format
from qtapp.core.speaker_labels import label_speakers, labelled_turns, transcript_proposals

SAMPLES = Path(__file__).parent / "transcript_samples"
TURNS = [("Speaker 1", 0.0, "Thanks for making the time."), ("Mara Quill", 7.0, "We expect the pier"),
         ("Speaker 1", 19.0, "And the cost?"), ("Mara Quill", 3725.0, "The repairs came in under budget")]


@pytest.mark.parametrize("shape", ["otter", "trint", "descript"])
def test_each_export_yields_its_speakers_and_times(shape):
    text = (SAMPLES / f"{shape}.txt").read_text(encoding="utf-8")
    assert timed_format(text) == shape
    draft = read_document(SAMPLES / f"{shape}.txt")
    assert draft.kind == "interview"
    got = [(c.speaker, c.time_start, draft.text[c.char_start:c.char_end]) for c in draft.cues]
    assert [(s, t) for s, t, _ in got] == [(s, t) for s, t, _ in TURNS]
    assert all(words.startswith(start) for (_, _, words), (_, _, start) in zip(got, TURNS, strict=True))
    assert [c.time_end for c in draft.cues[:3]] == [7.0, 19.0, 3725.0]
    assert "Mara Quill: We expect the pier" in draft.text


def test_marks_in_typed_notes_give_times_inside_a_paragraph_and_keep_the_heading():
    draft = read_document(SAMPLES / "marked.txt")
    assert draft.title == "Harbour board meeting, notes typed while listening."
    times = {draft.text[c.char_start:c.char_end][:14]: (c.time_start, c.time_end) for c in draft.cues}
    assert times["The inspectors"] == (12.0, 19.0)
    assert times["The repairs ca"][0] == 3725.0
    assert draft.cues[1].speaker == "Mara Quill" and draft.cues[0].speaker is None


def test_prose_with_a_time_in_it_is_not_a_transcript():
    text = "The council met at 10:30 on Monday.\n\nIt adjourned at 11:45 after a short vote on the pier."
    assert timed_format(text) is None
    assert read_timed(text, name="notes.txt") is None


def test_times_that_go_backwards_are_refused_in_one_sentence():
    from qtapp.core.errors import ImportFailed
    with pytest.raises(ImportFailed, match="times go backwards at 0:07"):
        read_timed("Ann Lee  0:09\nFirst words here.\n\nBo Chen  0:07\nSecond words here.\n", name="x.txt")


def test_an_export_imports_through_the_one_import_path_and_pasting(library, tmp_path):
    copy = tmp_path / "harbour call.txt"
    copy.write_text((SAMPLES / "otter.txt").read_text(encoding="utf-8"), encoding="utf-8")
    store_inputs(library, read_inputs([str(copy)]))
    (source_id,) = [i for (i,) in library.db.execute("SELECT id FROM sources")]
    assert [t.label for t in labelled_turns(library, source_id)] == ["Speaker 1", "Mara Quill"] * 2
    pasted = source_from_text(library, (SAMPLES / "descript.txt").read_text(encoding="utf-8").replace("pier", "quay"))
    assert library.sources.get(pasted).kind == "interview"
    assert len(labelled_turns(library, pasted)) == 4


def test_labels_match_library_speakers_and_aliases_or_are_proposed_as_new(library):
    mara = library.speakers.add("Mara Quill-Berne", aliases=["Mara Quill"])
    matches = {m.label: m for m in label_speakers(library, ["Mara Quill", "Speaker 1", "Speaker  1"])}
    assert (matches["Mara Quill"].speaker_id, matches["Mara Quill"].name) == (mara, "Mara Quill-Berne")
    assert (matches["Speaker 1"].speaker_id, matches["Speaker 1"].name) == (None, "Speaker 1")
    assert len(matches) == 2


def test_each_turn_feeds_the_engine_and_its_quotes_carry_speaker_and_time(library, tmp_path):
    mara = library.speakers.add("Mara Quill")
    text = (SAMPLES / "trint.txt").read_text(encoding="utf-8").replace(
        "And the cost?", "And the cost? My aunt said “never trust a calm sea” to me once.")
    source_id = source_from_text(library, text, title="Pier call")
    proposals = transcript_proposals(library, source_id)
    by_start = {p.quote[:18]: p for p in proposals}
    assert by_start["We expect the pier"].speaker_id == mara
    assert by_start["Thanks for making "].speaker == "Speaker 1"
    assert by_start["never trust a calm"].speaker != "Speaker 1"      # quoted by the turn's speaker, not said
    p = by_start["We expect the pier"]
    (quote_id,) = log_accepted(library, source_id, [Accepted(p.quote, p.start, p.end, p.speaker, p.speaker_id)])
    quote = library.quotes.get(quote_id)
    assert (quote.speaker_id, quote.time_start, quote.time_end) == (mara, 7.0, 19.0)


label = st.from_regex(r"[A-Z][a-z]{1,8}( [A-Z][a-z]{1,8})?", fullmatch=True)
words = st.lists(st.from_regex(r"[a-z]{1,8}", fullmatch=True), min_size=1, max_size=12).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(turns=st.lists(st.tuples(label, st.integers(0, 20_000), words), min_size=2, max_size=8),
       shape=st.sampled_from(["otter", "trint", "descript"]))
def test_every_turn_comes_back_with_its_label_time_and_words(turns, shape):
    turns = [(who, t, w + ".") for who, t, w in sorted(turns, key=lambda t: t[1])]
    text = "\n\n".join(_written(shape, who, t, w) for who, t, w in turns) + "\n"
    draft = read_timed(text, name="t.txt")
    assert [(c.speaker, c.time_start, draft.text[c.char_start:c.char_end]) for c in draft.cues] == \
        [(who, float(t), w) for who, t, w in turns]


def _written(shape: str, who: str, seconds: int, words: str) -> str:
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    if shape == "otter":
        return f"{who}  {f'{h}:{m:02d}:{s:02d}' if h else f'{m}:{s:02d}'}\n{words}"
    if shape == "trint":
        return f"{who} [{h:02d}:{m:02d}:{s:02d}] {words}"
    return f"[{h:02d}:{m:02d}:{s:02d}] {who}: {words}"


def test_a_player_gets_every_cue_in_order_with_its_speaker(library):
    from qtapp.core.transcripts import cues_of

    source_id = source_from_text(library, (SAMPLES / "otter.txt").read_text(encoding="utf-8"))
    cues = cues_of(library, source_id)
    assert [(c.speaker, c.time_start) for c in cues] == [(s, t) for s, t, _ in TURNS]
    text = library.sources.get(source_id).text
    assert text[cues[1].char_start:cues[1].char_end].startswith("We expect the pier")


speaker_label = st.sampled_from(["Speaker 1", "Speaker 2", "Lena Ortiz", "Dev Patel", "Interviewer", "Mara Quill"])
sentence = st.tuples(st.lists(st.sampled_from("the wall will hold we set aside money for pumps how much does it "
                                             "cost not include".split()), min_size=3, max_size=10),
                     st.sampled_from(".?")).map(lambda ws_end: " ".join(ws_end[0]).capitalize() + ws_end[1])


@settings(max_examples=25, deadline=None)
@given(turns=st.lists(st.tuples(speaker_label, sentence), min_size=2, max_size=7),
       shape=st.sampled_from(["otter", "trint", "descript"]))
def test_every_turn_is_proposed_once_and_no_proposal_runs_across_a_label(turns, shape, tmp_path_factory):
    # Seen on a real-shaped interview: "Speaker 1: How much will it cost?" came back as a quote of
    # the previous speaker, label and all, beside the turn's own proposal.
    from qtapp.core.library import Library

    text = "\n\n".join(_written(shape, who, 5 * n, words) for n, (who, words) in enumerate(turns)) + "\n"
    with Library(tmp_path_factory.mktemp("t") / "t.verbatim") as lib:
        source_id = source_from_text(lib, text, title="Harbor call")
        got = transcript_proposals(lib, source_id)
        spans = [(t.start, t.end) for t in labelled_turns(lib, source_id)]
    assert len(spans) >= 1
    for p in got:
        assert any(start <= p.start and p.end <= end for start, end in spans), p.quote
    for start, end in spans:
        assert any(start <= p.start and p.end <= end for p in got)


def test_turns_logged_from_review_pass_the_speaker_check(library):
    # The check reads the label kept on accept; it re-read "Dev Patel: That figure…" as the previous
    # speaker going on, because the kept span ended at the "." and the checked one before it.
    from qtapp.core.checks import check_many, findings_for

    text = ("Lena Ortiz  0:00\nWe will rebuild the harbor wall before the storms.\n\n"
            "Speaker 1  0:05\nHow much will it cost?\n\n"
            "Lena Ortiz  0:07\nThe council has set aside forty million dollars.\n\n"
            "Dev Patel  0:12\nThat figure does not include the new pumps.\n")
    source_id = source_from_text(library, text, title="Harbor call")
    proposals = transcript_proposals(library, source_id)
    ids = log_accepted(library, source_id, [Accepted(p.quote, p.start, p.end, p.speaker, p.speaker_id,
                                                     evidence=p.evidence) for p in proposals])   # as review does
    assert len(ids) == 4
    check_many(library, ids)
    assert [f.code for q in ids for f in findings_for(library, q) if f.check == "speaker"] == []
