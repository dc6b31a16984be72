"""The search dock (Ctrl+Shift+F): full-text search over every article and note.

A query field over a virtualised list of hits. Each hit is drawn as its
title and a snippet with the matched words in bold; everything from an
article or a note is escaped first, so nothing in them is ever markup.
The dock emits what the user asked for: a query to run, a hit to open.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.search import Hit, Snippet

Index = QModelIndex | QPersistentModelIndex
HIT_ROLE = Qt.ItemDataRole.UserRole + 1
HTML_ROLE = Qt.ItemDataRole.UserRole + 2
DEBOUNCE_MS = 200


def marked_html(snippet: Snippet) -> str:
    """The snippet as rich text: every character escaped, the matches in bold."""
    out: list[str] = []
    at = 0
    for start, end in snippet.marks:
        out.append(html.escape(snippet.text[at:start]))
        out.append(f"<b>{html.escape(snippet.text[start:end])}</b>")
        at = end
    out.append(html.escape(snippet.text[at:]))
    return "".join(out)


def fitted(snippet: Snippet, fits: Callable[[str], bool]) -> Snippet:
    """The part of a snippet that `fits` one line, its first match in view, cuts marked "…".

    A line clipped at the panel's edge hid the matched word of a long
    snippet, and nothing said the line went on.
    """
    text = snippet.text
    if fits(text):
        return snippet
    first = snippet.marks[0][0] if snippet.marks else 0
    start = 0
    # The words before the first match take at most a third of the line.
    while start < first and not fits(("…" + text[start:first]) * 3):
        space = text.find(" ", start + 1, first)
        start = space + 1 if space != -1 else first
    prefix = "…" if start > 0 else ""
    low, high = start + 1, len(text)  # the longest line that fits, found by halving
    while low < high:
        middle = (low + high + 1) // 2
        if fits(prefix + text[start:middle] + "…"):
            low = middle
        else:
            high = middle - 1
    end = low
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - start
    marks = tuple(
        (max(s, start) + shift, min(e, end) + shift)
        for s, e in snippet.marks
        if s < end and e > start
    )
    return Snippet(prefix + text[start:end] + suffix, marks)


def hit_html(hit: Hit, fits: Callable[[str], bool] | None = None) -> str:
    """A hit as two lines of rich text: what it is, and its snippet (cut to `fits` a line)."""
    label = "Note on" if hit.kind == "note" else "Article"
    title, snippet = hit.title, hit.snippet
    if fits is not None:
        title = fitted(Snippet(title, ()), lambda line: fits(f"{label} {line}")).text
        snippet = fitted(snippet, fits)
    return f"<i>{label}</i> <b>{html.escape(title)}</b><br>{marked_html(snippet)}"


class HitsModel(QAbstractListModel):
    """Search hits, best first. DisplayRole is plain text; HTML_ROLE the escaped rich text."""

    def __init__(self) -> None:
        super().__init__()
        self._hits: list[Hit] = []

    def set_hits(self, hits: Sequence[Hit]) -> None:
        """Show these hits."""
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def hit_at(self, row: int) -> Hit:
        """The hit in a row."""
        return self._hits[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        """One row per hit."""
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Plain text, rich text (escaped) and the hit itself."""
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{hit.title}\n{hit.snippet.text}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return hit.snippet.text  # plain text: the full line the row may clip
        if role == HTML_ROLE:
            return hit_html(hit)
        if role == HIT_ROLE:
            return hit
        return None


class HitDelegate(QStyledItemDelegate):
    """Draws a hit's escaped rich text on two lines (what it is, then the snippet), clipped."""

    def _document(self, option: QStyleOptionViewItem, index: Index) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(0)
        hit = index.data(HIT_ROLE)
        if isinstance(hit, Hit):
            bold = QFont(option.font)
            bold.setBold(True)  # measured bold throughout: the matches are
            metrics = QFontMetrics(bold)
            width = option.rect.width() - 12
            doc.setHtml(hit_html(hit, lambda line: metrics.horizontalAdvance(line) <= width))
        else:
            doc.setHtml(str(index.data(HTML_ROLE) or ""))
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        """Background and focus as the style draws them, then the text."""
        self.initStyleOption(option, index)
        option.text = ""
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
        doc = self._document(option, index)
        rect = option.rect
        painter.save()
        painter.setClipRect(rect)
        painter.translate(rect.left() + 6, rect.top() + 4)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        context.clip = QRectF(0, 0, rect.width() - 12, rect.height() - 4)
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        """Two lines of text, whatever the snippet's length (it is clipped at the edge)."""
        return QSize(200, option.fontMetrics.lineSpacing() * 2 + 12)


class SearchDock(QWidget):
    """A query field and the hits.

    Signals:
        query_changed(str): search for this (after a short pause in typing).
        hit_activated(object): open this hit (a Hit).
    """

    query_changed = Signal(str)
    hit_activated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchPanel")
        self.field = QLineEdit()
        self.field.setObjectName("searchField")
        self.field.setPlaceholderText("Search every article and note")
        self.field.setClearButtonEnabled(True)
        self.model = HitsModel()
        self.list = QListView()
        self.list.setObjectName("searchHits")
        self.list.setModel(self.model)
        self.list.setItemDelegate(HitDelegate(self.list))
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setUniformItemSizes(True)
        self.list.activated.connect(lambda i: self.hit_activated.emit(self.model.hit_at(i.row())))
        self.list.clicked.connect(lambda i: self.hit_activated.emit(self.model.hit_at(i.row())))
        self.status = QLabel()
        self.status.setObjectName("searchStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(lambda: self.query_changed.emit(self.field.text()))
        self.field.textChanged.connect(lambda _t: self._debounce.start())
        self.field.returnPressed.connect(self._first)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.field)
        layout.addWidget(self.status)
        layout.addWidget(self.list, 1)

    def focus_query(self) -> None:
        """Put the keyboard in the query field, its text selected."""
        self.field.setFocus()
        self.field.selectAll()

    def set_hits(self, query: str, hits: Sequence[Hit]) -> None:
        """Show the hits of `query`."""
        self.model.set_hits(hits)
        if not query.strip():
            self.status.setText("")
        elif not hits:
            self.status.setText(f"Nothing found for “{query.strip()}”")
        else:
            n = len(hits)
            self.status.setText(f"{n} hit{'s' if n != 1 else ''}")

    def _first(self) -> None:
        self._debounce.stop()
        self.query_changed.emit(self.field.text())
