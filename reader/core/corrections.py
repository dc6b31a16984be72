"""Corrections: what the user says about a highlight becomes knowledge, and can be undone.

A correction (change a kind, dismiss, mark, merge, split, move a boundary,
rename, edit aliases) changes only the user's knowledge — entities, their
names, dismissed names — never the model. It is stored as readable rows, so
`overlay()` applies it to every article, past and future, the moment the
stale mentions are refreshed.

Undo is a snapshot: before a correction, the rows it may touch are copied;
undo writes them back and redo writes the copy taken after. A note is never
lost by undo: an entity that gained notes since it was created is kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from reader.core.names import normalize
from reader.core.store import Store


class CorrectionError(Exception):
    """A correction that cannot be made; str() says why, for the user."""


@dataclass(frozen=True)
class EntityState:
    """One entity's row and names, as they were."""

    name: str
    kind: str
    created_at: str
    updated_at: str
    origin: str
    aliases: tuple[tuple[str, str], ...]  # (alias, norm)


@dataclass(frozen=True)
class Snapshot:
    """The rows a correction may touch: entities (None: did not exist), notes, dismissals."""

    entities: dict[int, EntityState | None] = field(default_factory=dict)
    notes: dict[int, int] = field(default_factory=dict)  # note id -> entity id
    dismissals: dict[str, tuple[tuple[object, ...], ...]] = field(default_factory=dict)
    # An entity that did not exist: the kind its name was shown as. Undo keeps an
    # entity that has notes written since, and gives it back this kind.
    shown_kinds: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Correction:
    """A done correction: what to show in Edit ▸ Undo, and the rows before and after."""

    label: str
    entity_id: int | None  # the entity the user is looking at afterwards
    before: Snapshot
    after: Snapshot
    names: tuple[str, ...]  # the names involved: the articles holding them change


_WORD = re.compile(r"[\w'’.-]+")


def word_span(text: str, index: int) -> tuple[int, int] | None:
    """The word (letters, digits, apostrophes, dots, hyphens) around `index`, if any."""
    for m in _WORD.finditer(text, max(0, index - 200), min(len(text), index + 200)):
        if m.start() <= index < m.end():
            word = m.group().rstrip(".,")  # a sentence's full stop is not part of the word
            return m.start(), m.start() + max(1, len(word))
    return None


def _in_word(ch: str) -> bool:
    return ch.isalnum() or ch in "'’-"


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """A selection widened to whole words: "Bulo Haw|o" marks "Bulo Hawo", not "Bulo Haw"."""
    while start > 0 and start < len(text) and _in_word(text[start - 1]) and _in_word(text[start]):
        start -= 1
    while 0 < end < len(text) and _in_word(text[end - 1]) and _in_word(text[end]):
        end += 1
    return start, end


def resize_span(text: str, start: int, end: int, index: int) -> tuple[int, int]:
    """A highlight's new extent after a shift-click at `index`.

    After the highlight: extend it to the end of the clicked word; before it:
    extend it to the start of that word; inside it: end it after that word.
    """
    word = word_span(text, index)
    if word is None:
        return start, end
    if index >= end:
        return start, word[1]
    if index < start:
        return word[0], end
    return start, max(word[1], start + 1)


def take_snapshot(store: Store, entity_ids: Iterable[int], norms: Iterable[str]) -> Snapshot:
    """Copy the rows of these entities (with their notes' links) and these dismissed names."""
    ids = sorted(set(entity_ids))
    entities: dict[int, EntityState | None] = {}
    notes: dict[int, int] = {}
    for entity_id in ids:
        row = store.db.execute(
            "SELECT name, kind, created_at, updated_at, origin FROM entities WHERE id = ?",
            [entity_id],
        ).fetchone()
        if row is None:
            entities[entity_id] = None
            continue
        aliases = tuple(
            (str(a), str(n))
            for a, n in store.db.execute(
                "SELECT alias, norm FROM aliases WHERE entity_id = ? ORDER BY id", [entity_id]
            )
        )
        name, kind, created_at, updated_at, origin = (str(v) for v in row)
        entities[entity_id] = EntityState(name, kind, created_at, updated_at, origin, aliases)
        for (note_id,) in store.db.execute("SELECT id FROM notes WHERE entity_id = ?", [entity_id]):
            notes[int(note_id)] = entity_id
    dismissals = {
        norm: tuple(
            tuple(r)
            for r in store.db.execute(
                'SELECT text, norm, article_sha256, start, "end", created_at FROM dismissals '
                "WHERE norm = ? ORDER BY id",
                [norm],
            )
        )
        for norm in sorted(set(norms))
    }
    return Snapshot(entities, notes, dismissals)


def restore(store: Store, snapshot: Snapshot) -> None:
    """Write the snapshot's rows back (inside the caller's transaction)."""
    db = store.db
    for entity_id, state in snapshot.entities.items():
        exists = db.execute("SELECT 1 FROM entities WHERE id = ?", [entity_id]).fetchone()
        if state is None:
            if exists and store.note_count(entity_id) == 0:
                store.delete_entity(entity_id)  # never delete notes written since
            elif exists and entity_id in snapshot.shown_kinds:
                db.execute(
                    "UPDATE entities SET kind = ? WHERE id = ?",
                    [snapshot.shown_kinds[entity_id], entity_id],
                )
            continue
        values = [
            state.name, state.kind, state.created_at, state.updated_at, state.origin, entity_id
        ]  # fmt: skip
        if exists:
            db.execute(
                "UPDATE entities SET name = ?, kind = ?, created_at = ?, updated_at = ?, "
                "origin = ? WHERE id = ?",
                values,
            )
        else:
            db.execute(
                "INSERT INTO entities (name, kind, created_at, updated_at, origin, id) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                values,
            )
        db.execute("DELETE FROM aliases WHERE entity_id = ?", [entity_id])
        db.conn.executemany(
            "INSERT INTO aliases (entity_id, alias, norm) VALUES (?, ?, ?)",
            [(entity_id, alias, norm) for alias, norm in state.aliases],
        )
    for note_id, entity_id in snapshot.notes.items():
        db.execute("UPDATE notes SET entity_id = ? WHERE id = ?", [entity_id, note_id])
    for norm, rows in snapshot.dismissals.items():
        db.execute("DELETE FROM dismissals WHERE norm = ?", [norm])
        db.conn.executemany(
            'INSERT INTO dismissals (text, norm, article_sha256, start, "end", created_at) '
            "VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )


def involved_names(before: Snapshot, after: Snapshot, extra: Iterable[str] = ()) -> tuple[str, ...]:
    """Every name either snapshot holds: the articles containing one may change."""
    names = set(extra)
    for snap in (before, after):
        for state in snap.entities.values():
            if state is not None:
                names.update(alias for alias, _ in state.aliases)
        names.update(snap.dismissals)
    return tuple(sorted(n for n in names if normalize(n)))
