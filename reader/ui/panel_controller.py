"""The side panel's entity and its notes: what is shown, and getting notes saved.

The panel widget only displays and reports intents (ids and text). This
controller reads what to show from the library (fast queries on the GUI
thread) and sends every write to the writer worker. A note's first save
creates its entity; typing that arrives while that save is in flight is sent
as an update once the note has its id, so one card is never two notes.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication

from reader.core.changes import Changes, Result
from reader.core.library import EntityRef, EntityView, Library
from reader.core.overlay import Mention
from reader.ui import dialogs
from reader.ui.article_controller import ArticleController
from reader.ui.entity_panel import EntityPanel
from reader.ui.jobs import Worker

log = logging.getLogger(__name__)


class PanelController(QObject):
    """Shows one entity in the panel and keeps its notes saved.

    Signals:
        error(str, str): something to tell the user in a dialog (title, message).
        notice(str): something to tell the user without stopping them.
        shown(): the panel shows a (new or refreshed) entity.
    """

    error = Signal(str, str)
    notice = Signal(str)
    shown = Signal()

    def __init__(
        self,
        panel: EntityPanel,
        articles: ArticleController,
        library: Library,
        writer: Worker[Library],
    ) -> None:
        super().__init__()
        self.panel = panel
        self.articles = articles
        self.library = library
        self.writer = writer
        self.view: EntityView | None = None
        self._creating: dict[int, str | None] = {}  # card token -> text typed meanwhile
        self._clipboard_notes: list[str] = []
        panel.note_save_requested.connect(self.save_note)
        panel.note_delete_requested.connect(self.delete_note)

    # --- showing ----------------------------------------------------------------------------

    def show_mention(self, mention: Mention) -> None:
        """Show the entity a mention refers to (pending typing on the previous one is saved)."""
        if self.articles.article is None:
            return
        self.panel.flush()
        self.view = self.library.entity_view(
            mention, self.articles.mentions, self.articles.article_id
        )
        self.panel.show_entity(
            self.view, self.articles.article.text, self.articles.view.highlight_palette
        )
        self.shown.emit()

    def clear(self) -> None:
        """Nothing selected (a new article is on screen)."""
        self.panel.clear()
        self.view = None

    def refresh(self) -> None:
        """Re-read the entity after highlights or notes changed; the note editors stay."""
        current, article = self.view, self.articles.article
        if current is None or article is None:
            return
        anchor = next((m for m in self.articles.mentions if current.covers(m)), None)
        if anchor is None:
            return
        self.view = self.library.entity_view(
            anchor, self.articles.mentions, self.articles.article_id
        )
        self.panel.show_entity(
            self.view, article.text, self.articles.view.highlight_palette, keep_notes=True
        )
        self.shown.emit()

    def apply(self, changes: Changes) -> None:
        """Refresh when the shown entity, its notes or what the overlay knows changed."""
        if self.view is None:
            return
        if (
            changes.knowledge
            or (self.view.entity_id is not None and self.view.entity_id in changes.entities)
            or (self.articles.article_id in changes.articles)
        ):
            self.refresh()

    # --- notes ---------------------------------------------------------------------------------

    def save_note(self, token: int, note_id: int | None, body: str) -> None:
        """Store a card's text; the first note on a new name creates its entity."""
        view = self.view
        if note_id is None and token in self._creating:
            self._creating[token] = body  # sent once the note exists
            return
        name = view.name if view is not None else "unknown entity"
        if note_id is not None:
            self.writer.submit(
                lambda lib, _c: lib.update_note(note_id, body),
                done=lambda _changes: self.panel.note_saved(token, note_id, body),
                failed=lambda exc: self._rescue(token, name, body, exc),
            )
            return
        if view is None:
            return
        ref: EntityRef = view.ref()
        self._creating[token] = None
        self.writer.submit(
            lambda lib, _c: lib.add_note(ref, body),
            done=lambda result: self._created(token, body, result),
            failed=lambda exc: self._create_failed(token, name, body, exc),
        )

    def _created(self, token: int, body: str, result: Result[tuple[int, int]]) -> None:
        entity_id, note_id = result.value
        later = self._creating.pop(token, None)
        self.panel.note_saved(token, note_id, body)
        if self.view is not None and self.view.entity_id is None and self.view.key:
            self.view = replace(self.view, entity_id=entity_id)
            self.panel.view = self.view
        if later is not None and later != body:
            self.save_note(token, note_id, later)

    def _create_failed(self, token: int, name: str, body: str, exc: BaseException) -> None:
        later = self._creating.pop(token, None)
        self._rescue(token, name, later if later is not None else body, exc)

    def _rescue(self, token: int, name: str, body: str, exc: BaseException) -> None:
        """A save failed: keep the words in a recovery file, else on the clipboard, and say so."""
        log.error("saving a note failed", exc_info=exc)
        reason = str(exc)
        try:
            target = self.library.write_recovery(name, body)
        except OSError as file_exc:
            # Nowhere on disk will take it: the clipboard is the last safe place,
            # and the user is told once per text (no retry loop of dialogs).
            QGuiApplication.clipboard().setText(body)
            self.panel.note_rescued(token, body, "Not saved — copied to the clipboard")
            self.error.emit(
                "Note not saved",
                f"Could not save the note ({reason}) nor a copy ({file_exc}). "
                "Its text is on the clipboard: paste it somewhere safe.",
            )
            return
        self.panel.note_rescued(token, body, "Not saved in the library")
        self.notice.emit(f"{target}: note kept here because saving failed ({reason})")

    def delete_note(self, token: int, note_id: int | None) -> None:
        """Delete a note after asking (an unsaved empty card just goes)."""
        if note_id is None:
            self.panel.remove_card(token)
            return
        name = self.view.name if self.view is not None else "this entity"
        question = f"Delete this note on {name}? This cannot be undone."
        if not dialogs.confirm(self.panel, "Delete note", question, "Delete"):
            return
        self.writer.submit(
            lambda lib, _c: lib.delete_note(note_id),
            done=lambda _changes: self.panel.remove_card(token),
            failed=lambda exc: self.error.emit("Note not deleted", str(exc)),
        )
