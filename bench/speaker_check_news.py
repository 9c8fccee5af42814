"""The speaker check measured on real news: false flags on correct speakers, wrong speakers caught.

Run from the repository root: ``.venv/bin/python bench/speaker_check_news.py [-v]``.

For each news-dev article (``../shared/fixtures/news-dev``) a fresh library gets the article
as a source and every gold speaker; then every required gold quote with a named speaker is
logged at its span three ways: with its own speaker (a warning or block is a false flag,
of the speaker check or of the word check; a note is not), with each other
speaker of the same article whose name shares no word with it, and with one speaker of
another article (a block is a catch). Prints the counts; ``-v`` lists every false flag and
every wrong speaker that got through.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qtapp.core.checks import check_quotes  # noqa: E402
from qtapp.core.library import Library  # noqa: E402


def _same(a: str, b: str) -> bool:
    """The same person, or a joint attribution that includes them ("a reporter" is "a reporter")."""
    words = [{w.lower() for w in n.split() if w[:1].isupper()} for n in (a, b)]
    return a.lower() == b.lower() or bool(words[0] & words[1])


def _articles(dev: Path) -> list[tuple[str, str, list[dict]]]:
    out = []
    for gold_path in sorted((dev / "gold").glob("*.json")):
        text = (dev / "articles" / f"{gold_path.stem}.txt").read_text(encoding="utf-8")
        gold = [g for g in json.loads(gold_path.read_text(encoding="utf-8"))
                if not g.get("optional") and g.get("speaker")]
        out.append((gold_path.stem, text, gold))
    return out


def measure(dev: Path, verbose: bool) -> dict[str, int]:
    articles = _articles(dev)
    counts = dict.fromkeys(["correct", "word_flags", "false_flags", "false_blocks", "same_article", "same_caught",
                            "other_article", "other_caught"], 0)
    with tempfile.TemporaryDirectory() as tmp:
        for k, (doc, text, gold) in enumerate(articles):
            lib = Library(Path(tmp) / f"{doc}.verbatim")
            try:
                source = lib.sources.add("article", f"news-dev {doc}", text=text)
                stranger = next(g["speaker"] for g in articles[(k + 1) % len(articles)][2])
                ids = {name: lib.speakers.add(name) for name in {g["speaker"] for g in gold} | {stranger}}
                for g in gold:
                    span = {"source_id": source, "span_start": g["start"], "span_end": g["end"]}
                    [right] = check_quotes(lib, [lib.quotes.add(g["quote"], ids[g["speaker"]], **span)])
                    counts["correct"] += 1
                    counts["word_flags"] += any(f.check == "verbatim" and f.severity != "info" for f in right.findings)
                    flags = [f for f in right.findings if f.check == "speaker" and f.severity != "info"]
                    if flags:
                        counts["false_flags"] += 1
                        counts["false_blocks"] += any(f.severity == "blocking" for f in flags)
                        if verbose:
                            print(f"{doc} FLAG  {g['speaker']!r}: {flags[0].message[:110]} | {g['quote'][:50]!r}")
                    wrong = [(n, "same") for n in ids if n != stranger and not _same(n, g["speaker"])]
                    wrong += [(stranger, "other")] if not _same(stranger, g["speaker"]) else []
                    for name, where in wrong:
                        [result] = check_quotes(lib, [lib.quotes.add(g["quote"], ids[name], **span)])
                        key = "same_article" if where == "same" else "other_article"
                        counts[key] += 1
                        caught = any(f.check == "speaker" and f.severity == "blocking" for f in result.findings)
                        counts[key.split("_")[0] + "_caught"] += caught
                        if verbose and not caught:
                            print(f"{doc} PASS  {name!r} for {g['speaker']!r} ({where} article): "
                                  f"{result.verdicts['speaker']} | {g['quote'][:50]!r}")
            finally:
                lib.close()
    return counts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    dev = args.shared / "fixtures" / "news-dev"
    if not dev.is_dir():
        print(f"No dev set at {dev}; give its parent folder with --shared.", file=sys.stderr)
        return 2
    c = measure(dev, args.verbose)
    print(f"correct speakers: {c['correct']}, flagged {c['false_flags']} ({c['false_flags'] / c['correct']:.1%}), "
          f"blocked {c['false_blocks']}")
    print(f"word check on the same quotes: flagged {c['word_flags']}")
    print(f"wrong speaker from the same article: {c['same_article']}, blocked {c['same_caught']} "
          f"({c['same_caught'] / max(1, c['same_article']):.1%})")
    print(f"wrong speaker from another article: {c['other_article']}, blocked {c['other_caught']} "
          f"({c['other_caught'] / max(1, c['other_article']):.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
