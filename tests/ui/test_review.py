"""Review mode: one key per decision, each an ordinary correction, Backspace takes it back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QTextCharFormat
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from reader.core.kinds import Kind
from reader.core.overlay import Mention
from reader.ui.main_window import MainWindow

from .test_main_window import open_and_wait

Factory = Callable[[], MainWindow]
WAIT = 10_000


def current(window: MainWindow) -> Mention:
    mention = window.view.current
    assert mention is not None
    return mention


def shown(window: MainWindow, text: str) -> list[Mention]:
    return [m for m in window.articles.mentions if m.text == text]


def press(window: MainWindow, key: Qt.Key, modifier: Qt.KeyboardModifier | None = None) -> None:
    QTest.keyClick(window.view, key, modifier or Qt.KeyboardModifier.NoModifier)


def left_text(window: MainWindow) -> str:
    return window.status_line.review.text()


def start_review(qtbot: QtBot, window: MainWindow, path: Path) -> list[Mention]:
    mentions = open_and_wait(qtbot, window, path)
    window.reading_actions.review.trigger()
    assert window.review.active
    assert window.review_bar.isVisible()
    return mentions


def test_accepting_moves_on_counts_down_and_is_remembered(
    qtbot: QtBot, make_window: Factory, fake_model: None, article_file: Path
) -> None:
    window = make_window()
    mentions = start_review(qtbot, window, article_file)
    total = len(mentions)
    assert current(window) == mentions[0]
    assert window.panel.name.text() == mentions[0].key  # the panel shows what is reviewed
    assert left_text(window) == f"Reviewing: {total} of {total} highlights left"

    press(window, Qt.Key.Key_A)
    assert current(window) == mentions[1]
    assert left_text(window) == f"Reviewing: {total - 1} of {total} highlights left"
    [accepted] = [
        QTextCharFormat(s.format)
        for s in window.view.extraSelections()
        if s.cursor.selectionStart() == mentions[0].start
    ]
    assert accepted.background().style() == Qt.BrushStyle.NoBrush  # reviewed: no tint
    assert accepted.underlineStyle() != accepted.UnderlineStyle.NoUnderline

    press(window, Qt.Key.Key_Backspace)  # un-accept: back to it
    assert current(window) == mentions[0]
    assert left_text(window) == f"Reviewing: {total} of {total} highlights left"
    press(window, Qt.Key.Key_Return)
    press(window, Qt.Key.Key_Escape)
    assert not window.review.active
    assert left_text(window) == ""
    assert not window.status_line.review.isVisible()

    window.reading_actions.review.trigger()  # the same session remembers what was accepted
    assert left_text(window) == f"Reviewing: {total - 1} of {total} highlights left"
    assert current(window) == mentions[1]
    assert window.actions_.undo.isEnabled() is False  # accepting changed nothing to undo

    press(window, Qt.Key.Key_A)  # two accepted, one of them taken back and forth
    assert window.writer.wait_idle()
    window.close()
    again = make_window()  # a restart: the review goes on where it stopped
    open_and_wait(qtbot, again, article_file)
    again.reading_actions.review.trigger()
    assert left_text(again) == f"Reviewing: {total - 2} of {total} highlights left"
    assert current(again) == mentions[2]


def test_not_an_entity_here_is_a_correction_and_backspace_takes_it_back(
    qtbot: QtBot, make_window: Factory, fake_model: None, article_file: Path
) -> None:
    window = make_window()
    mentions = start_review(qtbot, window, article_file)
    first_amira = shown(window, "Port Amira")[0]
    window.view.activate(first_amira)
    press(window, Qt.Key.Key_X)
    qtbot.waitUntil(
        lambda: (
            [m.start for m in shown(window, "Port Amira")]
            != [m.start for m in mentions if m.text == "Port Amira"]
        ),
        timeout=WAIT,
    )
    assert first_amira.start not in [m.start for m in shown(window, "Port Amira")]
    assert len(shown(window, "Port Amira")) == 1  # only here
    assert current(window).start > first_amira.start  # went on
    assert window.actions_.undo.text().replace("&", "").startswith("Undo ")
    total = len(window.articles.mentions)
    assert left_text(window) == f"Reviewing: {total} of {total} highlights left"

    press(window, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: len(shown(window, "Port Amira")) == 2, timeout=WAIT)
    qtbot.waitUntil(lambda: window.view.current == first_amira, timeout=WAIT)


def test_shift_x_dismisses_the_name_everywhere(
    qtbot: QtBot, make_window: Factory, fake_model: None, article_file: Path, tmp_path: Path
) -> None:
    earlier = tmp_path / "earlier.txt"
    earlier.write_text("Earlier\n\nShips reached Port Amira.\n", "utf-8")
    window = make_window()
    open_and_wait(qtbot, window, earlier)
    earlier_id = window.articles.article_id
    assert earlier_id is not None
    start_review(qtbot, window, article_file)
    window.view.activate(shown(window, "Port Amira")[0])
    press(window, Qt.Key.Key_X, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: not shown(window, "Port Amira"), timeout=WAIT)

    def earlier_names() -> list[str] | None:
        stored = window.library.current_mentions(earlier_id)
        return None if stored is None else [m.text for m in stored]

    qtbot.waitUntil(lambda: earlier_names() == [], timeout=WAIT)  # the saved article too


def test_number_keys_set_the_kind_everywhere_and_move_on(
    qtbot: QtBot, make_window: Factory, fake_model: None, article_file: Path
) -> None:
    window = make_window()
    start_review(qtbot, window, article_file)
    valdoria = shown(window, "Valdoria")[0]
    window.view.activate(valdoria)
    press(window, Qt.Key.Key_1)  # a group: the toolbar's first kind
    assert current(window) != valdoria  # went on at once
    qtbot.waitUntil(
        lambda: {m.kind for m in shown(window, "Valdoria")} == {Kind.GROUP}, timeout=WAIT
    )
    total = len(window.articles.mentions)
    qtbot.waitUntil(
        lambda: left_text(window) == f"Reviewing: {total - 1} of {total} highlights left"
    )

    press(window, Qt.Key.Key_Backspace)
    qtbot.waitUntil(
        lambda: {m.kind for m in shown(window, "Valdoria")} == {Kind.PLACE}, timeout=WAIT
    )
    qtbot.waitUntil(lambda: window.view.current == valdoria, timeout=WAIT)
    assert left_text(window) == f"Reviewing: {total} of {total} highlights left"

    press(window, Qt.Key.Key_3)  # already a place: the same as accepting
    assert {m.kind for m in shown(window, "Valdoria")} == {Kind.PLACE}
    assert left_text(window) == f"Reviewing: {total - 1} of {total} highlights left"


def test_e_extends_to_the_next_word_and_backspace_shrinks_it_back(
    qtbot: QtBot, make_window: Factory, fake_model: None, tmp_path: Path
) -> None:
    path = tmp_path / "harbour.txt"
    path.write_text("Harbour news\n\nShips left Port Amira Harbour at dawn.\n", "utf-8")
    window = make_window()
    start_review(qtbot, window, path)
    assert current(window).text == "Port Amira"
    press(window, Qt.Key.Key_E)
    qtbot.waitUntil(lambda: window.view.current is not None, timeout=WAIT)
    qtbot.waitUntil(lambda: current(window).text == "Port Amira Harbour", timeout=WAIT)
    press(window, Qt.Key.Key_A)  # accept the extended one
    assert left_text(window) == "Reviewing: all 1 highlights done"

    press(window, Qt.Key.Key_Backspace)  # "E, A" was one decision: both go back
    qtbot.waitUntil(lambda: shown(window, "Port Amira") != [], timeout=WAIT)
    qtbot.waitUntil(lambda: window.view.current is not None, timeout=WAIT)
    assert current(window).text == "Port Amira"
    assert window.corrections.undo_stack.index() == 0
    assert left_text(window) == "Reviewing: 1 of 1 highlights left"


def test_backspace_right_after_a_decision_waits_for_it_to_be_applied(
    qtbot: QtBot, make_window: Factory, fake_model: None, article_file: Path
) -> None:
    window = make_window()
    start_review(qtbot, window, article_file)
    window.view.activate(shown(window, "Valdoria")[0])
    press(window, Qt.Key.Key_1)
    press(window, Qt.Key.Key_Backspace)  # before the writer has answered
    assert window.writer.wait_idle()
    qtbot.waitUntil(lambda: window.corrections.undo_stack.index() == 0, timeout=WAIT)
    qtbot.waitUntil(
        lambda: {m.kind for m in shown(window, "Valdoria")} == {Kind.PLACE}, timeout=WAIT
    )


def test_review_keys_are_plain_keys_outside_review_mode(
    qtbot: QtBot, make_window: Factory, fake_model: None, article_file: Path
) -> None:
    window = make_window()
    mentions = open_and_wait(qtbot, window, article_file)
    window.view.activate(mentions[0])
    press(window, Qt.Key.Key_X)
    press(window, Qt.Key.Key_1)
    assert window.writer.wait_idle()
    assert window.corrections.undo_stack.count() == 0
    assert window.articles.mentions == mentions


def test_review_keys_win_over_a_shortcut_on_the_same_key(
    qtbot: QtBot, make_window: Factory, fake_model: None, article_file: Path
) -> None:
    # Some desktops bind Backspace to "Back"; while reviewing it takes a decision back.
    window = make_window()
    mentions = start_review(qtbot, window, article_file)
    elsewhere = QAction("Bound to Backspace", window)
    elsewhere.setShortcut(QKeySequence("Backspace"))
    fired: list[bool] = []
    elsewhere.triggered.connect(lambda: fired.append(True))
    window.addAction(elsewhere)
    press(window, Qt.Key.Key_A)
    assert current(window) == mentions[1]
    press(window, Qt.Key.Key_Backspace)
    assert current(window) == mentions[0]
    assert not fired
    window.review.set_active(False)
    press(window, Qt.Key.Key_Backspace)  # not reviewing: the shortcut is the user's again
    assert fired


def test_backspace_returns_to_the_highlight_even_when_extending_changed_nothing_on_screen(
    qtbot: QtBot, make_window: Factory, fake_model: None, article_file: Path
) -> None:
    window = make_window()
    mentions = start_review(qtbot, window, article_file)
    total = len(mentions)
    target = next(m for m in mentions if m.text == "Valdoria" and m.start > 50)
    window.view.activate(target)
    press(window, Qt.Key.Key_E)  # "Valdoria on": a name no rule highlights as such
    assert window.writer.wait_idle()
    press(window, Qt.Key.Key_A)
    press(window, Qt.Key.Key_Backspace)
    assert window.writer.wait_idle()
    qtbot.waitUntil(lambda: window.corrections.undo_stack.index() == 0, timeout=WAIT)
    qtbot.waitUntil(lambda: window.view.current is not None, timeout=WAIT)
    assert current(window).start == target.start
    assert left_text(window) == f"Reviewing: {total} of {total} highlights left"


def test_number_keys_follow_the_toolbars_order_of_kinds() -> None:
    from reader.core.kinds import ORDER
    from reader.ui.review import KIND_KEYS

    assert list(KIND_KEYS.values()) == list(ORDER)
