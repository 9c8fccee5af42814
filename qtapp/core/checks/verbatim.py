"""Is it verbatim? Compare a quote's words with its source's text.

::

    result = verify_words("We are not leaving … until it is done", source_text)
    result.verdict   # 'exact', 'normalized', 'elisions', 'altered', 'not_found' or 'unverifiable'
    result.span      # where the words are in the source (offsets into the original text)
    result.changes   # for 'altered': the word-level differences, each with both spans

An ellipsis (``...``, ``…``, ``[...]``) may stand for omitted words, in order; words in square
brackets are the reporter's and need not be in the source. A change or omission that touches
a negation, a qualifier or a number is marked ``serious``; so is such a word that the source has
right before or after a partial quote, in the same clause ("not" in "we will not raise taxes",
quoted as "raise taxes"), listed in ``edges``. The closest passage of an altered
quote is found with rapidfuzz; every offset refers to the original texts, never a folded copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from ..text import QUOTE_MARKS
from .normalize import fold_lower, phrase_pattern, search_words, words_of, words_pattern

# Words whose loss or change can reverse or bend a statement's meaning.
SERIOUS_WORDS = frozenset("""
not no never nor none nothing nobody neither nowhere without cannot
only almost nearly hardly barely scarcely merely
zero two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty
hundred thousand million billion trillion dozen half twice double percent
""".split())
# An elision, or the reporter's words in brackets (group ``insert``).
_MARKER = re.compile(r"\[\s*(?:…|\.\s*\.\s*\.)\s*\]|\(\s*(?:…|\.\s*\.\s*\.)\s*\)|\.\s*\.\s*\.|…"
                     r"|\[(?P<insert>[^\]]*)\]")
_EDGE = " \t\n\r\u00a0" + QUOTE_MARKS + ",;:.!?-–—"
# How far (folded characters) words the reporter put in brackets may stand from the next words.
_INSERT_REACH = 120
# Words that bend a clause when a partial quote starts or ends right next to them: negations,
# qualifiers, conditions; numbers are found by their digits or SERIOUS_WORDS.
_EDGE_WORDS = SERIOUS_WORDS | {"if", "unless", "just", "barely"}
_WORD_BEFORE = re.compile(r"([\w'’]+)[ \t\u00a0]+$")
_WORD_AFTER = re.compile(r"[ \t\u00a0]+([\w'’]+)")
_MIN_SHARED = 0.5   # share of a quote's words an altered passage must keep, else "not found"


@dataclass
class Change:
    """One word-level difference between the quote and the closest source passage."""

    op: str                       # 'replace', 'added' (only in the quote) or 'dropped' (only in the source)
    quote_words: str
    quote_span: tuple[int, int]   # offsets into the quote's words
    source_words: str
    source_span: tuple[int, int]  # offsets into the source text
    serious: bool


@dataclass
class VerbatimResult:
    """What the comparison found; ``span`` and every offset refer to the original source text."""

    verdict: str
    span: tuple[int, int] | None = None
    passage: str = ""
    changes: list[Change] = field(default_factory=list)
    omissions: list[dict] = field(default_factory=list)  # {"span", "words", "serious"}
    score: float = 0.0
    edges: list[dict] = field(default_factory=list)  # {"side", "span", "words"}: see edge_words

    @property
    def serious(self) -> bool:
        return any(c.serious for c in self.changes) or any(o["serious"] for o in self.omissions)


def is_serious(words: str) -> bool:
    """True when ``words`` hold a negation, a qualifier or a number."""
    for word, _, _ in words_of(words):
        if word in SERIOUS_WORDS or word.endswith("n't") or any(ch.isdigit() for ch in word):
            return True
    return False


def edge_words(text: str, span: tuple[int, int]) -> list[dict]:
    """Negations, qualifiers and numbers the source has right next to ``text[span]``, left out.

    Only a word joined to the quote by spaces counts: a comma, a dash or a quotation mark between
    them ends the clause, or marks the word as the reporter's rather than the speaker's.
    """
    found = []
    before = _WORD_BEFORE.search(text, max(0, span[0] - 40), span[0])
    after = _WORD_AFTER.match(text, span[1])
    for side, m in (("before", before), ("after", after)):
        if m and _bends(m.group(1)):
            found.append({"side": side, "span": list(m.span(1)), "words": m.group(1)})
    return found


def _bends(word: str) -> bool:
    low = fold_lower(word)
    return low in _EDGE_WORDS or low.endswith("n't") or any(ch.isdigit() for ch in low)


def verify_words(words: str, text: str, folded: str | None = None) -> VerbatimResult:
    """Compare ``words`` (a quote) with ``text`` (its source); see the module docstring.

    :param folded: ``fold_lower(text)``, when the caller keeps it for many quotes of one source.
    """
    result = _compare(words, text, folded)
    if result.verdict in ("exact", "normalized", "elisions"):
        result.edges = edge_words(text, result.span)
    return result


def _compare(words: str, text: str, folded: str | None) -> VerbatimResult:
    if not (text or "").strip():
        return VerbatimResult("unverifiable")
    core_start, core = _core(words)
    if not core:
        return VerbatimResult("not_found")
    at = text.find(core)
    if at >= 0:
        return VerbatimResult("exact", (at, at + len(core)), core, score=100.0)
    if folded is None:
        folded = fold_lower(text)   # same length as text: offsets found in it are offsets in text
    parts = _parts(core)
    if len(parts) == 1:
        m = re.search(phrase_pattern(core.lower()), folded)
        loose = words_pattern(core.lower())
        if m is None and loose:
            m = search_words(re.compile(loose), folded)
        if m:
            return VerbatimResult("normalized", m.span(), text[m.start():m.end()], score=100.0)
    else:
        result = _match_with_gaps(parts, text, folded)
        if result is not None:
            return result
    return _closest(core_start, core, text, folded)


def _core(words: str) -> tuple[int, str]:
    """The quote without outer marks, punctuation and leading or trailing ellipses."""
    start, end = 0, len(words)
    while True:
        before = (start, end)
        while start < end and words[start] in _EDGE:
            start += 1
        while end > start and words[end - 1] in _EDGE:
            end -= 1
        for m in _MARKER.finditer(words, start, end):
            if m.group("insert") is None and m.start() == start:
                start = m.end()
            if m.group("insert") is None and m.end() == end:
                end = m.start()
        if (start, end) == before:
            return start, words[start:end]


def _parts(core: str) -> list[tuple[str, str]]:
    """Split the quote into (gap before, words) parts; the gap is '', 'ellipsis' or 'insert'."""
    parts, gap, last = [], "", 0
    for m in _MARKER.finditer(core):
        parts.append((gap, core[last:m.start()].strip(_EDGE)))
        gap = "insert" if m.group("insert") is not None else "ellipsis"
        last = m.end()
    parts.append((gap, core[last:].strip(_EDGE)))
    return parts


def _match_with_gaps(parts, text: str, folded: str) -> VerbatimResult | None:
    """Find the quote's pieces in order; gaps may hide omitted or replaced words."""
    pieces = [(gap, re.compile(words_pattern(p.lower())) if words_pattern(p) else None) for gap, p in parts]
    first = next((i for i, (_, p) in enumerate(pieces) if p is not None), None)
    if first is None:
        return None
    best = None
    # Of the places the first piece occurs, keep the tightest match: the fewest words left out.
    m = search_words(pieces[first][1], folded)
    for _ in range(50):
        if m is None:
            break
        spans = _follow(pieces, first, m, folded)
        if spans is not None and (best is None or spans[-1][2] - spans[0][1] < best[-1][2] - best[0][1]):
            best = spans
        m = search_words(pieces[first][1], folded, m.start() + 1)
    return None if best is None else _elided(best, text)


def _follow(pieces, first: int, m: re.Match, folded: str) -> list[tuple[str, int, int]] | None:
    spans = [(pieces[first][0], m.start(), m.end())]
    pending_gap = ""
    for gap, piece in pieces[first + 1:]:
        pending_gap = "insert" if "insert" in (gap, pending_gap) and gap != "ellipsis" else gap or pending_gap
        if piece is None:
            continue
        found = search_words(piece, folded, spans[-1][2])
        if found is None or (pending_gap == "insert" and found.start() - spans[-1][2] > _INSERT_REACH):
            return None
        spans.append((pending_gap, found.start(), found.end()))
        pending_gap = ""
    return spans


def _elided(spans, text: str) -> VerbatimResult:
    omissions = []
    for (_, _, prev_end), (gap, start, _) in pairwise(spans):
        omitted = text[prev_end:start]
        if not omitted.strip(_EDGE):
            continue
        within_sentence = not re.search(r"[.!?][\"'”’]?\s", omitted)
        omissions.append({"span": [prev_end, start], "words": omitted.strip(),
                          "serious": within_sentence and is_serious(omitted), "gap": gap})
    span = (spans[0][1], spans[-1][2])
    return VerbatimResult("elisions", span, text[span[0]:span[1]], omissions=omissions, score=100.0)


def _closest(core_start: int, core: str, text: str, folded: str) -> VerbatimResult:
    """The closest passage in the source, with a word-level diff, or 'not_found'."""
    quote_words = _quote_words(core, core_start)
    if len(quote_words) < 3:
        return VerbatimResult("not_found")
    # Words the source never uses cannot be in its passage: a cheap test before the costly one.
    content = {w for w, _, _ in quote_words if len(w) > 3}
    if content and sum(folded.find(w) >= 0 for w in content) < _MIN_SHARED * len(content):
        return VerbatimResult("not_found")
    needle = " ".join(w for w, _, _ in quote_words)
    aligned = fuzz.partial_ratio_alignment(needle, folded, score_cutoff=50)
    if aligned is None:
        return VerbatimResult("not_found")
    # Widen the aligned window by a few words each way: the quote may have gained or lost words.
    slack = 8 * (len(quote_words) // 4 + 3)
    lo, hi = max(0, aligned.dest_start - slack), min(len(folded), aligned.dest_end + slack)
    region = [(w, s + lo, e + lo) for w, s, e in words_of(text[lo:hi])]
    region = _best_window([w for w, _, _ in quote_words], region)
    ops = list(Levenshtein.opcodes([w for w, _, _ in quote_words], [w for w, _, _ in region]))
    while ops and ops[0].tag == "insert":
        ops.pop(0)
    while ops and ops[-1].tag == "insert":
        ops.pop()
    shared = sum(op.src_end - op.src_start for op in ops if op.tag == "equal")
    if not ops or shared < _MIN_SHARED * len(quote_words):
        return VerbatimResult("not_found", score=aligned.score)
    first_src = next((op.dest_start for op in ops if op.dest_end > op.dest_start), ops[0].dest_start)
    last_src = max(op.dest_end for op in ops)
    span = (region[first_src][1], region[last_src - 1][2]) if last_src > first_src else None
    changes = [_change(run, quote_words, region, core, core_start, text) for run in _merged(ops)]
    if span is None:
        return VerbatimResult("not_found", score=aligned.score)
    if not changes:
        # The same words in the same order: only punctuation differs.
        return VerbatimResult("normalized", span, text[span[0]:span[1]], score=100.0)
    score = 100.0 * shared / max(len(quote_words), last_src - first_src)
    return VerbatimResult("altered", span, text[span[0]:span[1]], changes, score=score)


def _best_window(quote: list[str], region: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """The stretch of ``region`` closest to ``quote``: fewest edits, then the closest length.

    A first alignment over the whole region places the quote roughly; trying nearby start and
    end words settles ties that would otherwise report a shifted diff.
    """
    words = [w for w, _, _ in region]
    ops = [op for op in Levenshtein.opcodes(quote, words) if op.tag == "equal"]
    if not ops:
        return region
    first, last = ops[0].dest_start - ops[0].src_start, ops[-1].dest_end + (len(quote) - ops[-1].src_end)
    best = None
    for i in range(max(0, first - 3), min(len(words), first + 4)):
        for j in range(max(i + 1, last - 3), min(len(words), last + 3) + 1):
            key = (Levenshtein.distance(quote, words[i:j]), abs(j - i - len(quote)))
            if best is None or key < best[0]:
                best = (key, i, j)
    return region[best[1]:best[2]] if best else region


def _quote_words(core: str, core_start: int) -> list[tuple[str, int, int]]:
    """The quote's own words (not the reporter's bracketed ones), offsets into the full quote."""
    inserts = [m.span() for m in _MARKER.finditer(core) if m.group("insert") is not None]
    return [(w, s + core_start, e + core_start) for w, s, e in words_of(core)
            if not any(a <= s < b for a, b in inserts)]


def _merged(ops) -> list[tuple[int, int, int, int]]:
    """Adjacent differences as one: "even" for "but not" is one change, not a drop and a swap."""
    runs: list[list[int]] = []
    previous_end = None
    for op in ops:
        if op.tag == "equal":
            previous_end = None
            continue
        if previous_end == (op.src_start, op.dest_start):
            runs[-1][1], runs[-1][3] = op.src_end, op.dest_end
        else:
            runs.append([op.src_start, op.src_end, op.dest_start, op.dest_end])
        previous_end = (op.src_end, op.dest_end)
    return [tuple(r) for r in runs]


def _change(run, quote_words, region, core: str, core_start: int, text: str) -> Change:
    q_start, q_end, s_start, s_end = run
    tag = "replace" if q_end > q_start and s_end > s_start else "added" if q_end > q_start else "dropped"
    if q_end > q_start:
        q_span = (quote_words[q_start][1], quote_words[q_end - 1][2])
    else:
        at = quote_words[q_start][1] if q_start < len(quote_words) else quote_words[-1][2]
        q_span = (at, at)
    if s_end > s_start:
        s_span = (region[s_start][1], region[s_end - 1][2])
    else:
        at = region[s_start][1] if s_start < len(region) else region[-1][2]
        s_span = (at, at)
    q_text = " ".join(w for w, _, _ in quote_words[q_start:q_end])
    s_text = " ".join(w for w, _, _ in region[s_start:s_end])
    q_raw = core[q_span[0] - core_start:q_span[1] - core_start]
    return Change(tag, q_raw, q_span, text[s_span[0]:s_span[1]], s_span, is_serious(q_text) or is_serious(s_text))
