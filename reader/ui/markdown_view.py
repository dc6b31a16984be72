"""Rendered Markdown (Qt renders it) that loads nothing and opens only web links.

A note is the user's own text, but it may be pasted from anywhere: an image
reference to a local file, raw HTML or a `file://` link must not load or open
anything. Raw HTML is shown as text, images as their name in brackets, and
only http(s) links open (in the system browser, when clicked).
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QResizeEvent, QTextCursor, QTextDocument
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

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """As tall as the text."""
        return QSize(super().sizeHint().width(), int(self.document().size().height()) + 4)
