"""At the scale of a real library (issue 8): batched refreshes, worker processes, indexes.

Behaviour only: how fast these run is measured by benchmarks/scale.py, never here.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reader.core import importer, parallel
from reader.core.kinds import Kind
from reader.core.library import EntityRef, Library
from reader.core.nlp import ModelSpan, Pipeline
from reader.core.overlay import Knowledge, KnownEntity, Prepared, overlay, prepare
from reader.core.store import Identity

from .helpers import write
from .test_library_view import _tag, folder_of_articles

TEXT = (
    "Report\n\nIlse Brandauer of the Velmora Accord spoke in Tarsk. "
    "Brandauer said the Velmora Accord (VA) would meet again.\n\nIn Tarsk, the VA agreed."
)


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A stand-in model (names from a list) for `run` and `run_many`, in this process."""

    def run_many(
        self: Pipeline, texts: list[str], cancelled: object = None, batch_size: int = 64
    ) -> list[list[ModelSpan]]:
        return [_tag(t) for t in texts]

    monkeypatch.setattr(Pipeline, "run_many", run_many)
    monkeypatch.setattr(Pipeline, "run", lambda self, text, cancelled=None: _tag(text))
    monkeypatch.setattr(Pipeline, "load", lambda self: None)


@pytest.fixture
def library(db_path: Path) -> Iterator[Library]:
    lib = Library(db_path)
    yield lib
    lib.close()


def _imported(library: Library, tmp_path: Path, n: int) -> list[int]:
    folder = folder_of_articles(tmp_path, n)
    importer.import_paths(library, [folder])
    return library.store.all_article_ids()


def _stored(library: Library, ids: list[int]) -> dict[int, list[tuple[object, ...]]]:
    return {
        i: [
            (m.start, m.end, m.kind, m.key, m.entity_id, m.source)
            for m in library.current_mentions(i) or []
        ]
        for i in ids
    }


@pytest.mark.usefixtures("runs")
def test_a_refresh_writes_in_batches_and_reports_progress(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = _imported(library, tmp_path, 7)
    result = library.set_kind(EntityRef(None, "Tarsk", Kind.PLACE, ("Tarsk",)), Kind.GROUP)
    assert set(result.changes.stale) == set(ids)
    monkeypatch.setattr(Library, "REFRESH_BATCH", 3)
    monkeypatch.setattr(Library, "PARALLEL_FROM", 10**6)  # in this process
    seen: list[tuple[int, int]] = []
    changes = library.refresh_articles(
        sorted(result.changes.stale), progress=lambda *p: seen.append(p)
    )
    assert seen == [(0, 7), (3, 7), (6, 7), (7, 7)]
    assert changes.articles == frozenset(ids)
    assert changes.knowledge
    for mentions in _stored(library, ids).values():
        assert [kind for _, _, kind, key, *_ in mentions if key == "Tarsk"] == [Kind.GROUP]
    assert library.refresh_articles(ids).articles == frozenset(), "all current: nothing to do"


@pytest.mark.usefixtures("runs")
def test_a_cancelled_refresh_leaves_whole_batches(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = _imported(library, tmp_path, 5)
    stale = library.set_kind(EntityRef(None, "Tarsk", Kind.PLACE, ("Tarsk",)), Kind.GROUP)
    monkeypatch.setattr(Library, "REFRESH_BATCH", 2)
    monkeypatch.setattr(Library, "PARALLEL_FROM", 10**6)
    seen: list[int] = []
    changes = library.refresh_articles(
        sorted(stale.changes.stale),
        cancelled=lambda: len(seen) > 1,
        progress=lambda done, _total: seen.append(done),
    )
    assert len(changes.articles) == 2
    current = [i for i in ids if library.current_mentions(i) is not None]
    assert sorted(current) == sorted(changes.articles)
    assert library.refresh_stale().articles == frozenset(ids) - changes.articles


@pytest.mark.usefixtures("runs")
def test_worker_processes_give_what_this_process_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The overlay in spawned workers: the same mentions, written the same way."""
    monkeypatch.setattr(Library, "REFRESH_BATCH", 4)
    monkeypatch.setattr(Library, "REFRESH_CHUNK", 2)  # three pieces queued at once
    stored, seen = [], []
    for name, workers in (("here", 0), ("pool", 2)):
        lib = Library(tmp_path / f"{name}.db")
        try:
            ids = _imported(lib, tmp_path / name, 6)
            ref = EntityRef(None, "Velmora Accord", Kind.GROUP, ("Velmora Accord",))
            lib.add_note(ref, "A pact.")
            lib.refresh_stale()
            stale = lib.set_kind(EntityRef(None, "Tarsk", Kind.PLACE, ("Tarsk",)), Kind.GROUP)
            pool = parallel.Pool(workers) if workers else None
            try:
                changes = lib.refresh_articles(
                    sorted(stale.changes.stale), pool=pool, progress=lambda *p: seen.append(p)
                )
            finally:
                if pool is not None:
                    pool.close()
            assert changes.articles == frozenset(ids)
            stored.append(_stored(lib, ids))
        finally:
            lib.close()
    here, pooled = stored
    assert pooled == here
    assert seen == [(0, 6), (4, 6), (6, 6)] * 2
    assert any(entity_id is not None for mentions in here.values() for *_, entity_id, _ in mentions)


def test_the_kept_part_of_the_overlay_gives_what_overlay_gives() -> None:
    """Stored as JSON and read back, the knowledge-free part loses nothing a refresh needs."""
    knowledge = Knowledge((KnownEntity(1, "Velmora Accord", Kind.GROUP, ("VA",)),), version=3)
    for text in (TEXT, TEXT.replace("Tarsk", "Orlen")):
        kept = Prepared.from_json(prepare(text, _tag(text)).to_json())
        assert kept is not None
        mentions, _ = parallel.local_finish(knowledge, text, kept)
        assert mentions == overlay(text, _tag(text), knowledge)


def test_work_no_worker_has_begun_can_be_dropped() -> None:
    pool = parallel.Pool(1)
    try:
        # One worker holds a call and the next one waits beside it; the rest are queued.
        futures = [pool._submit(time.sleep, 0.2) for _ in range(5)]
        pool.cancel_pending()
        assert sum(f.cancelled() for f in futures) >= 3
        assert all(f.result() is None for f in futures if not f.cancelled())
    finally:
        pool.close()


def test_chunks_keep_order_and_balance() -> None:
    assert parallel.chunks([], 2) == []
    assert parallel.chunks([5], 3) == [[0]]
    assert parallel.chunks([1, 1, 1, 1], 2) == [[0, 1], [2, 3]]
    parts = parallel.chunks([10, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], 2)
    assert [i for p in parts for i in p] == list(range(11))
    assert len(parts) == 2


@pytest.mark.usefixtures("runs")
def test_overlay_made_under_older_knowledge_is_recomputed(library: Library, tmp_path: Path) -> None:
    """A worker's overlay is used only if the knowledge did not change meanwhile."""
    path = tmp_path / "a.txt"
    write(path, TEXT)
    from reader.core import article as article_mod

    art = article_mod.load(path)
    old = library.knowledge()
    made = parallel.local_finish(old, art.text, prepare(art.text, _tag(art.text)))
    library.add_note(EntityRef(None, "Tarsk", Kind.PLACE, ("Tarsk",)), "A city.")
    run = library.model_run(Pipeline(library.pipeline_name), art)
    recorded = importer.record_batch(library, [art], [run], [(old.version, made)])
    ((article_id, _),) = recorded.value.added
    mentions = library.current_mentions(article_id) or []
    assert any(m.entity_id is not None for m in mentions if m.key == "Tarsk")


@pytest.mark.usefixtures("runs")
def test_a_names_articles_are_found_through_its_indexes(library: Library, tmp_path: Path) -> None:
    _imported(library, tmp_path, 3)
    who = Identity(None, ("tarsk",), Kind.PLACE)
    cond, params = who.where()
    plan = " ".join(
        str(row[3])
        for row in library.store.db.execute(
            f"EXPLAIN QUERY PLAN SELECT count(*) FROM mentions m WHERE {cond}", params
        )
    )
    assert "mentions_key_article" in plan
    assert "mentions_norm_article" in plan
    assert library.store.entity_stats(who) == (3, 3)


@pytest.mark.model
def test_an_import_through_worker_processes_equals_one_in_this_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The real model in two spawned workers gives what it gives here, mentions included."""
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(5):
        write(
            folder / f"{i}.txt",
            f"Talks {i}\n\nIlse Brandauer met officials of the Velmora Accord in Tarsk.\n\n"
            f"The United Nations said on Monday that Brandauer would travel to Geneva ({i}).\n",
        )
    monkeypatch.setattr(importer, "BATCH_FILES", 2)
    sent: list[int] = []
    submit = parallel.Pool.submit_import

    def counted(self: parallel.Pool, *args: Any) -> Any:
        sent.append(len(args[-1]))
        return submit(self, *args)

    monkeypatch.setattr(parallel.Pool, "submit_import", counted)
    stored = []
    for name, words in (("here", 10**9), ("pool", 0)):
        monkeypatch.setattr(importer, "PARALLEL_FROM_WORDS", words)
        monkeypatch.setattr(parallel, "processes", lambda: 2)
        lib = Library(tmp_path / f"{name}.db")
        try:
            report = importer.import_paths(lib, [folder])
            assert len(report.added) == 5
            ids = lib.store.all_article_ids()
            by_path = {lib.store.load_article(i).path: i for i in ids}  # type: ignore[union-attr]
            got = _stored(lib, ids)
            stored.append({p: got[i] for p, i in by_path.items()})
        finally:
            lib.close()
    here, pooled = stored
    assert sent == [2, 2, 1], "the second import went through the workers, batch by batch"
    assert pooled == here
    assert any(m for m in here.values())


@pytest.mark.usefixtures("runs")
def test_an_appearance_is_the_first_mention_with_its_own_end(
    library: Library, tmp_path: Path
) -> None:
    """The end comes from the row of min(start) (SQLite's bare column), not another mention."""
    path = tmp_path / "a.txt"
    write(path, "Talks\n\nTarsk and the Velmora Accord. Later the Velmora Accord met in Tarsk.\n")
    from reader.core import article as article_mod

    art = article_mod.load(path)
    article_id = library.add_article(art).value
    library.record_model_run(article_id, art, library.run_model(art))
    mentions = [m for m in library.current_mentions(article_id) or [] if m.key == "Velmora Accord"]
    who = Identity(None, ("velmora accord",), Kind.GROUP)
    (appearance,) = library.store.appearances(who)
    assert (appearance.start, appearance.end, appearance.mentions) == (
        mentions[0].start,
        mentions[0].end,
        2,
    )
