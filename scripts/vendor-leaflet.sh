#!/usr/bin/env bash
# Vendors Leaflet (the map of handschlag/core/static/handschlag/js/map.js) from the npm
# registry into handschlag/core/static/vendor/leaflet/. Run by hand, once per upgrade; the
# files are committed and the site never fetches anything at run time. The tarball is checked
# against its SHA-256 (the same as npm's sha512 integrity of the release) before anything is copied.
# Upgrading: change VERSION and TARBALL_SHA256, run this, review the diff, run the tests
# (tests/core/test_leaflet_vendored.py checks the files against SOURCE.md).
set -euo pipefail
VERSION=1.9.4
TARBALL_SHA256=84c65a256e50657896f54c33bd857b6849ebe94c817803be818bf32a3dde0b77
DEST="$(cd "$(dirname "$0")/.." && pwd)/handschlag/core/static/vendor/leaflet"

command -v npm >/dev/null || { echo "npm is needed to vendor Leaflet (Debian: apt-get install npm)" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "leaflet@$VERSION" >/dev/null)
echo "$TARBALL_SHA256  $work/leaflet-$VERSION.tgz" | sha256sum --check --quiet
tar -xzf "$work/leaflet-$VERSION.tgz" -C "$work"

rm -rf "$DEST"
mkdir -p "$DEST/images"
# leaflet.js ends with a sourceMappingURL comment: the map comes along, because the hashed
# static files storage (collectstatic) rewrites that reference and fails if the file is missing.
cp "$work/package/dist/leaflet.js" "$work/package/dist/leaflet.js.map" \
   "$work/package/dist/leaflet.css" "$work/package/LICENSE" "$DEST/"
cp "$work/package/dist/images/marker-icon.png" "$work/package/dist/images/marker-icon-2x.png" \
   "$work/package/dist/images/marker-shadow.png" "$work/package/dist/images/layers.png" \
   "$work/package/dist/images/layers-2x.png" "$DEST/images/"

{
  echo "# Leaflet $VERSION (vendored)"
  echo
  echo "From the npm package \`leaflet@$VERSION\` (\`npm pack\`, by \`scripts/vendor-leaflet.sh\`),"
  echo "unchanged. BSD 2-Clause licence, see LICENSE. Nothing here is fetched at run time."
  echo
  echo "Tarball leaflet-$VERSION.tgz SHA-256: \`$TARBALL_SHA256\`"
  echo
  echo "SHA-256 of each file (checked by tests/core/test_leaflet_vendored.py):"
  echo
  echo '```'
  (cd "$DEST" && sha256sum LICENSE leaflet.css leaflet.js leaflet.js.map images/*.png)
  echo '```'
} > "$DEST/SOURCE.md"
echo "Leaflet $VERSION vendored into $DEST"
