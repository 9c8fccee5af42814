"""Speaker check: names, surnames, titles, pronouns, labels, and words given to someone else."""

import pytest

from qtapp.core.checks import check_quotes

MARKET = ("The market hall will reopen in May, the city announced on Monday.\n\n"
          "“We owe the traders a roof that does not leak,” said Mayor Ana Ruiz, who toured the site. "
          "Her rival on the council, Tomas Vidal, disagreed: “The repairs are a year late and twice the budget.”\n\n"
          "Ruiz did not answer directly. “Every stall will be back by summer,” she said.\n\n"
          "The council's treasurer was blunter. “There is no money left for the clock tower,” the treasurer said.")
TRANSCRIPT = ("PRESS BRIEFING, 3 MARCH\n"
              "OKAFOR: Good morning. The bridge stays closed until the inspection ends.\n"
              "REPORTER: When will that be?\n"
              "OKAFOR: Not before April, I am afraid.\n")


@pytest.fixture
def people(library):
    ruiz = library.speakers.add("Ana Ruiz", roles=[{"title": "Mayor"}])
    vidal = library.speakers.add("Tomas Vidal")
    treasurer = library.speakers.add("Ilse Brandt", roles=[{"title": "Treasurer", "organization": "City council"}])
    source = library.sources.add("article", "Market hall", outlet="The Harbour Gazette", text=MARKET)
    return {"ruiz": ruiz, "vidal": vidal, "brandt": treasurer, "source": source}


def _speaker_check(library, words, speaker_id, source_id):
    qid = library.quotes.add(words, speaker_id, source_id=source_id)
    [result] = check_quotes(library, [qid])
    return result.verdicts["speaker"], [f for f in result.findings if f.check == "speaker"]


def test_words_given_to_the_person_the_source_names_are_attributed(library, people):
    verdict, findings = _speaker_check(library, "We owe the traders a roof that does not leak", people["ruiz"],
                                       people["source"])
    assert verdict.startswith("attributed") and not findings


def test_a_pronoun_refers_back_to_the_person_last_named(library, people):
    verdict, findings = _speaker_check(library, "Every stall will be back by summer", people["ruiz"], people["source"])
    assert verdict == "attributed_by_pronoun" and not findings


def test_a_pronoun_quote_given_to_someone_else_is_caught(library, people):
    verdict, findings = _speaker_check(library, "Every stall will be back by summer", people["vidal"], people["source"])
    assert verdict == "other_speaker"
    assert findings[0].code == "misattributed" and "Ana Ruiz" in findings[0].message


def test_two_speakers_in_one_paragraph_the_quote_given_to_the_wrong_one(library, people):
    verdict, findings = _speaker_check(library, "The repairs are a year late and twice the budget", people["ruiz"],
                                       people["source"])
    assert verdict == "other_speaker"
    [finding] = findings
    assert finding.severity == "blocking"
    assert "Tomas Vidal" in finding.message
    assert MARKET[finding.span[0]:finding.span[1]] == "Tomas Vidal"
    verdict, findings = _speaker_check(library, "The repairs are a year late and twice the budget", people["vidal"],
                                       people["source"])
    assert verdict.startswith("attributed") and not findings


def test_a_title_in_the_attribution_matches_the_speakers_role(library, people):
    verdict, findings = _speaker_check(library, "There is no money left for the clock tower", people["brandt"],
                                       people["source"])
    assert verdict == "attributed_by_title" and not findings


def test_an_alias_matches(library, people):
    mayor = library.speakers.add("A. M. Ruiz-Calderón", aliases=["Mayor Ana Ruiz"])
    verdict, _ = _speaker_check(library, "We owe the traders a roof that does not leak", mayor, people["source"])
    assert verdict == "attributed_by_name"


def test_a_transcript_label_names_the_speaker(library):
    okafor = library.speakers.add("Lina Okafor")
    other = library.speakers.add("Piet Vos")
    source = library.sources.add("press_conference", "Bridge briefing", text=TRANSCRIPT)
    assert _speaker_check(library, "Not before April, I am afraid", okafor, source)[0].startswith("attributed")
    verdict, findings = _speaker_check(library, "Not before April, I am afraid", other, source)
    assert verdict == "other_speaker" and "Lina Okafor" in findings[0].message


def test_words_nobody_is_named_for_in_an_article_get_a_warning(library):
    speaker = library.speakers.add("Lina Okafor")
    source = library.sources.add("article", "Notes", text="Residents were told: “Expect delays on the ring road.”")
    verdict, findings = _speaker_check(library, "Expect delays on the ring road", speaker, source)
    assert verdict == "not_stated"
    assert findings[0].severity == "warning"


@pytest.mark.parametrize("text", [
    "“The pool closes in June,” Vidal told the Harbour Gazette on Monday.",
    "“The pool closes in June,” according to Tomas Vidal, the council's sports officer.",
    "“The pool closes in June,” said Vidal, who chairs the sports committee.",
    "Vidal, who chairs the sports committee, said: “The pool closes in June.”",
    "“The pool closes in June,” said the council's sports officer, Tomas Vidal, on Friday.",
    "“The pool closes in June,” Vidal, 61, said.",
])
def test_common_attribution_forms(library, people, text):
    source = library.sources.add("article", "Pool", text=text)
    assert _speaker_check(library, "The pool closes in June", people["vidal"], source)[0].startswith("attributed")
    verdict, findings = _speaker_check(library, "The pool closes in June", people["ruiz"], source)
    assert verdict == "other_speaker" and "Tomas Vidal" in findings[0].message


def test_a_shared_given_name_is_not_the_same_person(library, people):
    ana_vos = library.speakers.add("Ana Vos")
    verdict, findings = _speaker_check(library, "We owe the traders a roof that does not leak", ana_vos,
                                       people["source"])
    assert verdict == "other_speaker" and "Ana Ruiz" in findings[0].message


def test_a_shared_surname_is_not_the_same_person_when_the_source_names_another_speaker(library, people):
    luis_ruiz = library.speakers.add("Luis Ruiz")
    verdict, findings = _speaker_check(library, "We owe the traders a roof that does not leak", luis_ruiz,
                                       people["source"])
    assert verdict == "other_speaker" and "Ana Ruiz" in findings[0].message


def test_a_quote_that_goes_on_after_its_attribution(library, people):
    text = "“The pool closes in June,” Vidal said. “After that, the roof will be replaced.”"
    source = library.sources.add("article", "Pool", text=text)
    words = "After that, the roof will be replaced"
    assert _speaker_check(library, words, people["vidal"], source)[0].startswith("attributed")
    assert _speaker_check(library, words, people["ruiz"], source)[0] == "other_speaker"


def test_words_said_twice_are_judged_where_the_quote_was_logged(library, people):
    text = "“The pool closes in June,” said Ana Ruiz. Later Tomas Vidal agreed. “The pool closes in June,” Vidal said."
    source = library.sources.add("article", "Pool", text=text)
    second = text.rindex("The pool")
    qid = library.quotes.add("The pool closes in June", people["vidal"], source_id=source,
                             span_start=second, span_end=second + len("The pool closes in June"))
    [result] = check_quotes(library, [qid])
    assert result.verdicts["speaker"].startswith("attributed")
    unplaced = library.quotes.add("The pool closes in June", people["vidal"], source_id=source)
    [result] = check_quotes(library, [unplaced])
    assert result.verdicts["speaker"] == "other_speaker"


def test_words_the_source_gives_to_an_unnamed_speaker_are_not_a_named_persons(library, people):
    text = ("One resident, who did not want to be named, said: “The drains flood every spring.”\n\n"
            "Councillor Tomas Vidal said he was concerned.")
    source = library.sources.add("article", "Drains", text=text)
    verdict, findings = _speaker_check(library, "The drains flood every spring", people["vidal"], source)
    assert verdict == "other_speaker" and "one resident" in findings[0].message
    resident = library.speakers.add("one resident")
    assert _speaker_check(library, "The drains flood every spring", resident, source)[0].startswith("attributed")


NEARBY = ("Ferry fares 'will not rise', says operator\n\n"
          "Harbour Lines chief Marta Quist promised on Monday to keep fares frozen.\n\n"
          "Quist took over in spring, after a “painful mistake” over fares.\n\n"
          "“We heard the islanders,” Quist said.\n\n"
          "Ferries wait at the north quay on Monday\n\n"
          "“And we will keep listening to them.”\n\n"
          "People living on Mill Lane say the new timetable 'cuts them off' in winter.")


@pytest.mark.parametrize("words", ["will not rise", "painful mistake", "And we will keep listening to them."])
def test_words_the_article_places_with_a_speaker_named_nearby_are_a_note(library, words):
    quist = library.speakers.add("Marta Quist")
    source = library.sources.add("article", "Fares", text=NEARBY)
    verdict, findings = _speaker_check(library, words, quist, source)
    assert verdict in ("named_nearby", "attributed_by_name", "attributed_by_surname")
    assert all(f.severity == "info" for f in findings)


def test_words_near_someone_else_only_still_warn(library):
    other = library.speakers.add("Jon Brandt")
    source = library.sources.add("article", "Fares", text=NEARBY)
    verdict, findings = _speaker_check(library, "will not rise", other, source)
    assert verdict == "not_stated" and findings[0].severity == "warning"


def test_a_described_group_is_a_note_for_a_described_speaker_and_blocks_a_named_one(library):
    residents = library.speakers.add("harbour residents")
    quist = library.speakers.add("Marta Quist")
    source = library.sources.add("article", "Fares", text=NEARBY)
    verdict, findings = _speaker_check(library, "cuts them off", residents, source)
    assert verdict == "described" and findings[0].severity == "info"
    verdict, findings = _speaker_check(library, "cuts them off", quist, source)
    assert verdict == "other_speaker" and findings[0].severity == "blocking"


def test_words_woven_after_another_named_speaker_warn_for_the_earlier_one(library, people):
    text = ("Mayor Ana Ruiz opened the session.\n\n"
            "Councillor Tomas Vidal then backed a “bold step” for the harbour.\n\nThe vote is in May.")
    source = library.sources.add("article", "Session", text=text)
    verdict, findings = _speaker_check(library, "bold step", people["vidal"], source)
    assert verdict == "named_nearby" and findings[0].severity == "info"
    verdict, findings = _speaker_check(library, "bold step", people["ruiz"], source)
    assert verdict == "not_stated" and findings[0].severity == "warning"
