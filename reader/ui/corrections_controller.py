"""Corrections from the window: the right-click menu, shift-click boundaries, undo and redo.

Every correction is an ordinary library operation run by the writer; its
result goes on a QUndoStack, so Edit ▸ Undo (Ctrl+Z) takes it back and Redo
puts it back — both again through the writer. The changes each one makes
reach every open and saved article through the window's `apply_changes`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QPoint, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import QMenu, QWidget

from reader.core.changes import Changes, Result
from reader.core.corrections import Correction, CorrectionError
from reader.core.kinds import ORDER, Kind
from reader.core.library import EntityRef, Library
from reader.core.names import normalize
from reader.core.overlay import Mention
from reader.core.store import EntitySummary
from reader.ui import entity_picker
from reader.ui.article_controller import ArticleController
from reader.ui.jobs import Worker

Operation = Callable[[Library], Result[Correction]]
Applied = Callable[[QUndoCommand], None]
Failed = Callable[[BaseException], None]


def _menu_text(text: str) -> str:
    """Menu text showing `text` as is: "AT&T" must not underline the T."""
    return text.replace("&", "&&")


class _Command(QUndoCommand):
    """One done correction on the undo stack; undo and redo go through the writer."""

    def __init__(self, owner: CorrectionsController, correction: Correction) -> None:
        super().__init__(_menu_text(correction.label))
        self._owner = owner
        self.correction = correction
        self._done = True  # pushing calls redo(): the correction is already applied

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        correction = self.correction
        self._owner.run_plain(lambda lib: lib.redo(correction))

    def undo(self) -> None:
        correction = self.correction
        self._owner.run_plain(lambda lib: lib.undo(correction))


class CorrectionsController(QObject):
    """Turns what the user says about a highlight into corrections.

    Signals:
        error(str, str): a correction could not be made (title, message).
        corrected(object): a correction was applied (the Correction).
    """

    error = Signal(str, str)
    corrected = Signal(object)

    def __init__(
        self, articles: ArticleController, library: Library, writer: Worker[Library]
    ) -> None:
        super().__init__()
        self.articles = articles
        self.library = library
        self.writer = writer
        self.undo_stack = QUndoStack(self)
        # Corrections handed to the writer and not back yet, and the Undos asked
        # for meanwhile: Ctrl+Z right after a correction means that one, which is
        # not on the stack yet (the stack would undo the one before it).
        self._pending = 0
        self._undo_wanted = 0
        self.undo_action = QAction("&Undo", self)
        self.undo_action.triggered.connect(self.undo)
        self.undo_stack.canUndoChanged.connect(self._update_undo)
        self.undo_stack.undoTextChanged.connect(self._update_undo)
        self._update_undo()
        view = articles.view
        view.context_requested.connect(self.open_menu)
        view.boundary_requested.connect(self.move_boundary)

    # --- running ----------------------------------------------------------------------------

    def run(
        self, operation: Operation, applied: Applied | None = None, failed: Failed | None = None
    ) -> None:
        """Apply a correction in the writer and put it on the undo stack.

        `applied(command)` is called with its undo-stack command once it is done,
        `failed(exc)` if it could not be made (the user is told either way).
        """
        self._pending += 1
        self._update_undo()
        self.writer.submit(
            lambda lib, _c: operation(lib),
            done=lambda result: self._applied(result, applied),
            failed=lambda exc: self._failed(exc, failed),
        )

    def undo(self) -> None:
        """Edit ▸ Undo: the last correction, even if it is still being applied."""
        if self._pending:
            self._undo_wanted += 1
            self._update_undo()
        elif self.undo_stack.canUndo():
            self.undo_stack.undo()

    def _settled(self) -> None:
        """One correction is back from the writer: do the Undos asked for meanwhile."""
        self._pending -= 1
        while not self._pending and self._undo_wanted:
            self._undo_wanted -= 1
            if self.undo_stack.canUndo():
                self.undo_stack.undo()
        self._update_undo()

    def _update_undo(self, *_: object) -> None:
        pending = self._pending > self._undo_wanted
        self.undo_action.setEnabled(pending or self.undo_stack.canUndo())
        text = "the correction being made" if pending else self.undo_stack.undoText()
        # The stack's text is already a menu text (_Command escapes its "&").
        self.undo_action.setText(f"&Undo {text}" if text else "&Undo")

    def run_plain(self, operation: Callable[[Library], Changes]) -> None:
        """Undo or redo (their changes reach the window like any other)."""
        self.writer.submit(lambda lib, _c: operation(lib), failed=self._failed)

    def _applied(self, result: Result[Correction], then: Applied | None = None) -> None:
        command = _Command(self, result.value)
        self.undo_stack.push(command)
        self.corrected.emit(result.value)
        if then is not None:
            then(command)
        self._settled()

    def _failed(self, exc: BaseException, then: Failed | None = None) -> None:
        message = str(exc) if isinstance(exc, CorrectionError) else f"{exc}"
        self.error.emit("Cannot correct this", message)
        if then is not None:
            then(exc)
        if self._undo_wanted:  # the Undo was for this one: there is nothing to take back
            self._undo_wanted -= 1
        self._settled()

    def ref(self, mention: Mention) -> Callable[[Library], EntityRef]:
        """The entity a highlight refers to, found in the writer (it reads the library).

        The article's highlights are taken now: by the time the writer runs,
        the window may show another article.
        """
        mentions, article_id = tuple(self.articles.mentions), self.articles.article_id
        return lambda lib: lib.entity_view(mention, mentions, article_id).ref()

    # --- the operations -------------------------------------------------------------------

    def set_kind(
        self,
        mention: Mention,
        kind: Kind,
        applied: Applied | None = None,
        failed: Failed | None = None,
    ) -> None:
        """Make the highlight's entity a `kind`, everywhere."""
        ref = self.ref(mention)
        self.run(lambda lib: lib.set_kind(ref(lib), kind), applied, failed)

    def dismiss(
        self,
        mention: Mention,
        everywhere: bool,
        applied: Applied | None = None,
        failed: Failed | None = None,
    ) -> None:
        """Not an entity: at this place only, or wherever the name occurs."""
        article = self.articles.article
        if article is None:
            return
        where = None if everywhere else (article.sha256, mention.start, mention.end)
        text = mention.text
        self.run(lambda lib: lib.dismiss(text, where), applied, failed)

    def mark(self, start: int, end: int, kind: Kind) -> None:
        """The selected text is an entity of `kind`, wherever it occurs."""
        article = self.articles.article
        if article is None:
            return
        text = article.text[start:end]
        self.run(lambda lib: lib.mark(text, kind))

    def same_as(self, mention: Mention, parent: QWidget | None = None) -> None:
        """Ask which entity this highlight really is, and merge it in.

        The choice covers the library's entities and the other names of this
        article, known or not ("U.N." is the "United Nations" two lines up).
        The library is read in the writer, after any correction still under way.
        """
        ref = self.ref(mention)
        article_id = self.articles.article_id
        self.writer.submit(
            lambda lib, _c: (ref(lib), lib.store.entity_summaries()),
            done=lambda found: self._pick_same(mention, article_id, found[0], found[1], parent),
            failed=self._failed_read,
        )

    def _pick_same(
        self,
        mention: Mention,
        article_id: int | None,
        ref: EntityRef,
        summaries: list[EntitySummary],
        parent: QWidget | None,
    ) -> None:
        if self.articles.article_id != article_id:
            return  # the user has moved on to another article meanwhile
        entities = [e for e in summaries if e.id != ref.entity_id]
        known = {normalize(n) for e in entities for n in (e.name, *e.aliases)}
        offered: set[tuple[str, Kind]] = set()
        here: dict[int, Mention] = {}
        for other in self.articles.mentions:
            if (
                other.entity_id is None
                and (other.key, other.kind) != (mention.key, mention.kind)  # not itself
                and (normalize(other.key), other.kind) not in offered
                and (normalize(other.key) not in known or other.key == mention.key)
            ):
                # The same name of another kind is offered too: the headline's "Nairobi"
                # (a person to the model) is the dateline's "NAIROBI" (a place).
                offered.add((normalize(other.key), other.kind))
                here[-1 - len(here)] = other  # negative ids: names not in the library yet
        entities += [EntitySummary(i, m.key, m.kind, (), 0, 1) for i, m in here.items()]
        if not entities:
            self.error.emit(
                "Nothing to choose from",
                "There is no other name to choose: this article names nothing else, and "
                "your library has no entity yet.",
            )
            return
        in_article = {m.entity_id for m in self.articles.mentions if m.entity_id is not None}
        chosen = entity_picker.pick_entity(
            entities,
            f"Which entity is “{mention.text}”?",
            parent or self.articles.view,
            in_article,
        )
        if chosen is None:
            return
        if chosen in here:
            target = self.ref(here[chosen])
            self.run(lambda lib: lib.merge(ref, target(lib)))
        else:
            self.run(lambda lib: lib.merge(ref, chosen))

    def _failed_read(self, exc: BaseException) -> None:
        self.error.emit("Cannot read the library", str(exc))

    def split_off(self, mention: Mention) -> None:
        """Give a name wrongly merged into its entity an entity of its own."""
        if mention.entity_id is None:
            return
        entity_id, text = mention.entity_id, mention.text
        self.run(lambda lib: lib.split_off(entity_id, text))

    def move_boundary(
        self,
        mention: Mention,
        start: int,
        end: int,
        applied: Applied | None = None,
        failed: Failed | None = None,
    ) -> None:
        """A highlight's true extent (shift-click, or a selection over it)."""
        article = self.articles.article
        if article is None or end <= start:
            return
        ref = self.ref(mention)
        old, new = mention.text, article.text[start:end]
        self.run(lambda lib: lib.set_boundary(ref(lib), old, new), applied, failed)

    # --- the menu -----------------------------------------------------------------------------

    def menu_for(self, mention: Mention | None, selection: tuple[int, int] | None) -> QMenu | None:
        """The right-click menu for a highlight and/or a selection (None: nothing to offer)."""
        article = self.articles.article
        if article is None or (mention is None and selection is None):
            return None
        menu = QMenu(self.articles.view)
        menu.setObjectName("correctionsMenu")
        if selection is not None:  # what every text's right-click menu offers first
            copy = menu.addAction("Copy")
            copy.setShortcut(QKeySequence(QKeySequence.StandardKey.Copy))
            copy.triggered.connect(self.articles.view.copy)
            menu.addSeparator()
        if mention is not None:
            title = menu.addAction(_menu_text(f"“{mention.text}”"))
            title.setEnabled(False)
            kinds = QActionGroup(menu)
            for kind in ORDER:
                action = QAction(kind.label, menu)
                action.setCheckable(True)
                action.setChecked(kind is mention.kind)
                action.triggered.connect(lambda _=False, k=kind: self.set_kind(mention, k))
                kinds.addAction(action)
                menu.addAction(action)
            menu.addSeparator()
            menu.addAction("Not an Entity Here").triggered.connect(
                lambda: self.dismiss(mention, everywhere=False)
            )
            menu.addAction(
                _menu_text(f"Not an Entity Anywhere (“{mention.text}”)")
            ).triggered.connect(lambda: self.dismiss(mention, everywhere=True))
            menu.addSeparator()
            menu.addAction("Same as…").triggered.connect(lambda: self.same_as(mention))
            entity = self.library.store.entity(mention.entity_id) if mention.entity_id else None
            if entity is not None and mention.text.casefold() != entity.name.casefold():
                menu.addAction(
                    _menu_text(f"Split “{mention.text}” off “{entity.name}”")
                ).triggered.connect(lambda: self.split_off(mention))
            if selection is not None and selection != (mention.start, mention.end):
                start, end = selection
                if start < mention.end and mention.start < end:
                    text = article.text[start:end]
                    menu.addAction(_menu_text(f"Highlight “{text}” Instead")).triggered.connect(
                        lambda: self.move_boundary(mention, start, end)
                    )
        elif selection is not None:
            start, end = selection
            text = " ".join(article.text[start:end].split())
            shown = text if len(text) <= 40 else text[:39] + "…"
            for kind in ORDER:
                menu.addAction(_menu_text(f"Mark “{shown}” as {kind.label}")).triggered.connect(
                    lambda _=False, k=kind: self.mark(start, end, k)
                )
        return menu

    def open_menu(
        self, mention: Mention | None, selection: tuple[int, int] | None, where: QPoint
    ) -> None:
        """Show the corrections menu where the user right-clicked."""
        menu = self.menu_for(mention, selection)
        if menu is not None:
            menu.exec(where)
            menu.deleteLater()
