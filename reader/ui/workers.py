"""Background workers: file loading and entity recognition off the GUI thread.

Each worker lives in its own QThread and owns its own `Library` (so its own
SQLite connection and, for the NLP worker, its own spaCy pipeline — spaCy
issue #11904). Requests carry an id; a worker skips requests that a newer one
has superseded, and the window drops results whose id is stale. Results are
plain frozen data (Article, Mention), never spaCy objects.
"""

from __future__ import annotations

import logging
import traceback
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from reader.core.article import Article, ArticleError
from reader.core.library import Library
from reader.core.nlp import Cancelled, PipelineError
from reader.core.store import StoreError

log = logging.getLogger(__name__)


class Worker(QObject):
    """Runs library use cases for the window in a background thread.

    Signals:
        opened(request_id, article_id, article): a file was loaded and saved.
        annotated(request_id, article_id, mentions, from_cache): entities are ready.
        failed(request_id, path, message): a request failed; message is for the user.
        busy(message): what the worker is doing now ("" when idle).
    """

    opened = Signal(int, int, object)
    annotated = Signal(int, int, object, bool)
    failed = Signal(int, str, str)
    busy = Signal(str)

    def __init__(self, db_path: Path, pipeline: str | None, name: str) -> None:
        super().__init__()
        self._db_path = db_path
        self._pipeline = pipeline
        self._library: Library | None = None
        self._latest = 0
        self._stopping = False
        self.thread_ = QThread()
        self.thread_.setObjectName(name)
        self.moveToThread(self.thread_)
        self.thread_.finished.connect(self._close)

    def start(self) -> None:
        """Start the thread (the library opens lazily inside it)."""
        self.thread_.start()

    def stop(self) -> None:
        """Cancel the current request, then end the thread."""
        self._stopping = True
        self.thread_.quit()
        self.thread_.wait()

    def supersede(self, request_id: int) -> None:
        """Mark older requests as stale (called from the GUI thread; an int store is atomic)."""
        self._latest = max(self._latest, request_id)

    def _lib(self) -> Library:
        if self._library is None:
            self._library = Library(self._db_path, pipeline=self._pipeline)
        return self._library

    @Slot()
    def _close(self) -> None:
        if self._library is not None:
            self._library.close()
            self._library = None

    @Slot(int, str)
    def open_path(self, request_id: int, path: str) -> None:
        """Load a file and record it in the library."""
        if request_id < self._latest:
            return
        try:
            article_id, article = self._lib().open_article(path)
        except (ArticleError, StoreError) as exc:
            self.failed.emit(request_id, path, str(exc))
            return
        except Exception as exc:  # a bug must reach the user as a message, not a dead thread
            log.error("opening %s failed:\n%s", path, traceback.format_exc())
            self.failed.emit(request_id, path, f"{path}: unexpected error ({exc})")
            return
        self.opened.emit(request_id, article_id, article)

    @Slot(int, int, object)
    def annotate(self, request_id: int, article_id: int, article: Article) -> None:
        """Find the article's entities (model output is cached; the overlay is cheap)."""
        if request_id < self._latest:
            return
        library = self._lib()
        try:
            cached = library.is_cached(article)
            if not cached and not library.pipeline.loaded:
                self.busy.emit(f"Loading the language model ({library.pipeline_name})…")
                library.pipeline.load()
            if not cached:
                self.busy.emit("Finding entities…")
            mentions = library.annotate(
                article, article_id, lambda: self._stopping or request_id < self._latest
            )
        except Cancelled:
            return
        except (PipelineError, StoreError) as exc:
            self.failed.emit(request_id, article.path, str(exc))
            return
        except Exception as exc:
            log.error("annotating %s failed:\n%s", article.path, traceback.format_exc())
            self.failed.emit(request_id, article.path, f"finding entities failed ({exc})")
            return
        finally:
            self.busy.emit("")
        self.annotated.emit(request_id, article_id, mentions, cached)
