"""Transcript turns without quotation marks: ``NAME, ROLE:``, ``NAME:``, ``Q:``/``A:``."""

from qtapp.core.extract import extract_quotes


def turns(text):
    return [(p.quote.split()[0], p.speaker) for p in extract_quotes(text)]


def test_press_conference_transcript_with_roles_questions_and_a_turn_over_two_paragraphs():
    text = ("Harbour Police Brief Reporters\n\n"
            "Aired May 3, 2024 - 10:00 ET\n\n"
            "LENA MARSH, NEWS ANCHOR: We go now to the harbour, where the police are speaking.\n\n"
            "CAPT. TOMAS OKORO, SPOKESMAN, HARBOUR POLICE: Good morning. A boat sank at the pier "
            "last night and two people were rescued.\n\n"
            "QUESTION: Tomas, can you say who owned the boat?\n\n"
            "OKORO: Not at this time. We are still talking to the owners of every boat nearby.\n\n"
            "Divers will go down again this afternoon, and we will know more after that.\n\n"
            "QUESTION: ... was anyone hurt?")
    assert turns(text) == [("We", "Lena Marsh"), ("Good", "Tomas Okoro"), ("Tomas,", "a reporter"),
                           ("Not", "Tomas Okoro"), ("Divers", "Tomas Okoro"), ("...", "a reporter")]


def test_question_and_answer_interview_gives_answers_to_the_person_in_the_title():
    text = ("Ingrid Solberg Post-Match Interview, 12.03.24\n\n"
            "Opening Statement\n\n"
            "We were slow in the first half and we paid for it. I told the players so at the break.\n\n"
            "Q: Was the second goal offside?\n\n"
            "A: I have not seen it again. The referee decided, and that is the end of it.\n\n"
            "Q: What did you say at half-time?\n\n"
            "A: That is between me and the players.")
    assert turns(text) == [("We", "Ingrid Solberg"), ("Was", "a reporter"), ("I", "Ingrid Solberg"),
                           ("What", "a reporter"), ("That", "Ingrid Solberg")]


def test_headings_and_datelines_before_a_colon_are_not_turns():
    text = ("WASHINGTON: The talks ended late on Tuesday without a deal on the budget.\n\n"
            "UPDATE: This story has been corrected to give the right date of the vote.")
    assert extract_quotes(text) == []
