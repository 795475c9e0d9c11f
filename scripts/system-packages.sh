#!/bin/sh
# Makes sure the Debian packages that WeasyPrint and the briefs' fonts need are installed:
# installs them with apt-get when running as root, otherwise says what to run.
# `system-packages.sh test` adds what the tests need besides: a browser, and npm.
set -eu

# Pango/HarfBuzz for WeasyPrint's layout; harfbuzz-subset for fast font subsetting; fontconfig's
# fc-list for the glyph-coverage check;
# Noto for Latin text and Noto CJK for names in Chinese characters (王毅).
packages="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig fonts-noto-core fonts-noto-cjk"
if [ "${1:-}" = test ]; then
    # Chromium for the browser tests of the HTML briefs; npm installs axe-core for them.
    # A Node.js that brings its own npm (not Debian's) will do. openssl makes a certificate
    # for the tests' STARTTLS mail server; qpdf checks the PDFs' structure.
    packages="$packages chromium openssl qpdf"
    command -v npm >/dev/null 2>&1 || packages="$packages npm"
fi
python=${PYTHON:-python3}
# Debian's own Python can only make a virtualenv with python3-venv installed: try it once,
# while there is no .venv yet.
if [ ! -x .venv/bin/python ]; then
    probe=$(mktemp -d)
    if ! "$python" -m venv "$probe/venv" >/dev/null 2>&1; then
        packages="$packages python3-venv"
    fi
    rm -rf "$probe"
fi

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "note: not a Debian system; make sure these (or their equivalents) are installed: $packages" >&2
    exit 0
fi

missing=""
for package in $packages; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $package"
    fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ]; then
    echo "installing system packages:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends $missing
else
    echo "briefs needs these Debian packages, which are not installed:$missing" >&2
    echo "run:  sudo apt-get install -y$missing" >&2
    echo "then run make again." >&2
    exit 1
fi
