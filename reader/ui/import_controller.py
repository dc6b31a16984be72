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
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStatusBar,
    QWidget,
)

from reader.core import formats, importer, parallel
from reader.core.article import Article
from reader.core.changes import Result
from reader.core.importer import Failure, ImportReport, Recorded
from reader.core.library import Library, ModelRun
from reader.core.pipelines import PipelineSlot
from reader.ui import dialogs, file_dialogs, folders
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
        parser: Worker[Library],
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
        self._parsed: importer.Prepared | None = None  # the next batch, parsed ahead
        self._parsing = False
        self._working = False  # a batch is with the model
        self._writing = 0  # batches sent to the writer, not written yet
        self._pool: parallel.Pool | None = None  # worker processes, for the length of an import

    @property
    def running(self) -> bool:
        """Whether an import is under way."""
        return self._report is not None

    # --- the user's side ---------------------------------------------------------------

    def choose_files(self, parent: QWidget) -> None:
        """File ▸ Import…: pick articles to add."""
        paths = file_dialogs.open_files(
            parent, "Import Articles", folders.start(), formats.open_filter()
        )
        if paths:
            folders.remember(paths[0])
            self.start(paths)

    def choose_folder(self, parent: QWidget) -> None:
        """File ▸ Import Folder…: add every article under a folder."""
        path = file_dialogs.existing_folder(parent, "Import a Folder", folders.start())
        if path:
            folders.remember(path)
            self.start([path])

    def start(self, paths: list[str]) -> None:
        """Import files and folders in the background."""
        if self.running:
            self.error.emit("Import", "An import is already under way; wait for it or cancel it.")
            return
        self._stop.clear()
        self._report = ImportReport()
        self._done, self._seen = 0, set()
        self._parsed, self._parsing, self._working, self._writing = None, False, False, 0
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
        if not self._busy():
            self._finish()

    def _busy(self) -> bool:
        return self._working or self._parsing or self._writing > 0

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
        words = sum(importer.estimated_words(p) for p in files)
        if parallel.processes() > 1 and words >= importer.PARALLEL_FROM_WORDS:
            self._pool = parallel.Pool()
        self.progress.emit(0, self._total)
        self._parse_next()

    def _parse_next(self) -> None:
        if self._parsing or self._parsed is not None or not self._batches or self._cancelled():
            self._next()
            return
        batch = self._batches.pop(0)
        self._parsing = True
        seen = self._seen  # the parser's from now on: it prepares the batches in order
        self.parser.submit(
            lambda lib, _c: importer.prepare_batch(lib, batch, seen, self._cancelled),
            done=self._batch_parsed,
            failed=self._failed,
        )

    def _batch_parsed(self, prepared: importer.Prepared) -> None:
        self._parsing = False
        self._parsed = prepared
        self._next()

    def _next(self) -> None:
        """Send the parsed batch to the model (and parse the next one meanwhile).

        The model takes the next batch while the writer records the last one;
        at most one batch waits for the writer.
        """
        if self._report is None:
            return
        if self._cancelled():
            if not self._busy():
                self._finish()
            return
        if self._working or self._writing > 1:
            return
        if self._parsed is None:
            if not self._parsing and not self._batches and not self._writing:
                self._finish()
            return
        prepared, self._parsed = self._parsed, None
        self._report.failed += prepared.failed
        self._report.present += prepared.present
        self._report.unhighlighted += prepared.unhighlighted
        self._working = True
        self._parse_next()  # the next batch is read while the model works on this one
        count, new, cached = prepared.files, prepared.new, prepared.cached
        if all(c is not None for c in cached):
            self._working = False
            self._record(new, importer.Analysed(list(cached), [None] * len(cached)), count)
            return

        name = self.library.pipeline_name
        pool = self._pool
        knowledge = prepared.knowledge

        def run(slot: PipelineSlot, _c: object) -> importer.Analysed | None:
            if self._cancelled():
                return None
            pipeline = slot.get(name)
            if pool is not None:
                # The model and the overlay run in worker processes: this one only waits.
                return importer.analyse(pool, pipeline, knowledge, new, cached)(self._cancelled)
            todo = [a for a, c in zip(new, cached, strict=True) if c is None]
            fresh = iter(importer.model_batch(pipeline, todo, self._cancelled))
            runs: list[ModelRun | None] = [c if c is not None else next(fresh) for c in cached]
            return importer.Analysed(runs, [None] * len(runs))

        def ran(result: importer.Analysed | None) -> None:
            self._working = False
            if result is not None:
                self._record(new, result, count)
            self._next()

        self.model.submit(run, done=ran, failed=self._failed)

    def _record(self, new: list[Article], result: importer.Analysed, count: int) -> None:
        def write(lib: Library, _c: object) -> Result[Recorded] | None:
            if self._cancelled():
                return None  # not started: nothing of this batch is written
            return importer.record_batch(lib, new, result.runs, result.computed)

        def written(recorded: Result[Recorded] | None) -> None:
            self._writing -= 1
            if recorded is not None and self._report is not None:
                self._report.added += [p for _, p in recorded.value.added]
                self._report.present += list(recorded.value.present)
                self._report.words += sum(len(a.text.split()) for a in new)
                self._done += count
                self.progress.emit(self._done, self._total)
            self._next()

        def not_written(exc: BaseException) -> None:
            self._writing -= 1
            self._failed(exc)

        self._writing += 1
        self.writer.submit(write, done=written, failed=not_written)

    def _failed(self, exc: BaseException) -> None:
        """A step failed (the library refused a write, a bug): stop, say what landed."""
        self._stop.set()
        self._working = self._parsing = False
        from reader.core.nlp import Cancelled

        if not isinstance(exc, Cancelled):
            self.error.emit("Import stopped", str(exc))
        if not self._writing:  # else the batch with the writer lands (or fails) whole first
            self._finish()

    def _finish(self) -> None:
        report = self._report
        if report is None:
            return
        self._report = None
        report.cancelled = self._stop.is_set()
        self._batches, self._parsed = [], None
        pool, self._pool = self._pool, None
        if pool is not None:
            self.model.submit(lambda _slot, _c: pool.close())  # stopping them can take a moment
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
