"""The article view on its own: text, styles, highlights and clicks, without a main window."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFont, QTextCharFormat, QTextCursor
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from reader.core.article import Article, Block
from reader.core.kinds import Kind
from reader.core.overlay import Mention
from reader.ui.article_view import ArticleView, Utf16Map

TITLE = "Ministers meet in Valdoria"
BODY = "Lena Okafor met envoys in Port Amira on Sunday."
FIRST = Article("/a.txt", TITLE, f"{TITLE}\n\n{BODY}\n", "txt", (Block(0, len(TITLE), "title", 1),))
QUOTE = "Nobody should have to sleep with a rifle."
QUOTED = Article(
    "/q.md",
    "Quoted",
    f"Quoted\n\n{QUOTE}\n\nPlain words after the quote.\n",
    "md",
    (Block(0, 6, "title", 1), Block(8, 8 + len(QUOTE), "quote")),
)
SECOND = Article("/b.txt", "Second", "Second\n\nA plain body line about Tarsk.\n", "txt", ())


def make_view(qtbot: QtBot) -> ArticleView:
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.show()
    return view


def char_format(view: ArticleView, index: int) -> QTextCharFormat:
    cursor = QTextCursor(view.document())
    cursor.setPosition(index + 1)  # the format of the character before the cursor
    return cursor.charFormat()


def test_a_new_article_never_inherits_the_title_style_of_the_previous(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    view.set_article(FIRST)
    assert char_format(view, 0).fontWeight() == QFont.Weight.Bold  # the title is styled
    body_size = char_format(view, FIRST.text.index("Lena")).fontPointSize()

    view.set_article(SECOND)  # no click in between: the cursor sat in the title

    for i in range(len(SECOND.text) - 1):
        fmt = char_format(view, i)
        assert fmt.fontWeight() != QFont.Weight.Bold, SECOND.text[i]
        assert fmt.fontPointSize() in (0.0, body_size)


def test_clicking_in_a_quote_does_not_make_the_next_article_italic(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    view.set_article(QUOTED)
    assert char_format(view, 10).fontItalic()
    cursor = view.textCursor()
    cursor.setPosition(12)  # where a click inside the quote puts it
    view.setTextCursor(cursor)

    view.set_article(SECOND)

    assert not any(char_format(view, i).fontItalic() for i in range(len(SECOND.text) - 1))


def test_highlights_cover_exactly_the_mentions_even_after_an_emoji(qtbot: QtBot) -> None:
    text = "Crowds 🎉 in Valdoria cheered Lena Okafor.\n"
    article = Article("/e.txt", "x", text, "txt")
    view = make_view(qtbot)
    view.set_article(article)
    mentions = [
        Mention(12, 20, "Valdoria", Kind.PLACE, "Valdoria"),
        Mention(29, 40, "Lena Okafor", Kind.PERSON, "Lena Okafor"),
    ]
    view.set_mentions(mentions)
    assert [s.cursor.selectedText() for s in view.extraSelections()] == ["Valdoria", "Lena Okafor"]


def test_clicking_a_highlight_reports_it_and_a_kind_can_be_hidden(qtbot: QtBot) -> None:
    view = make_view(qtbot)
    view.set_article(FIRST)
    start = FIRST.text.index("Port Amira")
    port = Mention(start, start + 10, "Port Amira", Kind.PLACE, "Port Amira")
    lena_start = FIRST.text.index("Lena")
    lena = Mention(lena_start, lena_start + 11, "Lena Okafor", Kind.PERSON, "Lena Okafor")
    view.set_mentions([lena, port])
    cursor = QTextCursor(view.document())
    cursor.setPosition(start + 2)
    rect = view.cursorRect(cursor)
    with qtbot.wait_signal(view.mention_activated) as blocker:
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == [port]
    assert view.window().focusWidget() is view  # the click gives the article the keyboard

    view.set_kind_visible(Kind.PLACE, False)
    assert [s.cursor.selectedText() for s in view.extraSelections()] == ["Lena Okafor"]
    assert view.mention_at(QPoint(rect.center())) is None


def test_utf16_positions_round_trip_around_astral_characters() -> None:
    text = "a😀b𝄞c"
    m = Utf16Map(text)
    assert [m.to_qt(i) for i in range(len(text) + 1)] == [0, 1, 3, 4, 6, 7]
    assert [m.from_qt(m.to_qt(i)) for i in range(len(text) + 1)] == list(range(len(text) + 1))
