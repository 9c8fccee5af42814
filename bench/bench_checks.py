"""Benchmark the checks: one verbatim check against a long source, and a whole library.

::

    .venv/bin/python bench/bench_checks.py                  # 100,000 quotes (about 2 minutes)
    .venv/bin/python bench/bench_checks.py --quotes 20000   # quicker
    .venv/bin/python bench/bench_checks.py --quotes 1000 --seed ../shared/fixtures/seed

Prints figures only. Where a raw-sqlite3 equivalent exists (finding the words with instr()),
the ratio against it, measured in the same run, is printed too. The library is filled with
raw SQL inserts (set-up, not measured); the full-text index is kept by its triggers as usual.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from qtapp.core.checks import check_library, check_quotes, verify_words
from qtapp.core.library import Library

FIRST = "Ana Piet Rosa Lina Tomas Mila Olga Ivan Nora Emil Sara Jonas Leah Omar Ines Karl".split()
LAST = "Ruiz Vos Lind Okafor Vidal Horvat Marsh Petrov Keel Brandt Sato Moreau Adeyemi Novak Costa Berg".split()


def vocabulary(rng: random.Random, size: int = 6000) -> tuple[list[str], list[float]]:
    words = list(dict.fromkeys("".join(rng.choice("abcdefghijklmnoprstuvwy") for _ in range(rng.randint(2, 10)))
                               for _ in range(size)))
    return words, [1 / (rank + 1) for rank in range(len(words))]   # Zipf-like, as real text is


def sentence(rng, vocab, n) -> str:
    return " ".join(rng.choices(vocab[0], weights=vocab[1], k=n))


def time_verbatim(rng, vocab, runs: int = 200) -> None:
    text = sentence(rng, vocab, 8000)
    words = text.split()
    at = len(words) // 2
    quote = words[at:at + 30]
    cases = {
        "exact": " ".join(quote),
        "normalized (case, spacing)": "  ".join(quote).upper(),
        "with an ellipsis": " ".join(quote[:12]) + " … " + " ".join(quote[16:]),
        "one word changed": " ".join([*quote[:15], "zzzz", *quote[16:]]),
        "not in the source": sentence(rng, vocab, 30),
    }
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE s (text TEXT)")
    conn.execute("INSERT INTO s VALUES (?)", [text])
    raw = []
    for _ in range(runs):
        t = time.perf_counter()
        conn.execute("SELECT instr(text, ?) FROM s", [cases["exact"]]).fetchone()
        raw.append(time.perf_counter() - t)
    raw_ms = statistics.median(raw) * 1000
    print(f"Verbatim check, 30-word quote against an 8,000-word source ({len(text):,} characters), "
          f"median of {runs}:")
    for name, words_ in cases.items():
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            result = verify_words(words_, text)
            times.append(time.perf_counter() - t)
        ms = statistics.median(times) * 1000
        print(f"  {name:28s} {result.verdict:12s} {ms:7.3f} ms   "
              f"({ms / raw_ms:,.2f}x raw sqlite3 instr(): {raw_ms:.3f} ms)")


def build_library(path: Path, rng, vocab, quotes: int) -> list[str]:
    """Fill a library; returns what was planted in each quote, in id order."""
    per_source = 50
    planted: list[str] = []
    with Library(path) as lib:
        db = lib.db
        now = "2024-01-01T00:00:00+00:00"
        names = [f"{first} {last}" for first in FIRST for last in LAST]
        with db.atomic():
            db.conn.executemany(
                "INSERT INTO speakers (uuid, name, sort_name, created_at, updated_at) VALUES (?,?,?,?,?)",
                [(str(uuid.uuid4()), n, n, now, now) for n in names])
        speaker_ids = {n: i for i, n in db.execute("SELECT id, name FROM speakers")}
        made = 0
        while made < quotes:
            paragraphs, logged = [], []
            for _ in range(per_source):
                words = sentence(rng, vocab, rng.randint(18, 40))
                who = rng.choice(names)
                paragraphs.append(f"{sentence(rng, vocab, 25)}. “{words},” said {who}. {sentence(rng, vocab, 15)}.")
                logged.append((words, who))
            text = "\n\n".join(paragraphs)
            with db.atomic():
                cur = db.execute("INSERT INTO sources (uuid, kind, title, date, text, created_at, updated_at) "
                                 "VALUES (?, 'article', ?, '2024-01-01', ?, ?, ?)",
                                 [str(uuid.uuid4()), f"Article {made}", text, now, now])
                source_id = cur.lastrowid
                rows = []
                for words, who in logged:
                    roll = rng.random()
                    if roll < 0.10:        # one word changed
                        parts = words.split()
                        parts[len(parts) // 2] = "zzzz"
                        words = " ".join(parts)
                        planted.append("changed")
                    elif roll < 0.20:      # given to someone else
                        who = rng.choice([n for n in names if n != who])
                        planted.append("wrong speaker")
                    elif roll < 0.25:      # not in this source at all
                        words = sentence(rng, vocab, 25)
                        planted.append("not in source")
                    else:
                        planted.append("clean")
                    rows.append((str(uuid.uuid4()), words, speaker_ids[who], source_id, "2024-01-01", now, now))
                db.conn.executemany("INSERT INTO quotes (uuid, words, speaker_id, source_id, said, created_at, "
                                    "updated_at) VALUES (?,?,?,?,?,?,?)", rows)
            made += per_source
    return planted


CAUGHT_BY = {"changed": "altered", "wrong speaker": "misattributed", "not in source": "not_found"}


def detection(lib: Library, planted: list[str]) -> None:
    """How many planted problems the run caught, and how many clean quotes it flagged."""
    ids = [i for (i,) in lib.db.execute("SELECT id FROM quotes ORDER BY id")]
    codes: dict[int, set[str]] = {}
    for qid, code in lib.db.execute("SELECT quote_id, code FROM findings"):
        codes.setdefault(qid, set()).add(code)
    status = dict(lib.db.execute("SELECT id, check_status FROM quotes"))
    for kind in ("changed", "wrong speaker", "not in source"):
        chosen = [i for i, k in zip(ids, planted, strict=True) if k == kind]
        caught = sum(CAUGHT_BY[kind] in codes.get(i, ()) for i in chosen)
        print(f"  planted {kind}: {caught:,} of {len(chosen):,} caught ({100 * caught / max(1, len(chosen)):.1f}%)")
    clean = [i for i, k in zip(ids, planted, strict=True) if k == "clean"]
    flagged = sum(status[i] in ("warning", "blocking") for i in clean)
    print(f"  clean quotes flagged warning or blocking: {flagged:,} of {len(clean):,} "
          f"({100 * flagged / max(1, len(clean)):.2f}%; includes words repeated by chance elsewhere)")


def time_library(path: Path, quotes: int, planted: list[str]) -> None:
    with Library(path) as lib:
        t = time.perf_counter()
        raw = lib.db.execute("SELECT count(*) FROM quotes q JOIN sources s ON s.id = q.source_id "
                             "WHERE instr(s.text, q.words) > 0").fetchone()[0]
        raw_s = time.perf_counter() - t
        marks = []

        def progress(done, total, text):
            if done and (done * 10 // total) != ((done - 200) * 10 // total):
                marks.append(done)
                print(f"  … {done:,} of {total:,} checked ({time.perf_counter() - start:.1f} s)", flush=True)
        start = time.perf_counter()
        summary = check_library(lib, progress=progress)
        elapsed = time.perf_counter() - start
        print(f"Whole library of {quotes:,} quotes checked in {elapsed:.1f} s "
              f"({quotes / elapsed:,.0f} quotes/s, {elapsed / quotes * 1000:.2f} ms per quote), "
              "in batches with progress.")
        print(f"  statuses: {summary.by_status}; blocking: {len(summary.blocking):,}")
        detection(lib, planted)
        print(f"  raw sqlite3 instr() over the same quotes (exact matches only, {raw:,} found): {raw_s:.2f} s; "
              f"ratio {elapsed / raw_s:,.0f}x")
        print(f"  extrapolated to 1,000,000 quotes: about {elapsed / quotes * 1_000_000 / 60:.0f} minutes "
              "(linear: each quote costs the same whatever the library's size)")
        ids = [i for (i,) in lib.db.execute("SELECT id FROM quotes ORDER BY random() LIMIT 100")]
        times = []
        for qid in ids:
            t = time.perf_counter()
            check_quotes(lib, [qid])
            times.append(time.perf_counter() - t)
        print(f"  one quote checked after a save (check_quotes([id]) in this library): median "
              f"{statistics.median(times) * 1000:.1f} ms, slowest {max(times) * 1000:.1f} ms")


def seed_figures(folder: Path) -> None:
    """Counts on the shared seed article: gold quotes verified, changed words and wrong speakers caught."""
    import json
    text = (folder / "article.txt").read_text(encoding="utf-8")
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp, Library(Path(tmp) / "seed.verbatim") as lib:
        source = lib.sources.add("article", "Seed article", text=text)
        speakers = {}
        for g in gold:
            speakers.setdefault(g["speaker"], lib.speakers.add(g["speaker"]))
        added = [lib.quotes.add(g["quote"], speakers[g["speaker"]], source_id=source) for g in gold]
        results = check_quotes(lib, added)
        verbatim = sum(r.verdicts["verbatim"] == "exact" for r in results)
        attributed = sum(r.verdicts["speaker"].startswith("attributed") for r in results)
        changed = caught_changed = 0
        for g in gold:
            words = g["quote"].split()
            for position in sorted({0, len(words) // 2, len(words) - 1}):
                altered = words.copy()
                altered[position] = "purple"
                [r] = check_quotes(lib, [lib.quotes.add(" ".join(altered), speakers[g["speaker"]], source_id=source)])
                changed += 1
                caught_changed += r.verdicts["verbatim"] in ("altered", "not_found")
        wrong = caught_wrong = 0
        parts = {n: {w for w in n.split() if w[:1].isupper() and w != "and"} for n in speakers}
        for g in gold:
            for name, speaker_id in speakers.items():
                if parts[name] & parts[g["speaker"]]:
                    continue
                [r] = check_quotes(lib, [lib.quotes.add(g["quote"], speaker_id, source_id=source)])
                wrong += 1
                caught_wrong += r.verdicts["speaker"] == "other_speaker"
    print(f"Seed article: {verbatim}/{len(gold)} gold quotes verbatim, {attributed}/{len(gold)} correctly attributed; "
          f"one word changed caught {caught_changed}/{changed}; given to another named speaker caught "
          f"{caught_wrong}/{wrong}.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, default=100_000)
    parser.add_argument("--seed", type=Path, metavar="FOLDER",
                        help="also report the counts on a seed article folder (article.txt, gold.json)")
    args = parser.parse_args()
    if args.seed:
        seed_figures(args.seed)
    rng = random.Random(7)
    vocab = vocabulary(rng)
    time_verbatim(rng, vocab)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.verbatim"
        t = time.perf_counter()
        planted = build_library(path, rng, vocab, args.quotes)
        print(f"(built a library of {args.quotes:,} quotes in {args.quotes // 50:,} sources in "
              f"{time.perf_counter() - t:.0f} s)")
        time_library(path, args.quotes, planted)


if __name__ == "__main__":
    main()
