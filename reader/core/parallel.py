"""The model and the overlay in worker processes, so an import or a refresh uses every core.

spaCy holds the GIL while it works, and so does the overlay (plain Python):
threads cannot put a second core to use, processes can. A `Pool` starts
`processes()` workers with the *spawn* method: forking a process that runs Qt
threads (the window) copies locks held by other threads and can hang the
child. Each worker loads a pipeline once, the first time it is asked for it,
and keeps it. Work goes out in chunks of whole texts and comes back as plain
data (`ModelSpan`, `Mention`): the results are exactly what `Pipeline.run_many`
and `overlay` give in this process. Writing stays with the caller (the one
writer).

A pool is made for one long job (an import, a large refresh) and closed after
it, so its memory (a model per worker) is given back.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import quote

from reader.core import store
from reader.core.dossier import places
from reader.core.early_model import configured_processes
from reader.core.nlp import Cancelled, ModelSpan, Pipeline
from reader.core.overlay import Knowledge, Mention, Prepared, finish, prepare

if TYPE_CHECKING:  # imported when a pool starts: the window's start-up never pays for them
    from concurrent.futures import Future, ProcessPoolExecutor

POLL_S = 0.05  # how often a wait checks whether the caller cancelled
WORKER_NICENESS = 10  # below the window's priority: an import never makes it stutter

T = TypeVar("T")
Computed = tuple[list[Mention], list[tuple[int, int]]]  # mentions, each one's (paragraph, sentence)
# An article's id, its mention rows and its (groups, people, places) counts, ready to write.
# id, mention rows, counts, and the prepared overlay to keep (None: the kept one was used)
Refreshed = tuple[int, list[tuple[object, ...]], tuple[int, int, int], str | None]


def processes() -> int:
    """How many worker processes: READER_MODEL_PROCESSES, else one per core (at most 4)."""
    return configured_processes() or min(4, os.cpu_count() or 1)


def chunks(sizes: Sequence[int], n: int) -> list[list[int]]:
    """Indexes 0..len(sizes)-1 cut into at most `n` runs of about equal total size, in order."""
    total = sum(sizes)
    if not sizes:
        return []
    n = max(1, min(n, len(sizes)))
    out: list[list[int]] = [[]]
    done = 0
    for i, size in enumerate(sizes):
        if out[-1] and done >= total * len(out) / n and len(out) < n:
            out.append([])
        out[-1].append(i)
        done += size
    return out


# --- in the worker processes ------------------------------------------------------------------

_PIPELINES: dict[str, Pipeline] = {}


def _model_chunk(name: str, texts: list[str]) -> list[list[ModelSpan]]:
    pipeline = _PIPELINES.get(name)
    if pipeline is None:
        _PIPELINES.clear()  # another pipeline was chosen: one model per worker
        pipeline = _PIPELINES[name] = Pipeline(name)
    return pipeline.run_many(texts)


def _import_chunk(
    name: str, knowledge: Knowledge, texts: list[str]
) -> list[tuple[list[ModelSpan], Computed, str]]:
    out: list[tuple[list[ModelSpan], Computed, str]] = []
    for text, spans in zip(texts, _model_chunk(name, texts), strict=True):
        made = prepare(text, spans)
        out.append((spans, _finished(text, made, knowledge), made.to_json()))
    return out


def _finished(text: str, made: Prepared, knowledge: Knowledge) -> Computed:
    mentions = finish(text, made, knowledge)
    return mentions, places(text, [m.start for m in mentions])


def _refresh_chunk(
    path: str, pipeline: str, version: str, knowledge: Knowledge, ids: list[int]
) -> list[Refreshed]:
    # Read here, with a read-only connection of our own: the caller only writes.
    conn = sqlite3.connect(f"file:{quote(path)}?mode=ro", uri=True)
    try:
        rows = store.texts_with_spans(conn, ids, pipeline, version)
    finally:
        conn.close()
    return [refreshed(i, text, spans, knowledge, prepared) for i, text, spans, prepared in rows]


def refreshed(
    article_id: int,
    text: str,
    spans: Sequence[ModelSpan],
    knowledge: Knowledge,
    prepared: str | None = None,
) -> Refreshed:
    """An article's mentions as the store writes them (`Store.write_mentions`).

    From the kept prepared overlay when there is one made by these rules;
    else it is made, and returned for the caller to keep.
    """
    kept = Prepared.from_json(prepared)
    made = kept or prepare(text, spans)
    mentions, where = _finished(text, made, knowledge)
    return (
        article_id,
        store.mention_rows(article_id, mentions, where),
        store.mention_counts(mentions),
        None if kept is not None else made.to_json(),
    )


def _niced() -> None:
    """Workers yield the processor to the window: they keep every core busy, it must not wait."""
    with contextlib.suppress(OSError, AttributeError):  # AttributeError: no os.nice (Windows)
        os.nice(WORKER_NICENESS)


# --- in the caller ----------------------------------------------------------------------------


class Pool:
    """Worker processes for model runs and overlays (started on first use)."""

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or processes()
        self._executor: ProcessPoolExecutor | None = None
        self._pending: set[Future[Any]] = set()  # submitted and not done

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            self._executor = ProcessPoolExecutor(
                self.workers, mp_context=multiprocessing.get_context("spawn"), initializer=_niced
            )
        return self._executor

    def close(self) -> None:
        """Stop the workers (work not started is dropped)."""
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def cancel_pending(self) -> None:
        """Drop the work no worker has begun, whoever queued it (a job that stopped early)."""
        for future in list(self._pending):
            future.cancel()

    def _submit(self, fn: Callable[..., T], *args: object) -> Future[T]:
        future = self._pool().submit(fn, *args)
        self._pending.add(future)
        future.add_done_callback(self._pending.discard)
        return future

    def submit_model(self, name: str, texts: Sequence[str]) -> Callable[..., list[list[ModelSpan]]]:
        """Start the model on `texts` across the workers; call the result to wait for it."""
        parts = chunks([len(t) for t in texts], self.workers)
        futures = [self._submit(_model_chunk, name, [texts[i] for i in p]) for p in parts]

        def wait(cancelled: Callable[[], bool] | None = None) -> list[list[ModelSpan]]:
            out: list[list[ModelSpan]] = []
            for part in _gather(futures, cancelled):
                out.extend(part)
            return out

        return wait

    def submit_import(
        self, name: str, knowledge: Knowledge, texts: Sequence[str]
    ) -> Callable[..., list[tuple[list[ModelSpan], Computed, str]]]:
        """Start the model and then the overlay on `texts`; call the result to wait for them.

        The overlay uses `knowledge` as it is now: the caller records the
        result only if the knowledge has the same version when it writes.
        """
        parts = chunks([len(t) for t in texts], self.workers)
        futures = [
            self._submit(_import_chunk, name, knowledge, [texts[i] for i in p]) for p in parts
        ]

        def wait(
            cancelled: Callable[[], bool] | None = None,
        ) -> list[tuple[list[ModelSpan], Computed, str]]:
            out: list[tuple[list[ModelSpan], Computed, str]] = []
            for part in _gather(futures, cancelled):
                out.extend(part)
            return out

        return wait

    def run_model(
        self, name: str, texts: Sequence[str], cancelled: Callable[[], bool] | None = None
    ) -> list[list[ModelSpan]]:
        """What `Pipeline(name).run_many(texts)` gives, computed by the workers."""
        return self.submit_model(name, texts)(cancelled)

    def submit_refresh(
        self,
        path: str,
        pipeline: str,
        version: str,
        knowledge: Knowledge,
        article_ids: Sequence[int],
    ) -> Callable[..., list[Refreshed]]:
        """Start recomputing these articles' mentions from the library file at `path`.

        The workers read the texts themselves. Call the result to wait for them;
        articles the pipeline never ran on are left out, as `texts_with_spans` does.
        """
        parts = chunks([1] * len(article_ids), self.workers)
        futures = [
            self._submit(
                _refresh_chunk, path, pipeline, version, knowledge, [article_ids[i] for i in p]
            )
            for p in parts
        ]

        def wait(cancelled: Callable[[], bool] | None = None) -> list[Refreshed]:
            out: list[Refreshed] = []
            for part in _gather(futures, cancelled):
                out.extend(part)
            return out

        return wait


def _gather(futures: list[Future[T]], cancelled: Callable[[], bool] | None) -> list[T]:
    """Each future's result in order; Cancelled (the rest dropped) when `cancelled()` says so."""
    out = []
    for future in futures:
        while True:
            if cancelled is not None and cancelled():
                for f in futures:
                    f.cancel()
                raise Cancelled
            try:
                out.append(future.result(timeout=POLL_S))
                break
            except TimeoutError:
                continue
    return out


def local_finish(knowledge: Knowledge, text: str, made: Prepared) -> Computed:
    """What a worker computes from the rules' knowledge-free part, in this process."""
    return _finished(text, made, knowledge)
