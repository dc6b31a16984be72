"""What a library operation changed, so each view refreshes exactly what it shows.

Every operation that writes returns a `Changes` (as Anki's operations return
`OpChanges`); the window hands it to each controller, and nothing guesses.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

T_co = TypeVar("T_co", covariant=True)


@dataclass(frozen=True)
class Changes:
    """Ids of what changed; empty sets mean "nothing of that kind".

    Attributes:
        articles: articles whose text, metadata or mentions changed.
        entities: entities whose name, kind, aliases or notes changed.
        notes: notes added, edited or deleted.
        knowledge: what the overlay knows changed (the mentions of `articles`
            were recomputed; any other article was unaffected).
        library: articles were added or removed (lists of articles).

    """

    articles: frozenset[int] = frozenset()
    entities: frozenset[int] = frozenset()
    notes: frozenset[int] = frozenset()
    knowledge: bool = False
    library: bool = False

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.articles | other.articles,
            self.entities | other.entities,
            self.notes | other.notes,
            self.knowledge or other.knowledge,
            self.library or other.library,
        )

    def __bool__(self) -> bool:
        return bool(self.articles or self.entities or self.notes or self.knowledge or self.library)


NO_CHANGES = Changes()


@dataclass(frozen=True)
class Result(Generic[T_co]):
    """An operation's value (a new id, the mentions...) and what it changed."""

    value: T_co
    changes: Changes = NO_CHANGES
