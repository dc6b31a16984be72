"""The library dock: every saved article in a sortable, filterable table.

A virtualised `QTableView` over `LibraryModel` (one row per article, built for
10,000 of them), filtered by text (title, source, date) and by entity (the
articles that mention one), sorted by any column. The dock reports intents
as ids: open an article, remove some, clear the entity filter.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence

from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.catalog import LibraryRow
from reader.ui.sorting import SortedRows, source_sort

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
COLUMNS = ("Title", "Source", "Date", "Added", "Opened", "Groups", "People", "Places", "Notes")
_TOOLTIPS = {
    "Groups": "distinct groups named in the article",
    "People": "distinct people named in the article",
    "Places": "distinct places named in the article",
    "Notes": "how many of its entities have a note",
}


def _day(iso: str) -> str:
    return iso[:10] if iso else "—"


class LibraryModel(SortedRows[LibraryRow]):
    """Saved articles as table rows; SORT_ROLE gives each cell's sort key, ID_ROLE the id.

    The rows are sorted here (`SortedRows`), by the same keys: sorting 10,000
    rows through the proxy took 1.5 s on the GUI thread.
    """

    def sort_key(self, row: LibraryRow, column: int) -> object:
        """The sort key of a cell."""
        return _cell(row, COLUMNS[column])[1]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        """One row per article (a table: no children)."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        """The COLUMNS."""
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(  # noqa: N802 - Qt API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        """Column names, with a tooltip on the counts."""
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return _TOOLTIPS.get(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Plain text cells (never markup), sort keys and ids."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        column = COLUMNS[index.column()]
        if role == ID_ROLE:
            return r.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return r.path if column in ("Title", "Source") else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column in ("Groups", "People", "Places", "Notes"):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        shown, key = _cell(r, column)
        if role == Qt.ItemDataRole.DisplayRole:
            return shown
        if role == SORT_ROLE:
            return key
        return None


def _cell(r: LibraryRow, column: str) -> tuple[object, object]:
    """(what a cell shows, its sort key)."""
    if column == "Title":
        return r.title, r.title.casefold()
    if column == "Source":
        return r.source, r.source.casefold()
    if column == "Date":
        return r.date, r.day or r.date
    if column == "Added":
        return _day(r.added_at), r.added_at
    if column == "Opened":
        return _day(r.opened_at), r.opened_at
    if column == "Groups":
        return r.groups, r.groups
    if column == "People":
        return r.people, r.people
    if column == "Places":
        return r.places, r.places
    return r.noted or "", r.noted


class LibraryFilter(QSortFilterProxyModel):
    """Rows whose title, source or date contain the text, and that mention the chosen entity.

    The model filters and sorts its own rows (one pass of Python per change, not
    a call per row from C++): this proxy passes them through.
    """

    def __init__(self) -> None:
        super().__init__()
        self.setSortRole(SORT_ROLE)
        self._text = ""
        self._ids: frozenset[int] | None = None

    def set_text(self, text: str) -> None:
        """Keep rows containing every word of `text` (any case)."""
        self._text = text.casefold()
        self._refilter()

    def set_ids(self, ids: frozenset[int] | None) -> None:
        """Keep only these articles (None: all)."""
        self._ids = ids
        self._refilter()

    def _refilter(self) -> None:
        model = self.sourceModel()
        assert isinstance(model, LibraryModel)
        model.set_filter(self.accepts if self._text or self._ids is not None else None)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The model sorts its rows (one Python sort); this proxy keeps their order."""
        source_sort(self, column, order)

    def accepts(self, row: LibraryRow) -> bool:
        """Both filters."""
        if self._ids is not None and row.id not in self._ids:
            return False
        if not self._text:
            return True
        haystack = f"{row.title}\n{row.source}\n{row.date}".casefold()
        return all(word in haystack for word in self._text.split())


class LibraryDock(QWidget):
    """The library: a filter line, an entity filter chip, and the table.

    Signals:
        article_requested(int): open this article (double-click or Enter).
        remove_requested(list): remove these articles (ids), after asking.
        entity_filter_cleared(): the user removed the entity filter.
    """

    article_requested = Signal(int)
    remove_requested = Signal(object)
    entity_filter_cleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("libraryPanel")
        self.model = LibraryModel()
        self.proxy = LibraryFilter()
        self.proxy.setSourceModel(self.model)
        self.filter = QLineEdit()
        self.filter.setObjectName("libraryFilter")
        self.filter.setPlaceholderText("Filter by title, source or date")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter_text)
        self.entity_label = QLabel()
        self.entity_label.setObjectName("libraryEntityFilter")
        self.entity_label.setTextFormat(Qt.TextFormat.PlainText)
        self.entity_clear = QToolButton()
        self.entity_clear.setText("✕")
        self.entity_clear.setToolTip("Show every article")
        self.entity_clear.clicked.connect(self.clear_entity_filter)
        chip = QHBoxLayout()
        chip.setContentsMargins(0, 0, 0, 0)
        chip.addWidget(self.entity_label, 1)
        chip.addWidget(self.entity_clear)
        self.chip = QWidget()
        self.chip.setLayout(chip)
        self.chip.hide()
        self.table = QTableView()
        self.table.setObjectName("libraryTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COLUMNS.index("Added"), Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the title takes the rest
        header.setMinimumSectionSize(40)
        widths = {"Source": 90, "Date": 84, "Added": 84, "Opened": 84}
        for i, name in enumerate(COLUMNS[1:], start=1):
            header.resizeSection(i, widths.get(name, 48))
        # The title needs the room more than when an article was added or last
        # opened (newest added still come first): a right click on the header
        # shows any column again.
        for hidden in ("Added", "Opened"):
            header.setSectionHidden(COLUMNS.index(hidden), True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        for i, name in enumerate(COLUMNS[1:], start=1):
            toggle = QAction(name, header)
            toggle.setCheckable(True)
            toggle.setChecked(not header.isSectionHidden(i))
            toggle.toggled.connect(lambda on, i=i: header.setSectionHidden(i, not on))
            header.addAction(toggle)
        self.table.activated.connect(lambda index: self.article_requested.emit(self.id_at(index)))
        remove = QAction("Remove from Library…", self.table)
        remove.setShortcut(QKeySequence.StandardKey.Delete)
        remove.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        remove.triggered.connect(self._remove_selected)
        self.table.addAction(remove)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.count = QLabel()
        self.count.setObjectName("libraryCount")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.filter)
        layout.addWidget(self.chip)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self.proxy.rowsInserted.connect(self._count)
        self.proxy.rowsRemoved.connect(self._count)
        self.proxy.modelReset.connect(self._count)
        self.proxy.layoutChanged.connect(self._count)

    def id_at(self, index: QModelIndex) -> int:
        """The article id in a (proxy) row."""
        return int(self.proxy.data(index, ID_ROLE))

    def set_rows(self, rows: Sequence[LibraryRow]) -> None:
        """Show these articles (filters, sort order, the selection and the scroll stay)."""
        with self._selection_kept(), self._scroll_kept():
            self.model.set_rows(rows)

    @contextlib.contextmanager
    def _scroll_kept(self) -> Iterator[None]:
        """The article at the top stays at the top (an import adds rows while you look)."""
        bar = self.table.verticalScrollBar()
        top = self.table.indexAt(self.table.viewport().rect().topLeft())
        anchor = self.id_at(top) if top.isValid() and bar.value() > 0 else None
        yield
        if anchor is None:
            return
        for r in range(self.model.rowCount()):
            if self.model.row_at(r).id == anchor:
                index = self.proxy.mapFromSource(self.model.index(r, 0))
                if index.isValid():
                    self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtTop)
                return

    @contextlib.contextmanager
    def _selection_kept(self) -> Iterator[None]:
        """The selected articles stay selected through a reset of the rows."""
        selected = {self.id_at(i) for i in self.table.selectionModel().selectedRows()}
        yield
        if not selected:
            return
        selection = QItemSelection()
        for r in range(self.model.rowCount()):
            if self.model.row_at(r).id in selected:
                index = self.proxy.mapFromSource(self.model.index(r, 0))
                selection.select(index, index)
        self.table.selectionModel().select(
            selection,
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )

    def _filter_text(self, text: str) -> None:
        with self._selection_kept():
            self.proxy.set_text(text)

    def set_entity_filter(self, label: str, ids: frozenset[int]) -> None:
        """Show only the articles that mention an entity."""
        self.entity_label.setText(f"Mentioning “{label}”")
        self.chip.show()
        with self._selection_kept():
            self.proxy.set_ids(ids)

    def clear_entity_filter(self) -> None:
        """Show every article again."""
        self.chip.hide()
        with self._selection_kept():
            self.proxy.set_ids(None)
        self.entity_filter_cleared.emit()

    def visible_titles(self) -> list[str]:
        """Titles in the order shown (what the user sees, for tests and tools)."""
        return [str(self.proxy.data(self.proxy.index(r, 0))) for r in range(self.proxy.rowCount())]

    def _remove_selected(self) -> None:
        ids = sorted({self.id_at(i) for i in self.table.selectionModel().selectedRows()})
        if ids:
            self.remove_requested.emit(ids)

    def _count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.total()
        word = "article" if total == 1 else "articles"
        self.count.setText(
            f"{total} {word}" if shown == total else f"{shown} of {total} {word} shown"
        )
