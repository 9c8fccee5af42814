"""How much of a CSL item survives a trip through the library, and renders the same afterwards.

``python bench/bench_csl_trip.py [N]``: the realistic journalism references of
``tests/core/csl_fixtures/journalism.json`` and N generated items of every type (default
2000) are imported into a fresh library and exported again; prints how many come back
identical, and how many rendered fields (bibliography, citation, citation with locator 3,
first and short note) citeproc-js gives identically before and after, per style, in text
and HTML.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, given, settings  # noqa: E402

from qtapp.core.library import Library  # noqa: E402
from tests.core.csl_items import STYLES, csl_item, journalism_items, renderings, through_the_library  # noqa: E402

BATCH = 25


def generated(count: int) -> list[dict]:
    items: list[dict] = []

    @settings(max_examples=count, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(csl_item(for_rendering=True))
    def collect(item):
        items.append({**item, "id": f"g{len(items)}"})

    collect()
    return items


def compare(label: str, items: list[dict], lib: Library) -> None:
    start = time.perf_counter()
    tripped = [through_the_library(lib, item) for item in items]
    same = sum(a == b for a, b in zip(items, tripped, strict=True))
    print(f"{label}: {len(items)} items, identical after the trip: {same}/{len(items)} = {same / len(items):.1%} "
          f"({(time.perf_counter() - start) / len(items) * 1000:.1f} ms per item)")
    total = equal_total = 0
    for style in STYLES:
        for format in ("text", "html"):
            equal = fields = 0
            for i in range(0, len(items), BATCH):
                before = renderings(items[i:i + BATCH], style, format)
                after = renderings(tripped[i:i + BATCH], style, format)
                for b, a in zip(before, after, strict=True):
                    for key in b:
                        fields += 1
                        equal += b[key] == a[key]
            total, equal_total = total + fields, equal_total + equal
            print(f"  {style:30} {format:5} {equal}/{fields} = {equal / fields:.1%}")
    print(f"  all styles: {equal_total}/{total} = {equal_total / total:.1%}")


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    with tempfile.TemporaryDirectory() as folder:
        lib = Library(Path(folder) / "bench.verbatim")
        compare("journalism fixtures", journalism_items(), lib)
        compare("generated", generated(count), lib)
        lib.close()


if __name__ == "__main__":
    main()
