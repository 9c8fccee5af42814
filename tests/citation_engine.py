"""The skip marker of tests that render citations: citeproc-js comes from scripts/setup.sh, not pip."""

import pytest

from qtapp.core.cite.engine import citeproc_js_path

needs_engine = pytest.mark.skipif(citeproc_js_path() is None, reason="citeproc-js is not installed (scripts/setup.sh)")
