"""Back and forward through the articles and entities the user visited (Alt+Left/Right)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Place:
    """Where the user was: an article, the entity in the panel, the position in the text."""

    article_id: int
    entity_id: int | None = None
    entity_key: str = ""  # the name in the article, when the entity is not in the library
    kind: str = ""
    position: int = 0


class History(Generic[T]):
    """A browser-style history: visiting after going back drops what was ahead."""

    def __init__(self, limit: int = 200) -> None:
        self._items: list[T] = []
        self._at = -1
        self._limit = limit

    @property
    def current(self) -> T | None:
        """Where the user is now."""
        return self._items[self._at] if self._at >= 0 else None

    def visit(self, place: T) -> None:
        """Record a new place (the same as the current one is not recorded twice)."""
        if place == self.current:
            return
        del self._items[self._at + 1 :]
        self._items.append(place)
        if len(self._items) > self._limit:
            del self._items[0]
        self._at = len(self._items) - 1

    def replace(self, place: T) -> None:
        """Update the current place (the panel changed entity within one article)."""
        if self._at < 0:
            self.visit(place)
        else:
            self._items[self._at] = place

    def can_go_back(self) -> bool:
        """Whether there is somewhere to go back to."""
        return self._at > 0

    def can_go_forward(self) -> bool:
        """Whether there is somewhere to go forward to."""
        return self._at < len(self._items) - 1

    def back(self) -> T | None:
        """Step back; the place to show, or None at the start."""
        if not self.can_go_back():
            return None
        self._at -= 1
        return self._items[self._at]

    def forward(self) -> T | None:
        """Step forward; the place to show, or None at the end."""
        if not self.can_go_forward():
            return None
        self._at += 1
        return self._items[self._at]
