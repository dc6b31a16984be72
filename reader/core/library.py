"""The use cases: open, annotate, look up an entity, keep notes.

Both front ends (the window and the CLI) go through `Library`, so `reader
annotate` and the window share one pipeline, knowledge base and cache. A
Library owns one database connection and, lazily, one spaCy pipeline; create
one per thread.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reader.core import article as article_mod
from reader.core.article import Article
from reader.core.entities import (
    AMBIGUOUS_WORDS,
    Mention,
    acronym_of,
    normalize,
    refine,
    surname_of,
)
from reader.core.kinds import Kind
from reader.core.nlp import DEFAULT_PIPELINE, ModelSpan, Pipeline
from reader.core.store import ArticleRow, Note, Store

PIPELINE_SETTING = "pipeline"


@dataclass(frozen=True)
class EntityView:
    """Everything the side panel shows for one entity in one article."""

    name: str
    kind: Kind
    key: str
    entity_id: int | None
    occurrences: tuple[Mention, ...]
    aliases: tuple[str, ...] = ()
    notes: tuple[Note, ...] = ()
    elsewhere: tuple[tuple[ArticleRow, int], ...] = field(default_factory=tuple)

    def covers(self, mention: Mention) -> bool:
        """Whether `mention` is one of this entity's mentions."""
        return _same_thing(self.entity_id, self.key, self.kind, mention)


def _same_thing(entity_id: int | None, key: str, kind: Kind, mention: Mention) -> bool:
    """Same linked entity, or (unlinked) the same in-article name and kind."""
    if entity_id is not None and mention.entity_id == entity_id:
        return True
    return mention.key == key and mention.kind is kind


class Library:
    """One user's library, opened on one database file."""

    def __init__(self, db_path: str | Path, pipeline: str | None = None) -> None:
        self.store = Store(db_path)
        self._pipeline_override = pipeline
        self._pipeline: Pipeline | None = None

    def close(self) -> None:
        """Close the database connection."""
        self.store.close()

    # --- pipeline ------------------------------------------------------------------

    @property
    def pipeline_name(self) -> str:
        """The spaCy pipeline to use: --pipeline, READER_PIPELINE, the stored setting."""
        return (
            self._pipeline_override
            or os.environ.get("READER_PIPELINE")
            or self.store.get_setting(PIPELINE_SETTING)
            or DEFAULT_PIPELINE
        )

    @property
    def pipeline(self) -> Pipeline:
        """The (lazily loaded) pipeline; replaced when the setting changes."""
        name = self.pipeline_name
        if self._pipeline is None or self._pipeline.name != name:
            self._pipeline = Pipeline(name)
        return self._pipeline

    # --- articles ------------------------------------------------------------------

    def open_article(self, path: str | Path) -> tuple[int, Article]:
        """Load a file (ArticleError on bad input) and record it in the library."""
        loaded = article_mod.load(path)
        return self.store.save_article(loaded), loaded

    def recent(self, limit: int = 10) -> list[ArticleRow]:
        """Recently opened articles, newest first."""
        return self.store.recent_articles(limit)

    def is_cached(self, article: Article) -> bool:
        """Whether the model already ran on this text with the current pipeline."""
        return self._cached(article) is not None

    def _cached(self, article: Article) -> list[ModelSpan] | None:
        pipeline = self.pipeline
        return self.store.cached_spans(article.sha256, pipeline.name, pipeline.version)

    def model_spans(
        self, article: Article, cancelled: Callable[[], bool] | None = None
    ) -> tuple[list[ModelSpan], bool]:
        """The model's spans for this text, from the cache when possible (and whether it was)."""
        cached = self._cached(article)
        if cached is not None:
            return cached, True
        pipeline = self.pipeline
        spans = pipeline.run(article.text, cancelled)
        self.store.cache_spans(article.sha256, pipeline.name, pipeline.version, spans)
        return spans, False

    def annotate(
        self,
        article: Article,
        article_id: int | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> list[Mention]:
        """The article's mentions: model output (cached) refined by the user's knowledge."""
        mentions = self._mentions(article, cancelled)
        if article_id is not None:
            self.store.replace_mentions(article_id, mentions)
        return mentions

    def annotate_file(self, path: str | Path) -> tuple[Article, list[Mention]]:
        """Load, annotate and record a file; nothing is stored unless all of it worked."""
        loaded = article_mod.load(path)
        mentions = self._mentions(loaded)
        with self.store.transaction():
            article_id = self.store.save_article(loaded)
            self.store.replace_mentions(article_id, mentions)
        return loaded, mentions

    def _mentions(
        self, article: Article, cancelled: Callable[[], bool] | None = None
    ) -> list[Mention]:
        spans, _ = self.model_spans(article, cancelled)
        return refine(article.text, spans, self.store.knowledge())

    # --- entities and notes ---------------------------------------------------------------

    def entity_view(
        self, mention: Mention, mentions: Sequence[Mention], article_id: int | None
    ) -> EntityView:
        """What the panel shows for the thing `mention` refers to."""
        same = tuple(
            m for m in mentions if _same_thing(mention.entity_id, mention.key, mention.kind, m)
        )
        entity_id = mention.entity_id
        if entity_id is None:
            entity_id = self.store.find_entity([m.text for m in same] + [mention.key], mention.kind)
        known = self.store.entity(entity_id) if entity_id is not None else None
        if known is None:
            return EntityView(mention.key, mention.kind, mention.key, None, same)
        return EntityView(
            known.name,
            known.kind,
            mention.key,
            known.id,
            same,
            known.aliases,
            tuple(self.store.notes(known.id)),
            tuple(self.store.articles_mentioning(known.id, exclude_article=article_id)),
        )

    def ensure_entity(self, view: EntityView) -> int:
        """The entity behind a panel view, created (with its names here as aliases) if new."""
        if view.entity_id is not None:
            return view.entity_id
        # Only names the model or the user's knowledge found: a name spread by the
        # one-sense rule ("context") may be a wrong guess and must not be learnt.
        learnt = [
            m.text
            for m in view.occurrences
            if m.source != "context"
            or m.text == surname_of(view.key)
            or acronym_of(view.key, m.text)
        ]
        names = [view.key, *learnt]
        names = [n for n in names if normalize(n) not in AMBIGUOUS_WORDS]
        existing = self.store.find_entity(names, view.kind)
        if existing is not None:
            self.store.add_aliases(existing, names)
            return existing
        return self.store.create_entity(view.key, view.kind, names)

    def notes(self, entity_id: int) -> list[Note]:
        """An entity's notes, oldest first."""
        return self.store.notes(entity_id)

    def add_note(self, entity_id: int, body: str) -> int:
        """Add a note to an entity."""
        return self.store.add_note(entity_id, body)

    def add_first_note(self, view: EntityView, body: str) -> tuple[int, int]:
        """Create the entity if needed and add a note, together or not at all."""
        with self.store.transaction():
            entity_id = self.ensure_entity(view)
            return entity_id, self.store.add_note(entity_id, body)

    def write_recovery(self, view: EntityView | None, body: str) -> Path:
        """Keep text that could not be saved in a file beside the database.

        The last line of defence for the user's notes: when the database
        refuses a write, the words still land on disk, and we say where.
        """
        from datetime import datetime

        folder = Path(self.store.path).parent
        target = folder / "unsaved-notes.md"
        stamp = datetime.now().isoformat(timespec="seconds")
        name = view.name if view is not None else "unknown entity"
        with target.open("a", encoding="utf-8") as f:
            f.write(f"\n## {name} ({stamp})\n\n{body}\n")
        return target

    def update_note(self, note_id: int, body: str) -> None:
        """Save a note's new text."""
        self.store.update_note(note_id, body)

    def delete_note(self, note_id: int) -> None:
        """Delete a note."""
        self.store.delete_note(note_id)

    def note_previews(self, entity_ids: Sequence[int]) -> dict[int, str]:
        """First line of each entity's first note, for tooltips."""
        return self.store.first_note_line(entity_ids)
