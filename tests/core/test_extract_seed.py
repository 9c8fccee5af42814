"""The extractor scored on the shared seed article with the shared scorer (skipped without ../shared)."""

import json
import subprocess
import sys

from qtapp.core.extract import extract_quotes


def test_seed_article_meets_the_targets(shared_dir, tmp_path):
    seed = shared_dir / "fixtures" / "seed"
    text = (seed / "article.txt").read_text(encoding="utf-8")
    proposals = extract_quotes(text)
    preds = tmp_path / "preds"
    preds.mkdir()
    (preds / "seed.json").write_text(json.dumps([p.to_json() for p in proposals]), encoding="utf-8")
    figures = tmp_path / "figures.json"
    subprocess.run([sys.executable, str(shared_dir / "tools" / "score_quotes.py"), str(seed), str(preds),
                    "--json", str(figures)], check=True, capture_output=True)
    total = json.loads(figures.read_text())["all"]
    assert total["f1"] >= 0.95
    assert total["speaker_acc"] >= 0.90
