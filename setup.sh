#!/usr/bin/env bash
# Set up campaignkit on a fresh Debian or Ubuntu machine (Python >= 3.11, pip, apt):
# the system libraries WeasyPrint needs, a virtualenv in .venv, and the package.
#   ./setup.sh          to build the campaign
#   ./setup.sh --test   also installs the test and lint tools
set -euo pipefail
cd "$(dirname "$0")"

extras=""
[ "${1:-}" = "--test" ] && extras="[test]"

# WeasyPrint lays out text with Pango and subsets fonts with HarfBuzz; Pillow shapes
# text with FriBiDi. Fonts are not installed: they ship in brand/fonts/.
# LibreOffice Impress turns decks into slide previews for the gallery (it sees only the
# brand fonts too).
packages="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 libfribidi0 libreoffice-impress"
python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
  echo "setup.sh: campaignkit needs Python 3.11 or newer as python3" >&2; exit 1; }
python3 -c 'import ensurepip, venv' 2>/dev/null || packages="$packages python3-venv"
# The gallery's tests drive Debian's Chromium through Playwright (no browser download), and
# check it with axe-core, from the npm registry.
[ -n "$extras" ] && packages="$packages chromium"

missing=""
for package in $packages; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing="$missing $package"
done
if [ -n "$missing" ]; then
  command -v apt-get >/dev/null || {
    echo "setup.sh: install these system packages first:$missing" >&2; exit 1; }
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "setup.sh: installing$missing"
  $sudo apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".$extras"
# axe-core's one file, from the npm registry, checked against the registry's sha512 (no npm
# needed: Debian's npm package pulls in hundreds of packages).
axe=.venv/node/node_modules/axe-core
if [ -n "$extras" ] && [ ! -f "$axe/axe.min.js" ]; then
  .venv/bin/python - "$axe" <<'PY'
import base64, hashlib, io, pathlib, sys, tarfile, urllib.request
URL = "https://registry.npmjs.org/axe-core/-/axe-core-4.14.1.tgz"
SHA512 = "FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="
data = urllib.request.urlopen(URL, timeout=60).read()
if base64.b64encode(hashlib.sha512(data).digest()).decode() != SHA512:
    sys.exit("setup.sh: axe-core download does not match its sha512; try again")
folder = pathlib.Path(sys.argv[1])
folder.mkdir(parents=True, exist_ok=True)
with tarfile.open(fileobj=io.BytesIO(data)) as archive:
    for name in ("axe.min.js", "LICENSE"):
        (folder / name).write_bytes(archive.extractfile(f"package/{name}").read())
PY
fi
echo "setup.sh: ready. Build with .venv/bin/doit; see README.md."
