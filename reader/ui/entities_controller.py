"""The entities dock's controller: the library's names, the article's entities, activation.

Every name of the library is read on the query worker (it scans the
mentions), only while the dock is visible, and again after changes that can
alter it. Filtering ranks the names in memory with rapidfuzz. Activating an
entity of the knowledge base shows it in the entity panel by id; a name not
yet in it opens the most recent article that mentions it, at that mention.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QDockWidget

from reader.core import catalog
from reader.core.catalog import NameRow
from reader.core.changes import Changes
from reader.core.library import Library
from reader.core.overlay import Mention
from reader.ui.entities_dock import EntitiesDock, InArticle
from reader.ui.jobs import Worker
from reader.ui.stale_list import StaleList

REFRESH_MS = 500
FILTER_MS = 150


def article_entities(mentions: list[Mention]) -> list[InArticle]:
    """The distinct entities of an article's mentions, in order of first appearance."""
    found: dict[tuple[object, ...], InArticle] = {}
    for m in sorted(mentions, key=lambda m: m.start):
        key: tuple[object, ...] = (
            ("id", m.entity_id) if m.entity_id is not None else ("key", m.key, m.kind)
        )
        seen = found.get(key)
        if seen is None:
            found[key] = InArticle(m.key, m.kind, 1, m.start, m.entity_id)
        else:
            found[key] = InArticle(seen.name, seen.kind, seen.count + 1, seen.first, seen.entity_id)
    return list(found.values())


class EntitiesController(QObject):
    """Feeds the entities dock and turns its requests into intents for the window.

    Signals:
        entity_requested(int): show this entity (by id) in the entity panel.
        open_requested(int, int): open this article at this mention and show it.
        mention_requested(int): jump to this mention in the article on screen and show it.
        articles_requested(object): filter the library to a name's articles (a NameRow).
        refreshed(): the *All* tab shows the library's names as they are now.
    """

    entity_requested = Signal(int)
    open_requested = Signal(int, int)
    mention_requested = Signal(int)
    articles_requested = Signal(object)
    refreshed = Signal()

    def __init__(
        self, panel: EntitiesDock, dock: QDockWidget, library: Library, query: Worker[Library]
    ) -> None:
        super().__init__()
        self.panel = panel
        self.dock = dock
        self.library = library
        self.query = query
        self._rows: list[NameRow] = []
        self._stale = StaleList(dock, self.reload, REFRESH_MS)
        self._filter = QTimer(self)
        self._filter.setSingleShot(True)
        self._filter.setInterval(FILTER_MS)
        self._filter.timeout.connect(self._show_names)
        panel.query_changed.connect(lambda _q: self._filter.start())
        panel.entity_requested.connect(self.activate)
        panel.articles_requested.connect(self.articles_requested)
        panel.mention_requested.connect(self.mention_requested)

    def show_article(self, mentions: list[Mention]) -> None:
        """The article on screen has these highlights."""
        self.panel.set_article_entities(article_entities(mentions))

    def apply(self, changes: Changes) -> None:
        """Anything that can change the list of names: read it again soon."""
        if changes.library or changes.knowledge or changes.entities or changes.articles:
            self._stale.changed()

    def reload(self) -> None:
        """Read every name again, on the query worker."""
        self._stale.reading()
        self.query.submit(self._read, done=self._loaded, key="names")

    def _read(self, lib: Library, _cancelled: object) -> tuple[list[NameRow], float]:
        started = time.perf_counter()
        return catalog.name_rows(lib.store), time.perf_counter() - started

    def _loaded(self, result: tuple[list[NameRow], float]) -> None:
        rows, took = result
        self._stale.read_took(took)
        self._rows = rows
        self._show_names()
        self.refreshed.emit()

    def _show_names(self) -> None:
        query = self.panel.filter.text()
        self.panel.set_names(catalog.rank_names(query, self._rows), ranked=bool(query.strip()))

    def activate(self, row: NameRow) -> None:
        """Show an entity: by id in the panel, or (a name only) at its latest mention."""
        if row.entity_id is not None:
            self.entity_requested.emit(row.entity_id)
            return
        found = catalog.first_mention(self.library.store, None, row.norm, row.kind)
        if found is not None:
            self.open_requested.emit(*found)
