"""The leak oracle: generated libraries full of protected material, every registered channel run.

Each library holds off-the-record, deep-background and embargoed quotes, background quotes
with a description, quotes held back by a Blocking finding, and confidential speakers whose
name parts turn up in source titles, addresses, outlets, places, authors, role titles,
descriptions, context notes, tags and check findings. Each protected thing carries a token
of its own; no channel may print a token its audience is protected from
(:data:`qtapp.core.channels.PROTECTS`), and every channel that counts what it rendered
accounts for what it kept back.

More examples: ``VERBATIM_ORACLE_EXAMPLES=200 pytest tests/core/test_leak_oracle.py``.
"""

import datetime as dt
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qtapp.core.channels import CHANNELS, PROTECTS
from qtapp.core.checks import check_quotes
from qtapp.core.formats.selection import Selection
from qtapp.core.library import Library
from qtapp.core.names import Name

from .test_formats_rules import citation_engine_installed

NOW = dt.datetime(2024, 6, 1, 12, 0, tzinfo=dt.UTC)
EXAMPLES = int(os.environ.get("VERBATIM_ORACLE_EXAMPLES", "12"))
RULES = ("on_record", "background", "deep_background", "off_record", "embargo_future", "embargo_past")
SPOTS = ("title", "url", "outlet", "place", "author", "context", "tag", "role", "description", "finding")
RENDERED = {name: c for name, c in CHANNELS.items() if c.render is not None}
NEEDS_ENGINE = {"export:bibliography", "preview:bibliography", "cite", "copy:citation"}

# Tokens: letters no English word holds together, so a hit is a leak and never a coincidence.
# One length, so that no token holds another.
token = st.text(alphabet="bcdfghjklmnpqrstvwxz", min_size=6, max_size=6).map(lambda s: "Zq" + s)
case = st.sampled_from([str.lower, str.upper, str.title, lambda s: s])


@st.composite
def libraries(draw):
    """A plan of a library: speakers, sources and quotes, and where each secret appears."""
    tokens = iter(draw(st.lists(token, min_size=40, max_size=40, unique_by=str.lower)))
    secrets = [{"given": next(tokens), "family": next(tokens), "alias": next(tokens)}
               for _ in range(draw(st.integers(1, 2)))]
    hidden = {"given": next(tokens), "family": next(tokens)}  # quoted on background only
    quotes = []
    for _ in range(draw(st.integers(3, 9))):
        quotes.append({
            "who": draw(st.sampled_from(["named", "secret", "hidden"])),
            "rule": draw(st.sampled_from(RULES)),
            "word": next(tokens),
            "source": draw(st.integers(0, 3)),
            "kind": draw(st.sampled_from(["article", "interview", "speech", "document", "broadcast", "email"])),
            "blocked": draw(st.sampled_from([None, "open", "acknowledged"])),
            "said_by_secret": draw(st.booleans()),  # the source text gives the words to a secret name
        })
    spots = draw(st.lists(st.tuples(st.sampled_from(SPOTS), st.integers(0, 3), st.sampled_from(
        ["given", "family", "alias"]), case), min_size=3, max_size=10))
    selection = draw(st.sampled_from(["library", "tag", "quotes", "source"]))
    return {"secrets": secrets, "hidden": hidden, "quotes": quotes, "spots": spots, "selection": selection,
            "picked": draw(st.lists(st.integers(0, len(quotes) - 1), min_size=1, max_size=len(quotes), unique=True))}


def build(lib: Library, plan: dict) -> tuple[Selection, dict[str, set[str]]]:
    """Make the library of ``plan``; returns the selection and the tokens of each protected class."""
    protected = {"withheld words": set(), "blocked words": set(), "protected names": set(),
                 "confidential names": set()}
    secrets = [lib.speakers.add(f"{s['given']} {s['family']}", aliases=[s["alias"]], confidential=True,
                                description="a crane operator") for s in plan["secrets"]]
    for s in plan["secrets"]:
        protected["confidential names"] |= {s["given"], s["family"], s["alias"]}
    h = plan["hidden"]
    hidden = lib.speakers.add(f"{h['given']} {h['family']}", description="a port clerk")
    protected["protected names"] |= {h["given"], h["family"]}
    spots = {}
    for spot, index, part, change in plan["spots"]:
        secret = plan["secrets"][index % len(plan["secrets"])]
        spots.setdefault((spot, index), []).append(change(secret[part]))

    def secret_in(spot, index):
        return " ".join(spots.get((spot, index), []))

    named = lib.speakers.add("Tamsin Orrery", roles=[{"title": f"Deputy to {secret_in('role', 0)}", "start": "2020"}])
    # Four sources; the first quote logged in each decides its kind. A source holding the
    # background speaker's quotes is named after him, as interviews are.
    sources = {}
    for n in range(4):
        kind = next((q["kind"] for q in plan["quotes"] if q["source"] == n), "article")
        holds_hidden = any(q["source"] == n and q["who"] == "hidden" for q in plan["quotes"])
        title = f"Harbour talk {n} {secret_in('title', n)}" + (f" with {h['family']}" if holds_hidden else "")
        text = "\n".join(f"“Words {q['word']} end,” {_teller(q, plan)} said." for q in plan["quotes"]
                         if q["source"] == n)
        author = secret_in("author", n)
        sources[n] = lib.sources.add(
            kind, title, outlet=f"Gazette {secret_in('outlet', n)}".strip(), place=secret_in("place", n),
            url=f"https://news.example/{n}/{secret_in('url', n).replace(' ', '-')}", date="2024-05-01", text=text,
            names=[("author", Name(family=author))] if author else [])
    ids = []
    for n, q in enumerate(plan["quotes"]):
        speaker = {"named": named, "hidden": hidden}.get(q["who"]) or secrets[n % len(secrets)]
        rule = q["rule"] if q["who"] != "hidden" else "background"
        fields = {"rule": rule, "rule_description": f"an official {secret_in('description', n % 4)}".strip()}
        if rule.startswith("embargo"):
            fields = {"rule": "embargoed", "embargo_until": "2024-07-01T09:00+00:00" if rule == "embargo_future"
                      else "2024-05-01T09:00+00:00"}
        words = f"Words {q['word']} end"
        qid = lib.quotes.add(words, speaker, source_id=sources[q["source"]], said="2024-05-01",
                             context=f"Noted {secret_in('context', n % 4)}",
                             tags=["story", *([f"tag {secret_in('tag', n % 4)}"] if secret_in("tag", n % 4) else [])],
                             **fields)
        ids.append(qid)
        if rule in ("off_record", "deep_background", "embargo_future"):
            protected["withheld words"].add(q["word"])
        if q["blocked"] == "open":
            protected["blocked words"].add(q["word"])
    check_quotes(lib, ids, now=NOW)
    for n, (qid, q) in enumerate(zip(ids, plan["quotes"], strict=True)):
        message = f"The words differ from what {secret_in('finding', n % 4) or 'the source'} said."
        lib.db.execute("INSERT INTO findings (quote_id, check_name, severity, code, message, detail, acknowledged_at, "
                       "acknowledged_reason) VALUES (?, 'verbatim', ?, 'planted', ?, '{}', ?, ?)",
                       [qid, "blocking" if q["blocked"] else "warning", message,
                        "2024-05-02T00:00:00" if q["blocked"] == "acknowledged" else None,
                        f"checked with {secret_in('finding', n % 4)}" if q["blocked"] == "acknowledged" else ""])
    # A quote the checks themselves block (the source gives the words to a secret name) is
    # held back as a planted one is.
    for qid, q in zip(ids, plan["quotes"], strict=True):
        if lib.db.execute("SELECT 1 FROM findings WHERE quote_id = ? AND severity = 'blocking' "
                          "AND acknowledged_at IS NULL", [qid]).fetchone():
            protected["blocked words"].add(q["word"])
    picked = tuple(ids[i] for i in plan["picked"])
    selection = {"library": Selection(), "tag": Selection(tag="story"), "quotes": Selection(quote_ids=picked),
                 "source": Selection(source_id=sources[plan["quotes"][plan["picked"][0]]["source"]])}
    return selection[plan["selection"]], protected


def _teller(q: dict, plan: dict) -> str:
    if q["said_by_secret"]:
        return plan["secrets"][0]["family"]
    return plan["hidden"]["family"] if q["who"] == "hidden" else "Orrery"


def leaks(text: str, tokens: set[str]) -> list[str]:
    folded = text.casefold()
    return sorted(t for t in tokens if t.casefold() in folded)


@pytest.mark.parametrize("channel", sorted(RENDERED))
def test_every_rendered_channel_declares_an_audience(channel):
    assert CHANNELS[channel].audience in PROTECTS


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=libraries())
def test_no_channel_prints_what_its_audience_is_protected_from(plan):
    engine = citation_engine_installed()
    with tempfile.TemporaryDirectory() as folder:
        lib = Library(Path(folder) / "oracle.verbatim")
        try:
            selection, protected = build(lib, plan)
            # The check output runs the checks again, replacing the planted findings: it goes last.
            for name in sorted(RENDERED, key=lambda n: n.startswith("check-output")):
                if name in NEEDS_ENGINE and not engine:
                    continue
                channel = CHANNELS[name]
                out = channel.render(lib, selection, NOW)
                for kind in PROTECTS[channel.audience]:
                    found = leaks(out.text, protected[kind])
                    assert not found, f"{name} ({channel.audience}) prints {kind}: {found}\n{out.text[:3000]}"
                if out.count is not None and channel.audience != "private":
                    # Every item chosen is either rendered or counted under the reason it was kept back.
                    assert out.count + sum(out.withheld.values()) == _candidates(lib, name, selection), \
                        f"{name} dropped something silently: {out.count} shown, kept back {out.withheld}"
        finally:
            lib.close()


def _candidates(lib: Library, name: str, selection: Selection) -> int:
    from qtapp.core.channels import quote_ids
    from qtapp.core.formats.references import source_ids_of
    if name.startswith(("export:sheet", "copy:", "clips")):
        return len(quote_ids(lib, selection))
    return len(source_ids_of(lib, selection))
