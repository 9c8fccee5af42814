"""The extractor scored on the 25 real articles of the shared news-dev set with its own scorer
(skipped without ../shared). Tuned on; a held-out set of other articles judges the result."""

import json
import subprocess
import sys

from bench.score_news import write_predictions


def test_news_dev_set_meets_the_targets(shared_dir, tmp_path):
    dev = shared_dir / "fixtures" / "news-dev"
    write_predictions([(p.stem, p) for p in sorted((dev / "articles").glob("*.txt"))], tmp_path / "preds", cli=False)
    figures = tmp_path / "figures.json"
    subprocess.run([sys.executable, str(dev / "score.py"), str(dev / "gold"), str(tmp_path / "preds"),
                    "--json", str(figures)], check=True, capture_output=True)
    total = json.loads(figures.read_text())
    total = total.get("all", total)
    assert total["f1"] >= 0.95
    assert total["speaker_acc"] >= 0.93
