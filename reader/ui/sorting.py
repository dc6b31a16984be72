"""Sorting a long table in the model itself: one Python sort, not a proxy's comparisons.

A QSortFilterProxyModel sorts by asking the model for two sort keys per
comparison: for 10,000 rows that is some 300,000 calls into Python, over a
second on the GUI thread (issue 8). A `SortedRows` model sorts its own list
once with Python's (stable) sort on the same keys, and filters them too
(`set_filter`), so the proxy in front of it, whose `sort()` hands over to the
model (`source_sort`), runs no Python per row at all.
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
        self._all: list[T] = []  # every row, sorted
        self._rows: list[T] = []  # the rows the filter keeps, sorted
        self._accept: Callable[[T], bool] | None = None
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

    def _kept(self) -> list[T]:
        accept = self._accept
        return list(self._all) if accept is None else [r for r in self._all if accept(r)]

    def set_rows(self, rows: Sequence[T]) -> None:
        """Replace every row, in the current sort order (the filter applies)."""
        self.beginResetModel()
        self._all = self._ordered(list(rows))
        self._rows = self._kept()
        self.endResetModel()

    def set_filter(self, accept: Callable[[T], bool] | None) -> None:
        """Show only the rows `accept` keeps (None: all)."""
        self.beginResetModel()
        self._accept = accept
        self._rows = self._kept()
        self.endResetModel()

    def total(self) -> int:
        """How many rows there are, whether the filter keeps them or not."""
        return len(self._all)

    def row_at(self, row: int) -> T:
        """The item in a row."""
        return self._rows[row]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column (-1: keep the order the rows were given in from now on)."""
        self._sort_column, self._sort_order = column, order
        if column < 0 or not self._all:
            return
        self.layoutAboutToBeChanged.emit()
        old = self._rows
        self._all = self._ordered(self._all)
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
