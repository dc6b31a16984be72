"""The line above the text: author, date, site and source of a saved page.

Everything in it comes from the page, so it is escaped and shown as text;
only an http(s) source becomes a link, and it opens in the system browser
when clicked — a `file://` or `javascript:` URL from a page never does.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel, QWidget

from reader.core.article import Article

SAFE_SCHEMES = frozenset({"http", "https"})


def open_if_web(link: str) -> bool:
    """Open an http(s) link in the system browser; anything else is ignored."""
    url = QUrl(link)
    if url.scheme().lower() in SAFE_SCHEMES and url.isValid():
        return QDesktopServices.openUrl(url)
    return False


class ArticleHeader(QLabel):
    """Metadata of the article on screen; hidden when there is none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleMeta")
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setOpenExternalLinks(False)
        self.setWordWrap(True)
        self.linkActivated.connect(open_if_web)
        self.setContentsMargins(24, 0, 24, 0)
        self.hide()

    def set_column(self, left: int, right: int) -> None:
        """Line the text up with the article's text column (ArticleView.column_changed)."""
        self.setContentsMargins(left, 0, right, 0)

    def set_article(self, article: Article) -> None:
        """Show this article's metadata (all of it as text, the source as a link)."""
        meta = article.meta
        parts = []
        if meta.get("author"):
            parts.append(html.escape(f"By {meta['author']}"))
        if meta.get("date") and article.format != "txt":
            parts.append(html.escape(meta["date"]))
        if meta.get("site"):
            parts.append(html.escape(meta["site"]))
        url = QUrl(meta.get("url", ""))
        if url.isValid() and url.scheme().lower() in SAFE_SCHEMES:
            href = html.escape(bytes(url.toEncoded().data()).decode("ascii"), quote=True)
            parts.append(f'<a href="{href}">{html.escape(url.host() or "source")}</a>')
        self.setText("  ·  ".join(parts))
        self.setVisible(bool(parts))
