#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (a test tool's own browser download does not work
# here) and need a CJK font to draw Hangul. Install both when missing and we may; else explain.
set -euo pipefail
have_font() { fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; }
if [ -x /usr/bin/chromium ] && have_font; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium and fonts-noto-cjk for the browser tests..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
  exit 0
fi
echo "error: the browser tests need /usr/bin/chromium and a CJK font:" >&2
echo "  sudo apt-get install chromium fonts-noto-cjk" >&2
exit 1
