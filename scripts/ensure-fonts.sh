#!/usr/bin/env bash
# PDFs in all the platform's languages (handschlag/core/pdf.py) need fonts for Latin, Cyrillic
# and Arabic script: Noto Sans and Noto Naskh Arabic from Debian's fonts-noto-core, found
# through fontconfig (which WeasyPrint and Chromium use). Installed when missing and possible.
set -euo pipefail
FAMILIES=("Noto Sans" "Noto Naskh Arabic")
PACKAGES="fonts-noto-core fontconfig"

have_fonts() {
  command -v fc-list >/dev/null || return 1
  local family
  for family in "${FAMILIES[@]}"; do
    [ -n "$(fc-list ":family=$family" family)" ] || return 1
  done
}

if have_fonts; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing fonts from Debian's packages for PDFs in every language ($PACKAGES) …"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $PACKAGES >/dev/null
  have_fonts && exit 0
  echo "The fonts were installed but fontconfig does not list them (fc-cache -f may help)." >&2
  exit 1
fi
cat >&2 <<MSG
PDFs in Arabic, Farsi, Ukrainian and the other languages need the fonts Noto Sans and
Noto Naskh Arabic, and fontconfig does not find them.
Install them with:   sudo apt-get install $PACKAGES
MSG
exit 1
