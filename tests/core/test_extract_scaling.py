"""Quote finding and attribution take time in proportion to the text's length.

Measured in function calls (Python and built-in), not in seconds: the count does not depend
on the machine's load. `bench/bench_extract.py` gives the times.
"""

import gc
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.bench_extract import build_article, build_transcript
from qtapp.core.extract import extract_quotes, extractor, people


def calls(text: str) -> int:
    count = 0

    def tally(frame, event, arg):
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    extract_quotes(text[:2000])         # load the name table outside the count
    sys.setprofile(tally)
    try:
        extract_quotes(text)
    finally:
        sys.setprofile(None)
    return count


def test_a_transcript_four_times_longer_costs_at_most_five_times_the_work():
    small, large = calls(build_transcript(25_000)), calls(build_transcript(100_000))
    assert large <= 5 * small


def test_an_article_four_times_longer_costs_at_most_five_times_the_work():
    small, large = calls(build_article(1_500)), calls(build_article(6_000))
    assert large <= 5 * small


@pytest.mark.parametrize("collector_on", [True, False])
def test_extraction_leaves_the_cyclic_collector_as_it_found_it(monkeypatch, collector_on):
    # Extraction pauses the collector while it runs; the rest of the program must get it back
    # as it was, also when extraction fails.
    (gc.enable if collector_on else gc.disable)()
    try:
        extract_quotes('“We will build it,” Mayor Lena Ortiz said.')
        assert gc.isenabled() is collector_on
        monkeypatch.setattr(extractor._Extractor, "run", lambda self: 1 / 0)
        with pytest.raises(ZeroDivisionError):
            extract_quotes('“Again,” she said.')
        assert gc.isenabled() is collector_on
    finally:
        gc.enable()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab É9_'’.- \n,“”")), max_size=60) | st.text(max_size=60))
def test_every_word_is_placed_where_the_pattern_finds_it(text):
    tokens, starts = people.words_of(text)
    assert [(t.start, t.end) for t in tokens] == [m.span() for m in people.TOKEN_RE.finditer(text)]
    assert all(text[t.start:t.end] == t.text for t in tokens) and starts == [t.start for t in tokens]


def test_an_extraction_leaves_nothing_for_the_cyclic_collector():
    """What an extraction read is freed as soon as it returns (the collector is paused meanwhile)."""
    text = build_article(800)
    extract_quotes(text)
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)      # keep what the collector finds, to see whose it is
    try:
        proposals = extract_quotes(text + " ")
        gc.collect()
        left = {type(o).__module__ for o in gc.garbage if hasattr(o, "__module__")}
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert proposals and not {m for m in left if m.startswith("qtapp.core.extract")}
