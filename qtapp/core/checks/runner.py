"""Running every check over quotes, in batches, with progress, storing the results.

::

    check_quotes(lib, [quote_id])                       # after a save: fast, stored
    summary = check_library(lib, progress=report)       # the whole library, in the background
    for result in iter_checks(lib, ids): ...            # stream results (the command line)
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..attribution import attribution_line
from ..dates import PartialDate
from ..errors import VerbatimError
from ..extract.accept import text_digest
from ..foreground import step_aside
from ..progress import Progress
from . import rules
from .conflicts import rule_conflicts, rule_label
from .duplicates import MAX_REPORTED, DuplicateFinder
from .model import Finding, QuoteCheck
from .normalize import fold_lower
from .rules_version import mark_other_rules, other_rules
from .speaker import Judgement, Phrase, SpeakerNames, attribution_phrase, judge, stored_phrase
from .store import last_mark, save_results
from .verbatim import VerbatimResult, edge_words, verify_words
from .verdicts import speaker_findings, verbatim_findings

if TYPE_CHECKING:
    from ..library import Library

log = logging.getLogger(__name__)
BATCH = 200
_QUOTE_COLUMNS = ("id, words, speaker_id, source_id, said, rule, rule_description, embargo_until, second_hand, "
                  "via_outlet, translated, language, span_start, span_end, attribution_evidence")


@dataclass
class CheckSummary:
    """How a run over many quotes went: counts per status and the quotes that block."""

    total: int = 0
    by_status: dict[str, int] = field(default_factory=lambda: dict.fromkeys(("ok", "info", "warning", "blocking"), 0))
    blocking: list[int] = field(default_factory=list)


def check_quotes(lib: Library, quote_ids: Iterable[int], *, progress: Progress | None = None,
                 now: dt.datetime | None = None) -> list[QuoteCheck]:
    """Check the quotes, store the findings and statuses, and return the results.

    :param progress: told after each batch (:mod:`qtapp.core.progress`); may raise
        :class:`~qtapp.core.errors.Interrupted` to stop (batches already checked stay stored).
    :param now: the moment embargoes are judged against (default: now).
    """
    return list(iter_checks(lib, list(quote_ids), progress=progress, now=now))


def check_library(lib: Library, *, source_id: int | None = None, progress: Progress | None = None,
                  now: dt.datetime | None = None) -> CheckSummary:
    """Check every quote of the library (or of one source); see :func:`check_quotes`."""
    return check_many(lib, quote_ids_of(lib, source_id), progress=progress, now=now)


def check_many(lib: Library, quote_ids: list[int], *, progress: Progress | None = None,
               now: dt.datetime | None = None) -> CheckSummary:
    """Check many quotes, keeping only counts and the blocking ids (for a million quotes)."""
    summary = CheckSummary()
    for result in iter_checks(lib, quote_ids, progress=progress, now=now):
        summary.total += 1
        summary.by_status[result.status] += 1
        if result.blocks:
            summary.blocking.append(result.quote_id)
    return summary


def quote_ids_of(lib: Library, source_id: int | None = None) -> list[int]:
    """Ids of the live quotes of the library, or of one source, in id order."""
    if source_id is None:
        return [i for (i,) in lib.db.execute("SELECT id FROM quotes WHERE deleted_at IS NULL ORDER BY id")]
    lib.sources.get(source_id)
    return [i for (i,) in lib.db.execute(
        "SELECT id FROM quotes WHERE source_id = ? AND deleted_at IS NULL ORDER BY id", [source_id])]


def iter_checks(lib: Library, quote_ids: list[int], *, progress: Progress | None = None,
                now: dt.datetime | None = None, neighbours: set[int] | None = None,
                store: bool = True) -> Iterator[QuoteCheck]:
    """Check quotes batch by batch, storing each batch before yielding its results.

    :param neighbours: if given, receives the ids of every quote found similar to a checked
        one (their duplicate findings name it).
    :param store: False computes fresh results without storing them.
    """
    if store and other_rules(lib.db):
        # Findings stored by these rules beside ones made by others would pass for current.
        with lib.write() as db:
            mark_other_rules(db)
    context = _Context(lib, now or dt.datetime.now(dt.UTC), neighbours)
    total = len(quote_ids)
    if progress:
        progress.update(0, total, "Checking quotes…")
    for at in range(0, total, BATCH):
        batch = quote_ids[at:at + BATCH]
        marks = ",".join("?" * len(batch))
        # Read before the rows: a change committed after this read keeps its stale mark.
        seen = last_mark(lib.db)
        rows = lib.db.execute(f"SELECT {_QUOTE_COLUMNS} FROM quotes WHERE id IN ({marks}) AND deleted_at IS NULL "
                              "ORDER BY id", batch).fetchall()
        results = []
        for row in rows:
            step_aside()    # the rows a person waits for are read first
            results.append(context.check(dict(zip(_QUOTE_COLUMNS.split(", "), row, strict=True))))
        if store:
            save_results(lib, results, marked_up_to=seen)
        yield from results
        if progress:
            progress.update(min(at + BATCH, total), total, f"Checked {min(at + BATCH, total):,} of {total:,} quotes")


class _Context:
    """What a run needs again and again: sources, speakers and name lookups, cached."""

    def __init__(self, lib: Library, now: dt.datetime, neighbours: set[int] | None = None):
        self.lib = lib
        self.now = now
        self.neighbours = neighbours
        self.duplicates = DuplicateFinder(lib.db)
        self._sources: OrderedDict[int, dict] = OrderedDict()
        self._speakers: dict[int, tuple[SpeakerNames, bool]] = {}
        self._resolved: dict[str, tuple[int, str] | None] = {}

    def check(self, q: dict) -> QuoteCheck:
        result = QuoteCheck(q["id"])
        source = self.source(q["source_id"]) if q["source_id"] is not None else None
        speaker, confidential = self.speaker(q["speaker_id"])
        said = PartialDate.from_iso(q["said"]) if q["said"] else None

        found = verify_words(q["words"], source["text"], self.folded(source)) if source else VerbatimResult("no_source")
        if found.span and q["span_start"] is not None and q["span_end"] is not None:
            stored = _stored_span(found, q["span_start"], q["span_end"], source)
            if stored != found.span:   # the same words said again: the logged place's neighbours count
                found.span, found.edges = stored, edge_words(source["text"], stored)
        self._add(result, "verbatim", found.verdict, verbatim_findings(found))
        if source and found.span:
            self._add(result, "speaker", *self._speaker(found.span, source, speaker, q["attribution_evidence"]))
        else:
            result.verdicts["speaker"] = "unchecked"
        self._add(result, "ground_rule", *rules.ground_rule(q["rule"], q["rule_description"], q["embargo_until"],
                                                            confidential, self.now))
        self._add(result, "dates", *rules.dates(said, source and source["date"], source and source["date_end"],
                                                self.now.date()))
        self._add(result, "duplicates", *self._duplicates(q))
        line = self._line(q) if q["second_hand"] or q["translated"] else None
        outlet = source["outlet"] if source else ""
        self._add(result, "second_hand", *rules.second_hand(
            bool(q["second_hand"]), q["via_outlet"], source and source["kind"], outlet, line))
        self._add(result, "translated", *rules.translated(bool(q["translated"]), q["language"],
                                                          source["language"] if source else "", line))
        self._add(result, "marks", *rules.marks(q["words"]))
        return result

    @staticmethod
    def _add(result: QuoteCheck, check: str, verdict: str, findings: list[Finding]) -> None:
        result.verdicts[check] = verdict
        result.findings.extend(findings)

    def _speaker(self, span: tuple[int, int], source: dict, speaker: SpeakerNames,
                 evidence: str | None) -> tuple[str, list[Finding]]:
        text = source["text"]
        # The evidence kept when the quote was accepted, while it still fits: no second reading.
        kept, phrase = stored_phrase(json.loads(evidence or "{}"), text, span, self.digest(source)) \
            if evidence and evidence != "{}" else (False, None)
        if not kept:
            phrase = attribution_phrase(text, *span)
        return speaker_findings(self._judge(phrase, text, span, speaker), source["kind"])

    def _judge(self, phrase: Phrase | None, text: str, span: tuple[int, int], speaker: SpeakerNames) -> Judgement:
        judgement = judge(phrase, text, span[0], span[1], speaker, self.resolve)
        if judgement.how == "surname" and judgement.phrase is not None:
            # "said Mayor Ana Ruiz" shares a surname with this Luis Ruiz, but names another speaker.
            other = self._named_exactly(judgement.phrase.text)
            if other is not None and other[0] != speaker.id:
                return Judgement("other", "name", judgement.phrase, other[1], other[0])
        return judgement

    def _named_exactly(self, phrase: str) -> tuple[int, str] | None:
        """The library speaker whose full name or alias ends ``phrase`` ("Mayor Ana Ruiz"), if any."""
        words = phrase.split()
        for i in range(len(words) - 1):
            speaker_id = self.lib.speakers.lookup(" ".join(words[i:]))
            if speaker_id is not None:
                return speaker_id, self.resolve(" ".join(words[i:]))[1]
        return None

    def _duplicates(self, q: dict) -> tuple[str, list[Finding]]:
        findings = []
        verdict = "unique"
        here = rule_label(q["rule"], q["embargo_until"])
        for other in rule_conflicts(self.lib.db, q["id"], q["source_id"], q["words"], q["rule"], q["embargo_until"]):
            verdict = "rule_conflict"
            if self.neighbours is not None:
                self.neighbours.add(other["id"])
            findings.append(Finding("duplicates", "blocking", "rule_conflict",
                                    f"The same words from this source are also logged as quote {other['id']}, "
                                    f"{rule_label(other['rule'], other['embargo_until'])} (here: {here}). Make the "
                                    "two agree or delete one; until then every export applies the stricter rule.",
                                    detail={"other": other["id"], "key": other["id"]}))
        similar = self.duplicates.similar(q["id"], q["words"], limit=None)
        if self.neighbours is not None:
            self.neighbours.update(s.quote_id for s in similar)
        for other in similar[:MAX_REPORTED]:
            if other.speaker_id != q["speaker_id"]:
                verdict = "conflict" if verdict != "rule_conflict" else verdict
                name = self.speaker(other.speaker_id)
                who = "a confidential speaker" if name[1] else name[0].name
                findings.append(Finding("duplicates", "warning", "conflict",
                                        f"The same words are logged under {who} (quote {other.quote_id}). "
                                        "Check who said them.",
                                        detail={"other": other.quote_id, "key": other.quote_id}))
            elif other.source_id == q["source_id"]:
                verdict = "duplicate" if verdict == "unique" else verdict
                findings.append(Finding("duplicates", "warning", "duplicate",
                                        "This quote is logged twice from the same source "
                                        f"(also quote {other.quote_id}). "
                                        "Delete one copy.", detail={"other": other.quote_id, "key": other.quote_id}))
            else:
                verdict = "repeated" if verdict == "unique" else verdict
                findings.append(Finding("duplicates", "info", "repeated",
                                        f"The same speaker is logged with these words in another source too "
                                        f"(quote {other.quote_id}).", detail={"other": other.quote_id,
                                                                             "key": other.quote_id}))
        return verdict, findings

    def _line(self, q: dict) -> str | None:
        try:
            return attribution_line(self.lib, q["id"])
        except VerbatimError:
            return None
        except Exception:  # another module's fault must not stop the checks; it is logged
            log.exception("attribution line failed for quote %s", q["id"])
            return None

    def source(self, source_id: int) -> dict:
        if source_id not in self._sources:
            row = self.lib.db.execute("SELECT text, date, date_end, kind, outlet, language FROM sources WHERE id = ?",
                                      [source_id]).fetchone()
            text, date, date_end, kind, outlet, language = row
            self._sources[source_id] = {
                "text": text or "", "kind": kind, "outlet": outlet or "", "language": language or "",
                "date": PartialDate.from_iso(date) if date else None,
                "date_end": PartialDate.from_iso(date_end) if date_end else None}
            if len(self._sources) > 64:
                self._sources.popitem(last=False)
        return self._sources[source_id]

    @staticmethod
    def digest(source: dict) -> str:
        """The source's text digest, computed once per cached source (see stored_phrase)."""
        if "digest" not in source:
            source["digest"] = text_digest(source["text"])
        return source["digest"]

    @staticmethod
    def folded(source: dict) -> str:
        """The source's text folded for comparison, computed once per cached source."""
        if "folded" not in source:
            source["folded"] = fold_lower(source["text"])
        return source["folded"]

    def speaker(self, speaker_id: int) -> tuple[SpeakerNames, bool]:
        if speaker_id not in self._speakers:
            db = self.lib.db
            name, confidential = db.execute("SELECT name, confidential FROM speakers WHERE id = ?",
                                            [speaker_id]).fetchone()
            aliases = [a for (a,) in db.execute("SELECT alias FROM speaker_aliases WHERE speaker_id = ?", [speaker_id])]
            titles = [t for (t,) in db.execute("SELECT title FROM speaker_roles WHERE speaker_id = ?",
                                               [speaker_id]) if t]
            self._speakers[speaker_id] = (SpeakerNames(speaker_id, name, aliases, titles, bool(confidential)),
                                          bool(confidential))
        return self._speakers[speaker_id]

    def resolve(self, phrase: str) -> tuple[int, str] | None:
        """The library speaker a name in the text stands for ("Park" → Park Jin), if exactly known."""
        if phrase not in self._resolved:
            self._resolved[phrase] = self._lookup(phrase)
        return self._resolved[phrase]

    def _lookup(self, phrase: str) -> tuple[int, str] | None:
        speaker_id = self.lib.speakers.lookup(phrase)
        if speaker_id is None:
            speaker_id = self._by_name_word(phrase)
        if speaker_id is None:
            return None
        names, confidential = self.speaker(speaker_id)
        return speaker_id, "a confidential speaker" if confidential else names.name

    def _by_name_word(self, phrase: str) -> int | None:
        """A speaker one of whose names holds a capitalised word of ``phrase`` ("Park" in "Park Jin")."""
        for word in (w for w in phrase.split() if w[:1].isupper() and len(w) > 1):
            pattern = f"% {word.lower()} %"
            ids = [i for (i,) in self.lib.db.execute(
                "SELECT id FROM speakers WHERE deleted_at IS NULL AND ' ' || lower(name) || ' ' LIKE ? "
                "UNION SELECT s.id FROM speaker_aliases a JOIN speakers s ON s.id = a.speaker_id "
                "WHERE s.deleted_at IS NULL AND ' ' || lower(a.alias) || ' ' LIKE ? LIMIT 20",
                [pattern, pattern])]
            if ids:
                # "Park" is more likely Park Jin alone than a joint "Blinken and Park Jin".
                return min(ids, key=lambda i: (len(self.speaker(i)[0].name), i))
        return None


def _stored_span(found: VerbatimResult, start: int, end: int, source: dict) -> tuple[int, int]:
    """The quote's stored place in the source when it holds the same words as the place found.

    Words said twice (by two people, say) are found first where they first occur; the
    location logged with the quote says which occurrence it is.
    """
    folded = _Context.folded(source)
    if found.verdict in ("exact", "normalized") and 0 <= start < end <= len(folded) \
            and folded[start:end] == folded[found.span[0]:found.span[1]]:
        return start, end
    return found.span
