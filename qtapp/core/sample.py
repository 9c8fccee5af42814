"""A small sample library so a newcomer sees a working product at once.

The story, people and outlets are invented: a water-main failure in the fictional town of
Marlow Bay. Quotes are logged with their exact spans in the source texts, under every ground
rule, with second-hand and translated quotes. ``load_sample(lib)`` adds it all in one transaction.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .names import Name

if TYPE_CHECKING:
    from .library import Library

INTERVIEW = """Interview with Mayor Elena Vargas, City Hall, 14 March 2024. Notes and recording by the reporter.

Q: When did you learn the main had failed?
VARGAS: At ten past six in the morning. The first call came from the fire chief, and by seven we had crews on Harbor Street.

Q: Residents say they were not warned.
VARGAS: We sent the boil-water notice within two hours. I understand people are angry, and they have every right to be. We will not hide behind the paperwork.

Q: Who pays for the repairs?
VARGAS: The city pays, not the families on Harbor Street. We have set aside 4.2 million dollars, and the council will vote on the rest in April.
"""

BRIEFING = """Marlow Bay Water Authority press briefing, 15 March 2024.

Director Tomas Reyes opened the briefing by apologizing to residents. "We owe every family on Harbor Street an explanation, and they will get one," Reyes said.

Asked whether the pipe had been inspected, he paused. "The last full inspection of that section was in 2009. That is too long, and it is on us," he said.

Dr. Amara Okafor, the county health officer, urged caution: "Boil your water for at least one minute until we lift the notice. Children and older people should not drink tap water at all this week."
"""

ARTICLE = """Council splits over who pays for Harbor Street repairs

MARLOW BAY — The town council was divided on Monday over a proposal to bill the Water Authority for the emergency repairs.

"The authority sat on a report about that pipe for years," Councillor Peter van der Linden said. "Taxpayers should not carry the cost of its neglect."

Mayor Elena Vargas, who backs the proposal, called the debate "overdue". She said the town would publish the 2009 inspection report in full.
"""

POST = """@MarlowBayWater: Boil-water notice lifted for Harbor Street as of 8 a.m. Thank you for your patience. Crews will finish resurfacing by Friday."""


def load_sample(lib: Library) -> None:
    """Add the sample sources, speakers and quotes to ``lib``, all or nothing."""
    with lib.write():
        vargas = lib.speakers.add(
            "Elena Vargas", aliases=["Vargas", "Mayor Vargas", "the mayor"],
            description="Mayor of Marlow Bay",
            roles=[{"title": "Councillor", "organization": "Marlow Bay Town Council", "start": "2016",
                    "end": "2021-11"},
                   {"title": "Mayor", "organization": "Marlow Bay", "start": "2021-11"}])
        reyes = lib.speakers.add(
            "Tomas Reyes", aliases=["Reyes", "Director Reyes"],
            roles=[{"title": "Director", "organization": "Marlow Bay Water Authority", "start": "2019-05"}])
        okafor = lib.speakers.add(
            "Amara Okafor", aliases=["Dr. Okafor", "Okafor"],
            roles=[{"title": "County health officer", "organization": "Marlow County", "start": "2022"}])
        linden = lib.speakers.add(
            "Peter van der Linden", sort_name="Linden, Peter van der",
            aliases=["van der Linden", "Councillor van der Linden"],
            roles=[{"title": "Councillor", "organization": "Marlow Bay Town Council", "start": "2019"}])
        engineer = lib.speakers.add(
            "Jonah Pike", aliases=["Pike"], confidential=True,
            description="City engineer who worked on the repairs; spoke on background")
        interview = lib.sources.add(
            "interview", "Interview with Mayor Elena Vargas", outlet="The Harbor Ledger", date="2024-03-14",
            place="Marlow Bay City Hall", medium="in_person", language="en", text=INTERVIEW,
            names=[("interviewer", Name(family="Holt", given="Dana"))])
        briefing = lib.sources.add(
            "press_conference", "Water Authority press briefing on the Harbor Street main",
            outlet="Marlow Bay Water Authority",
            date="2024-03-15", place="Marlow Bay", language="en", text=BRIEFING)
        article = lib.sources.add(
            "article", "Council splits over who pays for Harbor Street repairs", outlet="Coastal Courier",
            date="2024-03-18", url="https://courier.example/marlow-bay/harbor-street-repairs", accessed="2024-03-18",
            language="en", text=ARTICLE, names=[("author", Name(family="Osei", given="Kwame")),
                                                ("author", Name(literal="Coastal Courier staff"))])
        post = lib.sources.add(
            "social_post", "Boil-water notice lifted", outlet="Marlow Bay Water Authority", date="2024-03-20",
            url="https://social.example/MarlowBayWater/1", language="en", text=POST)
        notes = lib.sources.add("interview", "Background call with a city engineer", date="2024-03-16",
                                medium="phone", language="en", text="")

        def logged(speaker, source, text, words, said, **extra):
            start = text.find(words)
            span = {"span_start": start, "span_end": start + len(words)} if start >= 0 else {}
            return lib.quotes.add(words, speaker, source_id=source, said=said, **span, **extra)

        logged(vargas, interview, INTERVIEW, "We sent the boil-water notice within two hours.", "2024-03-14",
               tags=["harbor-street"])
        logged(vargas, interview, INTERVIEW, "I understand people are angry, and they have every right to be. "
               "We will not hide behind the paperwork.", "2024-03-14", tags=["harbor-street"])
        logged(vargas, interview, INTERVIEW, "The city pays, not the families on Harbor Street.", "2024-03-14",
               tags=["harbor-street", "budget"], context="On who bears the cost of the repairs.")
        logged(reyes, briefing, BRIEFING, "We owe every family on Harbor Street an explanation, and they will get one",
               "2024-03-15", tags=["harbor-street"])
        logged(reyes, briefing, BRIEFING, "The last full inspection of that section was in 2009. That is too long, "
               "and it is on us", "2024-03-15", tags=["harbor-street", "inspections"])
        logged(okafor, briefing, BRIEFING, "Boil your water for at least one minute until we lift the notice.",
               "2024-03-15", tags=["public-health"])
        lib.quotes.add("The valve schedule was ignored for three winters running.", engineer, source_id=notes,
                       said="2024-03-16", rule="background",
                       rule_description="a city engineer familiar with the repairs", tags=["inspections"])
        lib.quotes.add("Off the record, the 2009 report recommended replacing the whole section.", engineer,
                       source_id=notes, said="2024-03-16", rule="off_record", tags=["inspections"])
        logged(linden, article, ARTICLE, "Taxpayers should not carry the cost of its neglect.", "2024-03-18",
               second_hand=True, via_outlet="Coastal Courier", tags=["budget"])
        logged(vargas, article, ARTICLE, "overdue", "2024-03-18", second_hand=True,
               via_outlet="Coastal Courier", tags=["budget"])
        lib.quotes.add("The water is now safe to drink along the whole street.", okafor, said="2024-03-20",
                       second_hand=True, via_outlet="Radio Bahía", translated=True, language="es",
                       original_words="El agua ya es segura para beber en toda la calle.",
                       translator="Dana Holt", context="Said in Spanish to a local radio station.")
        logged(reyes, post, POST, "Crews will finish resurfacing by Friday.", "2024-03-20", rule="embargoed",
               embargo_until="2024-03-20 07:00")
    lib._undo.clear()
