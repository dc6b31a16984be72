"""Where the reader is: the reading position of each article, the text size, and "open at".

The position is the start of the top visible paragraph, as a character offset
into the article's text (the one string every offset indexes), so it survives
a different window size or text size. It is remembered when scrolling settles,
when another article opens and when the window closes, and restored when the
article is opened again. A search hit or an entity opens its article at a
given offset instead (`open_at`). The text size is a number of zoom steps
kept in the library's settings.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QTextCursor

from reader.core import catalog, settings
from reader.core.article import Article
from reader.core.library import Library
from reader.core.overlay import Mention
from reader.ui.article_controller import ArticleController
from reader.ui.article_view import ArticleView, Utf16Map
from reader.ui.jobs import Worker

SETTLE_MS = 1500  # scrolling stopped this long: remember the position
MIN_ZOOM, MAX_ZOOM = -5, 19  # ArticleView keeps 8..32 pt around 13 pt


@dataclass
class _Target:
    """Where the next opening of an article should land instead of its saved position."""

    sha256: str
    offset: int
    length: int  # characters to select there (a search hit); 0: none
    mention: bool  # show the mention starting there in the panel once highlights arrive


def top_offset(view: ArticleView, umap: Utf16Map) -> int:
    """The character offset of the first paragraph visible at the top of the view."""
    # A paragraph only partly visible at the top counts: the reader is in it.
    block = view.cursorForPosition(view.viewport().rect().topLeft()).block()
    while block.isValid() and not block.text().strip() and block.next().isValid():
        block = block.next()  # the blank line between two paragraphs: the next one
    return umap.from_qt(block.position())


def scroll_to(view: ArticleView, umap: Utf16Map, offset: int) -> None:
    """Put the paragraph holding `offset` at the top of the view."""
    document = view.document()
    block = document.findBlock(umap.to_qt(offset))
    if not block.isValid():
        return
    top = document.documentLayout().blockBoundingRect(block).top()
    view.verticalScrollBar().setValue(int(top))


class ReadingController(QObject):
    """Remembers and restores reading positions and the text size; opens articles at a place.

    Signals:
        mention_shown(Mention): an article opened at an entity's mention shows it
            (the window hands it to the panel).
    """

    mention_shown = Signal(object)

    def __init__(
        self, articles: ArticleController, library: Library, writer: Worker[Library]
    ) -> None:
        super().__init__()
        self.articles = articles
        self.view = articles.view
        self.library = library
        self.writer = writer
        self._map = Utf16Map("")
        self._sha: str | None = None
        self._position = 0
        self._saved = 0
        self._target: _Target | None = None
        self._pending: tuple[str | None, int] | None = None
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self.save_position)
        self.view.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.view.verticalScrollBar().rangeChanged.connect(self._range_changed)
        articles.article_changed.connect(self._article_shown)
        articles.mentions_changed.connect(self._mentions_shown)

    # --- positions ---------------------------------------------------------------------

    @property
    def position(self) -> int:
        """The reading position in the article on screen (a character offset)."""
        return self._position

    def _scrolled(self) -> None:
        article = self.articles.article
        if article is None or article.sha256 != self._sha:
            return  # the view is switching documents
        self._position = top_offset(self.view, self._map)
        self._settle.start()

    def save_position(self) -> None:
        """Remember the position of the article on screen (on the writer)."""
        self._settle.stop()
        sha, offset = self._sha, self._position
        if sha is None or offset == self._saved:
            return
        self._saved = offset
        self.writer.submit(lambda lib, _c: catalog.set_position(lib.store, sha, offset))

    def _article_shown(self, article: Article) -> None:
        if self._sha is not None and self._sha != article.sha256:
            self.save_position()  # the previous article's last position
        self._sha = article.sha256
        self._pending = None
        self._map = Utf16Map(article.text)
        target = self._target
        if target is not None and target.sha256 == article.sha256:
            if not target.mention:
                self._target = None
            self._land(target)
            return
        self._target = None
        saved = catalog.position(self.library.store, article.sha256)
        self._position, self._saved = 0, saved  # the position is real once restored
        if saved:
            # After Qt has laid the new document out and sized the scroll bar.
            QTimer.singleShot(0, lambda: self._restore(article, saved))

    def _restore(self, article: Article, offset: int) -> None:
        if self.articles.article is article:
            self._scroll(offset)

    def _scroll(self, offset: int) -> None:
        """Scroll to `offset` now, and again as Qt lays out more of the document.

        A new document is laid out in the background: until the scroll bar's
        range reaches the paragraph, setting its value falls short.
        """
        self._pending = (self._sha, offset)
        scroll_to(self.view, self._map, offset)
        self._position = top_offset(self.view, self._map)

    def _range_changed(self) -> None:
        pending = self._pending
        if pending is None or pending[0] != self._sha:
            self._pending = None
            return
        scroll_to(self.view, self._map, pending[1])
        self._position = top_offset(self.view, self._map)
        bar = self.view.verticalScrollBar()
        if bar.value() < bar.maximum():
            self._pending = None  # reached without being clamped: done

    def _land(self, target: _Target) -> None:
        def go() -> None:
            if self._sha != target.sha256:
                return
            self._scroll(target.offset)
            if target.length:
                cursor = self.view.textCursor()
                cursor.setPosition(self._map.to_qt(target.offset))
                cursor.setPosition(
                    self._map.to_qt(target.offset + target.length), QTextCursor.MoveMode.KeepAnchor
                )
                self.view.setTextCursor(cursor)
            self._position = top_offset(self.view, self._map)

        QTimer.singleShot(0, go)

    def _mentions_shown(self, _mentions: list[Mention]) -> None:
        target = self._target
        if target is None or target.sha256 != self._sha or not target.mention:
            return
        self._target = None
        mention = self.articles.jump_to(target.offset)
        if mention is not None:
            self.mention_shown.emit(mention)

    def open_at(self, article_id: int, offset: int, length: int = 0, mention: bool = False) -> None:
        """Open a saved article at `offset` (selecting `length` characters, or its mention)."""
        sha = catalog.sha_of(self.library.store, article_id)
        if sha is None:
            return
        target = _Target(sha, offset, length, mention)
        current = self.articles.article
        if current is not None and current.sha256 == sha:
            self._land(target)
            if mention:
                self._target = target
                self._mentions_shown(self.articles.mentions)
            return
        self._target = target
        self.articles.open_stored(article_id)

    # --- text size -------------------------------------------------------------------------

    def restore_zoom(self) -> None:
        """Apply the text size chosen in an earlier session, and remember each change.

        The view owns the zoom level (Ctrl++, Ctrl+-, Ctrl+0, Preferences all go
        through it); this only stores what it reports.
        """
        level = settings.zoom(self.library.store.get_setting(settings.ZOOM))
        if level != self.view.zoom_level():
            self.view.set_zoom_level(level)
        self.view.zoom_changed.connect(self._zoom_changed)

    def _zoom_changed(self, level: int) -> None:
        value = str(level) if level else None
        self.writer.submit(lambda lib, _c: lib.store.set_setting(settings.ZOOM, value))
