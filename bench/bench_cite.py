"""Citation figures: engine start-up, style build, warm rendering, and the match with citeproc-js.

    .venv/bin/python bench/bench_cite.py

For each house style: the seconds the first rendering takes (citeproc-js parses the style),
the milliseconds per source once warm (wall clock, and CPU time of the process, which
is the steadier figure on a shared machine) (bibliography entry, citation, citation with a locator,
and notes for the notes style), and the share of fields equal to citeproc-js's own output under
node for the invented sources in tests/core/cite_expected/.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qtapp.core.cite.engine import CiteprocJS  # noqa: E402
from qtapp.core.cite.render import render_citations  # noqa: E402

EXPECTED = ROOT / "tests" / "core" / "cite_expected"
STYLES = ("apa", "mla", "chicago-author-date", "chicago-note-bibliography")
ROUNDS = 5


def match(style: str, items: list[dict]) -> tuple[int, int]:
    expected = json.loads((EXPECTED / f"{style}.json").read_text(encoding="utf-8"))
    same = total = 0
    for fmt, by_locator in expected.items():
        for locator, rows in by_locator.items():
            ours = {c.id: c.to_dict() for c in render_citations(items, style, format=fmt, locator=locator)}
            for row in rows:
                for field, want in row.items():
                    total += 1
                    same += ours[row["id"]].get(field) == want
    return same, total


def main() -> None:
    items = json.loads((EXPECTED / "items.json").read_text(encoding="utf-8"))
    wall, cpu = time.perf_counter(), time.process_time()
    CiteprocJS.shared()
    print(f"engine start (V8 + citeproc-js): {time.perf_counter() - wall:.2f} s, CPU {time.process_time() - cpu:.2f} s")
    print(f"{'style':26} {'first render s (CPU)':>21} {'warm ms/source (CPU)':>21} {'match':>14}")
    for style in STYLES:
        wall, cpu = time.perf_counter(), time.process_time()
        render_citations(items[:1], style)
        first = f"{time.perf_counter() - wall:.2f} ({time.process_time() - cpu:.2f})"
        wall, cpu = time.perf_counter(), time.process_time()
        for _ in range(ROUNDS):
            render_citations(items, style, locator="12")
        per = 1000 / (ROUNDS * len(items))
        warm = f"{(time.perf_counter() - wall) * per:.1f} ({(time.process_time() - cpu) * per:.1f})"
        same, total = match(style, items)
        print(f"{style:26} {first:>21} {warm:>21} {same:>5}/{total:<4} {same / total:4.0%}")


if __name__ == "__main__":
    main()
