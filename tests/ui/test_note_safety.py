"""The user's words are safe: a failing library never loses a note, and nothing is doubled."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from reader.core.rescue import RecoveryFile
from reader.core.store import Store
from reader.ui import panel_controller
from reader.ui.entity_panel import NoteCard
from reader.ui.main_window import MainWindow

from .conftest import Dialogs
from .test_main_window import click, open_and_wait

Factory = Callable[[], MainWindow]


def break_note_writes(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> int:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(Store, "add_note", broken)
    monkeypatch.setattr(Store, "update_note", broken)


def type_note(qtbot: QtBot, window: MainWindow, name: str, text: str) -> NoteCard:
    click(qtbot, window.view, next(m for m in window.articles.mentions if m.text == name))
    card = window.panel.cards[-1]
    card.editor.setPlainText(text)
    card.flush()
    return card


def notes_in(db_path: Path) -> list[str]:
    with sqlite3.connect(db_path) as conn:
        return [r[0] for r in conn.execute("SELECT body FROM notes ORDER BY id")]


def test_a_failed_save_keeps_the_text_in_a_recovery_file_and_says_where(
    qtbot: QtBot,
    make_window: Factory,
    fake_model: None,
    article_file: Path,
    db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    dialogs: Dialogs,
) -> None:
    window = make_window()
    open_and_wait(qtbot, window, article_file)
    break_note_writes(monkeypatch)
    card = type_note(qtbot, window, "Valdoria", "Capital is Port Amira.")
    recovery = db_path.parent / "unsaved-notes.md"
    qtbot.waitUntil(recovery.exists, timeout=5000)
    assert "Capital is Port Amira." in recovery.read_text("utf-8")
    assert "Valdoria" in recovery.read_text("utf-8")
    assert str(recovery) in window.status_line.unsaved.text()
    assert "Not saved" in card.status.text()
    assert [d[1] for d in dialogs.shown] == ["Note not saved"]
    assert str(recovery) in dialogs.shown[0][2]
    with sqlite3.connect(db_path) as conn:  # no entity left behind without its note
        assert conn.execute("SELECT count(*) FROM entities").fetchone()[0] == 0


def test_when_no_file_can_be_written_the_clipboard_holds_every_unsaved_note(
    qtbot: QtBot,
    make_window: Factory,
    fake_model: None,
    article_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    dialogs: Dialogs,
) -> None:
    def disk_full(self: RecoveryFile, notes: object) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(RecoveryFile, "write", disk_full)
    window = make_window()
    open_and_wait(qtbot, window, article_file)
    break_note_writes(monkeypatch)
    type_note(qtbot, window, "Valdoria", "First note, 1,110 characters in real life.")
    qtbot.waitUntil(lambda: window.entities.unsaved_count == 1, timeout=5000)
    type_note(qtbot, window, "Port Amira", "Second note.")
    qtbot.waitUntil(lambda: window.entities.unsaved_count == 2, timeout=5000)

    clipboard = QGuiApplication.clipboard().text()
    assert "First note" in clipboard
    assert "Second note." in clipboard
    assert "clipboard" in window.status_line.unsaved.text()
    assert len(dialogs.shown) == 1  # told once, not once per failure


def test_unsaved_notes_reach_the_library_as_soon_as_it_works_again(
    qtbot: QtBot,
    make_window: Factory,
    fake_model: None,
    article_file: Path,
    db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(panel_controller, "RETRY_MS", 200)
    window = make_window()
    open_and_wait(qtbot, window, article_file)
    with monkeypatch.context() as broken:
        break_note_writes(broken)
        card = type_note(qtbot, window, "Valdoria", "Capital is Port Amira.")
        qtbot.waitUntil(lambda: window.entities.unsaved_count == 1, timeout=5000)
    # The disk has room again: the next retry saves it, without the user doing anything.
    qtbot.waitUntil(lambda: window.entities.unsaved_count == 0, timeout=5000)
    assert notes_in(db_path) == ["Capital is Port Amira."]
    assert card.saved
    assert window.status_line.unsaved.text() == ""
    assert not (db_path.parent / "unsaved-notes.md").exists()


def test_typing_during_the_first_save_makes_one_note_with_the_latest_text(
    qtbot: QtBot, make_window: Factory, fake_model: None, article_file: Path, db_path: Path
) -> None:
    window = make_window()
    open_and_wait(qtbot, window, article_file)
    card = type_note(qtbot, window, "Valdoria", "Cap")
    for text in ("Capital", "Capital is", "Capital is Port Amira."):
        card.editor.setPlainText(text)
        card.flush()  # before the first save (which creates the note) has returned
    qtbot.waitUntil(lambda: card.saved, timeout=5000)
    window.writer.wait_idle()
    assert notes_in(db_path) == ["Capital is Port Amira."]


def test_a_quick_click_after_a_first_note_shows_the_clicked_name_and_files_notes_there(
    qtbot: QtBot, make_window: Factory, fake_model: None, article_file: Path, db_path: Path
) -> None:
    """Type a first note on a name, click another name at once: nothing goes astray."""
    window = make_window()
    open_and_wait(qtbot, window, article_file)
    type_note(qtbot, window, "Lena Okafor", "Party leader.")  # handed over, not yet saved
    click(qtbot, window.view, next(m for m in window.articles.mentions if m.text == "Valdoria"))
    window.writer.wait_idle()
    qtbot.waitUntil(lambda: not window.entities._creating, timeout=5000)
    window.writer.wait_idle()
    qtbot.wait(50)  # the changes of the first note arrive and the panel refreshes
    assert window.panel.name.text() == "Valdoria"
    card = window.panel.cards[-1]
    card.editor.setPlainText("A republic.")
    card.flush()
    qtbot.waitUntil(lambda: card.saved, timeout=5000)
    with sqlite3.connect(db_path) as conn:
        rows = conn.execute(
            "SELECT e.name, n.body FROM notes n JOIN entities e ON e.id = n.entity_id ORDER BY n.id"
        ).fetchall()
    assert rows == [("Lena Okafor", "Party leader."), ("Valdoria", "A republic.")]


def test_the_library_is_retried_while_the_message_is_still_open(
    qtbot: QtBot,
    make_window: Factory,
    fake_model: None,
    article_file: Path,
    db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A user who leaves the dialog open must not hold their note back."""
    from reader.ui import dialogs as dialogs_mod

    monkeypatch.setattr(panel_controller, "RETRY_MS", 100)
    window = make_window()
    open_and_wait(qtbot, window, article_file)
    saved_while_open: list[bool] = []
    breaker = pytest.MonkeyPatch()
    break_note_writes(breaker)

    def modal(_parent: object, _title: str, _text: str) -> None:
        breaker.undo()  # the disk has room again while the message is shown
        QTest.qWait(2000)  # the user reads the message (its own event loop runs)
        saved_while_open.append(window.entities.unsaved_count == 0)

    monkeypatch.setattr(dialogs_mod, "warn", modal)
    type_note(qtbot, window, "Valdoria", "Capital is Port Amira.")
    qtbot.waitUntil(lambda: saved_while_open != [], timeout=10_000)
    assert saved_while_open == [True]
    assert notes_in(db_path) == ["Capital is Port Amira."]
