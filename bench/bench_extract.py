"""How long quote extraction takes on a 5,000-word article (target: under 100 ms).

Run: ``.venv/bin/python bench/bench_extract.py [WORDS]``. The article is built from invented
paragraphs covering every attribution pattern, repeated with new names until it has WORDS
words. Prints the median and worst of several runs after one warm-up run (the warm-up also
loads the given-name table once per process).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from qtapp.core.extract import extract_quotes  # noqa: E402

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


def build_article(words: int) -> str:
    paras, count, k = ["Harbour city council approves flood plan"], 0, 0
    while count < words:
        given, family = FIRST[k % len(FIRST)], LAST[(k * 3) % len(LAST)]
        para = PARAGRAPHS[k % len(PARAGRAPHS)].format(f=given, l=family)
        paras.append(para)
        count += len(para.split())
        k += 1
    return "\n\n".join(paras)


def main() -> None:
    words = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    text = build_article(words)
    t0 = time.perf_counter()
    found = extract_quotes(text)
    first = time.perf_counter() - t0
    runs = []
    for _ in range(15):
        t0 = time.perf_counter()
        extract_quotes(text)
        runs.append(time.perf_counter() - t0)
    print(f"article: {len(text.split())} words, {len(text)} characters, {len(found)} quotes proposed")
    print(f"first run (loads the name table): {first * 1000:.0f} ms")
    print(f"median of {len(runs)} runs: {statistics.median(runs) * 1000:.1f} ms; worst: {max(runs) * 1000:.1f} ms")
    print(f"per 1,000 words: {statistics.median(runs) * 1000 / (len(text.split()) / 1000):.1f} ms")


if __name__ == "__main__":
    main()
