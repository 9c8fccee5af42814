"""Quote finding and attribution scored on real news: one command for the figure.

Run from the repository root::

    .venv/bin/python bench/score_news.py            # news-dev (25 articles) and the seed article
    .venv/bin/python bench/score_news.py -v         # … listing every miss and wrong speaker
    .venv/bin/python bench/score_news.py --cli      # through `verbatim extract FILE --json` itself

Writes the predictions (the scorer's format: ``NN.json`` lists of quote/start/end/speaker)
into ``--out`` (default: a temporary folder), then runs the fixtures' own scorers:
``news-dev/score.py`` over the dev set and ``tools/score_quotes.py`` over the seed article.
The fixtures are read from ``../shared`` (or ``--shared``); nothing is copied from them.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qtapp.cli.commands.extract import read_text_file  # noqa: E402
from qtapp.core.extract import extract_quotes  # noqa: E402

# The dev set's phenomena, by article (from its README's table), for figures per phenomenon.
PHENOMENA = {
    "briefings: reporters' questions": ["01", "02"],
    "transcripts: NAME:, Q:/A: turns": ["03", "04"],
    "pronouns with two candidates": ["05", "13", "17", "20"],
    "shared surnames": ["10", "20", "22"],
    "collective and organisational speakers": ["06", "12", "14", "19", "25"],
    "anonymous and described speakers": ["09", "12", "21", "23"],
    "second-hand ('told X', 'as quoted by')": ["14", "16", "19", "21", "22"],
    "multi-paragraph quotes": ["08", "11", "17", "22", "24"],
    "British single marks": ["10", "12", "15", "25"],
    "broken or messy marks": ["06", "13", "18", "19", "24"],
}


def by_phenomenon(figures: dict) -> list[tuple[str, int, float, float]]:
    """(phenomenon, gold quotes, recall, speaker accuracy) from the scorer's --json figures."""
    docs = {d["doc"]: d for d in figures["docs"]}
    rows = []
    for name, ids in PHENOMENA.items():
        gold = sum(docs[i]["gold"] for i in ids if i in docs)
        tp = sum(docs[i]["tp"] for i in ids if i in docs)
        spk = sum(docs[i]["spk"] for i in ids if i in docs)
        rows.append((name, gold, tp / gold if gold else 0.0, spk / tp if tp else 0.0))
    return rows


def predict(path: Path, cli: bool) -> list[dict]:
    """What ``verbatim extract FILE --json`` prints for ``path``, as a list."""
    if cli:
        verbatim = Path(sys.executable).with_name("verbatim")
        out = subprocess.run([str(verbatim), "extract", str(path), "--json"], check=True,
                             capture_output=True, text=True).stdout
        return json.loads(out)
    return [p.to_json() for p in extract_quotes(read_text_file(path))]


def write_predictions(articles: list[tuple[str, Path]], out: Path, cli: bool) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for doc_id, path in articles:
        preds = predict(path, cli)
        (out / f"{doc_id}.json").write_text(json.dumps(preds, ensure_ascii=False, indent=1), encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, help="folder for the predictions (kept)")
    ap.add_argument("--cli", action="store_true", help="run the verbatim command for each file")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss and wrong speaker")
    ap.add_argument("--json", type=Path, help="save the dev-set figures (the scorer's --json)")
    ap.add_argument("--by-phenomenon", action="store_true", help="recall and speaker accuracy per phenomenon")
    args = ap.parse_args()
    dev = args.shared / "fixtures" / "news-dev"
    seed = args.shared / "fixtures" / "seed"
    if not dev.is_dir():
        print(f"No dev set at {dev}; give its parent folder with --shared.", file=sys.stderr)
        return 2
    out = args.out or Path(tempfile.mkdtemp(prefix="news-preds-"))
    articles = [(p.stem, p) for p in sorted((dev / "articles").glob("*.txt"))]
    write_predictions(articles, out, args.cli)
    verbose = ["-v"] if args.verbose else []
    print(f"== news-dev ({len(articles)} articles), predictions in {out}", flush=True)
    figures = args.json or out / "figures.json"
    subprocess.run([sys.executable, str(dev / "score.py"), str(dev / "gold"), str(out), *verbose,
                    "--json", str(figures)], check=False)
    if args.by_phenomenon:
        print(f"{'phenomenon (articles)':48} gold  recall  speaker")
        for name, gold, recall, speaker in by_phenomenon(json.loads(figures.read_text(encoding="utf-8"))):
            print(f"{name:48} {gold:4}  {recall:6.2f}  {speaker:7.2f}")
    if seed.is_dir():
        seed_out = out / "seed"
        write_predictions([("seed", seed / "article.txt")], seed_out, args.cli)
        print("== seed article", flush=True)
        subprocess.run([sys.executable, str(args.shared / "tools" / "score_quotes.py"), str(seed), str(seed_out),
                        *verbose], check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
