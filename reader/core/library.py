"""The use cases: open, annotate, look up an entity, keep notes.

Both front ends (the window and the CLI) go through `Library`, so `reader
annotate` and the window share one pipeline, knowledge base and cache. A
Library owns one database connection and, lazily, one spaCy pipeline; create
one per thread. Every operation that writes returns what it changed (a
`Changes`, or a `Result` carrying a value too).

Mentions come from one place: `overlay(text, cached model spans, knowledge)`.
The stored mentions are its cache, stamped with the knowledge version and the
model they came from. When knowledge changes, the articles whose text holds
one of the names involved are recomputed from the model cache (no model run);
every other article is unaffected and stays current.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from reader.core import article as article_mod
from reader.core import exchange, gazetteer, parallel, rules
from reader.core import settings as settings_mod
from reader.core.article import Article
from reader.core.changes import Changes, Result
from reader.core.corrections import (
    Correction,
    CorrectionError,
    Snapshot,
    involved_names,
    restore,
    take_snapshot,
)
from reader.core.dossier import Description, best_descriptions, context_line, describe
from reader.core.early_model import EarlyModel, EarlyPipeline
from reader.core.kinds import Kind
from reader.core.names import acronym_of, normalize, surname_of
from reader.core.nlp import Cancelled, ModelSpan, Pipeline, default_pipeline
from reader.core.overlay import Knowledge, Mention, Prepared, mentions_key, prepare
from reader.core.parallel import Pool
from reader.core.store import Appearance, ArticleRow, Companion, Identity, Note, Store

PIPELINE_SETTING = settings_mod.PIPELINE


@dataclass(frozen=True)
class ModelRun:
    """The model's output for one text, and which model produced it."""

    pipeline: str
    version: str
    spans: tuple[ModelSpan, ...]
    prepared: str | None = None  # the rules' knowledge-free part, if made with the spans


@dataclass(frozen=True)
class EntityRef:
    """Enough to find or create an entity from what an article calls it."""

    entity_id: int | None
    name: str
    kind: Kind
    names: tuple[str, ...] = ()


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
    appearances: tuple[Appearance, ...] = ()  # in other articles, newest first
    articles: int = 0  # how many articles of the library mention it
    mentions: int = 0
    companions: tuple[Companion, ...] = ()  # often appears with
    descriptions: tuple[Description, ...] = ()  # what the articles say
    backlinks: tuple[tuple[Note, str], ...] = ()  # notes of other entities linking here
    identity: Identity | None = None
    # False: what the rest of the library says (appears in, counts, often appears with,
    # what the articles say beyond this one) is still to be read (`Library.complete`).
    complete: bool = True

    @property
    def summary(self) -> str:
        """Who or what it is in the user's words: the first line of the first note."""
        for note in self.notes:
            for line in note.body.splitlines():
                if line.strip():
                    return line.strip()  # Markdown: the window renders it
        return ""

    def covers(self, mention: Mention) -> bool:
        """Whether `mention` is one of this entity's mentions."""
        return _same_thing(self.entity_id, self.key, self.kind, mention)

    def ref(self) -> EntityRef:
        """The entity to attach a note to, with the names it may learn from this article.

        Only names the model or the user's knowledge found: a name spread by the
        one-sense rule ("context") may be a wrong guess and must not be learnt,
        unless the text itself defined it (a surname, an acronym).
        """
        learnt = [
            m.text
            for m in self.occurrences
            if m.source != "context"
            or m.text == surname_of(self.key)
            or acronym_of(self.key, m.text)
        ]
        names = [n for n in [self.key, *learnt] if normalize(n) not in rules.AMBIGUOUS_WORDS]
        return EntityRef(self.entity_id, self.key, self.kind, tuple(dict.fromkeys(names)))


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
        self._knowledge: Knowledge | None = None
        # Set by the window: entity views leave what other articles say to a worker.
        self.details_later = False

    def close(self) -> None:
        """Close the database connection."""
        self.store.close()

    # --- pipeline ------------------------------------------------------------------

    @property
    def pipeline_name(self) -> str:
        """The pipeline: --pipeline, READER_PIPELINE, the setting, else the best installed."""
        return (
            self._pipeline_override
            or os.environ.get("READER_PIPELINE")
            or self.store.get_setting(PIPELINE_SETTING)
            or default_pipeline()
        )

    @property
    def pipeline_override(self) -> str | None:
        """The pipeline --pipeline or READER_PIPELINE imposes on this run (None: the setting)."""
        return self._pipeline_override or os.environ.get("READER_PIPELINE") or None

    @property
    def pipeline(self) -> Pipeline:
        """The (lazily loaded) pipeline; replaced when the setting changes."""
        name = self.pipeline_name
        if self._pipeline is None or self._pipeline.name != name:
            self._pipeline = Pipeline(name)
        return self._pipeline

    def _model_key(self) -> str:
        """Which model output stored mentions come from (a different model: recompute)."""
        pipeline = self.pipeline
        return mentions_key(pipeline.name, pipeline.version)

    def knowledge(self) -> Knowledge:
        """What the user taught Reader, re-read only when its version changed."""
        version = self.store.knowledge_version()
        if self._knowledge is None or self._knowledge.version != version:
            self._knowledge = self.store.knowledge()
        return self._knowledge

    # --- settings ------------------------------------------------------------------

    def get_setting(self, key: str) -> str | None:
        """A stored setting (`reader.core.settings` names the keys and reads the values)."""
        return self.store.get_setting(key)

    def set_settings(self, values: Mapping[str, str | None]) -> Changes:
        """Store settings in one transaction; None or "" removes one (back to its default)."""
        with self.store.transaction():
            for key, value in values.items():
                self.store.set_setting(key, value or None)
        return Changes(settings=frozenset(values))

    def reviewed(self, sha256: str) -> set[tuple[int, int, Kind]]:
        """The highlights accepted in review mode in this text (extent and kind)."""
        return self.store.reviewed(sha256)

    def set_reviewed(self, sha256: str, key: tuple[int, int, Kind], accepted: bool) -> Changes:
        """Remember or forget one accepted highlight (nothing else changes)."""
        self.store.set_reviewed(sha256, key, accepted)
        return Changes()

    # --- articles ------------------------------------------------------------------

    def add_article(self, article: Article) -> Result[int]:
        """Record a loaded article (or mark a known one as just opened)."""
        with self.store.transaction():
            known = self.store.article_id(article.sha256)
            article_id = self.store.save_article(article)
        return Result(article_id, Changes(articles=frozenset({article_id}), library=known is None))

    def open_article(self, path: str | Path) -> Result[tuple[int, Article]]:
        """Load a file (ArticleError on bad input) and record it."""
        loaded = article_mod.load(path)
        added = self.add_article(loaded)
        return Result((added.value, loaded), added.changes)

    def recent(self, limit: int = 10) -> list[ArticleRow]:
        """Recently opened articles, newest first."""
        return self.store.recent_articles(limit)

    # --- mentions --------------------------------------------------------------------

    def cached_run(self, article: Article, pipeline: Pipeline | None = None) -> ModelRun | None:
        """The model's output for this text from the cache, if `pipeline` (the current) ran."""
        pipeline = pipeline or self.pipeline
        spans = self.store.cached_spans(article.sha256, pipeline.name, pipeline.version)
        return None if spans is None else ModelRun(pipeline.name, pipeline.version, tuple(spans))

    def run_model(self, article: Article, cancelled: Callable[[], bool] | None = None) -> ModelRun:
        """Run the model on an article (slow; writes nothing)."""
        return self.model_run(self.pipeline, article, cancelled)

    @staticmethod
    def model_run(
        pipeline: Pipeline, article: Article, cancelled: Callable[[], bool] | None = None
    ) -> ModelRun:
        """Run `pipeline` on an article: for a thread that owns the pipeline but no library."""
        spans = pipeline.run(article.text, cancelled)
        return ModelRun(pipeline.name, pipeline.version, tuple(spans))

    def current_mentions(self, article_id: int) -> list[Mention] | None:
        """The article's stored mentions if they are current (a read: no model, no writes)."""
        return self.store.stored_mentions(article_id, self._model_key())

    def ensure_mentions(self, article_id: int, article: Article) -> Result[list[Mention] | None]:
        """The article's mentions, recomputed from the model cache if stale.

        None when the model has not run on this text yet: run it, then
        `record_model_run`.
        """
        current = self.current_mentions(article_id)
        if current is not None:
            return Result(current)
        run = self.cached_run(article)
        if run is None:
            return Result(None)
        return self.record_model_run(article_id, article, run)

    def record_model_run(
        self,
        article_id: int,
        article: Article,
        run: ModelRun,
        computed: tuple[int, parallel.Computed] | None = None,
    ) -> Result[list[Mention]]:
        """Cache the model's output and store the article's mentions, together.

        `computed`: (knowledge version, overlay result) made elsewhere (a worker
        process); used only if the knowledge has not changed since.
        """
        made = Prepared.from_json(run.prepared) or prepare(article.text, run.spans)
        with self.store.transaction():
            self.store.cache_spans(
                article.sha256, run.pipeline, run.version, run.spans, made.to_json()
            )
            mentions = self._store_overlay(article_id, article.text, run, computed, made)
        return Result(mentions, Changes(articles=frozenset({article_id})))

    def _store_overlay(
        self,
        article_id: int,
        text: str,
        run: ModelRun,
        computed: tuple[int, parallel.Computed] | None,
        made: Prepared,
    ) -> list[Mention]:
        knowledge = self.knowledge()
        if computed is not None and computed[0] == knowledge.version:
            mentions, where = computed[1]
        else:
            mentions, where = parallel.local_finish(knowledge, text, made)
        self.store.replace_mentions(
            article_id, mentions, knowledge.version, mentions_key(run.pipeline, run.version), where
        )
        return mentions

    def annotate_file(
        self, path: str | Path, early: EarlyModel | None = None
    ) -> tuple[Article, list[Mention]]:
        """Load, annotate and record a file; nothing is stored unless all of it worked.

        `early`: a model process (`early_model`), asked for the pipeline only
        if the article is not in the cache; if it fails, the model runs here.
        """
        pipeline = self.pipeline  # read once: a setting changed meanwhile counts from the next
        loaded = article_mod.load(path)
        self.store.check_writable()  # a busy, read-only or full library fails before the model
        run = self.cached_run(loaded, pipeline)
        if run is None:
            if early is not None:
                pipeline = EarlyPipeline(early, pipeline.name, meanwhile=gazetteer.load_all)
            run = self.model_run(pipeline, loaded)
        with self.store.transaction():
            article_id = self.add_article(loaded).value
            mentions = self.record_model_run(article_id, loaded, run).value
        return loaded, mentions

    REFRESH_BATCH = 250  # articles recomputed per transaction (and between progress reports)
    PARALLEL_FROM = 100  # at least this many stale articles: the overlay runs in worker processes
    REFRESH_CHUNK = 50  # articles queued at a time for the worker processes (shared between them)

    def refresh_articles(
        self,
        article_ids: Iterable[int],
        cancelled: Callable[[], bool] | None = None,
        progress: Callable[[int, int], None] | None = None,
        pool: Pool | None = None,
    ) -> Changes:
        """Recompute stale mentions from the model cache, in the order given.

        Milliseconds per article and no model run; articles the current model
        never ran on are skipped (they are computed when opened). Articles are
        written REFRESH_BATCH at a time, each batch in one transaction; from
        PARALLEL_FROM stale articles on the overlay runs in worker processes
        (`pool`, else one made for this refresh), one per core. All the work
        is queued at once in pieces of REFRESH_CHUNK, so a worker that
        finishes early takes the next piece instead of waiting for the other
        (issue 8), and the workers go on while this thread writes.
        `progress(done, total)` follows every batch. Stops early when
        `cancelled()` says so: what is left stays stale, and is recomputed
        when next needed.
        """
        pipeline = self.pipeline
        knowledge = self.knowledge()
        model = self._model_key()
        todo = self.store.stale_among(list(article_ids), model)
        done: set[int] = set()
        if progress is not None and todo:
            progress(0, len(todo))
        own = None
        if pool is None and len(todo) >= self.PARALLEL_FROM and parallel.processes() > 1:
            pool = own = Pool()
        if pool is not None and self.store.path == ":memory:":
            pool = None  # the workers could not read this library

        def start(chunk: list[int]) -> Callable[..., list[parallel.Refreshed]]:
            if pool is not None and len(chunk) > 1:
                # The workers read the texts themselves: this thread only writes.
                return pool.submit_refresh(
                    self.store.path, pipeline.name, pipeline.version, knowledge, chunk
                )

            def here(_cancelled: object = None) -> list[parallel.Refreshed]:
                rows = self.store.texts_with_spans(chunk, pipeline.name, pipeline.version)
                return [
                    parallel.refreshed(i, text, spans, knowledge, prepared)
                    for i, text, spans, prepared in rows
                ]

            return here

        size = self.REFRESH_BATCH if pool is None else min(self.REFRESH_CHUNK, self.REFRESH_BATCH)
        chunks = [todo[i : i + size] for i in range(0, len(todo), size)]
        pending = [start(chunk) for chunk in chunks]  # in this thread: started when waited for
        read = written = 0  # articles of `todo` computed, and written, so far
        try:
            results: list[parallel.Refreshed] = []
            for n, wait in enumerate(pending):
                if cancelled is not None and cancelled():
                    break
                results += wait(cancelled)
                read += len(chunks[n])
                if read - written < self.REFRESH_BATCH and n + 1 < len(pending):
                    continue
                with self.store.transaction():
                    for article_id, rows, counts, prepared in results:
                        self.store.write_mentions(
                            article_id, rows, counts, knowledge.version, model
                        )
                        if prepared is not None:  # made now: kept for the next correction
                            self.store.cache_prepared(
                                article_id, pipeline.name, pipeline.version, prepared
                            )
                done.update(article_id for article_id, *_ in results)
                results, written = [], read
                if progress is not None:
                    progress(read, len(todo))
        except Cancelled:
            pass  # batches written so far are whole and current
        finally:
            if own is not None:
                own.close()
            elif pool is not None and written < len(todo):
                pool.cancel_pending()  # stopped early: what was queued and not begun
        return Changes(articles=frozenset(done), knowledge=True)

    def refresh_stale(
        self,
        cancelled: Callable[[], bool] | None = None,
        first: int | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> Changes:
        """Recompute every out-of-date article the model cache allows, `first` first."""
        pipeline = self.pipeline
        ids = self.store.refreshable_articles(pipeline.name, pipeline.version)
        ids.sort(key=lambda i: i != first)  # stable: most recently opened next
        return self.refresh_articles(ids, cancelled, progress)

    def changed_elsewhere(self, seen: int | None) -> Result[int]:
        """What another process (`reader entity ...`) taught since knowledge version `seen`.

        The value is the version now; the changes say the knowledge moved and
        which articles it left stale, so an open window refreshes what it shows.
        """
        version = self.store.knowledge_version()
        if seen is None or version == seen:
            return Result(version)
        stale = frozenset(self.store.articles_stale_since(seen))
        # `reader entity ...` recomputes the articles it changed itself: those are
        # current, but not what the window shows.
        redone = frozenset(self.store.articles_recomputed_since(seen))
        return Result(version, Changes(knowledge=True, stale=stale, articles=stale | redone))

    def _knowledge_changed(
        self, names: Iterable[str], entity_ids: Collection[int], linked: Collection[int] = ()
    ) -> Changes:
        """Inside a write: bump the knowledge version; say which articles went stale.

        `linked`: articles that linked the entities before the change (a merge
        deletes an entity, and with it the links that said where it appeared).
        """
        # A person's surname alone counts too: a known person keeps the lone
        # "Okafor" of a follow-up story (overlay's `_nameless_people`).
        names = list(names)
        lasts = [n.split()[-1] for n in names if " " in n.strip()]
        names += [last for last in lasts if any(c.isalnum() for c in last)]
        affected = self.store.articles_containing(names)
        if affected is not None:
            affected |= self.store.articles_linking(entity_ids) | set(linked)
        self.store.bump_knowledge_version(affected)
        stale = affected if affected is not None else set(self.store.all_article_ids())
        return Changes(knowledge=True, stale=frozenset(stale), entities=frozenset(entity_ids))

    # --- corrections ---------------------------------------------------------------------------

    def _correct(
        self,
        label: str,
        entity_ids: Iterable[int],
        norms: Iterable[str],
        action: Callable[[], int | None],
        names: Iterable[str] = (),
        shown: Kind | None = None,
    ) -> Result[Correction]:
        """Run a correction in one transaction, with its undo snapshot and its stale articles.

        `entity_ids` and `norms` must name every existing entity and dismissed
        name the action may change; entities it creates are found afterwards.
        `shown`: the kind the name was highlighted as, for an entity it creates.
        """
        ids = {i for i in entity_ids if i is not None}
        norms = {n for n in norms if n}
        with self.store.transaction():
            linked = self.store.articles_linking(ids)
            last = self.store.max_entity_id()
            before = take_snapshot(self.store, ids, norms)
            entity_id = action()
            created = set(self.store.entity_ids_above(last))
            touched = ids | created | ({entity_id} if entity_id is not None else set())
            self.store.mark_corrected(touched)
            after = take_snapshot(self.store, touched, norms)
            before = Snapshot(
                {**dict.fromkeys(created), **before.entities},
                before.notes,
                before.dismissals,
                dict.fromkeys(created, shown.value) if shown is not None else {},
            )
            involved = involved_names(before, after, names)
            changes = self._knowledge_changed(involved, touched, linked)
        return Result(Correction(label, entity_id, before, after, involved), changes)

    def undo(self, correction: Correction) -> Changes:
        """Take a correction back."""
        return self._restore(correction.before, correction)

    def redo(self, correction: Correction) -> Changes:
        """Apply a correction that was taken back."""
        return self._restore(correction.after, correction)

    def _restore(self, snapshot: Snapshot, correction: Correction) -> Changes:
        ids = set(correction.before.entities) | set(correction.after.entities)
        with self.store.transaction():
            linked = self.store.articles_linking(ids)
            restore(self.store, snapshot)
            return self._knowledge_changed(correction.names, ids, linked)

    def _entity_of(self, ref: EntityRef) -> int | None:
        return ref.entity_id or self.store.find_entity(ref.names or (ref.name,), ref.kind)

    def set_kind(self, ref: EntityRef, kind: Kind) -> Result[Correction]:
        """Give the entity (created from the names if new) this kind, everywhere."""
        existing = self._entity_of(ref)

        def act() -> int:
            if existing is None:
                return self.store.create_entity(ref.name, kind, ref.names)
            self.store.set_entity(existing, kind=kind)
            return existing

        label = f"Make “{ref.name}” a {kind.label.lower()}"
        return self._correct(label, [existing] if existing else [], (), act, ref.names, ref.kind)

    def dismiss(self, text: str, where: tuple[str, int, int] | None = None) -> Result[Correction]:
        """Not an entity: never highlight `text` (anywhere, or only at `where`).

        `where` is (article sha256, start, end). An entity that has this name
        keeps its notes; it is just not highlighted by this name any more.
        """
        text = " ".join(text.split())
        if not normalize(text):
            raise CorrectionError("There is no name to dismiss.")

        def act() -> None:
            self.store.add_dismissal(text, where)

        label = f"Not an entity: “{text}”" + (" (here)" if where else "")
        return self._correct(label, (), [normalize(text)], act, [text])

    def mark(self, text: str, kind: Kind) -> Result[Correction]:
        """Mark as person (group, place): `text` is that wherever it occurs."""
        text = " ".join(text.split())
        if len(normalize(text)) < 2:
            raise CorrectionError("Select a name of at least two characters to mark it.")
        existing = self.store.find_entity([text], kind)

        def act() -> int:
            self.store.remove_dismissals(text)
            return existing or self.store.create_entity(text, kind, [text])

        label = f"Mark “{text}” as {kind.label.lower()}"
        return self._correct(label, [existing] if existing else [], [normalize(text)], act, [text])

    def merge(self, source: EntityRef, target: int | EntityRef) -> Result[Correction]:
        """Same as…: the source's names (and notes, if it was an entity) join the target.

        The target may be a known entity (its id) or a name not in the library
        yet (a ref), which then becomes an entity, in the same correction.
        """
        target_ref = target if isinstance(target, EntityRef) else EntityRef(target, "", Kind.GROUP)
        target_id = (
            self._entity_of(target_ref) if target_ref.names or target_ref.entity_id else None
        )
        known = self.store.entity(target_id) if target_id is not None else None
        if known is None and not isinstance(target, EntityRef):
            raise CorrectionError("That entity no longer exists.")
        target_name = known.name if known is not None else target_ref.name
        src = self._entity_of(source)
        if src is not None and src == target_id:
            raise CorrectionError(f"“{source.name}” is already “{target_name}”.")
        src_entity = self.store.entity(src) if src is not None else None
        names = list(source.names or (source.name,))
        if src_entity is not None:
            names += [src_entity.name, *src_entity.aliases]

        def act() -> int:
            into = target_id
            if into is None:
                into = self.store.create_entity(
                    target_ref.name, target_ref.kind, target_ref.names or (target_ref.name,)
                )
            self.store.add_aliases(into, names)
            if src is not None:
                self.store.move_notes(src, into)
                self.store.delete_entity(src)
            return into

        label = f"“{source.name}” is “{target_name}”"
        ids = [i for i in (target_id, src) if i is not None]
        return self._correct(label, ids, (), act, [*names, *target_ref.names])

    def split_off(self, entity_id: int, alias: str) -> Result[Correction]:
        """Split off: a name wrongly merged into an entity becomes an entity of its own."""
        entity = self.store.entity(entity_id)
        if entity is None:
            raise CorrectionError("That entity no longer exists.")
        if normalize(alias) == normalize(entity.name):
            raise CorrectionError(
                f"“{alias}” is the entity's name: rename the entity before splitting it off."
            )

        def act() -> int:
            self.store.remove_alias(entity_id, alias)
            return self.store.create_entity(alias, entity.kind, [alias])

        label = f"Split “{alias}” off “{entity.name}”"
        return self._correct(label, [entity_id], (), act, [alias])

    def set_boundary(self, ref: EntityRef, old_text: str, new_text: str) -> Result[Correction]:
        """A highlight's true extent: "Kim Jong" → "Kim Jong Un", "X told" → "X".

        The new text becomes a name of the entity (created if new) and the old
        one stops being one; a longer text the model keeps finding is dismissed.
        """
        new_text = " ".join(new_text.split())
        if len(normalize(new_text)) < 2:
            raise CorrectionError("A highlight needs at least two characters.")
        existing = self._entity_of(ref)
        shrunk = normalize(new_text) in normalize(old_text)

        def act() -> int:
            self.store.remove_dismissals(new_text)
            if shrunk:
                self.store.add_dismissal(old_text)
            if existing is None:
                return self.store.create_entity(new_text, ref.kind, [new_text])
            self.store.add_aliases(existing, [new_text])
            entity = self.store.entity(existing)
            if entity is not None and normalize(entity.name) == normalize(old_text):
                self.store.set_entity(existing, name=new_text)
            self.store.remove_alias(existing, old_text)
            return existing

        label = f"Highlight “{new_text}” instead of “{old_text}”"
        norms = [normalize(old_text), normalize(new_text)]
        ids = [existing] if existing else []
        return self._correct(label, ids, norms, act, [old_text, new_text, *ref.names])

    def rename(self, ref: EntityRef, name: str) -> Result[Correction]:
        """Give an entity (created from the names if new) a new display name.

        The old name stays one of its names, so articles using it still link.
        """
        name = " ".join(name.split())
        if not normalize(name):
            raise CorrectionError("Give the entity a name.")
        existing = self._entity_of(ref)

        def act() -> int:
            entity_id = existing or self.store.create_entity(ref.name, ref.kind, ref.names)
            self.store.set_entity(entity_id, name=name)
            self.store.add_aliases(entity_id, [name])
            return entity_id

        label = f"Rename “{ref.name}” to “{name}”"
        return self._correct(label, [existing] if existing else [], (), act, [name, *ref.names])

    def add_alias(self, ref: EntityRef, alias: str) -> Result[Correction]:
        """Teach an entity (created from the names if new) another name."""
        alias = " ".join(alias.split())
        if len(normalize(alias)) < 2:
            raise CorrectionError("A name needs at least two characters.")
        existing = self._entity_of(ref)

        def act() -> int:
            entity_id = existing or self.store.create_entity(ref.name, ref.kind, ref.names)
            self.store.add_aliases(entity_id, [alias])
            self.store.remove_dismissals(alias)
            return entity_id

        label = f"Add the name “{alias}” to “{ref.name}”"
        ids = [existing] if existing else []
        return self._correct(label, ids, [normalize(alias)], act, [alias, *ref.names])

    def remove_alias(self, entity_id: int, alias: str) -> Result[Correction]:
        """Make an entity forget one of its names (not its display name)."""
        entity = self.store.entity(entity_id)
        if entity is None:
            raise CorrectionError("That entity no longer exists.")
        if normalize(alias) == normalize(entity.name):
            raise CorrectionError(f"“{alias}” is the entity's name: rename it first.")
        if normalize(alias) not in {normalize(a) for a in entity.aliases}:
            raise CorrectionError(f"“{alias}” is not one of the names of “{entity.name}”.")

        def act() -> int:
            self.store.remove_alias(entity_id, alias)
            return entity_id

        label = f"Remove the name “{alias}” from “{entity.name}”"
        return self._correct(label, [entity_id], (), act, [alias])

    # --- in and out ------------------------------------------------------------------------

    def export_json(self, target: Path) -> int:
        """The whole knowledge base as one re-importable JSON file; returns entities written."""
        return exchange.export_json(self.store, target)

    def export_markdown(self, folder: Path) -> int:
        """One Markdown file per entity (front matter, notes, [[links]]) for note apps."""
        return exchange.export_markdown(self.store, folder)

    def import_knowledge(self, path: Path) -> Result[exchange.ImportReport]:
        """Merge an export into this library: nothing here is overwritten, conflicts reported."""
        record = exchange.read_record(path)
        with self.store.transaction():
            report, names, touched = exchange.merge_record(self.store, record)
            changes = Changes(entities=frozenset(touched))
            if names:
                changes |= self._knowledge_changed(sorted(names), touched)
        return Result(report, changes)

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
            base = EntityView(mention.key, mention.kind, mention.key, None, same)
            names = base.ref().names or (mention.key,)
            who = Identity(None, tuple(normalize(n) for n in names), mention.kind)
            return self._complete(base, who, article_id)
        base = EntityView(
            known.name, known.kind, mention.key, known.id, same, known.aliases,
            tuple(self.store.notes(known.id)),
        )  # fmt: skip
        return self._complete(base, Identity(known.id, (), known.kind), article_id)

    def entity_view_by_id(
        self, entity_id: int, mentions: Sequence[Mention], article_id: int | None
    ) -> EntityView | None:
        """The panel's view of a known entity, whether or not this article mentions it."""
        known = self.store.entity(entity_id)
        if known is None:
            return None
        same = tuple(m for m in mentions if m.entity_id == entity_id)
        key = same[0].key if same else known.name
        base = EntityView(
            known.name, known.kind, key, known.id, same, known.aliases,
            tuple(self.store.notes(known.id)),
        )  # fmt: skip
        return self._complete(base, Identity(known.id, (), known.kind), article_id)

    def entity_view_by_name(
        self,
        name: str,
        mentions: Sequence[Mention],
        article_id: int | None,
        kind: Kind | None = None,
    ) -> EntityView | None:
        """The view of whatever `name` stands for.

        A known entity, else a name in this article, else (given its kind) a
        name other articles use.
        """
        for entity_id in self.store.entities_named(name):
            return self.entity_view_by_id(entity_id, mentions, article_id)
        norm = normalize(name)
        here = next((m for m in mentions if norm in (normalize(m.text), normalize(m.key))), None)
        if here is not None:
            return self.entity_view(here, mentions, article_id)
        if kind is None or not norm:
            return None
        base = EntityView(name, kind, name, None, ())
        return self._complete(base, Identity(None, (norm,), kind), article_id)

    def _complete(self, base: EntityView, who: Identity, article_id: int | None) -> EntityView:
        """Add the notes that link here, and what the rest of the library says.

        With `details_later` set (the window), the rest is left out (`complete`
        False) for `complete` to read on a worker: for an entity in thousands of
        articles it takes tens of milliseconds, too long for the GUI thread.
        """
        # Every name this article uses for it too: a note may link to [[JBSC]].
        names = [base.name, base.key, *base.aliases, *(m.text for m in base.occurrences)]
        backlinks = tuple(self.store.backlinks(names, base.entity_id))
        view = replace(base, backlinks=backlinks, identity=who)
        if self.details_later:
            here = self._descriptions(base, (), article_id)
            return replace(view, descriptions=here, complete=False)
        return self.complete(view, article_id)

    def complete(self, view: EntityView, article_id: int | None) -> EntityView:
        """The view with what every other article says: appears in, counts, companions."""
        who = view.identity
        if who is None:
            return replace(view, complete=True)
        everywhere = self.store.appearances(who)  # one indexed read gives the counts too
        appearances = tuple(a for a in everywhere if a.article_id != article_id)
        return replace(
            view,
            appearances=appearances,
            articles=len(everywhere),
            mentions=sum(a.mentions for a in everywhere),
            companions=self.companions(who),
            descriptions=self._descriptions(view, appearances, article_id),
            complete=True,
        )

    def companions(self, who: Identity) -> tuple[Companion, ...]:
        """What the entity is most often written with, across the library."""
        return tuple(self.store.companions(who))

    DESCRIBE_ARTICLES = 12  # how many articles "what the articles say" reads

    def _descriptions(
        self, base: EntityView, appearances: Sequence[Appearance], article_id: int | None
    ) -> tuple[Description, ...]:
        """Sentences of the user's own articles that say who or what the entity is."""
        spots = [(article_id, m.start, m.end) for m in base.occurrences[:3] if article_id]
        spots += [(a.article_id, a.start, a.end) for a in appearances[: self.DESCRIBE_ARTICLES]]
        found = []
        for owner, start, end in spots:
            if owner is None:
                continue
            window, offset = self.store.text_window(owner, start, end, 400)
            got = describe(owner, window, start - offset, end - offset)
            if got is not None:
                found.append(replace(got, start=got.start + offset, end=got.end + offset))
        # "Joint Border Security Commission (JBSC)" tells nothing the card's names do not.
        names = {normalize(n) for n in (base.name, base.key, *base.aliases)}
        names |= {normalize(m.text) for m in base.occurrences}
        telling = [
            d
            for d in found
            if normalize(d.phrase) not in names and not acronym_of(base.name, d.phrase)
        ]
        return tuple(best_descriptions(telling))

    def context(self, article_id: int, start: int, end: int) -> tuple[str, str, str]:
        """(before, name, after) of a mention in a saved article, cut at whole words."""
        window, offset = self.store.text_window(article_id, start, end, 120)
        return context_line(window, start - offset, end - offset)

    def _ensure_entity(self, ref: EntityRef) -> tuple[int, bool]:
        """The entity behind `ref`, created or taught its names; and whether knowledge changed."""
        if ref.entity_id is not None:
            return ref.entity_id, False
        names = list(ref.names) or [ref.name]
        existing = self.store.find_entity(names, ref.kind)
        if existing is not None:
            self.store.add_aliases(existing, names)
            return existing, True
        return self.store.create_entity(ref.name, ref.kind, names, origin="note"), True

    def add_note(
        self,
        ref: EntityRef,
        body: str,
        article_id: int | None = None,
        passage: tuple[int, str] | None = None,
    ) -> Result[tuple[int, int]]:
        """Add a note; the first note on a name creates its entity, together or not at all.

        The new entity's names then link in every article that uses them, once
        the stale articles the result names are refreshed. A note written while
        reading keeps `article_id` (and the `passage` selected: start, text).
        """
        with self.store.transaction():
            entity_id, learnt = self._ensure_entity(ref)
            note_id = self.store.add_note(entity_id, body, article_id, passage)
            changes = Changes(entities=frozenset({entity_id}), notes=frozenset({note_id}))
            if learnt:
                changes |= self._knowledge_changed(ref.names or (ref.name,), [entity_id])
        return Result((entity_id, note_id), changes)

    def update_note(self, note_id: int, body: str) -> Changes:
        """Save a note's new text."""
        entity_id = self.store.update_note(note_id, body)
        return Changes(entities=frozenset({entity_id}), notes=frozenset({note_id}))

    def delete_note(self, note_id: int) -> Changes:
        """Delete a note; an entity only that note's writing made goes with its last note.

        An entity the user corrected (a kind, a name, a merge) stays: it is
        knowledge, not an empty shell.
        """
        with self.store.transaction():
            entity_id = self.store.delete_note(note_id)
            changes = Changes(notes=frozenset({note_id}))
            if entity_id is None:
                return changes
            changes |= Changes(entities=frozenset({entity_id}))
            if self.store.note_count(entity_id) == 0 and self.store.only_from_notes(entity_id):
                known = self.store.entity(entity_id)
                names = [known.name, *known.aliases] if known else []
                linked = self.store.articles_linking([entity_id])
                self.store.delete_entity(entity_id)
                changes |= self._knowledge_changed(names, [entity_id], linked)
            return changes

    def notes(self, entity_id: int) -> list[Note]:
        """An entity's notes, oldest first."""
        return self.store.notes(entity_id)

    def note_previews(self, entity_ids: Sequence[int]) -> dict[int, str]:
        """First line of each entity's first note, for tooltips."""
        return self.store.first_note_line(entity_ids)
