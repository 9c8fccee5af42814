"""Library core benchmark: each operation through Verbatim beside raw sqlite3 on the same file.

::

    python bench/bench_core.py                 # 10k, 100k and 1M quotes (builds them in /tmp)
    python bench/bench_core.py --sizes 10000   # just one size
    python bench/bench_core.py --reuse         # keep libraries built by an earlier run

For every size it prints milliseconds (median of several runs) for Verbatim and for raw SQL
doing the same work in the same run, and the ratio. Peak memory is the process's maximum RSS.
"""

from __future__ import annotations

import argparse
import resource
import sqlite3
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.synth import HEAVY_ALIAS, RARE_WORD, build_library
from qtapp.core.library import Library
from qtapp.core.query import _FROM, _SELECT, QuoteQuery

PAGE = 50


def timed(fn, repeat: int = 7) -> float:
    """Median milliseconds of ``fn()`` over ``repeat`` runs (after one warm-up)."""
    fn()
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs)


def raw_connection(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def open_both(path: Path, n: int, reuse: bool) -> tuple[Library, sqlite3.Connection]:
    """The synthetic library of ``n`` quotes at ``path`` (built unless ``reuse`` finds it), opened
    through Verbatim and through raw sqlite3."""
    if not (reuse and path.exists()):
        build_library(path, n)
    return Library(path), raw_connection(path)


def bench_size(n: int, folder: Path, reuse: bool) -> list[tuple[str, float, float]]:
    lib, raw = open_both(folder / f"bench-{n}.verbatim", n, reuse)
    path = lib.path
    rows: list[tuple[str, float, float]] = []
    newest = f"{_SELECT} {_FROM} WHERE q.deleted_at IS NULL ORDER BY q.id DESC LIMIT {PAGE}"

    rows.append(("open the library", timed(lambda: Library(path).close()),
                 timed(lambda: raw_connection(path).execute("PRAGMA journal_mode").fetchone())))
    rows.append(("first page, newest first", timed(lambda: lib.quotes.page(limit=PAGE)),
                 timed(lambda: raw.execute(newest).fetchall())))

    deep_id = raw.execute("SELECT id FROM quotes WHERE deleted_at IS NULL ORDER BY id DESC LIMIT 1 OFFSET ?",
                          [min(n - 1, 1000 * PAGE)]).fetchone()[0]
    deep_sql = f"{_SELECT} {_FROM} WHERE q.deleted_at IS NULL AND q.id < ? ORDER BY q.id DESC LIMIT {PAGE}"
    rows.append(("page 1,000 pages deep", timed(lambda: lib.quotes.page(after=(deep_id, deep_id), limit=PAGE)),
                 timed(lambda: raw.execute(deep_sql, [deep_id]).fetchall())))
    by_date = QuoteQuery(sort="said")
    date_sql = f"{_SELECT} {_FROM} WHERE q.deleted_at IS NULL ORDER BY q.said DESC, q.id DESC LIMIT {PAGE}"
    rows.append(("first page by date said", timed(lambda: lib.quotes.page(by_date, limit=PAGE)),
                 timed(lambda: raw.execute(date_sql).fetchall())))

    def raw_by_alias():
        ids = [i for (i,) in raw.execute("SELECT speaker_id FROM speaker_aliases WHERE alias = ? COLLATE NOCASE",
                                         [HEAVY_ALIAS])]
        return raw.execute(f"{_SELECT} {_FROM} WHERE q.deleted_at IS NULL AND q.speaker_id = ? "
                           f"ORDER BY q.id DESC LIMIT {PAGE}", ids).fetchall()
    by_alias = QuoteQuery(speaker=HEAVY_ALIAS)
    rows.append(("speaker by alias, first page", timed(lambda: lib.quotes.page(by_alias, limit=PAGE)),
                 timed(raw_by_alias)))

    for label, word in (("common", "minister"), ("rare", RARE_WORD)):
        q = QuoteQuery(text=word)
        raw_sql = (f"{_SELECT} FROM quotes_fts f CROSS JOIN quotes q JOIN speakers sp ON sp.id = q.speaker_id "
                   f"LEFT JOIN sources so ON so.id = q.source_id WHERE quotes_fts MATCH ? AND q.id = f.rowid "
                   f"AND q.deleted_at IS NULL ORDER BY f.rowid DESC LIMIT {PAGE}")
        rows.append((f"full text, {label} word, newest first", timed(lambda q=q: lib.quotes.page(q, limit=PAGE)),
                     timed(lambda sql=raw_sql, word=word: raw.execute(sql, [f'"{word}"']).fetchall())))
        ranked = QuoteQuery(text=word, sort="relevance")
        bm25 = (f"{_SELECT}, f.rank {_FROM} JOIN quotes_fts f ON f.rowid = q.id WHERE q.deleted_at IS NULL "
                f"AND quotes_fts MATCH ? ORDER BY f.rank LIMIT {PAGE}")
        rows.append((f"full text, {label} word, by relevance",
                     timed(lambda q=ranked: lib.quotes.page(q, limit=PAGE), 3),
                     timed(lambda sql=bm25, word=word: raw.execute(sql, [f'"{word}"']).fetchall(), 3)))

    rows.append(("count all quotes", timed(lambda: lib.quotes.count()),
                 timed(lambda: raw.execute("SELECT count(*) FROM quotes WHERE deleted_at IS NULL").fetchone())))
    lib.close()
    raw.close()
    rows.append(bench_bulk_insert(folder, min(n, 20_000)))
    return rows


def bench_bulk_insert(folder: Path, n: int) -> tuple[str, float, float]:
    """Quotes per second added through insert_bulk vs raw executemany, into fresh libraries."""
    def fresh(name):
        path = folder / name
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        lib = Library(path)
        speaker = lib.speakers.add("Bulk Speaker")
        return lib, speaker
    words = [f"Quote {i} says the minister will act on the budget before the election." for i in range(n)]

    lib, speaker = fresh("bulk-ours.verbatim")
    start = time.perf_counter()
    lib.quotes.insert_bulk({"words": w, "speaker_id": speaker, "said": "2023-11-09"} for w in words)
    ours = n / (time.perf_counter() - start)
    lib.close()

    lib, speaker = fresh("bulk-raw.verbatim")
    conn = lib.db.conn
    start = time.perf_counter()
    with conn:
        conn.executemany("INSERT INTO quotes (uuid, words, speaker_id, said, created_at, updated_at) "
                         "VALUES (lower(hex(randomblob(16))), ?, ?, '2023-11-09', 'now', 'now')",
                         ((w, speaker) for w in words))
    raw = n / (time.perf_counter() - start)
    lib.close()
    return ("bulk insert, quotes per second", ours, raw)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--folder", type=Path, default=Path("/tmp"))
    parser.add_argument("--reuse", action="store_true", help="reuse libraries built by an earlier run")
    args = parser.parse_args()
    for n in args.sizes:
        print(f"\n{n:,} quotes")
        print(f"{'operation':42} {'verbatim':>10} {'raw':>10} {'ratio':>7}")
        for label, ours, raw in bench_size(n, args.folder, args.reuse):
            unit = "/s" if "per second" in label else "ms"
            ratio = raw / ours if unit == "/s" else ours / raw
            print(f"{label:42} {ours:>8.2f}{unit:>2} {raw:>8.2f}{unit:>2} {ratio:>6.2f}x")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory (max RSS): {peak:.0f} MB")


if __name__ == "__main__":
    main()
