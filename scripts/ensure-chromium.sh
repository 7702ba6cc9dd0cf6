#!/usr/bin/env bash
# Makes sure Debian's Chromium is there for the browser and end-to-end tests (no test tool downloads one).
set -euo pipefail
chrome="${CHROME_PATH:-/usr/bin/chromium}"
[ -x "$chrome" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium package for the browser tests…"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
cat >&2 <<MSG
The browser tests need Chromium at $chrome.
  Debian/Ubuntu:  sudo apt-get install -y chromium
  Elsewhere:      install Chromium or Chrome and set CHROME_PATH=/path/to/chrome
MSG
exit 1
