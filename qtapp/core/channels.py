"""Every way library text leaves Verbatim, declared once, each rendering only what the gate lets through.

::

    for channel in CHANNELS.values():
        out = channel.render(lib, Selection(tag="harbour-story"), now)
        out.text, out.withheld        # what left, and what was kept back by reason

A channel is one renderer; its ``surfaces`` say where a user reaches it: a command
(``cli:cite``) or a window command (``window:Copy with Attribution``). The command line and
the window call the same core functions the renderers call, and a test fails when a command
or a window action that takes text out is in neither :data:`CHANNELS` nor :data:`INWARD`.

What each audience may never see (:data:`PROTECTS`):

- ``publication`` (references, citations, the clipboard): nothing a ground rule holds back,
  no name of a confidential or anonymous speaker, nothing a Blocking finding holds back
  until it is acknowledged with a reason;
- ``sign-off`` (quote sheets, what an editor signs, clips for the fact-checker): the same; a
  quote with a Blocking finding is listed with the finding, for the editor to see, but
  without its words, and gets no clip;
- ``checks`` (check reports and output, for the reporter and editor): no part of a
  confidential speaker's name;
- ``listing`` (``verbatim quotes``, the reporter's own list for scripts): every quote's words
  with its ground rule, but no name of a confidential or anonymous speaker;
- ``private`` (a library copy, backups): everything, on purpose; marked private.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .copying import copy_quotes
from .formats.references import publishable_sources, source_ids_of
from .formats.registry import FORMATS, export_to_stream, preview_text
from .formats.selection import Selection

if TYPE_CHECKING:
    from .cite.render import Citation
    from .library import Library

PROTECTS = {
    "publication": frozenset({"withheld words", "blocked words", "protected names", "confidential names"}),
    "sign-off": frozenset({"withheld words", "blocked words", "protected names", "confidential names"}),
    "checks": frozenset({"confidential names"}),
    "listing": frozenset({"protected names", "confidential names"}),
    "private": frozenset(),
}
# Commands and window actions that take nothing out of the library, and why.
INWARD = {
    "cli:import": "reads reference files and library copies into the library",
    "cli:extract": "prints the quotations of a text file the user names, not of the library",
    "cli:restore": "puts a backup in place of the library",
    "cli:encrypt": "converts the library file in place; its text never leaves it",
    "cli:decrypt": "converts the library file in place; its text never leaves it",
    "cli:recording": "attaches recording files and finds moved ones; prints only their paths and states",
    "window:Import Sources…": "reads documents into the library",
    "window:Import References or Library Copy…": "reads reference files and library copies into the library",
}


@dataclass
class Output:
    """What a channel rendered, and how many items it kept back, by reason."""

    text: str
    withheld: dict[str, int] = field(default_factory=dict)
    count: int | None = None  # items rendered, where the channel counts them


@dataclass(frozen=True)
class Channel:
    name: str
    audience: str
    surfaces: tuple[str, ...]
    render: Callable[[Library, Selection, dt.datetime], Output] | None  # None: a file copy, not rendered text


def quote_ids(lib: Library, selection: Selection) -> list[int]:
    """The live quotes a selection picks, in id order."""
    where, params = selection.where()
    return [i for (i,) in lib.db.execute(f"SELECT q.id FROM quotes q WHERE {where} ORDER BY q.id", params)]


def cite_publishable(lib: Library, ids: Iterable[int], style: str | None = None, *, format: str = "text",
                     locator: str | None = None,
                     now: dt.datetime | None = None) -> tuple[list[Citation], dict[str, int]]:
    """Citations of the sources among ``ids`` the gate lets through, and the others counted by reason.

    :raises NotFound: a source id that does not exist.
    :raises CitationEngineMissing: citeproc-js is not installed.
    """
    from .cite.csl import source_to_csl
    from .cite.render import render_citations  # loads the engine only when citations are wanted

    sources, withheld = publishable_sources(lib, Selection(), now=now, source_ids=ids)
    items = [{**source_to_csl(s), "id": str(s.id)} for s in sources]
    style = style or lib.get_setting("citation_style")
    return render_citations(items, style, format=format, locator=locator), withheld


def citations_json(citations: list[Citation]) -> str:
    """The JSON ``verbatim cite`` prints: one object per source, ``id`` being the source id."""
    return json.dumps([{**c.to_dict(), "id": int(c.id)} for c in citations], ensure_ascii=False, indent=1)


# -- renderers -------------------------------------------------------------------------------


def _export(name: str) -> Callable[[Library, Selection, dt.datetime], Output]:
    def render(lib: Library, selection: Selection, now: dt.datetime) -> Output:
        fmt = FORMATS[name]
        out = io.BytesIO() if fmt.binary else io.StringIO()
        report = export_to_stream(lib, name, selection, out, now=now)
        data = out.getvalue()
        if fmt.binary:  # a Word file: every part of the zip, as text
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                data = "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
        return Output(data, report.withheld, report.count)
    return render


def _preview(name: str) -> Callable[[Library, Selection, dt.datetime], Output]:
    return lambda lib, selection, now: Output(preview_text(lib, name, selection, now=now))


def _copy(how: str) -> Callable[[Library, Selection, dt.datetime], Output]:
    def render(lib: Library, selection: Selection, now: dt.datetime) -> Output:
        copied = copy_quotes(lib, quote_ids(lib, selection), how, when=now)
        # The window copies nothing when one quote is refused; each quote is rendered here
        # to show that none of them, alone, lets anything through.
        return Output(copied.plain_text + "\n" + copied.html_text + "\n" + "\n".join(copied.refused.values()),
                      dict(Counter(copied.refused.values())), len(copied.plain))
    return render


def _cite(lib: Library, selection: Selection, now: dt.datetime) -> Output:
    citations, withheld = cite_publishable(lib, source_ids_of(lib, selection), now=now)
    return Output(citations_json(citations), withheld, len(citations))


def _report(kind: str) -> Callable[[Library, Selection, dt.datetime], Output]:
    def render(lib: Library, selection: Selection, now: dt.datetime) -> Output:
        from .checks.report import report_html, report_markdown
        ids = None if selection.whole_library else quote_ids(lib, selection)
        return Output((report_markdown if kind == "md" else report_html)(lib, ids))
    return render


def _check_output(as_json: bool) -> Callable[[Library, Selection, dt.datetime], Output]:
    def render(lib: Library, selection: Selection, now: dt.datetime) -> Output:
        from .checks import iter_checks
        from .checks.report import redactor, result_json, result_lines
        redact = redactor(lib)
        parts = []
        for result in iter_checks(lib, quote_ids(lib, selection), now=now):
            parts.append(json.dumps(result_json(result, redact), ensure_ascii=False) if as_json else
                         result_lines(lib.quotes.get(result.quote_id).words, result, redact))
        return Output("\n".join(parts))
    return render


def _listing(as_json: bool) -> Callable[[Library, Selection, dt.datetime], Output]:
    def render(lib: Library, selection: Selection, now: dt.datetime) -> Output:
        from .listing import quote_records, record_json, record_line, selection_query
        records = quote_records(lib, selection_query(selection), now=now)
        return Output("\n".join(record_json(r) if as_json else record_line(r) for r in records))
    return render


def _clips(lib: Library, selection: Selection, now: dt.datetime) -> Output:
    """The clips ``verbatim clip`` would write (their file names), and the quotes refused, by reason."""
    from .clips import clip_name, sort_out
    from .gate import Gate

    allowed, refused = sort_out(lib, quote_ids(lib, selection), Gate(lib, now))
    return Output("\n".join(clip_name(lib, q) for q in allowed), dict(Counter(refused.values())), len(allowed))


def _audience(name: str) -> str:
    return "private" if name == "native" else "sign-off" if FORMATS[name].is_sheet else "publication"


EXPORT = ("cli:export", "window:Export…")
CHANNELS: dict[str, Channel] = {c.name: c for c in (
    *(Channel(f"export:{name}", _audience(name), EXPORT, _export(name)) for name in FORMATS),
    *(Channel(f"preview:{name}", _audience(name), ("window:Export…",), _preview(name)) for name in FORMATS),
    Channel("cite", "publication", ("cli:cite",), _cite),
    Channel("copy:words", "publication", ("window:Copy Words",), _copy("words")),
    Channel("copy:attribution", "publication", ("window:Copy with Attribution",), _copy("attribution")),
    Channel("copy:citation", "publication", ("window:Copy Citation",), _copy("citation")),
    Channel("check-report:md", "checks", ("cli:check", "window:Save Check Report…"), _report("md")),
    Channel("check-report:html", "checks", ("cli:check", "window:Save Check Report…"), _report("html")),
    Channel("check-output:text", "checks", ("cli:check",), _check_output(False)),
    Channel("check-output:json", "checks", ("cli:check",), _check_output(True)),
    Channel("quotes:text", "listing", ("cli:quotes",), _listing(False)),
    Channel("quotes:json", "listing", ("cli:quotes",), _listing(True)),
    Channel("backup", "private", ("cli:backup", "window:Backups…"), None),
    # A clip is the speaker's voice, handed to a fact-checker: what a sign-off sheet may show, and no voice
    # of a speaker who may not be named.
    Channel("clips", "sign-off", ("cli:clip", "window:Export Clips of Selection…"), _clips),
)}


def surfaces() -> set[str]:
    """Every command and window action declared here, as an output or as inward."""
    return {s for c in CHANNELS.values() for s in c.surfaces} | set(INWARD)
