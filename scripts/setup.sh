#!/usr/bin/env bash
# Set up Verbatim in ./.venv in three phases, one line each: the system libraries Qt needs
# (installed when run as root, otherwise one `sudo apt-get install` line names them all), the
# Python packages, and the citation engine (citeproc-js, fetched with npm).
# Usage: scripts/setup.sh [gui|test]   gui: the app, with the X11 libraries for a real display;
#                                      test: offscreen libraries, the [test] extras, and espeak-ng
#                                      and sox, which speak the tests' recordings.
# After the first run nothing here needs the network: pip runs again only when pyproject.toml
# changed (its hash is kept in .venv/setup-stamp), npm only when the pinned engine changed.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-gui}"
case "$mode" in gui|test) ;; *) echo "Usage: scripts/setup.sh [gui|test]" >&2; exit 2 ;; esac

QT_OFFSCREEN_PKGS="libglib2.0-0 libdbus-1-3 libegl1 libgl1 libx11-6 libfontconfig1 libxkbcommon0 fonts-dejavu-core"
# QtMultimedia's FFmpeg backend (the recording player): PulseAudio client for the sound, and
# the X libraries its plugin and libavutil link (FFmpeg itself ships inside the wheel).
QT_MEDIA_PKGS="libpulse0 libxrandr2 libxext6 libdrm2"
# The tests speak known sentences at known times to make their recordings.
TEST_MEDIA_PKGS="espeak-ng sox"
QT_X11_PKGS="libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxkbcommon-x11-0 libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0"
stamp=.venv/setup-stamp
citeproc_dir=.venv/share/citeproc
citeproc_pkg=$citeproc_dir/node_modules/citeproc
citeproc_version=$(sed -n 's/^CITEPROC_VERSION = "\([^"]*\)".*/\1/p' qtapp/core/cite/engine.py)

# What the Python packages must be: this pyproject.toml, with the test extras or without.
extras=""; [ "$mode" = test ] && extras="[test]"
want="$(sha256sum pyproject.toml | cut -d' ' -f1) $extras"
python_up_to_date() {
  [ -x .venv/bin/python ] && [ -f "$stamp" ] || return 1
  local have; have=$(cat "$stamp")
  # A test setup holds everything the app needs, so it serves the app too.
  [ "$have" = "$want" ] || { [ "$mode" = gui ] && [ "$have" = "$want[test]" ]; } || return 1
  # ... and Verbatim still imports from this checkout.
  .venv/bin/python -c "import importlib.util as u, sys; s = u.find_spec('qtapp'); u.find_spec('PySide6') or sys.exit(1)
sys.exit(s is None or s.origin != sys.argv[1])" "$PWD/qtapp/__init__.py" 2>/dev/null
}
engine_installed() {
  grep -qs "\"version\": \"$citeproc_version\"" "$citeproc_pkg/package.json" && [ -f "$citeproc_pkg/citeproc_commonjs.js" ]
}

# Phase 1: every missing system package, gathered up front so a user is asked once.
printf 'Setup: system libraries … '
pkgs="$QT_OFFSCREEN_PKGS $QT_MEDIA_PKGS"
[ "$mode" = gui ] && pkgs="$pkgs $QT_X11_PKGS"
[ "$mode" = test ] && pkgs="$pkgs $TEST_MEDIA_PKGS"
[ -x .venv/bin/python ] || python3 -c "import ensurepip" 2>/dev/null || pkgs="$pkgs python3-venv"
engine_installed || command -v npm >/dev/null || pkgs="$pkgs npm"
missing=""
if command -v dpkg-query >/dev/null; then
  installed=$(dpkg-query -W -f='${Package} ${Status}\n' $pkgs 2>/dev/null | awk '/ install ok installed$/ {print $1}' || true)
  for p in $pkgs; do
    grep -qx "$p" <<<"$installed" || missing="$missing $p"
  done
fi
if [ -z "$missing" ]; then
  echo "ok"
elif [ "$(id -u)" = 0 ]; then
  echo "installing$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt_log=$(mktemp)
  if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing; } >"$apt_log" 2>&1; then
    cat "$apt_log"; echo "Setup failed: apt-get could not install the system libraries (log above)."; exit 1
  fi
  rm -f "$apt_log"
  echo "Setup: system libraries … ok"
else
  echo "missing"
  echo "Verbatim needs these Debian packages. Run this once, then run this command again:"
  echo "  sudo apt-get install -y --no-install-recommends$missing"
  exit 1
fi

# Phase 2: the virtual environment and the Python packages.
printf 'Setup: Python packages … '
if python_up_to_date; then
  echo "up to date"
else
  echo "installing into .venv (needs the network; about a minute the first time)"
  if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
    .venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null 2>&1 || true
  fi
  rm -f "$stamp"
  if ! .venv/bin/python -m pip install -q --disable-pip-version-check -e ".$extras" > .venv/pip-install.log 2>&1; then
    cat .venv/pip-install.log; echo "Setup failed: pip could not install the Python packages (log above)."; exit 1
  fi
  .venv/bin/python -c "import qtapp.core.library, PySide6" || { echo "Setup failed: the Python packages did not install."; exit 1; }
  echo "$want" > "$stamp"
  echo "Setup: Python packages … ok"
fi

# Phase 3: citeproc-js (the engine inside Zotero), an npm package installed beside the
# virtual environment, never into this repository; see docs/citations.md.
printf 'Setup: citation engine … '
if engine_installed; then
  echo "ok"
else
  echo "fetching citeproc $citeproc_version with npm"
  npm install --silent --no-audit --no-fund --prefix "$citeproc_dir" "citeproc@$citeproc_version" >/dev/null
  engine_installed || { echo "Setup failed: npm did not install the citation engine."; exit 1; }
  echo "Setup: citation engine … ok"
fi

# The desktop entry and icon, so the menu and dock show Verbatim with its name and icon
# (gui setup only; quietly, as part of setting up the app for this user).
if [ "$mode" = gui ] && [ -n "${XDG_DATA_HOME:-}${HOME:-}" ]; then
  share="${XDG_DATA_HOME:-${HOME:-}/.local/share}"
  mkdir -p "$share/applications" "$share/icons/hicolor/scalable/apps" "$share/metainfo" 2>/dev/null && {
    sed "s|^Exec=verbatim|Exec=$PWD/.venv/bin/verbatim|" resources/verbatim.desktop > "$share/applications/verbatim.desktop"
    cp resources/verbatim.svg "$share/icons/hicolor/scalable/apps/verbatim.svg"
    cp resources/verbatim.metainfo.xml "$share/metainfo/verbatim.metainfo.xml"
  } 2>/dev/null || true
fi
