"""The same or nearly the same words elsewhere in the library, found without comparing all pairs.

Candidates come from the full-text index: the quote's rarest words (by how many quotes hold
them), taken two by two, so a quote with one word changed is still found. Only those few
candidates are compared, with rapidfuzz. The cost per quote does not grow with the library.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz
from sqlite_utils import Database

from .normalize import WORD, fold_lower

SIMILAR = 90          # rapidfuzz ratio (0-100) at which two quotes hold "nearly the same words"
CONTAINED = 95        # partial ratio at which a long quote holds another one whole
MIN_CONTAINED_WORDS = 8
_CANDIDATES = 30
MAX_REPORTED = 5     # similar quotes reported per quote, most alike first
_FTS_WORD = re.compile(r"\w+")
_COUNTS_KEPT = 200_000
# Words too common to tell quotes apart; never worth counting.
_COMMON = frozenset("""the and that this with from have has had was were are for not but they their them
there what which who will would could should about into than then when where your you our ours its
his her she him said says been being also only just very more most some such""".split())


@dataclass
class Similar:
    """Another quote with the same or nearly the same words."""

    quote_id: int
    speaker_id: int
    source_id: int | None
    score: float
    words: str


class DuplicateFinder:
    """Finds similar quotes for one library connection; keeps the vocabulary table open."""

    def __init__(self, db: Database):
        self.db = db
        # A temporary view of the index's vocabulary: how many quotes hold each word.
        db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.checks_vocabulary "
                   "USING fts5vocab(main, quotes_fts, 'row')")
        self._counts: dict[str, int] = {}

    def similar(self, quote_id: int, words: str, limit: int | None = MAX_REPORTED) -> list[Similar]:
        """Quotes other than ``quote_id`` whose words are the same or nearly the same, most alike first.

        :param limit: how many to return (None: every one found, to learn whose findings a
            change of this quote alters).
        """
        match = self._match(words)
        if not match:
            return []
        rows = self.db.execute(
            "SELECT q.id, q.speaker_id, q.source_id, q.words FROM quotes q WHERE q.id IN "
            "(SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ? LIMIT ?) AND q.id != ? AND q.deleted_at IS NULL",
            [match, _CANDIDATES, quote_id]).fetchall()
        mine = _folded(words)
        found = []
        for other_id, speaker_id, source_id, other_words in rows:
            score = _similarity(mine, _folded(other_words))
            if score:
                found.append(Similar(other_id, speaker_id, source_id, score, other_words))
        return sorted(found, key=lambda s: -s.score)[:limit]

    def _match(self, words: str) -> str:
        # Counting the quotes that hold a word reads its whole posting list, so only the
        # longest words (rarely common ones) are counted, and each count is remembered.
        terms = sorted({t for t in _fts_terms(words) if len(t) > 2 and t not in _COMMON}, key=len, reverse=True)[:6]
        if not terms:
            return ""
        for term in terms:
            if term not in self._counts:
                if len(self._counts) > _COUNTS_KEPT:
                    self._counts.clear()
                row = self.db.execute("SELECT doc FROM temp.checks_vocabulary WHERE term = ?", [term]).fetchone()
                self._counts[term] = row[0] if row else 0
        rare = sorted((t for t in terms if self._counts[t]), key=lambda t: (self._counts[t], -len(t)))[:4]
        if not rare:
            return ""
        pairs = [rare[i:i + 2] for i in range(0, len(rare), 2)]
        expr = " OR ".join("(" + " AND ".join(f'"{t}"' for t in pair) + ")" for pair in pairs)
        return f"words : ({expr})"


def similar_words(a: str, b: str) -> bool:
    """True when two quotes hold the same or nearly the same words, as this check judges them."""
    return bool(_similarity(_folded(a), _folded(b)))


def _fts_terms(words: str) -> list[str]:
    """The words as the index stores them: lower case, no diacritics, split at apostrophes."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", words.lower()) if not unicodedata.combining(c))
    return _FTS_WORD.findall(plain)


def _folded(words: str) -> str:
    return " ".join(WORD.findall(fold_lower(words)))


def _similarity(a: str, b: str) -> float:
    """How alike two quotes are (0 when not alike enough to report)."""
    score = fuzz.ratio(a, b, score_cutoff=SIMILAR)
    if score:
        return score
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    if len(shorter.split()) < MIN_CONTAINED_WORDS:
        return 0.0
    if shorter in longer:
        return 100.0
    # Most candidates share a few rare words and little else; a set test rules them out cheaply.
    words = shorter.split()
    present = set(longer.split())
    if sum(w in present for w in words) < 0.9 * len(words):
        return 0.0
    # A partial comparison is costly on long quotes; the cutoff lets rapidfuzz stop early.
    return fuzz.partial_ratio(shorter, longer, score_cutoff=CONTAINED)
