"""Rendered Markdown (Qt renders it) that loads nothing and opens only web links.

A note is the user's own text, but it may be pasted from anywhere: an image
reference to a local file, raw HTML or a `file://` link must not load or open
anything. Raw HTML is shown as text, images as their name in brackets, and
only http(s) links open (in the system browser, when clicked).
"""

from __future__ import annotations

import html
import re
from pathlib import PurePosixPath
from typing import Any

from PySide6.QtCore import QEvent, QSize, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QPalette,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QFrame, QSizePolicy, QTextBrowser, QWidget

from reader.ui.article_header import open_if_web

FEATURES = QTextDocument.MarkdownFeature(
    QTextDocument.MarkdownFeature.MarkdownDialectGitHub.value
    | QTextDocument.MarkdownFeature.MarkdownNoHTML.value
)


def _drop_images(document: QTextDocument) -> None:
    """Replace every image with its name in brackets: nothing to load, nothing hidden."""
    block = document.begin()
    images: list[tuple[int, int, str]] = []
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            if fmt.isImageFormat():
                name = PurePosixPath(QUrl(fmt.toImageFormat().name()).path()).name or "image"
                images.append((fragment.position(), fragment.length(), name))
            it += 1
        block = block.next()
    for position, length, name in reversed(images):
        cursor = QTextCursor(document)
        cursor.setPosition(position)
        cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(f"[image: {name}]")


def markdown_to_html(text: str) -> str:
    """Safe rich text for a Markdown snippet (tooltips): no images, no raw HTML."""
    document = QTextDocument()
    document.setMarkdown(text, FEATURES)
    _drop_images(document)
    return document.toHtml()


# What starts a Markdown block rather than a phrase: a heading's #s, a quote's >,
# a list bullet or number, a task box. A one-line preview keeps only the phrase.
_BLOCK_MARKER = re.compile(r"^\s*(?:#{1,6}\s+|>\s*|[-*+]\s+(?:\[[ xX]\]\s+)?|\d{1,9}[.)]\s+)+")
_PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p>", re.DOTALL)


def _links_as_text(document: QTextDocument) -> None:
    """Show links as underlined text: a tooltip cannot be clicked, and blue fails on dark."""
    spans: list[tuple[int, int, QTextCharFormat]] = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            if fmt.isAnchor():
                fmt.setAnchor(False)
                fmt.setAnchorHref("")
                fmt.clearForeground()
                fmt.setFontUnderline(True)
                spans.append((fragment.position(), fragment.length(), fmt))
            it += 1
        block = block.next()
    for position, length, fmt in spans:
        cursor = QTextCursor(document)
        cursor.setPosition(position)
        cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
        cursor.setCharFormat(fmt)


def _recolour_links(document: QTextDocument, colour: QColor) -> None:
    """Give every link of a rendered document this colour (a new palette's)."""
    spans: list[tuple[int, int]] = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.charFormat().isAnchor():
                spans.append((fragment.position(), fragment.length()))
            it += 1
        block = block.next()
    change = QTextCharFormat()
    change.setForeground(colour)
    for position, length in spans:
        cursor = QTextCursor(document)
        cursor.setPosition(position)
        cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
        cursor.mergeCharFormat(change)


def markdown_line_html(line: str) -> str:
    """One line of a note as inline rich text: bold, italic, code kept; nothing loads.

    Block syntax (a heading's #, a list bullet, a quote's >) is dropped so the
    line reads as a phrase; images become their name and raw HTML shows as
    text, as in `markdown_to_html`.
    """
    line = _BLOCK_MARKER.sub("", line.strip())
    document = QTextDocument()
    document.setMarkdown(line, FEATURES)
    _drop_images(document)
    _links_as_text(document)
    found = _PARAGRAPH.search(document.toHtml())
    inner = found.group(1).strip() if found else ""
    return inner if inner and inner != "<br />" else html.escape(line)


class MarkdownView(QTextBrowser):
    """A read-only, auto-height view of a note's Markdown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(lambda url: open_if_web(url.toString()))
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().setDocumentMargin(0)
        self.setStyleSheet("background: transparent;")

    def set_markdown(self, text: str) -> None:
        """Show `text` rendered."""
        self.document().setMarkdown(text, FEATURES)
        _drop_images(self.document())
        self._fit()

    def loadResource(self, kind: int, name: QUrl | str) -> Any:  # noqa: N802 - Qt override
        """Load nothing: no local file, no remote resource, whatever the note says."""
        return None

    def _fit(self) -> None:
        self.document().setTextWidth(max(50, self.viewport().width()))
        self.setFixedHeight(int(self.document().size().height()) + 4)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        """Keep the height of the text as the width changes."""
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        """Keep the height of the text when the font changes (zoom); recolour links (theme).

        Qt writes the palette's link colour into the text when it renders the
        Markdown, so a theme switch recolours the links in place (rendering it
        again would lay it out while shown, images and all).
        """
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit()
        elif event.type() == QEvent.Type.PaletteChange:
            _recolour_links(self.document(), self.palette().color(QPalette.ColorRole.Link))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """As tall as the text."""
        return QSize(super().sizeHint().width(), int(self.document().size().height()) + 4)
