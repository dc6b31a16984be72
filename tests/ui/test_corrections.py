"""Corrections in the window: they reach every article, open or saved, undo, and persist."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.core.kinds import Kind
from reader.core.library import Library
from reader.core.overlay import Mention
from reader.core.store import EntitySummary, Store
from reader.ui import entity_picker
from reader.ui.main_window import MainWindow

from .test_main_window import click, open_and_wait

Factory = Callable[[], MainWindow]
EARLIER = "Earlier report\n\nDelegates from Valdoria met the NAP in Port Amira.\n"


def kinds_shown(window: MainWindow, text: str) -> set[Kind]:
    return {m.kind for m in window.articles.mentions if m.text == text}


def kinds_stored(window: MainWindow, article_id: int, text: str) -> set[Kind] | None:
    stored = window.library.current_mentions(article_id)
    return None if stored is None else {m.kind for m in stored if m.text == text}


def trigger(window: MainWindow, mention: Mention | None, label: str, sel: object = None) -> None:
    menu = window.corrections.menu_for(mention, sel)  # type: ignore[arg-type]
    assert menu is not None
    [action] = [a for a in menu.actions() if a.text().replace("&&", "&") == label]
    action.trigger()


def test_a_kind_change_reaches_the_open_and_a_saved_article_undoes_and_persists(
    qtbot: QtBot, make_window: Factory, fake_model: None, article_file: Path, tmp_path: Path
) -> None:
    earlier = tmp_path / "earlier.txt"
    earlier.write_text(EARLIER, "utf-8")
    window = make_window()
    open_and_wait(qtbot, window, earlier)
    earlier_id = window.articles.article_id
    assert earlier_id is not None
    mentions = open_and_wait(qtbot, window, article_file)
    valdoria = next(m for m in mentions if m.text == "Valdoria")
    place_colour = window.view.highlight_palette.background(Kind.PLACE).name()
    group_colour = window.view.highlight_palette.background(Kind.GROUP).name()

    trigger(window, valdoria, "Group")
    qtbot.waitUntil(lambda: kinds_shown(window, "Valdoria") == {Kind.GROUP}, timeout=10_000)
    qtbot.waitUntil(lambda: kinds_stored(window, earlier_id, "Valdoria") == {Kind.GROUP})
    drawn = {
        s.format.background().color().name()
        for s in window.view.extraSelections()
        if s.cursor.selectedText() == "Valdoria"
    }
    assert drawn == {group_colour}

    assert window.actions_.undo.text().replace("&", "") == "Undo Make “Valdoria” a group"
    window.actions_.undo.trigger()
    qtbot.waitUntil(lambda: kinds_shown(window, "Valdoria") == {Kind.PLACE}, timeout=10_000)
    qtbot.waitUntil(lambda: kinds_stored(window, earlier_id, "Valdoria") == {Kind.PLACE})
    drawn = {
        s.format.background().color().name()
        for s in window.view.extraSelections()
        if s.cursor.selectedText() == "Valdoria"
    }
    assert drawn == {place_colour}

    window.actions_.redo.trigger()
    qtbot.waitUntil(lambda: kinds_shown(window, "Valdoria") == {Kind.GROUP}, timeout=10_000)
    window.close()

    again = make_window()  # a restart
    reopened = open_and_wait(qtbot, again, earlier)
    assert {m.kind for m in reopened if m.text == "Valdoria"} == {Kind.GROUP}


def test_undo_right_after_a_correction_takes_back_that_one_not_the_one_before(
    qtbot: QtBot, make_window: Factory, fake_model: None, article_file: Path
) -> None:
    window = make_window()
    mentions = open_and_wait(qtbot, window, article_file)
    trigger(window, next(m for m in mentions if m.text == "Valdoria"), "Group")
    qtbot.waitUntil(lambda: kinds_shown(window, "Valdoria") == {Kind.GROUP}, timeout=10_000)

    trigger(window, next(m for m in mentions if m.text == "Port Amira"), "Group")
    # Ctrl+Z at once, before the writer is back with the second correction (as after
    # the "Same as…" dialog closes): it means the second one.
    assert window.actions_.undo.isEnabled()
    window.actions_.undo.trigger()
    qtbot.waitUntil(lambda: window.corrections.undo_stack.index() == 1, timeout=10_000)
    qtbot.waitUntil(lambda: kinds_shown(window, "Port Amira") == {Kind.PLACE}, timeout=10_000)
    assert kinds_shown(window, "Valdoria") == {Kind.GROUP}  # the earlier one stays
    assert window.actions_.undo.text().replace("&", "") == "Undo Make “Valdoria” a group"


def test_not_an_entity_here_and_everywhere(
    qtbot: QtBot, make_window: Factory, fake_model: None, article_file: Path
) -> None:
    window = make_window()
    mentions = open_and_wait(qtbot, window, article_file)
    amira = [m for m in mentions if m.text == "Port Amira"]
    assert len(amira) == 2
    trigger(window, amira[0], "Not an Entity Here")
    qtbot.waitUntil(
        lambda: (
            [m.start for m in window.articles.mentions if m.text == "Port Amira"]
            == [amira[1].start]
        ),
        timeout=10_000,
    )
    trigger(
        window,
        window.articles.view.mention_starting_at(amira[1].start),
        "Not an Entity Anywhere (“Port Amira”)",
    )
    qtbot.waitUntil(lambda: "Port Amira" not in [m.text for m in window.articles.mentions])


def test_marking_a_selection_highlights_it(
    qtbot: QtBot, make_window: Factory, fake_model: None, article_file: Path
) -> None:
    window = make_window()
    open_and_wait(qtbot, window, article_file)
    text = window.articles.article.text  # type: ignore[union-attr]
    start = text.index("Sunday")
    trigger(window, None, "Mark “Sunday” as Person", (start, start + 6))
    qtbot.waitUntil(lambda: kinds_shown(window, "Sunday") == {Kind.PERSON}, timeout=10_000)


def test_shift_click_extends_a_highlight_to_the_clicked_word(
    qtbot: QtBot, make_window: Factory, fake_model: None, tmp_path: Path
) -> None:
    path = tmp_path / "harbour.txt"
    path.write_text(
        "Harbour news\n\nShips left Port Amira Harbour at dawn.\n\nPort Amira slept.\n", "utf-8"
    )
    window = make_window()
    mentions = open_and_wait(qtbot, window, path)
    port = next(m for m in mentions if m.text == "Port Amira")  # the old name is named again
    click(qtbot, window.view, port)  # the current highlight
    cursor = QTextCursor(window.view.document())
    cursor.setPosition(window.view._map.to_qt(port.end + 3))  # inside "Harbour"
    rect = window.view.cursorRect(cursor)
    QTest.mouseClick(
        window.view.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.ShiftModifier,
        QPoint(rect.center()),
    )
    qtbot.waitUntil(
        lambda: "Port Amira Harbour" in [m.text for m in window.articles.mentions],
        timeout=10_000,
    )
    # The highlight stays selected, and the panel is on the name it now has.
    current = window.view.current_mention()
    assert current is not None
    assert current.text == "Port Amira Harbour"
    qtbot.waitUntil(lambda: window.panel.name.text() == "Port Amira Harbour", timeout=10_000)
    assert window.panel.occurrences.model_.rowCount() == 1


def test_same_as_links_a_name_to_the_chosen_entity(
    qtbot: QtBot,
    make_window: Factory,
    fake_model: None,
    article_file: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_window()
    mentions = open_and_wait(qtbot, window, article_file)
    click(qtbot, window.view, next(m for m in mentions if m.text == "Valdoria"))
    window.panel.cards[0].editor.setPlainText("A republic.")
    window.panel.cards[0].flush()
    qtbot.waitUntil(lambda: window.panel.cards[0].saved, timeout=10_000)
    entity = window.entities.view.entity_id  # type: ignore[union-attr]
    asked: list[str] = []
    marked_here: list[object] = []

    def choose(
        entities: object, title: str, parent: object = None, here: object = ()
    ) -> int | None:
        asked.append(title)
        marked_here.append(here)
        return entity

    monkeypatch.setattr(entity_picker, "pick_entity", choose)
    qtbot.waitUntil(  # the note's new entity has reached the highlights
        lambda: any(m.entity_id == entity for m in window.articles.mentions), timeout=10_000
    )
    amira = next(m for m in window.articles.mentions if m.text == "Port Amira")
    trigger(window, amira, "Same as…")
    qtbot.waitUntil(lambda: bool(asked), timeout=10_000)
    assert asked == ["Which entity is “Port Amira”?"]
    assert marked_here == [{entity}]  # Valdoria is in the library and in this article
    qtbot.waitUntil(
        lambda: (
            {m.entity_id for m in window.articles.mentions if m.text == "Port Amira"} == {entity}
        ),
        timeout=10_000,
    )


def test_same_as_can_choose_a_name_of_this_article_that_has_no_entity_yet(
    qtbot: QtBot,
    make_window: Factory,
    fake_model: None,
    article_file: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_window()
    mentions = open_and_wait(qtbot, window, article_file)
    offered: list[str] = []

    def choose(
        entities: list[EntitySummary], title: str, parent: object = None, here: object = ()
    ) -> int | None:
        offered.extend(e.name for e in entities)
        return next(e.id for e in entities if e.name == "Valdoria")

    monkeypatch.setattr(entity_picker, "pick_entity", choose)
    trigger(window, next(m for m in mentions if m.text == "Port Amira"), "Same as…")
    qtbot.waitUntil(lambda: bool(offered), timeout=10_000)
    assert "Valdoria" in offered
    assert "Port Amira" not in offered  # not itself

    def linked() -> set[int | None]:
        return {
            m.entity_id for m in window.articles.mentions if m.text in ("Port Amira", "Valdoria")
        }

    qtbot.waitUntil(lambda: len(linked()) == 1 and None not in linked(), timeout=10_000)


def test_the_panel_follows_the_highlight_after_an_undone_kind_change(
    qtbot: QtBot, make_window: Factory, fake_model: None, article_file: Path
) -> None:
    window = make_window()
    mentions = open_and_wait(qtbot, window, article_file)
    valdoria = next(m for m in mentions if m.text == "Valdoria")
    click(qtbot, window.view, valdoria)
    qtbot.waitUntil(lambda: window.entities.view is not None)
    assert window.entities.view is not None
    assert window.entities.view.kind == Kind.PLACE.value

    trigger(window, valdoria, "Group")
    qtbot.waitUntil(lambda: kinds_shown(window, "Valdoria") == {Kind.GROUP}, timeout=10_000)
    qtbot.waitUntil(
        lambda: window.entities.view is not None and window.entities.view.kind == "group"
    )
    window.actions_.undo.trigger()
    qtbot.waitUntil(lambda: kinds_shown(window, "Valdoria") == {Kind.PLACE}, timeout=10_000)
    # The panel shows what the highlight is again, not the entity the undone change made.
    qtbot.waitUntil(
        lambda: window.entities.view is not None and window.entities.view.kind == "place",
        timeout=10_000,
    )


def test_same_as_offers_the_same_name_of_another_kind(
    qtbot: QtBot,
    make_window: Factory,
    fake_model: None,
    article_file: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from dataclasses import replace

    window = make_window()
    mentions = open_and_wait(qtbot, window, article_file)
    valdoria = [m for m in mentions if m.text == "Valdoria"]
    assert valdoria
    # The headline's "Valdoria" taken for a person, the body's a place (as "Nairobi" was).
    as_person = replace(valdoria[0], kind=Kind.PERSON, entity_id=None)
    window.articles.mentions = [as_person if m is valdoria[0] else m for m in mentions]
    offered: list[tuple[str, Kind]] = []

    def choose(
        entities: list[EntitySummary], title: str, parent: object = None, here: object = ()
    ) -> int | None:
        offered.extend((e.name, e.kind) for e in entities)
        return None

    monkeypatch.setattr(entity_picker, "pick_entity", choose)
    window.corrections.same_as(as_person)
    qtbot.waitUntil(lambda: bool(offered), timeout=10_000)
    assert ("Valdoria", Kind.PLACE) in offered
    assert ("Valdoria", Kind.PERSON) not in offered  # not itself


def test_same_as_reads_the_library_off_the_gui_thread(
    qtbot: QtBot,
    make_window: Factory,
    fake_model: None,
    article_file: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A library of 10,000 entities must not freeze the window while the picker fills."""
    window = make_window()
    mentions = open_and_wait(qtbot, window, article_file)
    gui = threading.get_ident()
    read_on: list[int] = []
    summaries = Store.entity_summaries

    def watched(self: Store, kind: Kind | None = None) -> list[EntitySummary]:
        read_on.append(threading.get_ident())
        return summaries(self, kind)

    monkeypatch.setattr(Store, "entity_summaries", watched)
    offered: list[str] = []

    def choose(
        entities: list[EntitySummary], title: str, parent: object = None, here: object = ()
    ) -> int | None:
        offered.extend(e.name for e in entities)
        return None

    monkeypatch.setattr(entity_picker, "pick_entity", choose)
    trigger(window, next(m for m in mentions if m.text == "Port Amira"), "Same as…")
    qtbot.waitUntil(lambda: bool(offered), timeout=10_000)
    assert "Valdoria" in offered
    assert read_on
    assert gui not in read_on


def test_the_picker_says_which_library_entities_this_article_names(qtbot: QtBot) -> None:
    entities = [
        EntitySummary(4, "Halvorsen Maritime", Kind.GROUP, (), 1, 2),
        EntitySummary(5, "Tarsk Ferries", Kind.GROUP, (), 1, 1),
        EntitySummary(-1, "Vilar", Kind.GROUP, (), 0, 1),
    ]
    picker = entity_picker.EntityPicker(entities, "Which entity is “Halvorsen”?", None, {4})
    qtbot.addWidget(picker)
    shown = {picker.results.item(i).text() for i in range(picker.results.count())}
    assert "Halvorsen Maritime  (group)  · in this article" in shown
    assert "Tarsk Ferries  (group)" in shown
    assert "Vilar  (group)  · in this article" in shown


def test_a_correction_from_the_command_line_shows_when_the_user_comes_back(
    qtbot: QtBot, make_window: Factory, fake_model: None, article_file: Path, db_path: Path
) -> None:
    window = make_window()
    mentions = open_and_wait(qtbot, window, article_file)
    assert kinds_shown(window, "Valdoria") == {Kind.PLACE}
    window.writer.wait_idle()
    # `reader entity kind Valdoria group` in a terminal: another connection, another writer.
    other = Library(db_path)
    try:
        ref = other.entity_view(
            next(m for m in mentions if m.text == "Valdoria"), mentions, window.articles.article_id
        ).ref()
        changed = other.set_kind(ref, Kind.GROUP).changes
        other.refresh_articles(sorted(changed.stale))  # as the command line does
    finally:
        other.close()
    window.catch_up()  # what the window does when it is activated again
    qtbot.waitUntil(lambda: kinds_shown(window, "Valdoria") == {Kind.GROUP}, timeout=10_000)


def test_the_menu_on_selected_text_offers_copy(
    qtbot: QtBot, make_window: Factory, fake_model: None, article_file: Path
) -> None:
    window = make_window()
    mentions = open_and_wait(qtbot, window, article_file)
    okafor = next(m for m in mentions if m.text == "Lena Okafor")
    cursor = window.view.textCursor()
    cursor.setPosition(window.view._map.to_qt(okafor.start - len("its leader ")))
    cursor.setPosition(window.view._map.to_qt(okafor.end), QTextCursor.MoveMode.KeepAnchor)
    window.view.setTextCursor(cursor)
    selection = window.view.selection_span()
    assert selection is not None
    QApplication.clipboard().clear()
    trigger(window, None, "Copy", selection)
    assert QApplication.clipboard().text() == "its leader Lena Okafor"
