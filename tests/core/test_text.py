"""Text put inside a message or a list: always one line, never longer than asked."""

from hypothesis import given
from hypothesis import strategies as st

from qtapp.core.text import one_line


@given(text=st.text(), limit=st.integers(1, 120))
def test_a_text_in_a_message_is_one_line_within_its_limit(text, limit):
    shown = one_line(text, limit)
    assert len(shown) <= limit and not any(c.isspace() and c != " " for c in shown)
    assert shown == " ".join(text.split()) or shown.endswith("…")


def test_a_long_quote_is_cut_with_an_ellipsis_and_no_space_before_it():
    assert one_line("We will not\n  close the harbour this winter.", 19) == "We will not close…"
    assert one_line("We will not close.", 18) == "We will not close."
    assert one_line(None) == "" and one_line("a\tb\n c") == "a b c"


@given(st.text(alphabet=st.sampled_from("ab cdé\n"), max_size=120), st.integers(min_value=2, max_value=80))
def test_a_text_cut_at_a_word_ends_on_a_whole_word(text, limit):
    short = one_line(text, limit, at_word=True)
    words = " ".join(text.split())
    assert len(short) <= max(limit, 1)
    if short == words:
        return
    assert short.endswith("…")
    kept = short[:-1].split()
    if len(words.split()[0]) < limit:   # a first word longer than the room is cut, nothing else
        assert kept == words.split()[: len(kept)]
