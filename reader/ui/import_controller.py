"""File ▸ Import: files and folders into the library, in the background, cancellable.

Each batch goes through three threads: the import worker finds and parses
the files, the model worker runs spaCy over the whole batch at once, and the
writer records it in one transaction (every new article with its
highlights), so Cancel, a crash or a bad file never leaves half an article.
The next batch is parsed while the model works on this one. Progress shows
in the status bar with a Cancel button; a summary names every file that was
not imported and why.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStatusBar,
    QWidget,
)

from reader.core import formats, importer
from reader.core.article import Article
from reader.core.changes import Result
from reader.core.importer import Failure, ImportReport, Recorded
from reader.core.library import Library, ModelRun
from reader.core.pipelines import PipelineSlot
from reader.ui import dialogs
from reader.ui.jobs import Worker

MAX_LISTED = 12  # failures named in the summary; the rest are counted


class ImportProgress(QWidget):
    """The status bar's import progress: what is happening, a bar, and Cancel."""

    def __init__(self, bar: QStatusBar) -> None:
        super().__init__()
        self.setObjectName("importProgress")
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(160)
        self.cancel = QPushButton("Cancel")
        self.cancel.setObjectName("importCancel")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label)
        row.addWidget(self.bar)
        row.addWidget(self.cancel)
        bar.addPermanentWidget(self)
        self.hide()

    def show_progress(self, done: int, total: int) -> None:
        """`done` of `total` files."""
        self.label.setText(f"Importing {done} of {total} files…")
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        self.show()


class ImportController(QObject):
    """Runs imports (one at a time) and reports them.

    Signals:
        progress(int, int): files done, files in all.
        finished(object): the import is over (its ImportReport).
        error(str, str): something to tell the user (title, message).
    """

    progress = Signal(int, int)
    finished = Signal(object)
    error = Signal(str, str)

    def __init__(
        self,
        library: Library,
        parser: Worker[None],
        model: Worker[PipelineSlot],
        writer: Worker[Library],
        bar: QStatusBar,
    ) -> None:
        super().__init__()
        self.library = library
        self.parser, self.model, self.writer = parser, model, writer
        self.widget = ImportProgress(bar)
        self.widget.cancel.clicked.connect(self.cancel)
        self.progress.connect(self.widget.show_progress)
        self._stop = threading.Event()
        self._report: ImportReport | None = None
        self._batches: list[list[Path]] = []
        self._total = 0
        self._done = 0
        self._seen: set[str] = set()
        self._parsed: list[Article | Failure] | None = None  # the next batch, parsed ahead
        self._parsing = False
        self._working = False  # a batch is with the model or the writer

    @property
    def running(self) -> bool:
        """Whether an import is under way."""
        return self._report is not None

    # --- the user's side ---------------------------------------------------------------

    def choose_files(self, parent: QWidget) -> None:
        """File ▸ Import…: pick articles to add."""
        paths, _ = QFileDialog.getOpenFileNames(
            parent, "Import Articles", str(Path.home()), formats.open_filter()
        )
        if paths:
            self.start(paths)

    def choose_folder(self, parent: QWidget) -> None:
        """File ▸ Import Folder…: add every article under a folder."""
        path = QFileDialog.getExistingDirectory(parent, "Import a Folder", str(Path.home()))
        if path:
            self.start([path])

    def start(self, paths: list[str]) -> None:
        """Import files and folders in the background."""
        if self.running:
            self.error.emit("Import", "An import is already under way; wait for it or cancel it.")
            return
        self._stop.clear()
        self._report = ImportReport()
        self._done, self._seen = 0, set()
        self._parsed, self._parsing, self._working = None, False, False
        self.widget.label.setText("Looking for articles…")
        self.widget.bar.setRange(0, 0)
        self.widget.show()
        self.parser.submit(
            lambda _ctx, _c: importer.discover(paths), done=self._found, failed=self._failed
        )

    def cancel(self) -> None:
        """Stop after the batch being written (which lands whole, or not at all)."""
        if self._report is None:
            return
        self._stop.set()
        self.widget.label.setText("Cancelling…")
        self.widget.cancel.setEnabled(False)
        if not self._working and not self._parsing:
            self._finish()

    def _cancelled(self) -> bool:
        return self._stop.is_set()

    # --- the pipeline (each step back on the GUI thread) ------------------------------

    def _found(self, found: tuple[list[Path], list[Failure]]) -> None:
        files, failed = found
        if self._report is None:
            return
        self._report.failed += failed
        self._total = len(files)
        self._batches = list(importer.batches(files, importer.estimated_words))
        self.progress.emit(0, self._total)
        self._parse_next()

    def _parse_next(self) -> None:
        if self._parsing or self._parsed is not None or not self._batches or self._cancelled():
            self._next()
            return
        batch = self._batches.pop(0)
        self._parsing = True
        self.parser.submit(
            lambda _ctx, c: importer.load_batch(batch, self._cancelled),
            done=self._batch_parsed,
            failed=self._failed,
        )

    def _batch_parsed(self, loaded: list[Article | Failure]) -> None:
        self._parsing = False
        self._parsed = loaded
        self._next()

    def _next(self) -> None:
        """Send the parsed batch to the model (and parse the next one meanwhile)."""
        if self._report is None:
            return
        if self._cancelled():
            if not self._working and not self._parsing:
                self._finish()
            return
        if self._working:
            return
        if self._parsed is None:
            if not self._parsing and not self._batches:
                self._finish()
            return
        loaded, self._parsed = self._parsed, None
        new, present = importer.split_known(self.library, loaded, self._seen, self._report)
        self._report.present += present
        self._working = True
        self._parse_next()  # the next batch is read while the model works on this one
        count = len(loaded)
        cached = [self.library.cached_run(a) for a in new]
        todo = [a for a, c in zip(new, cached, strict=True) if c is None]
        if not todo:
            self._record(new, list(cached), count)
            return

        name = self.library.pipeline_name

        def run(slot: PipelineSlot, _c: object) -> list[ModelRun] | None:
            if self._cancelled():
                return None
            return importer.model_batch(slot.get(name), todo, self._cancelled)

        def ran(runs: list[ModelRun] | None) -> None:
            if runs is None:
                self._working = False
                self._next()
                return
            fresh = iter(runs)
            self._record(new, [c if c is not None else next(fresh) for c in cached], count)

        self.model.submit(run, done=ran, failed=self._failed)

    def _record(self, new: list[Article], runs: list[ModelRun | None], count: int) -> None:
        def write(lib: Library, _c: object) -> Result[Recorded] | None:
            if self._cancelled():
                return None  # not started: nothing of this batch is written
            return importer.record_batch(lib, new, runs)

        def written(result: Result[Recorded] | None) -> None:
            self._working = False
            if result is not None and self._report is not None:
                self._report.added += [p for _, p in result.value.added]
                self._report.present += list(result.value.present)
                self._report.words += sum(len(a.text.split()) for a in new)
                self._done += count
                self.progress.emit(self._done, self._total)
            self._next()

        self.writer.submit(write, done=written, failed=self._failed)

    def _failed(self, exc: BaseException) -> None:
        """A step failed (the library refused a write, a bug): stop, say what landed."""
        self._stop.set()
        self._working = self._parsing = False
        from reader.core.nlp import Cancelled

        if not isinstance(exc, Cancelled):
            self.error.emit("Import stopped", str(exc))
        self._finish()

    def _finish(self) -> None:
        report = self._report
        if report is None:
            return
        self._report = None
        report.cancelled = self._stop.is_set()
        self._batches, self._parsed = [], None
        self.widget.hide()
        self.widget.cancel.setEnabled(True)
        self.finished.emit(report)
        if report.failed:
            listed = "\n".join(
                f"• {Path(f.path).name}: {f.reason}" for f in report.failed[:MAX_LISTED]
            )
            more = len(report.failed) - MAX_LISTED
            extra = f"\n…and {more} more." if more > 0 else ""
            dialogs.warn(None, "Import", f"{report.summary()}\n\n{listed}{extra}")
