#!/usr/bin/env bash
# What the browser tests (tests/web/test_browser.py) need: Debian's chromium, and the playwright
# Python package for its API only. `playwright install` (which downloads a browser build) is never
# run: the tests drive the system browser at /usr/bin/chromium.
#
#   scripts/install_browser.sh [PYTHON]     PYTHON defaults to .venv/bin/python
set -euo pipefail
PYTHON="${1:-.venv/bin/python}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
if ! command -v chromium >/dev/null 2>&1; then
  if ! command -v apt-get >/dev/null 2>&1 || { [ -n "$SUDO" ] && ! sudo -n true 2>/dev/null; }; then
    echo "install_browser: cannot install Debian's chromium here; the browser tests will be skipped." >&2
    exit 0
  fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium
fi
"$PYTHON" -m pip install --quiet "playwright>=1.45"
