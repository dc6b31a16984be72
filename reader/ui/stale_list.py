"""When a dock's list is read again: soon after a change, but only while it shows.

The library and entities docks list every article or name of the library. A
change (an import adds articles every second) marks the list stale; it is read
again when the dock is visible, at most every `min_ms`, or `reads_apart` times
as long as the last read took (10,000 articles take 0.2 s to list), so a large
import leaves the processor to the import.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QDockWidget


class StaleList(QObject):
    """Calls `reload` when the list is stale and its dock visible, spaced out."""

    def __init__(
        self, dock: QDockWidget, reload: Callable[[], None], min_ms: int, reads_apart: int = 5
    ) -> None:
        super().__init__(dock)
        self.dock = dock
        self.stale = True
        self._min_ms = min_ms
        self._reads_apart = reads_apart
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(min_ms)
        self._timer.timeout.connect(reload)
        self._reload = reload
        dock.visibilityChanged.connect(self._visibility)

    def changed(self) -> None:
        """The library changed what the list shows: read it again soon, if it shows."""
        self.stale = True
        if self.dock.isVisible() and not self._timer.isActive():
            self._timer.start()

    def reading(self) -> None:
        """A read starts (the caller's `reload`): the list is current from now."""
        self.stale = False

    def read_took(self, seconds: float) -> None:
        """How long the last read took: the next waits `reads_apart` times as long."""
        self._timer.setInterval(max(self._min_ms, round(seconds * 1000 * self._reads_apart)))

    def _visibility(self, visible: bool) -> None:
        if visible and self.stale:
            self._reload()
