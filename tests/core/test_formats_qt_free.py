"""Export and import work headless: no format, nor the ground-rule decision, loads Qt."""

import subprocess
import sys

CODE = """
import sys
from qtapp.core.formats.registry import FORMATS
for fmt in FORMATS.values():
    fmt.write, fmt.read
import qtapp.core.publish, qtapp.cli.commands.export, qtapp.cli.commands.import_cmd
print(sorted(m for m in sys.modules if m.startswith(("PySide6", "qtapp.gui"))))
"""


def test_formats_and_commands_never_import_qt():
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
