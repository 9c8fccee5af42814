"""Accepting proposals: the provenance the source suggests, and the evidence kept with the quote."""

import pytest

from qtapp.core.checks import check_quotes, findings_for, runner
from qtapp.core.errors import InvalidInput
from qtapp.core.extract import Accepted, extract_quotes, log_accepted
from qtapp.core.extract.accept import evidence_summary, proposed_provenance

ARTICLE = ("Finance Minister Ana Ruiz spoke to the Lima daily on Monday.\n\n"
           "“We will not raise taxes this year,” Ruiz told El Comercio in Spanish.\n\n"
           "“The deficit is under control,” she said at the airport.\n")


def _accept_all(lib, source_id):
    source = lib.sources.get(source_id)
    proposals = extract_quotes(source.text)
    accepted = [Accepted(p.quote, p.start, p.end, p.speaker, None, p.aliases,
                         *proposed_provenance(lib, source, p), p.evidence) for p in proposals]
    return log_accepted(lib, source_id, accepted)


def test_an_outlet_and_a_language_cue_are_proposed_and_stored_together(library):
    source_id = library.sources.add("article", "Budget", language="en", text=ARTICLE, date="2024-03-05")
    source = library.sources.get(source_id)
    proposals = extract_quotes(ARTICLE)
    assert [proposed_provenance(library, source, p) for p in proposals] == [("El Comercio", True, "Spanish"),
                                                                             ("", False, "")]

    first, second = (library.quotes.get(i) for i in _accept_all(library, source_id))
    assert (first.second_hand, first.via_outlet, first.translated, first.language) == (
        True, "El Comercio", True, "Spanish")
    assert (second.second_hand, second.translated) == (False, False)
    assert first.attribution_evidence["provenance"] == "El Comercio"
    assert first.attribution_evidence["how"] == "surname" and first.attribution_evidence["mention"] == "Ruiz"
    start, end = first.attribution_evidence["mention_span"]
    assert ARTICLE[start:end] == "Ruiz"
    assert second.attribution_evidence["how"] == "pronoun" and second.attribution_evidence["mention"] == "she"
    assert "“she” (by a pronoun)" in evidence_summary(second.attribution_evidence)
    library.undo()
    assert library.quotes.count() == 0


def test_the_language_an_outlet_publishes_in_makes_its_words_a_translation(library):
    library.sources.add("article", "Entrevista", outlet="El Comercio", language="es", text="")
    text = "“We will not raise taxes,” Ana Ruiz told El Comercio.\n"
    source_id = library.sources.add("article", "Budget", text=text)
    (proposal,) = extract_quotes(text)
    assert proposed_provenance(library, library.sources.get(source_id), proposal) == ("El Comercio", True, "Spanish")
    spanish = library.sources.add("article", "Presupuesto", language="es", text=text)
    assert proposed_provenance(library, library.sources.get(spanish), proposal) == ("El Comercio", False, "")


def test_a_translation_cue_without_a_language_asks_for_it_before_logging(library):
    text = "“We will not raise taxes,” Ana Ruiz said through an interpreter.\n"
    source_id = library.sources.add("article", "Budget", text=text)
    (proposal,) = extract_quotes(text)
    provenance = proposed_provenance(library, library.sources.get(source_id), proposal)
    assert provenance == ("", True, "")
    accepted = Accepted(proposal.quote, proposal.start, proposal.end, "Ana Ruiz", None, [], *provenance)
    with pytest.raises(InvalidInput, match="language it was said in"):
        log_accepted(library, source_id, [accepted])
    accepted.language = "Tagalog"
    (quote_id,) = log_accepted(library, source_id, [accepted])
    assert (library.quotes.get(quote_id).translated, library.quotes.get(quote_id).language) == (True, "Tagalog")


def test_the_speaker_check_reads_the_kept_evidence_until_the_source_changes(library, monkeypatch):
    source_id = library.sources.add("article", "Budget", language="en", text=ARTICLE, date="2024-03-05")
    ids = _accept_all(library, source_id)
    readings = []
    real = runner.attribution_phrase
    monkeypatch.setattr(runner, "attribution_phrase", lambda *a: readings.append(a) or real(*a))

    results = check_quotes(library, ids)
    assert readings == []                                   # the evidence kept on accept was enough
    assert [r.verdicts["speaker"] for r in results] == ["attributed_by_name", "attributed_by_pronoun"]
    assert not any(f.severity != "info" for i in ids for f in findings_for(library, i) if f.check == "speaker")

    library.sources.update(source_id, text=ARTICLE + "\nShe left for Cusco.\n")
    check_quotes(library, ids)
    assert len(readings) == 2                               # the text changed: read again


def test_a_described_or_pronoun_speaker_is_created_with_only_the_names_the_text_gives_it(library):
    text = ("Residents of Alder Lane say the bus stop has moved three times this year. They said: "
            "“Nobody asked us before the stop moved again.”\n\n"
            "One shopkeeper, who asked not to be named, said: “We lose customers every time the buses change.”\n\n"
            "Councillor Imogen Trask said the council would review the route. She said: "
            "“The route will be looked at again in the spring.”\n")
    source_id = library.sources.add("article", "Bus stop", text=text)
    proposals = extract_quotes(text)
    assert [(p.speaker, p.aliases) for p in proposals] == [
        ("Residents of Alder Lane", []), ("one shopkeeper", []), ("Imogen Trask", ["Councillor Imogen Trask"])]
    _accept_all(library, source_id)
    aliases = {name: library.speakers.get(library.speakers.lookup(name)).aliases
               for name in ("Residents of Alder Lane", "one shopkeeper", "Imogen Trask")}
    assert aliases == {"Residents of Alder Lane": [], "one shopkeeper": [], "Imogen Trask": ["Councillor Imogen Trask"]}


def test_a_proposal_without_a_speaker_is_refused_in_one_sentence_and_nothing_is_logged(library):
    text = "“Nobody told us anything about the closure.”\n"
    source_id = library.sources.add("article", "Closure", text=text)
    (proposal,) = extract_quotes(text)
    assert proposal.speaker is None
    accepted = Accepted(proposal.quote, proposal.start, proposal.end, proposal.speaker, None, proposal.aliases)
    with pytest.raises(InvalidInput, match="has no speaker"):
        log_accepted(library, source_id, [accepted])
    assert library.quotes.count() == 0
