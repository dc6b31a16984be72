"""The panel's long lists: virtualised, one line of context per row, cut at whole words.

"Appears in" can hold a thousand articles: a QListView over a model paints
only the rows on screen, and the context line of a row is read from the
library only when the row is first painted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

Context = tuple[str, str, str]  # before, name, after
Index = QModelIndex | QPersistentModelIndex


@dataclass
class Row:
    """One row: an optional title line (an article) and a context line."""

    key: tuple[int, int]  # (article id or 0, offset of the mention)
    title: str = ""
    date: str = ""
    extra: str = ""  # "3 mentions"
    context: Context | None = None


class ContextModel(QAbstractListModel):
    """Rows of mentions with their context, fetched lazily by `fetch(row)`."""

    def __init__(self, fetch: Callable[[Row], Context] | None = None) -> None:
        super().__init__()
        self._rows: list[Row] = []
        self._fetch = fetch

    def set_rows(self, rows: Sequence[Row], fetch: Callable[[Row], Context] | None = None) -> None:
        """Replace every row."""
        self.beginResetModel()
        self._rows = list(rows)
        self._fetch = fetch or self._fetch
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008 - Qt API
        """Rows in the list (none below the top level)."""
        return 0 if parent.isValid() else len(self._rows)

    def row(self, index: Index) -> Row:
        """The row behind an index, its context fetched if it was not yet."""
        row = self._rows[index.row()]
        if row.context is None and self._fetch is not None:
            row.context = self._fetch(row)
        return row

    def has_title(self, index: Index) -> bool:
        """Whether the row is an article (three lines) rather than a mention (one)."""
        return bool(self._rows[index.row()].title)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Plain text (for accessibility and tests) and the row's key."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            row = self.row(index)
            before, name, after = row.context or ("", "", "")
            head = f"{row.title} — {row.date}\n" if row.title else ""
            return f"{head}{before}{name}{after}"
        if role == Qt.ItemDataRole.UserRole:
            return self._rows[index.row()].key
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._rows[index.row()].title or None
        return None


def elide_words(metrics: QFontMetrics, text: str, width: int, from_left: bool) -> str:
    """`text` shortened to `width` by dropping whole words (a word is never cut)."""
    if metrics.horizontalAdvance(text) <= width:
        return text
    words = text.split(" ")
    while words:
        words = words[1:] if from_left else words[:-1]
        shown = ("…" + " ".join(words)) if from_left else (" ".join(words) + "…")
        if metrics.horizontalAdvance(shown) <= width:
            return shown if words else "…"
    return ""


class ContextDelegate(QStyledItemDelegate):
    """Paints a row: bold title, grey date, then the context with the name in bold."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        """Fixed height: one line for a mention, three for an article, and some air."""
        model = index.model()
        assert isinstance(model, ContextModel)
        lines = 3 if model.has_title(index) else 1
        return QSize(200, QFontMetrics(option.font).lineSpacing() * lines + 10)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        """Draw the row within its width, dropping whole words where it is too narrow."""
        model = index.model()
        assert isinstance(model, ContextModel)
        row = model.row(index)
        painter.save()
        widget = option.widget
        if widget is not None:
            widget.style().drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget
            )
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        text_colour = option.palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        dim = option.palette.color(QPalette.ColorRole.PlaceholderText)
        rect = option.rect.adjusted(6, 5, -6, -5)
        regular = QFont(option.font)
        bold = QFont(option.font)
        bold.setBold(True)
        # Measure with the painter's own metrics: they are what the text is drawn with.
        painter.setFont(bold)
        bold_metrics = painter.fontMetrics()
        painter.setFont(regular)
        metrics = painter.fontMetrics()
        line = metrics.lineSpacing()
        y = rect.top()
        if row.title:
            painter.setFont(bold)
            painter.setPen(text_colour)
            title = elide_words(bold_metrics, row.title, rect.width(), from_left=False)
            painter.drawText(QRect(rect.left(), y, rect.width(), line), 0, title)
            y += line
            painter.setFont(regular)
            painter.setPen(text_colour if selected else dim)
            date = " · ".join(part for part in (row.date, row.extra) if part)
            painter.drawText(
                QRect(rect.left(), y, rect.width(), line),
                0,
                metrics.elidedText(date, Qt.TextElideMode.ElideRight, rect.width()),
            )
            y += line
        before, name, after = row.context or ("", "…", "")
        # The name first; the words before it get at most half of what is left.
        # (+2: advances are rounded down, and elidedText would cut a name that fits)
        name_width = min(bold_metrics.horizontalAdvance(name) + 2, rect.width() * 2 // 3)
        before = elide_words(metrics, before, (rect.width() - name_width) // 2, from_left=True)
        before_width = metrics.horizontalAdvance(before)
        after_width = rect.width() - name_width - before_width
        after = elide_words(metrics, after, after_width, from_left=False)
        painter.setPen(text_colour)
        painter.setFont(regular)
        painter.drawText(QRect(rect.left(), y, before_width, line), 0, before)
        painter.setFont(bold)
        painter.drawText(
            QRect(rect.left() + before_width, y, name_width, line),
            0,
            bold_metrics.elidedText(name, Qt.TextElideMode.ElideRight, name_width),
        )
        painter.setFont(regular)
        # The words after start where the name's letters end, not at its padded box
        # ("Priya Mistry, 41", not "Priya Mistry , 41").
        name_end = min(bold_metrics.horizontalAdvance(name), name_width)
        painter.drawText(
            QRect(rect.left() + before_width + name_end, y, after_width, line), 0, after
        )
        painter.restore()


class ContextList(QListView):
    """A list of mentions (with article titles, when they are elsewhere)."""

    def __init__(self, object_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(object_name)
        self.model_ = ContextModel()
        self.setModel(self.model_)
        self.setItemDelegate(ContextDelegate(self))
        self.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        # Every row of one list has the same height (all articles, or all mentions):
        # the view then lays out a thousand rows without asking each one its size.
        self.setUniformItemSizes(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def fit(self, max_rows: int = 6) -> None:
        """As tall as its rows, up to `max_rows` of them."""
        n = self.model_.rowCount()
        if n == 0:
            self.setFixedHeight(0)
            return
        row = self.sizeHintForRow(0)
        self.setFixedHeight(min(n, max_rows) * row + 2 * self.frameWidth() + 2)
