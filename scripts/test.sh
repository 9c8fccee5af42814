#!/usr/bin/env bash
# One command that sets up, lints (ruff) and runs the whole test suite headless (Qt offscreen).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
export QT_QPA_PLATFORM=offscreen
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
# Lint first: it takes about a second, and a failure names the file, line and rule to fix.
.venv/bin/ruff check --quiet . || { echo "ruff check failed (see above): fix those lines, then run this again."; exit 1; }
rc=0
# -X faulthandler: a crash in Qt prints every thread's Python stack, also during start and exit.
.venv/bin/python -X faulthandler -m pytest -q "$@" || rc=$?
if [ "$rc" -eq 5 ]; then echo "no tests were collected"; exit 1; fi
exit "$rc"
