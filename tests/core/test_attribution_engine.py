"""The one attribution engine: the speaker with its evidence, read from a window of the text."""

import pytest

from qtapp.core.extract import attribute, extract_quotes, extractor

ARTICLE = ("Mayor Ana Ruiz toured the market hall on Monday.\n\n"
           "“We owe the traders a roof that does not leak,” Ruiz told the Harbour Gazette.\n\n"
           "“Every stall will be back by summer,” she said, according to Reuters.\n\n"
           "“The money is there.”")


def span_of(text, words):
    start = text.index(words)
    return start, start + len(words)


@pytest.mark.parametrize("words, speaker, how, cue, mention, provenance", [
    ("We owe the traders", "Ana Ruiz", "surname", "told", "Ruiz", "the Harbour Gazette"),
    ("Every stall", "Ana Ruiz", "pronoun", "said", "she", "Reuters"),
    ("The money is there", "Ana Ruiz", "continuation", "", "", "Reuters"),
])
def test_the_speaker_comes_with_cue_mention_resolution_and_provenance(words, speaker, how, cue, mention, provenance):
    ev = attribute(ARTICLE, *span_of(ARTICLE, words))
    assert (ev.speaker, ev.how, ev.cue, ev.mention, ev.provenance) == (speaker, how, cue, mention, provenance)
    if ev.mention_span:
        assert ARTICLE[ev.mention_span[0]:ev.mention_span[1]] == mention


def test_extraction_and_the_engine_agree_and_proposals_keep_their_evidence():
    for p in extract_quotes(ARTICLE):
        assert p.evidence is not None and p.evidence.speaker == p.speaker
        assert attribute(ARTICLE, p.start, p.end) == p.evidence


def test_a_person_told_something_is_not_an_outlet():
    text = "“We will rebuild,” Ana Ruiz told Mr Tomas Vidal on Monday."
    assert attribute(text, *span_of(text, "We will rebuild")).provenance is None


def test_a_quote_in_a_long_transcript_is_read_from_a_window_around_it(monkeypatch):
    turn = "VIDAL: The pool closes in June and the roof will be replaced after that, as we agreed.\n\n"
    text = "Council meeting, full transcript\n\nTomas Vidal chairs the sports committee.\n\n" + turn * 4000
    read = []
    real = extractor.read_span

    def spy(window, start, end):
        read.append(len(window))
        return real(window, start, end)
    monkeypatch.setattr(extractor, "read_span", spy)
    start = text.rindex("The pool")
    assert attribute(text, start, start + 20).speaker == "Vidal"
    assert read and max(read) < 60_000 < len(text)


def test_spans_outside_the_text_have_no_evidence():
    assert attribute(ARTICLE, 5, 2) is None
    assert attribute(ARTICLE, 0, len(ARTICLE) + 1) is None


def test_a_speech_word_used_as_a_plural_noun_names_no_speaker():
    text = ("Speaking to “Morning Brief” on Sunday, Mara Quint discussed Governor Lale Dunmore's repeated "
            "comments about the bridge.\n\n"
            "“We are grieving deeply over this loss,” Harbour Trust's statement reads.\n\n"
            "He called the mayor “Captain Tollgate,” a title usually held by leaders of river states.")
    speakers = {p.quote: p.speaker for p in extract_quotes(text)}
    assert speakers.get("Morning Brief") is None       # "repeated comments": no one comments here
    assert speakers.get("Captain Tollgate") is None    # "river states": no one states here
    assert speakers["We are grieving deeply over this loss"] == "Harbour Trust"   # "statement reads" does


@pytest.mark.parametrize("said_on, speaker", [("2023-11-09", "Mara Quell"), ("2019-06", "Tomas Vale"),
                                               (None, "Mara Quell")])
def test_a_role_named_without_a_name_is_the_library_speaker_holding_it_that_day(library, said_on, speaker):
    from qtapp.core.extract import known_speakers_of
    library.speakers.add("Tomas Vale", roles=[{"title": "Harbour master", "start": "2015", "end": "2020-03"}])
    library.speakers.add("Mara Quell", roles=[{"title": "harbour master", "start": "2020-04"}])
    library.speakers.add("Jin Park", roles=[{"title": "Mayor", "start": "2018"}])
    text = "The council met on Tuesday.\n\n“The gates will close at dusk,” the harbour master said."
    [proposal] = extract_quotes(text, known_speakers_of(library, on=said_on))
    assert proposal.speaker == speaker
    assert proposal.evidence.mention == "the harbour master"


@pytest.mark.parametrize("told, outlet", [
    ("told Brighton and Hove City Council", None), ("told the Senate Foreign Relations Committee", None),
    ("told the court", None), ("told El Comercio", "El Comercio"), ("told Sky News", "Sky News"),
])
def test_a_body_told_as_an_audience_is_not_an_outlet(told, outlet):
    text = f"“The water rose again last night,” Ian Wold {told} on Monday."
    assert attribute(text, *span_of(text, "The water rose again last night")).provenance == outlet
