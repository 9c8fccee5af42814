"""Bad input gets a clear message or simply works, and nothing already saved is lost."""

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qtapp.core.errors import InvalidInput, LibraryError, NotFound
from qtapp.core.library import Library
from qtapp.core.query import QuoteQuery


@pytest.fixture
def speaker(library):
    return library.speakers.add("Amara Okafor")


@pytest.fixture
def saved(library, speaker):
    """A quote already in the library, which no failed write may touch."""
    return library.quotes.add("Boil your water.", speaker, said="2024-03-15")


def _still_there(library, saved):
    assert library.quotes.get(saved).words == "Boil your water."
    assert library.quotes.count() == 1


@pytest.mark.parametrize("words", ["", "   ", "\n\t", "\x00\x00"])
def test_an_empty_quote_is_refused(library, speaker, saved, words):
    with pytest.raises(InvalidInput, match="empty"):
        library.quotes.add(words, speaker)
    _still_there(library, saved)


def test_a_quote_without_a_speaker_is_refused(library, saved):
    with pytest.raises(InvalidInput, match="needs a speaker"):
        library.quotes.add("Words.", None)
    _still_there(library, saved)


def test_unknown_ids_are_reported_by_kind(library, speaker, saved):
    with pytest.raises(NotFound, match="speaker"):
        library.quotes.add("Words.", 424242)
    with pytest.raises(NotFound, match="source"):
        library.quotes.add("Words.", speaker, source_id=99)
    with pytest.raises(NotFound, match="quote"):
        library.quotes.update(777, words="x")
    _still_there(library, saved)


def test_a_date_said_in_the_future_is_refused(library, speaker, saved):
    future = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    with pytest.raises(InvalidInput, match="future"):
        library.quotes.add("Words.", speaker, said=future)
    with pytest.raises(InvalidInput, match="future"):
        library.quotes.update(saved, said=future)
    _still_there(library, saved)


def test_an_unparseable_date_is_refused_and_the_edit_changes_nothing(library, speaker, saved):
    with pytest.raises(InvalidInput, match="not a date"):
        library.quotes.update(saved, said="the day after the storm", words="Changed.")
    _still_there(library, saved)
    assert library.quotes.get(saved).said.iso == "2024-03-15"


def test_a_five_megabyte_transcript_is_stored_and_searchable(library, speaker):
    transcript = ("SPEAKER: We will rebuild the pier before the season starts. " * 90_000)[: 5 * 1024 * 1024]
    source = library.sources.add("interview", "Long transcript", text=transcript)
    assert len(library.sources.get(source).text) == len(transcript)
    library.quotes.add("We will rebuild the pier", speaker, source_id=source)
    assert library.quotes.count(QuoteQuery(text="pier")) == 1


def test_nul_characters_are_removed_not_stored(library, speaker):
    qid = library.quotes.add("Half\x00way", speaker, context="ctx\x00")
    assert library.quotes.get(qid).words == "Halfway"


@pytest.mark.parametrize("words", [
    "We are ready 🚒🔥 for anything",
    "Café crème, naïve — e\u0301 combining",
    "نحن نراقب الوضع عن كثب",
    "אנחנו עוקבים מקרוב",
    "我们正在密切关注",
])
def test_emoji_combining_marks_and_right_to_left_scripts_round_trip(library, speaker, words):
    qid = library.quotes.add(words, speaker)
    assert library.quotes.get(qid).words == words
    first_word = words.split()[0]
    assert library.quotes.count(QuoteQuery(text=first_word)) >= 1


def test_a_missing_folder_gets_a_clear_message(tmp_path):
    with pytest.raises(LibraryError, match="does not exist"):
        Library(tmp_path / "no" / "such" / "folder" / "lib.verbatim")


def test_a_read_only_folder_gets_a_clear_message():
    # sysfs refuses new files even to root, so this holds in CI too.
    with pytest.raises(LibraryError, match=r"read-only|Cannot create"):
        Library("/sys/verbatim-test.verbatim")


def test_rules_that_need_more_say_what_is_missing(library, speaker, saved):
    with pytest.raises(InvalidInput, match="agreed description"):
        library.quotes.add("Words.", speaker, rule="background")
    with pytest.raises(InvalidInput, match="embargo"):
        library.quotes.add("Words.", speaker, rule="embargoed")
    with pytest.raises(InvalidInput, match="outlet"):
        library.quotes.add("Words.", speaker, second_hand=True)
    with pytest.raises(InvalidInput, match="ground rule"):
        library.quotes.add("Words.", speaker, rule="whispered")
    _still_there(library, saved)


_BROKEN = st.text(min_size=1, max_size=8).flatmap(
    lambda text: st.sampled_from(["\ud800", "\udfff", "\udc80"]).map(lambda s: text + s + text))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_BROKEN, call=st.sampled_from([
    lambda lib, s, q, t: lib.quotes.add(t, s),
    lambda lib, s, q, t: lib.quotes.add("Words.", s, context=t),
    lambda lib, s, q, t: lib.quotes.add("Words.", s, tags=[t]),
    lambda lib, s, q, t: lib.quotes.update(q, words=t),
    lambda lib, s, q, t: lib.quotes.insert_bulk([{"words": t, "speaker_id": s}]),
    lambda lib, s, q, t: lib.sources.add(title=t),
    lambda lib, s, q, t: lib.sources.add(title="Briefing", text=t, names=[("author", "Ana Ruiz")]),
    lambda lib, s, q, t: lib.sources.add(title="Briefing", names=[("author", t)]),
    lambda lib, s, q, t: lib.speakers.add(t),
    lambda lib, s, q, t: lib.speakers.add("Ana Ruiz", aliases=[t]),
    lambda lib, s, q, t: lib.speakers.update(s, description=t),
    lambda lib, s, q, t: lib.speakers.add_alias(s, t),
    lambda lib, s, q, t: lib.speakers.lookup(t),
    lambda lib, s, q, t: lib.tags.add_to([q], t),
]))
def test_text_that_is_not_text_is_invalid_input(library, speaker, saved, text, call):
    """A lone surrogate (from a JSON escape, or bytes that were not UTF-8) is refused, never a raw crash."""
    with pytest.raises(InvalidInput, match="broken character"):
        call(library, speaker, saved, text)
    _still_there(library, saved)


def test_a_name_of_nothing_but_broken_characters_is_refused_not_dropped(library):
    # Parsed first, "\ud800 \ud800" became an empty name and the source was stored without a word.
    with pytest.raises(InvalidInput, match="broken character"):
        library.sources.add(title="Briefing", names=[("author", "\ud800 \ud800")])
    assert library.db.execute("SELECT count(*) FROM sources").fetchone()[0] == 0
