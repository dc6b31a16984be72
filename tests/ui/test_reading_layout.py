"""How the view draws an article's structure: lists, tables, quotes, pages, the header.

The rule under test: the document holds exactly the article's text (no bullet,
number, bar or cell border is a character), and the structure is formatting.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QTextCursor, QTextListFormat
from pytestqt.qtbot import QtBot

from reader.core.article import Article, load
from reader.ui.article_view import ArticleView

PAGE = """<html><head><title>Port talks resume</title></head><body><article>
<h1>Port talks resume</h1>
<p>Negotiators from the Dock Workers Union met officials again on Thursday in Mombasa after
a week in which cranes stood idle and ships queued outside the harbour.</p>
<blockquote><p>We want written guarantees on night shifts before anyone goes back.</p></blockquote>
<ul><li>Representatives of casual workers at every meeting</li>
<li>Overtime paid at the agreed rates<ul><li>including public holidays</li></ul></li>
<li>A review of safety rules</li></ul>
<ol><li>Talks continue on Monday.</li><li>A vote follows.</li></ol>
<table><tr><th>Terminal</th><th>Ships waiting</th></tr>
<tr><td>Kilindini</td><td>14</td></tr><tr><td>Lamu</td><td>3</td></tr></table>
<p>President William Ruto has asked both sides to settle before the end of the month.</p>
</article></body></html>
"""


def loaded(tmp_path: Path) -> Article:
    path = tmp_path / "page.html"
    path.write_text(PAGE, "utf-8")
    return load(path)


def make_view(qtbot: QtBot, article: Article) -> ArticleView:
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    view.set_article(article)
    return view


def block_at(view: ArticleView, text: str, needle: str) -> QTextCursor:
    cursor = QTextCursor(view.document())
    cursor.setPosition(text.index(needle))
    return cursor


def test_the_document_is_exactly_the_article_text(qtbot: QtBot, tmp_path: Path) -> None:
    article = loaded(tmp_path)
    view = make_view(qtbot, article)
    assert view.toPlainText() == article.text
    for marker in ("•", "1.", "|", "> "):
        assert marker not in article.text


def test_list_items_are_drawn_as_qt_lists_with_bullets_and_numbers(
    qtbot: QtBot, tmp_path: Path
) -> None:
    article = loaded(tmp_path)
    view = make_view(qtbot, article)
    text = article.text

    first = block_at(view, text, "Representatives").block().textList()
    second = block_at(view, text, "Overtime").block().textList()
    nested = block_at(view, text, "including public").block().textList()
    numbered = block_at(view, text, "Talks continue").block().textList()
    assert first is not None
    assert first == second
    assert first.format().style() == QTextListFormat.Style.ListDisc
    assert nested is not None
    assert nested.format().indent() == 2
    assert numbered is not None
    assert numbered.format().style() == QTextListFormat.Style.ListDecimal
    vote = block_at(view, text, "A vote follows").block()
    assert numbered.itemNumber(vote) == 1  # the second item: Qt numbers it "2."
    assert block_at(view, text, "President").block().textList() is None


def test_table_rows_share_tab_stops_and_the_header_is_bold(qtbot: QtBot, tmp_path: Path) -> None:
    article = loaded(tmp_path)
    view = make_view(qtbot, article)
    text = article.text
    assert "Terminal\tShips waiting\nKilindini\t14\nLamu\t3" in text
    rows = [block_at(view, text, cell).block() for cell in ("Terminal", "Kilindini", "Lamu")]
    stops = [[t.position for t in row.blockFormat().tabPositions()] for row in rows]
    assert stops[0]
    assert stops[0] == stops[1] == stops[2]
    header = block_at(view, text, "Terminal")
    header.setPosition(header.position() + 1)
    assert header.charFormat().fontWeight() > 400


def test_quotes_are_indented(qtbot: QtBot, tmp_path: Path) -> None:
    article = loaded(tmp_path)
    view = make_view(qtbot, article)
    quote = block_at(view, article.text, "We want written").block()
    body = block_at(view, article.text, "Negotiators").block()
    assert quote.blockFormat().leftMargin() > body.blockFormat().leftMargin()


def test_reformatting_on_zoom_keeps_one_list(qtbot: QtBot, tmp_path: Path) -> None:
    article = loaded(tmp_path)
    view = make_view(qtbot, article)
    view.zoom(2)
    text = article.text
    first = block_at(view, text, "Representatives").block().textList()
    last = block_at(view, text, "A review").block().textList()
    assert first is not None
    assert first.count() == 3
    assert first == last


def test_the_column_is_reported_for_the_header(qtbot: QtBot, tmp_path: Path) -> None:
    view = ArticleView()
    qtbot.addWidget(view)
    margins: list[tuple[int, int]] = []
    view.column_changed.connect(lambda left, right: margins.append((left, right)))
    view.resize(1000, 700)
    view.show()
    view.set_article(loaded(tmp_path))
    qtbot.waitUntil(lambda: bool(margins))
    qtbot.wait(50)
    left, _ = margins[-1]
    assert left == int(view.document().rootFrame().frameFormat().leftMargin())
    view.resize(700, 700)
    qtbot.waitUntil(lambda: margins[-1][0] < left)
    assert margins[-1][0] == int(view.document().rootFrame().frameFormat().leftMargin())


def test_an_article_stored_with_its_markers_gets_no_second_bullet(qtbot: QtBot) -> None:
    """Articles saved by an earlier Reader kept "• " in their text."""
    from reader.core.article import Block

    text = "Old\n\n• wheat for Egypt\n\n• maize for Spain\n"
    old = Article(
        "/old.md",
        "Old",
        text,
        "md",
        (Block(0, 3, "title", 1), Block(5, 22, "item"), Block(24, 41, "item")),
    )
    view = make_view(qtbot, old)
    assert block_at(view, text, "• wheat").block().textList() is None
    assert view.toPlainText() == text
