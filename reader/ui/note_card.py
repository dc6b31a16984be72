"""One note in the side panel: rendered Markdown, or an editor that saves as you type.

Typing is handed over for saving 0.4 s after the last key, and at most 1 s
after the first unsaved key even while typing goes on, so a crash loses at
most about a second of it. `[[Entity name]]` links render as links that open
that entity, and typing `[[` offers the library's entity names.
"""

from __future__ import annotations

import html
import itertools
import re
from datetime import datetime
from urllib.parse import quote, unquote

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import (
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.dossier import LINK
from reader.core.store import Note
from reader.ui.markdown_view import MarkdownView

AUTOSAVE_MS = 400  # after the last key
AUTOSAVE_MAX_MS = 1000  # after the first unsaved key, even while typing continues
ENTITY_SCHEME = "reader-entity"


def with_entity_links(body: str) -> str:
    """Markdown in which each [[Name]] (or [[Name|text]]) is a link Reader can follow."""

    def link(m: re.Match[str]) -> str:
        target = m.group(1).strip()
        shown = (m.group(2) or target).strip()
        shown = shown.replace("[", "(").replace("]", ")")
        return f"[{shown}]({ENTITY_SCHEME}:{quote(target)})"

    return LINK.sub(link, body)


def when(stamp: str) -> str:
    """A stored UTC time as the user's local date (and time when it is today)."""
    try:
        moment = datetime.fromisoformat(stamp).astimezone()
    except ValueError:
        return stamp[:10]
    today = datetime.now().astimezone().date()
    return moment.strftime("%H:%M") if moment.date() == today else moment.strftime("%d %b %Y")


class _Editor(QPlainTextEdit):
    """The note editor: completes entity names after `[[`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.names = QStringListModel(self)
        self.completer = QCompleter(self.names, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setWidget(self)
        self.completer.activated.connect(self._insert)

    def popup_visible(self) -> bool:
        """Whether the name completion list is open."""
        popup = self.completer.popup()
        return popup is not None and popup.isVisible()

    def _typed_link(self) -> str | None:
        """The text typed since an unclosed `[[` on this line, if any."""
        cursor = self.textCursor()
        line = cursor.block().text()[: cursor.positionInBlock()]
        opened = line.rfind("[[")
        if opened < 0 or "]]" in line[opened:]:
            return None
        return line[opened + 2 :]

    def _insert(self, name: str) -> None:
        typed = self._typed_link() or ""
        cursor = self.textCursor()
        cursor.movePosition(
            QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor, len(typed)
        )
        cursor.insertText(f"{name}]]")
        self.setTextCursor(cursor)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        """Let the completion popup take Enter/Tab/Esc; reopen it as the name is typed."""
        popup = self.completer.popup()
        assert popup is not None  # QCompleter always makes one
        if popup.isVisible() and event.key() in (
            Qt.Key.Key_Enter,
            Qt.Key.Key_Return,
            Qt.Key.Key_Tab,
            Qt.Key.Key_Escape,
        ):
            event.ignore()
            return
        super().keyPressEvent(event)
        typed = self._typed_link()
        if typed is None or not self.names.rowCount():
            popup.hide()
            return
        self.completer.setCompletionPrefix(typed)
        rect = self.cursorRect()
        rect.setWidth(max(240, popup.sizeHintForColumn(0) + 24))
        self.completer.complete(rect)


class NoteCard(QFrame):
    """One note, identified by a token so results arriving later find it.

    Signals:
        save_requested(token, note_id, body): store this text (note_id None: a new note).
        delete_requested(token, note_id): the user asked to delete this note.
        entity_link_activated(name): a [[Name]] link was clicked.
        source_requested(note_id): open the article (and passage) the note was written at.
    """

    save_requested = Signal(int, object, str)
    delete_requested = Signal(int, object)
    entity_link_activated = Signal(str)
    source_requested = Signal(int)
    _tokens = itertools.count(1)

    def __init__(self, note: Note | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noteCard")
        self.token = next(self._tokens)
        self.note = note
        self.note_id: int | None = note.id if note else None
        self._saved_body = note.body if note else ""  # confirmed in the library
        self._sent_body = self._saved_body  # handed over for saving
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(4)
        self.source = QLabel()
        self.source.setObjectName("noteSource")
        self.source.setTextFormat(Qt.TextFormat.RichText)
        self.source.setWordWrap(True)
        self.source.linkActivated.connect(self._source_clicked)
        self.rendered = MarkdownView()
        self.rendered.setObjectName("noteRendered")
        self.rendered.setToolTip("Double-click to edit")
        self.rendered.viewport().installEventFilter(self)
        self.rendered.anchorClicked.disconnect()
        self.rendered.anchorClicked.connect(self._link_clicked)
        self.editor = _Editor()
        self.editor.setObjectName("noteEditor")
        self.editor.setPlaceholderText(
            "Write in Markdown: **bold**, *italic*, - lists, [[Entity name]] links. "
            "It saves as you type."
        )
        self.editor.setMinimumHeight(90)
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
        self.status.setWordWrap(True)  # "Not saved — copied to the clipboard" must not widen it
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
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
        layout.addWidget(self.source)
        layout.addWidget(self.rendered)
        layout.addWidget(self.editor)
        layout.addLayout(buttons)
        self._show_source()
        self._show_times()
        self.set_editing(note is None or not note.body.strip())

    # --- state -----------------------------------------------------------------------

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

    def set_names(self, names: list[str]) -> None:
        """The entity names `[[` completes."""
        self.editor.names.setStringList(names)

    def _show_source(self) -> None:
        note = self.note
        if note is None or note.article_title is None:
            self.source.hide()
            return
        title = html.escape(note.article_title)
        passage = f"<br><i>“{html.escape(note.passage[:160])}”</i>" if note.passage else ""
        self.source.setText(f'Written while reading <a href="source">{title}</a>{passage}')
        self.source.show()

    def _show_times(self) -> None:
        note = self.note
        if note is None:
            self.status.setText("")
            return
        created, changed = when(note.created_at), when(note.updated_at)
        self.status.setText(
            f"Written {created}" + (f" · changed {changed}" if changed != created else "")
        )

    def _update_buttons(self) -> None:
        """An empty new card is only an editor: nothing to delete, nothing to be done with."""
        empty_new = self.note_id is None and not self.body.strip()
        self.delete_button.setVisible(not empty_new)
        self.edit_button.setVisible(not empty_new)

    # --- editing ---------------------------------------------------------------------------

    def set_editing(self, editing: bool) -> None:
        """Switch between the editor and the rendered note."""
        if not editing:
            self.flush()
            self.rendered.set_markdown(with_entity_links(self.body) or "*Empty note*")
        self.editor.setVisible(editing)
        self.rendered.setVisible(not editing)
        self.edit_button.setText("Done" if editing else "Edit")
        self._update_buttons()
        if editing:
            self.editor.setFocus()

    def toggle_editing(self) -> None:
        """Edit ↔ Done."""
        self.set_editing(not self.editor.isVisible())

    def _schedule_save(self) -> None:
        self._update_buttons()
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

    def mark_saved(self, note_id: int, body: str, note: Note | None = None) -> None:
        """The library now holds `body` as note `note_id` (`note`: as stored, with its source)."""
        self.note_id = note_id
        self._saved_body = body
        if note is not None and self.note is None:
            self.note = note
            self._show_source()
        self._update_buttons()
        if self.body == body:
            self.status.setText("Saved")

    # --- links -----------------------------------------------------------------------------

    def _link_clicked(self, url: QUrl) -> None:
        if url.scheme() == ENTITY_SCHEME:
            self.entity_link_activated.emit(unquote(url.path()))
            return
        from reader.ui.article_header import open_if_web

        open_if_web(url.toString())

    def _source_clicked(self, _link: str) -> None:
        if self.note_id is not None:
            self.source_requested.emit(self.note_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Save on leaving the editor; double-click the rendered note to edit."""
        if watched is self.editor and event.type() == QEvent.Type.FocusOut:
            if not self.editor.popup_visible():
                self.flush()
        elif (
            watched is self.rendered.viewport() and event.type() == QEvent.Type.MouseButtonDblClick
        ):
            self.set_editing(True)
            return True
        return super().eventFilter(watched, event)
