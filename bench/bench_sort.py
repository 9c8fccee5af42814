"""Sorting benchmark: every column of the quotes list, first page and a far jump, in both
directions, through Verbatim beside raw sqlite3 running the same query on the same file.

::

    python bench/bench_sort.py                                   # builds /tmp/bench-sort-1000000.verbatim once
    python bench/bench_sort.py --library /tmp/1m.verbatim        # an existing library (upgraded on open)
    python bench/bench_sort.py --before /tmp/old-checkout        # also bulk insert: that checkout vs this one

A far jump is the jump to the middle of the list, the deepest one (a later position is found
from the end): the cursor of row n/2 and the page after it. ``--before`` names a folder holding
the ``qtapp`` package of an earlier version (``git archive <commit> qtapp | tar -x -C DIR``);
each version inserts the same quotes into a fresh library in its own process, alternately,
and the best rate of each is printed.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_core import PAGE, timed  # noqa: E402

COLUMNS = ("words", "speaker", "said", "rule", "status", "source", "title", "provenance", "created")


def raw_page(raw: sqlite3.Connection, key: str, direction: str, after: tuple | None) -> list:
    """The page through raw SQL: the same id walk and row fetch page_quotes does."""
    from qtapp.core.query import _FROM, _SELECT
    order = f"{key} {direction}" if key == "q.id" else f"{key} {direction}, q.id {direction}"
    walk = f"SELECT q.id, {key} AS k FROM quotes q WHERE q.deleted_at IS NULL"
    beyond = "<" if direction == "DESC" else ">"
    if after is None:
        ids, params = f"{walk} ORDER BY {order} LIMIT {PAGE}", []
    elif key == "q.id":
        ids, params = f"{walk} AND q.id {beyond} ? ORDER BY {order} LIMIT {PAGE}", [after[1]]
    else:
        ids = (f"SELECT * FROM ({walk} AND {key} = ? AND q.id {beyond} ? ORDER BY q.id {direction} LIMIT {PAGE}) "
               f"UNION ALL SELECT * FROM ({walk} AND {key} {beyond} ? ORDER BY {order} LIMIT {PAGE})")
        params = [*after, after[0]]
    return raw.execute(f"{_SELECT}, page.k {_FROM} JOIN ({ids}) page ON page.id = q.id "
                       f"ORDER BY page.k {direction}, q.id {direction} LIMIT {PAGE}", params).fetchall()


def raw_jump(raw: sqlite3.Connection, key: str, direction: str, position: int) -> list:
    order = f"{key} {direction}" if key == "q.id" else f"{key} {direction}, q.id {direction}"
    cursor = raw.execute(f"SELECT {key}, q.id FROM quotes q WHERE q.deleted_at IS NULL ORDER BY {order} "
                         f"LIMIT 1 OFFSET ?", [position]).fetchone()
    return raw_page(raw, key, direction, cursor)


def bench_columns(path: Path) -> None:
    from qtapp.core.library import Library
    from qtapp.core.query import SORTS, QuoteQuery, cursor_at
    lib = Library(path)
    raw = sqlite3.connect(path)
    total = lib.quotes.count()
    middle = total // 2 - 1
    print(f"\n{total:,} quotes in {path}")
    print(f"{'order':24} {'first page':>10} {'raw':>8} {'ratio':>6}   {'far jump':>9} {'raw':>8} {'ratio':>6}")
    worst_first = worst_jump = 0.0
    for column in COLUMNS:
        for descending in (False, True):
            query = QuoteQuery(sort=column, descending=descending)
            key, direction = SORTS[column], "DESC" if descending else "ASC"
            first = timed(lambda q=query: lib.quotes.page(q, limit=PAGE), 5)
            raw_first = timed(lambda k=key, d=direction: raw_page(raw, k, d, None), 5)
            jump = timed(lambda q=query: lib.quotes.page(q, after=cursor_at(lib.db, q, middle, total=total),
                                                         limit=PAGE), 3)
            raw_far = timed(lambda k=key, d=direction: raw_jump(raw, k, d, middle), 3)
            worst_first, worst_jump = max(worst_first, first), max(worst_jump, jump)
            label = f"{column} {'descending' if descending else 'ascending'}"
            print(f"{label:24} {first:8.1f}ms {raw_first:6.1f}ms {first / raw_first:5.2f}x   "
                  f"{jump:7.1f}ms {raw_far:6.1f}ms {jump / raw_far:5.2f}x")
    print(f"slowest first page {worst_first:.1f} ms, slowest far jump {worst_jump:.1f} ms")
    lib.close()
    raw.close()


def insert_rate(n: int) -> float:
    """Quotes per second added by insert_bulk into a fresh library (run inside one version's process)."""
    from qtapp.core.library import Library
    rng = random.Random(3)
    with tempfile.TemporaryDirectory() as folder:
        lib = Library(Path(folder) / "bulk.verbatim")
        speakers = [lib.speakers.add(f"Speaker {i}", roles=[{"title": "Minister", "start": "2015"}])
                    for i in range(50)]
        sources = [lib.sources.add("article", f"Source {i}") for i in range(20)]
        items = [{"words": f"Quote {i} says the minister will act on the budget before the election.",
                  "speaker_id": rng.choice(speakers), "source_id": rng.choice(sources),
                  "said": f"{rng.randint(2005, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"}
                 for i in range(n)]
        start = time.perf_counter()
        lib.quotes.insert_bulk(items)
        rate = n / (time.perf_counter() - start)
        lib.close()
    return rate


def bench_bulk(before: Path, n: int, rounds: int) -> None:
    def rate(code: Path) -> float:
        script = (f"import sys; sys.path.insert(0, {str(code)!r}); sys.path.insert(1, {str(ROOT)!r}); "
                  f"from bench.bench_sort import insert_rate; print(insert_rate({n}))")
        out = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True)
        return float(out.stdout.strip().splitlines()[-1])
    rates = {"before": [], "after": []}
    for round_ in range(rounds):     # alternate which goes first: neither gets a warmer machine
        for name in (("before", "after") if round_ % 2 == 0 else ("after", "before")):
            rates[name].append(rate(before if name == "before" else ROOT))
    best = {name: max(values) for name, values in rates.items()}
    print(f"\nbulk insert of {n:,} quotes, best of {rounds} (quotes per second): "
          f"before {best['before']:.0f}, after {best['after']:.0f}, "
          f"after/before {best['after'] / best['before']:.2f}")
    print(json.dumps({k: [round(v) for v in values] for k, values in rates.items()}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--library", type=Path, help="a library to sort (default: built once in /tmp)")
    parser.add_argument("--quotes", type=int, default=1_000_000, help="size of the library to build")
    parser.add_argument("--before", type=Path, help="a folder holding an earlier version's qtapp package")
    parser.add_argument("--bulk", type=int, default=20_000, help="quotes per bulk insert run")
    parser.add_argument("--rounds", type=int, default=5, help="bulk insert runs per version")
    args = parser.parse_args()
    path = args.library or Path(f"/tmp/bench-sort-{args.quotes}.verbatim")
    if not path.exists():
        from bench.synth import build_library
        build_library(path, args.quotes)
    bench_columns(path)
    if args.before:
        bench_bulk(args.before, args.bulk, args.rounds)


if __name__ == "__main__":
    main()
