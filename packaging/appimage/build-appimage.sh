#!/usr/bin/env bash
# Wrap the PyInstaller bundle (dist/reader/, from packaging/build-bundle.sh) in
# an AppImage: dist/Reader-VERSION-x86_64.AppImage.
#
#   bash packaging/appimage/build-appimage.sh [--appdir-only]
#
# Needs `appimagetool` on the PATH (from the AppImage project's releases). It
# is not on PyPI or in Debian, and it downloads its runtime from GitHub while
# it builds, so this cannot run on a machine without general network access.
# --appdir-only stops after assembling build/Reader.AppDir, which can be
# checked anywhere: `build/Reader.AppDir/AppRun --version`.
set -euo pipefail
cd "$(dirname "$0")/../.."

APP_ID=org.readerapp.Reader
appdir=build/Reader.AppDir
[ -x dist/reader/reader ] || { echo "build-appimage: run packaging/build-bundle.sh first" >&2; exit 1; }
version=$(dist/reader/reader --version | cut -d' ' -f2)

rm -rf "$appdir"
mkdir -p "$appdir/usr/lib" "$appdir/usr/share/applications" "$appdir/usr/share/metainfo" \
    "$appdir/usr/share/icons/hicolor/256x256/apps"
cp -a dist/reader "$appdir/usr/lib/reader"
install -m 0755 packaging/appimage/AppRun "$appdir/AppRun"
install -m 0644 packaging/linux/$APP_ID.desktop "$appdir/usr/share/applications/$APP_ID.desktop"
install -m 0644 packaging/linux/$APP_ID.metainfo.xml "$appdir/usr/share/metainfo/$APP_ID.appdata.xml"
install -m 0644 resources/icons/reader-256.png "$appdir/usr/share/icons/hicolor/256x256/apps/$APP_ID.png"
# appimagetool wants the launcher and icon at the top of the AppDir too.
cp "$appdir/usr/share/applications/$APP_ID.desktop" "$appdir/$APP_ID.desktop"
cp resources/icons/reader-256.png "$appdir/$APP_ID.png"
echo "build-appimage: assembled $appdir (reader $version)"
[ "${1:-}" = --appdir-only ] && exit 0

ARCH=x86_64 appimagetool "$appdir" "dist/Reader-$version-x86_64.AppImage"
