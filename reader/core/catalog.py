"""The library as lists: every saved article and every entity, reading positions, removal.

Queries behind the library and entities views and the import. Each is one
indexed query (the GUI thread's read-only `Library` runs the article list,
which is built for 10,000 articles); the listing of every name the model
found across the library scans the mentions and belongs on a worker.
Writes (positions, removal, imported articles) run on the writer and return
a `Changes`. Removing an article never removes a note: notes hang on
entities, and entities outlive the articles that mention them.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from reader.core.article import Article
from reader.core.changes import Changes
from reader.core.kinds import Kind
from reader.core.names import normalize
from reader.core.store import Store

MIN_SCORE = 60  # as in reader.core.lookup: below this a match is noise
# Unlinked mentions by name: SQLite would otherwise take "entity_id IS NULL" to the
# entity index and read every unlinked mention (issue 8).
BY_NAME = "INDEXED BY mentions_key_article"


@dataclass(frozen=True, slots=True)
class LibraryRow:
    """One saved article as the library view lists it."""

    id: int
    title: str
    source: str  # the site, else the link's host, else the file name
    date: str  # the day as YYYY-MM-DD, or as the article gives it if that is ambiguous
    added_at: str
    opened_at: str  # "" when imported and never opened
    groups: int
    people: int
    places: int
    noted: int  # how many of its entities have a note
    path: str
    day: str = ""  # YYYY-MM-DD when the date could be read: what the Date column sorts by


@dataclass(frozen=True, slots=True)
class NameRow:
    """An entity as the entities view lists it: one of the user's, or a name the model found.

    `entity_id` is None for a name that is in no note or correction yet; such a
    name is known by its normalised form and kind.
    """

    entity_id: int | None
    name: str
    kind: Kind
    aliases: tuple[str, ...]
    articles: int
    notes: int
    norm: str


def _source(path: str, meta: dict[str, str]) -> str:
    if meta.get("site"):
        return meta["site"]
    host = urlsplit(meta.get("url", "")).hostname if meta.get("url") else None
    return host or Path(path).name


def library_rows(store: Store) -> list[LibraryRow]:
    """Every saved article with what the library view shows, most recently added first."""
    noted: dict[int, int] = {
        int(a): int(n)
        for a, n in store.db.execute(
            "SELECT m.article_id, count(DISTINCT m.entity_id) FROM mentions m "
            "WHERE m.entity_id IN (SELECT DISTINCT entity_id FROM notes) GROUP BY m.article_id"
        )
    }
    rows = store.db.execute(
        "SELECT id, title, path, json_extract(meta, '$.site'), json_extract(meta, '$.url'), "
        "json_extract(meta, '$.date'), added_at, opened_at, n_groups, n_people, n_places "
        "FROM articles ORDER BY added_at DESC, id DESC"
    )
    out = []
    for i, title, path, site, url, date, added, opened, g, p, pl in rows:
        meta = {k: str(v) for k, v in (("site", site), ("url", url)) if v}
        day, clear = read_day(str(date or ""))
        out.append(
            LibraryRow(
                int(i),
                str(title),
                _source(str(path), meta),
                day if clear else str(date or ""),
                str(added),
                str(opened or ""),
                int(g),
                int(p),
                int(pl),
                noted.get(int(i), 0),
                str(path),
                day,
            )
        )
    return out


def articles_with_entity(store: Store, entity_id: int | None, norm: str, kind: Kind) -> set[int]:
    """Articles that mention an entity (by id) or an unlinked name (by its form and kind)."""
    if entity_id is not None:
        return store.articles_linking([entity_id])
    rows = store.db.execute(
        f"SELECT DISTINCT article_id FROM mentions {BY_NAME} WHERE key_norm = ? AND kind = ? "
        "AND entity_id IS NULL",
        [norm, kind.value],
    )
    return {int(r[0]) for r in rows}


def first_mention(
    store: Store, entity_id: int | None, norm: str, kind: Kind
) -> tuple[int, int] | None:
    """(article, offset) of an entity's first mention in the article most recently read or added."""
    args: list[int | str]
    index = ""
    if entity_id is not None:
        where, args = "m.entity_id = ?", [entity_id]
    else:
        where, args = "m.key_norm = ? AND m.kind = ? AND m.entity_id IS NULL", [norm, kind.value]
        index = BY_NAME
    row = store.db.execute(
        f"SELECT m.article_id, min(m.start) FROM mentions m {index} "
        "JOIN articles a ON a.id = m.article_id "
        f"WHERE {where} GROUP BY m.article_id "
        "ORDER BY max(a.opened_at, a.added_at) DESC, m.article_id DESC LIMIT 1",
        args,
    ).fetchone()
    return (int(row[0]), int(row[1])) if row else None


def name_rows(store: Store) -> list[NameRow]:
    """Every entity of the knowledge base, then every other name the model found, by name.

    Scans the mentions once: run it on a worker, not the GUI thread.
    """
    out = [
        NameRow(e.id, e.name, e.kind, e.aliases, e.articles, e.notes, normalize(e.name))
        for e in store.entity_summaries()
    ]
    rows = store.db.execute(
        f"SELECT key_norm, kind, max(key), count(DISTINCT article_id) FROM mentions {BY_NAME} "
        "WHERE entity_id IS NULL GROUP BY key_norm, kind"
    )
    out += [
        NameRow(None, str(key), Kind(kind), (), int(n), 0, str(norm)) for norm, kind, key, n in rows
    ]
    out.sort(key=lambda r: (r.name.casefold(), r.kind.value))
    return out


# --- reading position and zoom ---------------------------------------------------------------


def sha_of(store: Store, article_id: int) -> str | None:
    """The text hash of a saved article (None: not in the library)."""
    row = store.db.execute("SELECT sha256 FROM articles WHERE id = ?", [article_id]).fetchone()
    return str(row[0]) if row else None


def position(store: Store, sha256: str) -> int:
    """Where reading of this text stopped (a character offset; 0 at the top)."""
    row = store.db.execute("SELECT position FROM articles WHERE sha256 = ?", [sha256]).fetchone()
    return int(row[0]) if row else 0


def set_position(store: Store, sha256: str, offset: int) -> Changes:
    """Remember where reading of this text stopped (no view refreshes for this)."""
    with store.transaction():
        store.db.execute(
            "UPDATE articles SET position = ? WHERE sha256 = ?", [max(0, offset), sha256]
        )
    return Changes()


# --- removing and importing ------------------------------------------------------------------


def remove_articles(store: Store, article_ids: Iterable[int]) -> Changes:
    """Remove articles with their mentions and cached model output; every note stays.

    Notes belong to entities, and entities (with their names and notes) are
    kept even when no article mentions them any more.
    """
    ids = sorted(set(article_ids))
    if not ids:
        return Changes()
    marks = ",".join("?" * len(ids))
    with store.transaction():
        shas = [
            str(r[0])
            for r in store.db.execute(f"SELECT sha256 FROM articles WHERE id IN ({marks})", ids)
        ]
        linked = {
            int(r[0])
            for r in store.db.execute(
                f"SELECT DISTINCT entity_id FROM mentions WHERE article_id IN ({marks}) "
                "AND entity_id IS NOT NULL",
                ids,
            )
        }
        store.db.execute(f"DELETE FROM articles WHERE id IN ({marks})", ids)
        if shas:
            store.db.execute(
                f"DELETE FROM model_cache WHERE sha256 IN ({','.join('?' * len(shas))})", shas
            )
    return Changes(articles=frozenset(ids), entities=frozenset(linked), library=True)


def insert_new(store: Store, article: Article) -> int | None:
    """Add an imported article unless the library has its text; its id, or None if present.

    Not marked as opened: importing is not reading.
    """
    now = datetime.now(UTC).isoformat(timespec="milliseconds")
    with store.transaction():
        cur = store.db.execute(
            "INSERT INTO articles (sha256, path, title, format, text, blocks, meta, added_at, "
            "opened_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, '') ON CONFLICT (sha256) DO NOTHING",
            [
                article.sha256,
                article.path,
                article.title,
                article.format,
                article.text,
                json.dumps([[b.start, b.end, b.role, b.level] for b in article.blocks]),
                json.dumps(dict(article.meta)),
                now,
            ],
        )
        return int(cur.lastrowid) if cur.rowcount else None  # type: ignore[arg-type]


def known_texts(store: Store, sha256s: Sequence[str]) -> set[str]:
    """Which of these texts the library already holds."""
    out: set[str] = set()
    for i in range(0, len(sha256s), 500):
        chunk = list(sha256s[i : i + 500])
        rows = store.db.execute(
            f"SELECT sha256 FROM articles WHERE sha256 IN ({','.join('?' * len(chunk))})", chunk
        )
        out |= {str(r[0]) for r in rows}
    return out


def rank_names(query: str, rows: Sequence[NameRow], limit: int = 500) -> list[NameRow]:
    """Rows whose name or other names match `query` best first (rapidfuzz, typos forgiven).

    A name that starts with what was typed, or contains it as a word, comes
    before a fuzzy look-alike; an empty query keeps every row in order.
    """
    query = normalize(query)
    if not query:
        return list(rows)
    from rapidfuzz import fuzz, process, utils

    choices: list[str] = []
    owners: list[int] = []
    for i, row in enumerate(rows):
        for name in (row.name, *row.aliases):
            choices.append(normalize(name))
            owners.append(i)
    best: dict[int, float] = {}
    for choice, score, index in process.extract(
        query,
        choices,
        scorer=fuzz.WRatio,
        processor=utils.default_process,
        limit=limit * 4,
        score_cutoff=MIN_SCORE,
    ):
        bonus = 20.0 if choice.startswith(query) else 10.0 if f" {query}" in f" {choice}" else 0.0
        owner = owners[index]
        best[owner] = max(best.get(owner, 0.0), score + bonus)
    ranked = sorted(best, key=lambda i: (-best[i], -rows[i].articles, rows[i].name.casefold()))
    return [rows[i] for i in ranked[:limit]]


_NUMERIC = re.compile(r"\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})\b")


_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:$|[T ])")


@functools.lru_cache(maxsize=65536)
def read_day(text: str) -> tuple[str, bool]:
    """(YYYY-MM-DD, unambiguous) of a date as articles write it; ("", False) if unreadable.

    "Thursday, 10/16/2025", "16 October 2025" and ISO stamps all sort by their
    day. A numeric date whose day and month could be swapped (03/02/2026) is
    read month first for sorting but not shown rewritten: its reader knows
    which it means, Reader does not.
    """
    text = text.strip()
    if not text or len(text) > 80:
        return "", False
    iso = _ISO.match(text)  # most saved pages' stamps: no parser needed
    if iso is not None and 1 <= int(iso[2]) <= 12 and 1 <= int(iso[3]) <= 31:
        return f"{iso[1]}-{iso[2]}-{iso[3]}", True
    from dateutil import parser

    try:
        when = parser.parse(text, fuzzy=True, ignoretz=True, default=datetime(1, 1, 1))
    except (ValueError, OverflowError, TypeError):
        return "", False
    if when.year < 1000:  # no year in it: nothing to sort by
        return "", False
    numeric = _NUMERIC.search(text)
    ambiguous = numeric is not None and max(int(numeric[1]), int(numeric[2])) <= 12
    return when.strftime("%Y-%m-%d"), not ambiguous
