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

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QDockWidget, QMainWindow, QVBoxLayout, QWidget

from reader import APP_NAME
from reader.core import formats
from reader.core.article import Article
from reader.core.changes import Changes
from reader.core.library import Library
from reader.core.nlp import Pipeline
from reader.ui import dialogs, window_state
from reader.ui.actions import build_actions
from reader.ui.article_controller import ArticleController
from reader.ui.article_header import ArticleHeader
from reader.ui.article_view import ArticleView
from reader.ui.corrections_controller import CorrectionsController
from reader.ui.entity_panel import EntityPanel
from reader.ui.jobs import Worker
from reader.ui.legend import Legend
from reader.ui.panel_controller import PanelController
from reader.ui.status_line import StatusLine

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    """Reader's window.

    Signals:
        article_changed(Article): a new article's text is on screen.
        mentions_changed(list): its highlights are on screen.
        error_shown(str): a message was shown to the user (dialog or status line).
    """

    article_changed = Signal(object)
    mentions_changed = Signal(object)
    error_shown = Signal(str)

    def __init__(self, db_path: Path, pipeline: str | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)
        self.db_path = db_path
        self.library = Library(db_path, pipeline=pipeline)  # reads on the GUI thread
        name = self.library.pipeline_name
        self.loader: Worker[None] = Worker("reader-loader", lambda: None)
        self.model: Worker[Pipeline] = Worker("reader-model", lambda: Pipeline(name))
        self.writer: Worker[Library] = Worker(
            "reader-writer", lambda: Library(db_path, pipeline=pipeline), Library.close
        )
        self._closing = False
        self._settings = window_state.settings_for(db_path)

        self.view = ArticleView()
        self.header = ArticleHeader()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.header)
        column.addWidget(self.view, 1)
        self.setCentralWidget(central)
        self.panel = EntityPanel()
        self.dock = QDockWidget("Entity", self)
        self.dock.setObjectName("entityDock")
        self.dock.setWidget(self.panel)
        self.dock.setMinimumWidth(300)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.legend = Legend(self.view.highlight_palette)

        self.articles = ArticleController(
            self.view, self.library, self.loader, self.model, self.writer
        )
        self.corrections = CorrectionsController(self.articles, self.library, self.writer)
        self.entities = PanelController(
            self.panel, self.articles, self.library, self.writer, self.corrections
        )
        self._build_library(db_path, pipeline, column)
        self.actions_ = build_actions(self)
        self.status_line = StatusLine(self.statusBar())
        self._wire()
        self._wire_library()
        self.resize(1280, 820)
        self.resizeDocks([self.dock, self.entities_dock], [380, 300], Qt.Orientation.Horizontal)
        window_state.restore(self, self._settings)
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
        arts.status.connect(lambda text: self.statusBar().showMessage(text, 4000))
        arts.busy.connect(self.status_line.set_busy)
        for worker in (self.loader, self.model, self.writer):
            worker.changed.connect(self.apply_changes)
            worker.failed.connect(lambda name, exc: self.show_error("Unexpected error", str(exc)))

    # --- what the user asks for -------------------------------------------------------------

    def open_path(self, path: str) -> None:
        """Open a file (File ▸ Open, drag and drop, the command line)."""
        self.articles.open_path(path)

    def open_initial(self) -> None:
        """The last article read, else the bundled sample."""
        self.articles.open_initial()

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
        self.writer.submit(
            lambda lib, cancelled: lib.refresh_stale(cancelled, first=current), key="refresh"
        )

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

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        """Save pending notes and the layout, let the writer finish, stop the workers."""
        if not self._closing:
            self.panel.flush()
            self.entities.close()
            self._close_library()
            self._closing = True
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
        self.import_parser: Worker[None] = Worker("reader-import", lambda: None)
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

        self.reading = ReadingController(self.articles, self.library, self.writer)
        self.library_view = LibraryController(
            self.library_panel, self.library_dock, self.library, self.query, self.writer
        )
        self.entity_list = EntitiesController(
            self.entities_panel, self.entities_dock, self.library, self.query
        )
        self.searching = SearchController(self.search_panel, self.library, self.query)
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
