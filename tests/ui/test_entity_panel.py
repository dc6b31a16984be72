"""The side panel on its own: what it shows and the intents it reports (ids and text)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from reader.core.kinds import Kind
from reader.core.library import EntityView
from reader.core.overlay import Mention
from reader.core.store import Appearance, Companion, Note
from reader.ui.article_view import Palette
from reader.ui.entity_panel import AUTOSAVE_MAX_MS, EntityPanel

TEXT = "Lena Okafor spoke. Later Okafor left for Port Amira with aides of the party."
LENA = Mention(0, 11, "Lena Okafor", Kind.PERSON, "Lena Okafor", 4)
OKAFOR = Mention(25, 31, "Okafor", Kind.PERSON, "Lena Okafor", 4)
ELSEWHERE = Appearance(7, "Earlier report", "2026-01-01", "/saved/old.txt", 3, 40, 46)


def make_panel(qtbot: QtBot, notes: tuple[Note, ...] = ()) -> EntityPanel:
    panel = EntityPanel()
    qtbot.addWidget(panel)
    panel.resize(380, 700)
    panel.show()
    view = EntityView(
        "Lena Okafor",
        Kind.PERSON,
        "Lena Okafor",
        4,
        (LENA, OKAFOR),
        ("Lena Okafor", "L. Okafor"),
        notes,
        appearances=(ELSEWHERE,),
        articles=2,
        mentions=5,
    )
    panel.show_entity(
        view, TEXT, Palette(dark=False), context=lambda row: ("In the ", "Okafor", " case")
    )
    return panel


def test_shows_name_kind_other_names_and_where_it_appears(qtbot: QtBot) -> None:
    panel = make_panel(qtbot)
    assert panel.name.text() == "Lena Okafor"
    assert panel.kind.text() == "Person"
    assert "L. Okafor" in panel.aliases.text()
    assert "Okafor" in panel.aliases.text()
    assert panel.occurrences.model_.rowCount() == 2
    shown = panel.elsewhere.model_.index(0).data()
    assert "Earlier report" in shown
    assert "In the Okafor case" in shown  # the context line, fetched when shown
    assert panel.stats.text().strip() == "2 articles · 5 mentions"


def test_clicks_report_offsets_and_article_ids(qtbot: QtBot) -> None:
    panel = make_panel(qtbot)
    with qtbot.wait_signal(panel.occurrence_requested) as jump:
        panel.occurrences.clicked.emit(panel.occurrences.model_.index(1))
    assert jump.args == [OKAFOR.start]
    with qtbot.wait_signal(panel.appearance_requested) as other:
        panel.elsewhere.clicked.emit(panel.elsewhere.model_.index(0))
    assert other.args == [ELSEWHERE.article_id, ELSEWHERE.start]


def test_typing_is_handed_over_after_a_pause_with_the_card_token(qtbot: QtBot) -> None:
    panel = make_panel(qtbot)
    card = panel.cards[0]
    QTest.mouseClick(card.editor.viewport(), Qt.MouseButton.LeftButton)
    with qtbot.wait_signal(panel.note_save_requested, timeout=3000) as saved:
        QTest.keyClicks(card.editor, "Party leader")
    assert saved.args == [card.token, None, "Party leader"]
    panel.note_saved(card.token, 12, "Party leader")
    assert card.note_id == 12
    assert card.saved


def test_continuous_typing_is_still_handed_over_within_about_a_second(qtbot: QtBot) -> None:
    panel = make_panel(qtbot)
    card = panel.cards[0]
    QTest.mouseClick(card.editor.viewport(), Qt.MouseButton.LeftButton)
    sent: list[str] = []
    panel.note_save_requested.connect(lambda _token, _id, body: sent.append(body))
    elapsed = 0
    while not sent and elapsed < 3 * AUTOSAVE_MAX_MS:
        QTest.keyClicks(card.editor, "a")
        qtbot.wait(150)  # faster than the pause that would save
        elapsed += 150
    assert sent, "nothing handed over while typing went on"
    assert elapsed <= AUTOSAVE_MAX_MS + 300


def test_a_saved_note_shows_rendered_and_delete_reports_its_id(qtbot: QtBot) -> None:
    note = Note(9, 4, "**Leader** of the party", "2026-01-01T00:00", "2026-01-02T00:00")
    panel = make_panel(qtbot, (note,))
    card = panel.cards[0]
    assert card.rendered.isVisible()
    assert not card.editor.isVisible()
    assert "Leader" in card.rendered.toPlainText()
    with qtbot.wait_signal(panel.note_delete_requested) as deleted:
        QTest.mouseClick(card.delete_button, Qt.MouseButton.LeftButton)
    assert deleted.args == [card.token, 9]
    panel.remove_card(card.token)
    assert [c.note_id for c in panel.cards] == [None]  # an empty card remains


def test_the_card_renders_the_first_line_of_the_first_note(qtbot: QtBot) -> None:
    note = Note(9, 4, "**Defence minister** since [[2024 cabinet|2024]]\nMore.", "t", "t")
    panel = make_panel(qtbot, (note,))
    shown = panel.summary.text()
    assert "**" not in shown  # rendered, not raw Markdown
    assert "[[" not in shown
    assert "<b>Defence minister</b>" in shown or "font-weight:700" in shown
    assert "since 2024" in shown


def test_companions_with_one_name_and_two_kinds_say_which_is_which(qtbot: QtBot) -> None:
    panel = make_panel(qtbot)
    assert panel.view is not None
    companions = (
        Companion(3, "Nairobi", Kind.PLACE, 4, 2),
        Companion(None, "Nairobi", Kind.PERSON, 1, 1),
        Companion(5, "Kenya Airways", Kind.GROUP, 1, 1),
    )
    panel.show_details(replace(panel.view, companions=companions), Palette(dark=False))
    shown = panel.companions.text()
    assert ">Nairobi (place)</a>" in shown
    assert ">Nairobi (person)</a>" in shown
    assert ">Kenya Airways</a>" in shown  # a name said once needs no kind
