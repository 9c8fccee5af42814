"""Source import benchmark: reading each format, storing many sources, refusing huge files.

::

    python bench/bench_import.py               # 200 files of each text format, 20 Word/PDF files
    python bench/bench_import.py --files 50

Prints milliseconds per file for :func:`read_document` by format; the time to store N sources
through :func:`import_paths` beside raw sqlite3 inserting the same texts into a bare table in
the same run (the ratio is the price of validation, duplicate checks, undo and history); how
long a 100 MB file takes to be refused; and the process's peak memory (max RSS).
"""

from __future__ import annotations

import argparse
import contextlib
import random
import resource
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import ftfy.bad_codecs  # noqa: F401 - registers sloppy-windows-1252

from qtapp.core.errors import ImportFailed
from qtapp.core.importers import import_paths, read_document
from qtapp.core.library import Library

WORDS = ("harbour council quay budget residents fishing cooperative survey ferry fares island operator "
         "subsidy committee finance vote delay port authority figures spring regional transport").split()


def paragraph(rng: random.Random, n: int = 60) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + ". “" + " ".join(rng.choice(WORDS) for _ in range(12)) + ",” she said."


def article(rng: random.Random, i: int) -> tuple[str, str]:
    title = f"Harbour report number {i}"
    return title, "\n\n".join(paragraph(rng) for _ in range(12))


def write_files(folder: Path, count: int, office: int, rng: random.Random) -> dict[str, list[Path]]:
    import docx
    import fpdf

    made: dict[str, list[Path]] = {k: [] for k in ("txt", "md", "html", "srt", "vtt", "docx", "pdf")}
    for i in range(count):
        title, body = article(rng, i)
        made["txt"].append(_write(folder / f"a{i}.txt", f"{title}\n\n{body}"))
        made["md"].append(_write(folder / f"a{i}.md", f"# {title}\n\n{body}"))
        paras = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
        made["html"].append(_write(folder / f"a{i}.html", f"<!DOCTYPE html><html><head><title>{title}</title>"
                                   f"</head><body><nav>Home</nav><article><h1>{title}</h1>{paras}</article>"
                                   "<footer>Footer</footer></body></html>"))
        cues = [paragraph(rng, 10) for _ in range(120)]
        made["srt"].append(_write(folder / f"t{i}.srt", "".join(
            f"{n + 1}\n{_t(n * 3, ',')} --> {_t(n * 3 + 2.5, ',')}\n{c}\n\n" for n, c in enumerate(cues))))
        made["vtt"].append(_write(folder / f"t{i}.vtt", "WEBVTT\n\n" + "".join(
            f"{_t(n * 3, '.')} --> {_t(n * 3 + 2.5, '.')}\n<v Speaker {n % 2}>{c}\n\n" for n, c in enumerate(cues))))
    for i in range(office):
        title, body = article(rng, i)
        document = docx.Document()
        for p in body.split("\n\n"):
            document.add_paragraph(p)
        document.save(folder / f"d{i}.docx")
        made["docx"].append(folder / f"d{i}.docx")
        pdf = fpdf.FPDF()
        pdf.add_page()
        pdf.set_font("helvetica", size=10)
        pdf.multi_cell(0, 5, body.replace("“", '"').replace("”", '"'))
        pdf.output(str(folder / f"d{i}.pdf"))
        made["pdf"].append(folder / f"d{i}.pdf")
    return made


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _t(seconds: float, sep: str) -> str:
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{int(h):02d}:{int(m):02d}:{int(s):02d}{sep}{round((s % 1) * 1000):03d}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=200, help="files of each text format")
    parser.add_argument("--office", type=int, default=20, help="Word and PDF files each")
    args = parser.parse_args()
    rng = random.Random(5)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        made = write_files(folder, args.files, args.office, rng)
        print(f"{'format':8} {'files':>6} {'ms/file':>9}")
        for fmt, paths in made.items():
            start = time.perf_counter()
            for p in paths:
                read_document(p)
            print(f"{fmt:8} {len(paths):6d} {(time.perf_counter() - start) * 1000 / len(paths):9.2f}")

        paths = made["txt"] + made["vtt"]
        drafts = [read_document(p) for p in paths]
        lib = Library(folder / "bench.verbatim")
        start = time.perf_counter()
        report = import_paths(lib, paths)
        ours = time.perf_counter() - start
        assert len(report.added) == len(paths)
        start = time.perf_counter()
        again = import_paths(lib, paths)
        dup_time = time.perf_counter() - start
        assert len(again.duplicates) == len(paths)
        lib.close()
        raw = sqlite3.connect(folder / "raw.sqlite")
        raw.execute("PRAGMA journal_mode=WAL")
        raw.execute("CREATE TABLE sources (id INTEGER PRIMARY KEY, title TEXT, text TEXT)")
        start = time.perf_counter()
        texts = [(p.read_bytes().decode("utf-8"),) for p in paths]  # raw reads the files too
        with raw:
            raw.executemany("INSERT INTO sources (text) VALUES (?)", texts)
        bare = time.perf_counter() - start
        raw.close()
        cues = sum(len(d.cues) for d in drafts)
        print(f"\nimport_paths: {len(paths)} files ({cues} transcript cues) in {ours * 1000:.0f} ms "
              f"({ours * 1000 / len(paths):.2f} ms/file); raw sqlite3 insert of the same texts "
              f"{bare * 1000:.0f} ms; ratio {ours / bare:.0f}x")
        print(f"re-import of the same {len(paths)} files, all found as duplicates: {dup_time * 1000:.0f} ms")

        big = folder / "big.txt"
        body = "".join(paragraph(rng) + "\n\n" for _ in range(200))
        big.write_text(body * (40_000_000 // len(body)), encoding="utf-8")
        start = time.perf_counter()
        read_document(big)
        print(f"a {big.stat().st_size / 1e6:.0f} MB text file read in {(time.perf_counter() - start) * 1000:.0f} ms")
        garbled = folder / "garbled.txt"
        garbled.write_text(big.read_text(encoding="utf-8").encode("utf-8").decode("sloppy-windows-1252"),
                           encoding="utf-8")
        start = time.perf_counter()
        read_document(garbled)
        print(f"the same text garbled throughout (UTF-8 read as Windows-1252), {garbled.stat().st_size / 1e6:.0f} MB, "
              f"repaired in {(time.perf_counter() - start) * 1000:.0f} ms")

        huge = folder / "huge.txt"
        with open(huge, "wb") as f:
            f.truncate(100 * 1024 * 1024)
        start = time.perf_counter()
        with contextlib.suppress(ImportFailed):
            read_document(huge)
        print(f"100 MB file refused in {(time.perf_counter() - start) * 1000:.2f} ms")
    print(f"peak memory (max RSS): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
