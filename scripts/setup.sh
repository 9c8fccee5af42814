#!/usr/bin/env bash
# Set up Verbatim in ./.venv: the system libraries Qt needs (installed when run as root,
# otherwise the exact apt line is printed), a virtual environment and the Python packages.
# Usage: scripts/setup.sh [gui|test]   (gui adds the libraries for a real X11 display)
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-gui}"

QT_OFFSCREEN_PKGS="libglib2.0-0 libdbus-1-3 libegl1 libgl1 libx11-6 libfontconfig1 libxkbcommon0 fonts-dejavu-core"
QT_X11_PKGS="libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxkbcommon-x11-0 libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0"
PY_PKGS="python3-venv"
pkgs="$QT_OFFSCREEN_PKGS"
[ "$mode" = gui ] && pkgs="$pkgs $QT_X11_PKGS"

missing=""
if command -v dpkg-query >/dev/null; then
  for p in $pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
  done
  python3 -c "import ensurepip" 2>/dev/null || missing="$missing $PY_PKGS"
fi
if [ -n "$missing" ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing system libraries for Qt:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
  else
    echo "Verbatim needs these system libraries. Run:"
    echo "  sudo apt-get install -y --no-install-recommends$missing"
    exit 1
  fi
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null 2>&1 || true
if ! .venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test]" > .venv/pip-install.log 2>&1; then
  cat .venv/pip-install.log; echo "Setup failed: pip could not install the Python packages (log above)."; exit 1
fi
.venv/bin/python -c "import qtapp.core.library, PySide6" || { echo "Setup failed: the Python packages did not install."; exit 1; }

# Citations use citeproc-js (the engine inside Zotero), an npm package installed beside the
# virtual environment, never into this repository; see docs/citations.md.
citeproc_dir=.venv/share/citeproc
if [ ! -f "$citeproc_dir/node_modules/citeproc/citeproc_commonjs.js" ]; then
  if ! command -v npm >/dev/null; then
    if [ "$(id -u)" = 0 ]; then
      echo "Installing npm to fetch the citation engine"
      apt-get update -qq && apt-get install -y -qq --no-install-recommends npm >/dev/null
    else
      echo "Citations need npm once, to fetch the citation engine. Run:"
      echo "  sudo apt-get install -y --no-install-recommends npm"
      exit 1
    fi
  fi
  version=$(.venv/bin/python -c "from qtapp.core.cite.engine import CITEPROC_VERSION; print(CITEPROC_VERSION)")
  npm install --silent --no-audit --no-fund --prefix "$citeproc_dir" "citeproc@$version" >/dev/null
fi
