"""The publication gate: what of the library may leave it, and why the rest may not.

:func:`qtapp.core.publish.decide` judges one quote's ground rule. The gate adds what only the
whole library knows, and every channel (:mod:`qtapp.core.channels`) renders through it::

    gate = Gate(lib)
    gate.decide_quote(42)             # a Decision: also refused while a Blocking finding stands
    gate.redact("Marsh spoke first")  # '[withheld] spoke first' when Marsh is confidential
    gate.source_withheld(source)      # None, or why a reference list may not show the source

Guarantees:

- a confidential speaker's every name part (given, family, each alias and its words) is
  matched as a whole word, whatever its case, also inside addresses (``/marsh-speaks``),
  except inside the full name of another speaker who may be named;
- a quote with an unacknowledged Blocking finding is refused until the finding is
  acknowledged with a reason (:func:`qtapp.core.checks.store.acknowledge` records it);
- every refusal has a reason in words a reporter reads, so nothing is dropped silently.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from .errors import NotFound
from .names import NEVER_ALONE
from .publish import Decision, decide_fields
from .text import QUOTE_MARKS

if TYPE_CHECKING:
    from .library import Library
    from .sources import Source

WITHHELD = "[withheld]"
BLOCKED_LABEL = "blocked by a check (not acknowledged)"
# Sources that are conversations with the speaker: their titles and addresses tend to name him.
PRIVATE_KINDS = {"interview", "email"}
# Reasons a reference list leaves a source out, as the user reads them ("2 sources withheld: …").
NAMES_CONFIDENTIAL = "they name a confidential speaker (in a title, address, outlet or author)"
NAMES_PROTECTED = "they name a speaker quoted without a name"
PRIVATE_CONVERSATION = "they are private conversations with a speaker quoted without a name"
NOTHING_PUBLISHABLE = "none of their chosen quotes may be published"
# Words of a name that name nobody on their own, never hidden alone (particles such as "Ed" or "Abu" that are
# also names are hidden like any other word).
NOT_NAMES = {*NEVER_ALONE, "the", "a", "an", "of", "and", "for", "mr", "mrs", "ms", "dr", "prof", "sir", "dame"}
_WORD = re.compile(r"[^\W\d_]+")


def name_terms(name: str, *, all_words: bool = True) -> set[str]:
    """The whole ``name`` and each word of it that names someone ("Yolanda", "Zephyrine").

    :param all_words: take every word; False takes only capitalised ones (for aliases such as
        "the head of American diplomacy", whose lower-case words name nobody).
    """
    whole = " ".join(unicodedata.normalize("NFC", name or "").split())
    if not whole:
        return set()
    terms = {whole}
    for word in whole.split():
        word = word.strip(".,;:()" + QUOTE_MARKS)
        letters = sum(ch.isalpha() for ch in word)
        if letters >= 2 and word.casefold() not in NOT_NAMES and (all_words or word[:1].isupper()):
            terms.add(word)
    return terms


class NameGuard:
    """Finds and blanks out a set of names, each as whole words (no letter may touch either end:
    "/marsh-speaks" and "%20Marsh" hold Marsh, "Marshes" does not), whatever their case.

    Texts are cut into words once and each word looked up, so a guard over thousands of
    names costs what a guard over one does.

    :param also: another guard whose names this one finds too.
    :param keep: full names of other people, left whole where they stand: a confidential
        "Ann Marsh" does not blank out the "Ann" of an on-the-record "Ann Lee". A name that holds
        a guarded full name is not kept.
    """

    def __init__(self, terms: Iterable[str], also: NameGuard | None = None, keep: Iterable[str] = ()):
        self.singles: set[str] = set()
        self.sequences: dict[str, list[tuple[str, ...]]] = {}
        for term in terms:
            words = _folded(term)
            if len(words) == 1:
                self.singles.add(words[0])
            elif words:
                self.sequences.setdefault(words[0], []).append(words)
        self.kept: dict[str, list[tuple[str, ...]]] = {}
        for name in keep:
            words = _folded(name)
            if len(words) > 1 and not self._holds_a_full_name(words):
                self.kept.setdefault(words[0], []).append(words)
        self.also = also
        self.first_words = frozenset(self.singles | set(self.sequences))
        # A guard over no names (a library with no confidential speaker) need not cut texts into words.
        self.empty = not self.first_words and (also is None or also.empty)

    def _holds_a_full_name(self, words: tuple[str, ...]) -> bool:
        return any(words[i:i + len(seq)] == seq for i, word in enumerate(words) for seq in self.sequences.get(word, ()))

    def _may_hold(self, folded: frozenset[str]) -> bool:
        # Most texts hold none of the names: one set operation says so.
        return not self.first_words.isdisjoint(folded) or (self.also is not None and self.also._may_hold(folded))

    def _spans(self, text: str):
        words, _ = _words(text)
        kept: list[tuple[int, int]] | None = None
        for start, end in self._matches(words, self.singles, self.sequences):
            if kept is None:
                kept = list(self._matches(words, set(), self.kept)) if self.kept else []
            if not any(k_start <= start and end <= k_end for k_start, k_end in kept):
                yield start, end
        if self.also is not None:
            yield from self.also._spans(text)

    @staticmethod
    def _matches(words, singles: set[str], sequences: dict[str, list[tuple[str, ...]]]):
        for i, (start, end, word) in enumerate(words):
            if word in singles:
                yield start, end
            for sequence in sequences.get(word, ()):
                if tuple(w for _, _, w in words[i:i + len(sequence)]) == sequence:
                    yield start, words[i + len(sequence) - 1][1]

    def finds(self, *texts: str | None) -> bool:
        if self.empty:
            return False
        return any(t and self._may_hold(_words(t)[1]) and next(self._spans(t), None) for t in texts)

    def redact(self, text: str | None) -> str:
        if not text or self.empty or not self._may_hold(_words(text)[1]):
            return text or ""
        text = _nfc(text)
        spans = sorted(self._spans(text))
        if not spans:
            return text
        out, at = [], 0
        for start, end in spans:
            if start < at:  # inside the name just blanked out ("Zeb" within "Zeb Q.")
                at = max(at, end)
                continue
            out += [text[at:start], WITHHELD]
            at = end
        return "".join(out) + text[at:]


def _folded(text: str) -> tuple[str, ...]:
    return tuple(w for _, _, w in _words(text)[0])


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@lru_cache(maxsize=16384)  # a sheet repeats the same titles, outlets and descriptions row after row
def _words(text: str) -> tuple[tuple[tuple[int, int, str], ...], frozenset[str]]:
    """The runs of letters of ``text`` (NFC), each with its span, folded for comparison (case and
    accents set aside, as a name is often typed without its accent: "Zephyrine" for "Zéphyrine"),
    and the set of them."""
    text = _nfc(text)
    if text.isascii():  # the common case: lower case is the whole fold, and keeps every span
        words = tuple((m.start(), m.end(), m.group()) for m in _WORD.finditer(text.lower()))
    else:
        words = tuple((m.start(), m.end(), _fold(m.group())) for m in _WORD.finditer(text))
    return words, frozenset(w for _, _, w in words)


def _fold(word: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch)).casefold()


class Gate:
    """The gate of one library at one moment (``now`` judges embargoes); cheap to make, cached inside."""

    def __init__(self, lib: Library, now: dt.datetime | None = None):
        self.lib = lib
        self.now = now or dt.datetime.now(dt.UTC)
        self._speaker_terms: dict[int, set[str]] = {}
        others = [name for (name,) in lib.db.execute("SELECT name FROM speakers WHERE confidential = 0")]
        self.confidential = NameGuard((t for sid in self._ids("confidential = 1") for t in self._terms(sid)),
                                      keep=others)
        self._protected: dict[int, set[int]] = {}
        self._source_guards: dict[int, NameGuard] = {}

    def _ids(self, where: str) -> list[int]:
        return [i for (i,) in self.lib.db.execute(f"SELECT id FROM speakers WHERE {where}")]

    def _terms(self, speaker_id: int) -> set[str]:
        if speaker_id in self._speaker_terms:
            return self._speaker_terms[speaker_id]
        row = self.lib.db.execute("SELECT name FROM speakers WHERE id = ?", [speaker_id]).fetchone()
        terms = name_terms(row[0]) if row else set()
        for (alias,) in self.lib.db.execute("SELECT alias FROM speaker_aliases WHERE speaker_id = ?", [speaker_id]):
            terms |= name_terms(alias, all_words=False)
        self._speaker_terms[speaker_id] = terms
        return terms

    def redact(self, text: str | None) -> str:
        """``text`` with every confidential speaker's names replaced by “[withheld]”."""
        return self.confidential.redact(text)

    # -- quotes -----------------------------------------------------------------------------

    def decide(self, *, blocked: str = "", **fields) -> Decision:
        """:func:`qtapp.core.publish.decide_fields`, refused also while ``blocked`` names a standing finding."""
        decision = decide_fields(now=self.now, **fields)
        if decision.allowed and blocked:
            return Decision(False, "", f"{BLOCKED_LABEL}: {blocked}. Acknowledge the finding with a reason "
                                       "to publish it anyway")
        if decision.allowed and not decision.named:
            decision = replace(decision, attribute_as=self.redact(decision.attribute_as))
        return decision

    def decide_quote(self, quote_id: int) -> Decision:
        """The decision on one quote of the library, Blocking findings included.

        :raises NotFound: no such quote.
        """
        row = self.lib.db.execute(
            "SELECT q.rule, q.rule_description, q.embargo_until, sp.name, sp.description, sp.confidential "
            "FROM quotes q JOIN speakers sp ON sp.id = q.speaker_id WHERE q.id = ?", [quote_id]).fetchone()
        if row is None:
            raise NotFound(f"There is no quote with id {quote_id}.")
        rule, description, embargo, name, speaker_description, confidential = row
        return self.decide(rule=rule, rule_description=description, embargo_until=embargo, speaker_name=name,
                           speaker_description=speaker_description, confidential=bool(confidential),
                           blocked=self.blocked([quote_id]).get(quote_id, ""))

    def blocked(self, quote_ids: list[int]) -> dict[int, str]:
        """The quotes among ``quote_ids`` held back by a Blocking finding not acknowledged, with the checks'
        names ("Verbatim, Speaker")."""
        # Imported here: the checks package imports the attribution line, which asks this gate.
        from .checks.model import CHECK_LABELS

        found: dict[int, list[str]] = {}
        for quote_id, check in self.lib.db.execute(
                "SELECT quote_id, check_name FROM findings WHERE severity = 'blocking' AND acknowledged_at IS NULL "
                "AND quote_id IN (SELECT value FROM json_each(?)) ORDER BY id", [json.dumps(list(quote_ids))]):
            label = CHECK_LABELS.get(check, check)
            if label not in found.setdefault(quote_id, []):
                found[quote_id].append(label)
        return {qid: ", ".join(labels) for qid, labels in found.items()}

    # -- sources ----------------------------------------------------------------------------

    def protected_in(self, source_id: int) -> set[int]:
        """The speakers quoted from a source without their name (withheld, anonymous or confidential)."""
        if source_id not in self._protected:
            # Only a quote not on the record, or a confidential speaker's, can be anonymous: the rest need no judging.
            rows = self.lib.db.execute(
                "SELECT DISTINCT q.speaker_id, q.rule, q.rule_description, q.embargo_until, sp.name, sp.description, "
                "sp.confidential FROM quotes q JOIN speakers sp ON sp.id = q.speaker_id "
                "WHERE q.deleted_at IS NULL AND q.source_id = ? AND (q.rule != 'on_record' OR sp.confidential = 1)",
                [source_id])
            self._protected[source_id] = {
                sid for sid, rule, description, embargo, name, speaker_description, confidential in rows
                if not decide_fields(rule=rule, rule_description=description, embargo_until=embargo, speaker_name=name,
                                     speaker_description=speaker_description, confidential=bool(confidential),
                                     now=self.now).named}
        return self._protected[source_id]

    def source_guard(self, source_id: int) -> NameGuard:
        """Every confidential name, and the names of the speakers quoted from the source without one:
        a source that shows any of them may not be shown beside any of its quotes."""
        if source_id not in self._source_guards:
            terms = {t for speaker_id in self.protected_in(source_id) for t in self._terms(speaker_id)}
            self._source_guards[source_id] = NameGuard(terms, also=self.confidential) if terms else self.confidential
        return self._source_guards[source_id]

    def source_withheld(self, source: Source) -> str | None:
        """Why a list of references may not show ``source``, or None when it may."""
        protected = self.protected_in(source.id)
        listed = (source.title, source.outlet, source.place, source.url, *(n.display() for _, n in source.names))
        if self.confidential.finds(*listed):
            return NAMES_CONFIDENTIAL
        if not protected:
            return None
        if source.kind in PRIVATE_KINDS:
            return PRIVATE_CONVERSATION
        if self.source_guard(source.id).finds(*listed):
            return NAMES_PROTECTED
        return None
