"""The main window: builds the docks and workers, wires intent-named signals.

It assembles and does no work itself: the article controller opens and
highlights articles, the panel controller shows entities and saves notes, and
each dock is its own module (calibre's viewer is built the same way). No panel
knows another; every cross-panel signal is connected here, and every change a
write makes reaches the controllers through `apply_changes`.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QGuiApplication, QShowEvent
from PySide6.QtWidgets import QDockWidget, QMainWindow, QScrollArea, QVBoxLayout, QWidget

from reader import APP_NAME
from reader.core import formats
from reader.core.article import Article
from reader.core.changes import Changes, Result
from reader.core.early_model import EarlyModel
from reader.core.library import Library
from reader.core.pipelines import PipelineSlot
from reader.ui import dialogs, window_state
from reader.ui.actions import build_actions, build_reading_actions
from reader.ui.appearance import FontZoom
from reader.ui.article_controller import ArticleController
from reader.ui.article_header import ArticleHeader
from reader.ui.article_view import ArticleView
from reader.ui.corrections_controller import CorrectionsController
from reader.ui.entity_panel import EntityPanel
from reader.ui.jobs import Worker
from reader.ui.legend import Legend
from reader.ui.panel_controller import PanelController
from reader.ui.preferences import PreferencesController
from reader.ui.review import ReviewBar, ReviewController
from reader.ui.status_line import StatusLine

log = logging.getLogger(__name__)

PANEL_MIN_WIDTH, PANEL_MAX_WIDTH, PANEL_SHARE = 240, 380, 0.28
MIN_COLUMN = 420  # pixels the article keeps when the panel widens with the zoom
SIDE_DOCK_WIDTH = 560  # a list dock's first width: title, source, date and the counts
SIDE_DOCK_MIN = 280  # ... and how far it gives way to a zoomed panel


class MainWindow(QMainWindow):
    """Reader's window.

    Signals:
        article_changed(Article): a new article's text is on screen.
        mentions_changed(list): its highlights are on screen.
        error_shown(str): a message was shown to the user (dialog or status line).
        refresh_progress(int, int): articles updated after a correction, of how many
            (emitted by the writer thread; shown in the status bar).
    """

    article_changed = Signal(object)
    mentions_changed = Signal(object)
    error_shown = Signal(str)
    refresh_progress = Signal(int, int)

    def __init__(
        self, db_path: Path, pipeline: str | None = None, early: EarlyModel | None = None
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)
        self.db_path = db_path
        self.library = Library(db_path, pipeline=pipeline)  # reads on the GUI thread
        name = self.library.pipeline_name
        self.loader: Worker[None] = Worker("reader-loader", lambda: None)
        self.model: Worker[PipelineSlot] = Worker(
            "reader-model", lambda: PipelineSlot(name, early), PipelineSlot.close
        )
        self.writer: Worker[Library] = Worker(
            "reader-writer", lambda: Library(db_path, pipeline=pipeline), Library.close
        )
        self._closing = False
        self._knowledge_seen: int | None = None  # as of the last look: see `catch_up`
        self._settings = window_state.settings_for(db_path)

        self.view = ArticleView()
        self.header = ArticleHeader()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.header)
        column.addWidget(self.view, 1)
        self.view.column_changed.connect(self.header.set_column)
        self.setCentralWidget(central)
        self.panel = EntityPanel()
        self.dock = QDockWidget("Entity", self)
        self.dock.setObjectName("entityDock")
        self.dock.setWidget(self.panel)
        self.dock.setMinimumWidth(PANEL_MIN_WIDTH)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.legend = Legend(self.view.highlight_palette)

        self.articles = ArticleController(
            self.view, self.library, self.loader, self.model, self.writer, early
        )
        if early is not None:
            # Once the first text is on screen the model loads beside the window, ready
            # for the first new article (early_model.py says why not before).
            def preload(_article: object) -> None:
                if early.name is None:
                    early.load(self.library.pipeline_name)

            self.articles.article_changed.connect(preload)
        self.corrections = CorrectionsController(self.articles, self.library, self.writer)
        self.entities = PanelController(
            self.panel, self.articles, self.library, self.writer, self.corrections
        )
        # --- reading: preferences, review mode (issue 9) ---
        self.review_bar = ReviewBar()
        column.insertWidget(column.indexOf(self.view), self.review_bar)
        self.preferences = PreferencesController(self.library, self.writer, self.view)
        self.review = ReviewController(self.articles, self.corrections, self.review_bar)
        # --- end reading ---
        self._build_library(db_path, pipeline, column)
        self.actions_ = build_actions(self)
        self.reading_actions = build_reading_actions(self)
        self.status_line = StatusLine(self.statusBar())
        self._wire()
        self._wire_reading()
        self._wire_library()
        self.catch_up()  # the knowledge version to compare with when the user comes back
        self.resize(self._default_size())
        self._restored = window_state.restore(self, self._settings)
        self._panel_placed = False  # at the first show, when the window has its size
        self._panel_asked: tuple[float, int] | None = None  # (zoom factor, width) last asked
        self.reading.restore_zoom()

    def _wire(self) -> None:
        arts, ents = self.articles, self.entities
        self.legend.kind_toggled.connect(self.view.set_kind_visible)
        self.view.mention_activated.connect(ents.show_mention)
        self.panel.occurrence_requested.connect(arts.jump_to)
        arts.article_changed.connect(self._article_shown)
        arts.mentions_changed.connect(self._mentions_shown)
        for source in (arts, ents, self.corrections):
            source.error.connect(self.show_error)
        ents.notice.connect(self.show_notice)
        ents.unsaved_changed.connect(self.status_line.set_unsaved)
        # "No highlights: …" stays while that article is shown; other news goes by.
        arts.status.connect(
            lambda text: self.statusBar().showMessage(
                text, 0 if text.startswith("No highlights") else 4000
            )
        )
        arts.busy.connect(self.status_line.set_busy)
        # A method of this window, so the writer thread's emits are queued to this thread.
        self.refresh_progress.connect(self._refresh_shown)
        for worker in (self.loader, self.model, self.writer):
            worker.changed.connect(self.apply_changes)
            worker.failed.connect(lambda name, exc: self.show_error("Unexpected error", str(exc)))

    # --- reading: panel room, zoom, theme, review (issue 9) --------------------------------

    def _wire_reading(self) -> None:
        view = self.view
        self.panel_zoom = FontZoom(self.panel)
        view.zoom_changed.connect(lambda _level: self._zoom_panel())
        view.highlight_palette_changed.connect(self.legend.set_palette)
        view.highlight_palette_changed.connect(lambda _p: self._theme_changed())
        view.mention_activated.connect(lambda _m: self._reveal_panel())
        self.review.progress_changed.connect(self.status_line.set_review)
        self.preferences.error.connect(self.show_error)
        self.preferences.apply_saved()
        view.setFocus()  # the first Tab after launch goes to the article

    def _default_size(self) -> QSize:
        """1280×820, or less on a smaller screen (a laptop's 1366×768)."""
        screen = QGuiApplication.primaryScreen()
        if screen is None:
            return QSize(1280, 820)
        room = screen.availableGeometry().size() * 0.92
        return QSize(min(1280, room.width()), min(820, room.height()))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        """Place the panel once the window has its size."""
        super().showEvent(event)
        if not self._panel_placed:
            self._panel_placed = True
            self._place_panel(self._restored)

    def _theme_changed(self) -> None:
        """Light ↔ dark: the panel's kind label takes the new highlight colours."""
        if not self._closing:
            self.entities.refresh()

    def _panel_width(self) -> int:
        """The panel's width for a window this wide: a share of it, within limits, zoomed."""
        factor = self.view.zoom_factor()
        share = round(self.width() * PANEL_SHARE * factor)
        widest = min(round(PANEL_MAX_WIDTH * factor), self.width() // 2)
        return max(PANEL_MIN_WIDTH, min(share, widest))

    def _panel_needs(self) -> int:
        """The narrowest the panel's content can be laid out (it grows with its text)."""
        needs = self.panel.minimumSizeHint().width()
        for area in self.panel.findChildren(QScrollArea):
            content = area.widget()
            if content is not None and area.widgetResizable():
                bar = area.verticalScrollBar().sizeHint().width()
                needs = max(needs, content.minimumSizeHint().width() + bar + 2 * area.frameWidth())
        return needs

    def _zoom_panel(self) -> None:
        """The panel's text follows the article's zoom, and its width the text."""
        old, new = self.panel_zoom.factor, self.view.zoom_factor()
        self.panel_zoom.set_factor(new)
        if self.dock.isVisible() and not self.dock.isFloating():
            # The dock takes a new width at the next layout: several zoom steps in a
            # row (a held key) each start from the width asked for by the last one.
            asked = self._panel_asked
            current = asked[1] if asked is not None and asked[0] == old else self.dock.width()
            wanted = max(round(current * new / old), self._panel_needs())
            # At most two fifths of the window, and never so wide that the article,
            # beside any other docks open, drops below a readable column.
            # When the panel needs more than is left, a wide list dock gives way
            # (down to SIDE_DOCK_MIN): clipped panel buttons help nobody.
            others = [
                d
                for d in self.findChildren(QDockWidget)
                if d is not self.dock and d.isVisible() and not d.isFloating()
            ]
            width = max(PANEL_MIN_WIDTH, min(wanted, self.width() * 2 // 5))
            docks, widths = [self.dock], [width]
            deficit = width - (self.width() - sum(d.width() for d in others) - MIN_COLUMN)
            for d in sorted(others, key=lambda d: d.width(), reverse=True):
                if deficit <= 0:
                    break
                give = min(deficit, max(0, d.width() - SIDE_DOCK_MIN))
                docks.append(d)
                widths.append(d.width() - give)
                deficit -= give
            width = widths[0] = max(PANEL_MIN_WIDTH, width - max(0, deficit))
            self.resizeDocks(docks, widths, Qt.Orientation.Horizontal)
            self._panel_asked = (new, width)

    def _place_panel(self, restored: bool) -> None:
        """Size the panel for this window; with nothing to show, give the text the room.

        The panel is empty at start. When the window cannot hold it beside a
        full reading column (a 1000×700 laptop window), it starts hidden and
        opens with the first name opened; F9 hides and shows it at any time.
        """
        if not restored:
            self.resizeDocks([self.dock], [self._panel_width()], Qt.Orientation.Horizontal)
        if self.dock.isFloating() or self.dock.isHidden():
            return
        panel = self.dock.width() if restored else self._panel_width()
        if self.width() - panel < self.view.comfortable_width():
            self.dock.hide()

    def _widen_side_dock(self, dock: QDockWidget) -> None:
        """The first time a list opens, room for its columns (it came up 255 px wide)."""
        if dock in self._widened or dock.isFloating():
            return
        self._widened.add(dock)
        wanted = min(SIDE_DOCK_WIDTH, int(self.width() * 0.4))
        if dock.width() < wanted:
            self.resizeDocks([dock], [wanted], Qt.Orientation.Horizontal)

    def _reveal_panel(self) -> None:
        """A name was opened: show the panel if it is hidden."""
        if self.dock.isHidden():
            self.dock.show()
            self.resizeDocks([self.dock], [self._panel_width()], Qt.Orientation.Horizontal)

    # --- what the user asks for -------------------------------------------------------------

    def open_path(self, path: str) -> None:
        """Open a file (File ▸ Open, drag and drop, the command line)."""
        self.articles.open_path(path)

    def open_initial(self) -> None:
        """The last article read, else the bundled sample."""
        self.articles.open_initial()

    def refresh_saved_later(self, delay_ms: int = 3000) -> None:
        """Bring saved articles' highlights up to date once the window has settled.

        After an upgrade whose rules differ, every saved article is stale: its
        counts in the library and what "appears in" shows come from the old
        rules until it is recomputed (from the model cache, on worker processes).
        """
        QTimer.singleShot(delay_ms, self._refresh_if_open)

    def _refresh_if_open(self) -> None:
        if not self._closing:
            self._refresh()

    def apply_changes(self, changes: Changes) -> None:
        """Hand what a write changed to each controller, articles first (the panel reads them)."""
        if self._closing:
            return
        if changes.stale:
            self._refresh()
        self.articles.apply(changes)
        self.entities.apply(changes)
        self.articles.refresh_previews(changes)
        self._apply_library(changes)

    def _refresh(self) -> None:
        """Recompute stale highlights in the background, the article on screen first.

        Keyed: a newer change supersedes a refresh still running, and the newer
        one covers everything stale, so closing never waits for a long one.
        """
        current = self.articles.article_id
        report = self.refresh_progress.emit  # from the writer thread: queued to the GUI thread
        made_way: list[bool] = []

        def make_way() -> bool:
            # Opening an article, an undo, a note: anything queued goes first, between
            # two of the refresh's batches; the refresh then goes on behind it.
            if self.writer.waiting():
                made_way.append(True)
            return bool(made_way)

        def done(_changes: object) -> None:
            self.status_line.set_refresh(0, 0)
            if made_way and not self._closing:
                self._refresh()

        self.writer.submit(
            lambda lib, cancelled: lib.refresh_stale(
                lambda: cancelled() or make_way(), first=current, progress=report
            ),
            done=done,
            key="refresh",
        )

    @Slot(int, int)
    def _refresh_shown(self, done: int, total: int) -> None:
        self.status_line.set_refresh(done, total)

    def show_error(self, title: str, message: str) -> None:
        """One clear message in a dialog."""
        log.warning("%s", message)
        self.error_shown.emit(message)
        if not self._closing:
            dialogs.warn(self, title, message)

    def show_notice(self, message: str) -> None:
        """A message in the status line that does not interrupt."""
        log.warning("%s", message)
        self.error_shown.emit(message)
        self.statusBar().showMessage(message, 30000)

    # --- reactions ---------------------------------------------------------------------------

    def _article_shown(self, article: Article) -> None:
        self.entities.clear()
        self.setWindowTitle(f"{article.title} — {APP_NAME}")
        self.header.set_article(article)
        self.legend.set_counts(None)
        self.article_changed.emit(article)

    def _mentions_shown(self, mentions: list[object]) -> None:
        self.legend.set_counts(self.articles.mentions)
        self.entities.mentions_shown()
        self.mentions_changed.emit(mentions)

    # --- window events -------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        """Accept files of a format Reader opens, dragged from a file manager."""
        urls = event.mimeData().urls()
        if any(u.isLocalFile() and formats.is_supported(Path(u.toLocalFile())) for u in urls):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        """Open the first dropped file."""
        for url in event.mimeData().urls():
            if url.isLocalFile():
                event.acceptProposedAction()
                self.open_path(url.toLocalFile())
                return

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        """Coming back to the window: catch up with the command line's corrections."""
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.catch_up()  # the user may have corrected names from the command line
        super().changeEvent(event)

    def catch_up(self) -> None:
        """Show what another process taught the library since the window last looked.

        `reader entity kind ...` in a terminal writes the same library; when the
        user comes back to the window, its highlights and panel follow.
        """
        if self._closing:
            return
        seen = self._knowledge_seen

        def remember(result: Result[int]) -> None:
            self._knowledge_seen = result.value

        self.writer.submit(
            lambda lib, _c: lib.changed_elsewhere(seen), done=remember, key="catch-up"
        )

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        """Save pending notes and the layout, let the writer finish, stop the workers."""
        if not self._closing:
            self.entities.leave_notes()
            self.entities.close()
            self._close_library()
            self._closing = True
            self.articles.closed = True
            window_state.save(self, self._settings)
            self.loader.stop(timeout=0.5)
            self.model.stop(timeout=0.5)
            if not self.writer.stop(timeout=10.0):
                log.error("the writer did not finish within 10 s")
            self.library.close()
        super().closeEvent(event)

    # --- the library, entities, import, find and search (issue 8) ----------------------------

    def _build_library(self, db_path: Path, pipeline: str | None, column: QVBoxLayout) -> None:
        """Docks and controllers of the library, the entities, search, import and find."""
        from reader.ui.entities_controller import EntitiesController
        from reader.ui.entities_dock import EntitiesDock
        from reader.ui.find_bar import FindBar
        from reader.ui.import_controller import ImportController
        from reader.ui.library_controller import LibraryController
        from reader.ui.library_dock import LibraryDock
        from reader.ui.reading import ReadingController
        from reader.ui.search_controller import SearchController
        from reader.ui.search_dock import SearchDock

        # Reads that scan (the library's lists, search) get a connection and a thread of
        # their own, so neither the window nor the writer waits for them.
        self.query: Worker[Library] = Worker(
            "reader-query", lambda: Library(db_path, pipeline=pipeline), Library.close
        )
        # The import reads and checks files against the library with a connection of its own.
        self.import_parser: Worker[Library] = Worker(
            "reader-import", lambda: Library(db_path, pipeline=pipeline), Library.close
        )
        self.find_bar = FindBar(self.view)
        column.addWidget(self.find_bar)

        def dock(title: str, name: str, widget: QWidget) -> QDockWidget:
            d = QDockWidget(title, self)
            d.setObjectName(name)
            d.setWidget(widget)
            self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, d)
            return d

        self.entities_panel = EntitiesDock()
        self.entities_dock = dock("Entities", "entitiesDock", self.entities_panel)
        self.library_panel = LibraryDock()
        self.library_dock = dock("Library", "libraryDock", self.library_panel)
        self.search_panel = SearchDock()
        self.search_dock = dock("Search", "searchDock", self.search_panel)
        self.tabifyDockWidget(self.entities_dock, self.library_dock)
        self.tabifyDockWidget(self.library_dock, self.search_dock)
        self.entities_dock.raise_()
        # Closed until asked for (Ctrl+L, Ctrl+E, Ctrl+Shift+F, the toolbar): a first
        # window gives the text its room; a saved layout reopens them as they were.
        for side_dock in (self.entities_dock, self.library_dock, self.search_dock):
            side_dock.hide()
            side_dock.visibilityChanged.connect(
                lambda shown, d=side_dock: self._widen_side_dock(d) if shown else None
            )
        self._widened: set[QDockWidget] = set()

        self.reading = ReadingController(self.articles, self.library, self.writer)
        self.library_view = LibraryController(
            self.library_panel, self.library_dock, self.library, self.query, self.writer
        )
        self.entity_list = EntitiesController(
            self.entities_panel, self.entities_dock, self.library, self.query
        )
        self.searching = SearchController(self.search_panel, self.library, self.query)
        # What other articles say of an entity (appears in, often appears with) can
        # take tens of milliseconds in a large library: read it there.
        self.entities.query = self.query
        self.library.details_later = True
        self.importer = ImportController(
            self.library, self.import_parser, self.model, self.writer, self.statusBar()
        )

    def _wire_library(self) -> None:
        arts, ents, reading = self.articles, self.entities, self.reading
        self.library_view.article_requested.connect(arts.open_stored)
        self.entity_list.entity_requested.connect(lambda entity_id: ents.show_entity(entity_id))
        self.entity_list.open_requested.connect(
            lambda article_id, start: reading.open_at(article_id, start, mention=True)
        )
        self.entity_list.mention_requested.connect(self._show_mention_at)
        self.entity_list.articles_requested.connect(
            lambda row: self.library_view.filter_by_entity(
                row.entity_id, row.norm, row.kind, row.name
            )
        )
        reading.mention_shown.connect(ents.show_mention)
        self.searching.open_requested.connect(reading.open_at)
        self.searching.entity_requested.connect(lambda entity_id: ents.show_entity(entity_id))
        arts.article_changed.connect(self.find_bar.set_article)
        arts.article_changed.connect(lambda _a: self.entity_list.show_article([]))
        arts.mentions_changed.connect(self.entity_list.show_article)
        for source in (self.library_view, self.importer):
            source.error.connect(self.show_error)
        self.importer.finished.connect(
            lambda report: self.statusBar().showMessage(report.summary(), 10000)
        )
        self.query.failed.connect(lambda name, exc: self.show_error("Unexpected error", str(exc)))

    def _show_mention_at(self, start: int) -> None:
        mention = self.articles.jump_to(start)
        if mention is not None:
            self.entities.show_mention(mention)

    def show_search(self) -> None:
        """Edit ▸ Search Everything (Ctrl+Shift+F): the search dock, its field focused."""
        self.search_dock.show()
        self.search_dock.raise_()
        self.search_panel.focus_query()

    def _apply_library(self, changes: Changes) -> None:
        self.library_view.apply(changes)
        self.entity_list.apply(changes)

    def _close_library(self) -> None:
        """Remember the reading position; stop an import between batches."""
        self.reading.save_position()
        self.importer.cancel()
        self.import_parser.stop(timeout=0.5)
        self.query.stop(timeout=0.5)
