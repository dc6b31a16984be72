"""The small things a reader notices: toggles, tooltips, zoom, keys, the panel, themes, prefs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPalette, QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QToolTip
from pytestqt.qtbot import QtBot

from reader.core.kinds import Kind
from reader.core.nlp import DEFAULT_PIPELINE
from reader.ui import appearance
from reader.ui.article_view import TOOLTIP_CHARS, ArticleView, Palette
from reader.ui.main_window import MainWindow
from reader.ui.preferences import Preferences, PreferencesDialog

from .test_main_window import click, open_and_wait

Factory = Callable[[], MainWindow]


@pytest.fixture(autouse=True)
def _system_theme_after() -> Iterator[None]:
    """A test that switches the theme leaves the application as it found it."""
    yield
    appearance.apply_theme("system")


def long_article(tmp_path: Path, paragraphs: int = 40) -> Path:
    body = "\n\n".join(
        f"Paragraph {i}: Lena Okafor spoke in Port Amira about the vote in Valdoria, "
        "and the Northern Alliance Party answered at length, as parties do, "
        "with promises about roads, harbours, schools and the price of bread."
        for i in range(paragraphs)
    )
    path = tmp_path / "long.txt"
    path.write_text(f"A long day in Valdoria\n\n{body}\n", "utf-8")
    return path


def pixel(widget: object, x: int, y: int) -> QColor:
    from PySide6.QtWidgets import QWidget

    assert isinstance(widget, QWidget)
    return widget.grab().toImage().pixelColor(x, y)


def colours_of(view: ArticleView, text: str) -> set[str]:
    return {
        s.format.background().color().name()
        for s in view.extraSelections()
        if s.cursor.selectedText() == text
    }


# --- toolbar toggles --------------------------------------------------------------------------


def test_a_kind_toggle_looks_different_off_and_says_so(
    qtbot: QtBot, make_window: Factory, fake_model: None, article_file: Path
) -> None:
    window = make_window()
    open_and_wait(qtbot, window, article_file)
    button = window.legend.buttons[Kind.PLACE]
    tint = window.view.highlight_palette.background(Kind.PLACE)
    inside = (button.width() // 2, button.height() - 4)  # in the pill, below the text

    assert pixel(button, *inside) == tint  # on: the pill has the highlight's tint
    assert "highlighted" in button.toolTip()
    assert not button.font().strikeOut()
    on_image = button.grab().toImage()

    button.click()
    assert pixel(button, *inside) != tint  # off: no tint
    assert button.font().strikeOut()  # and struck through: not by colour alone
    assert "hidden" in button.toolTip()
    assert button.grab().toImage() != on_image
    assert not any(s.cursor.selectedText() == "Valdoria" for s in window.view.extraSelections())


# --- tooltips ---------------------------------------------------------------------------------


def test_a_tooltip_shows_the_note_rendered_and_the_name_as_text(
    qtbot: QtBot, make_window: Factory, fake_model: None, article_file: Path
) -> None:
    window = make_window()
    mentions = open_and_wait(qtbot, window, article_file)
    okafor = next(m for m in mentions if m.text == "Lena Okafor")
    window.view.set_note_previews({7: "- **Leader** of the <b>NAP</b> since *2019*"})
    linked = okafor.__class__(okafor.start, okafor.end, okafor.text, okafor.kind, "<i>Lena</i>", 7)

    tip = QTextDocument()
    tip.setHtml(window.view.tooltip_for(linked))
    shown = tip.toPlainText()
    assert shown.splitlines() == ["<i>Lena</i> — person", "Leader of the <b>NAP</b> since 2019"]
    assert "**" not in shown  # rendered, not raw Markdown
    bold = tip.find("Leader")
    assert bold.charFormat().fontWeight() == 700
    assert tip.find("2019").charFormat().fontItalic()


def test_a_long_note_line_wraps_at_a_readable_width_and_the_name_does_not(
    qtbot: QtBot, make_window: Factory, fake_model: None, article_file: Path
) -> None:
    window = make_window()
    mentions = open_and_wait(qtbot, window, article_file)
    okafor = next(m for m in mentions if m.text == "Lena Okafor")
    line = (
        "Party leader since 2019, former mayor of Port Amira, known for the harbour "
        "reform and for the long coalition talks of 2023 with the smaller parties"
    )
    window.view.set_note_previews({7: line})
    linked = okafor.__class__(okafor.start, okafor.end, okafor.text, okafor.kind, okafor.key, 7)
    html = window.view.tooltip_for(linked)

    QToolTip.showText(QPoint(20, 20), html, window.view)
    tips = [
        w
        for w in QApplication.topLevelWidgets()
        if w.metaObject().className() == "QTipLabel" and w.isVisible()
    ]
    assert tips
    metrics = QFontMetrics(QToolTip.font())
    measure = metrics.averageCharWidth() * TOOLTIP_CHARS
    assert tips[0].width() >= measure  # not Qt's narrow guess of three words a line
    assert tips[0].width() < measure * 1.5
    QToolTip.hideText()

    doc = QTextDocument()
    doc.setDefaultFont(QToolTip.font())
    doc.setHtml(html)
    doc.setTextWidth(measure)
    doc.documentLayout().documentSize()
    name_block = doc.findBlock(0)
    assert name_block.layout().lineCount() == 1  # "Lena Okafor — person" on one line
    note_block = doc.find("Party").block()
    assert 2 <= note_block.layout().lineCount() <= 3


# --- zoom ---------------------------------------------------------------------------------------


def test_zoom_keeps_the_paragraph_at_the_top_and_a_proportional_margin(
    qtbot: QtBot, make_window: Factory, fake_model: None, tmp_path: Path
) -> None:
    window = make_window()
    open_and_wait(qtbot, window, long_article(tmp_path))
    view = window.view
    text = window.articles.article.text  # type: ignore[union-attr]
    target = text.index("Paragraph 17:")
    view.scroll_to_offset(target)
    assert view.top_visible_offset() == target

    for _ in range(3):
        window.actions_.zoom_in.trigger()
    assert view.zoom_level() == 3
    assert view.reading_font().pointSizeF() > 13 * 1.3
    top = view.top_visible_offset()
    assert top is not None
    assert text[top:].startswith("Paragraph 17:")

    window.actions_.zoom_out.trigger()
    top = view.top_visible_offset()
    assert top is not None
    assert text[top:].startswith("Paragraph 17:")

    for _ in range(12):
        window.actions_.zoom_in.trigger()  # far past the column width
    margin = view.document().rootFrame().frameFormat().leftMargin()
    assert margin >= view.viewport().width() * 0.05  # not squeezed to 24 px
    window.reading_actions.zoom_reset.trigger()
    assert view.zoom_level() == 0


def test_zoom_enlarges_the_panel_text_too(
    qtbot: QtBot, make_window: Factory, fake_model: None, article_file: Path
) -> None:
    window = make_window()
    mentions = open_and_wait(qtbot, window, article_file)
    click(qtbot, window.view, next(m for m in mentions if m.text == "Valdoria"))
    name_before = window.panel.name.font().pointSizeF()
    editor_before = window.panel.cards[0].editor.font().pointSizeF()
    window.actions_.zoom_in.trigger()
    window.actions_.zoom_in.trigger()
    assert window.panel.name.font().pointSizeF() == pytest.approx(name_before * 1.21)
    assert window.panel.cards[0].editor.font().pointSizeF() == pytest.approx(editor_before * 1.21)
    # The next entity's widgets are made afresh: they come zoomed as well.
    click(qtbot, window.view, next(m for m in mentions if m.text == "Lena Okafor"))
    qtbot.waitUntil(
        lambda: (
            window.panel.cards[0].editor.font().pointSizeF() == pytest.approx(editor_before * 1.21)
        )
    )


def test_zooming_beside_a_wide_dock_keeps_a_readable_column(
    qtbot: QtBot, make_window: Factory, fake_model: None, article_file: Path
) -> None:
    window = make_window()
    window.resize(1400, 800)
    mentions = open_and_wait(qtbot, window, article_file)
    window.library_dock.show()
    window.resizeDocks([window.library_dock], [640], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: window.library_dock.width() >= 600)  # as the user dragged it
    click(qtbot, window.view, next(m for m in mentions if m.text == "Valdoria"))
    for _ in range(4):
        window.actions_.zoom_in.trigger()
    qtbot.wait(50)  # the docks take their widths at the next layout
    assert window.view.width() >= 400, "the article is not squeezed to a few words a line"
    assert window.dock.width() >= window._panel_needs(), "nor is the panel cut off"


# --- keys -----------------------------------------------------------------------------------------


def test_ctrl_end_and_ctrl_home_go_to_the_end_and_the_start(
    qtbot: QtBot, make_window: Factory, fake_model: None, tmp_path: Path
) -> None:
    window = make_window()
    open_and_wait(qtbot, window, long_article(tmp_path))
    bar = window.view.verticalScrollBar()
    assert bar.maximum() > 0
    QTest.keyClick(window.view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert bar.value() == bar.maximum()
    QTest.keyClick(window.view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert bar.value() == 0


def test_the_article_has_the_keyboard_when_it_opens_and_the_first_tab_works(
    qtbot: QtBot, make_window: Factory, fake_model: None, article_file: Path
) -> None:
    window = make_window()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert QApplication.focusWidget() is window.view  # before any article
    with qtbot.wait_signal(window.article_changed):
        window.open_path(str(article_file))
    QTest.keyClick(window.view, Qt.Key.Key_Tab)  # highlights may not be there yet
    assert QApplication.focusWidget() is window.view  # Tab did not wander off to the panel
    qtbot.waitUntil(lambda: bool(window.articles.mentions))
    focused = QApplication.focusWidget()
    assert focused is window.view
    QTest.keyClick(focused, Qt.Key.Key_Tab)
    assert window.panel.name.text() == window.articles.mentions[0].key


# --- the panel ------------------------------------------------------------------------------------


def test_a_laptop_window_gives_the_text_the_room_until_a_name_is_opened(
    qtbot: QtBot, fake_model: None, article_file: Path, db_path: Path
) -> None:
    window = MainWindow(db_path)
    qtbot.addWidget(window)
    window.resize(1000, 700)
    window.show()
    try:
        mentions = open_and_wait(qtbot, window, article_file)
        assert window.dock.isHidden()  # empty: no 380 px column of nothing
        assert window.view.width() > 950
        click(qtbot, window.view, mentions[0])
        qtbot.waitUntil(lambda: window.dock.isVisible())
        assert window.panel.name.text() == mentions[0].key
        qtbot.waitUntil(lambda: window.dock.width() <= 300)
        assert window.view.width() >= 650  # the text column keeps most of the window

        toggle = window.reading_actions.toggle_panel
        assert toggle.shortcut().toString() == "F9"
        toggle.trigger()
        assert window.dock.isHidden()
        toggle.trigger()
        assert window.dock.isVisible()
    finally:
        window.close()


def test_a_wide_window_shows_the_panel_from_the_start(
    qtbot: QtBot, make_window: Factory, fake_model: None, article_file: Path
) -> None:
    window = make_window()  # 1200 × 800
    open_and_wait(qtbot, window, article_file)
    assert window.dock.isVisible()
    assert window.dock.width() < 380


# --- theme ----------------------------------------------------------------------------------------


def test_switching_to_dark_repaints_highlights_legend_and_window(
    qtbot: QtBot, make_window: Factory, fake_model: None, article_file: Path
) -> None:
    window = make_window()
    mentions = open_and_wait(qtbot, window, article_file)
    click(qtbot, window.view, next(m for m in mentions if m.text == "Lena Okafor"))
    light_tint = Palette.LIGHT[Kind.PLACE][0]
    dark_tint = Palette.DARK[Kind.PLACE][0]
    window.preferences.set(Preferences(theme="light"))
    assert colours_of(window.view, "Valdoria") == {light_tint}
    button = window.legend.buttons[Kind.PLACE]
    inside = (button.width() // 2, button.height() - 4)
    assert pixel(button, *inside).name() == light_tint

    window.preferences.set(Preferences(theme="dark"))
    assert window.view.highlight_palette.dark
    assert colours_of(window.view, "Valdoria") == {dark_tint}
    assert pixel(button, *inside).name() == dark_tint
    base = QApplication.palette().color(QPalette.ColorRole.Base)
    assert base.lightness() < 60  # the whole window, not only the article
    assert pixel(window.view.viewport(), 2, 2).lightness() < 60
    assert window.panel.kind.styleSheet().count(Palette.DARK[Kind.PERSON][1]) == 1

    window.preferences.set(Preferences(theme="light"))
    assert colours_of(window.view, "Valdoria") == {light_tint}
    assert pixel(window.view.viewport(), 2, 2).lightness() > 200


# --- preferences ----------------------------------------------------------------------------------


def test_preferences_are_applied_and_persist_across_a_restart(
    qtbot: QtBot,
    make_window: Factory,
    fake_model: None,
    article_file: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window = make_window()
    open_and_wait(qtbot, window, article_file)
    seen: list[PreferencesDialog] = []

    def fill_in(dialog: PreferencesDialog) -> int:
        seen.append(dialog)
        dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
        dialog.font_family.setCurrentIndex(1)  # the first installed family
        dialog.font_size.setValue(17)
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(PreferencesDialog, "exec", fill_in)
    window.reading_actions.preferences.trigger()
    dialog = seen[0]
    models = [dialog.pipeline.itemData(i) for i in range(dialog.pipeline.count())]
    assert DEFAULT_PIPELINE in models  # the installed pipelines are offered
    family = dialog.font_family.itemData(1)
    assert window.view.reading_font().pointSizeF() == 17
    assert window.view.reading_font().families()[0] == family
    assert window.view.highlight_palette.dark
    assert window.writer.wait_idle()
    window.close()
    appearance.apply_theme("system")  # as a fresh start would find it

    again = make_window()
    assert again.preferences.current == Preferences("dark", family, 17.0, "")
    assert again.view.highlight_palette.dark
    assert again.view.reading_font().pointSizeF() == 17
    open_and_wait(qtbot, again, article_file)
    assert again.view.reading_font().families()[0] == family


def test_a_new_language_model_is_used_for_the_next_article(
    qtbot: QtBot,
    make_window: Factory,
    fake_model: None,
    article_file: Path,
    tmp_path: Path,
    dialogs: object,
) -> None:
    window = make_window()
    open_and_wait(qtbot, window, article_file)
    window.preferences.set(Preferences(pipeline="xx_not_installed_pipeline"))
    assert window.writer.wait_idle()
    other = tmp_path / "other.txt"
    other.write_text("Other news\n\nValdoria votes again.\n", "utf-8")
    with qtbot.wait_signal(window.error_shown, timeout=10_000) as blocker:
        window.open_path(str(other))
    assert blocker.args is not None
    assert "xx_not_installed_pipeline" in str(blocker.args[0])


def test_links_in_notes_take_the_new_themes_link_colour(qtbot: QtBot) -> None:
    from reader.ui.markdown_view import MarkdownView

    view = MarkdownView()
    qtbot.addWidget(view)
    view.set_markdown("See [the site](https://example.org) for more.")
    view.show()
    appearance.apply_theme("dark")
    dark_link = appearance.palette_for("dark").color(QPalette.ColorRole.Link)

    def link_colour() -> QColor:
        return view.document().find("the site").charFormat().foreground().color()

    qtbot.waitUntil(lambda: link_colour() == dark_link)  # not the light theme's dark blue


def test_preferences_say_when_the_command_line_chose_the_model(
    qtbot: QtBot, make_window: Factory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("READER_PIPELINE", "xx_chosen_for_this_run")
    window = make_window()
    hints: list[str] = []

    def look(dialog: PreferencesDialog) -> int:
        hint = dialog.findChild(QLabel, "preferencesHint")
        assert hint is not None
        hints.append(hint.text())
        return QDialog.DialogCode.Rejected.value

    monkeypatch.setattr(PreferencesDialog, "exec", look)
    window.reading_actions.preferences.trigger()
    assert "This run uses xx_chosen_for_this_run" in hints[0]
    monkeypatch.delenv("READER_PIPELINE")
    window.reading_actions.preferences.trigger()
    assert "xx_chosen" not in hints[1]
