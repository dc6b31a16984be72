"""The search dock's controller: runs queries on the query worker, opens hits.

A query runs on the query worker (keyed: a newer query supersedes an older
one); a hit on an article opens it at the passage with the matched word
selected, a hit on a note shows the note's entity in the panel.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from reader.core import search
from reader.core.library import Library
from reader.core.search import Hit
from reader.ui.jobs import Worker
from reader.ui.search_dock import SearchDock


class SearchController(QObject):
    """Feeds the search dock and turns hits into intents.

    Signals:
        open_requested(int, int, int): open this article at this offset, selecting this many
            characters.
        entity_requested(int): show this entity (a note's) in the panel.
        searched(list): the hits now shown (list of Hit).
    """

    open_requested = Signal(int, int, int)
    entity_requested = Signal(int)
    searched = Signal(object)

    def __init__(self, panel: SearchDock, library: Library, query: Worker[Library]) -> None:
        super().__init__()
        self.panel = panel
        self.library = library
        self.query = query
        panel.query_changed.connect(self.run)
        panel.hit_activated.connect(self.open_hit)

    def run(self, text: str) -> None:
        """Search for `text` in the background; the hits replace the shown ones."""
        self.query.submit(
            lambda lib, _c: search.search(lib.store, text),
            done=lambda hits: self._show(text, hits),
            key="search",
        )

    def _show(self, text: str, hits: list[Hit]) -> None:
        self.panel.set_hits(text, hits)
        self.searched.emit(hits)

    def open_hit(self, hit: Hit) -> None:
        """An article at the hit, or the entity of a note."""
        if hit.kind == "note":
            if hit.entity_id is not None:
                self.entity_requested.emit(hit.entity_id)
            return
        stored = self.library.store.load_article(hit.id)
        if stored is None:
            return
        offset = search.locate(stored.text, hit)
        length = 0
        if offset is not None and hit.snippet.marks:
            start, end = hit.snippet.marks[0]
            length = end - start
        self.open_requested.emit(hit.id, offset or 0, length)
