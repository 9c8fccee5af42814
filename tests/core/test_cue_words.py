"""The transcript's words said at a time: what the checks tab shows beside a quote."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qtapp.core.library import Library
from qtapp.core.transcripts import cue_words

# (words, start, end): back to back, with a gap after the second.
CUES = [("HOST: Welcome to the hearing.", 0.5, 2.0), ("CHAIR: The budget is forty million.", 2.0, 4.5),
        ("ENGINEER: Work starts in March.", 5.0, 7.25)]


@pytest.fixture(scope="module")
def hearing(tmp_path_factory):
    lib = Library(tmp_path_factory.mktemp("cues") / "test.verbatim")
    text, rows = "", []
    for words, t0, t1 in CUES:
        rows.append((len(text), len(text) + len(words), t0, t1))
        text += words + "\n"
    source = lib.sources.add("press_conference", "Hearing", text=text)
    lib.db["transcript_cues"].insert_all({"source_id": source, "char_start": s, "char_end": e, "time_start": t0,
                                          "time_end": t1} for s, e, t0, t1 in rows)
    yield lib, source
    lib.close()


def test_a_span_gets_the_cues_it_overlaps_and_not_those_it_only_touches(hearing):
    lib, source = hearing
    assert cue_words(lib, source, 2.0, 4.5) == CUES[1][0]
    assert cue_words(lib, source, 1.0, 6.0) == "\n".join(words for words, _, _ in CUES)
    assert cue_words(lib, source, 4.6, 4.9) == ""


@given(st.floats(min_value=0, max_value=8, allow_nan=False))
def test_a_moment_gets_the_one_cue_being_said_then(hearing, seconds):
    lib, source = hearing
    said = [words for words, t0, t1 in CUES if t0 <= seconds < t1]
    assert cue_words(lib, source, seconds) == (said[0] if said else "")
