"""File dialogs that never open the files they list.

SQLite's locks on the library are POSIX advisory locks, and a process loses all of
its locks on a file the moment it closes *any* descriptor of that file
(https://sqlite.org/howtocorrupt.html, section 2.2). Qt's file dialog works out
each listed file's type by reading its first bytes; listing the library's folder
therefore opened and closed `reader.db-wal` and `reader.db-shm` in the window's
process, dropped the window's locks, and let the next `reader annotate` on that
library checkpoint and delete the write-ahead log under the open window: what was
typed after that was lost on a crash. These dialogs name files by their names
alone, and they are Qt's own dialogs everywhere, because a platform's native dialog
may run in this process and read file contents as well.
"""

from __future__ import annotations

from PySide6.QtCore import QFileInfo
from PySide6.QtGui import QAbstractFileIconProvider, QIcon
from PySide6.QtWidgets import QApplication, QFileDialog, QStyle, QWidget


class PlainIconProvider(QAbstractFileIconProvider):
    """Icons and type names from a file's kind and name, never from its bytes."""

    def icon(self, which: object) -> QIcon:  # one method for the two C++ overloads
        """A folder's or a file's standard icon."""
        style = QApplication.style()
        folder = (isinstance(which, QFileInfo) and which.isDir()) or (
            isinstance(which, QAbstractFileIconProvider.IconType)
            and which is not QAbstractFileIconProvider.IconType.File
        )
        pixmap = QStyle.StandardPixmap.SP_DirIcon if folder else QStyle.StandardPixmap.SP_FileIcon
        return style.standardIcon(pixmap)

    def type(self, info: QFileInfo) -> str:
        """A type name from the suffix alone ("PDF file"), never from the bytes."""
        if info.isDir():
            return "Folder"
        suffix = info.suffix()
        return f"{suffix.upper()} file" if suffix else "File"


def _dialog(parent: QWidget | None, caption: str, start: str, name_filter: str = "") -> QFileDialog:
    dialog = QFileDialog(parent, caption, start, name_filter)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setIconProvider(PlainIconProvider())
    return dialog


def open_file(parent: QWidget | None, caption: str, start: str, name_filter: str) -> str:
    """One existing file's path, or "" if the user cancelled."""
    dialog = _dialog(parent, caption, start, name_filter)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    return dialog.selectedFiles()[0] if dialog.exec() and dialog.selectedFiles() else ""


def open_files(parent: QWidget | None, caption: str, start: str, name_filter: str) -> list[str]:
    """Existing files' paths, or [] if the user cancelled."""
    dialog = _dialog(parent, caption, start, name_filter)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    return list(dialog.selectedFiles()) if dialog.exec() else []


def save_file(parent: QWidget | None, caption: str, start: str, name_filter: str) -> str:
    """A path to write to (the dialog asks before overwriting), or ""."""
    dialog = _dialog(parent, caption, start, name_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    return dialog.selectedFiles()[0] if dialog.exec() and dialog.selectedFiles() else ""


def existing_folder(parent: QWidget | None, caption: str, start: str) -> str:
    """A folder's path, or ""."""
    dialog = _dialog(parent, caption, start)
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    return dialog.selectedFiles()[0] if dialog.exec() and dialog.selectedFiles() else ""
