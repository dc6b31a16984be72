"""The dossier in the window: appears in, back and forward, links, quotes, passages."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from reader.ui.main_window import MainWindow
from reader.ui.note_card import ENTITY_SCHEME

from .conftest import Dialogs
from .test_main_window import click, open_and_wait

Factory = Callable[[], MainWindow]
EARLIER = (
    "Earlier report\n\n"
    "Lena Okafor, the leader of the Northern Alliance Party, toured Port Amira.\n\n"
    "Crowds in Valdoria waited for Okafor.\n"
)


def earlier_and_current(
    qtbot: QtBot, make_window: Factory, article_file: Path, tmp_path: Path
) -> tuple[MainWindow, int, int]:
    earlier = tmp_path / "earlier.txt"
    earlier.write_text(EARLIER, "utf-8")
    window = make_window()
    open_and_wait(qtbot, window, earlier)
    first = window.articles.article_id
    open_and_wait(qtbot, window, article_file)
    second = window.articles.article_id
    assert first is not None
    assert second is not None
    return window, first, second


def name(window: MainWindow) -> str:
    return window.panel.name.text()


def test_appears_in_lists_other_articles_before_any_note_and_opens_them(
    qtbot: QtBot, make_window: Factory, fake_model: None, article_file: Path, tmp_path: Path
) -> None:
    window, first, second = earlier_and_current(qtbot, make_window, article_file, tmp_path)
    okafor = next(m for m in window.articles.mentions if m.text == "Okafor")
    click(qtbot, window.view, okafor)
    panel = window.panel
    # What other articles say arrives from the query worker, just after the rest.
    qtbot.waitUntil(lambda: panel.elsewhere.model_.rowCount() == 1)  # no note yet: listed
    row = panel.elsewhere.model_.index(0).data()
    assert row.startswith("Earlier report")
    assert "Lena Okafor, the leader" in row  # a whole-word context line
    assert (
        "the leader of the Northern Alliance Party" in panel.summary.text()
    )  # the articles' words
    assert panel.stats.text().strip() == "2 articles · 4 mentions"

    panel.elsewhere.clicked.emit(panel.elsewhere.model_.index(0))
    qtbot.waitUntil(lambda: window.articles.article_id == first, timeout=10_000)
    qtbot.waitUntil(lambda: window.view.current_mention() is not None, timeout=10_000)
    current = window.view.current_mention()
    assert current is not None
    assert current.text == "Lena Okafor"  # opened at the mention,
    assert name(window) == "Lena Okafor"  # the panel kept on her

    window.actions_.back.trigger()  # Alt+Left: back to where we came from
    qtbot.waitUntil(lambda: window.articles.article_id == second, timeout=10_000)
    qtbot.waitUntil(lambda: name(window) == "Lena Okafor")
    window.actions_.forward.trigger()
    qtbot.waitUntil(lambda: window.articles.article_id == first, timeout=10_000)


def test_often_appears_with_and_next_mention(
    qtbot: QtBot, make_window: Factory, fake_model: None, article_file: Path, tmp_path: Path
) -> None:
    window, _, _ = earlier_and_current(qtbot, make_window, article_file, tmp_path)
    click(qtbot, window.view, next(m for m in window.articles.mentions if m.text == "Lena Okafor"))
    # Read on the query worker (it scans every paragraph the entity is in), then shown.
    qtbot.waitUntil(lambda: "Northern Alliance Party" in window.panel.companions.text())
    window.panel.companions.linkActivated.emit(
        next(
            part.split('"')[1]
            for part in window.panel.companions.text().split("<a href=")[1:]
            if "Northern Alliance Party" in part
        )
    )
    assert name(window) == "Northern Alliance Party"

    okafor = [m for m in window.articles.mentions if m.key == "Lena Okafor"]
    click(qtbot, window.view, okafor[0])
    window.entities.next_mention()
    assert window.view.current_mention() == okafor[1]


def test_a_sentence_of_the_articles_becomes_a_quoted_note_with_its_source(
    qtbot: QtBot,
    make_window: Factory,
    fake_model: None,
    article_file: Path,
    tmp_path: Path,
    db_path: Path,
) -> None:
    window, first, _ = earlier_and_current(qtbot, make_window, article_file, tmp_path)
    click(qtbot, window.view, next(m for m in window.articles.mentions if m.text == "Okafor"))
    qtbot.waitUntil(lambda: window.entities.view is not None and window.entities.view.complete)
    window.entities.note_from_description(0)
    qtbot.waitUntil(
        lambda: bool(window.panel.cards) and window.panel.cards[0].saved, timeout=10_000
    )
    with sqlite3.connect(db_path) as conn:
        body, article_id, passage = conn.execute(
            "SELECT body, article_id, passage FROM notes"
        ).fetchone()
    assert body.startswith("> Lena Okafor, the leader of the Northern Alliance Party")
    assert "— *Earlier report*" in body
    assert article_id == first
    assert passage.startswith("Lena Okafor, the leader")


def test_a_note_keeps_the_passage_selected_when_it_was_started(
    qtbot: QtBot, make_window: Factory, fake_model: None, article_file: Path, db_path: Path
) -> None:
    window = make_window()
    mentions = open_and_wait(qtbot, window, article_file)
    click(qtbot, window.view, next(m for m in mentions if m.text == "Valdoria"))
    text = window.articles.article.text  # type: ignore[union-attr]
    start = text.index("won the regional vote")
    cursor = QTextCursor(window.view.document())
    cursor.setPosition(start)
    cursor.setPosition(start + len("won the regional vote"), QTextCursor.MoveMode.KeepAnchor)
    window.view.setTextCursor(cursor)
    card = window.panel.cards[0]
    card.editor.setPlainText("Landslide.")
    card.flush()
    qtbot.waitUntil(lambda: card.saved, timeout=10_000)
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT passage, passage_start FROM notes").fetchone() == (
            "won the regional vote",
            start,
        )
    window.entities.refresh()
    source = window.panel.cards[0].source
    assert "won the regional vote" in source.text()
    assert window.articles.article.title in source.text()  # type: ignore[union-attr]


def test_entity_links_open_the_entity_and_show_as_backlinks(
    qtbot: QtBot, make_window: Factory, fake_model: None, article_file: Path
) -> None:
    window = make_window()
    mentions = open_and_wait(qtbot, window, article_file)
    click(qtbot, window.view, next(m for m in mentions if m.text == "Lena Okafor"))
    card = window.panel.cards[0]
    card.editor.setPlainText("Leads the [[Northern Alliance Party]].")
    card.set_editing(False)
    qtbot.waitUntil(lambda: card.saved, timeout=10_000)
    card.rendered.anchorClicked.emit(QUrl(f"{ENTITY_SCHEME}:Northern%20Alliance%20Party"))
    assert name(window) == "Northern Alliance Party"
    assert "Lena Okafor" in window.panel.backlinks.text()
    assert "Leads the" in window.panel.backlinks.text()
    window.actions_.back.trigger()  # Alt+Left: back to the entity the link was in
    assert name(window) == "Lena Okafor"
    window.actions_.forward.trigger()
    assert name(window) == "Northern Alliance Party"


def test_deleting_the_only_note_asks_which_and_lets_the_entity_go(
    qtbot: QtBot,
    make_window: Factory,
    fake_model: None,
    article_file: Path,
    db_path: Path,
    dialogs: Dialogs,
) -> None:
    window = make_window()
    mentions = open_and_wait(qtbot, window, article_file)
    click(qtbot, window.view, next(m for m in mentions if m.text == "Valdoria"))
    card = window.panel.cards[0]
    assert not card.delete_button.isVisible()  # an empty new card has nothing to delete
    card.editor.setPlainText("Holds elections in spring.")
    card.flush()
    qtbot.waitUntil(lambda: card.saved, timeout=10_000)
    assert card.delete_button.isVisible()
    card.delete_button.click()
    question = dialogs.shown[-1][2]
    assert "Valdoria" in question
    assert "Holds elections in spring." in question
    qtbot.waitUntil(lambda: card not in window.panel.cards, timeout=10_000)
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM entities").fetchone()[0] == 0


def test_following_appears_in_to_an_article_that_uses_a_shorter_name(
    qtbot: QtBot, make_window: Factory, fake_model: None, tmp_path: Path
) -> None:
    later = tmp_path / "later.txt"
    later.write_text("Later report\n\nCrowds in Valdoria waited for Okafor.\n", "utf-8")
    earlier = tmp_path / "earlier.txt"
    earlier.write_text(EARLIER, "utf-8")
    window = make_window()
    open_and_wait(qtbot, window, later)
    later_id = window.articles.article_id
    open_and_wait(qtbot, window, earlier)
    click(qtbot, window.view, next(m for m in window.articles.mentions if m.text == "Lena Okafor"))
    panel = window.panel
    # The follow-up names her by surname alone: she is hers once the user keeps a
    # note on her (an unknown lone surname is no one's, see overlay._nameless_people).
    card = panel.cards[0]
    QTest.keyClicks(card.editor, "Leads the NAP.")
    qtbot.waitUntil(lambda: card.saved, timeout=5000)
    qtbot.waitUntil(lambda: panel.elsewhere.model_.rowCount() == 1, timeout=10_000)
    panel.elsewhere.clicked.emit(panel.elsewhere.model_.index(0))
    qtbot.waitUntil(lambda: window.articles.article_id == later_id, timeout=10_000)
    # The panel is on the name this article uses, with its mention here.
    qtbot.waitUntil(lambda: panel.occurrences.model_.rowCount() == 1, timeout=10_000)
    assert "Okafor" in name(window)
