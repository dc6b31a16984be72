"""Find in the article (Ctrl+F): a bar under the text with next, previous and a match count.

Matches are found in the article's text (Python offsets, any case, the typed
text taken literally) and selected in the view through the UTF-16 map, so an
emoji before a match never shifts the selection. Enter and F3 go to the next
match, Shift+Enter and Shift+F3 to the previous one, Esc closes the bar.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from reader.core.article import Article
from reader.ui.article_view import ArticleView, Utf16Map


def find_all(text: str, needle: str) -> list[int]:
    """Start offsets of every (non-overlapping) occurrence of `needle`, any case."""
    if not needle:
        return []
    return [m.start() for m in re.finditer(re.escape(needle), text, flags=re.IGNORECASE)]


class FindBar(QWidget):
    """The find bar of the article view.

    Signals:
        closed(): the bar was closed (the article takes the keyboard back).
    """

    closed = Signal()

    def __init__(self, view: ArticleView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.view = view
        self._article: Article | None = None
        self._map = Utf16Map("")
        self._starts: list[int] = []
        self._current = -1
        self.field = QLineEdit()
        self.field.setObjectName("findField")
        self.field.setPlaceholderText("Find in this article")
        self.field.setClearButtonEnabled(True)
        self.field.textChanged.connect(self._search)
        self.field.installEventFilter(self)
        self.count = QLabel()
        self.count.setObjectName("findCount")
        self.previous = QToolButton()
        self.previous.setText("↑")
        self.previous.setToolTip("Previous match (Shift+Enter)")
        self.previous.clicked.connect(lambda: self.step(False))
        self.next = QToolButton()
        self.next.setText("↓")
        self.next.setToolTip("Next match (Enter)")
        self.next.clicked.connect(lambda: self.step(True))
        close = QToolButton()
        close.setText("✕")
        close.setToolTip("Close (Esc)")
        close.clicked.connect(self.close_bar)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.field, 1)
        row.addWidget(self.count)
        row.addWidget(self.previous)
        row.addWidget(self.next)
        row.addWidget(close)
        self.hide()

    def open_bar(self) -> None:
        """Show the bar with the selected text (if any) and the field focused."""
        selected = self.view.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.field.setText(selected)
        self.show()
        self.field.setFocus()
        self.field.selectAll()
        self._search()

    def close_bar(self) -> None:
        """Hide the bar; the article takes the keyboard back."""
        self.hide()
        self.view.setFocus()
        self.closed.emit()

    def set_article(self, article: Article) -> None:
        """A new article is on screen: search it for the same text."""
        self._article = article
        self._map = Utf16Map(article.text)
        if self.isVisible():
            self._search()

    @property
    def matches(self) -> int:
        """How many times the text occurs."""
        return len(self._starts)

    @property
    def current(self) -> int:
        """The match shown (0-based; -1: none)."""
        return self._current

    def _search(self) -> None:
        text = self._article.text if self._article is not None else ""
        self._starts = find_all(text, self.field.text())
        self._current = -1
        if self._starts:
            # The first match at or after where the reader is looking.
            here = self._map.from_qt(
                self.view.cursorForPosition(self.view.rect().topLeft()).position()
            )
            later = [i for i, s in enumerate(self._starts) if s >= here]
            self._go(later[0] if later else 0)
        else:
            self._label()

    def step(self, forward: bool = True) -> None:
        """Select the next (or previous) match, wrapping around."""
        if not self._starts:
            return
        n = len(self._starts)
        self._go((self._current + (1 if forward else -1)) % n if self._current >= 0 else 0)

    def _go(self, i: int) -> None:
        self._current = i
        start = self._starts[i]
        cursor = self.view.textCursor()
        cursor.setPosition(self._map.to_qt(start))
        cursor.setPosition(
            self._map.to_qt(start + len(self.field.text())), QTextCursor.MoveMode.KeepAnchor
        )
        self.view.setTextCursor(cursor)
        self.view.ensureCursorVisible()
        self._label()

    def _label(self) -> None:
        if not self.field.text():
            self.count.setText("")
        elif not self._starts:
            self.count.setText("No matches")
        else:
            self.count.setText(f"{self._current + 1} of {len(self._starts)}")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Enter / F3 step (Shift: backwards); Esc closes."""
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F3):
                self.step(not shift)
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.close_bar()
                return True
        return False
