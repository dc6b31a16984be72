"""A real Reader window that types a note by itself, for the kill -9 durability test.

Usage: python _typing_window.py DB ARTICLE INTERVAL_MS COUNT

Opens ARTICLE (with a stand-in model, so no spaCy is needed), clicks the first
person, then types COUNT characters into a new note, one every INTERVAL_MS,
printing "typed N" after each key. The test kills this process with SIGKILL.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest

from reader.core.kinds import Kind
from reader.core.nlp import ModelSpan, Pipeline
from reader.ui.app import make_app
from reader.ui.main_window import MainWindow

TEXT = "the quick brown fox jumps over the lazy dog " * 10


def fake_run(self: Pipeline, text: str, cancelled: object = None) -> list[ModelSpan]:
    start = text.index("Lena Okafor")
    return [ModelSpan(start, start + len("Lena Okafor"), "PERSON")]


def main() -> int:
    db, article, interval, count = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    Pipeline.run = fake_run  # type: ignore[method-assign]
    Pipeline.load = lambda self: None  # type: ignore[method-assign]
    app = make_app()
    window = MainWindow(Path(db))
    window.show()
    typed = 0

    def key() -> None:
        nonlocal typed
        card = window.panel.cards[0]
        QTest.keyClicks(card.editor, TEXT[typed])
        typed += 1
        print(f"typed {typed}", flush=True)
        if typed == count:
            timer.stop()
            print("done", flush=True)

    timer = QTimer()
    timer.setInterval(interval)
    timer.timeout.connect(key)

    def start(mentions: list[object]) -> None:
        if timer.isActive() or typed:
            return
        person = next(m for m in window.articles.mentions if m.kind is Kind.PERSON)
        window.entities.show_mention(person)
        editor = window.panel.cards[0].editor
        QTest.mouseClick(editor.viewport(), Qt.MouseButton.LeftButton)
        print("ready", flush=True)
        timer.start()

    window.mentions_changed.connect(start)
    window.open_path(article)
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
