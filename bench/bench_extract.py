"""How long quote extraction takes: a 5,000-word article (target: under 20 ms), a 1 MB
transcript (target: under 1 s), and how time grows from 100 KB to 400 KB (target: ≤ 4×).

Run: ``.venv/bin/python bench/bench_extract.py [WORDS]``. The article is built from invented
paragraphs covering every attribution pattern, repeated with new names until it has WORDS
words; the transcript from invented ``NAME, ROLE:``, ``NAME:`` and ``Q:`` turns with quoted
and unquoted speech. Every figure is the CPU time of one extraction (``time.process_time``,
steady on a loaded machine), the best of several runs after a warm-up run (the warm-up also
loads the given-name and inflection tables once per process). Each run reads a fresh copy of
the text, as a newly opened source is read: nothing kept from an earlier reading of the same
string (its word list) is reused.
"""

from __future__ import annotations

import gc
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from qtapp.core.extract import extract_quotes

FIRST = ["Ingrid", "Tomas", "Amara", "Piet", "Clara", "Daniel", "Maria", "Yusuf", "Hanna", "Olek"]
LAST = ["Solberg", "Reyes", "Okafor", "Vos", "Nyberg", "Okoro", "Lindgren", "Demir", "Lindqvist", "Marsh"]
PARAGRAPHS = [
    "Mayor {f} {l} said on Tuesday that the city would spend more on sea walls this year.",
    "“We cannot wait for the next storm to tell us what we already know,” {l} said. “The water is coming.”",
    "“This is the most important vote this council has taken in a decade,” said councillor {f} {l}.",
    "The plan, dubbed “Project Bulwark” by officials, was first proposed years ago.",
    "“We support the goal,” {l} added, “but the timetable is too tight.”",
    "{f} {l}, a hydrologist at the university, warned: “The models we have are out of date.”",
    "A senior official in the planning office said the council had “no real choice”.",
    "We expect more pain before things get better,” {l} said during a briefing with reporters.",
    "The environment ministry said in a statement that it “welcomes the initiative”.",
    "“There is still time,” she replied, before leaving the chamber with her advisers.",
    "Critics called the proposal “a giveaway to contractors” and questioned the cost of the work.",
]


def _compose(title: str, templates: list[str], names, size, limit: int) -> str:
    """Paragraphs from ``templates`` in turn, filled by ``names(k)``, until their ``size``
    adds up to ``limit``."""
    paras, total, k = [title], 0, 0
    while total < limit:
        paras.append(templates[k % len(templates)].format(**names(k)))
        total += size(paras[-1])
        k += 1
    return "\n\n".join(paras)


def build_article(words: int) -> str:
    """An invented article of about ``words`` words."""
    return _compose("Harbour city council approves flood plan", PARAGRAPHS,
                    lambda k: {"f": FIRST[k % len(FIRST)], "l": LAST[(k * 3) % len(LAST)]},
                    lambda p: len(p.split()), words)


TURNS = [
    "{L}, HARBOUR AUTHORITY: We have been watching the water rise for weeks, and the council knows it.",
    "Q: Can you tell us when the {f} report will be published, and who will see it first?",
    "{L}: I will not comment on the report before the board has read it, as you all know.",
    "Once again, the walls on the east side were built for a smaller storm than the ones we see now.",
    "MODERATOR: Next question, please. We have time for two more before the minister leaves.",
    "“We cannot wait for the next storm,” {f} {l} told the meeting. “The water is coming.”",
    "{L}: The plan that {f} called “a starting point” is all we have, and I support it.",
]


_ENDINGS = ["", "son", "berg", "dal", "lund", "strom", "holm", "vik", "by", "ness"]


def _speaker(k: int) -> dict:
    """A new speaker every seven turns (1,000 different surnames), in full at the first turn."""
    i = k // 7
    given, family = FIRST[i % len(FIRST)], LAST[i % len(LAST)] + _ENDINGS[i // 10 % 10] + _ENDINGS[i // 100 % 10]
    return {"f": given, "l": family, "L": (f"{given} {family}" if k % 7 == 0 else family).upper()}


def build_transcript(chars: int) -> str:
    """An invented transcript of about ``chars`` characters."""
    return _compose("Harbour authority briefing, full transcript", TURNS, _speaker, lambda p: len(p) + 2, chars)


def cpu_times(text: str, runs: int) -> tuple[float, float]:
    """The best and the median CPU time of ``runs`` extractions of ``text``, in seconds, after
    one warm-up run; each run reads a fresh copy of the text."""
    extract_quotes(_copy(text))
    times = []
    for _ in range(runs):
        copy = _copy(text)
        gc.collect()        # the garbage of one run is not charged to the next
        c0 = time.process_time()
        extract_quotes(copy)
        times.append(time.process_time() - c0)
    return min(times), statistics.median(times)


def _copy(text: str) -> str:
    """An equal string that is a new object."""
    return (text + " ")[:-1]


def main() -> None:
    words = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    text = build_article(words)
    t0 = time.perf_counter()
    found = extract_quotes(text)
    first = time.perf_counter() - t0
    print(f"article: {len(text.split())} words, {len(text)} characters, {len(found)} quotes proposed")
    print(f"first run (loads the name and inflection tables): {first * 1000:.0f} ms wall-clock")
    best, median = cpu_times(text, 25)
    print(f"CPU time, best of 25 runs: {best * 1000:.1f} ms (median {median * 1000:.1f} ms); "
          f"per 1,000 words: {best * 1000 / (len(text.split()) / 1000):.1f} ms")
    small, large, mb = build_transcript(100_000), build_transcript(400_000), build_transcript(1_000_000)
    # The same number of runs for both sizes: the best of more runs is lower on a busy machine.
    (b_small, _), (b_large, _), (b_mb, m_mb) = cpu_times(small, 5), cpu_times(large, 5), cpu_times(mb, 3)
    print(f"transcript 100 KB: {b_small * 1000:.0f} ms CPU; 400 KB: {b_large * 1000:.0f} ms CPU (best of 5 each); "
          f"ratio {b_large / b_small:.2f} (linear: 4)")
    print(f"transcript 1 MB ({len(extract_quotes(mb))} quotes proposed): {b_mb * 1000:.0f} ms CPU, best of 3 "
          f"(median {m_mb * 1000:.0f} ms)")


if __name__ == "__main__":
    main()
