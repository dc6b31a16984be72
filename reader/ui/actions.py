"""Menus and the toolbar: every command the window offers, with its shortcut."""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox, QToolBar

from reader import APP_NAME, __version__
from reader.core import formats
from reader.core.changes import Result
from reader.core.exchange import ImportReport
from reader.core.library import Library
from reader.resources import sample_article
from reader.ui import dialogs, file_dialogs, folders

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow


@dataclass(frozen=True)
class Actions:
    """The window's actions that others (tests, other menus) refer to."""

    open: QAction
    recent_menu: QMenu
    undo: QAction
    redo: QAction
    back: QAction
    forward: QAction
    zoom_in: QAction
    zoom_out: QAction


_TEXT_KEYS = frozenset({"Backspace", "Shift+Backspace"})


def keys(*wanted: QKeySequence.StandardKey | str) -> list[QKeySequence]:
    """The shortcuts wanted, each once.

    A standard key that already is the written-out one on this platform ("Back"
    is Alt+Left on Linux) would make both ambiguous, and Qt then ignores the key.
    Some platforms also bind Back to a bare Backspace: that key takes a review
    decision back, so it is left out.
    """
    seen: dict[str, QKeySequence] = {}
    for want in wanted:
        for sequence in (
            QKeySequence.keyBindings(want)
            if isinstance(want, QKeySequence.StandardKey)
            else [QKeySequence(want)]
        ):
            if not sequence.isEmpty() and sequence.toString() not in _TEXT_KEYS:
                seen.setdefault(sequence.toString(), sequence)
    return list(seen.values())


def choose_file(window: MainWindow) -> None:
    """File ▸ Open: the dialog starts where articles were last taken from."""
    article = window.articles.article
    start = folders.start(article.path if article else None)
    path = file_dialogs.open_file(window, "Open Article", start, formats.open_filter())
    if path:
        folders.remember(path)
        window.open_path(path)


def _fill_recent(window: MainWindow, menu: QMenu) -> None:
    menu.clear()
    rows = window.library.recent(10)
    for row in rows:
        action = menu.addAction((row.title or Path(row.path).name).replace("&", "&&"))
        action.setToolTip(row.path)
        action.setEnabled(Path(row.path).is_file())
        action.triggered.connect(lambda _=False, p=row.path: window.open_path(p))
    if not rows:
        menu.addAction("No recent articles").setEnabled(False)


def _export(window: MainWindow, kind: str) -> None:
    """File ▸ Export: ask where, then write it in the background."""
    if kind == "json":
        path = file_dialogs.save_file(
            window, "Export Knowledge", str(Path.home() / "reader-knowledge.json"), "JSON (*.json)"
        )
    else:
        path = file_dialogs.existing_folder(window, "Export Notes as Markdown", str(Path.home()))
    if not path:
        return
    target = Path(path)

    def run(lib: Library, _cancelled: object) -> int:
        return lib.export_json(target) if kind == "json" else lib.export_markdown(target)

    window.writer.submit(
        run,
        done=lambda n: window.statusBar().showMessage(f"Exported {n} entities to {target}", 8000),
        failed=lambda exc: window.show_error("Export failed", str(exc)),
    )


def _import_knowledge(window: MainWindow) -> None:
    """File ▸ Import Knowledge: merge an export; say what was added and what conflicted."""
    path = file_dialogs.open_file(
        window, "Import Knowledge", str(Path.home()), "Reader exports (*.json)"
    )
    if not path:
        return
    source = Path(path)

    def done(result: Result[ImportReport]) -> None:
        r = result.value
        summary = (
            f"{r.entities_added} entities added, {r.entities_merged} merged, "
            f"{r.notes_added} notes added, {r.dismissals_added} dismissals added."
        )
        if r.conflicts:
            listed = "\n".join(f"• {c}" for c in r.conflicts[:20])
            more = f"\n… and {len(r.conflicts) - 20} more" if len(r.conflicts) > 20 else ""
            dialogs.warn(window, "Imported, with conflicts", f"{summary}\n\n{listed}{more}")
        else:
            window.statusBar().showMessage(summary, 8000)

    window.writer.submit(
        lambda lib, _c: lib.import_knowledge(source),
        done=done,
        failed=lambda exc: window.show_error("Cannot import knowledge", str(exc)),
    )


def _about(window: MainWindow) -> None:
    QMessageBox.about(
        window,
        f"About {APP_NAME}",
        f"<h3>{APP_NAME} {__version__}</h3>"
        "<p>Read saved articles with their groups, people and places highlighted, "
        "and keep your own notes on each of them.</p>"
        f"<p>Language model: {html.escape(window.library.pipeline_name)}<br>"
        f"Library: {html.escape(str(window.db_path))}</p>",
    )


def build_actions(window: MainWindow) -> Actions:
    """Create the menus and the toolbar of `window`."""
    file_menu = window.menuBar().addMenu("&File")
    open_action = QAction("&Open…", window)
    open_action.setShortcut(QKeySequence.StandardKey.Open)
    open_action.triggered.connect(lambda: choose_file(window))
    file_menu.addAction(open_action)
    recent_menu = QMenu("Open &Recent", window)
    recent_menu.setObjectName("recentMenu")
    recent_menu.aboutToShow.connect(lambda: _fill_recent(window, recent_menu))
    file_menu.addMenu(recent_menu)
    sample = QAction("Open the &Sample Article", window)
    sample.triggered.connect(lambda: window.open_path(str(sample_article())))
    file_menu.addAction(sample)
    file_menu.addSeparator()
    export_json = QAction("&Export Knowledge…", window)
    export_json.setToolTip("Everything you wrote and corrected, as one JSON file")
    export_json.triggered.connect(lambda: _export(window, "json"))
    export_md = QAction("Export Notes as &Markdown…", window)
    export_md.setToolTip("One Markdown file per entity, for Obsidian and other note apps")
    export_md.triggered.connect(lambda: _export(window, "markdown"))
    import_knowledge = QAction("Import &Knowledge…", window)
    import_knowledge.setToolTip("Merge a knowledge export from another Reader library")
    import_knowledge.triggered.connect(lambda: _import_knowledge(window))
    file_menu.addActions([export_json, export_md, import_knowledge])
    file_menu.addSeparator()
    quit_action = QAction("&Quit", window)
    quit_action.setShortcut(QKeySequence.StandardKey.Quit)
    quit_action.triggered.connect(window.close)
    file_menu.addAction(quit_action)

    edit_menu = window.menuBar().addMenu("&Edit")
    edit_menu.setObjectName("editMenu")
    stack = window.corrections.undo_stack
    undo = window.corrections.undo_action
    undo.setShortcuts(keys(QKeySequence.StandardKey.Undo))
    redo = stack.createRedoAction(window, "&Redo")
    redo.setShortcuts(keys(QKeySequence.StandardKey.Redo, "Ctrl+Shift+Z"))
    edit_menu.addActions([undo, redo])

    view_menu = window.menuBar().addMenu("&View")
    view_menu.setObjectName("viewMenu")
    for kind, button in window.legend.buttons.items():
        action = QAction(f"Highlight {kind.plural}", window)
        action.setCheckable(True)
        action.setChecked(True)
        action.toggled.connect(button.setChecked)
        button.toggled.connect(action.setChecked)
        view_menu.addAction(action)
    view_menu.addSeparator()
    view_menu.addAction(window.dock.toggleViewAction())
    zoom_in = QAction("Larger Text", window)
    zoom_in.setShortcuts(keys(QKeySequence.StandardKey.ZoomIn, "Ctrl+="))
    zoom_in.triggered.connect(lambda: window.view.zoom(1))
    zoom_out = QAction("Smaller Text", window)
    zoom_out.setShortcut(QKeySequence.StandardKey.ZoomOut)
    zoom_out.triggered.connect(lambda: window.view.zoom(-1))
    view_menu.addActions([zoom_in, zoom_out])

    go_menu = window.menuBar().addMenu("&Go")
    back = QAction("&Back", window)
    back.setShortcuts(keys(QKeySequence.StandardKey.Back, "Alt+Left"))
    back.triggered.connect(window.entities.back)
    forward = QAction("&Forward", window)
    forward.setShortcuts(keys(QKeySequence.StandardKey.Forward, "Alt+Right"))
    forward.triggered.connect(window.entities.forward)
    next_mention = QAction("&Next Mention of This Entity", window)
    next_mention.setShortcut(QKeySequence("Alt+Down"))
    next_mention.triggered.connect(lambda: window.entities.next_mention(True))
    previous_mention = QAction("&Previous Mention of This Entity", window)
    previous_mention.setShortcut(QKeySequence("Alt+Up"))
    previous_mention.triggered.connect(lambda: window.entities.next_mention(False))
    go_menu.addActions([back, forward])
    go_menu.addSeparator()
    go_menu.addActions([next_mention, previous_mention])

    # Library, entities, import, find and search (issue 8): one block, see library_actions.py.
    from reader.ui.library_actions import add_library_actions

    add_library_actions(window, file_menu, quit_action, edit_menu, view_menu)

    help_menu = window.menuBar().addMenu("&Help")
    about = QAction(f"&About {APP_NAME}", window)
    about.triggered.connect(lambda: _about(window))
    help_menu.addAction(about)

    toolbar = QToolBar("Main", window)
    toolbar.setObjectName("mainToolbar")
    toolbar.setMovable(False)
    toolbar.addAction(open_action)
    toolbar.addAction(window.library_dock.toggleViewAction())
    toolbar.addAction(window.entities_dock.toggleViewAction())
    toolbar.addSeparator()
    toolbar.addWidget(window.legend)
    window.addToolBar(toolbar)
    return Actions(open_action, recent_menu, undo, redo, back, forward, zoom_in, zoom_out)


# --- reading: panel, zoom reset, review mode, preferences (issue 9) ------------------------


@dataclass(frozen=True)
class ReadingActions:
    """Commands for reading comfortably: the panel, zoom, review mode, preferences."""

    toggle_panel: QAction
    zoom_reset: QAction
    review: QAction
    preferences: QAction


def build_reading_actions(window: MainWindow) -> ReadingActions:
    """Add the reading commands to the Edit and View menus of `window`."""
    edit_menu = window.menuBar().findChild(QMenu, "editMenu")
    view_menu = window.menuBar().findChild(QMenu, "viewMenu")
    assert isinstance(edit_menu, QMenu)
    assert isinstance(view_menu, QMenu)

    preferences = QAction("&Preferences…", window)
    preferences.setShortcut(QKeySequence("Ctrl+,"))
    preferences.setMenuRole(QAction.MenuRole.PreferencesRole)
    preferences.triggered.connect(lambda: window.preferences.edit(window))
    edit_menu.addSeparator()
    edit_menu.addAction(preferences)

    toggle_panel = window.dock.toggleViewAction()
    toggle_panel.setText("Entity &Panel")
    toggle_panel.setShortcut(QKeySequence("F9"))
    toggle_panel.setToolTip("Show or hide the entity panel (F9)")

    zoom_reset = QAction("Actual Size", window)
    zoom_reset.setShortcut(QKeySequence("Ctrl+0"))
    zoom_reset.triggered.connect(lambda: window.view.set_zoom_level(0))
    view_menu.addAction(zoom_reset)

    review = QAction("&Review Highlights", window)
    review.setObjectName("reviewAction")
    review.setCheckable(True)
    review.setShortcut(QKeySequence("Ctrl+R"))
    review.setToolTip(
        "Go through the highlights with one key each: A accept, X not an entity, "
        "1/2/3 group/person/place, E extend, Backspace undo (Ctrl+R)"
    )
    review.triggered.connect(window.review.set_active)
    window.review.active_changed.connect(review.setChecked)
    view_menu.addSeparator()
    view_menu.addAction(review)
    toolbar = window.findChild(QToolBar, "mainToolbar")
    if isinstance(toolbar, QToolBar):
        toolbar.addSeparator()
        toolbar.addAction(review)
    return ReadingActions(toggle_panel, zoom_reset, review, preferences)
