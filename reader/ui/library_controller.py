"""The library dock's controller: what it lists, opening and removing articles.

The list is read on the query worker (a read-only connection of its own), so
an import that adds articles every second never stalls the window; when it is
read again is `StaleList`'s (only while the dock shows, spaced out).
Removing articles asks first and runs on the writer; notes are never removed.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDockWidget

from reader.core import catalog
from reader.core.changes import Changes
from reader.core.kinds import Kind
from reader.core.library import Library
from reader.ui import dialogs
from reader.ui.jobs import Worker
from reader.ui.library_dock import LibraryDock
from reader.ui.stale_list import StaleList

REFRESH_MS = 300


class LibraryController(QObject):
    """Keeps the library dock's rows current and carries out what it asks.

    Signals:
        article_requested(int): open this article (at its reading position).
        error(str, str): something to tell the user (title, message).
        refreshed(): the dock shows the library as it is now.
    """

    article_requested = Signal(int)
    error = Signal(str, str)
    refreshed = Signal()

    def __init__(
        self,
        panel: LibraryDock,
        dock: QDockWidget,
        library: Library,
        query: Worker[Library],
        writer: Worker[Library],
    ) -> None:
        super().__init__()
        self.panel = panel
        self.dock = dock
        self.library = library
        self.query = query
        self.writer = writer
        self._entity: tuple[int | None, str, Kind, str] | None = None
        self._stale = StaleList(dock, self.reload, REFRESH_MS)
        panel.article_requested.connect(self.article_requested)
        panel.remove_requested.connect(self.remove)
        panel.entity_filter_cleared.connect(self._entity_cleared)

    def apply(self, changes: Changes) -> None:
        """Articles added or removed, highlights recomputed, notes written: re-read soon."""
        if changes.library or changes.articles or changes.notes or changes.entities:
            self._stale.changed()

    def reload(self) -> None:
        """Read the rows again (on the query worker) and show them."""
        self._stale.reading()
        entity = self._entity

        def read(
            lib: Library, _cancelled: object
        ) -> tuple[list[catalog.LibraryRow], frozenset[int] | None, float]:
            started = time.perf_counter()
            rows = catalog.library_rows(lib.store)
            ids = (
                frozenset(catalog.articles_with_entity(lib.store, *entity[:3]))
                if entity is not None
                else None
            )
            return rows, ids, time.perf_counter() - started

        self.query.submit(read, done=self._show, key="library")

    def _show(self, result: tuple[list[catalog.LibraryRow], frozenset[int] | None, float]) -> None:
        rows, ids, took = result
        self._stale.read_took(took)
        self.panel.set_rows(rows)
        if ids is not None and self._entity is not None:
            self.panel.set_entity_filter(self._entity[3], ids)
        self.refreshed.emit()

    def filter_by_entity(self, entity_id: int | None, norm: str, kind: Kind, label: str) -> None:
        """Show only the articles that mention an entity (or a name not yet an entity)."""
        self._entity = (entity_id, norm, kind, label)
        self.dock.show()
        self.dock.raise_()
        self.reload()

    def _entity_cleared(self) -> None:
        self._entity = None

    def remove(self, ids: list[int]) -> None:
        """Remove articles after asking; their notes stay with their entities."""
        n = len(ids)
        what = "this article" if n == 1 else f"these {n} articles"
        question = (
            f"Remove {what} from the library? The text and highlights are removed; "
            "your notes stay, with the entities they are about. The files on disk are not touched."
        )
        if not dialogs.confirm(self.panel, "Remove from Library", question, "Remove"):
            return
        self.writer.submit(
            lambda lib, _c: catalog.remove_articles(lib.store, ids),
            failed=lambda exc: self.error.emit("Articles not removed", str(exc)),
        )
