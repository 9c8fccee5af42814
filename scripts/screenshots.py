"""Save screenshots of Verbatim with the sample library to docs/img/ (for the README and docs).

    .venv/bin/python scripts/screenshots.py            # offscreen when there is no display
    xvfb-run -a -s "-screen 0 1280x1024x24" .venv/bin/python scripts/screenshots.py
    xvfb-run -a -s "-screen 0 1024x700x24" .venv/bin/python scripts/screenshots.py \
        --main-only 1024x700 --out docs/screenshots     # the main window alone, at a laptop's size

Builds a fresh library with :func:`qtapp.core.sample.load_sample` in a temporary folder, opens
the real main window at 1280×800, then the source view and the quick log, and writes one PNG
each. Window state goes to a temporary settings folder, so a user's own settings are untouched.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# QSettings reads and writes here, not in the user's configuration.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="verbatim-shots-config-")

from PySide6.QtCore import QItemSelectionModel  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from qtapp.core.checks import check_library  # noqa: E402
from qtapp.core.library import Library  # noqa: E402
from qtapp.core.sample import load_sample  # noqa: E402
from qtapp.gui.editors.source_editor import SourceEditor  # noqa: E402
from qtapp.gui.editors.speaker_editor import SpeakerEditor  # noqa: E402
from qtapp.gui.main_window import MainWindow  # noqa: E402
from qtapp.gui.quick_log import QuickLogDialog  # noqa: E402
from qtapp.gui.source_view import SourceView  # noqa: E402


def settle(app: QApplication, rounds: int = 5) -> None:
    """Let layouts, lazy models and delayed timers finish before a picture is taken."""
    for _ in range(rounds):
        app.processEvents()


def save(app: QApplication, widget: QWidget, path: Path) -> Path:
    widget.show()
    settle(app)
    if not widget.grab().save(str(path)):
        raise SystemExit(f"Could not write {path}. Check that the folder is writable.")
    print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}  {widget.width()}×{widget.height()}")
    return path


def busiest_source(lib: Library) -> int:
    """The source with the most quotes located in its text: the best picture of highlights."""
    row = lib.db.execute("SELECT source_id FROM quotes WHERE span_start IS NOT NULL AND deleted_at IS NULL "
                         "GROUP BY source_id ORDER BY count(*) DESC, source_id LIMIT 1").fetchone()
    return row[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Save screenshots of Verbatim to docs/img/.")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img", help="folder for the PNG files")
    parser.add_argument("--main-only", metavar="WxH",
                        help="only the main window, at this size, saved as main-window-WxH.png")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    folder = Path(tempfile.mkdtemp(prefix="verbatim-shots-"))
    lib = Library(folder / "Marlow Bay.verbatim")
    load_sample(lib)
    check_library(lib)   # as on a first start: the list shows what the checks found

    width, height = (int(n) for n in (args.main_only or "1280x800").split("x"))
    window = MainWindow(lib)
    window.resize(width, height)
    window.show()
    settle(app)
    first = window.model.index(0, 0)
    window.table.selectionModel().setCurrentIndex(
        first, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
    save(app, window, args.out / (f"main-window-{args.main_only}.png" if args.main_only else "main-window.png"))
    if args.main_only:
        window.close()
        lib.close()
        return 0

    source_id = busiest_source(lib)
    view = SourceView(lib, source_id)
    view.resize(1000, 640)
    save(app, view, args.out / "source-view.png")

    dialog = QuickLogDialog(lib, source_id=source_id)
    speaker = lib.db.execute("SELECT speaker_id FROM quotes WHERE source_id = ? LIMIT 1", [source_id]).fetchone()[0]
    dialog.speaker.setText(lib.speakers.get(speaker).name)
    dialog.words.setPlainText("We will publish the inspection report in full, and we will do it this week.")
    dialog.said.setText("3/14/2024")     # typed as a reporter types it; the reading shows beside it
    save(app, dialog, args.out / "quick-log.png")

    save(app, SourceEditor(lib, source_id), args.out / "source-editor.png")
    save(app, SpeakerEditor(lib, speaker), args.out / "speaker-editor.png")

    for widget in (dialog, view, window):
        widget.close()
    lib.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
