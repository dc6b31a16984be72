"""The main window: builds every panel and wires every cross-panel signal.

No panel knows another (calibre's viewer does the same): the article view
reports a clicked mention, the window asks the library for the entity and
hands the result to the panel; the panel asks for a note to be saved, the
window saves it and refreshes the highlights. Slow work goes to two workers:
one loads files, one runs the language model.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt, QUrl, Signal, Slot
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from reader import APP_NAME, __version__
from reader.core.article import OPEN_FILTER, Article
from reader.core.entities import Mention
from reader.core.library import EntityView, Library
from reader.resources import sample_article
from reader.ui.article_view import ArticleView
from reader.ui.entity_panel import EntityPanel, NoteCard
from reader.ui.legend import Legend
from reader.ui.workers import Worker

log = logging.getLogger(__name__)
STATE_VERSION = 1  # bump when docks change, so old saved layouts are ignored


def bench_event(event: str) -> None:
    """Print a timestamp for benchmarks/launch.py (only when READER_BENCH is set).

    Also says whether spaCy is loaded yet: the window must not wait for it.
    """
    if os.environ.get("READER_BENCH"):
        spacy = "spacy-loaded" if "spacy" in sys.modules else "spacy-not-loaded"
        print(f"READER_BENCH {event} {time.time():.6f} {spacy}", file=sys.stderr, flush=True)


class MainWindow(QMainWindow):
    """Reader's window.

    Signals:
        open_requested(request_id, path): to the loader worker.
        annotate_requested(request_id, article_id, article): to the model worker.
        article_changed(Article): a new article is on screen (text only).
        mentions_changed(list): its highlights are on screen.
        error_shown(str): a message was shown to the user (tests and logs).
    """

    open_requested = Signal(int, str)
    annotate_requested = Signal(int, int, object)
    article_changed = Signal(object)
    mentions_changed = Signal(object)
    error_shown = Signal(str)

    def __init__(self, db_path: Path, pipeline: str | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)
        self.db_path = db_path
        self.library = Library(db_path, pipeline=pipeline)
        self.article: Article | None = None
        self.article_id: int | None = None
        self.mentions: list[Mention] = []
        self._open_id = 0
        self._annotate_id = 0
        self._closing = False
        self._settings = QSettings(
            str(Path(db_path).with_name("window.ini")), QSettings.Format.IniFormat
        )

        self.view = ArticleView()
        self.meta = QLabel()
        self.meta.setObjectName("articleMeta")
        self.meta.setOpenExternalLinks(True)
        self.meta.setTextFormat(Qt.TextFormat.RichText)
        self.meta.setWordWrap(True)
        self.meta.hide()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.meta)
        column.addWidget(self.view, 1)
        self.setCentralWidget(central)

        self.panel = EntityPanel()
        self.dock = QDockWidget("Entity", self)
        self.dock.setObjectName("entityDock")
        self.dock.setWidget(self.panel)
        self.dock.setMinimumWidth(300)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)

        self.legend = Legend(self.view.highlight_palette)
        self._build_actions()
        self._build_status()
        self._start_workers(db_path, pipeline)
        self._wire()
        self._restore_state()

    # --- construction ---------------------------------------------------------------------

    def _build_actions(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.open_action = QAction("&Open…", self)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self.choose_file)
        file_menu.addAction(self.open_action)
        self.recent_menu = QMenu("Open &Recent", self)
        self.recent_menu.setObjectName("recentMenu")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addMenu(self.recent_menu)
        sample = QAction("Open the &Sample Article", self)
        sample.triggered.connect(lambda: self.open_path(str(sample_article())))
        file_menu.addAction(sample)
        file_menu.addSeparator()
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        view_menu = self.menuBar().addMenu("&View")
        for kind, button in self.legend.buttons.items():
            action = QAction(f"Highlight {kind.plural}", self)
            action.setCheckable(True)
            action.setChecked(True)
            action.toggled.connect(button.setChecked)
            button.toggled.connect(action.setChecked)
            view_menu.addAction(action)
        view_menu.addSeparator()
        view_menu.addAction(self.dock.toggleViewAction())
        zoom_in = QAction("Larger Text", self)
        zoom_in.setShortcuts(
            [QKeySequence(QKeySequence.StandardKey.ZoomIn), QKeySequence("Ctrl+=")]
        )
        zoom_in.triggered.connect(lambda: self.view.zoom(1))
        zoom_out = QAction("Smaller Text", self)
        zoom_out.setShortcut(QKeySequence.StandardKey.ZoomOut)
        zoom_out.triggered.connect(lambda: self.view.zoom(-1))
        view_menu.addActions([zoom_in, zoom_out])

        help_menu = self.menuBar().addMenu("&Help")
        about = QAction(f"&About {APP_NAME}", self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

        toolbar = QToolBar("Main", self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.addAction(self.open_action)
        toolbar.addSeparator()
        toolbar.addWidget(self.legend)
        self.addToolBar(toolbar)

    def _build_status(self) -> None:
        self.busy_label = QLabel()
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(120)
        self.busy_bar.hide()
        self.statusBar().addPermanentWidget(self.busy_label)
        self.statusBar().addPermanentWidget(self.busy_bar)

    def _start_workers(self, db_path: Path, pipeline: str | None) -> None:
        self.loader = Worker(db_path, pipeline, "reader-loader")
        self.nlp = Worker(db_path, pipeline, "reader-nlp")
        self.open_requested.connect(self.loader.open_path)
        self.annotate_requested.connect(self.nlp.annotate)
        self.loader.opened.connect(self._on_opened)
        self.loader.failed.connect(self._on_open_failed)
        self.nlp.annotated.connect(self._on_annotated)
        self.nlp.failed.connect(self._on_annotate_failed)
        self.nlp.busy.connect(self._on_busy)
        self.loader.start()
        self.nlp.start()

    def _wire(self) -> None:
        self.legend.kind_toggled.connect(self.view.set_kind_visible)
        self.view.mention_activated.connect(self.show_mention_entity)
        self.panel.occurrence_requested.connect(self.view.show_mention)
        self.panel.article_requested.connect(self.open_path)
        self.panel.note_save_requested.connect(self.save_note)
        self.panel.note_delete_requested.connect(self.delete_note)

    def _restore_state(self) -> None:
        self.resize(1280, 820)
        if self._settings.value("state_version") == str(STATE_VERSION):
            geometry = self._settings.value("geometry")
            state = self._settings.value("window_state")
            if isinstance(geometry, QByteArray):
                self.restoreGeometry(geometry)
            if isinstance(state, QByteArray):
                self.restoreState(state, STATE_VERSION)
        self.resizeDocks([self.dock], [380], Qt.Orientation.Horizontal)

    # --- opening --------------------------------------------------------------------------

    def choose_file(self) -> None:
        """File ▸ Open."""
        start = str(Path(self.article.path).parent) if self.article else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self, "Open Article", start, OPEN_FILTER)
        if path:
            self.open_path(path)

    @Slot(str)
    def open_path(self, path: str) -> None:
        """Open a file: the loader reads it, the text shows, then highlights arrive."""
        self._open_id += 1
        self.loader.supersede(self._open_id)
        self.statusBar().showMessage(f"Opening {Path(path).name}…")
        self.open_requested.emit(self._open_id, path)

    def open_initial(self) -> None:
        """With no file given: the last article read, else the bundled sample."""
        for row in self.library.recent(5):
            if Path(row.path).is_file():
                self.open_path(row.path)
                return
        self.open_path(str(sample_article()))

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        rows = self.library.recent(10)
        for row in rows:
            action = self.recent_menu.addAction(row.title or Path(row.path).name)
            action.setToolTip(row.path)
            action.setEnabled(Path(row.path).is_file())
            action.triggered.connect(lambda _=False, p=row.path: self.open_path(p))
        if not rows:
            self.recent_menu.addAction("No recent articles").setEnabled(False)

    @Slot(int, int, object)
    def _on_opened(self, request_id: int, article_id: int, article: Article) -> None:
        if request_id != self._open_id or self._closing:
            return
        self.panel.clear()
        self.article, self.article_id, self.mentions = article, article_id, []
        self.view.set_article(article)
        self.setWindowTitle(f"{article.title} — {APP_NAME}")
        self._show_meta(article)
        self.legend.set_counts(None)
        self.statusBar().showMessage(f"Opened {article.path}", 4000)
        bench_event("text-shown")
        self.article_changed.emit(article)
        self.annotate()

    def _show_meta(self, article: Article) -> None:
        meta = article.meta
        parts = []
        if meta.get("author"):
            parts.append(f"By {meta['author']}")
        if meta.get("date") and article.format != "txt":
            parts.append(meta["date"])
        if meta.get("site"):
            parts.append(meta["site"])
        if meta.get("url"):
            url = QUrl(meta["url"])
            parts.append(f'<a href="{url.toString()}">{url.host() or "source"}</a>')
        self.meta.setText("  ·  ".join(parts))
        self.meta.setVisible(bool(parts))

    @Slot(int, str, str)
    def _on_open_failed(self, request_id: int, path: str, message: str) -> None:
        if request_id != self._open_id or self._closing:
            return
        self.statusBar().clearMessage()
        self.show_error("Cannot open article", message)

    def show_error(self, title: str, message: str) -> None:
        """One clear message in a dialog (also announced through error_shown)."""
        log.warning("%s", message)
        self.error_shown.emit(message)
        if os.environ.get("READER_NO_DIALOGS"):
            return
        QMessageBox.warning(self, title, message)

    # --- entities ------------------------------------------------------------------------

    def annotate(self) -> None:
        """(Re)compute the highlights of the article shown, in the model worker."""
        if self.article is None or self.article_id is None or self._closing:
            return
        self._annotate_id += 1
        self.nlp.supersede(self._annotate_id)
        self.annotate_requested.emit(self._annotate_id, self.article_id, self.article)

    @Slot(int, int, object, bool)
    def _on_annotated(
        self, request_id: int, article_id: int, mentions: list[Mention], cached: bool
    ) -> None:
        if request_id != self._annotate_id or article_id != self.article_id or self._closing:
            return
        self.mentions = mentions
        self.view.set_mentions(mentions)
        self._refresh_previews()
        self.legend.set_counts(mentions)
        self.statusBar().showMessage(
            f"{len(mentions)} highlights" + (" (from cache)" if cached else ""), 4000
        )
        if self.panel.view is not None:
            self._refresh_panel()
        bench_event("highlights-shown")
        self.mentions_changed.emit(mentions)
        if os.environ.get("READER_BENCH_QUIT"):
            self.close()

    @Slot(int, str, str)
    def _on_annotate_failed(self, request_id: int, path: str, message: str) -> None:
        if request_id == self._annotate_id and not self._closing:
            self.show_error("Cannot find entities", message)

    @Slot(str)
    def _on_busy(self, message: str) -> None:
        self.busy_label.setText(message)
        self.busy_bar.setVisible(bool(message))

    def _refresh_previews(self) -> None:
        ids = sorted({m.entity_id for m in self.mentions if m.entity_id is not None})
        self.view.set_note_previews(self.library.note_previews(ids))

    @Slot(object)
    def show_mention_entity(self, mention: Mention) -> None:
        """Show the clicked mention's entity in the panel."""
        if self.article is None:
            return
        self.panel.flush()  # pending typing first, so the view read below includes it
        view = self.library.entity_view(mention, self.mentions, self.article_id)
        self.panel.show_entity(view, self.article.text, self.view.highlight_palette)
        self.dock.show()
        self.dock.raise_()

    def _refresh_panel(self) -> None:
        """Re-read the panel's entity after highlights or notes changed."""
        current = self.panel.view
        if current is None or self.article is None:
            return
        anchor = next((m for m in self.mentions if current.covers(m)), None)
        if anchor is None:
            return
        view = self.library.entity_view(anchor, self.mentions, self.article_id)
        self.panel.show_entity(
            view, self.article.text, self.view.highlight_palette, keep_notes=True
        )

    # --- notes ---------------------------------------------------------------------------

    @Slot(object)
    def save_note(self, card: NoteCard) -> None:
        """Store a note card's text; the first note on a new name creates its entity."""
        view = self.panel.view
        if view is None:
            return
        body = card.body
        try:
            if card.note_id is None:
                created = view.entity_id is None
                entity_id, note_id = self.library.add_first_note(view, body)
                card.mark_saved(note_id, body)
                if created:
                    self.panel.view = dataclasses.replace(view, entity_id=entity_id)
                    self.annotate()  # the new entity's names now link in every article
            else:
                self.library.update_note(card.note_id, body)
                card.mark_saved(card.note_id, body)
        except Exception as exc:  # disk full, locked database...: never lose the words
            log.exception("saving a note failed")
            self._rescue(view, card, str(exc))
            return
        self._refresh_previews()

    def _rescue(self, view: EntityView, card: NoteCard, reason: str) -> None:
        """A save failed: write the text to a recovery file and tell the user where."""
        try:
            target = self.library.write_recovery(view, card.body)
        except OSError as exc:
            # Nowhere on disk will take it: the clipboard is the last safe place,
            # and the user is told once (no retry loop of dialogs).
            QGuiApplication.clipboard().setText(card.body)
            card.status.setText("Not saved — copied to the clipboard")
            card.mark_rescued(card.body)
            self.show_error(
                "Note not saved",
                f"Could not save the note ({reason}) nor a copy ({exc}). "
                "Its text is on the clipboard: paste it somewhere safe.",
            )
            return
        card.status.setText("Not saved in the library")
        card.mark_rescued(card.body)
        self.statusBar().showMessage(
            f"Could not save the note ({reason}); a copy is in {target}", 30000
        )
        self.error_shown.emit(f"{target}: note kept here because saving failed ({reason})")

    @Slot(object)
    def delete_note(self, card: NoteCard) -> None:
        """Delete a note after asking."""
        if card.note_id is not None:
            answer = QMessageBox.question(
                self,
                "Delete note",
                "Delete this note? This cannot be undone.",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
            self.library.delete_note(card.note_id)
        self.panel.remove_card(card)
        self._refresh_previews()

    # --- window events -------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        """Accept files dragged from a file manager."""
        if any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        """Open the first dropped file."""
        for url in event.mimeData().urls():
            if url.isLocalFile():
                event.acceptProposedAction()
                self.open_path(url.toLocalFile())
                return

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        """Save pending notes and the layout, stop the workers, close the database."""
        if not self._closing:
            self.panel.flush()
            self._closing = True
            self._settings.setValue("state_version", str(STATE_VERSION))
            self._settings.setValue("geometry", self.saveGeometry())
            self._settings.setValue("window_state", self.saveState(STATE_VERSION))
            self._settings.sync()
            self.loader.stop()
            self.nlp.stop()
            self.library.close()
        super().closeEvent(event)

    def _about(self) -> None:
        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<h3>{APP_NAME} {__version__}</h3>"
            "<p>Read saved articles with their groups, people and places highlighted, "
            "and keep your own notes on each of them.</p>"
            f"<p>Language model: {self.library.pipeline_name}<br>"
            f"Library: {self.db_path}</p>",
        )
