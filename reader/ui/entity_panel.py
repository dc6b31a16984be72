"""The side panel: everything the user knows and has read about one entity.

It shows an `EntityView` (plain data from the core) and reports what the user
wants through `*_requested` signals carrying ids and text; the panel
controller does the work. From the top: the card (name, kind, names, how
often it appears, who it is in the user's and the articles' words), the
notes, its mentions in this article, the other articles it appears in, what
it often appears with, what the articles say about it, and the notes of
other entities that link to it.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Callable
from urllib.parse import quote, unquote

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.dossier import LINK, context_line
from reader.core.library import EntityView
from reader.core.overlay import Mention
from reader.core.store import Note
from reader.ui.article_view import Palette
from reader.ui.markdown_view import markdown_line_html
from reader.ui.note_card import AUTOSAVE_MAX_MS, AUTOSAVE_MS, NoteCard
from reader.ui.panel_lists import Context, ContextList, Row

__all__ = ["AUTOSAVE_MAX_MS", "AUTOSAVE_MS", "EntityPanel", "NoteCard", "snippet"]


def snippet(text: str, mention: Mention) -> str:
    """A one-line excerpt around a mention, whole words, the mention in bold (rich text)."""
    before, name, after = context_line(text, mention.start, mention.end)
    return f"{html.escape(before)}<b>{html.escape(name)}</b>{html.escape(after)}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


class EntityPanel(QWidget):
    """Everything about the shown entity.

    Note cards are named by a token, so results arriving later find their card
    (or are dropped when it is gone).

    Signals:
        occurrence_requested(start): jump to the mention starting there in this article.
        appearance_requested(article_id, start): open another article at a mention.
        entity_requested(entity_id or None, name, kind): show another entity.
        note_save_requested(token, note_id, body): store a card's text.
        note_delete_requested(token, note_id): delete a card's note.
        note_source_requested(note_id): open the article a note was written at.
        names_edit_requested(): the user wants to edit the entity's names.
        description_note_requested(index): turn a sentence of the articles into a note.
    """

    occurrence_requested = Signal(int)
    appearance_requested = Signal(int, int)
    entity_requested = Signal(object, str, str)
    note_save_requested = Signal(int, object, str)
    note_delete_requested = Signal(int, object)
    note_source_requested = Signal(int)
    names_edit_requested = Signal()
    description_note_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entityPanel")
        self.view: EntityView | None = None
        self._text = ""
        self._names: list[str] = []
        self.cards: list[NoteCard] = []

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.setSpacing(8)

        self.empty = QLabel(
            "Click a highlighted name in the article to see who or what it is, "
            "where else it appears, and your notes on it."
        )
        self.empty.setObjectName("panelEmpty")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.empty)

        self.content = QWidget()
        c = QVBoxLayout(self.content)
        c.setContentsMargins(0, 0, 0, 0)
        c.setSpacing(6)
        self._build_card(c)
        self._build_notes(c)
        self.occurrences_title = self._section("In this article")
        c.addWidget(self.occurrences_title)
        self.occurrences = ContextList("occurrences")
        self.occurrences.clicked.connect(self._occurrence_clicked)
        self.occurrences.activated.connect(self._occurrence_clicked)
        c.addWidget(self.occurrences)
        self.elsewhere_title = self._section("Appears in")
        c.addWidget(self.elsewhere_title)
        self.elsewhere = ContextList("elsewhere")
        self.elsewhere.clicked.connect(self._elsewhere_clicked)
        self.elsewhere.activated.connect(self._elsewhere_clicked)
        c.addWidget(self.elsewhere)
        self.companions_title = self._section("Often appears with")
        c.addWidget(self.companions_title)
        self.companions = self._link_label("companions")
        c.addWidget(self.companions)
        self.descriptions_title = self._section("What the articles say")
        c.addWidget(self.descriptions_title)
        self.descriptions = QVBoxLayout()
        self.descriptions.setSpacing(6)
        c.addLayout(self.descriptions)
        self.backlinks_title = self._section("Linked from")
        c.addWidget(self.backlinks_title)
        self.backlinks = self._link_label("backlinks")
        c.addWidget(self.backlinks)
        c.addStretch(1)
        layout.addWidget(self.content)
        layout.addStretch(1)
        QShortcut(QKeySequence("Ctrl+Shift+N"), self, self.add_note)
        self.clear()

    # --- construction -------------------------------------------------------------------

    def _build_card(self, c: QVBoxLayout) -> None:
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
        self.stats = QLabel()
        self.stats.setObjectName("entityStats")
        self.stats.setTextFormat(Qt.TextFormat.PlainText)
        self.stats.setWordWrap(True)
        # May shrink below its text: the panel never grows past its dock (clipped buttons).
        self.stats.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.aliases = QLabel()
        self.aliases.setObjectName("entityAliases")
        self.aliases.setTextFormat(Qt.TextFormat.PlainText)
        self.aliases.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setObjectName("entitySummary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        c.addWidget(self.name)
        chips = QHBoxLayout()
        chips.addWidget(self.kind, 0, Qt.AlignmentFlag.AlignLeft)
        chips.addWidget(self.stats, 1)
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
        c.addWidget(self.summary)

    def _build_notes(self, c: QVBoxLayout) -> None:
        header = QHBoxLayout()
        header.addWidget(self._section("Notes"), 1)
        self.add_button = QPushButton("Add Note")
        self.add_button.setObjectName("addNote")
        self.add_button.setToolTip(
            "Add a note on this entity (Ctrl+Shift+N); text selected in the article "
            "is kept as the note's passage"
        )
        self.add_button.clicked.connect(self.add_note)
        header.addWidget(self.add_button)
        c.addLayout(header)
        self.notes_box = QVBoxLayout()
        self.notes_box.setSpacing(8)
        c.addLayout(self.notes_box)

    @staticmethod
    def _section(title: str) -> QLabel:
        label = QLabel(title.upper())
        label.setObjectName("sectionTitle")
        return label

    def _link_label(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(name)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)
        label.linkActivated.connect(self._entity_link)
        return label

    # --- showing --------------------------------------------------------------------

    def clear(self) -> None:
        """Show the hint instead of an entity."""
        self.flush()
        self.view = None
        self.content.hide()
        self.empty.show()

    def set_entity_names(self, names: list[str]) -> None:
        """The names `[[` completes in note editors."""
        self._names = names
        for card in self.cards:
            card.set_names(names)

    def show_entity(
        self,
        view: EntityView,
        text: str,
        palette: Palette,
        keep_notes: bool = False,
        context: Callable[[Row], Context] | None = None,
    ) -> None:
        """Show an entity; pending note edits of the previous one are saved first.

        `keep_notes` refreshes everything but the note cards, so a refresh
        while the user types never takes the editor away. `context(row)`
        gives the context line of an "appears in" row when it is first shown.
        """
        if not keep_notes:
            self.flush()
        self.view = view
        self._text = text
        self.empty.hide()
        self.content.show()
        self._show_card(view, palette)
        n = len(view.occurrences)
        self.occurrences_title.setText(f"IN THIS ARTICLE — {_plural(n, 'mention').upper()}")
        self.occurrences_title.setVisible(n > 0)
        self.occurrences.model_.set_rows(
            [
                Row((0, m.start), context=context_line(text, m.start, m.end))
                for m in view.occurrences
            ]
        )
        self.occurrences.fit(6)
        self._show_elsewhere(view, context)
        self._show_backlinks(view)
        if not keep_notes:
            self._show_notes(view.notes)

    def show_details(
        self, view: EntityView, palette: Palette, context: Callable[[Row], Context] | None = None
    ) -> None:
        """Fill in what other articles say (read after the rest, on a worker)."""
        if self.view is None or self.view.identity != view.identity:
            return
        self.view = view
        self._show_card(view, palette)
        self._show_elsewhere(view, context)

    def _show_elsewhere(self, view: EntityView, context: Callable[[Row], Context] | None) -> None:
        rows = [
            Row((a.article_id, a.start), a.title, a.date, _plural(a.mentions, "mention"))
            for a in view.appearances
        ]
        self.elsewhere.model_.set_rows(rows, context)
        self.elsewhere.fit(5)
        self.elsewhere_title.setText(f"APPEARS IN — {_plural(len(rows), 'other article').upper()}")
        self.elsewhere_title.setVisible(bool(rows))
        self.elsewhere.setVisible(bool(rows))
        self._show_companions(view)
        self._show_descriptions(view)

    def _show_card(self, view: EntityView, palette: Palette) -> None:
        self.name.setText(view.name)
        accent: QColor = palette.accent(view.kind)
        self.kind.setText(view.kind.label)
        self.kind.setStyleSheet(
            f"QLabel {{ background: {accent.name()}; color: {'#000' if palette.dark else '#fff'};"
            " border-radius: 8px; padding: 1px 8px; font-weight: 600; }"
        )
        articles = max(view.articles, 1 if view.occurrences else 0)
        mentions = max(view.mentions, len(view.occurrences))
        self.stats.setText(f"  {_plural(articles, 'article')} · {_plural(mentions, 'mention')}")
        others = sorted({a for a in view.aliases if a != view.name})
        here = sorted({m.text for m in view.occurrences if m.text != view.name} - set(others))
        names = others + here
        self.aliases.setText("Also: " + ", ".join(names) if names else "")
        self.aliases.setVisible(bool(names))
        lines = []
        if view.summary:  # the note's first line, rendered as the tooltip renders it
            plain_links = LINK.sub(lambda m: (m.group(2) or m.group(1)).strip(), view.summary)
            lines.append(f"<i>{markdown_line_html(plain_links)}</i>")
        if view.descriptions:
            lines.append(f"“{html.escape(view.descriptions[0].phrase)}”")
        self.summary.setText("<br>".join(lines))
        self.summary.setVisible(bool(lines))

    def _show_companions(self, view: EntityView) -> None:
        # One name can be two entities ("Nairobi" the place and a headline's
        # "Nairobi" taken for a person): then each says its kind, or the two
        # links read the same and lead to different places.
        names = Counter(c.name.casefold() for c in view.companions)
        links = [
            f'<a href="{_entity_href(c.entity_id, c.name, c.kind.value)}">{html.escape(c.name)}'
            + (f" ({c.kind.label.lower()})" if names[c.name.casefold()] > 1 else "")
            + "</a>"
            for c in view.companions
        ]
        self.companions.setText(" · ".join(links))
        self.companions_title.setVisible(bool(links))
        self.companions.setVisible(bool(links))

    def _show_descriptions(self, view: EntityView) -> None:
        while self.descriptions.count():
            item = self.descriptions.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        titles = {a.article_id: a.title for a in view.appearances}
        for i, d in enumerate(view.descriptions):
            box = QFrame()
            box.setObjectName("description")
            row = QVBoxLayout(box)
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(2)
            plain = d.sentence.strip().strip("\"“”'‘’").strip()
            sentence = html.escape(plain).replace(
                html.escape(d.phrase), f"<b>{html.escape(d.phrase)}</b>", 1
            )
            text = QLabel(f"“{sentence}”")
            text.setTextFormat(Qt.TextFormat.RichText)
            text.setWordWrap(True)
            foot = QHBoxLayout()
            source = QLabel(titles.get(d.article_id, "this article"))
            source.setObjectName("descriptionSource")
            source.setTextFormat(Qt.TextFormat.PlainText)
            source.setWordWrap(True)
            source.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            add = QToolButton()
            add.setText("Add as Note")
            add.setToolTip("Quote this sentence, with its source, in a new note")
            add.clicked.connect(lambda _=False, n=i: self.description_note_requested.emit(n))
            foot.addWidget(source, 1)
            foot.addWidget(add)
            row.addWidget(text)
            row.addLayout(foot)
            self.descriptions.addWidget(box)
        self.descriptions_title.setVisible(bool(view.descriptions))

    def _show_backlinks(self, view: EntityView) -> None:
        lines = []
        for note, owner in view.backlinks:
            first = next((ln.strip() for ln in note.body.splitlines() if ln.strip()), "")
            first = first if len(first) <= 90 else first[:89] + "…"
            lines.append(
                f'<a href="{_entity_href(note.entity_id, owner, "")}">{html.escape(owner)}</a>: '
                f"{html.escape(first)}"
            )
        self.backlinks.setText("<br>".join(lines))
        self.backlinks_title.setVisible(bool(lines))
        self.backlinks.setVisible(bool(lines))

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
        card.set_names(self._names)
        card.save_requested.connect(self.note_save_requested)
        card.delete_requested.connect(self.note_delete_requested)
        card.source_requested.connect(self.note_source_requested)
        card.entity_link_activated.connect(lambda name: self.entity_requested.emit(None, name, ""))
        self.notes_box.addWidget(card)
        card.show()
        self.cards.append(card)
        if focus:
            card.editor.setFocus()
        return card

    def card(self, token: int) -> NoteCard | None:
        """The card with this token, if it is still shown."""
        return next((c for c in self.cards if c.token == token), None)

    def add_note(self, body: str = "") -> NoteCard | None:
        """Start a new note (reuses an empty unsaved one), optionally with some text."""
        if self.view is None:
            return None
        card = next((c for c in self.cards if c.note_id is None and not c.body.strip()), None)
        if card is None:
            card = self._add_card(None, focus=True)
        card.set_editing(True)
        if body:
            card.editor.setPlainText(body)
            card.flush()
        return card

    def note_saved(self, token: int, note_id: int, body: str, note: Note | None = None) -> None:
        """The library holds `body` as note `note_id` (the card may be gone by now)."""
        card = self.card(token)
        if card is not None:
            card.mark_saved(note_id, body, note)

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

    def _occurrence_clicked(self, index: QModelIndex) -> None:
        self.occurrence_requested.emit(int(index.data(Qt.ItemDataRole.UserRole)[1]))

    def _elsewhere_clicked(self, index: QModelIndex) -> None:
        article_id, start = index.data(Qt.ItemDataRole.UserRole)
        self.appearance_requested.emit(int(article_id), int(start))

    def _entity_link(self, href: str) -> None:
        kind, _, rest = href.partition(":")
        if kind == "entity":
            self.entity_requested.emit(int(rest), "", "")
        elif kind == "name":
            entity_kind, _, name = rest.partition(":")
            self.entity_requested.emit(None, unquote(name), entity_kind)


def _entity_href(entity_id: int | None, name: str, kind: str) -> str:
    if entity_id is not None:
        return f"entity:{entity_id}"
    return f"name:{kind}:{quote(name)}"
