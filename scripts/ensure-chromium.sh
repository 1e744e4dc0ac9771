#!/usr/bin/env bash
# Browser tests drive Debian's Chromium (never a downloaded browser build).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Chromium from Debian's packages for the browser tests …"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
  exit 0
fi
cat >&2 <<'MSG'
The browser tests need Debian's Chromium at /usr/bin/chromium, and it is not installed.
Install it with:   sudo apt-get install chromium
(This project never downloads a browser of its own.)
MSG
exit 1
