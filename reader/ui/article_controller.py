"""The article on screen: opening it, showing its text, then its highlights.

Opening runs in three steps on three workers, and the text is readable after
the first: the loader parses the file, the writer records it and returns its
mentions if the model cache has them, and only otherwise the model worker runs
spaCy (whose output the writer then records). Each step checks that the
article is still the one on screen; a newer open supersedes an older one.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from reader.core import article as article_mod
from reader.core import nlp
from reader.core.article import Article
from reader.core.changes import Changes, Result
from reader.core.early_model import EarlyModel
from reader.core.library import Library, ModelRun
from reader.core.overlay import Mention
from reader.core.pipelines import PipelineSlot
from reader.resources import sample_article
from reader.ui.article_view import ArticleView
from reader.ui.jobs import Worker

log = logging.getLogger(__name__)


class ArticleController(QObject):
    """Owns the current article and its mentions; drives the article view.

    Signals:
        article_changed(Article): a new article's text is on screen.
        article_recorded(article_id): the article on screen is in the library.
        mentions_changed(list): its highlights are on screen (list of Mention).
        error(str, str): something to tell the user (title, message).
        status(str): a short status-bar message.
        busy(str): what is being waited for ("" when nothing).
    """

    article_changed = Signal(object)
    article_recorded = Signal(int)
    mentions_changed = Signal(object)
    error = Signal(str, str)
    status = Signal(str)
    busy = Signal(str)

    def __init__(
        self,
        view: ArticleView,
        library: Library,
        loader: Worker[None],
        model: Worker[PipelineSlot],
        writer: Worker[Library],
        early: EarlyModel | None = None,
    ) -> None:
        super().__init__()
        self.early = early  # the model process started with Reader, if any: only asked if ready
        self.view = view
        self.library = library  # reads only, on the GUI thread
        self.loader, self.model, self.writer = loader, model, writer
        self.article: Article | None = None
        self.article_id: int | None = None
        self.mentions: list[Mention] = []
        self.closed = False  # the window is closing: results still arriving start nothing

    # --- opening ----------------------------------------------------------------------------

    def open_path(self, path: str) -> None:
        """Open a file: the loader reads it, the text shows, then highlights arrive."""
        self.status.emit(f"Opening {Path(path).name}…")
        self.loader.submit(
            lambda _ctx, _cancelled: article_mod.load(path),
            done=self._loaded,
            failed=lambda exc: self._open_failed(path, exc),
            key="open",
        )

    def open_stored(self, article_id: int) -> None:
        """Open an article of the library (its file may have moved or gone)."""
        stored = self.library.store.load_article(article_id)
        if stored is None:
            self.error.emit("Cannot open article", "That article is no longer in the library.")
            return
        if Path(stored.path).is_file():
            self.open_path(stored.path)
        else:
            self._loaded(stored)

    def open_initial(self) -> None:
        """With no file given: the last article read, else the bundled sample."""
        for row in self.library.recent(5):
            if Path(row.path).is_file():
                self.open_path(row.path)
                return
        self.open_path(str(sample_article()))

    def _open_failed(self, path: str, exc: BaseException) -> None:
        self.status.emit("")
        self.error.emit("Cannot open article", _message(exc, path))

    def _loaded(self, article: Article) -> None:
        self.model.cancel("model")  # the previous article's run is not wanted any more
        self.article, self.article_id, self.mentions = article, None, []
        self.view.set_article(article)
        self.view.setFocus()
        self.status.emit(f"Opened {article.path}")
        self.article_changed.emit(article)
        self.writer.submit(
            lambda lib, _cancelled: lib.add_article(article),
            done=lambda result: self._recorded(article, result),
            failed=lambda exc: self.error.emit("Cannot save article", _message(exc, article.path)),
        )

    def _recorded(self, article: Article, result: Result[int]) -> None:
        if article is not self.article:
            return
        self.article_id = result.value
        self.article_recorded.emit(result.value)
        self._ensure_mentions()

    # --- highlights -------------------------------------------------------------------------

    def _ensure_mentions(self) -> None:
        article, article_id = self.article, self.article_id
        if article is None or article_id is None:
            return
        self.writer.submit(
            lambda lib, _cancelled: lib.ensure_mentions(article_id, article),
            done=lambda result: self._mentions_ready(article, result, cached=True),
            failed=self._annotate_failed,
            key="mentions",
        )

    def _mentions_ready(
        self, article: Article, result: Result[list[Mention] | None], cached: bool
    ) -> None:
        if article is not self.article or self.article_id is None or self.closed:
            return
        too_long = nlp.too_long(article.text) if result.value is None else None
        if too_long is not None:
            # Known before any work: said in the status bar, not in a box on every open.
            self.busy.emit("")
            self.show_mentions([])
            self.status.emit(f"No highlights: {too_long}")
            return
        if result.value is None:
            self._run_model(article, self.article_id)
            return
        self.busy.emit("")
        self.show_mentions(result.value)
        self.status.emit(f"{len(result.value)} highlights" + (" (from cache)" if cached else ""))

    def _run_model(self, article: Article, article_id: int) -> None:
        name = self.library.pipeline_name  # the one chosen now (Preferences, `reader config`)

        def run(slot: PipelineSlot, cancelled: Callable[[], bool]) -> ModelRun:
            return Library.model_run(slot.get(name), article, cancelled)

        loaded = "spacy" in sys.modules or (self.early is not None and self.early.ready)
        self.busy.emit("Finding entities…" if loaded else "Loading the language model…")
        self.model.submit(
            run,
            done=lambda model_run: self._model_ran(article, article_id, model_run),
            failed=self._annotate_failed,
            key="model",
        )

    def _model_ran(self, article: Article, article_id: int, run: ModelRun) -> None:
        if article is not self.article:
            return
        self.writer.submit(
            lambda lib, _cancelled: lib.record_model_run(article_id, article, run),
            done=lambda result: self._mentions_ready(article, result, cached=False),
            failed=self._annotate_failed,
        )

    def _annotate_failed(self, exc: BaseException) -> None:
        self.busy.emit("")
        if self.article is not None:
            self.error.emit("Cannot find entities", _message(exc, self.article.path))

    def show_mentions(self, mentions: list[Mention]) -> None:
        """Lay these highlights over the article."""
        self.mentions = mentions
        self.view.set_mentions(mentions)
        self.refresh_previews()
        self.mentions_changed.emit(mentions)

    def refresh_previews(self, changes: Changes | None = None) -> None:
        """The note lines hovering shows, re-read when notes or entities changed."""
        if changes is not None and not (changes.notes or changes.entities):
            return
        ids = sorted({m.entity_id for m in self.mentions if m.entity_id is not None})
        self.view.set_note_previews(self.library.note_previews(ids))

    def apply(self, changes: Changes) -> None:
        """Re-read the highlights when a change recomputed this article's mentions."""
        if self.article_id is None or self.article_id not in changes.articles:
            return
        if not changes.knowledge:
            return  # our own recording: the mentions came with the result
        current = self.library.current_mentions(self.article_id)
        if current is None:
            self._ensure_mentions()
        else:
            self.show_mentions(current)

    def jump_to_offset(self, offset: int) -> None:
        """Scroll to a place in the text: a mention there is made current."""
        if self.jump_to(offset) is None:
            self.view.show_offset(offset)

    def jump_to(self, start: int) -> Mention | None:
        """Scroll to the mention starting at `start` and make it current."""
        mention = self.view.mention_starting_at(start)
        if mention is not None:
            self.view.show_mention(mention)
        return mention


def _message(exc: BaseException, path: str) -> str:
    """One line for the user: our own errors say it all; anything else names the file."""
    from reader.core.article import ArticleError, display_name
    from reader.core.nlp import PipelineError
    from reader.core.store import StoreError

    if isinstance(exc, ArticleError | StoreError | PipelineError):
        return str(exc)
    log.error("unexpected error with %s", display_name(path), exc_info=exc)
    return f"{display_name(path)}: unexpected error ({exc.__class__.__name__}: {exc})"
