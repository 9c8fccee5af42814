"""Search that forgives: every form of a word, a word half typed, a speaker's name as a plain word."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qtapp.core.library import Library
from qtapp.core.query import QuoteQuery, speaker_split
from qtapp.core.schema import migrations

# Regular forms a reporter types; each finds a quote holding any other form of the same word.
FORMS = [
    ("sanction", "sanctions", "sanctioned", "sanctioning"),
    ("protest", "protests", "protested", "protesting"),
    ("negotiate", "negotiates", "negotiated", "negotiating"),
    ("deny", "denies", "denied", "denying"),
    ("policy", "policies"),
    ("investigate", "investigates", "investigated", "investigating"),
    ("elect", "elects", "elected", "electing"),
    ("tariff", "tariffs"),
    ("report", "reports", "reported", "reporting"),
    ("strike", "strikes"),
    ("generalization", "generalizations"),
]
# Words of news quotes, and words whose stems change at their end ("skyline": "sky" → "ski").
WORDS = ("skyline player playground happiness hopping troubled relational operator generalization "
         "government minister ministry election budget police court president country border talks security "
         "council harbour rebuild rebuilding agreement negotiations inflation unemployment reporter reported "
         "statement investigation confidential sources officials spokesperson emergency ceasefire humanitarian "
         "referendum legislation constitutional parliamentary opposition coalition majority candidates "
         "stability monetary currency economy economies journey journeys cried flies studying").split()
FILLER = st.lists(st.sampled_from(["we", "will", "not", "the", "harbour", "today", "and", "it"]), max_size=6)
HEALTH = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


@pytest.fixture(scope="module")
def lib(tmp_path_factory):
    lib = Library(tmp_path_factory.mktemp("forgives") / "lib.verbatim")
    yield lib
    lib.close()


@pytest.fixture(scope="module")
def speaker(lib):
    return lib.speakers.add("Wilma Quote")


def _finds(lib, quote_id, text, typing=False):
    return lib.quotes.count(QuoteQuery(text=text, typing=typing, ids=[quote_id])) == 1


@settings(max_examples=60, deadline=None, suppress_health_check=HEALTH)
@given(forms=st.sampled_from(FORMS), data=st.data(), before=FILLER, after=FILLER)
def test_every_form_of_a_word_finds_a_quote_holding_another(lib, speaker, forms, data, before, after):
    held, typed = data.draw(st.sampled_from(forms)), data.draw(st.sampled_from(forms))
    quote = lib.quotes.add(" ".join([*before, held.title() if data.draw(st.booleans()) else held, *after]) + ".",
                           speaker)
    assert _finds(lib, quote, typed)
    assert _finds(lib, quote, f"{typed} ", typing=True)


@settings(max_examples=60, deadline=None, suppress_health_check=HEALTH)
@given(word=st.sampled_from([*WORDS, *(f for forms in FORMS for f in forms)]),
       data=st.data(), before=FILLER)
def test_a_word_being_typed_finds_the_quote_at_every_letter(lib, speaker, word, data, before):
    quote = lib.quotes.add(" ".join([*before, word, "end"]) + ".", speaker)
    for end in range(1, len(word) + 1):
        typed = " ".join([*before, word[:end]])
        assert _finds(lib, quote, typed, typing=True), f"typing {typed!r} loses {word!r}"


def test_sanction_finds_sanctions_and_the_list_never_empties_while_typing_it(library):
    quote = library.quotes.add("New sanctions are coming.", library.speakers.add("Ana Ruiz"))
    assert library.quotes.count(QuoteQuery(text="sanction")) == 1
    for end in range(1, len("sanctions") + 1):
        assert [r.id for r in library.quotes.page(QuoteQuery(text="sanctions"[:end], typing=True))] == [quote]


def test_a_prefix_asked_for_with_a_star_still_works(library):
    library.quotes.add("Watching closely.", library.speakers.add("Ana Ruiz"))
    assert library.quotes.count(QuoteQuery(text="watch*")) == 1
    assert library.quotes.count(QuoteQuery(text='"watching closely"')) == 1
    assert library.quotes.count(QuoteQuery(text='"closely watching"')) == 0


@pytest.fixture
def heimovits(library):
    """Roberto Heimovits (alias Minister Heimovits) with two quotes; another speaker mentions him."""
    him = library.speakers.add("Roberto Heimovits", aliases=["Minister Heimovits", "the head of the ministry"])
    other = library.speakers.add("Ana Ruiz")
    ids = {"sanctions": library.quotes.add("The sanctions will bite.", him),
           "harbour": library.quotes.add("The harbour stays open.", him),
           "mention": library.quotes.add("Heimovits is wrong about the sanctions.", other),
           "unrelated": library.quotes.add("The ministry said nothing.", other)}
    return library, ids


def _ids(lib, text, **kw):
    return {r.id for r in lib.quotes.page(QuoteQuery(text=text, **kw))}


def test_a_surname_finds_the_speakers_quotes_and_those_mentioning_him(heimovits):
    lib, ids = heimovits
    expected = {ids["sanctions"], ids["harbour"], ids["mention"]}
    for text in ("Heimovits", "heimovits"):
        assert _ids(lib, text) == expected, text
        assert lib.quotes.count(QuoteQuery(text=text)) == 3
    assert _ids(lib, "Heimov", typing=True) == expected
    # A title-plus-surname alias, the full name, a first name: his quotes (no other quote holds them).
    for text in ("Minister Heimovits", "minister heimovits", "Roberto Heimovits", "roberto"):
        assert _ids(lib, text) == {ids["sanctions"], ids["harbour"]}, text


def test_a_speakers_name_with_other_words_needs_the_other_words(heimovits):
    lib, ids = heimovits
    assert _ids(lib, "Heimovits sanctions") == {ids["sanctions"], ids["mention"]}
    assert _ids(lib, "sanction Heimovits") == {ids["sanctions"], ids["mention"]}
    assert _ids(lib, "Heimovits harbour", sort="said") == {ids["harbour"]}


def test_lower_case_words_of_an_alias_name_nobody(heimovits):
    lib, ids = heimovits
    assert _ids(lib, "ministry") == {ids["unrelated"]}
    assert _ids(lib, "the head") == set()


def test_the_split_says_how_many_are_by_the_speaker_and_how_many_mention_him(heimovits):
    lib, _ids = heimovits
    split = speaker_split(lib.db, QuoteQuery(text="Heimovits"))
    assert (split.names, split.by, split.mentioning) == (("Roberto Heimovits",), 2, 1)
    assert speaker_split(lib.db, QuoteQuery(text="sanctions")) is None


def test_every_order_and_page_lists_the_speakers_quotes_once(heimovits):
    lib, ids = heimovits
    for sort in ("created", "said", "words", "speaker", "source", "relevance"):
        for descending in (True, False):
            q = QuoteQuery(text="Heimovits", sort=sort, descending=descending)
            seen, after = [], None
            while page := lib.quotes.page(q, after=after, limit=1):
                seen += [r.id for r in page]
                after = page[-1].cursor
            assert sorted(seen) == sorted({ids["sanctions"], ids["harbour"], ids["mention"]}), sort


def test_an_older_library_is_reindexed_with_stems(tmp_path):
    from sqlite_utils import Database
    path = tmp_path / "old.verbatim"
    db = Database(path)
    migrations.apply(db, stop_before="m007_stemmed_search")
    db.execute("INSERT INTO speakers (uuid, name, sort_name, created_at, updated_at) "
               "VALUES ('s', 'Ana Blanco', 'Blanco', 'x', 'x')")
    db.execute("INSERT INTO quotes (uuid, words, speaker_id, created_at, updated_at) "
               "VALUES ('q', 'The sanctions bite.', 1, 'x', 'x')")
    db.conn.commit()
    assert db.execute("SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH 'sanction'").fetchone()[0] == 0
    db.conn.close()
    with Library(path) as lib:
        assert lib.quotes.count(QuoteQuery(text="sanction")) == 1
        assert lib.quotes.count(QuoteQuery(text="Blanco")) == 1   # a speaker added with no alias
        lib.speakers.add("Ana Lee")
        for index in ("quotes_fts", "speakers_fts"):
            lib.db.execute(f"INSERT INTO {index} ({index}, rank) VALUES ('integrity-check', 1)")
        lib.quotes.update(1, words="The tariffs bite.")
        assert lib.quotes.count(QuoteQuery(text="tariff")) == 1
        assert lib.quotes.count(QuoteQuery(text="sanction")) == 0



def test_a_speaker_without_aliases_is_found_by_a_word_of_his_name(library):
    him = library.speakers.add("Roberto Heimovits")
    quote = library.quotes.add("Hello there.", him)
    assert [r.id for r in library.quotes.page(QuoteQuery(text="Heimovits,"))] == [quote]
    assert library.quotes.count(QuoteQuery(speaker="heimovits")) == 1
    assert [i for i, _ in library.speakers.find("Heimo")] == [him]
