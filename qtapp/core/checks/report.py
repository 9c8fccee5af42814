"""A check report an editor can read, as Markdown or HTML, from the stored findings.

::

    text = report_markdown(lib)                 # the whole library: what needs attention
    page = report_html(lib, [12, 15, 18])       # a selection: every quote listed

It is an internal document, but it still keeps ground rules: no part of a confidential
speaker's name appears (in the speaker line, a source's title, any message or passage), a
quote given on background, deep background or off the record shows the agreed description,
not the name, and :func:`save_report` writes the file readable by its owner only.
"""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..dates import display_date, utc_now
from ..files import replacing
from ..gate import Gate
from ..plural import count_of
from ..quotes import RULE_LABELS
from ..text import one_line
from .model import CHECK_LABELS, Finding, QuoteCheck
from .store import findings_for

if TYPE_CHECKING:
    from ..library import Library

_PROTECTED_RULES = ("background", "deep_background", "off_record")
_STATUS_LABELS = {"blocking": "Blocks publication", "warning": "Needs a look", "info": "Notes",
                  "ok": "No problems", None: "Not checked yet"}
_ORDER = {"blocking": 0, "warning": 1, "info": 2, "ok": 3, None: 4}


@dataclass
class ReportEntry:
    """One quote as the report shows it, with names already withheld where they must be."""

    id: int
    words: str
    who: str
    source: str
    said: str
    rule: str
    status: str | None
    findings: list[Finding]


def report_entries(lib: Library, quote_ids: list[int] | None = None) -> tuple[dict, list[ReportEntry]]:
    """Counts per status, and the quotes to list: all of a selection, or what needs attention."""
    where, params = "q.deleted_at IS NULL", []
    if quote_ids is not None:
        where += f" AND q.id IN ({','.join('?' * len(quote_ids))})" if quote_ids else " AND 0"
        params = list(quote_ids)
    counts = dict(lib.db.execute(f"SELECT coalesce(check_status, 'unchecked'), count(*) FROM quotes q "
                                 f"WHERE {where} GROUP BY 1", params).fetchall())
    if quote_ids is None:
        where += " AND q.check_status IN ('warning', 'blocking')"
    rows = lib.db.execute(
        f"SELECT q.id, q.words, sp.name, sp.confidential, q.rule, q.rule_description, coalesce(so.title, ''), "
        f"q.said, q.check_status FROM quotes q JOIN speakers sp ON sp.id = q.speaker_id "
        f"LEFT JOIN sources so ON so.id = q.source_id WHERE {where} ORDER BY q.id", params).fetchall()
    redact = redactor(lib)
    entries = []
    for qid, words, name, confidential, rule, description, source, said, status in rows:
        if confidential:
            who = f"{description or 'Confidential source'} (name withheld: confidential)"
        elif rule in _PROTECTED_RULES:
            who = f"{description or 'Unnamed source'} (name withheld: {RULE_LABELS[rule].lower()})"
        else:
            who = name
        findings = findings_for(lib, qid)
        for f in findings:
            f.message, f.acknowledged_reason = redact(f.message), redact(f.acknowledged_reason)
            if "passage" in f.detail:
                f.detail["passage"] = redact(f.detail["passage"])
        entries.append(ReportEntry(qid, words, redact(who), redact(source),
                                   display_date(said),
                                   RULE_LABELS.get(rule, rule), status, findings))
    entries.sort(key=lambda e: (_ORDER.get(e.status, 4), e.id))
    return counts, entries


def redactor(lib: Library):
    """A function that replaces every part of every confidential speaker's names in a text."""
    return Gate(lib).redact


def save_report(lib: Library, path: str | os.PathLike, quote_ids: list[int] | None = None) -> None:
    """Write the report to ``path`` (Markdown for .md, else HTML), readable by its owner only.

    :raises InvalidInput: the file cannot be written there (the message says why).
    """
    text = report_markdown(lib, quote_ids) if str(path).lower().endswith(".md") else report_html(lib, quote_ids)
    with replacing(path) as out:   # a new file, 0600, that replaces an ordinary file only
        out.write(text)


def result_json(result: QuoteCheck, redact) -> dict:
    """One checked quote as ``verbatim check --json`` prints it, confidential names blanked out."""
    return {"id": result.quote_id, "status": result.status, "verdicts": result.verdicts,
            "findings": [{"id": f.id, "check": f.check, "severity": f.severity, "code": f.code,
                          "message": redact(f.message), "span": list(f.span) if f.span else None,
                          "acknowledged": f.acknowledged_at is not None,
                          "acknowledged_reason": redact(f.acknowledged_reason)} for f in result.findings]}


def result_lines(words: str, result: QuoteCheck, redact) -> str:
    """What ``verbatim check`` prints for a quote that needs attention ('' for one that does not)."""
    if result.status not in ("warning", "blocking"):
        return ""
    lines = [f"quote {result.quote_id} [{result.status}] “{one_line(words, 70)}”\n"]
    lines += [f"  {f.severity}: {f.check}: {redact(f.message)}\n" for f in result.findings
              if f.severity != "info" and f.counts]
    return "".join(lines)


def report_markdown(lib: Library, quote_ids: list[int] | None = None) -> str:
    """The check report as Markdown (see the module docstring)."""
    counts, entries = report_entries(lib, quote_ids)
    lines = [f"# Check report — {_scope(quote_ids)}", "", f"Generated {utc_now()}.", "",
             *(f"- {_STATUS_LABELS.get(s if s != 'unchecked' else None, s)}: {counts.get(s, 0):,}"
               for s in ("blocking", "warning", "info", "ok", "unchecked")), ""]
    if not entries:
        lines.append("Nothing needs attention.")
    for e in entries:
        lines += [f"## Quote {e.id} — {_STATUS_LABELS.get(e.status, e.status)}", "",
                  f"> {_md(e.words)}", "",
                  f"- **Who:** {_md(e.who)}", f"- **Source:** {_md(e.source) or 'none'}",
                  f"- **Said:** {e.said or 'date unknown'}", f"- **Ground rule:** {e.rule}", ""]
        for f in e.findings:
            lines.append(f"- **{f.severity.upper()}** ({CHECK_LABELS.get(f.check, f.check)}): {_md(f.message)}"
                         + (f" — *accepted: {_md(f.acknowledged_reason)}*" if f.acknowledged_at else ""))
            if f.code == "altered":
                lines.append(f"  - Source says: “{_md(f.detail.get('passage', ''))}”")
        lines.append("")
    return "\n".join(lines)


def report_html(lib: Library, quote_ids: list[int] | None = None) -> str:
    """The check report as a self-contained HTML page (see the module docstring)."""
    counts, entries = report_entries(lib, quote_ids)
    e_ = html.escape
    body = [f"<h1>Check report — {e_(_scope(quote_ids))}</h1>", f"<p>Generated {e_(utc_now())}.</p>", "<table>",
            *(f"<tr><th>{e_(_STATUS_LABELS.get(s if s != 'unchecked' else None, s))}</th>"
              f"<td>{counts.get(s, 0):,}</td></tr>"
              for s in ("blocking", "warning", "info", "ok", "unchecked")), "</table>"]
    if not entries:
        body.append("<p>Nothing needs attention.</p>")
    for e in entries:
        body += [f'<section class="{e_(e.status or "unchecked")}">',
                 f"<h2>Quote {e.id} — {e_(_STATUS_LABELS.get(e.status, str(e.status)))}</h2>",
                 f"<blockquote>{e_(e.words)}</blockquote>",
                 (f"<p><b>Who:</b> {e_(e.who)} · <b>Source:</b> {e_(e.source) or 'none'} · "
                  f"<b>Said:</b> {e_(e.said or 'date unknown')} · <b>Ground rule:</b> {e_(e.rule)}</p>"), "<ul>"]
        for f in e.findings:
            accepted = f" <i>Accepted: {e_(f.acknowledged_reason)}</i>" if f.acknowledged_at else ""
            passage = (f"<br>Source says: “{e_(f.detail.get('passage', ''))}”" if f.code == "altered" else "")
            body.append(f'<li class="{e_(f.severity)}"><b>{e_(f.severity.upper())}</b> '
                        f"({e_(CHECK_LABELS.get(f.check, f.check))}): {e_(f.message)}{passage}{accepted}</li>")
        body += ["</ul>", "</section>"]
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Check report</title><style>"
            "body{font-family:sans-serif;max-width:50em;margin:2em auto;line-height:1.4}"
            "blockquote{font-family:serif;font-size:1.1em;border-left:3px solid #999;margin-left:0;padding-left:1em}"
            "section.blocking h2,li.blocking b{color:#a00}section.warning h2,li.warning b{color:#a60}"
            "td,th{text-align:left;padding:0 1em 0 0}</style></head><body>\n"
            + "\n".join(body) + "\n</body></html>\n")


def _scope(quote_ids) -> str:
    if quote_ids is None:
        return "whole library"
    return count_of(len(quote_ids), "selected quote")


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", " ".join((text or "").split()))

