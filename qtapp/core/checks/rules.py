"""Checks on a quote's own fields: ground rules, dates, provenance (second-hand, translated), marks.

Each function takes what it needs (no library) and returns ``(verdict, findings)``.
"""

from __future__ import annotations

import datetime as dt
import re

from ..dates import PartialDate, moment_text
from ..languages import language_name, same_language
from .model import Finding

_RULE_VERDICT = {"on_record": "on_record", "background": "description_only",
                 "deep_background": "no_quotation", "off_record": "never_publish"}


def ground_rule(rule: str, description: str, embargo_until: str | None, confidential: bool,
                now: dt.datetime) -> tuple[str, list[Finding]]:
    """May the words be published today, and under which name?"""
    if rule == "off_record":
        return "never_publish", [Finding("ground_rule", "blocking", "off_record",
                                         "Off the record: these words must never be published or exported for "
                                         "publication.")]
    if rule == "deep_background":
        return "no_quotation", [Finding("ground_rule", "blocking", "deep_background",
                                        "Deep background: no quotation and no attribution. Use the information "
                                        "in your own words.")]
    if rule == "background":
        return "description_only", [Finding("ground_rule", "info", "background",
                                            f"On background: attribute only to “{description}”, never by name.")]
    if rule == "embargoed" and embargo_until:
        until = dt.datetime.fromisoformat(embargo_until)
        shown = f"{moment_text(until)} UTC"
        if until > now:
            return "embargoed", [Finding("ground_rule", "blocking", "embargoed",
                                         f"Embargoed until {shown}: nothing may be published before then.",
                                         detail={"key": embargo_until})]
        return "on_record", [Finding("ground_rule", "info", "embargo_lifted",
                                     f"The embargo ended {shown}; the words are now on the record.")]
    if confidential:
        return "on_record", [Finding("ground_rule", "warning", "confidential_on_record",
                                     "The speaker is marked confidential, yet the quote is on the record, which "
                                     "would print the name. Check the ground rule.")]
    return _RULE_VERDICT.get(rule, rule), []


def dates(said: PartialDate | None, source_date: PartialDate | None, source_end: PartialDate | None,
          today: dt.date) -> tuple[str, list[Finding]]:
    """Said before the source was published, and not in the future; partial dates at their precision."""
    findings = []
    if said and said.first_day() > today:
        findings.append(Finding("dates", "warning", "said_in_future",
                                f"The date said, {said.display()}, is in the future. Check the date."))
    if source_date and source_date.first_day() > today:
        findings.append(Finding("dates", "warning", "source_in_future",
                                f"The source is dated {source_date.display()}, in the future. Check its date."))
    latest = source_end or source_date
    if said and latest and said.is_after(latest):
        findings.append(Finding("dates", "warning", "said_after_source",
                                f"Said {said.display()}, after the source's date ({latest.display()}): the "
                                "source cannot report words not yet spoken. Check both dates."))
    if not said:
        return "no_date", findings
    return ("problem" if findings else "consistent"), findings


def second_hand(second_hand: bool, via_outlet: str, source_kind: str | None, source_outlet: str,
                attribution: str | None) -> tuple[str, list[Finding]]:
    """A quote taken from another outlet must say so in its attribution ("told El Comercio")."""
    if second_hand:
        told = f"told {via_outlet}"
        findings = [Finding("second_hand", "info", "second_hand",
                            f"Taken from {via_outlet}'s reporting. Attribute it through them, "
                            f"e.g. “… {told}”.")]
        if attribution is not None and told.lower() not in attribution.lower():
            findings.append(Finding("second_hand", "warning", "outlet_missing",
                                    f"The attribution line “{attribution}” does not say “{told}”. Add it "
                                    "before publishing.", detail={"key": attribution}))
        return "second_hand", findings
    if source_kind in ("article", "broadcast") and source_outlet:
        return "first_hand", [Finding("second_hand", "info", "maybe_second_hand",
                                      f"The source is {source_outlet}'s reporting. If you did not hear these "
                                      f"words yourself, mark the quote second-hand, via {source_outlet}.")]
    return "first_hand", []


def translated(is_translated: bool, language: str, source_language: str,
               attribution: str | None) -> tuple[str, list[Finding]]:
    """A translated quote must say from which language; a source in another language than the
    one the quote was said in suggests the words are a translation."""
    origin = language_name(language)
    if is_translated:
        findings = [Finding("translated", "info", "translated",
                            f"Translated from {origin}: tell readers, e.g. “… (translated from {origin})”.")]
        if attribution is not None and f"translated from {origin}".lower() not in attribution.lower():
            findings.append(Finding("translated", "warning", "translation_unsaid",
                                    f"The attribution line “{attribution}” does not say the words are translated "
                                    f"from {origin}. Add it before publishing.", detail={"key": attribution}))
        return "translated", findings
    if origin and source_language and not same_language(language, source_language):
        return "original", [Finding("translated", "info", "maybe_translated",
                                    f"The quote was said in {origin} but its source is in "
                                    f"{language_name(source_language)}. If these words are a translation, "
                                    "mark the quote translated.")]
    return "original", []


_PAIRS = (("“", "”"), ("«", "»"))
# A quote carried over several paragraphs opens each new one with a mark that nothing closes.
_PARAGRAPH_OPENING = re.compile(r"(?<=\n)[^\S\n]*[“«\"]")


def marks(words: str) -> tuple[str, list[Finding]]:
    """Quotation marks inside the words must open and close in pairs (the mark opening each
    new paragraph of a quote carried over several is not counted)."""
    words = _PARAGRAPH_OPENING.sub("", words)
    straight = words.count('"') % 2
    unbalanced = bool(straight)
    for opening, closing in _PAIRS:
        if words.count(opening) != words.count(closing):
            unbalanced = True
    if unbalanced:
        return "unbalanced", [Finding("marks", "warning", "unbalanced",
                                      "The quotation marks inside the words do not pair up. A mark may be "
                                      "missing, or belong outside the quote.")]
    return "balanced", []
