"""Items imported per second from a Zotero library: ``python bench/bench_zotero.py [N]`` (default 10,000).

Builds a Zotero data directory of N invented items (newspaper articles, broadcasts, reports,
interviews, with two creators, a note, a collection, a tag, and indexed full text for a tenth
of them) from Zotero's published schema, then imports it into a new library twice (the second
import finds everything already there).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qtapp.core.importers.zotero import import_zotero  # noqa: E402
from qtapp.core.library import Library  # noqa: E402
from tests.core.zotero_fixture import ZoteroLibrary  # noqa: E402

KINDS = [("newspaperArticle", "publicationTitle", "The Harbor Ledger"), ("radioBroadcast", "network", "Valley Radio"),
         ("report", "institution", "Ministry of Canals"), ("interview", "interviewMedium", "Telephone")]


def build(folder: Path, count: int) -> Path:
    z = ZoteroLibrary(folder / "Zotero")
    ids = []
    for n in range(count):
        type_name, field, value = KINDS[n % len(KINDS)]
        item = z.item(type_name, {"title": f"Harbor story number {n}", field: value, "date": f"20{n % 25:02d}-03-05",
                                  "url": f"https://example.org/{n}", "pages": str(n % 40 + 1)},
                      [("author", f"Mara{n % 97}", f"Quell{n % 89}"), ("contributor", None, "Ledger Staff")])
        z.note(item, f"<p>Note {n}</p>")
        z.tag(item, f"beat-{n % 20}")
        if n % 10 == 0:
            z.attachment(item, f"Full text of story {n}. " * 50)
        ids.append(item)
    z.collection("Harbor", ids)
    z.close()
    return folder / "Zotero"


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as folder:
        data = build(Path(folder), count)
        lib = Library(Path(folder) / "bench.verbatim")
        for label in ("first import", "second import"):
            start = time.perf_counter()
            report = import_zotero(lib, data)
            took = time.perf_counter() - start
            print(f"{label}: {count} items in {took:.1f} s = {count / took:.0f} items/s ({report.summary()})")
        lib.close()


if __name__ == "__main__":
    main()
