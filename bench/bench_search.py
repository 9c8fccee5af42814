"""Search benchmark: the stemmed index (m007) beside raw SQLite on the same file, and what it costs to insert.

::

    python bench/bench_search.py                           # 1M quotes (built in /tmp if absent)
    python bench/bench_search.py --sizes 100000 --reuse    # reuse a library an earlier run built

For every size: milliseconds (median of several runs) of each search's first page through
Verbatim and of raw sqlite3 running the same FTS5 expression, and their ratio. Then bulk
insert, quotes per processor second, into a fresh library with today's index and into one whose index is
put back as it was before m007 (unicode61, no prefix index, rewritten on every update), in
the same run; the ratio must stay at 0.90 or above.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_core import PAGE, open_both, timed
from bench.synth import HEAVY_ALIAS, RARE_WORD, sentence, vocabulary
from qtapp.core.fts import fts_query
from qtapp.core.library import Library
from qtapp.core.query import _FROM, _SELECT, QuoteQuery

NEWEST = (f"{_SELECT} FROM quotes_fts f CROSS JOIN quotes q JOIN speakers sp ON sp.id = q.speaker_id "
          f"LEFT JOIN sources so ON so.id = q.source_id WHERE quotes_fts MATCH ? AND q.id = f.rowid "
          f"AND q.deleted_at IS NULL ORDER BY f.rowid DESC LIMIT {PAGE}")
# The same with the quotes of the speakers whose names hold the word ("Government Kalo 12").
NEWEST_OR_SPEAKERS = (f"{_SELECT} {_FROM} WHERE q.deleted_at IS NULL AND (q.id IN (SELECT rowid FROM quotes_fts "
                      f"WHERE quotes_fts MATCH ?) OR q.speaker_id IN (SELECT value FROM json_each(?))) "
                      f"ORDER BY q.id DESC LIMIT {PAGE}")
# The words typed: a common word in another form, a rare one, words half typed (which also
# name the synthetic speakers called "Security …" and "Government …"), a speaker's alias.
SEARCHES = (("common word, another form (ministers)", "ministers", False),
            ("rare word", RARE_WORD, False),
            ("word being typed (secur…)", "secur", True),
            ("three letters typed (gov…)", "gov", True),
            ("a speaker's alias as a word (Heavy)", HEAVY_ALIAS, False))


def raw_search(raw, text: str, typing: bool) -> list:
    """The first page as hand-written SQL finds it: speakers by alias or by a word of their names."""
    match = fts_query(text, prefix_last=typing, stemmed=True)
    ids = [i for (i,) in raw.execute("SELECT speaker_id FROM speaker_aliases WHERE alias = ? COLLATE NOCASE", [text])]
    if not ids and len(text) >= 3:
        ids = [i for (i,) in raw.execute("SELECT rowid FROM speakers_fts WHERE speakers_fts MATCH ?",
                                         [f'"{text}"' + ("*" if typing else "")])]
    if not ids:
        return raw.execute(NEWEST, [match]).fetchall()
    return raw.execute(NEWEST_OR_SPEAKERS, [match, json.dumps(ids)]).fetchall()


def bench_size(n: int, folder: Path, reuse: bool) -> list[tuple[str, float, float]]:
    lib, raw = open_both(folder / f"bench-search-{n}.verbatim", n, reuse)
    rows = []
    for label, text, typing in SEARCHES:
        query = QuoteQuery(text=text, typing=typing)
        rows.append((f"first page, {label}", timed(lambda q=query: lib.quotes.page(q, limit=PAGE)),
                     timed(lambda t=text, ty=typing: raw_search(raw, t, ty))))
    common = QuoteQuery(text="ministers")
    rows.append(("count, common word", timed(lambda: lib.quotes.count(common), 3),
                 timed(lambda: raw.execute("SELECT count(*) FROM quotes q WHERE q.deleted_at IS NULL AND q.id IN "
                                           "(SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)",
                                           [fts_query("ministers")]).fetchone(), 3)))
    lib.close()
    raw.close()
    return rows


OLD_INDEX = """
DROP TRIGGER quotes_ai; DROP TRIGGER quotes_ad; DROP TRIGGER quotes_au; DROP TABLE quotes_fts;
CREATE VIRTUAL TABLE quotes_fts USING FTS5 (words, context, tokenize='unicode61 remove_diacritics 2', content=quotes);
CREATE TRIGGER quotes_ai AFTER INSERT ON quotes BEGIN
  INSERT INTO quotes_fts (rowid, words, context) VALUES (new.rowid, new.words, new.context); END;
CREATE TRIGGER quotes_ad AFTER DELETE ON quotes BEGIN
  INSERT INTO quotes_fts (quotes_fts, rowid, words, context) VALUES('delete', old.rowid, old.words, old.context); END;
CREATE TRIGGER quotes_au AFTER UPDATE ON quotes BEGIN
  INSERT INTO quotes_fts (quotes_fts, rowid, words, context) VALUES('delete', old.rowid, old.words, old.context);
  INSERT INTO quotes_fts (rowid, words, context) VALUES (new.rowid, new.words, new.context); END;
"""


def bench_bulk_insert(folder: Path, n: int, rounds: int = 4) -> tuple[str, float, float]:
    """Quotes per second through insert_bulk with today's index and with the index before m007."""
    rng = random.Random(3)
    words, weights = vocabulary(rng)
    texts = [sentence(rng, words, weights, rng.randint(8, 40)) for _ in range(n)]

    def speed(old: bool) -> float:
        path = folder / f"bulk-{'old' if old else 'new'}.verbatim"
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        lib = Library(path)
        if old:
            lib.db.conn.executescript(OLD_INDEX)
        speaker = lib.speakers.add("Bulk Speaker")
        # Processor time, not wall time: other programs on the machine then skew the figure far less.
        start = time.process_time()
        lib.quotes.insert_bulk({"words": w, "speaker_id": speaker, "said": "2023-11-09"} for w in texts)
        per_second = n / (time.process_time() - start)
        lib.close()
        return per_second
    # Alternate the two (and which goes first), so that a busy machine slows both alike; take medians.
    new, old = [], []
    for n_round in range(rounds):
        for is_old in ((True, False) if n_round % 2 else (False, True)):
            (old if is_old else new).append(speed(is_old))
    return ("bulk insert, quotes per processor second (new vs old index)", statistics.median(new),
            statistics.median(old))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000_000])
    parser.add_argument("--folder", type=Path, default=Path("/tmp"))
    parser.add_argument("--reuse", action="store_true", help="reuse libraries built by an earlier run")
    parser.add_argument("--bulk", type=int, default=50_000, help="quotes per bulk-insert round")
    args = parser.parse_args()
    for n in args.sizes:
        print(f"\n{n:,} quotes")
        print(f"{'search':48} {'verbatim':>10} {'raw':>10} {'ratio':>7}")
        for label, ours, raw in bench_size(n, args.folder, args.reuse):
            print(f"{label:48} {ours:>8.2f}ms {raw:>8.2f}ms {ours / raw:>6.2f}x")
    label, new, old = bench_bulk_insert(args.folder, args.bulk)
    print(f"\n{label}: {new:,.0f}/s with the stemmed index, {old:,.0f}/s before; kept {new / old:.0%}")


if __name__ == "__main__":
    main()
