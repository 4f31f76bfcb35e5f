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
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium
fi
"$PYTHON" -m pip install --quiet "playwright>=1.45"
