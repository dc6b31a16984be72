"""Sorting a long table in the model itself: one Python sort, not a proxy's comparisons.

A QSortFilterProxyModel sorts by asking the model for two sort keys per
comparison: for 10,000 rows that is some 300,000 calls into Python, over a
second on the GUI thread (issue 8). A `SortedRows` model sorts its own list
once with Python's (stable) sort on the same keys, and its `SourceSorted`
proxy only filters, leaving the rows in the model's order.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

T = TypeVar("T")


class SortedRows(QAbstractTableModel, Generic[T]):
    """Rows of `T` kept in the order of the last `sort(column, order)` (-1: as given)."""

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[T] = []
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder

    def sort_key(self, row: T, column: int) -> object:
        """The key a column sorts `row` by."""
        raise NotImplementedError

    def _ordered(self, rows: list[T]) -> list[T]:
        column = self._sort_column
        if column < 0 or column >= self.columnCount():
            return rows
        key: Callable[[T], object] = lambda r: self.sort_key(r, column)  # noqa: E731
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        return sorted(rows, key=key, reverse=descending)  # type: ignore[arg-type]  # keys of one column compare

    def set_rows(self, rows: Sequence[T]) -> None:
        """Replace every row, in the current sort order."""
        self.beginResetModel()
        self._rows = self._ordered(list(rows))
        self.endResetModel()

    def row_at(self, row: int) -> T:
        """The item in a row."""
        return self._rows[row]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column (-1: keep the order the rows were given in from now on)."""
        self._sort_column, self._sort_order = column, order
        if column < 0 or not self._rows:
            return
        self.layoutAboutToBeChanged.emit()
        old = self._rows
        self._rows = self._ordered(old)
        where = {id(r): i for i, r in enumerate(self._rows)}
        persistent = self.persistentIndexList()
        moved = [
            self.index(where[id(old[p.row()])], p.column())
            if 0 <= p.row() < len(old)
            else QModelIndex()
            for p in persistent
        ]
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()


def source_sort(proxy: object, column: int, order: Qt.SortOrder) -> None:
    """A proxy's sort(): the source model sorts; the proxy keeps its rows in that order."""
    from PySide6.QtCore import QSortFilterProxyModel

    assert isinstance(proxy, QSortFilterProxyModel)
    source = proxy.sourceModel()
    if source is not None:
        source.sort(column, order)


Index = QModelIndex | QPersistentModelIndex
