"""Content never runs: article metadata, file names, entity names and notes are text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QTextDocument
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from reader.core.article import Article
from reader.core.kinds import Kind
from reader.core.library import EntityView
from reader.core.overlay import Mention
from reader.ui import dialogs as dialogs_mod
from reader.ui.article_header import ArticleHeader
from reader.ui.article_view import Palette
from reader.ui.entity_panel import EntityPanel
from reader.ui.main_window import MainWindow
from reader.ui.markdown_view import MarkdownView

from .conftest import Dialogs


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """URLs the system browser was asked to open."""
    urls: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(url.toString()))
    return urls


def test_page_metadata_is_shown_as_text_and_only_a_web_source_is_a_link(
    qtbot: QtBot, tmp_path: Path, opened: list[str]
) -> None:
    secret = tmp_path / "local.png"
    secret.write_bytes(b"\x89PNG")
    header = ArticleHeader()
    qtbot.addWidget(header)
    meta = {"author": f'<img src="{secret}">', "site": "<h1>Big</h1>", "url": "file:///etc/passwd"}
    header.set_article(Article("/p.html", "T", "T\n", "html", (), meta))
    shown = QTextDocument()
    shown.setHtml(header.text())
    assert f'<img src="{secret}">' in shown.toPlainText()  # the characters, not an image
    assert "<h1>Big</h1>" in shown.toPlainText()
    assert "file://" not in header.text()  # no link to a local file
    header.linkActivated.emit("file:///etc/passwd")
    header.linkActivated.emit("javascript:alert(1)")
    assert opened == []

    header.set_article(Article("/p.html", "T", "T\n", "html", (), {"url": "https://ex.org/a"}))
    header.linkActivated.emit("https://ex.org/a")
    assert opened == ["https://ex.org/a"]


def test_a_file_name_with_markup_is_shown_as_its_characters(
    qtbot: QtBot,
    make_window: Callable[[], MainWindow],
    fake_model: None,
    tmp_path: Path,
    dialogs: Dialogs,
) -> None:
    name = tmp_path / "<img src=x.png><h1>Missing</h1>.txt"
    window = make_window()
    with qtbot.wait_signal(window.error_shown, timeout=10_000):
        window.open_path(str(name))
    assert str(name) in dialogs.shown[-1][2]
    box = dialogs_mod._box(None, QMessageBox.Icon.Warning, "t", str(name))
    assert box.textFormat() == Qt.TextFormat.PlainText


def test_an_entity_name_with_markup_is_shown_as_its_characters(qtbot: QtBot) -> None:
    panel = EntityPanel()
    qtbot.addWidget(panel)
    name = "Lena &lt;b&gt;Okafor"
    m = Mention(0, len(name), name, Kind.PERSON, name)
    panel.show_entity(EntityView(name, Kind.PERSON, name, None, (m,)), name, Palette(False))
    assert panel.name.textFormat() == Qt.TextFormat.PlainText
    assert panel.name.text() == name
    assert panel.aliases.textFormat() == Qt.TextFormat.PlainText


def test_a_note_loads_no_file_and_opens_only_web_links(
    qtbot: QtBot, tmp_path: Path, opened: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    picture = tmp_path / "private.png"
    picture.write_bytes(b"\x89PNG\r\n")
    asked: list[str] = []
    real = MarkdownView.loadResource

    def recording(self: MarkdownView, kind: int, url: QUrl | str) -> object:
        asked.append(url.toString() if isinstance(url, QUrl) else url)
        return real(self, kind, url)

    monkeypatch.setattr(MarkdownView, "loadResource", recording)
    view = MarkdownView()
    qtbot.addWidget(view)
    view.set_markdown(
        f"![map]({picture})\n\n"
        f'<img src="file://{picture}">\n\n'
        "[secrets](file:///etc/passwd) and [site](https://example.org/x)"
    )
    view.show()
    qtbot.wait(50)
    text = view.toPlainText()
    assert "[image: private.png]" in text
    assert "<img" in text  # raw HTML stays text
    assert all(not u.startswith(("file:", "/")) for u in asked if u)  # nothing local asked for
    view.anchorClicked.emit(QUrl("file:///etc/passwd"))
    view.anchorClicked.emit(QUrl("https://example.org/x"))
    assert opened == ["https://example.org/x"]
