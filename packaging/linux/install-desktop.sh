#!/bin/sh
# Install Reader's desktop integration files (launcher, AppStream metainfo, icons)
# into ${PREFIX:-$HOME/.local}/share. This does not install the `reader` program
# itself; do that with pip/pipx or the PyInstaller bundle.
#
# Usage: packaging/linux/install-desktop.sh
#        PREFIX=/usr/local sudo -E packaging/linux/install-desktop.sh
#        DESTDIR=/tmp/stage PREFIX=/usr packaging/linux/install-desktop.sh
set -eu

APP_ID=org.readerapp.Reader

# Resolve paths from this script's own location, not the caller's cwd.
script_dir=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
repo_root=$(CDPATH= cd -- "$script_dir/../.." && pwd)

prefix=${PREFIX:-$HOME/.local}
share="${DESTDIR:-}$prefix/share"

install_file() {  # install_file SRC DEST_DIR DEST_NAME
    if [ ! -f "$1" ]; then
        echo "install-desktop.sh: missing $1" >&2
        exit 1
    fi
    mkdir -p "$2"
    cp -- "$1" "$2/$3"
    chmod 0644 "$2/$3"
    echo "installed $2/$3"
}

install_file "$script_dir/$APP_ID.desktop" "$share/applications" "$APP_ID.desktop"
install_file "$script_dir/$APP_ID.metainfo.xml" "$share/metainfo" "$APP_ID.metainfo.xml"
install_file "$repo_root/resources/icons/reader.svg" \
    "$share/icons/hicolor/scalable/apps" "$APP_ID.svg"
install_file "$repo_root/resources/icons/reader-256.png" \
    "$share/icons/hicolor/256x256/apps" "$APP_ID.png"

# Refresh caches when the tools exist; failures here are not fatal.
# Skipped when staging into DESTDIR (the package manager does it on install).
if [ -z "${DESTDIR:-}" ]; then
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$share/applications" || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1 \
        && [ -f "$share/icons/hicolor/index.theme" ]; then
        gtk-update-icon-cache -q -t "$share/icons/hicolor" || true
    fi
fi
