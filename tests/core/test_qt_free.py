"""The core never loads Qt: scripts and the command line use it without a display."""

import subprocess
import sys


def test_importing_the_whole_core_does_not_load_pyside6():
    code = (
        "import importlib, pkgutil, sys, qtapp.core\n"
        "for m in pkgutil.walk_packages(qtapp.core.__path__, 'qtapp.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "import qtapp.cli\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'qtapp.gui'))]\n"
        "print(bad); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
