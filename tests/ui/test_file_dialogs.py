"""A file dialog listing the library's folder must not cost the window its SQLite locks.

Found by a user test: with the window open, File ▸ Open was pointed at the library's
folder, then `reader annotate` ran on the same library and deleted its write-ahead
log under the window, so what was typed next was lost on a crash.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from reader.core.store import Store
from reader.ui import file_dialogs


def _other_process_opens_and_closes(db: Path) -> None:
    code = (
        "import sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1])\n"
        "c.execute('select count(*) from articles').fetchone()\n"
        "c.close()\n"
    )
    subprocess.run([sys.executable, "-c", code, str(db)], check=True, timeout=60)


def _close_the_dialog_soon(qtbot: QtBot, seen: list[bool]) -> None:
    def close() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QFileDialog):
            qtbot.wait(800)  # let it list the folder (and, before the fix, sniff every file)
            seen.append(True)
            dialog.reject()
        else:
            QTimer.singleShot(50, close)

    QTimer.singleShot(50, close)


@pytest.mark.parametrize("pick", ["open_file", "open_files", "existing_folder"])
def test_listing_the_library_folder_keeps_its_write_ahead_log(
    qtbot: QtBot, tmp_path: Path, pick: str
) -> None:
    db = tmp_path / "reader.db"
    store = Store(db)
    try:
        with store.transaction():
            store.set_setting("theme", "dark")  # a write that lives in the -wal file for now
        assert Path(str(db) + "-wal").exists()
        seen: list[bool] = []
        _close_the_dialog_soon(qtbot, seen)
        if pick == "existing_folder":
            file_dialogs.existing_folder(None, "Pick", str(tmp_path))
        else:
            getattr(file_dialogs, pick)(None, "Pick", str(tmp_path), "All files (*)")
        assert seen, "the dialog never showed"
        _other_process_opens_and_closes(db)
        # The window still holds the library, so the other process must leave its log alone.
        assert Path(str(db) + "-wal").exists()
        assert Path(str(db) + "-shm").exists()
        assert store.get_setting("theme") == "dark"
    finally:
        store.close()


def test_the_dialogs_name_a_files_type_from_its_suffix(tmp_path: Path, qtbot: QtBot) -> None:
    from PySide6.QtCore import QFileInfo

    provider = file_dialogs.PlainIconProvider()
    secret = tmp_path / "reader.db-wal"
    secret.write_bytes(b"\x00" * 10)
    assert provider.type(QFileInfo(str(secret))) == "DB-WAL file"
    assert provider.type(QFileInfo(str(tmp_path))) == "Folder"
    assert not provider.icon(QFileInfo(str(secret))).isNull()
