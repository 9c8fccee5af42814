#!/usr/bin/env bash
# One command from a fresh Debian machine to the open app: set up, then start Verbatim on
# the default library (or pass --library FILE and any other verbatim arguments).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh gui
exec .venv/bin/verbatim "$@"
