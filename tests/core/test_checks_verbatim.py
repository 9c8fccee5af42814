"""Verbatim check: exact, normalized, elisions, altered, not found, unverifiable."""

from hypothesis import given, settings
from hypothesis import strategies as st

from qtapp.core.checks.normalize import words_of
from qtapp.core.checks.verbatim import verify_words

HARBOUR = ("At the harbour meeting on Tuesday, Mayor Lina Okafor said: “We will not close the north pier "
           "this winter, and we will hire 40 new wardens — every one of them local.” She left before "
           "questions.\n\nThe council’s treasurer, Piet Vos, was less sure. “The money is almost gone,” he said.")


def test_exact_words_give_their_span_in_the_source():
    words = "We will not close the north pier this winter"
    r = verify_words(words, HARBOUR)
    assert r.verdict == "exact"
    assert HARBOUR[r.span[0]:r.span[1]] == words


def test_outer_marks_and_final_punctuation_do_not_count():
    r = verify_words("“The money is almost gone.”", HARBOUR)
    assert r.verdict == "exact"
    assert HARBOUR[r.span[0]:r.span[1]] == "The money is almost gone"


def test_straight_marks_dashes_spaces_and_case_are_normalized_with_original_offsets():
    words = "the council's treasurer,  Piet\u00a0Vos"
    r = verify_words(words, HARBOUR)
    assert r.verdict == "normalized"
    assert HARBOUR[r.span[0]:r.span[1]] == "The council’s treasurer, Piet Vos"
    r = verify_words("40 new wardens - every one of them local", HARBOUR)
    assert r.verdict == "normalized"
    assert HARBOUR[r.span[0]:r.span[1]] == "40 new wardens — every one of them local"


def test_a_changed_word_is_not_normalized_away():
    assert verify_words("We will not close the south pier this winter", HARBOUR).verdict == "altered"


def test_ellipsis_stands_for_omitted_words_in_order():
    for marker in ("...", "…", "[...]", "[…]", ". . ."):
        r = verify_words(f"we will hire 40 new wardens {marker} local", HARBOUR)
        assert r.verdict == "elisions", marker
        assert [o["words"] for o in r.omissions] == ["— every one of them"]
        assert not r.serious


def test_elided_pieces_out_of_order_do_not_match():
    r = verify_words("every one of them local … we will hire 40 new wardens", HARBOUR)
    assert r.verdict != "elisions"


def test_bracketed_words_are_the_reporters_and_need_not_be_in_the_source():
    r = verify_words("[The council] will hire 40 new wardens", HARBOUR)
    assert r.verdict == "elisions"
    assert HARBOUR[r.span[0]:r.span[1]] == "will hire 40 new wardens"
    assert verify_words("[The council] will fire 40 new wardens", HARBOUR).verdict == "altered"


def test_an_ellipsis_that_drops_a_negation_is_serious():
    r = verify_words("We will … close the north pier this winter", HARBOUR)
    assert r.verdict == "elisions"
    assert r.serious
    assert r.omissions[0]["words"] == "not"


def test_a_dropped_not_is_an_alteration_marked_serious_with_both_spans():
    words = "We will close the north pier this winter"
    r = verify_words(words, HARBOUR)
    assert r.verdict == "altered"
    assert r.serious
    [change] = r.changes
    assert change.op == "dropped" and change.source_words == "not"
    assert HARBOUR[change.source_span[0]:change.source_span[1]] == "not"
    assert HARBOUR[r.span[0]:r.span[1]] == "We will not close the north pier this winter"


def test_a_changed_number_is_serious_and_points_at_both_numbers():
    words = "we will hire 14 new wardens, every one of them local"
    r = verify_words(words, HARBOUR)
    assert r.verdict == "altered" and r.serious
    [change] = r.changes
    assert change.op == "replace"
    assert words[change.quote_span[0]:change.quote_span[1]] == "14"
    assert HARBOUR[change.source_span[0]:change.source_span[1]] == "40"


def test_a_harmless_changed_word_is_altered_but_not_serious():
    r = verify_words("The money is almost spent", HARBOUR)
    assert r.verdict == "altered"
    assert not r.serious
    assert [(c.quote_words, c.source_words) for c in r.changes] == [("spent", "gone")]


def test_words_that_are_not_in_the_source():
    assert verify_words("The ferry timetable will change in spring", HARBOUR).verdict == "not_found"
    assert verify_words("pier", "A different text entirely.").verdict == "not_found"


def test_a_source_without_text_is_unverifiable():
    assert verify_words("We will not close the north pier", "").verdict == "unverifiable"
    assert verify_words("We will not close the north pier", "  \n ").verdict == "unverifiable"


_WORDS = st.lists(st.sampled_from(["pier", "harbour", "not", "winter", "40", "wardens", "money", "local",
                                   "council", "the", "we", "will"]), min_size=30, max_size=60)
_SPACE = st.sampled_from([" ", "  ", "\u00a0", "\n", " — ", " - "])


@settings(max_examples=40, deadline=None)
@given(words=_WORDS, seps=st.lists(_SPACE, min_size=60, max_size=60), data=st.data())
def test_any_passage_copied_with_other_spacing_is_found_at_its_original_offsets(words, seps, data):
    text = "".join(w + s for w, s in zip(words, seps, strict=False))
    start = data.draw(st.integers(0, len(words) - 6))
    length = data.draw(st.integers(3, 6))
    quote = " ".join(words[start:start + length])
    r = verify_words(quote, text)
    assert r.verdict in ("exact", "normalized")
    found = text[r.span[0]:r.span[1]]
    assert [w for w, _, _ in words_of(found)] == quote.split()


@settings(max_examples=30, deadline=None)
@given(words=st.lists(st.sampled_from(["quay", "ferry", "gull", "tide", "rope", "mast", "deck", "sail"]),
                      min_size=25, max_size=40), data=st.data())
def test_any_cut_marked_with_an_ellipsis_is_found_with_what_was_left_out(words, data):
    text = "Before. " + " ".join(words) + " After."
    start = data.draw(st.integers(0, len(words) - 14))
    cut = data.draw(st.integers(start + 4, start + 8))
    end = cut + data.draw(st.integers(1, 3)) + 3
    quote = " ".join(words[start:cut]) + " … " + " ".join(words[cut + 1:end])
    r = verify_words(quote, text)
    assert r.verdict == "elisions"
    found = text[r.span[0]:r.span[1]].split()
    assert found[:cut - start] == words[start:cut] and found[-(end - cut - 1):] == words[cut + 1:end]
    assert all(text[o["span"][0]:o["span"][1]].strip() == o["words"] for o in r.omissions)


def test_a_partial_quote_right_after_a_negation_it_leaves_out_is_flagged():
    r = verify_words("close the north pier this winter", HARBOUR)
    assert r.verdict == "exact"
    [edge] = r.edges
    assert (edge["side"], edge["words"]) == ("before", "not")
    assert HARBOUR[edge["span"][0]:edge["span"][1]] == "not"


def test_a_partial_quote_that_stops_before_a_number_or_a_condition_is_flagged():
    text = "“We can open the pool if the council pays, and we will hire 12 lifeguards,” she said."
    assert [e["words"] for e in verify_words("We can open the pool", text).edges] == ["if"]
    assert [e["words"] for e in verify_words("and we will hire", text).edges] == ["12"]
    assert [e["words"] for e in verify_words("open the pool", text).edges] == ["if"]


def test_a_quote_that_keeps_the_word_or_ends_at_the_clause_has_no_edge_warning():
    assert verify_words("We will not close the north pier this winter", HARBOUR).edges == []
    assert verify_words("The money is almost gone", HARBOUR).edges == []
    # a comma ends the clause, and a word outside the quotation marks is the reporter's
    assert verify_words("every one of them local", "Not yet, every one of them local.").edges == []
    assert verify_words("raise fares", 'She would not "raise fares" again.').edges == []


# Two vocabularies, so that the words quoted from one side occur only there.
_BEFORE = st.lists(st.sampled_from(["ferry", "gull", "tide"]), min_size=6, max_size=12)
_AFTER = st.lists(st.sampled_from(["rope", "mast", "deck"]), min_size=6, max_size=12)


@settings(max_examples=40, deadline=None)
@given(before=_BEFORE, after=_AFTER, bend=st.sampled_from(["not", "never", "only", "hardly", "won't", "17"]))
def test_a_bending_word_next_to_the_quote_is_always_flagged_and_quoting_it_never_is(before, after, bend):
    text = " ".join(before) + " " + bend + " " + " ".join(after) + "."
    assert [e["words"] for e in verify_words(" ".join(after), text).edges] == [bend]
    assert verify_words(bend + " " + " ".join(after), text).edges == []
    assert [e["words"] for e in verify_words(" ".join(before), text).edges] == [bend]
    assert verify_words(" ".join(before) + " " + bend, text).edges == []
