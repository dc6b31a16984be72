"""Library, entities and search docks, import, find and reading positions, as a user meets them."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from reader.core import importer
from reader.core.kinds import Kind
from reader.core.search import Snippet
from reader.ui.library_dock import COLUMNS
from reader.ui.main_window import MainWindow
from reader.ui.search_dock import fitted

from .conftest import Dialogs
from .test_main_window import TIMEOUT, click, open_and_wait

Factory = Callable[[], MainWindow]


def long_article(title: str, paragraphs: int = 80) -> str:
    body = "\n\n".join(
        f"Paragraph {i}: the Northern Alliance Party met in Port Amira and talked at length "
        "about roads, schools and the harbour." + (" Lena Okafor spoke." if i % 10 == 0 else "")
        for i in range(paragraphs)
    )
    return f"{title}\n\n{body}\n"


def write_articles(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        p = folder / f"report-{i:02}.txt"
        p.write_text(f"Report {i:02} from Valdoria\n\nThe NAP met in Port Amira on day {i}.\n")
        paths.append(p)
    return paths


def check_model(tester: ModelTester, model: QAbstractItemModel) -> None:
    tester.check(model)  # type: ignore[no-untyped-call]  # pytest-qt's tester is untyped


def wait_idle(window: MainWindow) -> None:
    for worker in (window.import_parser, window.model, window.writer, window.query):
        assert worker.wait_idle(TIMEOUT)


def test_library_lists_sorts_filters_and_reopens_at_the_reading_position(
    qtbot: QtBot, make_window: Factory, fake_model: None, tmp_path: Path, qtmodeltester: ModelTester
) -> None:
    window = make_window()
    long_path = tmp_path / "long.txt"
    long_path.write_text(long_article("Harbour plans for Port Amira"), encoding="utf-8")
    open_and_wait(qtbot, window, long_path)
    for path in write_articles(tmp_path / "more", 3):
        open_and_wait(qtbot, window, path)
    window.library_dock.show()
    window.library_dock.raise_()
    panel = window.library_panel
    qtbot.waitUntil(lambda: panel.model.rowCount() == 4, timeout=TIMEOUT)
    check_model(qtmodeltester, panel.model)
    check_model(qtmodeltester, panel.proxy)

    # Sort by title, both ways, by clicking the header.
    header = panel.table.horizontalHeader()
    panel.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert panel.visible_titles() == [
        "Harbour plans for Port Amira",
        "Report 00 from Valdoria",
        "Report 01 from Valdoria",
        "Report 02 from Valdoria",
    ]
    header.sectionClicked.emit(0)
    panel.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert panel.visible_titles()[0] == "Report 02 from Valdoria"
    # The counts per kind: one group, one person and one place in the long article.
    row = next(r for r in range(4) if panel.model.row_at(r).title.startswith("Harbour"))
    assert (
        panel.model.row_at(row).groups,
        panel.model.row_at(row).people,
        panel.model.row_at(row).places,
    ) == (1, 1, 1)

    QTest.keyClicks(panel.filter, "report 01")
    assert panel.visible_titles() == ["Report 01 from Valdoria"]
    assert panel.count.text() == "1 of 4 articles shown"
    panel.filter.clear()

    # Scroll the long article down, leave it, and come back through the library.
    with qtbot.wait_signal(window.articles.article_changed, timeout=TIMEOUT):
        window.articles.open_stored(window.library.store.article_id(_sha(window, long_path)) or 0)
    qtbot.waitUntil(lambda: window.view.verticalScrollBar().maximum() > 0, timeout=TIMEOUT)
    bar = window.view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    position = window.reading.position
    text = long_path.read_text(encoding="utf-8")
    assert text[position:].startswith("Paragraph ")
    assert position > 1000
    open_and_wait(qtbot, window, tmp_path / "more" / "report-00.txt")
    assert window.view.verticalScrollBar().value() == 0

    index = next(
        panel.proxy.index(r, 0)
        for r in range(panel.proxy.rowCount())
        if str(panel.proxy.data(panel.proxy.index(r, 0))).startswith("Harbour")
    )
    with qtbot.wait_signal(window.articles.article_changed, timeout=TIMEOUT):
        panel.table.activated.emit(index)
    qtbot.waitUntil(lambda: window.reading.position == position, timeout=TIMEOUT)
    top = window.view.cursorForPosition(window.view.viewport().rect().topLeft()).block()
    assert top.text() == text[position:].split("\n", 1)[0]


def _sha(window: MainWindow, path: Path) -> str:
    from reader.core.article import load

    return load(path).sha256


def test_reading_position_and_zoom_survive_a_restart(
    qtbot: QtBot, make_window: Factory, fake_model: None, tmp_path: Path
) -> None:
    path = tmp_path / "long.txt"
    path.write_text(long_article("Harbour plans"), encoding="utf-8")
    window = make_window()
    open_and_wait(qtbot, window, path)
    window.actions_.zoom_in.trigger()
    window.actions_.zoom_in.trigger()
    qtbot.waitUntil(lambda: window.view.verticalScrollBar().maximum() > 0, timeout=TIMEOUT)
    window.view.verticalScrollBar().setValue(window.view.verticalScrollBar().maximum() // 3)
    position = window.reading.position
    assert position > 0
    font_size = window.view.document().defaultFont().pointSizeF()
    window.close()  # saves the position on the way out

    again = make_window()
    assert again.view.document().defaultFont().pointSizeF() == font_size
    assert again.view.zoom_level() == 2
    with qtbot.wait_signal(again.articles.article_changed, timeout=TIMEOUT):
        again.open_initial()  # the last article read
    qtbot.waitUntil(lambda: again.reading.position == position, timeout=TIMEOUT)
    assert again.view.verticalScrollBar().value() > 0


def test_removing_an_article_asks_and_keeps_its_notes(
    qtbot: QtBot,
    make_window: Factory,
    fake_model: None,
    article_file: Path,
    dialogs: Dialogs,
    db_path: Path,
) -> None:
    window = make_window()
    mentions = open_and_wait(qtbot, window, article_file)
    click(qtbot, window.view, next(m for m in mentions if m.text == "Okafor"))
    card = window.panel.cards[0]
    QTest.keyClicks(card.editor, "Leader of the NAP.")
    qtbot.waitUntil(lambda: card.saved, timeout=5000)
    window.library_dock.show()
    window.library_dock.raise_()
    panel = window.library_panel
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=TIMEOUT)
    qtbot.waitUntil(lambda: panel.model.row_at(0).noted == 1, timeout=TIMEOUT)

    dialogs.answer = False
    panel.remove_requested.emit([panel.model.row_at(0).id])
    assert dialogs.shown[-1][0] == "confirm"
    assert "notes stay" in dialogs.shown[-1][2]
    wait_idle(window)
    assert panel.model.rowCount() == 1, "answering Cancel removes nothing"

    dialogs.answer = True
    panel.table.selectRow(0)
    panel.table.setFocus()
    QTest.keyClick(panel.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0, timeout=TIMEOUT)
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT body FROM notes").fetchall() == [("Leader of the NAP.",)]
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 0


def test_import_shows_progress_and_lands_every_article_once(
    qtbot: QtBot,
    make_window: Factory,
    fake_model: None,
    tmp_path: Path,
    dialogs: Dialogs,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(importer, "BATCH_FILES", 3)
    folder = tmp_path / "saved"
    write_articles(folder / "a", 4)
    write_articles(folder / "b", 3)  # the same texts as three in a/: recognised
    (folder / "broken.txt").write_bytes(b"")
    window = make_window()
    steps: list[tuple[int, int]] = []
    window.importer.progress.connect(lambda done, total: steps.append((done, total)))
    with qtbot.wait_signal(window.importer.finished, timeout=TIMEOUT) as blocker:
        window.importer.start([str(folder)])
        qtbot.waitUntil(lambda: window.importer.widget.isVisible(), timeout=TIMEOUT)
    report = blocker.args[0] if blocker.args else None
    assert report is not None
    assert (len(report.added), len(report.present), len(report.failed)) == (4, 3, 1)
    assert steps[0] == (0, 8)
    assert steps[-1] == (8, 8)
    assert len(steps) >= 3, "progress after each batch"
    assert not window.importer.widget.isVisible()
    assert dialogs.shown[-1][0] == "warn"
    assert "broken.txt" in dialogs.shown[-1][2]
    window.library_dock.show()
    window.library_dock.raise_()
    qtbot.waitUntil(lambda: window.library_panel.model.rowCount() == 4, timeout=TIMEOUT)
    # The model ran during the import: opening one shows its highlights from the cache.
    lib = window.library
    assert all(lib.current_mentions(i) for i in lib.store.all_article_ids())


def test_cancelling_an_import_leaves_only_whole_articles(
    qtbot: QtBot,
    make_window: Factory,
    fake_model: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(importer, "BATCH_FILES", 2)
    write_articles(tmp_path / "many", 10)
    gate = threading.Event()
    from reader.core.nlp import Pipeline

    from .conftest import fake_run_many

    def slow_run_many(
        self: Pipeline, texts: list[str], cancelled: object = None, batch_size: int = 64
    ) -> object:
        gate.wait(TIMEOUT / 1000)
        return fake_run_many(self, texts)

    monkeypatch.setattr(Pipeline, "run_many", slow_run_many)
    window = make_window()
    with qtbot.wait_signal(window.importer.finished, timeout=TIMEOUT) as blocker:
        window.importer.start([str(tmp_path / "many")])
        qtbot.waitUntil(lambda: window.importer.widget.bar.maximum() == 10, timeout=TIMEOUT)
        QTest.mouseClick(window.importer.widget.cancel, Qt.MouseButton.LeftButton)
        assert window.importer.widget.label.text() == "Cancelling…"
        gate.set()
    report = blocker.args[0] if blocker.args else None
    assert report is not None
    assert report.cancelled
    wait_idle(window)
    lib = window.library
    ids = lib.store.all_article_ids()
    assert len(ids) == len(report.added) < 10
    assert all(lib.current_mentions(i) for i in ids), "no article without its highlights"


def test_find_bar_counts_and_steps_and_escape_closes(
    qtbot: QtBot, make_window: Factory, fake_model: None, article_file: Path
) -> None:
    window = make_window()
    open_and_wait(qtbot, window, article_file)
    window.view.setFocus()
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.find_bar
    assert bar.isVisible()
    assert bar.field.hasFocus()
    QTest.keyClicks(bar.field, "port amira")
    assert bar.count.text() == "1 of 2"
    assert window.view.textCursor().selectedText() == "Port Amira"
    first = window.view.textCursor().selectionStart()
    QTest.keyClick(bar.field, Qt.Key.Key_Return)
    assert bar.count.text() == "2 of 2"
    assert window.view.textCursor().selectionStart() > first
    QTest.keyClick(bar.field, Qt.Key.Key_Return)
    assert bar.count.text() == "1 of 2", "wraps around"
    QTest.keyClick(bar.field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count.text() == "2 of 2"
    bar.field.setText("nowhere to be found")
    assert bar.count.text() == "No matches"
    QTest.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert window.view.hasFocus()


def test_search_finds_articles_and_notes_and_opens_hits(
    qtbot: QtBot,
    make_window: Factory,
    fake_model: None,
    article_file: Path,
    tmp_path: Path,
    qtmodeltester: ModelTester,
) -> None:
    window = make_window()
    other = tmp_path / "harbour.txt"
    other.write_text(long_article("Harbour dredging begins"), encoding="utf-8")
    open_and_wait(qtbot, window, other)
    mentions = open_and_wait(qtbot, window, article_file)
    click(qtbot, window.view, next(m for m in mentions if m.text == "Okafor"))
    card = window.panel.cards[0]
    QTest.keyClicks(card.editor, "Studied <b>dredging</b> engineering.")
    qtbot.waitUntil(lambda: card.saved, timeout=5000)

    QTest.keyClick(
        window,
        Qt.Key.Key_F,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    panel = window.search_panel
    assert window.search_dock.isVisible()
    assert panel.field.hasFocus()
    with qtbot.wait_signal(window.searching.searched, timeout=TIMEOUT):
        QTest.keyClicks(panel.field, "dredging")
    check_model(qtmodeltester, panel.model)
    hits = [panel.model.hit_at(r) for r in range(panel.model.rowCount())]
    assert {(h.kind, h.title) for h in hits} == {
        ("article", "Harbour dredging begins"),
        ("note", "Lena Okafor"),
    }
    assert panel.status.text() == "2 hits"
    # What is drawn is escaped: the note's "<b>" is text, only the match is bold.
    note_row = next(r for r, h in enumerate(hits) if h.kind == "note")
    html = str(panel.model.data(panel.model.index(note_row), Qt.ItemDataRole.UserRole + 2))
    assert "&lt;b&gt;<b>dredging</b>&lt;/b&gt;" in html

    article_row = next(r for r, h in enumerate(hits) if h.kind == "article")
    with qtbot.wait_signal(window.articles.article_changed, timeout=TIMEOUT):
        panel.list.activated.emit(panel.model.index(article_row))
    qtbot.waitUntil(
        lambda: window.view.textCursor().selectedText().casefold() == "dredging", timeout=TIMEOUT
    )

    open_and_wait(qtbot, window, article_file)
    window.panel.clear()
    panel.list.activated.emit(panel.model.index(note_row))
    assert window.panel.name.text() == "Lena Okafor"


def test_entities_in_this_article_and_in_the_library(
    qtbot: QtBot,
    make_window: Factory,
    fake_model: None,
    article_file: Path,
    tmp_path: Path,
    qtmodeltester: ModelTester,
) -> None:
    window = make_window()
    other = tmp_path / "other.txt"
    other.write_text("Elsewhere\n\nValdoria sent envoys to Port Amira.\n", encoding="utf-8")
    open_and_wait(qtbot, window, other)
    open_and_wait(qtbot, window, article_file)
    window.entities_dock.show()  # View ▸ Entities (Ctrl+E)
    ents = window.entities_panel
    check_model(qtmodeltester, ents.here)
    names = [ents.here.row_at(r).name for r in range(ents.here.rowCount())]
    assert names == ["Northern Alliance Party", "Valdoria", "Lena Okafor", "Port Amira"]
    assert ents.here_table.horizontalHeader().sortIndicatorSection() == -1  # article order
    ents.here_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # a click on Name
    by_name = [ents.here.row_at(r).name for r in range(ents.here.rowCount())]
    assert by_name == sorted(names, key=str.casefold)
    okafor = by_name.index("Lena Okafor")
    ents.here_table.clicked.emit(ents.here_proxy.mapFromSource(ents.here.index(okafor, 0)))
    assert window.panel.name.text() == "Lena Okafor"
    assert window.view.textCursor().position() == window.view._map.to_qt(
        ents.here.row_at(okafor).first
    )

    ents.setCurrentIndex(1)  # the All tab
    qtbot.waitUntil(lambda: ents.names.rowCount() > 0, timeout=TIMEOUT)
    check_model(qtmodeltester, ents.names)
    check_model(qtmodeltester, ents.names_proxy)
    rows = {
        (ents.names.row_at(r).name, ents.names.row_at(r).kind): ents.names.row_at(r)
        for r in range(ents.names.rowCount())
    }
    assert rows[("Port Amira", Kind.PLACE)].articles == 2
    ents.kind.setCurrentIndex(ents.kind.findData(Kind.PERSON.value))
    shown = {
        str(ents.names_proxy.data(ents.names_proxy.index(r, 0)))
        for r in range(ents.names_proxy.rowCount())
    }
    assert shown == {"Lena Okafor"}
    ents.kind.setCurrentIndex(0)
    QTest.keyClicks(ents.filter, "valdorai")  # a typo
    qtbot.waitUntil(lambda: ents.names.rowCount() == 1, timeout=TIMEOUT)
    assert ents.names.row_at(0).name == "Valdoria"

    # A name only the model found: activating it opens its latest article at that name.
    window.entities.clear()
    ents.entity_requested.emit(rows[("Port Amira", Kind.PLACE)])  # in the article on screen
    assert window.panel.name.text() == "Port Amira"
    third = tmp_path / "third.txt"
    third.write_text("Newest\n\nA storm hit Port Amira overnight.\n", encoding="utf-8")
    with qtbot.wait_signal(window.importer.finished, timeout=TIMEOUT):
        window.importer.start([str(third)])
    window.entities.clear()
    with qtbot.wait_signal(window.articles.mentions_changed, timeout=TIMEOUT):
        ents.entity_requested.emit(rows[("Port Amira", Kind.PLACE)])
    assert window.articles.article is not None
    assert window.articles.article.title == "Newest"
    assert window.panel.name.text() == "Port Amira"
    cursor = window.view.textCursor().position()
    assert window.articles.article.text[cursor:].startswith("Port Amira")


def test_the_library_table_gives_the_title_room_and_any_column_back_on_request(
    qtbot: QtBot, make_window: Factory
) -> None:
    window = make_window()
    window.library_dock.show()
    header = window.library_panel.table.horizontalHeader()
    opened = next(a for a in header.actions() if a.text() == "Opened")
    assert header.isSectionHidden(COLUMNS.index("Opened")), "Opened is hidden at first"
    assert not opened.isChecked()
    opened.trigger()  # the header's right-click menu
    assert not header.isSectionHidden(COLUMNS.index("Opened"))
    shown = [a.text() for a in header.actions() if a.isChecked()]
    assert shown == ["Source", "Date", "Opened", "Groups", "People", "Places", "Notes"]
    assert header.isSectionHidden(COLUMNS.index("Added")), "newest added first, all the same"


@pytest.fixture
def too_long(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path], Path]:
    """The model takes 300 characters at most here; the function writes a longer text."""
    from reader.core import nlp

    monkeypatch.setattr(nlp, "MAX_TEXT", 300)

    def write(path: Path) -> Path:
        path.write_text("Long\n\n" + "The NAP met in Port Amira. " * 30)
        return path

    return write


def test_import_in_the_window_keeps_a_text_too_long_for_the_model(
    qtbot: QtBot,
    make_window: Factory,
    fake_model: None,
    tmp_path: Path,
    too_long: Callable[[Path], Path],
) -> None:
    folder = tmp_path / "saved"
    write_articles(folder, 2)
    too_long(folder / "long.txt")
    window = make_window()
    with qtbot.wait_signal(window.importer.finished, timeout=TIMEOUT) as blocker:
        window.importer.start([str(folder)])
    report = blocker.args[0] if blocker.args else None
    assert report is not None
    assert (len(report.added), report.failed) == (3, [])
    assert [Path(p).name for p in report.unhighlighted] == ["long.txt"]
    assert window.library.store.count_articles() == 3


def test_new_rows_during_an_import_do_not_move_the_list_under_the_reader(
    qtbot: QtBot, make_window: Factory
) -> None:
    from reader.core.catalog import LibraryRow

    def rows(n: int) -> list[LibraryRow]:
        return [
            LibraryRow(
                i, f"Article {i:03}", "site", "", f"2026-01-01T00:{i:04}", "", 0, 0, 0, 0, ""
            )
            for i in range(n)
        ]

    window = make_window()
    window.library_dock.show()
    window.library_dock.raise_()
    wait_idle(window)  # the dock's own first read of the (empty) library is in
    panel = window.library_panel
    panel.set_rows(rows(200))
    table = panel.table
    qtbot.waitUntil(lambda: table.isVisible() and table.verticalScrollBar().maximum() > 0)
    table.scrollTo(panel.proxy.index(120, 0), table.ScrollHint.PositionAtTop)
    qtbot.waitUntil(lambda: table.verticalScrollBar().value() > 0)
    top_before = panel.id_at(table.indexAt(table.viewport().rect().topLeft()))
    panel.set_rows(rows(230))  # newest first: thirty new rows arrive above
    top_after = panel.id_at(table.indexAt(table.viewport().rect().topLeft()))
    assert top_after == top_before


def test_opening_a_text_too_long_to_highlight_says_so_quietly(
    qtbot: QtBot,
    make_window: Factory,
    fake_model: None,
    tmp_path: Path,
    dialogs: Dialogs,
    too_long: Callable[[Path], Path],
) -> None:
    long = too_long(tmp_path / "long.txt")
    window = make_window()
    assert open_and_wait(qtbot, window, long) == []  # no highlights, and no waiting on them
    assert dialogs.shown == [], "no box to dismiss on every open"
    assert "too long for entity recognition" in window.statusBar().currentMessage()
    qtbot.wait(4500)  # other news goes by after four seconds; this stays with the article
    assert "too long for entity recognition" in window.statusBar().currentMessage()
    assert [b.text().split()[-1] for b in window.legend.buttons.values()] == ["0", "0", "0"]


def test_the_library_opens_wide_enough_for_its_columns(qtbot: QtBot, make_window: Factory) -> None:
    window = make_window()
    window.resize(1280, 800)
    window.library_dock.show()
    window.library_dock.raise_()
    qtbot.waitUntil(lambda: window.library_dock.width() >= 500)
    assert window.view.width() >= 400
    title = window.library_panel.table.horizontalHeader().sectionSize(0)
    assert title >= 120, "the title is what tells articles apart"


def test_ctrl_e_brings_the_entities_forward_when_the_library_is_open(
    qtbot: QtBot, make_window: Factory, fake_model: None, article_file: Path
) -> None:
    window = make_window()
    window.show()
    open_and_wait(qtbot, window, article_file)
    shortcuts = {a.shortcut().toString(): a for a in window.findChildren(QAction)}
    shortcuts["Ctrl+L"].trigger()
    qtbot.waitUntil(lambda: not window.library_dock.visibleRegion().isEmpty())
    shortcuts["Ctrl+E"].trigger()  # the two share a tab bar
    assert window.entities_dock.isVisible()
    qtbot.waitUntil(lambda: not window.entities_dock.visibleRegion().isEmpty())
    assert window.library_dock.visibleRegion().isEmpty()  # now behind it
    # Both open: Ctrl+L brings the Library back to the front instead of closing it,
    # and pressed again, with the Library in front, closes it.
    shortcuts["Ctrl+L"].trigger()
    qtbot.waitUntil(lambda: not window.library_dock.visibleRegion().isEmpty())
    assert not window.library_dock.isHidden()
    shortcuts["Ctrl+L"].trigger()
    qtbot.waitUntil(lambda: window.library_dock.isHidden())


def test_a_long_search_hit_shows_its_match_and_says_where_it_was_cut() -> None:
    """A hit's line was clipped at the panel's edge, the bold match beyond it, with no "…"."""
    words = "the talks in the capital went on late into the night and then " * 3
    text = words + "militias withdrew from the border towns before dawn " + words
    at = text.index("militias")
    snippet = Snippet(text, ((at, at + len("militias")),))

    def fits(line: str) -> bool:
        return len(line) <= 60

    shown = fitted(snippet, fits)
    assert fits(shown.text)
    assert shown.text.startswith("…")
    assert shown.text.endswith("…")
    [(start, end)] = shown.marks
    assert shown.text[start:end] == "militias"
    assert start <= 20  # in the first third, with a few words before it
    assert shown.text[1 : start - 1] in text  # the words that lead up to it, whole
    short = Snippet("militias withdrew", ((0, 8),))
    assert fitted(short, fits) == short
    ending = Snippet(words + "militias withdrew", ((len(words), len(words) + 8),))
    assert not fitted(ending, fits).text.endswith("…")  # it ends where the text does
