"""Full-text search over every saved article and every note (SQLite FTS5, porter stemming).

What the user types is never passed to FTS5 as syntax: each word becomes a
quoted term and all of them must occur; the last one also matches as a
prefix once it has PREFIX_MIN letters, so results come while typing. When
the words are a name of a known entity, its other names are searched too
("UN" finds "United Nations" and "U.N."), and its notes come first. Hits
are ranked by bm25 across both tables, the title weighing more than the
body. Snippets come back as plain text with the matched stretches marked by
offsets, never as markup: the window escapes them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Literal

from reader.core.names import normalize
from reader.core.store import Store

_OPEN, _CLOSE = "\x02", "\x03"  # snippet() markers: control characters no article contains
_MARKS = re.compile(f"[{_OPEN}{_CLOSE}]")
SNIPPET_TOKENS = 14
TITLE_WEIGHT = 4.0
PREFIX_MIN = 4
# FTS5's snippet() grows faster than the text it cuts from (a 2,000,000-character
# article took 16 s); in longer articles the snippet is cut here, around the first
# word found, in time proportional to the text.
LONG_TEXT = 50_000


@dataclass(frozen=True, slots=True)
class Snippet:
    """A line of text with the matched stretches as (start, end) offsets into `text`."""

    text: str
    marks: tuple[tuple[int, int], ...]

    @classmethod
    def parse(cls, marked: str) -> Snippet:
        """Read FTS5 snippet() output (with our markers) into text and offsets."""
        text: list[str] = []
        marks: list[tuple[int, int]] = []
        length, start = 0, -1
        for piece in re.split(f"([{_OPEN}{_CLOSE}])", marked):
            if piece == _OPEN:
                start = length
            elif piece == _CLOSE:
                if start >= 0:
                    marks.append((start, length))
                start = -1
            else:
                text.append(piece)
                length += len(piece)
        return cls("".join(text), tuple(marks))


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result: an article (at a passage) or a note (on an entity)."""

    kind: Literal["article", "note"]
    id: int  # the article's or the note's id
    title: str  # the article's title, or the entity's name
    snippet: Snippet
    rank: float  # bm25: lower is better
    entity_id: int | None = None  # a note's entity
    raw: str = ""  # the snippet as FTS5 cut it (to find the passage in the text)


def terms(query: str) -> list[str]:
    """The words of a query as the index tokenizes them (letters and digits)."""
    return re.findall(r"\w+", query.casefold())


def fts_query(store: Store, query: str) -> str | None:
    """The FTS5 expression for what the user typed (None: nothing to search).

    All words must occur, the last also as a prefix; a query that names a
    known entity also matches any of that entity's other names, as a phrase.
    """
    words = terms(query)
    if not words:
        return None
    last = words[-1]
    # The last word also as a prefix (results while typing), once it is long enough
    # not to match half the vocabulary ("th"* is most of an English index).
    tail = f'("{last}" OR "{last}"*)' if len(last) >= PREFIX_MIN else f'"{last}"'
    typed = " AND ".join([*(f'"{w}"' for w in words[:-1]), tail])
    alternatives = [f"({typed})"]
    for alias in aliases_of(store, query):
        alias_words = terms(alias)
        if alias_words and alias_words != words:
            alternatives.append('"' + " ".join(alias_words) + '"')
    return " OR ".join(dict.fromkeys(alternatives))


def aliases_of(store: Store, name: str) -> list[str]:
    """Every name of the entities that `name` is a name of (empty if none is)."""
    norm = normalize(name)
    if not norm:
        return []
    rows = store.db.execute(
        "SELECT DISTINCT b.alias FROM aliases a JOIN aliases b ON b.entity_id = a.entity_id "
        "WHERE a.norm = ? ORDER BY b.id",
        [norm],
    )
    return [str(r[0]) for r in rows]


def search(store: Store, query: str, limit: int = 50) -> list[Hit]:
    """Articles and notes matching `query`, best first, with a marked snippet each."""
    expression = fts_query(store, query)
    if expression is None:
        return []
    snippet = f"'{_OPEN}', '{_CLOSE}', '…', {SNIPPET_TOKENS}"
    # Rank first, then cut snippets for the best only: snippet() on every match of a
    # common word is what makes a search of 10,000 articles slow.
    best = store.db.execute(
        f"SELECT rowid, bm25(articles_fts, {TITLE_WEIGHT}, 1.0) AS score FROM articles_fts "
        "WHERE articles_fts MATCH ? ORDER BY score LIMIT ?",
        [expression, limit],
    ).fetchall()
    scores = {int(r[0]): float(r[1]) for r in best}
    lengths = dict(
        store.db.execute(
            "SELECT id, length(text) FROM articles WHERE id IN (SELECT value FROM json_each(?))",
            [json.dumps(sorted(scores))],
        ).fetchall()
    )
    short = sorted(i for i in scores if lengths.get(i, 0) <= LONG_TEXT)
    articles = [
        (i, title, raw, scores[int(i)])
        for i, title, raw in store.db.execute(
            f"SELECT a.id, a.title, snippet(articles_fts, 1, {snippet}) "
            "FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
            "WHERE articles_fts MATCH ? AND articles_fts.rowid IN "
            "(SELECT value FROM json_each(?))",
            [expression, json.dumps(short)],
        )
    ]
    for i in sorted(set(scores) - set(short)):
        title, text = store.db.execute(
            "SELECT title, text FROM articles WHERE id = ?", [i]
        ).fetchone()
        articles.append((i, title, _long_snippet(str(text), query), scores[i]))
    notes = store.db.execute(
        f"SELECT n.id, e.name, snippet(notes_fts, 0, {snippet}), bm25(notes_fts) AS score, "
        "n.entity_id FROM notes_fts JOIN notes n ON n.id = notes_fts.rowid "
        "JOIN entities e ON e.id = n.entity_id "
        "WHERE notes_fts MATCH ? ORDER BY score LIMIT ?",
        [expression, limit],
    ).fetchall()
    # The user's own notes come first: their scores are not comparable with the
    # articles' (two indexes), and among a library's articles they were lost.
    note_hits = sorted(
        (
            Hit("note", int(i), str(name), _clean(raw), float(score), int(entity), str(raw))
            for i, name, raw, score, entity in notes
        ),
        key=lambda h: h.rank,
    )
    article_hits = sorted(
        (
            Hit("article", int(i), str(title), _clean(raw), float(score), None, str(raw))
            for i, title, raw, score in articles
        ),
        key=lambda h: h.rank,
    )
    about = _notes_on(store, query, {h.id for h in note_hits})
    return (about + note_hits)[:limit] + article_hits[:limit]


def _notes_on(store: Store, name: str, skip: set[int]) -> list[Hit]:
    """The notes on the entities `name` names, first: they are about it even when not naming it."""
    norm = normalize(name)
    if not norm:
        return []
    rows = store.db.execute(
        "SELECT n.id, e.name, n.body, n.entity_id FROM aliases a "
        "JOIN entities e ON e.id = a.entity_id JOIN notes n ON n.entity_id = e.id "
        "WHERE a.norm = ? ORDER BY n.created_at, n.id",
        [norm],
    ).fetchall()
    out = []
    for note_id, entity, body, entity_id in rows:
        if int(note_id) in skip:
            continue
        line = " ".join(str(body).split())
        if len(line) > 160:
            line = line[:159] + "…"
        out.append(Hit("note", int(note_id), str(entity), Snippet(line, ()), -1e9, int(entity_id)))
    return out


def _long_snippet(text: str, query: str) -> str:
    """A snippet with FTS5's markers, around the first word of the query in `text`.

    Words are matched as the start of a word ("election" finds "elections"),
    case blind; when none is found (a stemmed form), the text's start is shown.
    """
    words = [w for w in terms(query) if w]
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\w*", re.IGNORECASE)
    first = pattern.search(text) if words else None
    at = first.start() if first else 0
    left = text.rfind(" ", 0, max(0, at - 80)) + 1
    right = text.find(" ", min(len(text), at + 120))
    piece = text[left : right if right > 0 else len(text)]
    marked = pattern.sub(lambda m: f"{_OPEN}{m.group()}{_CLOSE}", piece) if words else piece
    return ("…" if left > 0 else "") + marked + ("…" if right > 0 else "")


def _clean(marked: str) -> Snippet:
    """A snippet on one line: runs of white space (line breaks too) become one space."""
    return Snippet.parse(re.sub(r"\s+", " ", marked).strip())


def locate(text: str, hit: Hit) -> int | None:
    """Where in the article's text a hit's first match is (a character offset)."""
    raw = hit.raw
    first = raw.find(_OPEN)
    if first < 0:
        return None
    plain = _MARKS.sub("", raw).strip("…")
    lead = len(_MARKS.sub("", raw[:first]).lstrip("…"))
    at = text.find(plain)
    if at >= 0:
        return at + lead
    # The passage was cut differently (should not happen): the first marked word, anywhere.
    word = _MARKS.sub("", raw[first:].split(_CLOSE, 1)[0])
    m = re.search(rf"\b{re.escape(word)}\b", text, flags=re.IGNORECASE)
    return m.start() if m else None
