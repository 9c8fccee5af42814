"""``verbatim quotes``: the search box's language on the command line, one JSON object per line,
and never a protected speaker's name."""

import io
import json
from contextlib import redirect_stderr, redirect_stdout

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qtapp.cli import main
from qtapp.cli.commands.quotes import query_text
from qtapp.core.library import Library
from qtapp.core.listing import FIELDS

HEALTH = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
# Tokens no English word holds, so that finding one in the output is a leak, not a coincidence.
token = st.text(alphabet="bcdfghjklmnpqrstvwxz", min_size=6, max_size=6).map(lambda s: "Zq" + s)


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8"), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = main(["quotes", *args])
    out.seek(0)
    return status, out.read(), err.getvalue()


@pytest.fixture
def newsroom(tmp_path):
    path = tmp_path / "news.verbatim"
    with Library(path) as lib:
        him = lib.speakers.add("Roberto Heimovits", aliases=["Minister Heimovits"],
                               roles=[{"title": "Minister of Trade", "start": "2020"}])
        other = lib.speakers.add("Ana Ruiz")
        ids = {"sanctions": lib.quotes.add("The sanctions will bite.", him, said="2023-11-10"),
               "harbour": lib.quotes.add("The harbour stays open.", him, said="2023-11-09"),
               "mention": lib.quotes.add("Heimovits is wrong about sanctions.", other, said="2023-11-11")}
    return path, ids


def _json(path, *query):
    status, out, err = run("--library", str(path), "--json", *query)
    assert status == 0, err
    return [json.loads(line) for line in out.splitlines()]


def test_a_surname_finds_the_speakers_quotes(newsroom):
    path, ids = newsroom
    assert {r["id"] for r in _json(path, "Heimovits")} == {ids["sanctions"], ids["harbour"], ids["mention"]}
    assert {r["id"] for r in _json(path, "Minister", "Heimovits")} == {ids["sanctions"], ids["harbour"]}


def test_sanction_finds_sanctions_and_filters_work(newsroom):
    path, ids = newsroom
    assert {r["id"] for r in _json(path, "sanction")} == {ids["sanctions"], ids["mention"]}
    assert [r["id"] for r in _json(path, 'speaker:"Ana Ruiz" sanction')] == [ids["mention"]]
    assert [r["id"] for r in _json(path, "speaker:Ana Ruiz", "sanction")] == [ids["mention"]]
    assert [r["id"] for r in _json(path, "before:2023-11-09")] == [ids["harbour"]]


def test_each_line_holds_the_quote_fields(newsroom):
    path, ids = newsroom
    record = next(r for r in _json(path, "bite") if r["id"] == ids["sanctions"])
    assert record == {"id": ids["sanctions"], "words": "The sanctions will bite.", "speaker": "Roberto Heimovits",
                      "title": "Minister of Trade", "said": "2023-11-10", "source_id": None, "rule": "on_record",
                      "check_status": None}


def test_readable_lines_and_a_count(newsroom):
    path, _ = newsroom
    status, out, err = run("--library", str(path), "harbour")
    assert status == 0
    assert "Roberto Heimovits (Minister of Trade)" in out and "“The harbour stays open.”" in out
    assert len(out.splitlines()) == 1 and err.strip() == "1 quote found."


def test_a_filter_that_cannot_be_read_is_one_line(newsroom):
    path, _ = newsroom
    status, out, err = run("--library", str(path), "rule:sideways")
    assert status == 2 and out == ""
    assert err.startswith("verbatim: ") and "sideways" in err and len(err.splitlines()) == 1


def test_shell_words_keep_their_spaces():
    assert query_text(["speaker:Secretary Blinken", "watching"]) == 'speaker:"Secretary Blinken" watching'
    assert query_text(["very closely"]) == '"very closely"'
    assert query_text(['"very closely"', "x"]) == '"very closely" x'


@settings(max_examples=15, deadline=None, suppress_health_check=HEALTH)
# Words the core would log: NUL characters are dropped, and words of nothing else are refused.
@given(words=st.lists(st.text(min_size=1, max_size=40).filter(lambda s: s.replace("\x00", "").strip()),
                      min_size=1, max_size=5),
       query=st.text(max_size=30))
def test_every_line_of_json_parses_with_exactly_the_fields(tmp_path_factory, words, query):
    path = tmp_path_factory.mktemp("json") / "lib.verbatim"
    with Library(path) as lib:
        speaker = lib.speakers.add("Ana Ruiz")
        for w in words:
            lib.quotes.add(w, speaker)
    status, out, err = run("--library", str(path), "--json", "--", query)
    if status:
        assert err.startswith("verbatim: ") and len(err.splitlines()) == 1
        return
    for line in out.splitlines():
        assert tuple(json.loads(line)) == FIELDS


@settings(max_examples=12, deadline=None, suppress_health_check=HEALTH)
@given(names=st.lists(token, min_size=4, max_size=4, unique_by=str.lower),
       rule=st.sampled_from(["on_record", "background", "off_record", "deep_background"]),
       mention=st.booleans(), searched=st.integers(0, 3), as_json=st.booleans())
def test_a_protected_speakers_name_never_appears(tmp_path_factory, names, rule, mention, searched, as_json):
    given_name, family, alias, hidden = names
    path = tmp_path_factory.mktemp("leak") / "lib.verbatim"
    with Library(path) as lib:
        secret = lib.speakers.add(f"{given_name} {family}", aliases=[alias], confidential=True,
                                  description="a dock worker", roles=[{"title": f"Aide to {family}"}])
        anonymous = lib.speakers.add(f"Ana {hidden}", description="a port clerk")
        named = lib.speakers.add("Tamsin Orrery", roles=[{"title": f"Deputy to {alias}"}])
        lib.quotes.add("The cranes stop at dawn.", secret, rule=rule, rule_description="an official")
        lib.quotes.add("The fees will rise.", anonymous, rule="background", rule_description="an official")
        lib.quotes.add(f"{family} said it first." if mention else "Nothing to add.", named)
    protected = [given_name, family, alias, hidden]
    for query in ([], [protected[searched]], [f"speaker:{protected[searched]}"]):
        status, out, err = run("--library", str(path), *(["--json"] if as_json else []), *query)
        assert status == 0, err
        assert not [n for n in protected if n.casefold() in (out + err).casefold()], out
