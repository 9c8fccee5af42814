"""Build synthetic libraries for benchmarks: realistic word frequencies, aliases, long texts.

::

    python bench/synth.py /tmp/1m.verbatim 1000000

Words follow a Zipf distribution over common English words plus invented rare ones, so full-text
search has both common and rare terms. One speaker ("Speaker Heavy", alias "Heavy") holds 5% of
the quotes (50,000 at 1M), for the per-speaker benchmarks; ~10% of sources carry an 8,000-word text.
"""

from __future__ import annotations

import itertools
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from qtapp.core.library import Library

COMMON = ("the of and to a in that is was he for it with as his on be at by i this had not are but from "
          "or have an they which one you were her all she there would their we him been has when who "
          "will more no if out so said what up its about into than them can only other new some could "
          "time these two may then do first any my now such like our over man me even most made after "
          "also did many before must through back years where much your way well down should because "
          "each just those people how too little state good very make world still own see men work long "
          "get here between both life being under never day same another know while last might us great "
          "old year off come since against go came right used take three government minister war peace "
          "security council election budget police court president country city border talks").split()
RARE_WORD = "zyxquartz"      # appears in 1 of 10,000 quotes
HEAVY_SPEAKER = "Speaker Heavy"
HEAVY_ALIAS = "Heavy"


def vocabulary(rng: random.Random, size: int = 20000) -> tuple[list[str], list[float]]:
    syllables = ["ka", "lo", "mi", "ren", "to", "sa", "vin", "dor", "el", "qu", "an", "bri", "mon", "tes"]
    invented = {"".join(rng.choices(syllables, k=rng.randint(2, 4))) for _ in range(size)}
    words = COMMON + sorted(invented - set(COMMON))
    weights = list(itertools.accumulate(1.0 / (rank + 1) ** 1.07 for rank in range(len(words))))
    return words, weights


def sentence(rng: random.Random, words, weights, n: int) -> str:
    text = " ".join(rng.choices(words, cum_weights=weights, k=n))
    return text[0].upper() + text[1:] + "."


def build_library(path: str | Path, n_quotes: int, *, seed: int = 7) -> dict:
    """Create ``path`` holding ``n_quotes`` synthetic quotes; returns timings and counts."""
    rng = random.Random(seed)
    words, weights = vocabulary(rng)
    path = Path(path)
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    lib = Library(path)
    n_speakers = max(50, n_quotes // 500)
    n_sources = max(20, n_quotes // 50)
    with lib.db.atomic():
        heavy = lib.speakers.add(HEAVY_SPEAKER, aliases=[HEAVY_ALIAS, "Minister Heavy"],
                                 roles=[{"title": "Minister", "organization": "Ministry of Examples", "start": "2015"}])
        speaker_ids = [heavy] + [
            lib.speakers.add(f"{rng.choice(COMMON).title()} {rng.choice(words[200:2000]).title()} {i}",
                             aliases=[f"Alias{i}", f"Official {i}"])
            for i in range(n_speakers)]
        source_ids = []
        for i in range(n_sources):
            text = sentence(rng, words, weights, 8000) if rng.random() < 0.10 else ""
            source_ids.append(lib.sources.add(rng.choice(["article", "interview", "speech", "broadcast"]),
                                              f"Synthetic source {i}", outlet="The Bench Times",
                                              date=f"{rng.randint(2005, 2024)}-{rng.randint(1, 12):02d}", text=text))
    lib._undo.clear()

    def items():
        for i in range(n_quotes):
            text = sentence(rng, words, weights, rng.randint(8, 40))
            if i % 10_000 == 5_000:
                text = text[:-1] + f" {RARE_WORD}."
            year = rng.randint(2005, 2024)
            yield {"words": text, "speaker_id": heavy if rng.random() < 0.05 else rng.choice(speaker_ids),
                   "source_id": rng.choice(source_ids),
                   "said": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"}

    start = time.perf_counter()
    added = lib.quotes.insert_bulk(items(), step_name="Synthetic import")
    seconds = time.perf_counter() - start
    lib._undo.clear()
    lib.close()
    return {"quotes": added, "speakers": n_speakers + 1, "sources": n_sources, "insert_seconds": seconds}


if __name__ == "__main__":
    target, count = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
    print(build_library(target, count))
