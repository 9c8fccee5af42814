"""Benchmark keeping checks current: what marking stale checks adds to a save, and the re-check after.

::

    .venv/bin/python bench/bench_stale.py                   # 100,000 quotes (a few minutes to build)
    .venv/bin/python bench/bench_stale.py --quotes 20000

For each kind of edit: the time of the save (the step, with its stale marks, in one
transaction), the same save with marking switched off, how many quotes it marked, and the
time of the first re-check chunk (200 quotes at most, as the window runs it). Prints
figures only.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_checks import build_library, vocabulary
from qtapp.core import undo
from qtapp.core.checks import check_many, recheck, stale_ids
from qtapp.core.library import Library

RUNS = 15
CHUNK = 200   # as qtapp.gui.checks.rechecker


def edits(lib: Library, rng: random.Random):
    """(label, a function making one edit) for the kinds of edit a reporter makes."""
    quotes = [i for (i,) in lib.db.execute("SELECT id FROM quotes ORDER BY random() LIMIT 200")]
    speakers = [i for (i,) in lib.db.execute("SELECT id FROM speakers ORDER BY random() LIMIT 50")]
    sources = [i for (i,) in lib.db.execute("SELECT id FROM sources ORDER BY random() LIMIT 50")]
    return [
        ("quote words",
         lambda: lib.quotes.update(rng.choice(quotes), words=f"Edited words {rng.random()} of a quote.")),
        ("quote speaker", lambda: lib.quotes.update(rng.choice(quotes), speaker_id=rng.choice(speakers))),
        ("quote rule", lambda: lib.quotes.update(rng.choice(quotes), rule=rng.choice(["on_record", "off_record"]))),
        ("source date", lambda: lib.sources.update(rng.choice(sources), date=rng.choice(["2024-01-01", "2023"]))),
        ("speaker confidential", lambda: lib.speakers.update(rng.choice(speakers), confidential=rng.random() < .5)),
        ("speaker alias", lambda: lib.speakers.add_alias(rng.choice(speakers), f"Alias{rng.randint(0, 10**6)}")),
    ]


def measure(path: Path) -> None:
    rng = random.Random(3)
    with Library(path, backups=False) as lib:
        check_many(lib, [i for (i,) in lib.db.execute("SELECT id FROM quotes ORDER BY id")])
        real_mark = undo.mark_stale_checks
        for label, edit in edits(lib, rng):
            with_marks, without, marked, rechecks = [], [], [], []
            for _ in range(RUNS):
                undo.mark_stale_checks = lambda *a, **k: None
                t = time.perf_counter()
                edit()
                without.append(time.perf_counter() - t)
                undo.mark_stale_checks = real_mark
                t = time.perf_counter()
                edit()
                with_marks.append(time.perf_counter() - t)
                marked.append(len(stale_ids(lib)))
                t = time.perf_counter()
                recheck(lib, limit=CHUNK)       # the first chunk, as the window runs it
                rechecks.append(time.perf_counter() - t)
                lib.db.execute("DELETE FROM stale_checks")   # the rest: not measured
                lib.db.conn.commit()
            print(f"{label:22} save {statistics.median(with_marks) * 1000:7.1f} ms "
                  f"(without marks {statistics.median(without) * 1000:6.1f} ms), "
                  f"marked median {statistics.median(marked):5.0f} max {max(marked):5d}, "
                  f"first re-check chunk median {statistics.median(rechecks) * 1000:7.1f} ms "
                  f"max {max(rechecks) * 1000:7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.verbatim"
        rng = random.Random(1)
        t = time.perf_counter()
        build_library(path, rng, vocabulary(rng), args.quotes)
        print(f"built {args.quotes:,} quotes in {time.perf_counter() - t:.0f} s")
        measure(path)


if __name__ == "__main__":
    main()
