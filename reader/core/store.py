"""The SQLite store, through sqlite-utils: schema, migrations and queries.

One file holds everything the user owns: articles, entities and their aliases,
notes, mentions and the model cache. It is plain SQLite with readable table
names, so `sqlite-utils tables reader.db` or Datasette make sense of it. Every
write runs inside `db.atomic()`; each thread opens its own `Store`.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils
from sqlite_utils import Migrations
from sqlite_utils.db import NotFoundError, Table

from reader.core.article import Article, Block
from reader.core.entities import KnownEntity, Mention, normalize
from reader.core.kinds import Kind
from reader.core.nlp import ModelSpan

migrations = Migrations("reader")


@migrations(name="0001_initial")
def _m0001_initial(db: sqlite_utils.Database) -> None:
    db.executescript(
        """
        CREATE TABLE articles (
            id INTEGER PRIMARY KEY,
            sha256 TEXT NOT NULL UNIQUE,
            path TEXT NOT NULL,
            title TEXT NOT NULL,
            format TEXT NOT NULL,
            text TEXT NOT NULL,
            blocks TEXT NOT NULL DEFAULT '[]',
            meta TEXT NOT NULL DEFAULT '{}',
            added_at TEXT NOT NULL,
            opened_at TEXT NOT NULL
        );
        CREATE INDEX articles_opened_at ON articles(opened_at);
        CREATE TABLE entities (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('group', 'person', 'place')),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE aliases (
            id INTEGER PRIMARY KEY,
            entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
            alias TEXT NOT NULL,
            norm TEXT NOT NULL,
            UNIQUE (entity_id, norm)
        );
        CREATE INDEX aliases_norm ON aliases(norm);
        CREATE TABLE notes (
            id INTEGER PRIMARY KEY,
            entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
            body TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE INDEX notes_entity ON notes(entity_id);
        CREATE TABLE mentions (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            kind TEXT NOT NULL,
            key TEXT NOT NULL,
            entity_id INTEGER REFERENCES entities(id) ON DELETE SET NULL,
            source TEXT NOT NULL,
            PRIMARY KEY (article_id, start)
        );
        CREATE INDEX mentions_entity ON mentions(entity_id);
        CREATE TABLE model_cache (
            sha256 TEXT NOT NULL,
            pipeline TEXT NOT NULL,
            version TEXT NOT NULL,
            spans TEXT NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (sha256, pipeline, version)
        );
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        """
    )
    db.table("notes").enable_fts(["body"], create_triggers=True, tokenize="porter")
    db.table("articles").enable_fts(["title", "text"], create_triggers=True, tokenize="porter")


@migrations(name="0002_mention_names")
def _m0002_mention_names(db: sqlite_utils.Database) -> None:
    """Matching forms of each mention's name, so a new entity can claim old mentions."""
    db.execute("ALTER TABLE mentions ADD COLUMN norm TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE mentions ADD COLUMN key_norm TEXT NOT NULL DEFAULT ''")
    rows = db.execute("SELECT rowid, text, key FROM mentions").fetchall()
    db.conn.executemany(
        "UPDATE mentions SET norm = ?, key_norm = ? WHERE rowid = ?",
        [(normalize(text), normalize(key), rowid) for rowid, text, key in rows],
    )
    db.execute("CREATE INDEX mentions_norm ON mentions(norm)")
    db.execute("CREATE INDEX mentions_key_norm ON mentions(key_norm)")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class StoreError(Exception):
    """The database cannot be opened or upgraded; str() names the file and the reason."""


@dataclass(frozen=True, slots=True)
class Note:
    """One Markdown note on an entity."""

    id: int
    entity_id: int
    body: str
    created_at: str
    updated_at: str


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """An article as listed in the library (recent files, other mentions)."""

    id: int
    sha256: str
    path: str
    title: str
    opened_at: str


class Store:
    """One connection to the user's database. Not shared across threads."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite_utils.Database(self.path)
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA busy_timeout = 5000")
            if self.path != ":memory:":
                self.db.enable_wal()
            # One writer at a time: a second process or thread opening the same
            # file waits here instead of applying the same migration twice.
            if migrations.pending(self.db):
                if self.path != ":memory:":
                    self._backup_before_migrating()  # outside the lock: backup reads the file
                with self._write():
                    migrations.apply(self.db)  # pending again under the lock: applied once
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise StoreError(
                    f"{self.path}: the library is busy (another Reader is writing to it); try again"
                ) from None
            raise StoreError(f"{self.path}: not a usable Reader database ({exc})") from None
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a usable Reader database ({exc})") from None
        except OSError as exc:
            raise StoreError(f"{self.path}: {exc.strerror or exc}") from None

    def transaction(self) -> AbstractContextManager[None]:
        """Group several writes so they land together or not at all."""
        return self._write()

    @contextmanager
    def _write(self) -> Iterator[None]:
        """A write transaction that takes the write lock up front (BEGIN IMMEDIATE).

        sqlite-utils' atomic() begins deferred: with a second connection writing
        (the model worker), upgrading a read to a write then fails at once with
        "database is locked" instead of waiting. Taking the lock first lets
        busy_timeout do its job. Nested calls become savepoints.
        """
        if self.db.conn.in_transaction:
            with self.db.atomic():
                yield
            return
        self.db.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
            self.db.conn.execute("COMMIT")
        except BaseException:
            # Also when COMMIT itself fails (disk full, I/O error): never leave a
            # transaction open that later writes would silently join.
            if self.db.conn.in_transaction:
                self.db.conn.rollback()
            raise

    def _t(self, name: str) -> Table:
        return self.db.table(name)

    def close(self) -> None:
        """Close the connection (WAL contents are checkpointed by SQLite)."""
        self.db.close()

    def _backup_before_migrating(self) -> None:
        """Copy the database aside before a schema change touches the user's data.

        Called only when migrations are pending; a new, empty file needs no copy.
        """
        if migrations.applied(self.db):
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
            target = f"{self.path}.backup-{stamp}"
            dest = sqlite3.connect(target)
            try:
                self.db.conn.backup(dest)
            finally:
                dest.close()

    @property
    def schema_version(self) -> list[str]:
        """Names of the applied migrations, oldest first."""
        return [m.name for m in migrations.applied(self.db)]

    # --- settings -------------------------------------------------------------------

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        """A stored setting, or `default`."""
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return str(row[0]) if row else default

    def set_setting(self, key: str, value: str | None) -> None:
        """Store a setting; None removes it."""
        with self._write():
            if value is None:
                self.db.execute("DELETE FROM settings WHERE key = ?", [key])
            else:
                self._t("settings").upsert({"key": key, "value": value}, pk="key")

    # --- articles --------------------------------------------------------------------

    def save_article(self, article: Article) -> int:
        """Insert or refresh an article (by text hash) and mark it as just opened."""
        now = _now()
        row = {
            "sha256": article.sha256,
            "path": article.path,
            "title": article.title,
            "format": article.format,
            "text": article.text,
            "blocks": json.dumps([[b.start, b.end, b.role, b.level] for b in article.blocks]),
            "meta": json.dumps(dict(article.meta)),
            "opened_at": now,
        }
        with self._write():
            existing = self.db.execute(
                "SELECT id FROM articles WHERE sha256 = ?", [article.sha256]
            ).fetchone()
            if existing:
                self._t("articles").update(existing[0], row)
                return int(existing[0])
            return int(self._t("articles").insert({**row, "added_at": now}).last_pk)  # type: ignore[arg-type]

    def load_article(self, article_id: int) -> Article | None:
        """An article as stored (used when its file has moved or gone)."""
        try:
            row = self._t("articles").get(article_id)
        except NotFoundError:
            return None
        blocks = tuple(Block(*b) for b in json.loads(row["blocks"]))
        return Article(
            row["path"], row["title"], row["text"], row["format"], blocks, json.loads(row["meta"])
        )

    def recent_articles(self, limit: int = 10) -> list[ArticleRow]:
        """Most recently opened articles first."""
        rows = self.db.execute(
            "SELECT id, sha256, path, title, opened_at FROM articles "
            "ORDER BY opened_at DESC LIMIT ?",
            [limit],
        ).fetchall()
        return [ArticleRow(*r) for r in rows]

    def count_articles(self) -> int:
        """How many articles the library holds."""
        return int(self.db.execute("SELECT count(*) FROM articles").fetchone()[0])

    # --- model cache -----------------------------------------------------------------

    def cached_spans(self, sha256: str, pipeline: str, version: str) -> list[ModelSpan] | None:
        """The model's output for this text and pipeline, if it was computed before."""
        row = self.db.execute(
            "SELECT spans FROM model_cache WHERE sha256 = ? AND pipeline = ? AND version = ?",
            [sha256, pipeline, version],
        ).fetchone()
        if row is None:
            return None
        return [ModelSpan(s, e, label) for s, e, label in json.loads(row[0])]

    def cache_spans(
        self, sha256: str, pipeline: str, version: str, spans: Sequence[ModelSpan]
    ) -> None:
        """Remember the model's output so the same text is never run twice."""
        with self._write():
            self._t("model_cache").upsert(
                {
                    "sha256": sha256,
                    "pipeline": pipeline,
                    "version": version,
                    "spans": json.dumps([[s.start, s.end, s.label] for s in spans]),
                    "created_at": _now(),
                },
                pk=("sha256", "pipeline", "version"),
            )

    # --- mentions ---------------------------------------------------------------------

    def replace_mentions(self, article_id: int, mentions: Sequence[Mention]) -> None:
        """Store an article's current mentions, replacing the previous set in one go."""
        with self._write():
            self.db.execute("DELETE FROM mentions WHERE article_id = ?", [article_id])
            self._t("mentions").insert_all(
                (
                    {
                        "article_id": article_id,
                        "start": m.start,
                        "end": m.end,
                        "text": m.text,
                        "kind": m.kind.value,
                        "key": m.key,
                        "entity_id": m.entity_id,
                        "source": m.source,
                        "norm": normalize(m.text),
                        "key_norm": normalize(m.key),
                    }
                    for m in mentions
                ),
                batch_size=500,
            )

    def articles_mentioning(
        self, entity_id: int, exclude_article: int | None = None
    ) -> list[tuple[ArticleRow, int]]:
        """Other saved articles that mention an entity, with how often."""
        rows = self.db.execute(
            "SELECT a.id, a.sha256, a.path, a.title, a.opened_at, count(*) AS n "
            "FROM mentions m JOIN articles a ON a.id = m.article_id "
            "WHERE m.entity_id = ? AND a.id IS NOT ? "
            "GROUP BY a.id ORDER BY a.opened_at DESC",
            [entity_id, exclude_article],
        ).fetchall()
        return [(ArticleRow(*r[:5]), int(r[5])) for r in rows]

    # --- entities ---------------------------------------------------------------------

    def knowledge(self) -> list[KnownEntity]:
        """Every entity with its aliases: what the overlay matches in each article."""
        aliases: dict[int, list[str]] = {}
        for entity_id, alias in self.db.execute("SELECT entity_id, alias FROM aliases"):
            aliases.setdefault(int(entity_id), []).append(str(alias))
        return [
            KnownEntity(int(i), str(name), Kind(kind), tuple(aliases.get(int(i), ())))
            for i, name, kind in self.db.execute("SELECT id, name, kind FROM entities")
        ]

    def entity(self, entity_id: int) -> KnownEntity | None:
        """One entity with its aliases."""
        row = self.db.execute(
            "SELECT id, name, kind FROM entities WHERE id = ?", [entity_id]
        ).fetchone()
        if row is None:
            return None
        aliases = [
            str(r[0])
            for r in self.db.execute(
                "SELECT alias FROM aliases WHERE entity_id = ? ORDER BY id", [entity_id]
            )
        ]
        return KnownEntity(int(row[0]), str(row[1]), Kind(row[2]), tuple(aliases))

    def find_entity(self, names: Sequence[str], kind: Kind) -> int | None:
        """The entity of this kind that already has one of these names as an alias."""
        norms = [normalize(n) for n in names]
        if not norms:
            return None
        marks = ",".join("?" * len(norms))
        row = self.db.execute(
            f"SELECT e.id FROM entities e JOIN aliases a ON a.entity_id = e.id "
            f"WHERE e.kind = ? AND a.norm IN ({marks}) ORDER BY e.id LIMIT 1",
            [kind.value, *norms],
        ).fetchone()
        return int(row[0]) if row else None

    def create_entity(self, name: str, kind: Kind, aliases: Sequence[str] = ()) -> int:
        """A new entity named `name`, known also by `aliases`."""
        now = _now()
        with self._write():
            entity_id = int(
                self._t("entities")
                .insert({"name": name, "kind": kind.value, "created_at": now, "updated_at": now})
                .last_pk  # type: ignore[arg-type]  # insert() always sets it
            )
            self.add_aliases(entity_id, [name, *aliases])
        return entity_id

    def add_aliases(self, entity_id: int, aliases: Sequence[str]) -> None:
        """Teach the knowledge base more names for an entity (duplicates ignored)."""
        rows = {
            normalize(a): {"entity_id": entity_id, "alias": a, "norm": normalize(a)}
            for a in aliases
            if normalize(a)
        }
        with self._write():
            self._t("aliases").insert_all(rows.values(), ignore=True)
            self._link_mentions(entity_id, list(rows))

    def _link_mentions(self, entity_id: int, norms: Sequence[str]) -> None:
        """Let an entity claim stored mentions of its names in articles read before it existed."""
        if not norms:
            return
        marks = ",".join("?" * len(norms))
        self.db.execute(
            f"UPDATE mentions SET entity_id = ? WHERE entity_id IS NULL "
            f"AND kind = (SELECT kind FROM entities WHERE id = ?) "
            f"AND (norm IN ({marks}) OR key_norm IN ({marks}))",
            [entity_id, entity_id, *norms, *norms],
        )

    # --- notes ------------------------------------------------------------------------

    def notes(self, entity_id: int) -> list[Note]:
        """An entity's notes, oldest first."""
        return [
            Note(*r)
            for r in self.db.execute(
                "SELECT id, entity_id, body, created_at, updated_at FROM notes "
                "WHERE entity_id = ? ORDER BY created_at, id",
                [entity_id],
            )
        ]

    def first_note_line(self, entity_ids: Sequence[int]) -> dict[int, str]:
        """First non-empty line of each entity's first note (for hover tooltips)."""
        out: dict[int, str] = {}
        if not entity_ids:
            return out
        # One query, not one per entity: this runs on the GUI thread after every annotation.
        marks = ",".join("?" * len(entity_ids))
        rows = self.db.execute(
            f"SELECT entity_id, body FROM notes WHERE entity_id IN ({marks}) "
            "ORDER BY created_at, id",
            list(entity_ids),
        )
        for entity_id, body in rows:
            line = next((ln.strip() for ln in body.splitlines() if ln.strip()), "")
            if line:
                out.setdefault(int(entity_id), line)
        return out

    def add_note(self, entity_id: int, body: str) -> int:
        """A new note on an entity."""
        now = _now()
        with self._write():
            note_id = int(
                self._t("notes")
                .insert(
                    {"entity_id": entity_id, "body": body, "created_at": now, "updated_at": now}
                )
                .last_pk  # type: ignore[arg-type]  # insert() always sets it
            )
            self._t("entities").update(entity_id, {"updated_at": now})
        return note_id

    def update_note(self, note_id: int, body: str) -> None:
        """Replace a note's text."""
        with self._write():
            self._t("notes").update(note_id, {"body": body, "updated_at": _now()})

    def delete_note(self, note_id: int) -> None:
        """Remove a note."""
        with self._write():
            self.db.execute("DELETE FROM notes WHERE id = ?", [note_id])

    def search_notes(self, query: str) -> Iterator[dict[str, Any]]:
        """Full-text search over notes (FTS5)."""
        yield from self._t("notes").search(query)


def default_db_path() -> Path:
    """`READER_DB`, else reader.db in the platform's user data directory."""
    env = os.environ.get("READER_DB")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("reader", appauthor=False) / "reader.db"
