"""The SQLite store, through sqlite-utils: schema, migrations and queries.

One file holds everything the user owns: articles, entities and their aliases,
notes, mentions and the model cache. It is plain SQLite with readable table
names, so `sqlite-utils tables reader.db` or Datasette make sense of it. Every
write runs in a transaction begun with BEGIN IMMEDIATE; each thread opens its
own `Store`. Stored mentions are a cache of `overlay()`, never a second rule.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from reader.core._sqlite import Migrations, NotFoundError, Table, sqlite_utils
from reader.core.article import Article, Block, text_path
from reader.core.dossier import link_targets
from reader.core.kinds import Kind
from reader.core.names import normalize
from reader.core.nlp import ModelSpan
from reader.core.overlay import Knowledge, KnownEntity, Mention, mentions_key
from reader.core.private import create_file, ensure_dir, restrict

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
    """Matching forms of each mention's name (filled when mentions are next computed)."""
    db.execute("ALTER TABLE mentions ADD COLUMN norm TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE mentions ADD COLUMN key_norm TEXT NOT NULL DEFAULT ''")
    db.execute("CREATE INDEX mentions_norm ON mentions(norm)")
    db.execute("CREATE INDEX mentions_key_norm ON mentions(key_norm)")


@migrations(name="0003_mention_cache")
def _m0003_mention_cache(db: sqlite_utils.Database) -> None:
    """Stored mentions become a cache of `overlay()`, stamped with what they were computed from.

    Plain SQL only: a migration never calls live code, whose behaviour changes
    between releases. Existing mentions are dropped; they are recomputed from
    the model cache (no model run) when each article is next needed.
    """
    db.executescript(
        """
        DROP TABLE mentions;
        CREATE TABLE mentions (
            article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            text TEXT NOT NULL,
            kind TEXT NOT NULL,
            key TEXT NOT NULL,
            entity_id INTEGER REFERENCES entities(id) ON DELETE SET NULL,
            source TEXT NOT NULL,
            norm TEXT NOT NULL,
            key_norm TEXT NOT NULL,
            PRIMARY KEY (article_id, start)
        );
        CREATE INDEX mentions_entity ON mentions(entity_id);
        CREATE INDEX mentions_norm ON mentions(norm);
        CREATE INDEX mentions_key_norm ON mentions(key_norm);
        ALTER TABLE articles ADD COLUMN mentions_knowledge INTEGER;
        ALTER TABLE articles ADD COLUMN mentions_model TEXT;
        INSERT OR IGNORE INTO settings (key, value) VALUES ('knowledge_version', '1');
        """
    )


@migrations(name="0004_dismissals")
def _m0004_dismissals(db: sqlite_utils.Database) -> None:
    """Names the user said are not entities: everywhere, or at one place in one article."""
    db.executescript(
        """
        CREATE TABLE dismissals (
            id INTEGER PRIMARY KEY,
            text TEXT NOT NULL,
            norm TEXT NOT NULL,
            article_sha256 TEXT,
            start INTEGER,
            "end" INTEGER,
            created_at TEXT NOT NULL
        );
        CREATE INDEX dismissals_norm ON dismissals(norm);
        """
    )


@migrations(name="0005_dossier")
def _m0005_dossier(db: sqlite_utils.Database) -> None:
    """Where a note was written, what it links to, and where each mention sits.

    Mentions gain their paragraph and sentence (for "often appears with"); the
    stored ones are marked stale so they are recomputed from the model cache.
    Entities record whether a note or a correction made them: an entity that
    only a note made goes when its last note is deleted.
    """
    db.executescript(
        """
        ALTER TABLE notes ADD COLUMN article_id INTEGER
            REFERENCES articles(id) ON DELETE SET NULL;
        ALTER TABLE notes ADD COLUMN passage TEXT;
        ALTER TABLE notes ADD COLUMN passage_start INTEGER;
        CREATE TABLE note_links (
            note_id INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
            target TEXT NOT NULL,
            norm TEXT NOT NULL
        );
        CREATE INDEX note_links_norm ON note_links(norm);
        CREATE INDEX note_links_note ON note_links(note_id);
        ALTER TABLE mentions ADD COLUMN para INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE mentions ADD COLUMN sent INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX mentions_para ON mentions(article_id, para);
        UPDATE articles SET mentions_knowledge = NULL;
        ALTER TABLE entities ADD COLUMN origin TEXT NOT NULL DEFAULT 'note';
        """
    )


@migrations(name="0006_library")
def _m0006_library(db: sqlite_utils.Database) -> None:
    """The library view: reading positions, entity counts per kind, cheaper article updates.

    The full-text index of an article is rebuilt only when its title or text
    changes: sqlite-utils' trigger fired on any update, so marking an article
    opened or its mentions current re-indexed its whole text (issue 8).
    """
    db.executescript(
        """
        ALTER TABLE articles ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE articles ADD COLUMN n_groups INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE articles ADD COLUMN n_people INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE articles ADD COLUMN n_places INTEGER NOT NULL DEFAULT 0;
        DROP TRIGGER IF EXISTS articles_au;
        CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
          INSERT INTO articles_fts (articles_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
          INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        UPDATE articles SET
          n_groups = (SELECT count(DISTINCT coalesce(entity_id, key_norm)) FROM mentions
                      WHERE article_id = articles.id AND kind = 'group'),
          n_people = (SELECT count(DISTINCT coalesce(entity_id, key_norm)) FROM mentions
                      WHERE article_id = articles.id AND kind = 'person'),
          n_places = (SELECT count(DISTINCT coalesce(entity_id, key_norm)) FROM mentions
                      WHERE article_id = articles.id AND kind = 'place');
        """
    )


@migrations(name="0007_scale")
def _m0007_scale(db: sqlite_utils.Database) -> None:
    """Indexes for a library of 10,000 articles (issue 8).

    An entity's articles and paragraphs are read from an index alone (no table
    row per mention), as are a name's (only unlinked mentions are searched by
    name); an article's listing columns come from an index too, so neither the
    library view nor "appears in" reads past an article's text (stored before
    its metadata, it spans several pages). The indexes these cover are dropped:
    every index is written again for each mention a correction recomputes.
    """
    db.executescript(
        """
        DROP INDEX mentions_entity;
        DROP INDEX mentions_norm;
        DROP INDEX mentions_key_norm;
        DROP INDEX mentions_para;
        CREATE INDEX mentions_entity_article
            ON mentions(entity_id, article_id, start, "end", para, sent);
        CREATE INDEX mentions_key_article ON mentions(key_norm, kind, key, article_id, start)
            WHERE entity_id IS NULL;
        CREATE INDEX mentions_norm_article ON mentions(norm, kind, article_id, start)
            WHERE entity_id IS NULL;
        CREATE INDEX mentions_para
            ON mentions(article_id, para, sent, entity_id, kind, key_norm, key);
        CREATE INDEX articles_card ON articles(
            id, added_at, opened_at, title, path, n_groups, n_people, n_places, meta
        );
        """
    )


@migrations(name="0008_reviewed")
def _m0008_reviewed(db: sqlite_utils.Database) -> None:
    """Highlights accepted in review mode, per text: reviewing goes on after a restart."""
    db.executescript(
        """
        CREATE TABLE reviewed (
            sha256 TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            kind TEXT NOT NULL,
            PRIMARY KEY (sha256, start, "end", kind)
        ) WITHOUT ROWID;
        """
    )


@migrations(name="0009_stale_at")
def _m0009_stale_at(db: sqlite_utils.Database) -> None:
    """When each article's mentions last went stale, in knowledge versions (issue 8).

    Mentions are current when made at or after that version. A correction then
    marks only the articles it touches, where it used to re-stamp every other
    article (at 10,000 articles, 35 MB of writes for a change to a few hundred).
    """
    db.executescript(
        """
        ALTER TABLE articles ADD COLUMN stale_at INTEGER NOT NULL DEFAULT 0;
        UPDATE articles SET stale_at = (
            SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'knowledge_version'
        )
        WHERE mentions_knowledge IS NOT (
            SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'knowledge_version'
        );
        """
    )


@migrations(name="0010_prepared")
def _m0010_prepared(db: sqlite_utils.Database) -> None:
    """The rules' knowledge-free part of each article's overlay, kept with the model's output.

    Filled the first time an article's mentions are recomputed; a correction
    then reuses it (`overlay.Prepared`). Older Readers ignore the column.
    """
    db.execute("ALTER TABLE model_cache ADD COLUMN prepared TEXT")


_KIND_VALUES = frozenset(k.value for k in Kind)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class StoreError(Exception):
    """The database cannot be opened or upgraded; str() names the file and the reason."""


@dataclass(frozen=True, slots=True)
class Note:
    """One Markdown note on an entity, and where it was written if it was while reading."""

    id: int
    entity_id: int
    body: str
    created_at: str
    updated_at: str
    article_id: int | None = None
    article_title: str | None = None
    passage: str | None = None  # the text selected when the note was started
    passage_start: int | None = None


@dataclass(frozen=True, slots=True)
class EntitySummary:
    """An entity as listed: its names and how many notes and articles it has."""

    id: int
    name: str
    kind: Kind
    aliases: tuple[str, ...]
    notes: int
    articles: int


@dataclass(frozen=True)
class Identity:
    """Which mentions are one thing across the library.

    A known entity is its id; a name nobody has written about yet is its
    names (normalized) and kind, so "appears in" works before any note.
    """

    entity_id: int | None
    norms: tuple[str, ...]
    kind: Kind

    def where(self, alias: str = "m") -> tuple[str, list[object]]:
        """An SQL condition on a mentions row, and its parameters."""
        if self.entity_id is not None:
            return f"{alias}.entity_id = ?", [self.entity_id]
        norms = sorted(set(self.norms)) or [""]
        marks = ",".join("?" * len(norms))
        # Two index searches (a name as the key, or as written), not a scan of every
        # unlinked mention: the planner takes "entity_id IS NULL" for the best index.
        return (
            f"{alias}.rowid IN (SELECT rowid FROM mentions INDEXED BY mentions_key_article "
            f"WHERE key_norm IN ({marks}) AND kind = ? AND entity_id IS NULL UNION "
            "SELECT rowid FROM mentions INDEXED BY mentions_norm_article "
            f"WHERE norm IN ({marks}) AND kind = ? AND entity_id IS NULL)",
            [*norms, self.kind.value, *norms, self.kind.value],
        )


@dataclass(frozen=True, slots=True)
class Appearance:
    """An article that mentions an entity: where first, and how often."""

    article_id: int
    title: str
    date: str
    path: str
    mentions: int
    start: int  # the first mention
    end: int


@dataclass(frozen=True, slots=True)
class Companion:
    """An entity (or a name) written near another one, and how strongly."""

    entity_id: int | None
    name: str
    kind: Kind
    weight: int
    articles: int


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """An article as listed in the library (recent files, other mentions)."""

    id: int
    sha256: str
    path: str
    title: str
    opened_at: str


# An article's stored mentions are current: made from this model output and these rules
# (the one parameter), with knowledge at least as new as their last change.
_CURRENT = "mentions_knowledge >= stale_at AND mentions_model = ?"

# The schema this Reader writes, as PRAGMA user_version: a library stamped higher
# was written by a newer Reader, which this one must not change.
SCHEMA_VERSION = 8
# Columns the code relies on: a library missing one (renamed by a newer Reader,
# or not a Reader library at all) is refused before anything reads it wrongly.
EXPECTED_COLUMNS = {
    "articles": {"id", "sha256", "path", "title", "text", "blocks", "meta", "opened_at"},
    "entities": {"id", "name", "kind", "created_at", "updated_at", "origin"},
    "aliases": {"id", "entity_id", "alias", "norm"},
    "notes": {"id", "entity_id", "body", "created_at", "updated_at", "article_id", "passage"},
    "mentions": {
        "article_id",
        "start",
        "end",
        "text",
        "kind",
        "key",
        "entity_id",
        "norm",
        "para",
        "sent",
    },
    "note_links": {"note_id", "target", "norm"},
    "model_cache": {"sha256", "pipeline", "version", "spans"},
    "settings": {"key", "value"},
    "dismissals": {"id", "text", "norm", "article_sha256", "start", "end", "created_at"},
}
MIN_FREE_BYTES = 2 * 1024 * 1024  # less free disk than this, and a write will likely fail


class Store:
    """One connection to the user's database. Not shared across threads.

    Opening refuses, without changing the file, a library that is read-only,
    written by a newer Reader, or not a Reader library; every write failure
    (busy, read-only, disk full) becomes a StoreError that names the file and
    says what to do.
    """

    def __init__(self, path: str | Path, timeout: float = 5.0) -> None:
        self.path = str(path)
        memory = self.path == ":memory:"
        try:
            if not memory:
                self._prepare_file(Path(self.path))
            self.db = sqlite_utils.Database(sqlite3.connect(self.path, timeout=timeout))
        except OSError as exc:
            raise StoreError(f"{self.path}: {exc.strerror or exc}") from None
        except sqlite3.Error as exc:
            raise StoreError(self.explain(exc)) from None
        try:
            self._refuse_foreign()
            self.db.execute("PRAGMA foreign_keys = ON")
            if not memory:
                self.db.enable_wal()
            # One writer at a time: a second process or thread opening the same
            # file waits here instead of applying the same migration twice.
            if migrations.pending(self.db):
                if not memory:
                    self._backup_before_migrating()  # outside the lock: backup reads the file
                with self._write():
                    migrations.apply(self.db)  # pending again under the lock: applied once
                    self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            self._check_columns()
            if not memory:
                restrict(Path(self.path))  # an older Reader created it world-readable
        except sqlite3.Error as exc:
            self.db.close()
            raise StoreError(self.explain(exc)) from None
        except BaseException:
            self.db.close()
            raise

    @staticmethod
    def _prepare_file(p: Path) -> None:
        """A new library is created private; an existing one must be writable, or is refused.

        Checked before SQLite opens it, so a refused file gets no -wal/-shm beside it.
        """
        # Only Reader's own data folder is made private if it exists; a folder the
        # user points READER_DB or --db into is theirs, and may be shared on purpose.
        ensure_dir(p.parent, tighten=p.parent == data_dir())
        if not p.exists():
            create_file(p)
            return
        if not p.is_file():
            raise StoreError(f"{p}: is not a file (a folder or a device), so not a library")
        if not os.access(p, os.R_OK):
            raise StoreError(f"{p}: the library cannot be read (permission denied)")
        if not os.access(p, os.W_OK) or not os.access(p.parent, os.W_OK):
            raise StoreError(
                f"{p}: the library is read-only, and Reader must write to it "
                "(check the permissions of the file and its folder); nothing was changed"
            )

    def _refuse_foreign(self) -> None:
        """Refuse a library from a newer Reader, or another program's database, untouched."""
        version = int(self.db.execute("PRAGMA user_version").fetchone()[0])
        newer = [
            m.name
            for m in migrations.applied(self.db)
            if m.name not in {known.name for known in migrations._migrations}
        ]
        if version > SCHEMA_VERSION or newer:
            what = f"schema {version}" if version > SCHEMA_VERSION else f"migration {newer[-1]}"
            raise StoreError(
                f"{self.path}: this library was written by a newer Reader ({what}; this Reader "
                f"knows schema {SCHEMA_VERSION}). Open it with that newer Reader; this one "
                "leaves it unchanged."
            )
        tables = set(self.db.table_names())
        if tables and not migrations.applied(self.db) and not tables & set(EXPECTED_COLUMNS):
            raise StoreError(
                f"{self.path}: this is another program's SQLite database, not a Reader library; "
                "nothing was changed"
            )

    def _check_columns(self) -> None:
        for table, columns in EXPECTED_COLUMNS.items():
            have = set(self.db.table(table).columns_dict)
            missing = columns - have
            if missing:
                raise StoreError(
                    f"{self.path}: the library's table '{table}' lacks "
                    f"{', '.join(sorted(missing))}: it was changed by another program or a "
                    "newer Reader; this Reader leaves it unchanged"
                )

    def explain(self, exc: sqlite3.Error) -> str:
        """One line for the user: what went wrong with the library file, and what to do."""
        text = str(exc).lower()
        if "locked" in text or "busy" in text:
            return (
                f"{self.path}: the library is busy: another program is writing to it "
                "(close the other Reader, or wait, and try again)"
            )
        if "readonly" in text or "read-only" in text:
            return (
                f"{self.path}: the library is read-only, and Reader must write to it "
                "(check the permissions of the file and its folder)"
            )
        if "full" in text or ("i/o" in text and self._disk_nearly_full()):
            return f"{self.path}: the disk is full; free some space and try again"
        if "i/o" in text:
            return f"{self.path}: the disk could not be read or written ({exc})"
        if isinstance(exc, sqlite3.DatabaseError) and "not a database" in text:
            return f"{self.path}: not a usable Reader library ({exc})"
        return f"{self.path}: the library could not be used ({exc})"

    def _disk_nearly_full(self) -> bool:
        if self.path == ":memory:":
            return False
        try:
            return shutil.disk_usage(Path(self.path).parent).free < MIN_FREE_BYTES
        except OSError:
            return False

    def check_writable(self) -> None:
        """Fail now, with a clear message, if a write would fail (before any slow work)."""
        if self._disk_nearly_full():
            raise StoreError(f"{self.path}: the disk is full; free some space and try again")
        with self._write():
            pass

    def transaction(self) -> AbstractContextManager[None]:
        """Group several writes so they land together or not at all."""
        return self._write()

    @contextmanager
    def _write(self) -> Iterator[None]:
        """A write transaction that takes the write lock up front (BEGIN IMMEDIATE).

        sqlite-utils' atomic() begins deferred: with a second connection writing
        (the model worker), upgrading a read to a write then fails at once with
        "database is locked" instead of waiting. Taking the lock first lets
        busy_timeout do its job. Nested calls become savepoints. A busy,
        read-only or full library becomes a StoreError naming the file.
        """
        if self.db.conn.in_transaction:
            with self.db.atomic():
                yield
            return
        try:
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
        except sqlite3.OperationalError as exc:
            raise StoreError(self.explain(exc)) from exc

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
            create_file(Path(target))
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

    def reviewed(self, sha256: str) -> set[tuple[int, int, Kind]]:
        """The highlights accepted in review mode in the text with this hash."""
        rows = self.db.execute('SELECT start, "end", kind FROM reviewed WHERE sha256 = ?', [sha256])
        return {(int(a), int(b), Kind(k)) for a, b, k in rows if k in _KIND_VALUES}

    def set_reviewed(self, sha256: str, key: tuple[int, int, Kind], accepted: bool) -> None:
        """Remember (or forget) one accepted highlight."""
        start, end, kind = key
        with self._write():
            if accepted:
                self.db.execute(
                    "INSERT OR IGNORE INTO reviewed VALUES (?, ?, ?, ?)",
                    [sha256, start, end, kind.value],
                )
            else:
                self.db.execute(
                    'DELETE FROM reviewed WHERE sha256 = ? AND start = ? AND "end" = ? '
                    "AND kind = ?",
                    [sha256, start, end, kind.value],
                )

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
            # A name with bytes that are not UTF-8 is kept readable (escaped);
            # reopening it then falls back to the stored text.
            "path": text_path(article.path),
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

    def article_id(self, sha256: str) -> int | None:
        """The id of the article with this text, if the library has it."""
        row = self.db.execute("SELECT id FROM articles WHERE sha256 = ?", [sha256]).fetchone()
        return int(row[0]) if row else None

    def all_article_ids(self) -> list[int]:
        """Every article, most recently opened first."""
        return [
            int(r[0]) for r in self.db.execute("SELECT id FROM articles ORDER BY opened_at DESC")
        ]

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
        """Most recently opened articles first (imported ones never opened are not recent)."""
        rows = self.db.execute(
            "SELECT id, sha256, path, title, opened_at FROM articles "
            "WHERE opened_at > '' ORDER BY opened_at DESC LIMIT ?",
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
        self,
        sha256: str,
        pipeline: str,
        version: str,
        spans: Sequence[ModelSpan],
        prepared: str | None = None,
    ) -> None:
        """Remember the model's output so the same text is never run twice.

        `prepared`: the rules' knowledge-free part made from it (`overlay.Prepared`).
        """
        with self._write():
            self._t("model_cache").upsert(
                {
                    "sha256": sha256,
                    "pipeline": pipeline,
                    "version": version,
                    "spans": json.dumps([[s.start, s.end, s.label] for s in spans]),
                    "created_at": _now(),
                    "prepared": prepared,
                },
                pk=("sha256", "pipeline", "version"),
            )

    # --- mentions (a cache of overlay()) ---------------------------------------------------

    def replace_mentions(
        self,
        article_id: int,
        mentions: Sequence[Mention],
        knowledge: int,
        model: str,
        where: Sequence[tuple[int, int]] = (),
    ) -> None:
        """Store an article's mentions and what they were computed from, in one go.

        `where` gives each mention's (paragraph, sentence), in the same order.
        """
        self.write_mentions(
            article_id,
            mention_rows(article_id, mentions, where),
            mention_counts(mentions),
            knowledge,
            model,
        )

    def write_mentions(
        self,
        article_id: int,
        rows: Sequence[tuple[object, ...]],
        counts: tuple[int, int, int],
        knowledge: int,
        model: str,
    ) -> None:
        """Store an article's mentions as `mention_rows` and `mention_counts` made them.

        Only the rows that differ are deleted and inserted: a correction
        changes a few of an article's mentions, and every row written costs
        five index updates (issue 8: a tenth of the rows for a change of kind).
        """
        conn = self.db.conn
        with self._write():
            old = {
                row[_START]: row
                for row in conn.execute(
                    f"SELECT {_MENTION_COLUMNS} FROM mentions WHERE article_id = ?", [article_id]
                )
            }
            new = {row[_START]: row for row in rows}
            if len(new) < len(rows):  # two rows at one place: let the insert refuse them
                new, old = {}, {}
                conn.execute("DELETE FROM mentions WHERE article_id = ?", [article_id])
            conn.executemany(
                "DELETE FROM mentions WHERE article_id = ? AND start = ?",
                [(article_id, start) for start, row in old.items() if new.get(start) != row],
            )
            # executemany, not sqlite-utils' insert_all: its per-value checks cost more
            # than the insert when a correction rewrites a thousand articles (issue 8).
            conn.executemany(
                f"INSERT INTO mentions ({_MENTION_COLUMNS}) VALUES ({', '.join('?' * 12)})",
                [row for row in rows if old.get(row[_START]) != row],
            )
            # The library view's counts (issue 8) come along, computed from the mentions.
            self.db.execute(
                "UPDATE articles SET mentions_knowledge = ?, mentions_model = ?, n_groups = ?, "
                "n_people = ?, n_places = ? WHERE id = ?",
                [knowledge, model, *counts, article_id],
            )

    def stored_mentions(self, article_id: int, model: str) -> list[Mention] | None:
        """The article's stored mentions if they are current, else None."""
        row = self.db.execute(
            f"SELECT 1 FROM articles WHERE id = ? AND {_CURRENT}", [article_id, model]
        ).fetchone()
        if row is None:
            return None
        return [
            Mention(s, e, text, Kind(kind), key, entity_id, source)
            for s, e, text, kind, key, entity_id, source in self.db.execute(
                'SELECT start, "end", text, kind, key, entity_id, source FROM mentions '
                "WHERE article_id = ? ORDER BY start",
                [article_id],
            )
        ]

    def refreshable_articles(self, pipeline: str, version: str) -> list[int]:
        """Articles whose mentions are out of date but whose model output is cached."""
        model = mentions_key(pipeline, version)
        return [
            int(r[0])
            for r in self.db.execute(
                "SELECT a.id FROM articles a JOIN model_cache c ON c.sha256 = a.sha256 "
                f"AND c.pipeline = ? AND c.version = ? WHERE NOT ({_CURRENT}) "
                "ORDER BY a.opened_at DESC",
                [pipeline, version, model],
            )
        ]

    def stale_among(self, article_ids: Sequence[int], model: str) -> list[int]:
        """Those of `article_ids` whose stored mentions are out of date, in the order given."""
        current: set[int] = set()
        for i in range(0, len(article_ids), 500):
            chunk = list(article_ids[i : i + 500])
            rows = self.db.execute(
                f"SELECT id FROM articles WHERE {_CURRENT} "
                f"AND id IN ({','.join('?' * len(chunk))})",
                [model, *chunk],
            )
            current |= {int(r[0]) for r in rows}
        return [i for i in dict.fromkeys(article_ids) if i not in current]

    def texts_with_spans(
        self, article_ids: Sequence[int], pipeline: str, version: str
    ) -> list[tuple[int, str, list[ModelSpan], str | None]]:
        """(id, text, cached model spans, prepared overlay) of those the pipeline ran on."""
        return texts_with_spans(self.db.conn, article_ids, pipeline, version)

    def cache_prepared(self, article_id: int, pipeline: str, version: str, prepared: str) -> None:
        """Keep an article's prepared overlay (`overlay.Prepared`) beside its model output."""
        with self._write():
            self.db.execute(
                "UPDATE model_cache SET prepared = ? WHERE pipeline = ? AND version = ? "
                "AND sha256 = (SELECT sha256 FROM articles WHERE id = ?)",
                [prepared, pipeline, version, article_id],
            )

    def articles_containing(self, names: Iterable[str]) -> set[int] | None:
        """Articles whose text may contain one of `names` (None: any article may).

        A superset by full-text search: the same tokenizer reads the names and the
        articles, so "U.S." finds "U.S" and "Kata’ib" finds "Kata'ib".
        """
        phrases = set()
        for name in names:
            tokens = re.findall(r"\w+", name.casefold())
            if not tokens:
                return None
            phrases.add('"' + " ".join(tokens) + '"')
        if not phrases:
            return set()
        rows = self.db.execute(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", [" OR ".join(phrases)]
        )
        return {int(r[0]) for r in rows}

    def articles_linking(self, entity_ids: Iterable[int]) -> set[int]:
        """Articles with a stored mention linked to one of these entities."""
        ids = list(entity_ids)
        if not ids:
            return set()
        marks = ",".join("?" * len(ids))
        rows = self.db.execute(
            f"SELECT DISTINCT article_id FROM mentions WHERE entity_id IN ({marks})", ids
        )
        return {int(r[0]) for r in rows}

    # --- the dossier: where an entity appears and with whom ---------------------------

    def entity_stats(self, who: Identity) -> tuple[int, int]:
        """(articles, mentions) of an entity across the library."""
        cond, params = who.where()
        row = self.db.execute(
            f"SELECT count(DISTINCT m.article_id), count(*) FROM mentions m WHERE {cond}", params
        ).fetchone()
        return int(row[0]), int(row[1])

    def appearances(self, who: Identity, exclude_article: int | None = None) -> list[Appearance]:
        """Every other article that mentions the entity, newest saved first.

        One pass over the entity's index: SQLite takes a bare column beside
        min() from the row holding the minimum, so the first mention's end
        comes with its start; titles and dates come from the articles' listing
        index, never from rows that hold a whole text.
        """
        cond, params = who.where()
        rows = self.db.execute(
            "SELECT a.id, a.title, coalesce(json_extract(a.meta, '$.date'), "
            "substr(a.added_at, 1, 10)), a.path, g.n, g.s, g.e FROM "
            f'(SELECT m.article_id, count(*) AS n, min(m.start) AS s, m."end" AS e '
            f"FROM mentions m WHERE {cond} GROUP BY m.article_id) g "
            "JOIN articles a INDEXED BY articles_card ON a.id = g.article_id "
            "WHERE a.id IS NOT ? ORDER BY a.added_at DESC, a.id DESC",
            [*params, exclude_article],
        )
        return [Appearance(*r) for r in rows]

    def text_window(self, article_id: int, start: int, end: int, margin: int) -> tuple[str, int]:
        """Part of an article's text around [start, end) and where it starts (no full read)."""
        lo = max(0, start - margin)
        row = self.db.execute(
            "SELECT substr(text, ?, ?) FROM articles WHERE id = ?",
            [lo + 1, end - lo + margin, article_id],
        ).fetchone()
        return (str(row[0]) if row else ""), lo

    def companions(self, who: Identity, limit: int = 8) -> list[Companion]:
        """Entities written in the same paragraph as this one, weighted: same sentence twice."""
        cond, params = who.where("me")
        other_cond, other_params = who.where("o")
        rows = self.db.execute(
            "SELECT o.entity_id, coalesce(e.name, max(o.key)), o.kind, "
            "sum(CASE WHEN o.sent = me.sent THEN 2 ELSE 1 END) AS w, "
            "count(DISTINCT o.article_id) FROM mentions me "
            "JOIN mentions o ON o.article_id = me.article_id AND o.para = me.para "
            "LEFT JOIN entities e ON e.id = o.entity_id "
            # coalesce: for a known entity, "o.entity_id = ?" is NULL on unlinked names.
            f"WHERE {cond} AND NOT coalesce({other_cond}, 0) "
            "GROUP BY coalesce('#' || o.entity_id, o.kind || ':' || o.key_norm) "
            "ORDER BY w DESC, count(DISTINCT o.article_id) DESC LIMIT ?",
            [*params, *other_params, limit],
        )
        return [
            Companion(None if i is None else int(i), str(n), Kind(k), int(w), int(a))
            for i, n, k, w, a in rows
        ]

    # --- knowledge --------------------------------------------------------------------

    def knowledge_version(self) -> int:
        """Changes whenever entities, aliases or corrections change."""
        return int(self.get_setting("knowledge_version") or 0)

    def articles_stale_since(self, version: int) -> list[int]:
        """Articles a knowledge change after `version` left out of date."""
        rows = self.db.execute("SELECT id FROM articles WHERE stale_at > ?", [version])
        return [int(r[0]) for r in rows]

    def articles_recomputed_since(self, version: int) -> list[int]:
        """Articles whose stored mentions were computed with knowledge newer than `version`."""
        rows = self.db.execute("SELECT id FROM articles WHERE mentions_knowledge > ?", [version])
        return [int(r[0]) for r in rows]

    def bump_knowledge_version(self, affected: Collection[int] | None) -> int:
        """Mark the knowledge as changed, keeping unaffected articles' mentions current.

        A change can only alter the mentions of articles whose text contains
        one of the names involved, or that link the entities involved: those
        `affected` ones go stale for the caller to recompute, and every other
        article that was current stays current (None: all go stale).
        """
        with self._write():
            new = self.knowledge_version() + 1
            self._t("settings").upsert({"key": "knowledge_version", "value": str(new)}, pk="key")
            if affected is None:
                self.db.execute("UPDATE articles SET stale_at = ?", [new])
            elif affected:
                self.db.execute(
                    "UPDATE articles SET stale_at = ? WHERE id IN (SELECT value FROM json_each(?))",
                    [new, json.dumps(sorted(affected))],
                )
        return new

    # --- entities ---------------------------------------------------------------------

    def knowledge(self) -> Knowledge:
        """Every entity with its aliases: what the overlay matches in each article."""
        aliases: dict[int, list[str]] = {}
        for entity_id, alias in self.db.execute("SELECT entity_id, alias FROM aliases ORDER BY id"):
            aliases.setdefault(int(entity_id), []).append(str(alias))
        entities = tuple(
            KnownEntity(int(i), str(name), Kind(kind), tuple(aliases.get(int(i), ())))
            for i, name, kind in self.db.execute("SELECT id, name, kind FROM entities ORDER BY id")
        )
        everywhere: set[str] = set()
        here: dict[str, set[tuple[int, int]]] = {}
        for norm, sha, start, end in self.db.execute(
            'SELECT norm, article_sha256, start, "end" FROM dismissals'
        ):
            if sha is None:
                everywhere.add(str(norm))
            else:
                here.setdefault(str(sha), set()).add((int(start), int(end)))
        return Knowledge(
            entities,
            frozenset(everywhere),
            self.knowledge_version(),
            {sha: frozenset(spans) for sha, spans in here.items()},
        )

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

    def create_entity(
        self, name: str, kind: Kind, aliases: Sequence[str] = (), origin: str = "correction"
    ) -> int:
        """A new entity named `name`, known also by `aliases` (`origin`: "note" or "correction")."""
        now = _now()
        row = {"name": name, "kind": kind.value, "created_at": now, "updated_at": now}
        with self._write():
            entity_id = int(
                self._t("entities").insert({**row, "origin": origin}).last_pk  # type: ignore[arg-type]  # insert() always sets it
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

    def remove_alias(self, entity_id: int, alias: str) -> None:
        """Forget one name of an entity."""
        with self._write():
            self.db.execute(
                "DELETE FROM aliases WHERE entity_id = ? AND norm = ?",
                [entity_id, normalize(alias)],
            )

    def set_entity(self, entity_id: int, name: str | None = None, kind: Kind | None = None) -> None:
        """Rename an entity or change its kind."""
        values: dict[str, str] = {"updated_at": _now()}
        if name is not None:
            values["name"] = name
        if kind is not None:
            values["kind"] = kind.value
        with self._write():
            self._t("entities").update(entity_id, values)

    def delete_entity(self, entity_id: int) -> None:
        """Remove an entity with its aliases (and notes: callers move those first)."""
        with self._write():
            self.db.execute("DELETE FROM entities WHERE id = ?", [entity_id])

    def entity_summaries(self, kind: Kind | None = None) -> list[EntitySummary]:
        """Every entity with its names and how much the library holds on it, by name."""
        aliases: dict[int, list[str]] = {}
        for entity_id, alias in self.db.execute("SELECT entity_id, alias FROM aliases ORDER BY id"):
            aliases.setdefault(int(entity_id), []).append(str(alias))
        rows = self.db.execute(
            "SELECT e.id, e.name, e.kind, "
            "(SELECT count(*) FROM notes n WHERE n.entity_id = e.id), "
            "(SELECT count(DISTINCT m.article_id) FROM mentions m WHERE m.entity_id = e.id) "
            "FROM entities e WHERE ? IS NULL OR e.kind = ? ORDER BY e.name COLLATE NOCASE, e.id",
            [kind.value if kind else None, kind.value if kind else None],
        )
        return [
            EntitySummary(
                int(i),
                str(name),
                Kind(k),
                tuple(a for a in aliases.get(int(i), ()) if a != name),
                int(notes),
                int(articles),
            )
            for i, name, k, notes, articles in rows
        ]

    def mention_kinds(self, name: str) -> list[tuple[Kind, int]]:
        """How the library's articles highlight `name`: each kind with how often, most first."""
        norm = normalize(name)
        rows = self.db.execute(
            "SELECT kind, count(*) FROM mentions WHERE norm = ? OR key_norm = ? "
            "GROUP BY kind ORDER BY count(*) DESC, kind",
            [norm, norm],
        )
        return [(Kind(k), int(n)) for k, n in rows]

    def mention_entities(self, name: str) -> list[int]:
        """The entities the articles' highlights of `name` stand for, most often first.

        "Warsame" in an article that names "Hodan Abdi Warsame" first is linked to her.
        """
        rows = self.db.execute(
            "SELECT entity_id FROM mentions WHERE norm = ? AND entity_id IS NOT NULL "
            "GROUP BY entity_id ORDER BY count(*) DESC, entity_id",
            [normalize(name)],
        )
        return [int(r[0]) for r in rows]

    def entity_names(self) -> list[str]:
        """Every entity's name, in the order of `entity_summaries` (an index-free small read)."""
        rows = self.db.execute("SELECT name FROM entities ORDER BY name COLLATE NOCASE, id")
        return [str(r[0]) for r in rows]

    def max_entity_id(self) -> int:
        """The highest entity id so far (0 when there is none)."""
        return int(self.db.execute("SELECT coalesce(max(id), 0) FROM entities").fetchone()[0])

    def entity_ids_above(self, entity_id: int) -> list[int]:
        """Entities created after the one with this id."""
        rows = self.db.execute("SELECT id FROM entities WHERE id > ?", [entity_id])
        return [int(r[0]) for r in rows]

    def entities_named(self, name: str) -> list[int]:
        """Every entity (of any kind) that has `name` as one of its names."""
        return [
            int(r[0])
            for r in self.db.execute(
                "SELECT DISTINCT entity_id FROM aliases WHERE norm = ? ORDER BY entity_id",
                [normalize(name)],
            )
        ]

    def move_notes(self, source: int, target: int) -> None:
        """Give every note of `source` to `target` (a merge)."""
        with self._write():
            self.db.execute("UPDATE notes SET entity_id = ? WHERE entity_id = ?", [target, source])

    def mark_corrected(self, entity_ids: Iterable[int]) -> None:
        """These entities carry a correction now: deleting their notes keeps them."""
        ids = sorted(set(entity_ids))
        if ids:
            marks = ",".join("?" * len(ids))
            with self._write():
                self.db.execute(
                    f"UPDATE entities SET origin = 'correction' WHERE id IN ({marks})", ids
                )

    def only_from_notes(self, entity_id: int) -> bool:
        """Whether a note made this entity and no correction has touched it since."""
        row = self.db.execute("SELECT origin FROM entities WHERE id = ?", [entity_id]).fetchone()
        return row is not None and row[0] == "note"

    def note_count(self, entity_id: int) -> int:
        """How many notes an entity has."""
        row = self.db.execute("SELECT count(*) FROM notes WHERE entity_id = ?", [entity_id])
        return int(row.fetchone()[0])

    # --- dismissals -------------------------------------------------------------------

    def add_dismissal(self, text: str, where: tuple[str, int, int] | None = None) -> None:
        """Never highlight `text` again (`where`: only at (article sha256, start, end))."""
        sha, start, end = where if where is not None else (None, None, None)
        with self._write():
            self._t("dismissals").insert(
                {
                    "text": text,
                    "norm": normalize(text),
                    "article_sha256": sha,
                    "start": start,
                    "end": end,
                    "created_at": _now(),
                }
            )

    def remove_dismissals(self, text: str) -> None:
        """Let `text` be highlighted again wherever it was dismissed everywhere."""
        with self._write():
            self.db.execute(
                "DELETE FROM dismissals WHERE norm = ? AND article_sha256 IS NULL",
                [normalize(text)],
            )

    # --- notes ------------------------------------------------------------------------

    _NOTE_COLUMNS = (
        "n.id, n.entity_id, n.body, n.created_at, n.updated_at, n.article_id, a.title, "
        "n.passage, n.passage_start"
    )

    def notes(self, entity_id: int) -> list[Note]:
        """An entity's notes, oldest first."""
        return [
            Note(*r)
            for r in self.db.execute(
                f"SELECT {self._NOTE_COLUMNS} FROM notes n "
                "LEFT JOIN articles a ON a.id = n.article_id "
                "WHERE n.entity_id = ? ORDER BY n.created_at, n.id",
                [entity_id],
            )
        ]

    def note(self, note_id: int) -> Note | None:
        """One note."""
        row = self.db.execute(
            f"SELECT {self._NOTE_COLUMNS} FROM notes n "
            "LEFT JOIN articles a ON a.id = n.article_id WHERE n.id = ?",
            [note_id],
        ).fetchone()
        return Note(*row) if row else None

    def _link_note(self, note_id: int, body: str) -> None:
        """Remember the [[names]] a note links to (for backlinks)."""
        self.db.execute("DELETE FROM note_links WHERE note_id = ?", [note_id])
        self.db.conn.executemany(
            "INSERT INTO note_links (note_id, target, norm) VALUES (?, ?, ?)",
            [(note_id, t, normalize(t)) for t in dict.fromkeys(link_targets(body))],
        )

    def backlinks(self, names: Sequence[str], exclude_entity: int | None) -> list[tuple[Note, str]]:
        """Notes on other entities that link to any of `names`, with their entity's name."""
        norms = sorted({normalize(n) for n in names if normalize(n)})
        if not norms:
            return []
        marks = ",".join("?" * len(norms))
        rows = self.db.execute(
            f"SELECT DISTINCT {self._NOTE_COLUMNS}, e.name FROM note_links l "
            "JOIN notes n ON n.id = l.note_id JOIN entities e ON e.id = n.entity_id "
            f"LEFT JOIN articles a ON a.id = n.article_id WHERE l.norm IN ({marks}) "
            "AND n.entity_id IS NOT ? ORDER BY n.updated_at DESC",
            [*norms, exclude_entity],
        )
        return [(Note(*r[:9]), str(r[9])) for r in rows]

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

    def add_note(
        self,
        entity_id: int,
        body: str,
        article_id: int | None = None,
        passage: tuple[int, str] | None = None,
    ) -> int:
        """A new note on an entity; written while reading `article_id` (at `passage`)."""
        now = _now()
        row = {"entity_id": entity_id, "body": body, "created_at": now, "updated_at": now}
        if article_id is not None:
            row["article_id"] = article_id
        if passage is not None:
            row["passage_start"], row["passage"] = passage
        with self._write():
            note_id = int(
                self._t("notes").insert(row).last_pk  # type: ignore[arg-type]  # always set
            )
            self._link_note(note_id, body)
            self._t("entities").update(entity_id, {"updated_at": now})
        return note_id

    def _note_entity(self, note_id: int) -> int | None:
        row = self.db.execute("SELECT entity_id FROM notes WHERE id = ?", [note_id]).fetchone()
        return int(row[0]) if row else None

    def update_note(self, note_id: int, body: str) -> int:
        """Replace a note's text; returns its entity (StoreError if the note is gone)."""
        with self._write():
            entity_id = self._note_entity(note_id)
            if entity_id is None:
                raise StoreError(f"{self.path}: the note was deleted")
            now = _now()
            self._t("notes").update(note_id, {"body": body, "updated_at": now})
            self._link_note(note_id, body)
            self._t("entities").update(entity_id, {"updated_at": now})
        return entity_id

    def delete_note(self, note_id: int) -> int | None:
        """Remove a note; returns the entity it was on (None if it was already gone)."""
        with self._write():
            entity_id = self._note_entity(note_id)
            self.db.execute("DELETE FROM notes WHERE id = ?", [note_id])
        return entity_id

    def search_notes(self, query: str) -> Iterator[dict[str, Any]]:
        """Full-text search over notes (FTS5)."""
        yield from self._t("notes").search(query)

    # --- the library view (issue 8; queries in reader.core.catalog) -----------------------


def texts_with_spans(
    conn: sqlite3.Connection, article_ids: Sequence[int], pipeline: str, version: str
) -> list[tuple[int, str, list[ModelSpan], str | None]]:
    """(id, text, cached model spans, prepared overlay) of those the pipeline ran on, in order.

    A plain connection will do: worker processes read with one of their own.
    """
    if not article_ids:
        return []
    rows = conn.execute(
        "SELECT a.id, a.text, c.spans, c.prepared FROM articles a JOIN model_cache c "
        "ON c.sha256 = a.sha256 AND c.pipeline = ? AND c.version = ? "
        f"WHERE a.id IN ({','.join('?' * len(article_ids))})",
        [pipeline, version, *article_ids],
    )
    found = {
        int(i): (
            str(text),
            [ModelSpan(s, e, label) for s, e, label in json.loads(spans)],
            None if prepared is None else str(prepared),
        )
        for i, text, spans, prepared in rows
    }
    return [(i, *found[i]) for i in article_ids if i in found]


# The columns of `mention_rows`, in order; `_START` is where the start offset is.
_MENTION_COLUMNS = (
    'para, sent, article_id, start, "end", text, kind, key, entity_id, source, norm, key_norm'
)
_START = 3


def mention_rows(
    article_id: int, mentions: Sequence[Mention], where: Sequence[tuple[int, int]] = ()
) -> list[tuple[object, ...]]:
    """The mentions table's rows for an article's mentions (`where`: paragraph, sentence)."""
    places = list(where) or [(0, 0)] * len(mentions)
    return [
        (
            para,
            sent,
            article_id,
            m.start,
            m.end,
            m.text,
            m.kind.value,
            m.key,
            m.entity_id,
            m.source,
            normalize(m.text),
            normalize(m.key),
        )
        for m, (para, sent) in zip(mentions, places, strict=True)
    ]


def mention_counts(mentions: Sequence[Mention]) -> tuple[int, int, int]:
    """How many distinct groups, people and places the mentions name (entity, else name)."""
    named: dict[Kind, set[object]] = {kind: set() for kind in Kind}
    for m in mentions:
        named[m.kind].add(m.entity_id if m.entity_id is not None else normalize(m.key))
    return len(named[Kind.GROUP]), len(named[Kind.PERSON]), len(named[Kind.PLACE])


def data_dir() -> Path:
    """Reader's own folder in the platform's user data directory."""
    from platformdirs import user_data_path

    return user_data_path("reader", appauthor=False)


def default_db_path() -> Path:
    """`READER_DB`, else reader.db in the platform's user data directory."""
    env = os.environ.get("READER_DB")
    if env:
        return Path(env).expanduser()
    return data_dir() / "reader.db"
