from __future__ import annotations

import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from reader.core.kinds import Kind
from reader.core.overlay import Mention
from reader.resources import sample_article
from reader.ui.article_view import ArticleView
from reader.ui.main_window import MainWindow

from .conftest import Dialogs

Factory = Callable[[], MainWindow]
TIMEOUT = 60_000  # the real model loads in a worker; generous for slow CI machines


def open_and_wait(qtbot: QtBot, window: MainWindow, path: Path | str) -> list[Mention]:
    with qtbot.wait_signal(window.mentions_changed, timeout=TIMEOUT) as blocker:
        window.open_path(str(path))
    assert blocker.args is not None
    mentions: list[Mention] = blocker.args[0]
    return mentions


def highlighted(view: ArticleView) -> list[tuple[str, str]]:
    """(selected text, colour) of every highlight drawn over the text."""
    return [
        (sel.cursor.selectedText(), sel.format.background().color().name())
        for sel in view.extraSelections()
    ]


def point_of(view: ArticleView, mention: Mention) -> QPoint:
    """Viewport point in the middle of a mention's first character."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(view._map.to_qt(mention.start) + 1)
    rect = view.cursorRect(cursor)
    return QPoint(rect.left() - 2, rect.center().y())


def click(qtbot: QtBot, view: ArticleView, mention: Mention) -> None:
    view.show_mention(mention)  # scroll it into view first
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point_of(view, mention))


@pytest.mark.model
def test_sample_opens_with_highlights_of_all_three_kinds(
    qtbot: QtBot, make_window: Factory
) -> None:
    window = make_window()
    mentions = open_and_wait(qtbot, window, sample_article())
    text = sample_article().read_text(encoding="utf-8")
    assert window.view.toPlainText() == text
    assert {m.kind for m in mentions} == set(Kind)
    drawn = highlighted(window.view)
    assert len(drawn) == len(mentions)
    for m, (selected, _) in zip(mentions, drawn, strict=True):
        assert selected == text[m.start : m.end] == m.text
    colours = {
        kind: {c for m, (_, c) in zip(mentions, drawn, strict=True) if m.kind is kind}
        for kind in Kind
    }
    assert all(len(c) == 1 for c in colours.values())
    assert len(set().union(*colours.values())) == 3, "three distinct colours"
    for kind in Kind:
        assert str(window.legend.count(kind)) in window.legend.buttons[kind].text()


def test_no_argument_and_empty_profile_opens_the_sample(
    qtbot: QtBot, make_window: Factory, fake_model: None
) -> None:
    window = make_window()
    with qtbot.wait_signal(window.article_changed, timeout=TIMEOUT):
        window.open_initial()
    assert window.articles.article is not None
    assert Path(window.articles.article.path) == sample_article()
    assert window.windowTitle().startswith(window.articles.article.title)


def test_text_shows_before_highlights(
    qtbot: QtBot, make_window: Factory, fake_model: None, article_file: Path
) -> None:
    window = make_window()
    with qtbot.wait_signal(window.article_changed, timeout=TIMEOUT):
        window.open_path(str(article_file))
    assert window.view.toPlainText().startswith("Northern Alliance Party wins vote")
    assert window.view.extraSelections() == []
    qtbot.waitUntil(lambda: len(window.view.extraSelections()) > 0, timeout=TIMEOUT)


def test_click_highlight_shows_entity_panel(
    qtbot: QtBot, make_window: Factory, fake_model: None, article_file: Path
) -> None:
    window = make_window()
    mentions = open_and_wait(qtbot, window, article_file)
    okafor = next(m for m in mentions if m.text == "Okafor")
    click(qtbot, window.view, okafor)
    panel = window.panel
    assert window.entities.view is not None
    assert panel.name.text() == "Lena Okafor"
    assert panel.kind.text() == "Person"
    assert panel.occurrences.model_.rowCount() == 2  # "Lena Okafor" and "Okafor"
    # Clicking an occurrence jumps there: the view's cursor moves to it.
    panel.occurrences.clicked.emit(panel.occurrences.model_.index(1))
    target = okafor.start
    assert window.view.textCursor().position() == window.view._map.to_qt(target)


def test_note_is_saved_without_save_button_and_survives_restart(
    qtbot: QtBot,
    make_window: Factory,
    fake_model: None,
    article_file: Path,
    db_path: Path,
    tmp_path: Path,
) -> None:
    window = make_window()
    mentions = open_and_wait(qtbot, window, article_file)
    click(qtbot, window.view, next(m for m in mentions if m.text == "NAP"))
    assert window.panel.name.text() == "Northern Alliance Party"
    card = window.panel.cards[0]
    QTest.keyClicks(card.editor, "Founded 1998 in **Port Amira**.")
    qtbot.waitUntil(lambda: card.saved, timeout=5000)  # autosave, no button pressed
    with sqlite3.connect(db_path) as conn:
        bodies = [r[0] for r in conn.execute("SELECT body FROM notes")]
    assert bodies == ["Founded 1998 in **Port Amira**."]
    # The new entity links every mention of the party, so hovering shows the note.
    qtbot.waitUntil(
        lambda: all(m.entity_id for m in window.articles.mentions if m.kind is Kind.GROUP)
    )
    party = next(m for m in window.articles.mentions if m.text == "Northern Alliance Party")
    assert "Founded 1998" in window.view.tooltip_for(party)
    window.close()

    # A new window (as after a restart) on another article naming the party.
    other = tmp_path / "other.md"
    other.write_text("# Coalition talks\n\nThe NAP met rivals in Valdoria.\n", encoding="utf-8")
    window2 = make_window()
    mentions2 = open_and_wait(qtbot, window2, other)
    click(qtbot, window2.view, next(m for m in mentions2 if m.text == "NAP"))
    cards = window2.panel.cards
    assert [c.body for c in cards] == ["Founded 1998 in **Port Amira**."]
    assert cards[0].rendered.isVisibleTo(window2)  # shown rendered, not in the editor
    # The first article mentions it too (read on the query worker, just after the rest).
    qtbot.waitUntil(lambda: window2.panel.elsewhere.model_.rowCount() == 1)


def test_note_edit_and_delete(
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
    QTest.keyClicks(card.editor, "first")
    card.flush()
    card.set_editing(False)
    card.set_editing(True)
    card.editor.setPlainText("second version")
    card.flush()
    qtbot.waitUntil(lambda: card.saved, timeout=5000)
    with sqlite3.connect(db_path) as conn:
        assert [r[0] for r in conn.execute("SELECT body FROM notes")] == ["second version"]
    QTest.mouseClick(card.delete_button, Qt.MouseButton.LeftButton)
    assert "Valdoria" in dialogs.shown[-1][2]  # the question names the entity
    qtbot.waitUntil(lambda: card not in window.panel.cards, timeout=5000)
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM notes").fetchone()[0] == 0


def test_a_note_emptied_and_left_is_deleted_and_an_empty_one_goes_without_asking(
    qtbot: QtBot,
    make_window: Factory,
    fake_model: None,
    article_file: Path,
    db_path: Path,
    dialogs: Dialogs,
) -> None:
    """A cleared note stayed as a blank card, "Written …" over nothing, asked about on Delete."""

    def bodies() -> list[str]:
        with sqlite3.connect(db_path) as conn:
            return [r[0] for r in conn.execute("SELECT body FROM notes ORDER BY id")]

    window = make_window()
    mentions = open_and_wait(qtbot, window, article_file)
    click(qtbot, window.view, next(m for m in mentions if m.text == "Valdoria"))
    card = window.panel.cards[0]
    QTest.keyClicks(card.editor, "Wine region")
    qtbot.waitUntil(lambda: card.saved, timeout=5000)
    card.editor.setPlainText("")  # select all, delete
    card.flush()
    qtbot.waitUntil(lambda: card.saved, timeout=5000)
    assert bodies() == [""]
    click(qtbot, window.view, next(m for m in mentions if m.text == "Port Amira"))
    assert window.writer.wait_idle()
    assert bodies() == []

    card = window.panel.cards[0]
    QTest.keyClicks(card.editor, "Port")
    qtbot.waitUntil(lambda: card.saved, timeout=5000)
    card.editor.setPlainText("  ")
    card.flush()
    QTest.mouseClick(card.delete_button, Qt.MouseButton.LeftButton)
    assert window.writer.wait_idle()
    assert bodies() == []
    assert not [d for d in dialogs.shown if d[0] == "confirm"]

    # Emptied, then another article opened.
    click(qtbot, window.view, next(m for m in mentions if m.text == "NAP"))
    card = window.panel.cards[0]
    QTest.keyClicks(card.editor, "Party")
    qtbot.waitUntil(lambda: card.saved, timeout=5000)
    card.editor.setPlainText("")
    other = article_file.with_name("other.txt")
    other.write_text("Other news\n\nRain fell in Port Amira on Monday.\n", "utf-8")
    window.open_path(str(other))
    qtbot.waitUntil(lambda: window.panel.view is None)  # the new article shows, nothing chosen
    assert window.writer.wait_idle()
    assert bodies() == []


def test_a_note_emptied_and_left_while_it_is_being_created_is_deleted(
    qtbot: QtBot, make_window: Factory, fake_model: None, article_file: Path, db_path: Path
) -> None:
    """Typed, emptied and left while the library was busy: the first text was kept."""
    import threading

    window = make_window()
    mentions = open_and_wait(qtbot, window, article_file)
    click(qtbot, window.view, next(m for m in mentions if m.text == "Valdoria"))
    busy = threading.Event()
    window.writer.submit(lambda _lib, _c: busy.wait(10))  # the library is busy
    card = window.panel.cards[0]
    QTest.keyClicks(card.editor, "Wine region")
    card.flush()  # its creation waits behind the busy writer
    card.editor.setPlainText("")
    click(qtbot, window.view, next(m for m in mentions if m.text == "Port Amira"))
    busy.set()
    assert window.writer.wait_idle()
    assert window.writer.wait_idle()  # the deletion the creation's answer asked for
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM notes").fetchone()[0] == 0


def test_closing_saves_typing_still_pending(
    qtbot: QtBot, make_window: Factory, fake_model: None, article_file: Path, db_path: Path
) -> None:
    window = make_window()
    mentions = open_and_wait(qtbot, window, article_file)
    click(qtbot, window.view, next(m for m in mentions if m.text == "Port Amira"))
    card = window.panel.cards[0]
    card.editor.setPlainText("harbour city")  # autosave timer not yet fired
    window.close()
    with sqlite3.connect(db_path) as conn:
        assert [r[0] for r in conn.execute("SELECT body FROM notes")] == ["harbour city"]
    # What the window leaves beside the library is private too.
    assert stat.S_IMODE((db_path.parent / "window.ini").stat().st_mode) == 0o600


def test_legend_toggles_a_kind(
    qtbot: QtBot, make_window: Factory, fake_model: None, article_file: Path
) -> None:
    window = make_window()
    mentions = open_and_wait(qtbot, window, article_file)
    places = sum(m.kind is Kind.PLACE for m in mentions)
    assert places
    assert "Places  " + str(places) == window.legend.buttons[Kind.PLACE].text()
    before = len(window.view.extraSelections())
    window.legend.buttons[Kind.PLACE].click()
    assert len(window.view.extraSelections()) == before - places
    window.legend.buttons[Kind.PLACE].click()
    assert len(window.view.extraSelections()) == before


def test_emoji_before_a_name_keeps_highlight_on_the_name(
    qtbot: QtBot, make_window: Factory, fake_model: None, tmp_path: Path
) -> None:
    path = tmp_path / "emoji.txt"
    path.write_text("Breaking 🔥🔥 news\n\nVoters 🗳️ in Valdoria cheered Lena Okafor.\n", "utf-8")
    window = make_window()
    mentions = open_and_wait(qtbot, window, path)
    assert [m.text for m in mentions] == ["Valdoria", "Lena Okafor"]
    assert [t for t, _ in highlighted(window.view)] == ["Valdoria", "Lena Okafor"]
    click(qtbot, window.view, mentions[1])
    assert window.panel.name.text() == "Lena Okafor"


def test_bad_file_gives_one_clear_message(
    qtbot: QtBot, make_window: Factory, fake_model: None, tmp_path: Path, db_path: Path
) -> None:
    bad = tmp_path / "photo.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    window = make_window()
    with qtbot.wait_signal(window.error_shown, timeout=TIMEOUT) as blocker:
        window.open_path(str(bad))
    assert blocker.args is not None
    message = str(blocker.args[0])
    assert str(bad) in message
    assert "binary" in message
    assert window.articles.article is None
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 0


def test_drop_a_file_opens_it(
    qtbot: QtBot, make_window: Factory, fake_model: None, article_file: Path
) -> None:
    window = make_window()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(article_file))])
    event = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    # QApplication routes real drops only during a drag session; deliver it directly.
    with qtbot.wait_signal(window.article_changed, timeout=TIMEOUT):
        window.dropEvent(event)
    assert window.articles.article is not None
    assert window.articles.article.path == str(article_file)


def test_open_dialog_and_recent_menu(
    qtbot: QtBot,
    make_window: Factory,
    fake_model: None,
    article_file: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from reader.ui import file_dialogs

    window = make_window()
    monkeypatch.setattr(file_dialogs, "open_file", lambda *a, **k: str(article_file))
    with qtbot.wait_signal(window.article_changed, timeout=TIMEOUT):
        window.actions_.open.trigger()
    qtbot.waitUntil(lambda: window.articles.article_id is not None)  # recorded by the writer
    window.actions_.recent_menu.aboutToShow.emit()
    titles = [a.text() for a in window.actions_.recent_menu.actions()]
    assert titles == ["Northern Alliance Party wins vote in Valdoria"]


def test_keyboard_walks_through_highlights(
    qtbot: QtBot, make_window: Factory, fake_model: None, article_file: Path
) -> None:
    window = make_window()
    mentions = open_and_wait(qtbot, window, article_file)
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_Tab)
    assert window.panel.name.text() == mentions[0].key
    QTest.keyClick(window.view, Qt.Key.Key_N)
    assert window.panel.name.text() == mentions[1].key
    assert window.view.textCursor().position() == window.view._map.to_qt(mentions[1].start)
    QTest.keyClick(window.view, Qt.Key.Key_P)
    assert window.view.textCursor().position() == window.view._map.to_qt(mentions[0].start)


# --- the article keeps the keyboard it was given ------------------------------------------------


def visible_tooltip() -> QWidget:
    tips = [
        w
        for w in QApplication.topLevelWidgets()
        if w.metaObject().className() == "QTipLabel" and w.isVisible()
    ]
    assert tips, "hovering a highlight shows a tooltip"
    return tips[0]


def test_a_key_pressed_after_clicking_through_a_tooltip_goes_to_the_article(
    qtbot: QtBot, make_window: Factory, fake_model: None, article_file: Path, db_path: Path
) -> None:
    """Hover a name, click plain text while its tooltip still shows, press N: no note typing."""
    window = make_window()
    mentions = open_and_wait(qtbot, window, article_file)
    click(qtbot, window.view, next(m for m in mentions if m.text == "Valdoria"))
    card = window.panel.cards[0]
    QTest.mouseClick(card.editor.viewport(), Qt.MouseButton.LeftButton)
    QTest.keyClicks(card.editor, "Capital")
    assert card.editor.hasFocus()

    okafor = next(m for m in mentions if m.text == "Lena Okafor")
    QTest.mouseMove(window.view.viewport(), point_of(window.view, okafor))
    tip = visible_tooltip()
    # The tooltip hides 0.3 s after the pointer leaves the name: a quick click lands on it.
    QTest.mouseClick(tip, Qt.MouseButton.LeftButton, pos=QPoint(2, 2))
    focused = QApplication.focusWidget()
    assert focused is window.view
    QTest.keyClick(focused, Qt.Key.Key_N)

    assert card.body == "Capital"
    assert window.panel.name.text() != "Valdoria"  # N stepped to the next highlight
    window.close()
    with sqlite3.connect(db_path) as conn:
        assert [r[0] for r in conn.execute("SELECT body FROM notes")] == ["Capital"]


def test_stepping_with_the_keyboard_hides_a_hover_tooltip(
    qtbot: QtBot, make_window: Factory, fake_model: None, article_file: Path
) -> None:
    """A tooltip over "Lena Okafor" once stayed up while N stepped the panel elsewhere."""
    window = make_window()
    mentions = open_and_wait(qtbot, window, article_file)
    okafor = next(m for m in mentions if m.text == "Lena Okafor")
    QTest.mouseMove(window.view.viewport(), QPoint(1, 1))  # from elsewhere: a move happens
    QTest.mouseMove(window.view.viewport(), point_of(window.view, okafor))
    visible_tooltip()
    window.view.setFocus()
    QTest.keyClick(window.view, Qt.Key.Key_N)

    def tooltip_gone() -> bool:
        labels = QApplication.topLevelWidgets()
        return not any(w.metaObject().className() == "QTipLabel" and w.isVisible() for w in labels)

    qtbot.waitUntil(tooltip_gone, timeout=3000)  # Qt fades it in 0.3 s; it once stayed 10 s


def test_closing_never_waits_for_the_model(
    qtbot: QtBot, make_window: Factory, article_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A long model run (a huge article) must not hold the window open."""
    import threading

    from reader.core.nlp import ModelSpan, Pipeline

    started, release, finished = threading.Event(), threading.Event(), threading.Event()

    def stuck(self: Pipeline, text: str, cancelled: object = None) -> list[ModelSpan]:
        started.set()
        release.wait(10)  # a run that checks nothing for a long time
        finished.set()
        return []

    monkeypatch.setattr(Pipeline, "run", stuck)
    monkeypatch.setattr(Pipeline, "load", lambda self: None)
    window = make_window()
    window.open_path(str(article_file))
    qtbot.waitUntil(started.is_set, timeout=30_000)
    window.close()
    assert not finished.is_set()  # close() returned while the model was still running
    release.set()


def test_no_two_commands_share_a_shortcut(make_window: Factory) -> None:
    """Qt ignores a key that two actions claim ("Ambiguous shortcut overload")."""
    from PySide6.QtGui import QAction

    window = make_window()
    owners: dict[str, list[str]] = {}
    for action in window.findChildren(QAction):
        for key in action.shortcuts():
            owners.setdefault(key.toString(), []).append(action.text())
    shared = {key: names for key, names in owners.items() if len(names) > 1}
    assert shared == {}
    back = next(a for a in window.findChildren(QAction) if a is window.actions_.back)
    assert "Alt+Left" in [k.toString() for k in back.shortcuts()]


def test_clicking_another_mention_right_after_typing_keeps_the_note(
    qtbot: QtBot, make_window: Factory, fake_model: None, article_file: Path, db_path: Path
) -> None:
    """The note once vanished from the panel, and typing on started a second note."""
    window = make_window()
    mentions = open_and_wait(qtbot, window, article_file)
    okafors = [m for m in mentions if m.text in ("Lena Okafor", "Okafor")]
    click(qtbot, window.view, okafors[0])
    QTest.keyClicks(window.panel.cards[0].editor, "Leader of the NAP")
    click(qtbot, window.view, okafors[1])  # at once: the note is not in the library yet
    assert window.panel.name.text() == "Lena Okafor"
    [card] = window.panel.cards
    assert card.body == "Leader of the NAP"
    QTest.keyClicks(card.editor, " since 2019.")
    qtbot.waitUntil(lambda: card.saved, timeout=5000)
    with sqlite3.connect(db_path) as conn:
        bodies = [r[0] for r in conn.execute("SELECT body FROM notes")]
    assert bodies == ["Leader of the NAP since 2019."]
