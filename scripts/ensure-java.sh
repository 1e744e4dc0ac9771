#!/usr/bin/env bash
# The HTML check (tests/html/test_html_valid.py) runs the Nu Html Checker with the machine's
# Java: Debian's headless runtime, installed from Debian's packages when missing and possible.
set -euo pipefail
if command -v java >/dev/null && java -version >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing a Java runtime from Debian's packages for the HTML check (Nu Html Checker) …"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null
  exit 0
fi
cat >&2 <<'MSG'
The HTML check (the Nu Html Checker, vnu.jar) needs a Java runtime, and none is installed.
Install it with:   sudo apt-get install default-jre-headless
MSG
exit 1
