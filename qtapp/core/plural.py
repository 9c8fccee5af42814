"""Counted nouns for messages: the one place that decides "1 source" against "3 sources".

::

    count_of(1, "source")        # '1 source'
    count_of(1200, "quote")      # '1,200 quotes'
    count_of(2, "library")       # '2 libraries'
    count_of(0, "quote")         # '0 quotes'
"""

from __future__ import annotations

IRREGULAR = {"person": "people", "is": "are", "was": "were", "has": "have"}


def plural(noun: str) -> str:
    """The plural of an English noun as messages use them: quote → quotes, entry → entries."""
    if noun in IRREGULAR:
        return IRREGULAR[noun]
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and len(noun) > 1 and noun[-2] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


def count_of(count: int, noun: str) -> str:
    """``count`` and ``noun``, plural unless the count is one, with thousands separated."""
    return f"{count:,} {noun if count == 1 else plural(noun)}"
