"""``verbatim check --stale``: only the quotes a change marked are checked again."""

import json

from qtapp.cli import main
from qtapp.core.checks.stale import is_stale, recheck

ARTICLE = ("“The barrier will hold through the winter,” said Mara Quell, the harbor master. "
           "Park said: “We are not watching the tides closely every single night.”")


def test_the_command_line_checks_only_what_is_stale(library, capsys):
    lib = library
    quell = lib.speakers.add("Mara Quell", aliases=["Quell"])
    park = lib.speakers.add("Jin Park", aliases=["Park"])
    article = lib.sources.add("article", "Harbor", date="2023-11-09", text=ARTICLE)
    kept = lib.quotes.add("The barrier will hold through the winter,", quell, source_id=article)
    moved = lib.quotes.add("We are not watching the tides closely every single night.", park, source_id=article)
    recheck(lib)
    lib.quotes.update(moved, speaker_id=quell)
    assert main(["check", "--library", str(lib.path), "--stale", "--json"]) == 1   # the change blocks
    assert [d["id"] for d in json.loads(capsys.readouterr().out)] == [moved]
    assert main(["check", "--library", str(lib.path), "--stale"]) == 0
    assert capsys.readouterr().out.startswith("Checked 0 quotes") and not is_stale(lib, kept)
