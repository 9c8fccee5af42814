"""Bibliography entries and in-text citations for sources, in any CSL style, as Zotero prints them.

::

    for c in cite_sources(lib, [7], style="apa", locator="12"):
        print(c.bibliography)       # 'Quell, M. (2024, March 5). Tide tables. The Harbor Ledger.'
        print(c.citation_locator)   # '(Quell, 2024, p. 12)'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from ..errors import InvalidInput
from .csl import source_to_csl
from .engine import CiteprocJS
from .styles import load_style
from .variables import NUMBER

if TYPE_CHECKING:
    from ..library import Library

Format = Literal["text", "html"]
_TIMESTAMP = re.compile(r"^\d{1,2}(:\d{2}){1,2}$")


@dataclass
class Citation:
    """One source rendered in one style; ``note``/``short_note`` only for note styles."""

    id: str
    bibliography: str
    citation: str
    citation_locator: str
    note: str | None = None
    short_note: str | None = None
    position: int | None = None  # place of the entry in the style's sorted bibliography

    def to_dict(self) -> dict:
        data = {"id": self.id, "bibliography": self.bibliography, "citation": self.citation,
                "citation_locator": self.citation_locator}
        if self.note is not None:
            data.update(note=self.note, short_note=self.short_note)
        return data


def render_citations(items: list[dict], style: str = "apa", *, format: Format = "text",
                     locator: str | None = None) -> list[Citation]:
    """Render CSL-JSON ``items`` in ``style``: for each, in the order given, its entry and citations.

    :param style: apa, mla, chicago-author-date, chicago-note-bibliography, a CSL style id, or a .csl path.
    :param format: "text", or "html" for rich text (italics as ``<i>``; entries in a ``csl-entry`` div).
    :param locator: a page ("12", "12-14") or a time in a recording ("14:32", "1:02:03").
    :raises InvalidInput: unknown style or format; a style citeproc-js cannot use.
    :raises CitationEngineMissing: citeproc-js or the style files are not installed.
    """
    if format not in ("text", "html"):
        raise InvalidInput(f"“{format}” is not a citation format. Use text or html.")
    if not items:
        return []
    loaded = load_style(style)
    items = [_even_ranges(_numbers_as_text(item)) for item in items]
    request = {"key": loaded.key, "style": loaded.xml, "lang": loaded.lang, "locales": loaded.locales, "items": items,
               "format": format, "options": loaded.engine_options(), **locator_fields(locator)}
    return [Citation(**row) for row in CiteprocJS.shared().render(request)]


def render_bibliography(items: list[dict], style: str = "apa", *, format: Format = "text") -> str:
    """The bibliography of ``items`` as the style sorts it: one entry a line, or an HTML block.

    Items the style leaves out of bibliographies (emails in APA, for one) are left out.
    """
    rendered = [c for c in render_citations(items, style, format=format) if c.position is not None]
    entries = [c.bibliography for c in sorted(rendered, key=lambda c: c.position)]
    if format == "html":
        return '<div class="csl-bib-body">\n' + "\n".join(f"  {e}" for e in entries) + "\n</div>"
    return "\n".join(entries)


def _numbers_as_text(item: dict) -> dict:
    """Number variables given as JSON numbers, as text: citeproc-js reads only text there, as Zotero gives it."""
    return {k: str(v) if k in NUMBER and isinstance(v, (int, float)) and not isinstance(v, bool) else v
            for k, v in item.items()}


def _even_ranges(item: dict) -> dict:
    """Cut both ends of a date range to the coarser precision, which citeproc-js requires."""
    fixed = dict(item)
    for key, value in item.items():
        parts = value.get("date-parts") if isinstance(value, dict) else None
        if isinstance(parts, list) and len(parts) == 2 and all(isinstance(p, list) for p in parts):
            length = min(len(parts[0]), len(parts[1]))
            fixed[key] = {**value, "date-parts": [parts[0][:length], parts[1][:length]]}
    return fixed


def cite_sources(lib: Library, source_ids, style: str | None = None, *, format: Format = "text",
                 locator: str | None = None) -> list[Citation]:
    """Citations for sources of the library, ``id`` being the source id (as text).

    :param style: defaults to the library's ``citation_style`` setting.
    :raises NotFound: a source id that does not exist.
    """
    sources = [lib.sources.get(sid) for sid in source_ids]
    items = [{**source_to_csl(s), "id": str(s.id)} for s in sources]
    return render_citations(items, style or lib.get_setting("citation_style"), format=format, locator=locator)


def locator_fields(locator: str | None) -> dict:
    """The CSL locator and its label: "14:32" is a timestamp, anything else a page."""
    text = " ".join((locator or "").split())
    if not text:
        return {}
    return {"locator": text, "label": "timestamp" if _TIMESTAMP.match(text) else "page"}
