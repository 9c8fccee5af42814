"""The checks on a real article: its gold quotes verify; changed words and wrong speakers are caught."""

import json

import pytest

from qtapp.core.checks import check_quotes


@pytest.fixture
def seed(shared_dir, library):
    folder = shared_dir / "fixtures" / "seed"
    text = (folder / "article.txt").read_text(encoding="utf-8")
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    source = library.sources.add("article", "Seed article", text=text)
    speakers = {}
    for item in gold:
        speakers.setdefault(item["speaker"], library.speakers.add(item["speaker"]))
    return library, source, gold, speakers


def _name_words(name):
    return {w for w in name.split() if w[:1].isupper() and w != "and"}


def test_every_gold_quote_is_verbatim_and_correctly_attributed(seed):
    lib, source, gold, speakers = seed
    ids = [lib.quotes.add(g["quote"], speakers[g["speaker"]], source_id=source) for g in gold]
    results = check_quotes(lib, ids)
    assert [r.verdicts["verbatim"] for r in results] == ["exact"] * len(gold)
    assert all(r.verdicts["speaker"].startswith("attributed") for r in results), \
        [(g["speaker"], r.verdicts["speaker"]) for g, r in zip(gold, results, strict=True)]
    assert not any(r.blocks for r in results)


def test_each_quote_with_one_word_changed_is_caught(seed):
    lib, source, gold, speakers = seed
    caught = total = 0
    for g in gold:
        words = g["quote"].split()
        for position in sorted({0, len(words) // 2, len(words) - 1}):
            changed = words.copy()
            changed[position] = "purple"
            qid = lib.quotes.add(" ".join(changed), speakers[g["speaker"]], source_id=source)
            [result] = check_quotes(lib, [qid])
            total += 1
            caught += result.verdicts["verbatim"] in ("altered", "not_found")
    assert caught == total


def test_each_quote_given_to_another_speaker_named_in_the_article_is_caught(seed):
    lib, source, gold, speakers = seed
    caught = total = 0
    for g in gold:
        for name, speaker_id in speakers.items():
            if _name_words(name) & _name_words(g["speaker"]):
                continue   # the same person, or a joint attribution that includes them
            qid = lib.quotes.add(g["quote"], speaker_id, source_id=source)
            [result] = check_quotes(lib, [qid])
            total += 1
            caught += result.verdicts["speaker"] == "other_speaker"
    assert total > 0 and caught == total
