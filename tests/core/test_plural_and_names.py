"""Counted nouns and step names read as a reporter writes them."""

from hypothesis import given
from hypothesis import strategies as st

from qtapp.core.plural import count_of, plural
from qtapp.core.quotes import EDITABLE, FIELD_NAMES, change_name

NOUNS = ("quote", "source", "speaker", "backup", "item", "library", "match", "alias", "citation", "changed quote")


@given(st.integers(min_value=0, max_value=10**7), st.sampled_from(NOUNS))
def test_one_is_singular_and_every_other_count_plural(count, noun):
    text = count_of(count, noun)
    assert text.startswith(f"{count:,} ")
    assert text.endswith(noun if count == 1 else plural(noun))
    assert plural(noun) != noun


def test_plurals_of_the_nouns_messages_use():
    assert [count_of(1, "source"), count_of(3, "source"), count_of(2, "library"), count_of(2, "match"),
            count_of(1200, "quote"), count_of(0, "alias")] == \
        ["1 source", "3 sources", "2 libraries", "2 matches", "1,200 quotes", "0 aliases"]


def test_every_field_edit_has_a_reporters_name():
    assert set(EDITABLE) <= set(FIELD_NAMES)
    for field in EDITABLE:
        name = change_name([field])
        assert "_" not in name and " id" not in name, name
    assert change_name(["speaker_id"]) == "Change of speaker"
    assert change_name(["rule", "rule_description"]) == "Change of ground rule"
    assert change_name(["words", "tags"]) == "Change of words and tags"


def test_an_edit_is_undone_under_its_reporters_name(library):
    ruiz = library.speakers.add("Ana Ruiz")
    byrne = library.speakers.add("Colm Byrne")
    quote = library.quotes.add("We will close the deficit.", ruiz)
    library.quotes.update(quote, speaker_id=byrne)
    assert library.undo_status()[0] == "Change of speaker"
    assert library.undo() == "Change of speaker"
