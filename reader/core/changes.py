"""What a library operation changed, so each view refreshes exactly what it shows.

Every operation that writes returns a `Changes` (as Anki's operations return
`OpChanges`); the window hands it to each controller, and nothing guesses.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Generic, TypeVar

T_co = TypeVar("T_co", covariant=True)


@dataclass(frozen=True)
class Changes:
    """Ids of what changed; empty sets mean "nothing of that kind".

    Attributes:
        articles: articles whose text, metadata or mentions changed.
        entities: entities whose name, kind, aliases or notes changed.
        notes: notes added, edited or deleted.
        knowledge: what the overlay knows changed.
        stale: articles whose stored mentions this change made out of date
            (recompute them with `Library.refresh_articles`; any other
            article was unaffected and stays current).
        library: articles were added or removed (lists of articles).
        settings: keys of the settings that were stored.

    """

    articles: frozenset[int] = frozenset()
    entities: frozenset[int] = frozenset()
    notes: frozenset[int] = frozenset()
    knowledge: bool = False
    stale: frozenset[int] = frozenset()
    library: bool = False
    settings: frozenset[str] = frozenset()

    def __or__(self, other: Changes) -> Changes:
        # Every field is a set or a flag: a union of each.
        return Changes(
            **{f.name: getattr(self, f.name) | getattr(other, f.name) for f in fields(self)}
        )

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))


NO_CHANGES = Changes()


@dataclass(frozen=True)
class Result(Generic[T_co]):
    """An operation's value (a new id, the mentions...) and what it changed."""

    value: T_co
    changes: Changes = NO_CHANGES
