"""Attribution rules of news writing, each on an invented passage."""

import pytest

from qtapp.core.extract import extract_quotes


def speaker_of(text, words):
    for p in extract_quotes(text):
        if words in p.quote:
            return p.speaker
    raise AssertionError(f"no proposal holds {words!r}")


@pytest.mark.parametrize("text, words, speaker", [
    # an infinitive ("to explain") is not an attribution that cuts the quote
    ("Coach Ingrid Solberg said: “We lost the ball too often. It’s hard to explain when you lose like this.”",
     "hard to explain", "Ingrid Solberg"),
    # "Vandeleur’s question" is a noun, not "Vandeleur questioned"
    ("Tomas Reyes met Lena Marsh.\n\nReyes then said he had to “reject the idea” of Marsh’s question.",
     "reject the idea", "Tomas Reyes"),
    # "…, who noted, “…”": the person before "who"
    ("Mayor Piet Vos said he would call back Clara Okafor, who noted, “we have asked this before.”",
     "asked this before", "Clara Okafor"),
    # "he bristled before replying: “…”": the main clause's subject, not "When"
    ("Daniel Lindgren lost again on Sunday.\n\nWhen questioned about the defeat he bristled before "
     "replying: “We were the better side.”", "better side", "Daniel Lindgren"),
    # "which X said made her furious: “…”" is not X introducing the quote; after "Asked about …:"
    # the words are the answer of the person taking questions
    ("“We are ready,” Yusuf Demir told the briefing.\n\n"
     "Asked about the photo, which Mayor Hanna Vos said made her furious: "
     "“I have no information on this.”", "no information", "Yusuf Demir"),
])
def test_speech_verbs_read_by_their_grammar(text, words, speaker):
    assert speaker_of(text, words) == speaker


def test_people_who_share_a_surname_are_told_apart_by_honorific():
    text = ("Hanna Okoro, 79, was on the Oslo-bound ferry. Her son, Chirag Okoro, spoke to us.\n\n"
            "“She was the strongest person I knew,” he said.\n\n"
            "Ms Okoro had lived in the city for forty years.\n\n"
            "Mr Okoro described his mother as “very brave”.")
    assert speaker_of(text, "strongest person") == "Chirag Okoro"
    assert speaker_of(text, "very brave") == "Chirag Okoro"


def test_a_possessive_mention_names_the_person_for_later_pronouns():
    text = ("Coach Tomas Reyes said: “We were the better side.”\n\n"
            "Two goals won the match as Daniel Lindgren’s men outplayed the visitors.\n\n"
            "However, Lindgren disagreed. He said: “We played with purpose.”")
    assert speaker_of(text, "with purpose") == "Daniel Lindgren"


def test_a_name_before_an_appositive_description_is_the_speaker():
    text = "“Everybody was running,” Lena Marsh, an actress who had been at the concert told the radio."
    assert speaker_of(text, "Everybody was running") == "Lena Marsh"


def test_a_given_name_after_a_family_role_is_a_person_with_that_gender():
    text = ("“Someone came through the doors,” Mr Tomas Reyes told the radio.\n\n"
            "His daughter Clara said: “I had to find my sister.\n\n"
            "“It was terrifying,” she said.")
    assert speaker_of(text, "find my sister") == "Clara"
    assert speaker_of(text, "terrifying") == "Clara"


def test_an_unnamed_speaker_introduced_in_the_lede_keeps_her_description():
    text = ("A Bergen teacher has described the moment the roof of her classroom fell in.\n\n"
            "The teacher of a class of 30 children, who asked not to be named, has spoken out about it.\n\n"
            "“I heard a crack and told everyone to run.\n\n"
            "“Nobody was hurt, which is a miracle.”\n\n"
            "She said the school had warned the council twice.\n\n"
            "“We wrote to them in March and in May.”\n\n"
            "The building was closed on Friday.\n\n"
            "“I will not go back in there.”")
    assert {p.speaker for p in extract_quotes(text)} == {"a Bergen teacher"}


@pytest.mark.parametrize("text, words, speaker", [
    # "the company" after "Harbourline, the company behind the ferry,"
    ("Harbourline, the company behind the ferry that sank on Sunday, spoke late on Monday.\n\n"
     "“We are heartbroken,” the company said in a statement.", "heartbroken", "Harbourline"),
    # "X's statement reads"
    ("The ferry sank on Sunday.\n\n“This is a sad time,” Harbourline’s statement reads.", "sad time", "Harbourline"),
    # a statement with no issuer in its paragraph: the body the paragraph before is about
    ("His club Racing Vardel paid tribute on its website.\n\nA statement said: “We will not forget him.”",
     "not forget", "Racing Vardel"),
    # "on behalf of his family": the family, not the outlet it was given to
    ("Tomas Reyes died on Sunday.\n\nA statement shared on behalf of his family with NRK, read, "
     "“He died peacefully at home.”", "peacefully", "the family"),
])
def test_statements_belong_to_whoever_issued_them(text, words, speaker):
    assert speaker_of(text, words) == speaker


def test_a_pull_quote_takes_the_speaker_of_the_words_it_repeats():
    text = ("“We grieve for them all.”\n\n"
            "“Our hearts are with the families. We grieve for them all,” Mayor Ingrid Solberg said.")
    assert [p.speaker for p in extract_quotes(text)] == ["Ingrid Solberg", "Ingrid Solberg"]


def test_double_marks_in_a_single_mark_text_are_quotes_too():
    text = ("The club said it was ‘devastated’ and ‘heartbroken’ by the news.\n\n"
            "Coach Ingrid Solberg said: “He was the heart of this team.”")
    assert speaker_of(text, "heart of this team") == "Ingrid Solberg"


def test_words_that_speak_of_her_in_the_third_person_are_not_hers():
    text = ("Tomas Reyes, whose daughter Clara works at the arena, spoke to the radio.\n\n"
            "“We could not reach her all night,” Tomas Reyes said.\n\n"
            "She told him that she had hidden in a storeroom when the roof fell.\n\n"
            "“Her words were ‘Dad, I have never been so scared.’\n\n"
            "“I went upstairs and cried like a child.”")
    assert {p.speaker for p in extract_quotes(text)} == {"Tomas Reyes"}


def test_a_paragraph_ending_in_a_speech_verb_and_comma_introduces_the_next():
    text = ("Ingrid Solberg, author of the study, notes,\n\n"
            "‘These results add to the evidence that cells can survive.’\n\n"
            "Hanna Vos, paper author and chemist said, ‘This test supports the presence of proteins.’")
    assert speaker_of(text, "These results") == "Ingrid Solberg"
    assert speaker_of(text, "This test supports") == "Hanna Vos"


@pytest.mark.parametrize("verb", ["slammed", "regretted", "agreed", "quipped", "pled"])
def test_speech_verbs_in_every_inflection(verb):
    assert speaker_of(f"“That was a disgrace,” Tomas Reyes {verb}.", "disgrace") == "Tomas Reyes"


def test_no_misspelt_inflection_is_a_speech_verb():
    from qtapp.core.extract.lexicon import SPEECH_FORMS
    assert {"slammed", "regretted", "agreeing", "said"} <= set(SPEECH_FORMS)
    assert not {"slamed", "regreted", "agreing"} & set(SPEECH_FORMS)


def test_a_headline_fragment_takes_the_speaker_of_the_longer_quote_holding_it():
    text = ("Scientists hint at a discovery: it is ‘one for the history books’\n\n"
            "“The data is going to be one for the history books,” Ingrid Solberg, the lead scientist, told NRK.")
    assert {p.speaker for p in extract_quotes(text)} == {"Ingrid Solberg"}


def test_an_initial_belongs_to_the_name():
    text = ("“We are well placed,” Patrick H. Nettles, the chairman, said.\n\n"
            "Prospero Roda, an analyst, disagreed.\n\n"
            "Before that, Nettles talked about the offering.\n\n"
            "“We believe we can lead this shift,” he said.")
    assert speaker_of(text, "lead this shift") == "Patrick H. Nettles"


def test_a_naming_verb_earlier_in_the_lead_in_does_not_make_a_quote_a_title():
    text = "One resident, who did not want to be named, said: “We clear the drains ourselves at 3am.”"
    assert speaker_of(text, "clear the drains") == "one resident"


def test_an_epithet_in_the_sentence_is_the_person_it_is_about():
    text = ("Lena Marsh was among those paying tribute, with the former Radio 4 presenter tweeting: "
            "“A wonderful colleague and a lovely man.”")
    assert speaker_of(text, "wonderful colleague") == "Lena Marsh"


def test_a_role_in_lower_case_before_an_inverted_name():
    text = "“We have not been paid since June,” said shop steward Rosa Lind on Monday."
    assert speaker_of(text, "not been paid") == "Rosa Lind"


def test_they_say_after_a_collective_subject_in_the_paragraph_before():
    text = ("People living in Harbour Road say the drains overflow every spring.\n\n"
            "They say the water 'completely floods the street', putting homes at risk.")
    assert speaker_of(text, "completely floods") == "People living in Harbour Road"


@pytest.mark.parametrize("text, words, speaker", [
    ("“The bridge will stay shut until spring,” Mayor Ida Brandt on Tuesday told reporters.",
     "bridge will stay", "Ida Brandt"),
    ("Mayor Ida Brandt on Tuesday night called the repairs “a scandal”.", "a scandal", "Ida Brandt"),
    ("The port authority last week said it “deeply regrets” the closure.", "deeply regrets", "the port authority"),
    ("Engineers earlier this month said the piers were “beyond saving”.", "beyond saving", "Engineers"),
    ("Brandt yesterday afternoon called the contract “a mistake”.", "a mistake", "Brandt"),
    ("Ida Brandt in March said the piers were “beyond saving”.", "beyond saving", "Ida Brandt"),
    ("Ida Brandt in a joint statement on Friday said the closure was “avoidable”.", "avoidable", "Ida Brandt"),
    ("Ida Brandt at a news conference called the contract “a mistake”.", "a mistake", "Ida Brandt"),
    ("Ida Brandt on X called the contract “a mistake”.", "a mistake", "Ida Brandt"),
    ("Ida Brandt, the mayor, on Tuesday said the closure was “avoidable”.", "avoidable", "Ida Brandt"),
    ("Dock workers in Harwick said the closure was “avoidable”.", "avoidable", "Dock workers in Harwick"),
])
def test_time_and_channel_phrases_between_subject_and_verb_are_not_the_speaker(text, words, speaker):
    assert speaker_of(text, words) == speaker


@pytest.mark.parametrize("text, words, speaker", [
    ("As Ida Brandt put it, “The piers were built for smaller boats.”", "built for smaller", "Ida Brandt"),
    ("In Ida Brandt's words: “The piers were built for smaller boats.”", "built for smaller", "Ida Brandt"),
    ("According to Ida Brandt, the piers were “beyond saving”.", "beyond saving", "Ida Brandt"),
    ("“The piers were built for smaller boats,” Ida Brandt (pictured) said.", "built for smaller", "Ida Brandt"),
    ("“The piers were built for smaller boats,” Sen. Ida Brandt (D-Maine) said.", "built for smaller", "Ida Brandt"),
    ("“The piers were built for smaller boats,” a source close to Ida Brandt said.", "built for smaller",
     "a source close to Ida Brandt"),
    ("“The piers were built for smaller boats,” Ida Brandt was quoted by the Gazette as saying.",
     "built for smaller", "Ida Brandt"),
])
def test_the_speaker_in_set_phrases_of_attribution(text, words, speaker):
    assert speaker_of(text, words) == speaker
