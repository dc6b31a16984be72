"""The reading view: exactly Article.text, styled for reading, with entity highlights.

Highlights are `ExtraSelection`s laid over the document, so the text itself is
never rewritten and toggling a kind is cheap. Offsets arrive as Python string
indices and are converted to Qt's UTF-16 positions here (`Utf16Map`), the one
place that knows the difference.
"""

from __future__ import annotations

import bisect
import contextlib
import html
import re
from collections.abc import Iterator, Mapping, Sequence

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QFontMetrics,
    QFontMetricsF,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFrameFormat,
    QTextList,
    QTextListFormat,
    QTextOption,
)
from PySide6.QtWidgets import QApplication, QTextBrowser, QTextEdit, QToolTip, QWidget

from reader.core import settings
from reader.core.article import Article, Block
from reader.core.corrections import resize_span, snap_to_words
from reader.core.kinds import ORDER, Kind
from reader.core.overlay import Mention
from reader.ui.markdown_view import markdown_line_html

READING_FONTS = ["Source Serif 4", "Noto Serif", "Literata", "Georgia", "DejaVu Serif", "serif"]
MEASURE_CHARS = 72  # comfortable line length
SIDE_MARGIN = 0.06  # of the view's width on each side, at least, whatever the zoom
TOOLTIP_CHARS = 60  # a note line longer than this wraps, at this width


class Utf16Map:
    """Convert between Python str indices and QString (UTF-16) positions."""

    def __init__(self, text: str) -> None:
        astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
        self._astral = astral
        self._qt_astral = [a + k for k, a in enumerate(astral)]

    def to_qt(self, index: int) -> int:
        """Qt position of Python index `index`."""
        return index + bisect.bisect_left(self._astral, index)

    def from_qt(self, position: int) -> int:
        """Python index of the character at (or containing) Qt position `position`."""
        # Astral characters starting before `position` each took one extra unit;
        # a position inside a surrogate pair maps to that character.
        return position - bisect.bisect_left(self._qt_astral, position)


class Palette:
    """Highlight colours per kind, chosen for light or dark backgrounds.

    Okabe–Ito hues (safe for colour-blind readers) as underlines, pale or deep
    tints of the same hues as backgrounds, and a different underline style per
    kind so the kinds differ by more than colour.
    """

    LIGHT: Mapping[Kind, tuple[str, str]] = {
        Kind.GROUP: ("#d8e8f6", "#0072b2"),
        Kind.PERSON: ("#fbe3d2", "#d55e00"),
        Kind.PLACE: ("#d5f0e4", "#009e73"),
    }
    DARK: Mapping[Kind, tuple[str, str]] = {
        Kind.GROUP: ("#173a55", "#56b4e9"),
        Kind.PERSON: ("#55301a", "#f0905a"),
        Kind.PLACE: ("#143f33", "#3cc99a"),
    }
    UNDERLINE: Mapping[Kind, QTextCharFormat.UnderlineStyle] = {
        Kind.GROUP: QTextCharFormat.UnderlineStyle.SingleUnderline,
        Kind.PERSON: QTextCharFormat.UnderlineStyle.DashUnderline,
        Kind.PLACE: QTextCharFormat.UnderlineStyle.DotLine,
    }

    def __init__(self, dark: bool) -> None:
        self.dark = dark
        self._colours = self.DARK if dark else self.LIGHT

    def background(self, kind: Kind) -> QColor:
        """Tint behind a mention."""
        return QColor(self._colours[kind][0])

    def accent(self, kind: Kind) -> QColor:
        """Saturated colour for underlines, legend dots and the selected mention."""
        return QColor(self._colours[kind][1])

    def char_format(self, kind: Kind) -> QTextCharFormat:
        """How a mention of this kind is drawn."""
        fmt = QTextCharFormat()
        fmt.setBackground(self.background(kind))
        fmt.setUnderlineStyle(self.UNDERLINE[kind])
        fmt.setUnderlineColor(self.accent(kind))
        return fmt

    def reviewed_format(self, kind: Kind) -> QTextCharFormat:
        """How a highlight already accepted in review mode is drawn: its underline, no tint."""
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(self.UNDERLINE[kind])
        fmt.setUnderlineColor(self.accent(kind))
        return fmt

    def current_format(self, kind: Kind) -> QTextCharFormat:
        """How the mention shown in the panel is drawn: solid accent, high contrast."""
        fmt = QTextCharFormat()
        fmt.setBackground(self.accent(kind))
        fmt.setForeground(QColor("#000000" if self.dark else "#ffffff"))
        return fmt


def is_dark(widget: QWidget) -> bool:
    """Whether the widget's palette is a dark theme."""
    return widget.palette().color(QPalette.ColorRole.Base).lightness() < 128


# Articles stored by earlier versions carry their list markers in the text.
_LEGACY_MARKER = re.compile(r"• |\d+\. ")


def _list_style(role: str, depth: int) -> QTextListFormat.Style:
    """Numbers for ordered lists; disc, circle, square by depth for bullets."""
    if role == "ordered":
        return QTextListFormat.Style.ListDecimal
    bullets = (
        QTextListFormat.Style.ListDisc,
        QTextListFormat.Style.ListCircle,
        QTextListFormat.Style.ListSquare,
    )
    return bullets[(depth - 1) % 3]


class _ClicksThroughTooltips(QObject):
    """Give the article the keyboard when a click lands on it through a tooltip.

    A tooltip (QTipLabel) takes about 0.3 s to hide and eats a click that lands
    on it; the article must still become the keyboard target, or the next N or
    Tab goes into whatever note editor had focus.
    """

    def __init__(self, view: ArticleView) -> None:
        super().__init__(view)
        self._view = view

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (
            event.type() == QEvent.Type.MouseButtonPress
            and isinstance(event, QMouseEvent)
            and watched.metaObject().className() == "QTipLabel"
        ):
            viewport = self._view.viewport()
            local = viewport.mapFromGlobal(event.globalPosition().toPoint())
            if viewport.rect().contains(local) and self._view.isVisible():
                self._view.setFocus(Qt.FocusReason.MouseFocusReason)
        return False


class ArticleView(QTextBrowser):
    """Shows one article and its highlights; reports clicks on mentions.

    Signals:
        mention_activated(Mention): the user clicked a highlight.
        zoom_changed(int): the zoom level changed (see `set_zoom_level`).
        highlight_palette_changed(Palette): the highlight colours changed (light/dark).
        context_requested(Mention | None, (start, end) | None, QPoint): a right-click, on
            a highlight or not, with the selected text's offsets if any, at a global point.
        boundary_requested(Mention, start, end): shift-click moved a highlight's edge.
        column_changed(left, right): the text column's margins in the view changed
            (the metadata line above lines up with them).
    """

    mention_activated = Signal(object)
    context_requested = Signal(object, object, QPoint)
    boundary_requested = Signal(object, int, int)
    zoom_changed = Signal(int)
    highlight_palette_changed = Signal(object)
    column_changed = Signal(int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleView")
        self.setReadOnly(True)
        self.setOpenLinks(False)
        self.setAcceptDrops(False)  # the main window takes dropped files
        self.viewport().setAcceptDrops(False)
        self.setMouseTracking(True)
        self.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._article: Article | None = None
        self._map = Utf16Map("")
        self._mentions: list[Mention] = []
        self._starts: list[int] = []
        self._hidden: set[Kind] = set()
        self._current: Mention | None = None
        self._previews: dict[int, str] = {}
        self._families = list(READING_FONTS)
        self._base_size = settings.DEFAULT_FONT_SIZE
        self._zoom = 0
        self._point_size = self._base_size  # the size text is drawn at: base size × zoom
        self._reviewed: frozenset[tuple[int, int, Kind]] = frozenset()
        # The text at the top of the view, kept when the layout changes under it
        # (zoom, a new reading font, the panel or the window resized).
        self._top_anchor: int | None = None
        self._keeping_place = False
        self.verticalScrollBar().valueChanged.connect(self._remember_top)
        self._palette = Palette(is_dark(self))
        # What paintEvent draws beyond the text: (kind, Qt position, level or last row).
        self._decorations: list[tuple[str, int, int]] = []
        self._column = (-1, -1)  # the text column's left and right margins
        self._margin_calls = 0
        self._apply_base_font()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(_ClicksThroughTooltips(self))

    # --- content ------------------------------------------------------------------

    def set_article(self, article: Article) -> None:
        """Show an article's text at once; highlights come later with set_mentions.

        The text goes into a new document: `setPlainText` on the old one would
        inherit the cursor's character format, so the next article came out in
        the previous one's title style, or all italic after a click in a quote.
        """
        self._article = article
        self._top_anchor = None
        self._map = Utf16Map(article.text)
        self._mentions, self._starts, self._current = [], [], None
        document = QTextDocument(self)  # the previous one, also our child, is deleted
        self.setDocument(document)
        self._apply_base_font()
        document.setPlainText(article.text)
        self._format_blocks()
        self._update_margins()
        self._refresh_selections()
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def set_mentions(self, mentions: Sequence[Mention]) -> None:
        """Lay the article's highlights over the text."""
        self._mentions = sorted(mentions, key=lambda m: m.start)
        self._starts = [m.start for m in self._mentions]
        if self._current is not None:
            old = self._current
            same = (m for m in self._mentions if (m.start, m.end) == (old.start, old.end))
            # A highlight that grew or shrank in place ("Wanjiru Mwangi" extended to
            # "Faith Wanjiru Mwangi") stays the current one.
            overlapping = (m for m in self._mentions if m.start < old.end and old.start < m.end)
            self._current = next(same, None) or next(overlapping, None)
        self._refresh_selections()

    @property
    def highlight_palette(self) -> Palette:
        """The highlight colours in use (they follow light/dark theme changes)."""
        return self._palette

    def set_note_previews(self, previews: Mapping[int, str]) -> None:
        """First line of each entity's note, shown when hovering its mentions."""
        self._previews = dict(previews)

    def set_kind_visible(self, kind: Kind, visible: bool) -> None:
        """Show or hide the highlights of one kind."""
        if visible:
            self._hidden.discard(kind)
        else:
            self._hidden.add(kind)
        self._refresh_selections()

    @property
    def current(self) -> Mention | None:
        """The highlight shown in the panel (drawn solid), if any."""
        return self._current

    def visible_mentions(self) -> list[Mention]:
        """The highlights on screen, in text order (hidden kinds left out)."""
        return [m for m in self._mentions if m.kind not in self._hidden]

    def activate(self, mention: Mention) -> None:
        """Make a highlight current and open it, as a click on it does."""
        self.show_mention(mention)
        self.mention_activated.emit(mention)

    def show_mention(self, mention: Mention) -> None:
        """Scroll a mention to the middle of the view and mark it as the current one."""
        self._current = mention
        cursor = self.textCursor()
        cursor.setPosition(self._map.to_qt(mention.start))
        self.setTextCursor(cursor)
        self._centre(cursor)
        self._refresh_selections()

    # --- zoom and reading font ----------------------------------------------------------

    def zoom(self, steps: int) -> None:
        """Make the text larger (steps > 0) or smaller, keeping the reading position."""
        self.set_zoom_level(self._zoom + steps)

    def zoom_level(self) -> int:
        """Zoom steps from 100 % (each one `settings.ZOOM_STEP` times larger)."""
        return self._zoom

    def zoom_factor(self) -> float:
        """How much larger than the reading size the text is drawn."""
        return settings.zoom_factor(self._zoom)

    def set_zoom_level(self, level: int) -> None:
        """Zoom to `level` steps; the paragraph at the top of the view stays at the top."""
        level = settings.clamp_zoom(level)
        if level == self._zoom:
            return
        self._zoom = level
        self._relayout()
        self.zoom_changed.emit(level)

    def set_reading_font(self, family: str, size: float) -> None:
        """The reading font ("" for Reader's serif list) and its size at 100 %."""
        families = [family, *READING_FONTS] if family else list(READING_FONTS)
        size = max(settings.MIN_FONT_SIZE, min(settings.MAX_FONT_SIZE, size))
        if families == self._families and size == self._base_size:
            return
        self._families, self._base_size = families, size
        self._relayout()

    def reading_font(self) -> QFont:
        """The font the body text is drawn in (zoom included)."""
        return self.document().defaultFont()

    def _relayout(self) -> None:
        """Apply the font size and zoom, keeping the top visible text at the top."""
        with self._keeping_top():
            self._point_size = self._base_size * settings.zoom_factor(self._zoom)
            self._apply_base_font()
            if self._article is not None:
                self._format_blocks()
                self._update_margins()

    @contextlib.contextmanager
    def _keeping_top(self) -> Iterator[None]:
        """Whatever the layout does inside, the same text is at the top afterwards."""
        anchor, self._keeping_place = self._top_anchor, True
        try:
            yield
        finally:
            self._keeping_place = False
        if anchor is not None:
            self.scroll_to_offset(anchor)

    def _remember_top(self, value: int) -> None:
        if not self._keeping_place:
            self._top_anchor = self.top_visible_offset() if value > 0 else None

    # --- reading position ----------------------------------------------------------------

    def top_visible_offset(self) -> int | None:
        """The Python offset of the first character on the top line of the view."""
        if self._article is None:
            return None
        margin = int(self.document().rootFrame().frameFormat().leftMargin())
        cursor = self.cursorForPosition(QPoint(margin + 1, 1))
        if self.cursorRect(cursor).bottom() < 0:  # the line is above the view: take the next
            cursor.movePosition(QTextCursor.MoveOperation.Down)
        cursor.movePosition(QTextCursor.MoveOperation.StartOfLine)
        return self._map.from_qt(cursor.position())

    def scroll_to_offset(self, index: int) -> None:
        """Scroll so the line holding the character at `index` is the top line of the view."""
        if self._article is None:
            return
        position = self._map.to_qt(max(0, min(index, len(self._article.text))))
        block = self.document().findBlock(position)
        layout = self.document().documentLayout()
        top = layout.blockBoundingRect(block).top()
        line = block.layout().lineForTextPosition(position - block.position())
        if line.isValid():
            top += line.y()
        self._keeping_place = True
        try:
            self.verticalScrollBar().setValue(round(top))
        finally:
            self._keeping_place = False
        self._top_anchor = index if self.verticalScrollBar().value() > 0 else None

    def mention_at(self, point: QPoint) -> Mention | None:
        """The mention under a viewport point, if any."""
        cursor = self.cursorForPosition(point)
        rect = self.cursorRect(cursor)
        if abs(rect.center().y() - point.y()) > rect.height():
            return None
        qt_pos = cursor.position()
        index = self._map.from_qt(qt_pos)
        # The cursor lands between characters: the click was on the character
        # before it when the point is left of the cursor.
        char = index - 1 if point.x() < rect.x() else index
        i = bisect.bisect_right(self._starts, char) - 1
        if i >= 0:
            m = self._mentions[i]
            if m.start <= char < m.end and m.kind not in self._hidden:
                return m
        return None

    # --- painting -------------------------------------------------------------------

    def _apply_base_font(self) -> None:
        font = QFont()
        font.setFamilies(self._families)
        font.setPointSizeF(self._point_size)
        self.document().setDefaultFont(font)

    def _format_blocks(self) -> None:
        """Give the plain text a reading layout from the article's blocks.

        Everything is formatting on the blocks Qt already has (one per line of
        the text): list markers come from QTextList, table columns from tab
        stops, quote bars and table rules are painted (`paintEvent`). No
        character is added, so Qt positions still map one to one onto the
        article's offsets and no highlight can cover a bullet.
        """
        article = self._article
        if article is None:
            return
        doc = self.document()
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        block = doc.begin()
        while block.isValid():  # a re-format (zoom) starts from plain blocks
            if block.textList() is not None:
                block.textList().remove(block)
            block = block.next()
        body = QTextBlockFormat()
        body.setLineHeight(150.0, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.setBlockFormat(body)
        cursor.setCharFormat(QTextCharFormat())
        self._decorations = []
        lists: dict[int, QTextList] = {}  # open lists of the current run, by depth
        last_list_end = -10
        table: list[Block] = []
        for block_info in article.blocks:
            if block_info.role in ("page", "chapter"):
                self._decorations.append(
                    (block_info.role, self._map.to_qt(block_info.start), block_info.level)
                )
                continue
            start = self._map.to_qt(block_info.start)
            end = self._map.to_qt(block_info.end)
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            char = QTextCharFormat()
            fmt = QTextBlockFormat(body)
            role = block_info.role
            if role in ("item", "ordered", "indent"):
                # Items one newline apart belong to one list; a blank line ends it.
                if article.text[last_list_end : block_info.start] != "\n":
                    lists = {}
                last_list_end = block_info.end
            if role != "row" and table:
                self._format_table(table)
                table = []
            if role == "title":
                char.setFontPointSize(self._point_size * 1.75)
                char.setFontWeight(QFont.Weight.Bold)
                fmt.setLineHeight(120.0, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
                fmt.setBottomMargin(self._point_size * 0.5)
            elif role == "dateline":
                char.setFontPointSize(self._point_size * 0.85)
                char.setForeground(self.palette().color(QPalette.ColorRole.PlaceholderText))
            elif role == "heading":
                scale = {1: 1.5, 2: 1.3, 3: 1.15}.get(block_info.level, 1.05)
                char.setFontPointSize(self._point_size * scale)
                char.setFontWeight(QFont.Weight.Bold)
                fmt.setTopMargin(self._point_size * 0.6)
                fmt.setLineHeight(125.0, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
            elif role == "quote":
                fmt.setLeftMargin(self._point_size * 1.6 * max(1, block_info.level))
                char.setForeground(self._muted())
                char.setFontItalic(True)
                self._decorations.append(("quote", start, block_info.level))
            elif role == "item" and _LEGACY_MARKER.match(article.text, block_info.start):
                fmt.setLeftMargin(self._point_size * 1.5)  # stored before markers were drawn
            elif role in ("item", "ordered"):
                depth = max(1, block_info.level)
                for deeper in [d for d in lists if d > depth]:
                    del lists[deeper]
                cursor.setBlockFormat(fmt)
                existing = lists.get(depth)
                if existing is not None and existing.format().style() == _list_style(role, depth):
                    existing.add(cursor.block())
                else:
                    list_format = QTextListFormat()
                    list_format.setStyle(_list_style(role, depth))
                    list_format.setIndent(depth)
                    lists[depth] = cursor.createList(list_format)
                cursor.mergeCharFormat(char)
                continue
            elif role == "indent":
                fmt.setIndent(max(1, block_info.level))
            elif role == "code":
                char.setFontFamilies(["DejaVu Sans Mono", "monospace"])
                char.setFontPointSize(self._point_size * 0.85)
                fmt.setLineHeight(125.0, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
                fmt.setBackground(self._tint())
            elif role == "row":
                table.append(block_info)
                continue
            cursor.setBlockFormat(fmt)
            cursor.mergeCharFormat(char)
        if table:
            self._format_table(table)
        cursor.endEditBlock()

    def comfortable_width(self) -> int:
        """The view's width that holds a full reading column and its margins."""
        char_width = max(7.0, self._point_size * 0.55 * self.logicalDpiX() / 72.0)
        return round(char_width * MEASURE_CHARS / (1 - 2 * SIDE_MARGIN))

    def _format_table(self, rows: list[Block]) -> None:
        """Lay consecutive rows out as one table: tab stops per column, a bold header.

        Rows one newline apart form a table; each column is as wide as its
        widest cell (within the text column), so the tabs line the cells up.
        """
        assert self._article is not None
        text = self._article.text
        groups: list[list[Block]] = [[rows[0]]]
        for row in rows[1:]:
            previous = groups[-1][-1]
            if text[previous.end : row.start] == "\n":
                groups[-1].append(row)
            else:
                groups.append([row])
        base = QFont(self.document().defaultFont())
        bold = QFont(base)
        bold.setWeight(QFont.Weight.Bold)
        gap = self._point_size * 1.6
        for group in groups:
            cells = [text[r.start : r.end].split("\t") for r in group]
            columns = max(len(c) for c in cells)
            widths = [0.0] * columns
            for row, row_cells in zip(group, cells, strict=True):
                metrics = QFontMetricsF(bold if row.level else base)
                for i, cell in enumerate(row_cells):
                    widths[i] = max(widths[i], metrics.horizontalAdvance(cell))
            room = max(200.0, self._column_width() - gap * (columns - 1))
            if sum(widths) > room:  # shrink the widest columns first; long cells wrap
                fair = room / columns
                small = sum(w for w in widths if w <= fair)
                wide = [w for w in widths if w > fair]
                share = (room - small) / max(1, len(wide))
                widths = [w if w <= fair else max(fair, share) for w in widths]
            stops, x = [], 0.0
            for width in widths[:-1]:
                x += width + gap
                stops.append(QTextOption.Tab(x, QTextOption.TabType.LeftTab))
            for index, row in enumerate(group):
                cursor = QTextCursor(self.document())
                cursor.setPosition(self._map.to_qt(row.start))
                fmt = cursor.blockFormat()
                fmt.setTabPositions(stops)
                fmt.setLineHeight(135.0, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
                if row.level:
                    char = QTextCharFormat()
                    char.setFontWeight(QFont.Weight.Bold)
                    cursor.setPosition(self._map.to_qt(row.end), QTextCursor.MoveMode.KeepAnchor)
                    cursor.mergeCharFormat(char)
                elif index % 2:
                    fmt.setBackground(self._tint())
                cursor.setBlockFormat(fmt)
            first, last = group[0], group[-1]
            self._decorations.append(
                ("table", self._map.to_qt(first.start), self._map.to_qt(last.start))
            )
            if first.level:
                self._decorations.append(("header", self._map.to_qt(first.start), 0))

    def _column_width(self) -> float:
        frame = self.document().rootFrame().frameFormat()
        return float(self.viewport().width() - frame.leftMargin() - frame.rightMargin())

    def _muted(self) -> QColor:
        """Text colour for quotes: the text colour, a little softer."""
        colour = self.palette().color(QPalette.ColorRole.Text)
        base = self.palette().color(QPalette.ColorRole.Base)
        return QColor(
            (colour.red() * 3 + base.red()) // 4,
            (colour.green() * 3 + base.green()) // 4,
            (colour.blue() * 3 + base.blue()) // 4,
        )

    def _tint(self) -> QColor:
        """A faint background for code and every other table row."""
        base = self.palette().color(QPalette.ColorRole.Base)
        return base.darker(106) if base.lightness() >= 128 else base.lighter(130)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        """Draw what the blocks say beyond the text: quote bars, table rules, page breaks."""
        super().paintEvent(event)
        if not self._decorations:
            return
        doc = self.document()
        layout = doc.documentLayout()
        dx = -self.horizontalScrollBar().value()
        dy = -self.verticalScrollBar().value()
        visible = self.viewport().rect()
        painter = QPainter(self.viewport())
        rule = QColor(self.palette().color(QPalette.ColorRole.Mid))
        width = self._column_width()
        try:
            for kind, position, extra in self._decorations:
                block = doc.findBlock(position)
                rect = layout.blockBoundingRect(block).translated(dx, dy)
                if kind == "table":
                    last = layout.blockBoundingRect(doc.findBlock(extra)).translated(dx, dy)
                    rect = rect.united(last)
                if rect.bottom() < visible.top() or rect.top() > visible.bottom():
                    continue
                if kind == "quote":  # one bar per level, in the margin the quote is indented by
                    for level in range(1, extra + 1):
                        x = rect.left() + self._point_size * (1.6 * level - 1.0)
                        painter.fillRect(QRectF(x, rect.top() + 2, 3, rect.height() - 4), rule)
                elif kind == "table":
                    painter.setPen(QPen(rule, 1))
                    painter.drawLine(
                        QPointF(rect.left(), rect.top()), QPointF(rect.left() + width, rect.top())
                    )
                    painter.drawLine(
                        QPointF(rect.left(), rect.bottom()),
                        QPointF(rect.left() + width, rect.bottom()),
                    )
                elif kind == "header":
                    painter.setPen(QPen(rule, 1))
                    painter.drawLine(
                        QPointF(rect.left(), rect.bottom()),
                        QPointF(rect.left() + width, rect.bottom()),
                    )
                elif kind in ("page", "chapter") and extra > 1:
                    painter.setPen(QPen(rule, 1, Qt.PenStyle.DashLine))
                    y = rect.top() - self._point_size * 0.3
                    painter.drawLine(QPointF(rect.left(), y), QPointF(rect.left() + width, y))
                    if kind == "page":
                        label_font = QFont(doc.defaultFont())
                        label_font.setPointSizeF(self._point_size * 0.7)
                        painter.setFont(label_font)
                        painter.setPen(self._muted())
                        painter.drawText(
                            QRectF(rect.left() - 60, y, 52, self._point_size * 2),
                            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop),
                            f"p. {extra}",
                        )
        finally:
            painter.end()

    def _update_margins(self) -> None:
        """Centre a column of about MEASURE_CHARS characters, like a printed page.

        When the column does not fit (a narrow window, a large zoom) the margins
        stay a share of the width, as a page's do, instead of shrinking to nothing.
        """
        width = self.viewport().width()
        char_width = max(7.0, self._point_size * 0.55 * self.logicalDpiX() / 72.0)
        least = max(24, round(width * SIDE_MARGIN))
        column = min(width - 2 * least, int(char_width * MEASURE_CHARS))
        side = max(least, (width - column) // 2)
        frame = self.document().rootFrame()
        fmt: QTextFrameFormat = frame.frameFormat()
        fmt.setLeftMargin(side)
        fmt.setRightMargin(side)
        fmt.setTopMargin(36)
        fmt.setBottomMargin(48)
        self._margin_calls += 1
        call = self._margin_calls
        frame.setFrameFormat(fmt)
        if call != self._margin_calls:
            return  # the new layout showed or hid the scroll bar: that inner call decided
        right = self.width() - side - column
        if (side, right) != self._column:
            self._column = (side, right)
            self.column_changed.emit(side, right)
            if any(b.role == "row" for b in getattr(self._article, "blocks", ())):
                # Table tab stops follow the column width; re-laying out from here
                # would re-enter this method through the scroll bar's show/hide.
                QTimer.singleShot(0, self._format_blocks)

    def set_reviewed(self, spans: frozenset[tuple[int, int, Kind]]) -> None:
        """Highlights already reviewed, as (start, end, kind): drawn underlined, untinted."""
        if spans != self._reviewed:
            self._reviewed = spans
            self._refresh_selections()

    def _refresh_selections(self) -> None:
        selections = []
        formats = {kind: self._palette.char_format(kind) for kind in ORDER}
        reviewed = {kind: self._palette.reviewed_format(kind) for kind in ORDER}
        for m in self._mentions:
            if m.kind in self._hidden:
                continue
            done = (m.start, m.end, m.kind) in self._reviewed
            selections.append(self._selection(m, (reviewed if done else formats)[m.kind]))
        if self._current is not None and self._current.kind not in self._hidden:
            selections.append(
                self._selection(self._current, self._palette.current_format(self._current.kind))
            )
        self.setExtraSelections(selections)

    def _selection(self, mention: Mention, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._map.to_qt(mention.start))
        cursor.setPosition(self._map.to_qt(mention.end), QTextCursor.MoveMode.KeepAnchor)
        sel = QTextEdit.ExtraSelection()
        sel.cursor = cursor
        sel.format = fmt
        return sel

    # --- events ---------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        """Keep the reading column centred, and the text at the top where it was."""
        with self._keeping_top():
            super().resizeEvent(event)
            self._update_margins()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        """Follow the system switching between light and dark themes."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._palette = Palette(is_dark(self))
            if self._article is not None:
                self._format_blocks()  # the dateline's colour comes from the palette
            self._refresh_selections()
            self.highlight_palette_changed.emit(self._palette)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        """Pointing hand and a tooltip (kind, first line of the note) over a mention."""
        super().mouseMoveEvent(event)
        mention = self.mention_at(event.position().toPoint())
        if mention is None:
            self.viewport().unsetCursor()
            QToolTip.hideText()
            return
        self.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        QToolTip.showText(event.globalPosition().toPoint(), self.tooltip_for(mention), self)

    def tooltip_for(self, mention: Mention) -> str:
        """Rich-text tooltip: the name and its kind (as text), and the note's first line.

        The note line is rendered Markdown (bold, italic, code; nothing loads).
        Qt wraps a rich tooltip at a narrow guess of a width, breaking after
        two or three words; a short line is kept on one line instead, and a
        long one wraps at a readable measure of about TOOLTIP_CHARS characters.
        """
        one_line = "margin:0; white-space:pre"
        head = (
            f"<p style='{one_line}'><b>{html.escape(mention.key)}</b>"
            f" — {html.escape(mention.kind.label.lower())}</p>"
        )
        preview = self._previews.get(mention.entity_id) if mention.entity_id else None
        if not preview:
            return (
                head
                + f"<p style='{one_line}; margin-top:3px'><i>No note yet — click to add one</i></p>"
            )
        metrics = QFontMetrics(QToolTip.font())
        measure = metrics.averageCharWidth() * TOOLTIP_CHARS
        line = markdown_line_html(preview)
        if metrics.horizontalAdvance(preview) <= measure:
            return head + f"<p style='{one_line}; margin-top:3px'>{line}</p>"
        return (
            f"<table width='{measure}' cellspacing='0' cellpadding='0'><tr><td>"
            f"{head}<p style='margin:0; margin-top:3px'>{line}</p></td></tr></table>"
        )

    def step(self, forward: bool = True) -> Mention | None:
        """Make the next (or previous) visible highlight current and open it."""
        visible = self.visible_mentions()
        if not visible:
            return None
        if self._current is None:
            # From where the reader is: the first highlight on screen, not the article's first.
            top = self.top_visible_offset() or 0
            starts = [m.start for m in visible]
            i = bisect.bisect_left(starts, top)
            target = visible[i % len(visible)] if forward else visible[i - 1]
        else:
            starts = [m.start for m in visible]
            if forward:
                i = bisect.bisect_right(starts, self._current.start)
                target = visible[i % len(visible)]
            else:
                i = bisect.bisect_left(starts, self._current.start) - 1
                target = visible[i]
        self.activate(target)
        return target

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802 - Qt override
        """Tab / Shift+Tab walk through the highlights, as links in a browser.

        While an article's highlights are still coming, Tab stays here: it used
        to move the focus to the panel, so the first Tab after launch was lost.
        """
        if self._article is not None:
            self.step(forward)
            return True
        return super().focusNextPrevChild(forward)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        """N / P also step through highlights (keyboard-only reading); Ctrl+Home / Ctrl+End.

        The view is not keyboard-selectable (a caret would fight Tab and N), so
        QTextEdit handles only plain Home and End; the Ctrl forms go to the
        start and the end of the article here.
        """
        QToolTip.hideText()  # a hover's tooltip would stay over the highlight stepped to
        ctrl = event.modifiers() == Qt.KeyboardModifier.ControlModifier
        if event.key() == Qt.Key.Key_N and not event.modifiers():
            self.step(True)
        elif event.key() == Qt.Key.Key_P and not event.modifiers():
            self.step(False)
        elif ctrl and event.key() in (Qt.Key.Key_Home, Qt.Key.Key_End):
            end = event.key() == Qt.Key.Key_End
            self.moveCursor(
                QTextCursor.MoveOperation.End if end else QTextCursor.MoveOperation.Start
            )
            bar = self.verticalScrollBar()
            bar.setValue(bar.maximum() if end else bar.minimum())
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        """A click in the article makes it the target of the keyboard (N, P, Tab)."""
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        super().mousePressEvent(event)

    def current_mention(self) -> Mention | None:
        """The highlight the panel shows (drawn in solid colour), if any."""
        return self._current

    def show_offset(self, offset: int) -> None:
        """Scroll so that the text at `offset` is in the middle of the view."""
        if self._article is None:
            return
        cursor = self.textCursor()
        cursor.setPosition(self._map.to_qt(min(offset, len(self._article.text))))
        self.setTextCursor(cursor)
        self._centre(cursor)

    def _centre(self, cursor: QTextCursor) -> None:
        """Scroll so the cursor sits in the middle of the viewport (not at its edge)."""
        rect = self.cursorRect(cursor)
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + rect.center().y() - self.viewport().height() // 2)

    def mention_starting_at(self, start: int) -> Mention | None:
        """The highlight that starts at this offset, if any."""
        i = bisect.bisect_left(self._starts, start)
        if i < len(self._starts) and self._starts[i] == start:
            return self._mentions[i]
        return None

    def selection_span(self) -> tuple[int, int] | None:
        """The selected text as Python offsets, trimmed of spaces and widened to whole words.

        None when nothing is selected. A drag that stops inside a word ("Bulo Haw|o")
        means the word: marking half a name would mark nothing anyone writes.
        """
        cursor = self.textCursor()
        if self._article is None or not cursor.hasSelection():
            return None
        text = self._article.text
        start = self._map.from_qt(cursor.selectionStart())
        end = self._map.from_qt(cursor.selectionEnd())
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return snap_to_words(text, start, end) if end > start else None

    def index_at(self, point: QPoint) -> int | None:
        """The Python offset of the character under a viewport point."""
        cursor = self.cursorForPosition(point)
        rect = self.cursorRect(cursor)
        if self._article is None or abs(rect.center().y() - point.y()) > rect.height():
            return None
        index = self._map.from_qt(cursor.position())
        return index - 1 if point.x() < rect.x() and index > 0 else index

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt override
        """Right-click: report the highlight and the selection; the corrections menu opens."""
        mention = self.mention_at(self.viewport().mapFrom(self, event.pos()))
        self.context_requested.emit(mention, self.selection_span(), event.globalPos())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        """A click (not a drag-selection) on a highlight opens it in the panel.

        Shift-click moves the current highlight's edge to the clicked word.
        """
        shifted = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        if shifted and self._current is not None and self._article is not None:
            super().mouseReleaseEvent(event)
            index = self.index_at(event.position().toPoint())
            current = self._current
            if index is not None:
                start, end = resize_span(self._article.text, current.start, current.end, index)
                cursor = self.textCursor()
                cursor.clearSelection()
                self.setTextCursor(cursor)
                if (start, end) != (current.start, current.end):
                    self.boundary_requested.emit(current, start, end)
            return
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self.textCursor().hasSelection():
            return
        mention = self.mention_at(event.position().toPoint())
        if mention is not None:
            self._current = mention
            self._refresh_selections()
            self.mention_activated.emit(mention)
