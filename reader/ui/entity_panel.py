"""The side panel: one entity's name, kind, occurrences and notes.

The panel shows an `EntityView` (plain data from the core) and reports what
the user wants through `*_requested` signals; the main window does the work.
Notes save themselves: every edit is sent after a short pause in typing
(AUTOSAVE_MS), on leaving the editor, and when the panel changes entity, so a
crash loses at most the last second of typing.
"""

from __future__ import annotations

import html
import itertools

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.library import EntityView
from reader.core.overlay import Mention
from reader.core.store import Note
from reader.ui.article_view import Palette
from reader.ui.markdown_view import MarkdownView

AUTOSAVE_MS = 400  # after the last key
AUTOSAVE_MAX_MS = 1000  # after the first unsaved key, even while typing continues
SNIPPET_CHARS = 48


def snippet(text: str, mention: Mention) -> str:
    """A one-line excerpt around a mention, the mention in bold (rich text)."""
    left = text[max(0, mention.start - SNIPPET_CHARS) : mention.start]
    right = text[mention.end : mention.end + SNIPPET_CHARS]
    left = " ".join(left.split("\n")[-1:]).lstrip()
    right = right.split("\n")[0].rstrip()
    prefix = "…" if mention.start - len(left) > 0 and left else ""
    suffix = "…" if right and mention.end + len(right) < len(text) else ""
    return (
        f"{prefix}{html.escape(left)}<b>{html.escape(mention.text)}</b>{html.escape(right)}{suffix}"
    )


class NoteCard(QFrame):
    """One note: rendered Markdown, or a plain-text editor while editing.

    Typing is handed over for saving 0.4 s after the last key, and at most
    1 s after the first unsaved key even while typing goes on, so a crash
    loses at most about a second of it.

    Signals:
        save_requested(token, note_id, body): store this text (note_id None: a new note).
        delete_requested(token, note_id): the user asked to delete this note.
    """

    save_requested = Signal(int, object, str)
    delete_requested = Signal(int, object)
    _tokens = itertools.count(1)

    def __init__(self, note: Note | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noteCard")
        self.token = next(self._tokens)
        self.note_id: int | None = note.id if note else None
        self._saved_body = note.body if note else ""  # confirmed in the library
        self._sent_body = self._saved_body  # handed over for saving
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        self.rendered = MarkdownView()
        self.rendered.setObjectName("noteRendered")
        self.rendered.setToolTip("Double-click to edit")
        self.rendered.viewport().installEventFilter(self)
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("noteEditor")
        self.editor.setPlaceholderText(
            "Write in Markdown: **bold**, *italic*, - lists, [links](https://…). "
            "It saves as you type."
        )
        self.editor.setMinimumHeight(120)
        self.editor.setPlainText(self._saved_body)
        self.editor.textChanged.connect(self._schedule_save)
        self.editor.installEventFilter(self)
        self._pause = QTimer(self)  # restarts on every key
        self._pause.setSingleShot(True)
        self._pause.setInterval(AUTOSAVE_MS)
        self._pause.timeout.connect(self.flush)
        self._deadline = QTimer(self)  # does not: continuous typing is saved too
        self._deadline.setSingleShot(True)
        self._deadline.setInterval(AUTOSAVE_MAX_MS)
        self._deadline.timeout.connect(self.flush)
        buttons = QHBoxLayout()
        self.status = QLabel()
        self.status.setObjectName("noteStatus")
        self.edit_button = QToolButton()
        self.edit_button.setText("Edit")
        self.edit_button.clicked.connect(self.toggle_editing)
        self.delete_button = QToolButton()
        self.delete_button.setText("Delete")
        self.delete_button.clicked.connect(
            lambda: self.delete_requested.emit(self.token, self.note_id)
        )
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        layout.addWidget(self.rendered)
        layout.addWidget(self.editor)
        layout.addLayout(buttons)
        if note is not None:
            self.status.setText(f"Saved {note.updated_at[:10]}")
        self.set_editing(note is None or not note.body.strip())

    @property
    def body(self) -> str:
        """The note's current text."""
        return self.editor.toPlainText()

    @property
    def dirty(self) -> bool:
        """Whether there is typing not yet handed over for saving."""
        return self.body != self._sent_body

    @property
    def saved(self) -> bool:
        """Whether the library holds exactly what the editor shows."""
        return self.body == self._saved_body

    def set_editing(self, editing: bool) -> None:
        """Switch between the editor and the rendered note."""
        if not editing:
            self.flush()
            self.rendered.set_markdown(self.body or "*Empty note*")
        self.editor.setVisible(editing)
        self.rendered.setVisible(not editing)
        self.edit_button.setText("Done" if editing else "Edit")
        if editing:
            self.editor.setFocus()

    def toggle_editing(self) -> None:
        """Edit ↔ Done."""
        self.set_editing(not self.editor.isVisible())

    def _schedule_save(self) -> None:
        if not self.dirty:
            return
        self.status.setText("Editing…")
        self._pause.start()
        if not self._deadline.isActive():
            self._deadline.start()

    def flush(self) -> None:
        """Hand pending text over for saving now."""
        self._pause.stop()
        self._deadline.stop()
        if self.dirty and (self.note_id is not None or self.body.strip()):
            self._sent_body = self.body
            self.save_requested.emit(self.token, self.note_id, self.body)

    def mark_rescued(self, body: str, status: str) -> None:
        """The text is kept outside the library: stop retrying this version of it."""
        self._sent_body = body
        self.status.setText(status)

    def mark_saved(self, note_id: int, body: str) -> None:
        """The library now holds `body` as note `note_id`."""
        self.note_id = note_id
        self._saved_body = body
        if self.body == body:
            self.status.setText("Saved")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Save on leaving the editor; double-click the rendered note to edit."""
        if watched is self.editor and event.type() == QEvent.Type.FocusOut:
            self.flush()
        elif (
            watched is self.rendered.viewport() and event.type() == QEvent.Type.MouseButtonDblClick
        ):
            self.set_editing(True)
            return True
        return super().eventFilter(watched, event)


class EntityPanel(QWidget):
    """Everything about the clicked entity.

    It shows an `EntityView` and reports intents; it stores nothing itself.
    Note cards are named by a token, so results arriving later find their card
    (or are dropped when it is gone).

    Signals:
        occurrence_requested(start): jump to the mention starting there.
        article_requested(article_id): open this other article.
        note_save_requested(token, note_id, body): store a card's text.
        note_delete_requested(token, note_id): delete a card's note.
        names_edit_requested(): the user wants to edit the entity's names.
    """

    names_edit_requested = Signal()
    occurrence_requested = Signal(int)
    article_requested = Signal(int)
    note_save_requested = Signal(int, object, str)
    note_delete_requested = Signal(int, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entityPanel")
        self.view: EntityView | None = None
        self._text = ""
        self.cards: list[NoteCard] = []

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        self._layout = layout = QVBoxLayout(body)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(8)

        self.empty = QLabel(
            "Click a highlighted name in the article to see who or what it is, "
            "where it appears, and your notes on it."
        )
        self.empty.setObjectName("panelEmpty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.empty)

        self.content = QWidget()
        c = QVBoxLayout(self.content)
        c.setContentsMargins(0, 0, 0, 0)
        c.setSpacing(6)
        self.name = QLabel()
        self.name.setObjectName("entityName")
        self.name.setTextFormat(Qt.TextFormat.PlainText)  # names come from articles
        self.name.setWordWrap(True)
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.name.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.name.setFont(font)
        self.kind = QLabel()
        self.kind.setObjectName("entityKind")
        self.kind.setTextFormat(Qt.TextFormat.PlainText)
        self.aliases = QLabel()
        self.aliases.setObjectName("entityAliases")
        self.aliases.setTextFormat(Qt.TextFormat.PlainText)
        self.aliases.setWordWrap(True)
        c.addWidget(self.name)
        chips = QHBoxLayout()
        chips.addWidget(self.kind, 0, Qt.AlignmentFlag.AlignLeft)
        chips.addStretch(1)
        self.edit_names = QToolButton()
        self.edit_names.setObjectName("editNames")
        self.edit_names.setText("Edit Names…")
        self.edit_names.setToolTip(
            "Rename this entity, or add and remove the names articles use for it"
        )
        self.edit_names.clicked.connect(self.names_edit_requested)
        chips.addWidget(self.edit_names)
        c.addLayout(chips)
        c.addWidget(self.aliases)

        self.occurrences_title = self._section("In this article")
        c.addWidget(self.occurrences_title)
        self.occurrences = QListWidget()
        self.occurrences.setObjectName("occurrences")
        self.occurrences.setWordWrap(True)
        self.occurrences.setAlternatingRowColors(True)
        self.occurrences.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.occurrences.itemActivated.connect(self._occurrence_clicked)
        self.occurrences.itemClicked.connect(self._occurrence_clicked)
        c.addWidget(self.occurrences)

        self.elsewhere_title = self._section("In other articles")
        c.addWidget(self.elsewhere_title)
        self.elsewhere = QListWidget()
        self.elsewhere.setObjectName("elsewhere")
        self.elsewhere.itemActivated.connect(self._elsewhere_clicked)
        self.elsewhere.itemClicked.connect(self._elsewhere_clicked)
        c.addWidget(self.elsewhere)

        notes_header = QHBoxLayout()
        notes_header.addWidget(self._section("Notes"), 1)
        self.add_button = QPushButton("Add note")
        self.add_button.setObjectName("addNote")
        self.add_button.setToolTip("Add a note on this entity (Ctrl+Shift+N)")
        self.add_button.clicked.connect(self.add_note)
        notes_header.addWidget(self.add_button)
        c.addLayout(notes_header)
        self.notes_box = QVBoxLayout()
        self.notes_box.setSpacing(8)
        c.addLayout(self.notes_box)
        c.addStretch(1)
        layout.addWidget(self.content)
        layout.addStretch(1)
        QShortcut(QKeySequence("Ctrl+Shift+N"), self, self.add_note)
        self.clear()

    @staticmethod
    def _section(title: str) -> QLabel:
        label = QLabel(title.upper())
        label.setObjectName("sectionTitle")
        return label

    # --- showing --------------------------------------------------------------------

    def clear(self) -> None:
        """Show the hint instead of an entity."""
        self.flush()
        self.view = None
        self.content.hide()
        self.empty.show()

    def show_entity(
        self, view: EntityView, text: str, palette: Palette, keep_notes: bool = False
    ) -> None:
        """Show an entity; pending note edits of the previous one are saved first.

        `keep_notes` refreshes everything but the note cards, so a refresh
        while the user types never takes the editor away.
        """
        if not keep_notes:
            self.flush()
        self.view = view
        self._text = text
        self.empty.hide()
        self.content.show()
        self.name.setText(view.name)
        accent: QColor = palette.accent(view.kind)
        self.kind.setText(view.kind.label)
        self.kind.setStyleSheet(
            f"QLabel {{ background: {accent.name()}; color: {'#000' if palette.dark else '#fff'};"
            " border-radius: 8px; padding: 1px 8px; font-weight: 600; }"
        )
        others = sorted({a for a in view.aliases if a != view.name})
        here = sorted({m.text for m in view.occurrences if m.text != view.name} - set(others))
        names = others + here
        self.aliases.setText("Also: " + ", ".join(names) if names else "")
        self.aliases.setVisible(bool(names))
        n = len(view.occurrences)
        self.occurrences_title.setText(f"IN THIS ARTICLE — {n} MENTION{'S' if n != 1 else ''}")
        self.occurrences.clear()
        for m in view.occurrences:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, m.start)
            label = QLabel(snippet(text, m))
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setContentsMargins(4, 3, 4, 3)
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            item.setSizeHint(label.sizeHint())
            self.occurrences.addItem(item)
            self.occurrences.setItemWidget(item, label)
        self.occurrences.setFixedHeight(
            min(
                220,
                max(
                    40,
                    6
                    + sum(
                        self.occurrences.sizeHintForRow(i) for i in range(self.occurrences.count())
                    ),
                ),
            )
        )
        self.elsewhere.clear()
        for row, count in view.elsewhere:
            item = QListWidgetItem(f"{row.title}  ({count}×)")
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            item.setToolTip(row.path)
            self.elsewhere.addItem(item)
        self.elsewhere.setFixedHeight(min(140, 6 + 26 * len(view.elsewhere)))
        self.elsewhere_title.setVisible(bool(view.elsewhere))
        self.elsewhere.setVisible(bool(view.elsewhere))
        if not keep_notes:
            self._show_notes(view.notes)

    def _show_notes(self, notes: tuple[Note, ...]) -> None:
        for card in self.cards:
            card.setParent(None)
            card.deleteLater()
        self.cards = []
        for note in notes:
            self._add_card(note)
        if not notes:
            self._add_card(None, focus=False)

    def _add_card(self, note: Note | None, focus: bool = False) -> NoteCard:
        card = NoteCard(note)
        card.save_requested.connect(self.note_save_requested)
        card.delete_requested.connect(self.note_delete_requested)
        self.notes_box.addWidget(card)
        card.show()
        self.cards.append(card)
        if focus:
            card.editor.setFocus()
        return card

    def card(self, token: int) -> NoteCard | None:
        """The card with this token, if it is still shown."""
        return next((c for c in self.cards if c.token == token), None)

    def add_note(self) -> NoteCard | None:
        """Start a new note (reuses an empty unsaved one)."""
        if self.view is None:
            return None
        for card in self.cards:
            if card.note_id is None and not card.body.strip():
                card.set_editing(True)
                return card
        return self._add_card(None, focus=True)

    def note_saved(self, token: int, note_id: int, body: str) -> None:
        """The library holds `body` as note `note_id` (the card may be gone by now)."""
        card = self.card(token)
        if card is not None:
            card.mark_saved(note_id, body)

    def note_rescued(self, token: int, body: str, status: str) -> None:
        """`body` could not be saved and is kept elsewhere; `status` says where."""
        card = self.card(token)
        if card is not None:
            card.mark_rescued(body, status)

    def remove_card(self, token: int) -> None:
        """Drop a deleted note's card."""
        card = self.card(token)
        if card is not None:
            self.cards.remove(card)
            card.setParent(None)
            card.deleteLater()
        if not self.cards and self.view is not None:
            self._add_card(None)

    def flush(self) -> None:
        """Save every note with pending typing (before switching entity or closing)."""
        for card in self.cards:
            card.flush()

    # --- user actions ---------------------------------------------------------------

    def _occurrence_clicked(self, item: QListWidgetItem) -> None:
        self.occurrence_requested.emit(int(item.data(Qt.ItemDataRole.UserRole)))

    def _elsewhere_clicked(self, item: QListWidgetItem) -> None:
        self.article_requested.emit(int(item.data(Qt.ItemDataRole.UserRole)))
