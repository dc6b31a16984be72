"""Window geometry and dock layout, saved beside the library with a state version.

A saved layout from an older set of docks is ignored rather than restored
half-right (calibre's MAIN_WINDOW_STATE_VERSION does the same).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow

from reader.core import private

STATE_VERSION = 2  # bump when docks change, so old saved layouts are ignored


def settings_for(db_path: Path) -> QSettings:
    """The window's settings file: window.ini next to the database, private."""
    path = Path(db_path).with_name("window.ini")
    private.create_file(path)
    return QSettings(str(path), QSettings.Format.IniFormat)


def restore(window: QMainWindow, settings: QSettings) -> bool:
    """Put the window and its docks back where the user left them (False: nothing saved)."""
    if settings.value("state_version") != str(STATE_VERSION):
        return False
    geometry = settings.value("geometry")
    state = settings.value("window_state")
    if isinstance(geometry, QByteArray):
        window.restoreGeometry(geometry)
    return isinstance(state, QByteArray) and window.restoreState(state, STATE_VERSION)


def save(window: QMainWindow, settings: QSettings) -> None:
    """Remember the window and its docks."""
    settings.setValue("state_version", str(STATE_VERSION))
    settings.setValue("geometry", window.saveGeometry())
    settings.setValue("window_state", window.saveState(STATE_VERSION))
    settings.sync()
    private.restrict(Path(settings.fileName()))  # Qt writes it with the default mode
