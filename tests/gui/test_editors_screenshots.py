"""The screenshot script still runs against the current windows and writes readable pictures."""

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
PICTURES = ("main-window", "source-view", "quick-log", "source-editor", "speaker-editor")


def test_screenshots_are_written_at_a_readable_size(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "screenshots.py"), "--out", str(tmp_path)],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    for name in PICTURES:
        image = QImage(str(tmp_path / f"{name}.png"))
        assert not image.isNull(), name
        assert 600 <= image.width() <= 1280 and 300 <= image.height() <= 800, (name, image.size())
        # A blank or unpainted window has a handful of colours; text and highlights have many.
        colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
        assert len(colours) > 20, name
    assert (tmp_path / "main-window.png").stat().st_size > 20_000
