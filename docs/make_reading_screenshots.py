"""Screenshots of the reading view in docs/: light and dark themes, a narrow window, review mode.

Run under a display, for example:
    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python docs/make_reading_screenshots.py

Uses a throw-away database and the real window on the sample article:
docs/theme-light.png and docs/theme-dark.png (a person open in the panel,
with a note, and the tooltip of a name that has one), docs/narrow-window.png
(a 1000×700 window as it opens), docs/review-mode.png (review mode part way).
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QPoint, QTimer
from PySide6.QtGui import QPainter, QPixmap, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolTip

from reader.core.kinds import Kind
from reader.core.overlay import Mention
from reader.resources import sample_article
from reader.ui.app import make_app
from reader.ui.main_window import MainWindow

DOCS = Path(__file__).parent
NOTE = (
    "**Somali defence minister** since 2024; former police commissioner.\n\n"
    "- Pushed for the *JBSC* patrol deal\n- Seen as close to the Jubaland leadership"
)
Step = Callable[[], None]


def hover(window: MainWindow, mention: Mention) -> None:
    """Show the tooltip of `mention` as hovering it does (Xvfb has no pointer to move)."""
    view = window.view
    cursor = QTextCursor(view.document())
    cursor.setPosition(view._map.to_qt(mention.start) + 2)
    point = view.viewport().mapToGlobal(view.cursorRect(cursor).center())
    QToolTip.showText(point, view.tooltip_for(mention), view)


def with_tooltip(window: MainWindow) -> QPixmap:
    """The window with the tooltip on screen drawn where the screen shows it."""
    shot = window.grab()
    tips = [
        w
        for w in QApplication.topLevelWidgets()
        if w.metaObject().className() == "QTipLabel" and w.isVisible()
    ]
    if tips:
        tip = tips[0]
        painter = QPainter(shot)
        painter.drawPixmap(window.mapFromGlobal(tip.mapToGlobal(QPoint(0, 0))), tip.grab())
        painter.end()
    return shot


def main() -> int:
    """Run each step after the previous one, then quit."""
    tmp = tempfile.mkdtemp()
    os.environ["READER_DB"] = str(Path(tmp) / "reader.db")
    app = make_app()
    window = MainWindow(Path(tmp) / "reader.db")
    window.resize(1360, 860)
    window.move(0, 0)
    window.show()
    steps: list[Step] = []
    state: dict[str, list[Mention]] = {}

    def run_next() -> None:
        if steps:
            steps.pop(0)()
            QTimer.singleShot(700, run_next)

    def person() -> Mention:
        return next(m for m in state["mentions"] if m.kind is Kind.PERSON and " " in m.text)

    def select_person_with_note() -> None:
        window.entities.show_mention(person())
        window.view.show_mention(person())
        card = window.panel.cards[0]
        card.editor.setPlainText(NOTE)
        card.set_editing(False)
        window.view.verticalScrollBar().setValue(0)

    def warsame() -> None:
        hover(window, next(m for m in window.articles.mentions if m.text == "Warsame"))

    def light() -> None:
        with_tooltip(window).save(str(DOCS / "theme-light.png"))

    def go_dark() -> None:
        prefs = window.preferences.current
        window.preferences.set(replace(prefs, theme="dark"))

    def dark() -> None:
        with_tooltip(window).save(str(DOCS / "theme-dark.png"))

    def narrow() -> None:
        window.preferences.set(replace(window.preferences.current, theme="light"))
        window.close()
        small = MainWindow(Path(tmp) / "reader.db")
        small.resize(1000, 700)  # a laptop window: the empty panel makes room for the text
        small.move(0, 0)
        small.show()

        def shown(_mentions: list[Mention]) -> None:
            QTimer.singleShot(500, lambda: small.grab().save(str(DOCS / "narrow-window.png")))
            QTimer.singleShot(600, lambda: review(small))

        small.mentions_changed.connect(shown)
        small.open_path(str(sample_article()))

    def review(win: MainWindow) -> None:
        win.resize(1280, 800)  # a common laptop width: the key legend must fit
        win.review.set_active(True)
        for key in "aaaaaa":
            QTest.keyClick(win.view, key)
            app.processEvents()
        QTimer.singleShot(900, lambda: finish(win))

    def finish(win: MainWindow) -> None:
        win.grab().save(str(DOCS / "review-mode.png"))
        print("wrote the reading screenshots in", DOCS)
        win.close()
        app.quit()

    def on_mentions(mentions: list[Mention]) -> None:
        if "mentions" in state:
            return
        state["mentions"] = mentions
        steps.extend([select_person_with_note, warsame, light, go_dark, warsame, dark, narrow])
        QTimer.singleShot(300, run_next)

    window.mentions_changed.connect(on_mentions)
    window.open_path(str(sample_article()))
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
