"""Logging the proposals a reporter accepted: quotes with their spans, and new speakers.

::

    proposals = mark_logged(lib, source_id, extract_quotes(text))   # p.logged_id: the quote already logged
    ids = log_accepted(lib, source_id, [Accepted("We are ready.", 120, 133, "Lucia Rivera",
                                                 aliases=["Rivera", "Trade Minister Rivera"],
                                                 via_outlet="El Comercio", translated=True, language="Spanish")])

Everything is one undoable step: undo removes the quotes and the speakers it created. Each
quote keeps the attribution evidence the engine read for it (``quotes.attribution_evidence``),
and is second-hand when accepted with an outlet, translated when accepted as translated.
"""

from __future__ import annotations

import hashlib
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import NamedTuple

from ..dates import utc_now
from ..errors import InvalidInput
from ..languages import language_name, same_language
from ..plural import count_of
from ..quotes import QuoteId
from ..speakers import default_sort_name
from ..text import one_line
from .evidence import Evidence, attribute, translation_in
from .proposal import Proposal


@dataclass
class Accepted:
    """A proposal the reporter accepted, as adjusted: its span and who said it."""

    words: str
    start: int
    end: int
    speaker: str
    speaker_id: int | None = None
    aliases: list[str] = field(default_factory=list)
    via_outlet: str = ""                # second-hand, taken from this outlet's reporting ('': first-hand)
    translated: bool = False            # the words are a translation from ``language``
    language: str = ""
    evidence: Evidence | None = None    # what the engine read for this span (None: read it again)


class Provenance(NamedTuple):
    """What the source suggests of a proposal's provenance ('' for an outlet or language it does not name)."""

    via_outlet: str
    translated: bool
    language: str


def proposed_provenance(lib, source, proposal: Proposal) -> Provenance:
    """The provenance the source suggests for a proposal.

    Second-hand via the outlet a provenance cue names ("told El Comercio", "according to
    Reuters"). Translated when a translation cue says so ("said in Spanish", "through an
    interpreter", "(translated)"), from the language it names, else from the language of the
    outlet's other sources in the library; or when those sources are in another language
    than this one (a source without a language is taken to be in English).
    """
    outlet = (proposal.evidence.provenance if proposal.evidence else None) or ""
    cue = translation_in(source.text, proposal.start, proposal.end, source.language)
    relayed = outlet_language(lib, outlet, source.id) if outlet else ""
    if relayed and same_language(relayed, source.language or "English"):
        relayed = ""
    if cue:
        return Provenance(outlet, True, cue)
    return Provenance(outlet, cue is not None or bool(relayed), language_name(relayed))


def outlet_language(lib, outlet: str, except_source: int | None = None) -> str:
    """The language most of the library's sources from ``outlet`` are in, or ''."""
    counts = Counter(language for (language,) in lib.db.execute(
        "SELECT language FROM sources WHERE outlet = ? COLLATE NOCASE AND language != '' AND deleted_at IS NULL "
        "AND id IS NOT ?", [outlet.removeprefix("the ").strip(), except_source]))
    return counts.most_common(1)[0][0] if counts else ""


def evidence_record(evidence: Evidence | None, text: str, start: int, end: int, language: str = "") -> dict:
    """The evidence as stored with a quote (``quotes.attribution_evidence``, see docs/schema.md)."""
    if evidence is None:
        return {}
    record = {"speaker": evidence.speaker, "how": evidence.how, "cue": evidence.cue, "mention": evidence.mention,
              "mention_span": list(evidence.mention_span) if evidence.mention_span else None,
              "provenance": evidence.provenance, "language": language, "span": [start, end],
              "text_sha1": text_digest(text)}
    return {k: v for k, v in record.items() if v not in (None, "")}


_HOW = {"name": "by name", "surname": "by surname", "title": "by title", "role": "by role", "pronoun": "by a pronoun",
        "description": "as described", "label": "by a transcript label",
        "continuation": "as carrying on the quote before", "repeat": "as repeating words attributed earlier",
        "lead": "from the sentence before"}


def evidence_summary(record: dict) -> str:
    """Stored evidence in a line a reporter reads:
    'The source gives the words to Ana Ruiz: “she” (by a pronoun), cue “said”; via El Comercio.'"""
    if not record:
        return ""
    if not record.get("speaker"):
        return "When accepted, the source did not say who said these words."
    how = _HOW.get(record.get("how", ""), record.get("how", ""))
    mention = f"“{record['mention']}” ({how})" if record.get("mention") else how
    parts = [f"The source gives the words to {record['speaker']}: {mention}".rstrip(": ")]
    if record.get("cue"):
        parts[0] += f", cue “{record['cue']}”"
    if record.get("provenance"):
        parts.append(f"via {record['provenance']}")
    if record.get("language"):
        parts.append(f"translated from {record['language']}")
    return "; ".join(parts) + "."


def text_digest(text: str) -> str:
    """What stored evidence remembers of its source's text: read it again when the text changed."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def log_accepted(lib, source_id: int, accepted: list[Accepted]) -> list[QuoteId]:
    """Log each accepted quote with its span in the source, said on the source's date.

    A speaker is matched by id, else by name or alias in the library; otherwise it is created
    once, with the aliases the text used for it.

    :raises InvalidInput: a quote without words or speaker, a span outside the source text,
        or words already logged from this source (see :func:`mark_logged`).
    :raises NotFound: the source does not exist.
    """
    source = lib.sources.get(source_id)
    logged = logged_spans(lib, source_id)
    for item in accepted:
        if not (item.speaker or "").strip() and item.speaker_id is None:
            raise InvalidInput(f"“{one_line(item.words, 40)}” has no speaker. Choose who said it, or reject it.")
        if item.translated and not item.language.strip():
            raise InvalidInput(f"“{one_line(item.words, 40)}” is marked translated. Type the language it was said in, "
                               "or untick Translated.")
        if not 0 <= item.start < item.end <= len(source.text) or source.text[item.start:item.end] != item.words:
            raise InvalidInput(f"“{one_line(item.words, 40)}” is not where it was proposed in the source text. "
                               "Adjust its span again.")
        already = _covering(item.start, item.end, logged)
        if already is not None:
            raise InvalidInput(f"“{one_line(item.words, 40)}” is already logged from this source. "
                               "Reject it here, or edit the logged quote in the list.")
    if not accepted:
        return []
    name = f"Log {count_of(len(accepted), 'quote')} from {source.title or 'the source'}"
    created: dict[str, int] = {}
    ids: list[QuoteId] = []
    with lib.step(name[:80]) as rec:
        for item in accepted:
            speaker_id = item.speaker_id or lib.speakers.lookup(item.speaker) or created.get(item.speaker.lower())
            if speaker_id is None:
                speaker_id = _create_speaker(lib, rec, item.speaker, item.aliases)
                created[item.speaker.lower()] = speaker_id
            evidence = item.evidence or attribute(source.text, item.start, item.end)
            row = lib.quotes._validated({"rule": lib.get_setting("default_rule"), "words": item.words,
                                         "speaker_id": speaker_id, "source_id": source_id,
                                         "span_start": item.start, "span_end": item.end,
                                         "said": source.date, **_provenance(item),
                                         "attribution_evidence": evidence_record(
                                             evidence, source.text, item.start, item.end,
                                             item.language if item.translated else "")},
                                        creating=True)
            now = utc_now()
            ids.append(QuoteId(rec.insert("quotes", {**row, "uuid": str(uuid.uuid4()),
                                                     "created_at": now, "updated_at": now})))
    return ids


def _provenance(item: Accepted) -> dict:
    via, language = " ".join(item.via_outlet.split()), " ".join(item.language.split())
    return {"second_hand": bool(via), "via_outlet": via, "translated": item.translated, "language": language}


def mark_logged(lib, source_id: int, proposals: list[Proposal]) -> list[Proposal]:
    """Set ``logged_id`` on each proposal whose words of the source are already logged from it.

    Re-running Find Quotes on a source then shows what is new; logging the same words again
    (perhaps under another ground rule) is what :mod:`qtapp.core.checks.conflicts` guards.
    Returns ``proposals``.
    """
    logged = logged_spans(lib, source_id)
    for p in proposals:
        p.logged_id = _covering(p.start, p.end, logged)
    return proposals


def logged_spans(lib, source_id: int) -> list[tuple[int, int, int]]:
    """``(start, end, quote_id)`` of every live quote of the source, where it is in the text.

    A quote logged without a place is found in the text as the verbatim check finds it
    (ellipses and brackets allowed); a quote not found there has no span.
    """
    from ..checks.verbatim import verify_words

    text = lib.sources.get(source_id).text
    spans = []
    for quote_id, words, start, end in lib.db.execute(
            "SELECT id, words, span_start, span_end FROM quotes WHERE source_id = ? AND deleted_at IS NULL "
            "ORDER BY id", [source_id]):
        if start is None or end is None:
            found = verify_words(words, text)
            start, end = found.span if found.span and found.verdict != "not_found" else (None, None)
        if start is not None and end is not None and start < end:
            spans.append((start, end, quote_id))
    return spans


def _covering(start: int, end: int, logged: list[tuple[int, int, int]]) -> int | None:
    """The logged quote that holds at least half of [start, end), or half of whose words it holds."""
    for s, e, quote_id in logged:
        overlap = min(end, e) - max(start, s)
        if overlap > 0 and overlap * 2 >= min(end - start, e - s):
            return quote_id
    return None


def _create_speaker(lib, rec, name: str, aliases: list[str]) -> int:
    name = " ".join(name.split())
    now = utc_now()
    sid = rec.insert("speakers", {"uuid": str(uuid.uuid4()), "name": name, "sort_name": default_sort_name(name),
                                  "description": "", "wikidata": "", "notes": "", "confidential": 0,
                                  "created_at": now, "updated_at": now})
    seen = {name.lower()}
    for alias in aliases:
        alias = " ".join(alias.split())
        if alias and alias.lower() not in seen:
            seen.add(alias.lower())
            rec.insert("speaker_aliases", {"uuid": str(uuid.uuid4()), "speaker_id": sid, "alias": alias})
    return sid
