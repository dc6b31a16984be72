"""The side panel's entity and its notes: what is shown, and getting notes saved.

The panel widget only displays and reports intents (ids and text). This
controller reads what to show from the library (fast queries on the GUI
thread) and sends every write to the writer worker. A note's first save
creates its entity; typing that arrives while that save is in flight is sent
as an update once the note has its id, so one card is never two notes.
"""

from __future__ import annotations

import contextlib
import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication

from reader.core.changes import Changes, Result
from reader.core.corrections import Correction, CorrectionError
from reader.core.history import History, Place
from reader.core.kinds import Kind
from reader.core.library import EntityRef, EntityView, Library
from reader.core.overlay import Mention
from reader.core.rescue import RecoveryFile, UnsavedNote, as_markdown, unsaved
from reader.ui import dialogs
from reader.ui.article_controller import ArticleController
from reader.ui.corrections_controller import CorrectionsController
from reader.ui.entity_panel import EntityPanel
from reader.ui.jobs import Worker
from reader.ui.names_dialog import NamesDialog
from reader.ui.panel_lists import Context, Row

log = logging.getLogger(__name__)
RETRY_MS = 5000  # how often the library is tried again while notes are unsaved


class PanelController(QObject):
    """Shows one entity in the panel and keeps its notes saved.

    Signals:
        error(str, str): something to tell the user in a dialog (title, message).
        notice(str): something to tell the user without stopping them.
        shown(): the panel shows a (new or refreshed) entity.
        unsaved_changed(str): where unsaved notes are ("" once all are saved).
        details_shown(): what other articles say (appears in, often appears with)
            arrived from the query worker.
    """

    error = Signal(str, str)
    notice = Signal(str)
    shown = Signal()
    unsaved_changed = Signal(str)
    details_shown = Signal()

    def __init__(
        self,
        panel: EntityPanel,
        articles: ArticleController,
        library: Library,
        writer: Worker[Library],
        corrections: CorrectionsController,
    ) -> None:
        super().__init__()
        self.corrections = corrections
        self.panel = panel
        self.articles = articles
        self.library = library
        self.writer = writer
        self.view: EntityView | None = None
        self._view_article: int | None = None  # the article `view` was read for
        # The window's query worker: what other articles say is read there, not here.
        self.query: Worker[Library] | None = None
        # Per note card (by token): its note id, the newest text, whether its note is
        # being created, and the texts the library refused (kept until saved).
        self._note_ids: dict[int, int] = {}
        self._latest: dict[int, _Latest] = {}
        self._creating: set[int] = set()
        self._drop_when_made: set[int] = set()  # cards emptied and left while being created
        self._unsaved: dict[int, UnsavedNote] = {}
        self._recovery = RecoveryFile(Path(library.store.path).parent)
        self._told = False
        self._retry = QTimer(self)
        self._retry.setInterval(RETRY_MS)
        self._retry.timeout.connect(self._retry_unsaved)
        self.history: History[Place] = History()
        self._pending: Place | None = None  # an entity followed into another article
        self._moving_in_history = False
        # Where a new note was started: (article id, (passage start, passage text)).
        self._provenance: dict[int, tuple[int | None, tuple[int, str] | None]] = {}
        panel.note_save_requested.connect(self.save_note)
        panel.note_delete_requested.connect(self.delete_note)
        panel.names_edit_requested.connect(self.edit_names)
        panel.entity_requested.connect(self.follow)
        panel.appearance_requested.connect(self.go_to)
        panel.note_source_requested.connect(self.open_note_source)
        panel.description_note_requested.connect(self.note_from_description)
        articles.article_recorded.connect(self.article_recorded)

    # --- showing ----------------------------------------------------------------------------

    def _show(self, view: EntityView | None, keep_notes: bool = False, record: bool = True) -> None:
        if view is None:
            return
        previous = self.view
        same_article = self._view_article == self.articles.article_id
        if (
            same_article
            and previous is not None
            and previous.identity is not None
            and previous.identity == view.identity
        ):
            # Another mention of the entity shown: its note cards stay as they are. A
            # note typed a moment ago may not be in the library yet, and new cards read
            # from it would offer an empty one and start a second note.
            keep_notes = True
        if not keep_notes:
            self.leave_notes()
        partial = view
        self._view_article = self.articles.article_id
        if (
            not view.complete
            and same_article
            and previous is not None
            and previous.identity == view.identity
        ):
            # A refresh: what other articles said stays on screen until it is read again.
            view = _with_details(view, previous)
        self.view = view
        article = self.articles.article
        self.panel.show_entity(
            view,
            article.text if article else "",
            self.articles.view.highlight_palette,
            keep_notes=keep_notes,
            context=self._context(view),
        )
        if record and self.articles.article_id is not None:
            first = view.occurrences[0].start if view.occurrences else 0
            self.history.replace(self._place(first))
        if not partial.complete:
            self._read_details(partial)
        self.shown.emit()

    def _context(self, view: EntityView) -> Callable[[Row], Context]:
        """The context line of an "appears in" row, read when the row is first painted."""
        ends = {(a.article_id, a.start): a.end for a in view.appearances}

        def context(row: Row) -> Context:
            article_id, start = row.key
            return self.library.context(article_id, start, ends.get(row.key, start))

        return context

    def _read_details(self, view: EntityView) -> None:
        """Fill in what other articles say from the query worker."""
        if self.query is None:
            return
        article_id = self.articles.article_id

        def shown(full: EntityView) -> None:
            current = self.view
            if current is None or current.identity != full.identity:
                return  # another entity is shown by now
            # The rest of the view (notes, this article's mentions) may be newer.
            self.view = _with_details(current, full)
            self.panel.show_details(
                self.view, self.articles.view.highlight_palette, self._context(self.view)
            )
            self.details_shown.emit()

        self.query.submit(
            lambda lib, _c: lib.complete(view, article_id), done=shown, key="entity-details"
        )

    def _place(self, position: int) -> Place:
        view = self.view
        article_id = self.articles.article_id or 0
        if view is None:
            return Place(article_id, position=position)
        return Place(article_id, view.entity_id, view.key, view.kind.value, position)

    def show_mention(self, mention: Mention) -> None:
        """Show the entity a mention refers to (pending typing on the previous one is saved)."""
        if self.articles.article is None:
            return
        view = self.library.entity_view(mention, self.articles.mentions, self.articles.article_id)
        self._show(view)
        self.history.replace(self._place(mention.start))

    def follow(self, entity_id: int | None, name: str = "", kind: str = "") -> None:
        """A link in the panel ([[Name]], often appears with): a new place in the history."""
        self.show_entity(entity_id, name, kind, visit=True)

    def show_entity(
        self, entity_id: int | None, name: str = "", kind: str = "", visit: bool = False
    ) -> None:
        """Show an entity by id, or by name (with its kind when it is not in the library).

        `visit`: Back returns to what was shown before (else this replaces it).
        """
        mentions, article_id = self.articles.mentions, self.articles.article_id
        if entity_id is not None:
            view = self.library.entity_view_by_id(entity_id, mentions, article_id)
        else:
            view = self.library.entity_view_by_name(
                name, mentions, article_id, Kind(kind) if kind else None
            )
        if view is None:
            self.notice.emit(f"No entity is called “{name}” yet.")
            return
        self._show(view, record=not visit)
        if visit and self.articles.article_id is not None:
            self.history.visit(self._place(view.occurrences[0].start if view.occurrences else 0))

    def clear(self) -> None:
        """Nothing selected (a new article is on screen), unless an entity is being followed."""
        if self._pending is not None:
            return
        self.leave_notes()
        self.panel.clear()
        self.view = None

    def mentions_shown(self) -> None:
        """The article's highlights are on screen: land a pending move, or refresh."""
        pending = self._pending
        if pending is not None and pending.article_id == self.articles.article_id:
            self._land()
        else:
            self.refresh()

    def refresh(self) -> None:
        """Re-read the entity after highlights or notes changed; the note editors stay."""
        if self._pending is not None:
            return  # on the way to another article: it is shown when that one is
        current = self.view
        if current is None:
            return
        mentions, article_id = self.articles.mentions, self.articles.article_id
        selected = self.articles.view.current_mention()
        if (
            selected is not None
            and not current.covers(selected)
            and any(o.start < selected.end and selected.start < o.end for o in current.occurrences)
        ):
            # The highlight the user is on became another name ("Wanjiru Mwangi"
            # extended to "Faith Wanjiru Mwangi"): follow it, not the old name's
            # other mentions.
            followed = self.library.entity_view(selected, mentions, article_id)
            self._show(followed, keep_notes=True, record=False)
            return
        if current.entity_id is not None:
            view = self.library.entity_view_by_id(current.entity_id, mentions, article_id)
            gone = view is None or not view.occurrences
            moved = self._mention_where(current, mentions) if gone else None
            if moved is not None:
                # An undone correction gave the highlight back to another entity (or to
                # none): follow the highlight the user was looking at, not the old entity.
                view = self.library.entity_view(moved, mentions, article_id)
        else:
            # Its own highlight, or the one now where it was (its edge was moved).
            anchor = next((m for m in mentions if current.covers(m)), None) or (
                self._mention_where(current, mentions)
            )
            view = (
                self.library.entity_view(anchor, mentions, article_id)
                if anchor is not None
                else self.library.entity_view_by_name(
                    current.key, mentions, article_id, current.kind
                )
            )
        self._show(view, keep_notes=True, record=False)

    @staticmethod
    def _mention_where(current: EntityView, mentions: list[Mention]) -> Mention | None:
        """The highlight now at the first place the shown entity was highlighted, if any."""
        if not current.occurrences:
            return None
        first = current.occurrences[0]
        return next((m for m in mentions if m.start < first.end and first.start < m.end), None)

    def apply(self, changes: Changes) -> None:
        """Refresh when the shown entity, its notes or what the overlay knows changed."""
        if changes.knowledge or changes.entities:
            self.panel.set_entity_names(self.library.store.entity_names())
        if self.view is None:
            return
        if (
            changes.knowledge
            or changes.notes
            or (self.view.entity_id is not None and self.view.entity_id in changes.entities)
            or (self.articles.article_id in changes.articles)
        ):
            self.refresh()

    def close(self) -> None:
        """The window is closing: no more retries (pending typing was flushed already)."""
        self._retry.stop()

    # --- going places -----------------------------------------------------------------------

    def go_to(self, article_id: int, start: int, place: Place | None = None) -> None:
        """Open an article at a mention, keeping the panel on the entity (or on `place`'s)."""
        self.panel.flush()
        target = place or self._place(start)
        self._pending = Place(
            article_id, target.entity_id, target.entity_key, target.kind, target.position or start
        )
        if article_id == self.articles.article_id and self.articles.mentions:
            self._land()
        else:
            self.articles.open_stored(article_id)

    def _land(self) -> None:
        place, self._pending = self._pending, None
        if place is None:
            return
        mentions, article_id = self.articles.mentions, self.articles.article_id
        if place.entity_id is not None:
            view = self.library.entity_view_by_id(place.entity_id, mentions, article_id)
        elif place.entity_key:
            view = self.library.entity_view_by_name(
                place.entity_key, mentions, article_id, Kind(place.kind) if place.kind else None
            )
        else:
            view = None
        if view is not None and not view.occurrences and place.position:
            # Another article may call it by another name ("Trump" for "Donald Trump"):
            # the mention "appears in" pointed at decides.
            there = self.articles.view.mention_starting_at(place.position)
            if there is not None:
                view = self.library.entity_view(there, mentions, article_id)
        if view is not None:
            self._show(view, record=False)
        elif self.view is not None:
            self.panel.clear()
            self.view = None
        if place.position:
            self.articles.jump_to_offset(place.position)
        if not self._moving_in_history:
            self.history.visit(place)
        self._moving_in_history = False

    def article_recorded(self, article_id: int) -> None:
        """A newly opened article is a new place in the history (unless we were going there)."""
        if self._pending is None and not self._moving_in_history:
            self.history.visit(Place(article_id))

    def back(self) -> None:
        """Alt+Left: the previous article and entity."""
        self._travel(self.history.back())

    def forward(self) -> None:
        """Alt+Right: the next article and entity, after going back."""
        self._travel(self.history.forward())

    def _travel(self, place: Place | None) -> None:
        if place is None:
            return
        self._moving_in_history = True
        self.go_to(place.article_id, place.position, place)

    def next_mention(self, forward: bool = True) -> None:
        """Jump to the next (previous) mention of the shown entity in this article."""
        view = self.view
        if view is None or not view.occurrences:
            return
        here = self.articles.view.current_mention()
        starts = [m.start for m in view.occurrences]
        at = here.start if here is not None and view.covers(here) else None
        if at is None:
            target = starts[0] if forward else starts[-1]
        elif forward:
            target = next((s for s in starts if s > at), starts[0])
        else:
            target = next((s for s in reversed(starts) if s < at), starts[-1])
        self.articles.jump_to(target)

    def open_note_source(self, note_id: int) -> None:
        """Open the article a note was written at, at its passage."""
        note = self.library.store.note(note_id)
        if note is None or note.article_id is None:
            return
        self.go_to(note.article_id, note.passage_start or 0)

    def note_from_description(self, index: int) -> None:
        """Quote a sentence the articles say about the entity in a new note, with its source."""
        view = self.view
        if view is None or not 0 <= index < len(view.descriptions):
            return
        d = view.descriptions[index]
        titles = {a.article_id: a.title for a in view.appearances}
        article = self.articles.article
        if d.article_id == self.articles.article_id and article is not None:
            titles[d.article_id] = article.title
        source = titles.get(d.article_id, "a saved article")
        card = self.panel.add_note()
        if card is None:
            return
        self._provenance[card.token] = (d.article_id, (d.start, d.sentence))
        card.editor.setPlainText(f"> {d.sentence}\n\n— *{source}*")
        card.flush()

    def edit_names(self) -> None:
        """Rename the shown entity, or add and remove its names: each an undoable correction."""
        view = self.view
        if view is None:
            return
        others = [a for a in view.aliases if a != view.name] or [
            m.text for m in view.occurrences if m.text != view.name
        ]
        dialog = NamesDialog(view.name, list(dict.fromkeys(others)), self.panel)
        if dialog.exec() != NamesDialog.DialogCode.Accepted:
            return
        renamed, added, removed = dialog.changes()
        ref = view.ref()
        for alias in added:
            self.corrections.run(functools.partial(_add_alias, ref=ref, alias=alias))
        if renamed is not None:
            self.corrections.run(functools.partial(_rename, ref=ref, name=renamed))
        for alias in removed:
            self.corrections.run(functools.partial(_remove_alias, ref=ref, alias=alias))

    # --- notes ---------------------------------------------------------------------------------

    def save_note(self, token: int, note_id: int | None, body: str) -> None:
        """Store a card's text; the first note on a new name creates its entity."""
        view = self.view
        if note_id is not None:
            self._note_ids[token] = note_id
        known = self._latest.get(token)
        name = view.name if view is not None else (known.name if known else "unknown entity")
        ref = view.ref() if view is not None else (known.ref if known else None)
        self._latest[token] = _Latest(name, ref, body)
        self._submit(token)

    def _submit(self, token: int) -> None:
        """Send the latest text of a card: an update, or the creation of its note.

        Every submission carries the newest text, and the writer runs them in
        order, so a late retry can never overwrite newer words with older ones.
        """
        latest = self._latest.get(token)
        if latest is None or token in self._creating:
            return  # nothing to send, or sent once the note exists
        body = latest.body
        note_id = self._note_ids.get(token)
        if note_id is not None:
            self.writer.submit(
                lambda lib, _c: lib.update_note(note_id, body),
                done=lambda _changes: self._saved(token, note_id, body),
                failed=lambda exc: self._failed(token, exc),
            )
        elif latest.ref is not None:
            ref = latest.ref
            self._creating.add(token)
            article_id, passage = (
                self._provenance.pop(token) if token in self._provenance else self._here()
            )
            self.writer.submit(
                lambda lib, _c: lib.add_note(ref, body, article_id, passage),
                done=lambda result: self._created(token, body, result, ref),
                failed=lambda exc: self._create_failed(token, exc),
            )

    def _here(self) -> tuple[int | None, tuple[int, str] | None]:
        """Where a note started now is written: this article, and the selected passage."""
        article, article_id = self.articles.article, self.articles.article_id
        span = self.articles.view.selection_span()
        if article is None or span is None:
            return article_id, None
        return article_id, (span[0], article.text[span[0] : span[1]][:2000])

    def _created(
        self, token: int, body: str, result: Result[tuple[int, int]], ref: EntityRef
    ) -> None:
        entity_id, note_id = result.value
        self._creating.discard(token)
        if token in self._drop_when_made:  # emptied and left while it was being made
            self._drop_when_made.discard(token)
            self._drop_note(token, note_id)
            return
        self._note_ids[token] = note_id
        view = self.view
        # Only the view the note was written on learns its new id: the user may
        # have clicked another name while the note was being saved.
        if (
            view is not None
            and view.entity_id is None
            and (view.key, view.kind)
            == (
                ref.name,
                ref.kind,
            )
        ):
            self.view = replace(view, entity_id=entity_id)
            self.panel.view = self.view
        self._saved(token, note_id, body)

    def _create_failed(self, token: int, exc: BaseException) -> None:
        self._creating.discard(token)
        self._failed(token, exc)

    def _saved(self, token: int, note_id: int, body: str) -> None:
        self.panel.note_saved(token, note_id, body, self.library.store.note(note_id))
        latest = self._latest.get(token)
        if latest is not None and latest.body != body:
            self._submit(token)  # typed meanwhile (or waiting for the note's id)
            return
        self._latest.pop(token, None)
        if self._unsaved.pop(token, None) is not None:
            self._keep_unsaved()

    def _failed(self, token: int, exc: BaseException) -> None:
        """A save failed: keep every unsaved text until it is saved, and say where it is."""
        log.error("saving a note failed", exc_info=exc)
        latest = self._latest[token]
        earlier = self._unsaved.get(token)
        since = earlier.since if earlier is not None else unsaved(latest.name, "").since
        self._unsaved[token] = UnsavedNote(latest.name, latest.body, since)
        where = self._keep_unsaved()
        self.panel.note_rescued(token, latest.body, f"Not saved in the library — {where}")
        # Before telling: the message box waits for the user, the retries must not.
        self._retry.start()
        if not self._told:
            self._told = True  # once per episode: retries fail silently until it is over
            self.error.emit(
                "Note not saved",
                f"Reader could not save your note in the library ({exc}).\n\n"
                f"Your words are safe: {where}. Reader keeps trying and tells you once "
                "the library takes them.",
            )

    def _keep_unsaved(self) -> str:
        """Put every unsaved note in the recovery file, else all of them on the clipboard."""
        notes = list(self._unsaved.values())
        if not notes:
            self._retry.stop()
            if self._told:
                self._told = False
                self.notice.emit("All your notes are saved in the library now.")
            self.unsaved_changed.emit("")
            with contextlib.suppress(OSError):
                self._recovery.write([])
            return ""
        try:
            path = self._recovery.write(notes)
        except OSError as exc:
            log.error("writing %s failed: %s", self._recovery.path, exc)
            QGuiApplication.clipboard().setText(as_markdown(notes).lstrip())
            where = "copied to the clipboard (paste it somewhere safe)"
        else:
            where = f"kept in {path}"
        count = f"{len(notes)} note{'s' if len(notes) != 1 else ''} not saved"
        self.unsaved_changed.emit(f"{count} — {where}")
        return where

    def _retry_unsaved(self) -> None:
        """Try the library again (and the recovery file, through the failure path)."""
        for token in list(self._unsaved):
            self._submit(token)

    @property
    def unsaved_count(self) -> int:
        """How many notes the library has not taken yet."""
        return len(self._unsaved)

    def leave_notes(self) -> None:
        """The cards are about to go: save their typing, and drop the notes emptied in them.

        A note cleared and left (select all, delete) was kept as a blank card
        that read "Written …" with nothing under it.
        """
        self.panel.flush()
        for card in self.panel.cards:
            if card.body.strip():
                continue
            if card.note_id is not None:
                self._drop_note(card.token, card.note_id)
            elif card.token in self._creating:  # emptied while its note is being made
                self._drop_when_made.add(card.token)

    def _drop_note(self, token: int, note_id: int) -> None:
        """Delete a note with nothing in it: nothing to ask about, nothing to undo.

        What was waiting to be saved in its card goes too: a retry must not
        write to a deleted note.
        """
        self._latest.pop(token, None)
        self._note_ids.pop(token, None)
        if self._unsaved.pop(token, None) is not None:
            self._keep_unsaved()
        self.writer.submit(
            lambda lib, _c: lib.delete_note(note_id),
            failed=lambda exc: self.error.emit("Note not deleted", str(exc)),
        )

    def delete_note(self, token: int, note_id: int | None) -> None:
        """Delete a note after asking (an unsaved or empty card just goes)."""
        card = self.panel.card(token)
        if note_id is None or (card is not None and not card.body.strip()):
            if note_id is not None:
                self._drop_note(token, note_id)
            self.panel.remove_card(token)
            return
        name = self.view.name if self.view is not None else "this entity"
        card = self.panel.card(token)
        first = next(
            (ln.strip() for ln in (card.body if card else "").splitlines() if ln.strip()), ""
        )
        first = first if len(first) <= 80 else first[:79] + "…"
        only = self.view is not None and len(self.view.notes) == 1
        question = f"Delete your note on {name}?\n\n“{first}”\n\nThis cannot be undone." + (
            f"\n{name} stays highlighted in your articles." if only else ""
        )
        if not dialogs.confirm(self.panel, "Delete note", question, "Delete"):
            return
        self.writer.submit(
            lambda lib, _c: lib.delete_note(note_id),
            done=lambda _changes: self.panel.remove_card(token),
            failed=lambda exc: self.error.emit("Note not deleted", str(exc)),
        )


def _add_alias(lib: Library, ref: EntityRef, alias: str) -> Result[Correction]:
    return lib.add_alias(ref, alias)


def _rename(lib: Library, ref: EntityRef, name: str) -> Result[Correction]:
    return lib.rename(ref, name)


def _remove_alias(lib: Library, ref: EntityRef, alias: str) -> Result[Correction]:
    entity_id = ref.entity_id or lib.store.find_entity(ref.names or (ref.name,), ref.kind)
    if entity_id is None:
        raise CorrectionError(f"“{ref.name}” is not in your library yet: nothing to remove.")
    return lib.remove_alias(entity_id, alias)


@dataclass(frozen=True)
class _Latest:
    """The newest text of a card, and how to create its note if it has none yet."""

    name: str
    ref: EntityRef | None
    body: str


def _with_details(view: EntityView, source: EntityView) -> EntityView:
    """`view` with what other articles say taken from `source`."""
    return replace(
        view,
        appearances=source.appearances,
        articles=source.articles,
        mentions=source.mentions,
        companions=source.companions,
        descriptions=source.descriptions,
        complete=source.complete,
    )
