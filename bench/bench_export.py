"""Export benchmark: quote sheets of 100,000 quotes, beside raw sqlite3 writing the same rows.

::

    python bench/bench_export.py                  # 100,000 quotes (library built in /tmp)
    python bench/bench_export.py --quotes 20000   # another size
    python bench/bench_export.py --reuse          # keep a library built by an earlier run
    python bench/bench_export.py --reuse --native # also: native copy out, into an empty library, and again

Each export runs on a worker thread, as the window runs it, with a progress callback; the
script prints seconds, progress calls, the growth of peak memory, and the ratio to raw
sqlite3 reading the same joined rows and writing them with the same csv module. A 10% of
quotes are off the record, on background or from confidential speakers, so the ground rules
are exercised, not skipped. It also measures how quickly Cancel stops an export.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import sqlite3
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.synth import build_library
from qtapp.core.errors import Interrupted
from qtapp.core.formats.registry import apply_import, export_to_path, read_import_file
from qtapp.core.formats.selection import Selection
from qtapp.core.library import Library
from qtapp.core.query import TITLE_SQL

RAW_SQL = f"""SELECT q.id, q.words, sp.name, {TITLE_SQL}, q.rule, q.said, q.second_hand, q.via_outlet,
  q.translated, q.language, so.title, so.date, so.url, q.context, q.check_status
  FROM quotes q JOIN speakers sp ON sp.id = q.speaker_id
  LEFT JOIN sources so ON so.id = q.source_id WHERE q.deleted_at IS NULL ORDER BY q.said, q.id"""


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def vary_rules(path: Path) -> None:
    """Put 10% of the quotes under rules that change what a sheet may show."""
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE quotes SET rule = 'off_record' WHERE id % 20 = 1")
        conn.execute("UPDATE quotes SET rule = 'background', rule_description = 'an official' WHERE id % 20 = 2")
        conn.execute("UPDATE speakers SET confidential = 1 WHERE id % 25 = 3")
    conn.close()


def in_background(fn) -> tuple[float, float, object]:
    """Run ``fn`` on a worker thread, as the window does: wall seconds, CPU seconds, its result.

    CPU time is shown beside wall time because a shared machine can stretch the latter.
    """
    box: dict = {}

    def work():
        cpu = time.thread_time()
        try:
            box["result"] = fn()
        except BaseException as e:  # noqa: BLE001 - handed back to the caller below
            box["error"] = e
        box["cpu"] = time.thread_time() - cpu

    start = time.perf_counter()
    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    seconds = time.perf_counter() - start
    if "error" in box:
        raise box["error"]
    return seconds, box["cpu"], box["result"]


def raw_csv(path: Path, out: Path) -> float:
    start = time.perf_counter()
    conn = sqlite3.connect(path)
    with open(out, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        for row in conn.execute(RAW_SQL):
            writer.writerow(row)
    conn.close()
    return time.perf_counter() - start


def raw_markdown(path: Path, out: Path) -> float:
    start = time.perf_counter()
    conn = sqlite3.connect(path)
    with open(out, "w", encoding="utf-8") as f:
        for n, (_qid, words, name, title, rule, said, prov, source, date, url, _context, status) in enumerate(
                conn.execute(RAW_SQL), 1):
            f.write(f"## {n}. {name}, {title}\n\n> {words}\n\n- Ground rule: {rule}\n- Said: {said}\n"
                    f"- Provenance: {prov}\n- Source: {source}, {date}\n- Address: {url}\n- Checks: {status}\n\n")
    conn.close()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, default=100_000)
    parser.add_argument("--reuse", action="store_true", help="reuse the library of an earlier run")
    parser.add_argument("--native", action="store_true",
                        help="also time the native copy: export, import into an empty library, import again")
    args = parser.parse_args()
    folder = Path(tempfile.gettempdir()) / "verbatim-bench-export"
    folder.mkdir(exist_ok=True)
    path = folder / f"{args.quotes}.verbatim"
    if not (args.reuse and path.exists()):
        print(f"building {args.quotes:,} quotes in {path} …", flush=True)
        build_library(path, args.quotes)
        vary_rules(path)
    lib = Library(path)
    print(f"{lib.quotes.count():,} quotes; Python {sys.version.split()[0]}; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'format':<10} {'wall s':>7} {'cpu s':>6} {'raw s':>6} {'ratio':>6} {'progress':>9} "
          f"{'peak +MB':>9}  written")
    for name, raw in (("sheet-csv", raw_csv), ("sheet-md", raw_markdown)):
        calls = []
        out = folder / f"out.{name}"
        before = peak_mb()
        seconds, cpu, report = in_background(lambda name=name, out=out, calls=calls: export_to_path(
            lib, name, Selection(), out, progress=lambda done, total: calls.append(done)))
        grown = peak_mb() - before
        raw_seconds = raw(path, folder / f"raw.{name}")
        print(f"{name:<10} {seconds:7.2f} {cpu:6.2f} {raw_seconds:6.2f} {seconds / raw_seconds:6.1f} {len(calls):9d} "
              f"{grown:9.1f}  {report.summary()}")

    def cancel_halfway(done, total):
        if done >= total // 2:
            cancel_halfway.asked = time.perf_counter()
            raise Interrupted("Cancelled.")

    try:
        in_background(lambda: export_to_path(lib, "sheet-csv", Selection(), folder / "cancelled.csv",
                                             progress=cancel_halfway))
    except Interrupted:
        stopped = time.perf_counter() - cancel_halfway.asked
        print(f"cancel at 50%: stopped {stopped * 1000:.1f} ms after the request; "
              f"file left behind: {(folder / 'cancelled.csv').exists()}")
    if args.native:
        time_native(lib, folder)
    lib.close()


def time_native(lib: Library, folder: Path) -> None:
    copy, target = folder / "copy.json", folder / "merged.verbatim"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    seconds, _, report = in_background(lambda: export_to_path(lib, "native", Selection(), copy))
    print(f"native export {seconds:.2f} s, {copy.stat().st_size / 1e6:.0f} MB: {report.summary()}")
    other = Library(target)
    for attempt in ("into an empty library", "again"):
        start = time.perf_counter()
        plan = read_import_file(copy)
        read = time.perf_counter() - start
        seconds, _, report = in_background(lambda plan=plan: apply_import(other, plan))
        print(f"native import {attempt}: read {read:.2f} s, merge {seconds:.2f} s: {report.summary()}")
    other.close()


if __name__ == "__main__":
    main()
