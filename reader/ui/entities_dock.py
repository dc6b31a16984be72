"""The entities dock: every entity of the library, and the entities of the article on screen.

Two tabs over virtualised views. *All* lists the user's entities (with their
other names and notes) and every other name the model found, filterable by
kind and by name (ranked by rapidfuzz, typos forgiven). *In this article*
lists the article's entities with how often each occurs. The dock emits ids
and text: which entity to show, which mention to jump to.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reader.core.catalog import NameRow
from reader.core.kinds import ORDER, Kind
from reader.ui.library_dock import SORT_ROLE
from reader.ui.sorting import SortedRows, source_sort

Index = QModelIndex | QPersistentModelIndex
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class InArticle:
    """One entity of the article on screen: its name, kind, mentions and where it first is."""

    name: str
    kind: Kind
    count: int
    first: int  # offset of its first mention
    entity_id: int | None


class _Table(SortedRows[T]):
    """A read-only table of plain-text cells, sorted in the model; subclasses name the columns."""

    columns: tuple[str, ...] = ()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        """The rows (a table: no children)."""
        return 0 if parent.isValid() else self._size()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        """The columns."""
        return 0 if parent.isValid() else len(self.columns)

    def headerData(  # noqa: N802 - Qt API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        """Column names."""
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.columns)
        ):
            return self.columns[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Display text, sort keys, right-aligned counts."""
        if not index.isValid() or not 0 <= index.row() < self._size():
            return None
        shown, key = self._cell(index.row(), index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return shown
        if role == SORT_ROLE:
            return key
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(shown, int):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _size(self) -> int:
        return len(self._rows)

    def _cell(self, row: int, column: int) -> tuple[object, object]:
        return self.cell(self._rows[row], column)

    def cell(self, r: T, column: int) -> tuple[object, object]:
        """(what a cell shows, its sort key)."""
        raise NotImplementedError

    def sort_key(self, row: T, column: int) -> object:
        """The sort key of a cell."""
        return self.cell(row, column)[1]


class NamesModel(_Table[NameRow]):
    """Every entity and name of the library."""

    columns = ("Name", "Kind", "Also called", "Articles", "Notes")

    def cell(self, r: NameRow, column: int) -> tuple[object, object]:
        """(what a cell shows, its sort key)."""
        if column == 0:
            return r.name, r.name.casefold()
        if column == 1:
            return r.kind.label, ORDER.index(r.kind)
        if column == 2:
            aliases = ", ".join(r.aliases)
            return aliases, aliases.casefold()
        if column == 3:
            return r.articles, r.articles
        return r.notes or "", r.notes


class InArticleModel(_Table[InArticle]):
    """The entities of the article on screen, in order of first appearance (or sorted)."""

    columns = ("Name", "Kind", "Mentions")

    def cell(self, r: InArticle, column: int) -> tuple[object, object]:
        """(what a cell shows, its sort key)."""
        return [
            (r.name, r.name.casefold()),
            (r.kind.label, ORDER.index(r.kind)),
            (r.count, r.count),
        ][column]


class KindFilter(QSortFilterProxyModel):
    """Rows of one kind (None: all), in the order the model sorted them.

    The model filters and sorts its own rows (`SortedRows`), one pass of
    Python per change rather than a call per row from C++.
    """

    def __init__(self) -> None:
        super().__init__()
        self.setSortRole(SORT_ROLE)
        self._kind: Kind | None = None

    def set_kind(self, kind: Kind | None) -> None:
        """Keep only this kind."""
        self._kind = kind
        model = self.sourceModel()
        assert isinstance(model, NamesModel | InArticleModel)
        model.set_filter(None if kind is None else self.accepts)

    def accepts(self, row: NameRow | InArticle) -> bool:
        """The kind filter."""
        return self._kind is None or row.kind is self._kind

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """The model sorts its rows (one Python sort); this proxy keeps their order."""
        source_sort(self, column, order)


def _table(model: QSortFilterProxyModel, name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(24)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the name takes the rest
    for column in range(1, model.columnCount()):
        header.resizeSection(column, 64)
    return view


class EntitiesDock(QTabWidget):
    """*All* entities and *In this article*.

    Signals:
        entity_requested(object): show this entity (a NameRow) in the panel.
        articles_requested(object): filter the library to this entity's articles (a NameRow).
        query_changed(str): the name filter changed (the controller ranks the names).
        mention_requested(int): jump to the mention starting at this offset.
    """

    entity_requested = Signal(object)
    articles_requested = Signal(object)
    query_changed = Signal(str)
    mention_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entitiesPanel")
        self.names = NamesModel()
        self.names_proxy = KindFilter()
        self.names_proxy.setSourceModel(self.names)
        self.filter = QLineEdit()
        self.filter.setObjectName("entitiesFilter")
        self.filter.setPlaceholderText("Find a name (typos forgiven)")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.query_changed)
        self.kind = QComboBox()
        self.kind.setObjectName("entitiesKind")
        self.kind.addItem("All kinds", None)
        for kind in ORDER:
            self.kind.addItem(kind.plural, kind.value)
        self.kind.currentIndexChanged.connect(
            lambda _i: self.names_proxy.set_kind(
                Kind(self.kind.currentData()) if self.kind.currentData() else None
            )
        )
        self.table = _table(self.names_proxy, "entitiesTable")
        self.table.horizontalHeader().resizeSection(2, 120)  # "Also called"
        self.table.activated.connect(lambda i: self.entity_requested.emit(self._name_at(i)))
        show_articles = QAction("Show Its Articles in the Library", self.table)
        show_articles.triggered.connect(self._articles_of_current)
        self.table.addAction(show_articles)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.status = QLabel()
        self.status.setObjectName("entitiesCount")
        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.kind)
        everything = QWidget()
        column = QVBoxLayout(everything)
        column.setContentsMargins(6, 6, 6, 6)
        column.addLayout(top)
        column.addWidget(self.table, 1)
        column.addWidget(self.status)

        self.here = InArticleModel()
        self.here_proxy = KindFilter()
        self.here_proxy.setSourceModel(self.here)
        self.here_table = _table(self.here_proxy, "articleEntitiesTable")
        # In the order of first appearance until a header is clicked: no arrow claims
        # otherwise (a tester saw one on Name over rows in article order).
        self.here_table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.here_table.clicked.connect(self._jump)
        self.here_table.activated.connect(self._jump)
        self.addTab(self.here_table, "In This Article")
        self.addTab(everything, "All")

    def _name_at(self, index: QModelIndex) -> NameRow:
        return self.names.row_at(self.names_proxy.mapToSource(index).row())

    def _articles_of_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.articles_requested.emit(self._name_at(index))

    def _jump(self, index: QModelIndex) -> None:
        row = self.here.row_at(self.here_proxy.mapToSource(index).row())
        self.mention_requested.emit(row.first)

    def set_names(self, rows: Sequence[NameRow], ranked: bool) -> None:
        """Show these names: ranked best first (a name filter), else sorted by name."""
        if ranked:
            self.names_proxy.sort(-1)  # keep the ranking
            self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.names.set_rows(rows)
        self.status.setText(f"{len(rows)} name{'s' if len(rows) != 1 else ''}")

    def set_article_entities(self, rows: Sequence[InArticle]) -> None:
        """Show the entities of the article on screen."""
        self.here.set_rows(rows)
