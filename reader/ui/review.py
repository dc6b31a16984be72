"""Review mode: go through the article's highlights and decide each with one key.

As in annotation tools built for speed (Prodigy), the reviewer sees one
highlight at a time and presses one key:

    A or Enter   accept it and go on
    X            not an entity here (this place only), and go on
    Shift+X      not an entity anywhere (every article), and go on
    1 / 2 / 3    it is a group / person / place (the order of the toolbar), and go on
    E            extend it to the next word (stay on it)
    Space, N, Tab / P, Shift+Tab   skip to the next / previous one left
    Backspace    take the last decision back
    Esc          leave review mode

Every decision that changes something is an ordinary correction made through
the CorrectionsController: it is on Edit ▸ Undo, reaches every article, and
survives a restart. Accepting changes nothing in the library; it is
remembered for the session (`reader.core.review.ReviewLog`), and what is not
accepted or corrected yet is what the status line counts as left.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QUndoCommand
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from reader.core.kinds import Kind
from reader.core.overlay import Mention
from reader.core.review import Key, ReviewLog, key_of, next_left, next_word_end
from reader.ui.article_controller import ArticleController
from reader.ui.corrections_controller import CorrectionsController

# In the order the toolbar and the right-click menu list the kinds (kinds.ORDER).
KIND_KEYS = {Qt.Key.Key_1: Kind.GROUP, Qt.Key.Key_2: Kind.PERSON, Qt.Key.Key_3: Kind.PLACE}
HINTS = (
    "<b>A</b> accept · <b>X</b> not here · <b>⇧X</b> nowhere · "
    "<b>1</b>/<b>2</b>/<b>3</b> group/person/place · <b>E</b> extend · <b>Space</b> skip · "
    "<b>⌫</b> undo · <b>Esc</b> done"
)


@dataclass
class _Decision:
    """One decision, to take back with Backspace."""

    start: int
    key: Key  # the highlight as it was when decided
    accepted: Key | None = None  # what was remembered as accepted, if anything
    correction: bool = False
    extend: bool = False  # E: taken back with the accept that follows it
    command: QUndoCommand | None = None  # its undo-stack entry, once applied
    undo_wanted: bool = False  # Backspace came before the correction was applied


class ReviewBar(QFrame):
    """The strip above the text while reviewing: the keys, and a Done button.

    Signals:
        done_requested(): leave review mode.
    """

    done_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewBar")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 4, 8, 4)
        title = QLabel("<b>Reviewing</b>")
        title.setObjectName("reviewTitle")
        self.hints = QLabel(HINTS)
        self.hints.setObjectName("reviewHints")
        self.hints.setTextFormat(Qt.TextFormat.RichText)
        self.hints.setWordWrap(True)
        self.hints.setToolTip(
            "A accept · X not an entity here · Shift+X not an entity anywhere · "
            "1/2/3 group/person/place · E extend to the next word · Space skip · "
            "Backspace take the last decision back · Esc stop reviewing"
        )
        done = QToolButton()
        done.setObjectName("reviewDone")
        done.setText("Done")
        done.setToolTip("Leave review mode (Esc)")
        done.clicked.connect(self.done_requested)
        layout.addWidget(title)
        layout.addWidget(self.hints, 1)
        layout.addWidget(done)
        self.hide()


class ReviewController(QObject):
    """Review mode over the article on screen.

    Signals:
        active_changed(bool): review mode started or ended.
        progress_changed(str): how many highlights are left ("" outside review mode).
    """

    active_changed = Signal(bool)
    progress_changed = Signal(str)

    def __init__(
        self,
        articles: ArticleController,
        corrections: CorrectionsController,
        bar: ReviewBar,
    ) -> None:
        super().__init__()
        self.articles = articles
        self.corrections = corrections
        self.view = articles.view
        self.bar = bar
        self.log = ReviewLog(persist=self._persist)
        self.active = False
        self._decisions: list[_Decision] = []
        self._position = 0  # where the reviewer is (start of the current highlight)
        self._stay_at: int | None = None  # select the highlight starting here when it arrives
        bar.done_requested.connect(lambda: self.set_active(False))
        articles.article_changed.connect(self._article_changed)
        articles.mentions_changed.connect(self._mentions_changed)
        self.view.mention_activated.connect(self._follow)  # a click, Tab: review goes on from there
        self.view.installEventFilter(self)

    # --- state ----------------------------------------------------------------------------

    @property
    def _sha(self) -> str:
        article = self.articles.article
        return article.sha256 if article is not None else ""

    def left(self) -> list[Mention]:
        """Highlights on screen not accepted or corrected yet, in text order."""
        return self.log.left(self._sha, self.view.visible_mentions())

    def set_active(self, active: bool) -> None:
        """Start or end review mode."""
        if active == self.active:
            return
        self.active = active
        self.bar.setVisible(active)
        self._decisions.clear()
        if active:
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)
            current = self.view.current
            if current is None or key_of(current) in self.log.accepted(self._sha):
                start = current.start if current else (self.view.top_visible_offset() or 0)
                self._select(next_left(self.left(), start, inclusive=True))
        self._show_progress()
        self._show_reviewed()
        self.active_changed.emit(active)

    def toggle(self) -> None:
        """Review ▸ Review Highlights."""
        self.set_active(not self.active)

    def _show_progress(self) -> None:
        if not self.active:
            self.progress_changed.emit("")
            return
        total = len(self.view.visible_mentions())
        left = len(self.left())
        if total == 0:
            text = "Reviewing: no highlights here"
        elif left == 0:
            text = f"Reviewing: all {total} highlights done"
        else:
            text = f"Reviewing: {left} of {total} highlights left"
        self.progress_changed.emit(text)

    def _show_reviewed(self) -> None:
        self.view.set_reviewed(self.log.accepted(self._sha) if self.active else frozenset())

    def _select(self, mention: Mention | None) -> None:
        if mention is not None:
            self._position = mention.start
            self.view.activate(mention)
        self._show_progress()

    def _go_on(self, forward: bool = True, decided: Mention | None = None) -> None:
        """To the next highlight left after the current one (never back to `decided`)."""
        left = [m for m in self.left() if decided is None or key_of(m) != key_of(decided)]
        self._select(next_left(left, self._position, forward))

    # --- reactions ----------------------------------------------------------------------------

    def _follow(self, mention: Mention) -> None:
        self._position = mention.start

    def _persist(self, sha256: str, key: Key, accepted: bool) -> None:
        self.corrections.writer.submit(
            lambda lib, _c: lib.set_reviewed(sha256, key, accepted),
            failed=lambda exc: self.progress_changed.emit(
                f"Reviewing: could not remember the decision ({exc})"
            ),
        )

    def _article_changed(self, _article: object) -> None:
        sha = self._sha
        if sha and not self.log.has(sha):
            self.log.load(sha, self.corrections.library.reviewed(sha))  # a small indexed read
        self._decisions.clear()
        self._position, self._stay_at = 0, None
        self._show_reviewed()
        self._show_progress()

    def _mentions_changed(self, _mentions: object) -> None:
        if not self.active:
            return
        self._show_reviewed()
        if self._stay_at is not None:
            at = self.view.mention_starting_at(self._stay_at)
            if at is not None:  # else it is still coming: kept until the next key
                self._stay_at = None
                self._select(at)
                return
        current = self.view.current
        if current is None:  # dismissed, or changed its extent
            self._select(next_left(self.left(), self._position, inclusive=True))
        else:
            self._show_progress()

    # --- decisions ----------------------------------------------------------------------------

    def accept(self) -> None:
        """The current highlight is right: remember it, and go on."""
        current = self.view.current
        if current is None:
            self._go_on()
            return
        key = key_of(current)
        self.log.accept(self._sha, key)
        self._decisions.append(_Decision(current.start, key, accepted=key))
        self._show_reviewed()
        self._go_on()

    def set_kind(self, kind: Kind) -> None:
        """The current highlight is a `kind` (everywhere): correct it if need be, and go on."""
        current = self.view.current
        if current is None:
            return
        if current.kind is kind:
            self.accept()
            return
        accepted = (current.start, current.end, kind)
        self.log.accept(self._sha, accepted)
        decision = self._correction(current, accepted)
        self.corrections.set_kind(
            current, kind, lambda c: self._applied(decision, c), lambda e: self._failed(decision)
        )
        self._go_on(decided=current)

    def dismiss(self, everywhere: bool) -> None:
        """Not an entity (here, or anywhere): correct it, and go on."""
        current = self.view.current
        if current is None:
            return
        decision = self._correction(current, None)
        self.corrections.dismiss(
            current,
            everywhere,
            lambda c: self._applied(decision, c),
            lambda e: self._failed(decision),
        )
        self._go_on(decided=current)

    def extend(self) -> None:
        """Extend the current highlight to the next word, and stay on it."""
        current, article = self.view.current, self.articles.article
        if current is None or article is None:
            return
        end = next_word_end(article.text, current.end)
        if end is None:
            self.progress_changed.emit("Reviewing: no word to extend to on this line")
            return
        decision = self._correction(current, None)
        decision.extend = True
        self._stay_at = current.start
        self.corrections.move_boundary(
            current,
            current.start,
            end,
            lambda c: self._applied(decision, c),
            lambda e: self._failed(decision),
        )

    def _correction(self, mention: Mention, accepted: Key | None) -> _Decision:
        decision = _Decision(mention.start, key_of(mention), accepted=accepted, correction=True)
        self._decisions.append(decision)
        return decision

    def _applied(self, decision: _Decision, command: QUndoCommand) -> None:
        decision.command = command
        if decision.undo_wanted:
            decision.undo_wanted = False
            self._undo_correction(decision)

    def _failed(self, decision: _Decision) -> None:
        if decision.accepted is not None:
            self.log.forget(self._sha, decision.accepted)
        if decision in self._decisions:
            self._decisions.remove(decision)
        self._stay_at = None
        self._show_reviewed()
        self._show_progress()

    def undo(self) -> None:
        """Take the last decision back, and go back to its highlight."""
        if not self._decisions:
            self.progress_changed.emit("Reviewing: no decision to take back")
            return
        decision = self._decisions.pop()
        if decision.accepted is not None:
            self.log.forget(self._sha, decision.accepted)
        self._show_reviewed()
        corrections = [decision] if decision.correction else []
        if not decision.correction:
            # "E, E, A" is one decision: the extensions go with the accept.
            while (
                self._decisions
                and self._decisions[-1].extend
                and self._decisions[-1].start == decision.start
            ):
                corrections.append(self._decisions.pop())
            if not corrections:
                self._select(self.view.mention_starting_at(decision.start))
                return
        self._stay_at = decision.start
        self._position = decision.start
        for correction in corrections:  # the newest first, as the undo stack has them
            if correction.command is None:
                correction.undo_wanted = True  # still being applied: undone when it is
            else:
                self._undo_correction(correction)
        # Back to it now (the highlight there may not change at all), and again when
        # the undone correction's highlights arrive.
        self._select(self.view.mention_starting_at(decision.start))

    def _undo_correction(self, decision: _Decision) -> None:
        stack = self.corrections.undo_stack
        index = stack.index()
        if index > 0 and stack.command(index - 1) is decision.command:
            stack.undo()
        else:
            self._stay_at = None
            self.progress_changed.emit(
                "Reviewing: a later correction came after it; use Edit ▸ Undo to go back further"
            )

    # --- keys --------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """One key per decision while reviewing; other keys behave as usual."""
        if not self.active or watched is not self.view or not isinstance(event, QKeyEvent):
            return False
        if event.type() == QEvent.Type.ShortcutOverride:
            # A review key wins over any shortcut the platform gives it (Backspace is
            # "Back" on some): accepting the override delivers it as a key press.
            if self._action(event) is not None:
                event.accept()
                return True
            return False
        if event.type() != QEvent.Type.KeyPress:
            return False
        return self.handle_key(event)

    def handle_key(self, event: QKeyEvent) -> bool:
        """Act on a review key; False for any other key."""
        action = self._action(event)
        if action is None:
            return False
        self._stay_at = None  # a new key: whatever was awaited is not wanted any more
        action()
        return True

    def _action(self, event: QKeyEvent) -> Callable[[], None] | None:
        """What a key does while reviewing (None: not a review key)."""
        key = Qt.Key(event.key())
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        plain = modifiers == Qt.KeyboardModifier.NoModifier
        shift = modifiers == Qt.KeyboardModifier.ShiftModifier
        if plain and key in (Qt.Key.Key_A, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return self.accept
        if plain and key == Qt.Key.Key_X:
            return lambda: self.dismiss(everywhere=False)
        if shift and key == Qt.Key.Key_X:
            return lambda: self.dismiss(everywhere=True)
        if plain and key in KIND_KEYS:
            kind = KIND_KEYS[key]
            return lambda: self.set_kind(kind)
        if plain and key == Qt.Key.Key_E:
            return self.extend
        if plain and key in (Qt.Key.Key_Space, Qt.Key.Key_N, Qt.Key.Key_Tab):
            return lambda: self._go_on(True)
        if (plain and key == Qt.Key.Key_P) or key == Qt.Key.Key_Backtab:
            return lambda: self._go_on(False)
        if plain and key == Qt.Key.Key_Backspace:
            return self.undo
        if plain and key == Qt.Key.Key_Escape:
            return lambda: self.set_active(False)
        return None
