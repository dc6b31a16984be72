"""Guards against Qt binding releases that would crash the window in long sessions."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtGui import QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QLabel, QTextEdit
from pytestqt.qtbot import QtBot


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_void_calls_do_not_leak_references_to_none(qtbot: QtBot) -> None:
    """PySide6 6.12.0 decrefs None on each void call: the app dies after ~2000 clicks."""
    label = QLabel()
    qtbot.addWidget(label)
    edit = QTextEdit()
    qtbot.addWidget(edit)
    cursor = QTextCursor(QTextDocument("some text"))
    fmt = QTextCharFormat()
    before = sys.getrefcount(None)
    for _ in range(200):
        label.setText("x")
        cursor.setPosition(2)
        cursor.mergeCharFormat(fmt)
        edit.setExtraSelections([])
    assert sys.getrefcount(None) >= before - 10
