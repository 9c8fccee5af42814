"""Reliability harness: kill writers at random moments, then check nothing was lost or half-written.

::

    python bench/reliability.py                 # 20 kills each: importing quotes, importing files, editing;
                                                # a backup-restore round trip, the fuzz tests x5
    python bench/reliability.py --kills 5 --no-fuzz    # fewer kills; every command beside a writer;
                                                       # the hostile inputs
    python bench/reliability.py --check-cost /tmp/1m.verbatim   # after: python bench/synth.py /tmp/1m.verbatim 1000000

A writer process logs quotes in batches, imports documents through the importers, or edits
quotes, one save after another; after each save *returns* it appends a line to a side file
and fsyncs it. The harness SIGKILLs the writer at a random moment after its first save,
reopens the library and checks that:

- it opens, ``PRAGMA integrity_check`` and the full-text index's own check pass;
- every save reported in the side file is present (a change lost would be a failure);
- no batch is partly present, no quote holds words that were never saved whole.

The same functions run a few kills in ``tests/core/test_reliability_crash.py``.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BATCH = 25          # quotes per import batch
DOCUMENTS = 4       # documents per import of files
EDIT_TARGETS = 20   # quotes the edit writer keeps rewriting
_SPEAKER = "Odile Ferrant"


@dataclass
class CrashResult:
    mode: str
    kills: int = 0
    saves_reported: int = 0
    lost: list[str] = field(default_factory=list)
    half_written: list[str] = field(default_factory=list)
    integrity_failures: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.lost or self.half_written or self.integrity_failures)


# -- the writer (runs in a child process) -------------------------------------------------------

def _report(fd: int, line: str) -> None:
    os.write(fd, (line + "\n").encode())
    os.fsync(fd)


def write_forever(mode: str, library: Path, side_file: Path, run: int) -> None:
    """Save changes one after another until killed, reporting each save that returned."""
    from qtapp.core.importers import import_paths
    from qtapp.core.library import Library

    lib = Library(library)
    if mode == "layout":
        # The window's connection layout: its own library, the list's background reader and
        # the worker of a background operation, all open in one process at once.
        others = [Library(library, backups=False), Library(library, backups=False)]  # noqa: F841
    speaker = lib.speakers.lookup(_SPEAKER)
    fd = os.open(side_file, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    print("ready", flush=True)
    rng = random.Random(run)
    n = 0
    while True:
        n += 1
        if mode == "documents":
            batch = f"{run}-{n}"
            files = []
            for i in range(DOCUMENTS):
                path = library.parent / f"doc-{batch}-{i}.txt"
                path.write_text(f"Document {batch}-{i}. The harbour board met on Tuesday. " * 20 + "END.")
                files.append(path)
            report = import_paths(lib, files, on_duplicate="add")
            assert all(o.status == "added" for o in report.outcomes), report.outcomes
            _report(fd, f"D {batch}")
        elif mode in ("import", "layout"):
            batch = f"{run}-{n}"
            lib.quotes.add_many([{"words": f"Import {batch} item {i}: the council will vote on the ferry.",
                                  "speaker_id": speaker, "said": "2025-04-01", "tags": ["ferry"]}
                                 for i in range(BATCH)])
            _report(fd, f"B {batch}")
        else:
            qid = rng.randint(1, EDIT_TARGETS)
            version = f"{run}-{n}"
            lib.quotes.update(qid, words=f"Edit {version}: the ferry fare stays at four euros.",
                              context=f"version {version}")
            _report(fd, f"E {qid} {version}")


# -- the harness ----------------------------------------------------------------------------------

def prepare(library: Path, mode: str) -> None:
    from qtapp.core.library import Library

    with Library(library) as lib:
        speaker = lib.speakers.add(_SPEAKER)
        if mode == "edit":
            lib.quotes.add_many([{"words": "Edit 0-0: the ferry fare stays at four euros.",
                                  "speaker_id": speaker, "context": "version 0-0"}
                                 for _ in range(EDIT_TARGETS)])


def crash_run(mode: str, kills: int, folder: Path, *, seed: int = 1, max_delay: float = 0.4) -> CrashResult:
    """Start and SIGKILL a ``mode`` writer ``kills`` times, checking after each.

    :param mode: "import" (quotes in batches), "documents" (files through the importers), "edit",
        or "layout" (batches saved by a process holding the window's three connections while
        another process opens and closes the library before the kill).
    """
    rng = random.Random(seed)
    library = folder / f"crash-{mode}.verbatim"
    side = folder / f"crash-{mode}.saves"
    prepare(library, mode)
    result = CrashResult(mode)
    for run in range(1, kills + 1):
        saves_before = _saves_in(side)
        child = subprocess.Popen([sys.executable, __file__, "--writer", mode, str(library), str(side), str(run)],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
        line = child.stdout.readline()
        if line.strip() != b"ready":
            child.kill()
            result.integrity_failures.append(f"run {run}: writer could not open the library: "
                                             f"{child.stderr.read().decode()[-500:]}")
            continue
        if mode == "layout":
            _open_elsewhere(library)
        _wait_for_a_save(child, side, saves_before)
        time.sleep(rng.uniform(0.01, max_delay))
        child.send_signal(signal.SIGKILL)
        child.wait()
        result.kills += 1
        verify(library, side, result, run)
    return result


def _saves_in(side: Path) -> int:
    return len(side.read_bytes().splitlines()) if side.exists() else 0


def _wait_for_a_save(child: subprocess.Popen, side: Path, saves_before: int, timeout: float = 60) -> None:
    """Wait until the writer reports its first save of this run, so every kill lands among saves.

    On a loaded machine a writer can need longer than the random delay to make its first save;
    a kill before it would test nothing.
    """
    deadline = time.monotonic() + timeout
    while _saves_in(side) <= saves_before and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)


def _open_elsewhere(library: Path) -> None:
    """Open and close the library in another process, as ``verbatim export`` beside the window does."""
    subprocess.run([sys.executable, "-c", "import sys; from qtapp.core.library import Library; "
                    "Library(sys.argv[1], backups=False).close()", str(library)],
                   cwd=ROOT, check=True, capture_output=True, timeout=60)


def verify(library: Path, side: Path, result: CrashResult, run: int) -> None:
    """Reopen ``library`` after a kill and record anything lost, half-written or damaged."""
    from qtapp.core.errors import VerbatimError
    from qtapp.core.library import Library

    try:
        lib = Library(library)
    except VerbatimError as e:
        result.integrity_failures.append(f"run {run}: {e}")
        return
    with lib:
        check = [r[0] for r in lib.db.execute("PRAGMA integrity_check")]
        if check != ["ok"]:
            result.integrity_failures.append(f"run {run}: integrity_check {check[:3]}")
        try:
            lib.db.execute("INSERT INTO quotes_fts(quotes_fts) VALUES('integrity-check')")
        except Exception as e:  # noqa: BLE001 - the FTS5 check reports damage as an error of any class
            result.integrity_failures.append(f"run {run}: full-text index {e}")
        reported = side.read_text().splitlines() if side.exists() else []
        result.saves_reported = len(reported)
        if result.mode in ("import", "layout"):
            _verify_import(lib, reported, result, run)
        elif result.mode == "documents":
            _verify_documents(lib, reported, result, run)
        else:
            _verify_edits(lib, reported, result, run)


def _verify_import(lib, reported: list[str], result: CrashResult, run: int) -> None:
    counts = dict(lib.db.execute(
        "SELECT substr(words, 8, instr(words, ' item') - 8), count(*) FROM quotes GROUP BY 1").fetchall())
    tagged = lib.db.execute("SELECT count(*) FROM quote_tags").fetchone()[0]
    for line in reported:
        batch = line.split()[1]
        if batch not in counts:
            result.lost.append(f"run {run}: batch {batch} saved but missing")
    for batch, count in counts.items():
        if count != BATCH:
            result.half_written.append(f"run {run}: batch {batch} has {count} of {BATCH} quotes")
    if tagged != sum(counts.values()):
        result.half_written.append(f"run {run}: {tagged} tag links for {sum(counts.values())} quotes")


def _verify_documents(lib, reported: list[str], result: CrashResult, run: int) -> None:
    texts = [r[0] for r in lib.db.execute("SELECT text FROM sources WHERE text LIKE 'Document %'")]
    batches: dict[str, int] = {}
    for text in texts:
        batch = text.split()[1].rsplit("-", 1)[0]
        batches[batch] = batches.get(batch, 0) + 1
        if not text.endswith("END."):
            result.half_written.append(f"run {run}: a source of batch {batch} lost the end of its text")
    for line in reported:
        if line.split()[1] not in batches:
            result.lost.append(f"run {run}: documents {line.split()[1]} imported but missing")
    for batch, count in batches.items():
        if count != DOCUMENTS:
            result.half_written.append(f"run {run}: {count} of {DOCUMENTS} documents of {batch}")


def _verify_edits(lib, reported: list[str], result: CrashResult, run: int) -> None:
    latest: dict[int, str] = {}
    for line in reported:
        _, qid, version = line.split()
        latest[int(qid)] = version
    rows = lib.db.execute("SELECT id, words, context FROM quotes").fetchall()
    for qid, words, context in rows:
        m = re.fullmatch(r"Edit (\d+-\d+): the ferry fare stays at four euros\.", words)
        if not m or context != f"version {m[1]}":
            result.half_written.append(f"run {run}: quote {qid} holds {words!r} / {context!r}")
            continue
        want = latest.get(qid)
        if want and _order(m[1]) < _order(want):
            result.lost.append(f"run {run}: quote {qid} is at {m[1]}, but {want} was saved")


def _order(version: str) -> tuple[int, int]:
    run, n = version.split("-")
    return int(run), int(n)


# -- the other figures --------------------------------------------------------------------------

def backup_round_trip(folder: Path) -> str:
    """Back up, change, restore and compare; returns a one-line result."""
    from qtapp.core import backup
    from qtapp.core.library import Library

    path = folder / "roundtrip.verbatim"
    with Library(path) as lib:
        speaker = lib.speakers.add("Jonas Elberg")
        lib.quotes.add_many([{"words": f"The bridge repairs take {i} weeks.", "speaker_id": speaker}
                             for i in range(1, 501)])
        before = lib.db.execute("SELECT group_concat(words, '|') FROM quotes").fetchone()[0]
        started = time.perf_counter()
        made = backup.backup_now(path, conn=lib.db.conn)
        took = time.perf_counter() - started
        lib.quotes.add("A quote after the backup.", speaker)
    restored = backup.restore(path, made.path)
    with Library(path) as lib:
        after = lib.db.execute("SELECT group_concat(words, '|') FROM quotes").fetchone()[0]
    with Library(restored.kept_copy, backups=False) as kept:
        kept_count = kept.quotes.count()
    same = "identical" if after == before else "DIFFERENT"
    return (f"500 quotes backed up in {took * 1000:.0f} ms, restored: {same}; "
            f"replaced file kept with {kept_count} quotes")


def fuzz_figures(scale: int) -> tuple[str, bool]:
    """Run the fuzz tests ``scale`` times longer than CI does; report the cases run per target."""
    env = {**os.environ, "VERBATIM_FUZZ_SCALE": str(scale), "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "tests/core/test_fuzz.py",
                          "--hypothesis-show-statistics", "-rfx"], cwd=ROOT, env=env, capture_output=True, text=True)
    lines = [f"  {name}: {count} cases ({seconds} s)" for name, seconds, count in re.findall(
        r"test_fuzz\.py::([\w\[\]-]+):\s+- during generate phase \(([\d.]+) seconds\):.*?(\d+) passing",
        out.stdout, re.S)]
    lines += [f"  {line[:160]}" for line in out.stdout.splitlines() if line.startswith(("XFAIL", "FAILED"))]
    tail = out.stdout.strip().splitlines()[-1] if out.stdout.strip() else out.stderr[-300:]
    return "\n".join([*lines, f"  pytest: {tail}"]), out.returncode == 0


def hostile_figures() -> tuple[str, bool]:
    """Run the hostile-input tests (every command and importer fed damaged libraries, hostile
    files and paths that are not files); report the cases run and those that failed."""
    module = next(ROOT.glob("tests/**/test_hostile_inputs.py")).relative_to(ROOT)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", str(module), "-rf"],
                         cwd=ROOT, env=env, capture_output=True, text=True)
    failed = [line[:160] for line in out.stdout.splitlines() if line.startswith("FAILED")]
    counts = dict((word, int(n)) for n, word in re.findall(r"(\d+) (passed|failed|error)", out.stdout))
    text = (f"{sum(counts.values())} cases: {counts.get('passed', 0)} ended cleanly (done, or refused in one "
            f"'verbatim:' line), {counts.get('failed', 0) + counts.get('error', 0)} with a traceback or an "
            "unclear message")
    return "\n".join([text, *(f"  {line}" for line in failed[:10])]), out.returncode == 0


def check_cost(library: Path) -> str:
    """What the integrity check and the daily backup cost when opening ``library`` (a copy is used)."""
    from qtapp.core import backup
    from qtapp.core.library import Library

    with tempfile.TemporaryDirectory(dir=library.parent) as tmp:
        copy = Path(tmp) / library.name
        with Library(library, backups=False) as lib:
            lib.db.conn.backup(sqlite3.connect(copy))
        started = time.perf_counter()
        Library(copy, backups=False).close()
        plain = time.perf_counter() - started
        conn = sqlite3.connect(copy)
        started = time.perf_counter()
        conn.execute("PRAGMA quick_check").fetchall()
        quick = time.perf_counter() - started
        started = time.perf_counter()
        conn.execute("PRAGMA integrity_check").fetchall()
        full = time.perf_counter() - started
        conn.close()
        started = time.perf_counter()
        Library(copy).close()  # first open of the day: quick_check, then the daily backup
        first = time.perf_counter() - started
        started = time.perf_counter()
        Library(copy).close()
        later = time.perf_counter() - started
        size = copy.stat().st_size / 2**20
        kept = len(backup.list_backups(copy))
    return (f"{library.name} ({size:.0f} MB): open without checks {plain:.2f} s; quick_check {quick:.2f} s; "
            f"integrity_check {full:.2f} s; first open of the day (check + backup) {first:.2f} s; "
            f"later opens {later:.2f} s; {kept} backup kept")


def commands_beside_a_writer(folder: Path) -> tuple[str, bool]:
    """Every command, run while another process saves again and again: how each ended, and
    whether every save the writer was told had succeeded is still there."""
    from bench import cli_runs
    from qtapp.core import sample
    from qtapp.core.library import Library

    library = folder / "busy.verbatim"
    with Library(library) as lib:
        sample.load_sample(lib)
    acknowledged = folder / "busy.saves"
    with cli_runs.busy_writer(library, acknowledged):
        outcome = cli_runs.run_all(library, folder)
    saved = acknowledged.read_text().split()
    with Library(library, backups=False) as lib:
        latest = int(lib.db.execute("SELECT context FROM quotes WHERE words = 'Busy write.'").fetchone()[0])
    lost = int(saved[-1]) > latest if saved else False
    text = (f"{outcome.runs} command runs beside a writer ({len(saved)} saves): {len(outcome.failed)} refused "
            f"with one clear line ({', '.join(outcome.failed) or 'none'}), {len(outcome.problems)} tracebacks "
            f"or unclear messages, saves lost: {int(lost)}")
    for trouble in outcome.problems[:5]:
        text += f"\n  {trouble}"
    return text, not (outcome.problems or lost)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=20, help="kills per writer kind (default 20)")
    parser.add_argument("--fuzz-scale", type=int, default=5, help="fuzz cases as a multiple of CI's (default 5)")
    parser.add_argument("--no-fuzz", action="store_true")
    parser.add_argument("--check-cost", metavar="LIBRARY", type=Path,
                        help="only measure the open-time check and backup on LIBRARY (see bench/synth.py)")
    parser.add_argument("--writer", nargs=4, metavar=("MODE", "LIBRARY", "SIDE", "RUN"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.writer:
        mode, library, side, run = args.writer
        write_forever(mode, Path(library), Path(side), int(run))
        return 0
    if args.check_cost:
        print(f"check on open: {check_cost(args.check_cost)}")
        return 0
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        total = lost = half = damaged = 0
        for mode in ("import", "documents", "edit", "layout"):
            started = time.perf_counter()
            r = crash_run(mode, args.kills, Path(tmp))
            took = time.perf_counter() - started
            total, lost, half, damaged = (total + r.kills, lost + len(r.lost), half + len(r.half_written),
                                          damaged + len(r.integrity_failures))
            print(f"crash ({mode}): {r.kills} kills survived, {r.saves_reported} saves reported, "
                  f"{len(r.lost)} lost, {len(r.half_written)} half-written, "
                  f"{len(r.integrity_failures)} integrity failures ({took:.0f} s)")
            for problem in (r.lost + r.half_written + r.integrity_failures)[:10]:
                print(f"  {problem}")
            ok = ok and r.ok
        print(f"crash total: {total} kills, changes lost: {lost}, half-written: {half}, "
              f"integrity failures: {damaged}")
        print(f"backup-restore: {backup_round_trip(Path(tmp))}")
        text, commands_ok = commands_beside_a_writer(Path(tmp))
        print(f"commands: {text}")
        ok = ok and commands_ok
    text, hostile_ok = hostile_figures()
    print(f"hostile inputs: {text}")
    ok = ok and hostile_ok
    if not args.no_fuzz:
        print(f"fuzz cases per target ({args.fuzz_scale} x CI's):")
        text, fuzz_ok = fuzz_figures(args.fuzz_scale)
        print(text)
        ok = ok and fuzz_ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
