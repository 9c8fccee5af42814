"""citeproc-js, the engine inside Zotero, run in an embedded V8 (the ``mini-racer`` package).

citeproc-js is an npm package under CPAL/AGPL, so it is installed beside Verbatim, never into
it: ``scripts/setup.sh`` runs ``npm install citeproc@<pinned>`` into ``.venv/share/citeproc``
(see ``docs/citations.md``). :func:`citeproc_js_path` finds it there, or at the file named by
the ``VERBATIM_CITEPROC_JS`` environment variable. When it is missing, rendering raises
:class:`CitationEngineMissing` with the command that installs it; nothing else in Verbatim
depends on it.
"""

from __future__ import annotations

import atexit
import json
import os
import sys
import threading
from pathlib import Path

from ..errors import InvalidInput, VerbatimError
from .driver import DRIVER_JS

CITEPROC_VERSION = "2.4.63"  # npm "citeproc" 2.4.63 = citeproc-js 1.4.63
_RELATIVE = Path("share", "citeproc", "node_modules", "citeproc", "citeproc_commonjs.js")
_GLOBAL_NODE_MODULES = ("/usr/local/lib/node_modules", "/usr/lib/node_modules")
INSTALL_HINT = (f"npm install --prefix {Path(sys.prefix) / 'share' / 'citeproc'} citeproc@{CITEPROC_VERSION}")


class CitationEngineMissing(VerbatimError):
    """The citation engine (citeproc-js and the embedded V8) or the style files are not installed."""


def citeproc_js_path() -> Path | None:
    """Where citeproc-js is installed: ``$VERBATIM_CITEPROC_JS``, ``<venv>/share/citeproc``, or npm's global folder."""
    configured = os.environ.get("VERBATIM_CITEPROC_JS")
    candidates = [Path(configured)] if configured else []
    candidates.append(Path(sys.prefix) / _RELATIVE)
    # A system-wide `npm install -g citeproc` is found too.
    candidates += [Path(root, "citeproc", "citeproc_commonjs.js") for root in _GLOBAL_NODE_MODULES]
    return next((p for p in candidates if p.is_file()), None)


class CiteprocJS:
    """One V8 context with citeproc-js and our driver loaded, shared by every thread.

    * Loading takes a few hundred milliseconds, once; each rendering after that is fast.
    * Calls are serialised by a lock: a V8 context runs one thing at a time.
    * The context is closed at exit (an open one can keep the interpreter from ending).
    """

    _lock = threading.Lock()
    _instance: CiteprocJS | None = None

    def __init__(self) -> None:
        source = citeproc_js_path()
        if source is None:
            raise CitationEngineMissing(
                "Citations need citeproc-js, which is not installed. Run scripts/setup.sh, or: " + INSTALL_HINT)
        try:
            from py_mini_racer import JSEvalException, LibNotFoundError, MiniRacer
        except ImportError:
            raise CitationEngineMissing("Citations need the mini-racer package, which is not installed. "
                                        "Run scripts/setup.sh, or: .venv/bin/pip install mini-racer") from None
        try:
            self._racer = MiniRacer()
        except LibNotFoundError:
            raise CitationEngineMissing("The mini-racer package has no V8 library for this computer. "
                                        "Reinstall it: .venv/bin/pip install --force-reinstall mini-racer") from None
        atexit.register(self._racer.close)
        try:
            self._racer.eval("var module = {exports: {}}, exports = module.exports;")
            self._racer.eval(source.read_text(encoding="utf-8", errors="replace"))
            self._racer.eval("var CSL = module.exports;" + DRIVER_JS)
        except (JSEvalException, OSError) as e:
            reason = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
            raise CitationEngineMissing(f"citeproc-js at {source} could not be loaded ({reason}). "
                                        f"Reinstall it: {INSTALL_HINT}") from None

    @classmethod
    def shared(cls) -> CiteprocJS:
        """The process-wide engine, loaded on first use."""
        with cls._lock:
            if cls._instance is None:
                cls._instance = cls()
            return cls._instance

    def render(self, request: dict) -> list[dict]:
        """Run the driver on ``request`` (style, lang, locales, items, format, locator, label).

        :raises InvalidInput: citeproc-js rejected the style or an item.
        """
        from py_mini_racer import JSEvalException

        with self._lock:
            try:
                return json.loads(self._racer.call("verbatim.render", request))
            except JSEvalException as e:
                reason = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
                raise InvalidInput(f"The citation engine could not render this ({reason}). Check that the "
                                   "style is a valid CSL 1.0 file, and the source's dates and names.") from None

    def parse_particles(self, names: list[dict]) -> list[dict]:
        """Split particles out of two-field names as Zotero does before citing ("van Gogh" → particle "van").

        Zotero calls citeproc-js's own ``CSL.parseParticles`` on every name with a family and a
        given part, unless the family name is in double quotes (which are then removed).
        """
        with self._lock:
            return json.loads(self._racer.call("verbatim.parseParticles", names))
