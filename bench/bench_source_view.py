"""How long a large source takes to open in the source view, beside a bare QPlainTextEdit.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_source_view.py [--mb 5] [--quotes 1000]

Builds a transcript of about ``--mb`` megabytes (short lines, with emoji so offsets need
converting) and logs ``--quotes`` quotes with spans in it, then times, in one run:

- the bare widget: ``QPlainTextEdit.setPlainText`` of the same text, shown and laid out;
- the source view: reading the source, offsets, the text, every highlight, shown;
- re-highlighting after a change, converting offsets, and guessing a speaker for Ctrl+L;
- the worst case: the same size as one paragraph with no line breaks.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QPlainTextEdit

from qtapp.core.library import Library
from qtapp.gui.editors.log_span import guess_speaker_name
from qtapp.gui.source_view import SourceView, TextOffsets

LINE = "[{m:02d}:{s:02d}] HOLLIS: The pumps at the east station ran dry twice 🚰 last week, and nobody told us.\n"


def transcript(megabytes: float) -> str:
    lines, size, i = [], 0, 0
    while size < megabytes * 1_000_000:
        line = LINE.format(m=(i // 60) % 60, s=i % 60)
        lines.append(line)
        size += len(line.encode("utf-8"))
        i += 1
    return "".join(lines)


def timed(fn, repeat: int = 3) -> float:
    """Median seconds of ``repeat`` runs."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0)
    parser.add_argument("--quotes", type=int, default=1000)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    text = transcript(args.mb)
    lib = Library(Path(tempfile.mkdtemp()) / "bench.verbatim")
    speaker = lib.speakers.add("Dana Hollis", aliases=["Hollis"])
    source = lib.sources.add("podcast", "Water week", text=text)
    step = max(1, text.count("\n") // args.quotes)
    starts = [i for i, c in enumerate(text) if c == "["][::step][: args.quotes]
    items = []
    for s in starts:
        start = text.index("The pumps", s)
        end = text.index(",", start)
        items.append({"words": text[start:end], "speaker_id": speaker, "source_id": source,
                      "span_start": start, "span_end": end})
    lib.quotes.add_many(items)

    def bare():
        w = QPlainTextEdit()
        w.setReadOnly(True)
        w.resize(1000, 700)
        w.setPlainText(text)
        w.show()
        app.processEvents()
        w.close()

    def view():
        v = SourceView(lib, source)
        v.resize(1000, 700)
        v.show()
        app.processEvents()
        v.close()

    opened = SourceView(lib, source)
    middle = items[len(items) // 2]
    one_paragraph = text.replace("\n", " ")

    def bare_one_paragraph():
        w = QPlainTextEdit()
        w.resize(1000, 700)
        w.setPlainText(one_paragraph)
        w.show()
        app.processEvents()
        w.close()

    t_bare, t_view = timed(bare), timed(view)
    print(f"text: {len(text) / 1e6:.1f} M characters, {text.count(chr(10)):,} lines, {len(items):,} quotes highlighted")
    print(f"bare QPlainTextEdit, set and shown   {t_bare * 1000:8.0f} ms")
    print(f"SourceView, opened and shown         {t_view * 1000:8.0f} ms   ratio {t_view / t_bare:.2f}")
    print(f"re-highlight {len(items):,} quotes            {timed(opened.refresh_quotes) * 1000:8.0f} ms")
    print(f"offsets for the whole text           {timed(lambda: TextOffsets(text)) * 1000:8.0f} ms")
    print(f"speaker guess for Ctrl+L             "
          f"{timed(lambda: guess_speaker_name(text, middle['span_start'], middle['span_end'])) * 1000:8.1f} ms")
    print(f"worst case, one {len(one_paragraph) / 1e6:.1f} M paragraph (bare) "
          f"{timed(bare_one_paragraph, repeat=1) * 1000:8.0f} ms")
    opened.close()
    lib.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
