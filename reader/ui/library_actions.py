"""Menu entries of the library, entities, import, find and search (issue 8), in one block.

Called once from `build_actions`, so the window's other menus stay as they are.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMenu

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow


def add_library_actions(
    window: MainWindow,
    file_menu: QMenu,
    before: QAction,
    edit_menu: QMenu,
    view_menu: QMenu,
) -> None:
    """File ▸ Import…, Edit ▸ Find…, View ▸ Search, Library, Entities."""
    import_files = QAction("&Import…", window)
    import_files.setObjectName("importAction")
    import_files.setShortcut(QKeySequence("Ctrl+I"))
    import_files.triggered.connect(lambda: window.importer.choose_files(window))
    import_folder = QAction("Import &Folder…", window)
    import_folder.triggered.connect(lambda: window.importer.choose_folder(window))
    file_menu.insertActions(before, [import_files, import_folder])
    file_menu.insertSeparator(before)

    find = QAction("&Find in Article…", window)
    find.setShortcut(QKeySequence.StandardKey.Find)
    find.triggered.connect(window.find_bar.open_bar)
    find_next = QAction("Find &Next", window)
    find_next.setShortcut(QKeySequence.StandardKey.FindNext)
    find_next.triggered.connect(lambda: window.find_bar.step(True))
    find_previous = QAction("Find &Previous", window)
    find_previous.setShortcut(QKeySequence.StandardKey.FindPrevious)
    find_previous.triggered.connect(lambda: window.find_bar.step(False))
    search = QAction("&Search Everything…", window)
    search.setShortcut(QKeySequence("Ctrl+Shift+F"))
    search.triggered.connect(window.show_search)
    edit_menu.addSeparator()
    edit_menu.addActions([find, find_next, find_previous, search])

    view_menu.addSeparator()
    for dock, shortcut in (
        (window.library_dock, "Ctrl+L"),
        (window.entities_dock, "Ctrl+E"),
        (window.search_dock, None),
    ):
        toggle = dock.toggleViewAction()
        _bring_forward_when_behind(dock, toggle)
        if shortcut:
            toggle.setShortcut(QKeySequence(shortcut))
            toggle.setToolTip(f"Show or hide the {dock.windowTitle().lower()} ({shortcut})")
        view_menu.addAction(toggle)


def _bring_forward_when_behind(dock: QDockWidget, toggle: QAction) -> None:
    """Shown means in front: Ctrl+E on Entities tabbed behind the Library raises it.

    Qt's toggle would hide a dock that is open but behind another's tab; the
    last visibility Qt reported while the dock was not hidden by the user says
    whether it was in front.
    """
    in_front = [dock.isVisible()]

    def seen(visible: bool) -> None:
        if not dock.isHidden():
            in_front[0] = visible

    def toggled(checked: bool) -> None:
        if checked:
            dock.raise_()
        elif not in_front[0]:  # it was open behind a tab: bring it forward instead
            dock.show()
            dock.raise_()

    dock.visibilityChanged.connect(seen)
    toggle.triggered.connect(toggled)
