"""Background workers: each runs jobs one after another in its own thread.

The window has three: the loader (parses files), the model (owns the spaCy
pipeline: spaCy issue #11904 says not to share one across threads) and the
writer (owns the one connection that writes; Anki's CollectionOp and
Datasette's write thread are the models). A job is a plain function of the
worker's context; its result or exception comes back on the GUI thread
through a signal, so no widget is ever touched from a worker.

Jobs submitted with a `key` supersede earlier jobs with the same key: a queued
one is skipped and a running one sees `cancelled()` turn true (calibre's
AnnotationsSaveWorker and ReText coalesce the same way). Jobs without a key
always run, in order — every note save reaches the database.
"""

from __future__ import annotations

import functools
import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, Signal, Slot

from reader.core.article import ArticleError
from reader.core.changes import Changes, Result
from reader.core.corrections import CorrectionError
from reader.core.exchange import ExchangeError
from reader.core.nlp import Cancelled, PipelineError

log = logging.getLogger(__name__)
# What a job refuses to do with a reason the user is shown (an empty file, a
# pipeline that will not load): the log says it in one line, without a traceback.
# Not StoreError: a coding mistake in SQL ("no such column") becomes one too.
REFUSALS = (ArticleError, PipelineError, CorrectionError, ExchangeError)

C = TypeVar("C")
Job = Callable[[C, Callable[[], bool]], Any]
Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


@dataclass
class _Task(Generic[C]):
    id: int
    fn: Job[C]
    done: Done | None
    failed: Failed | None
    key: str | None


class _Stop:
    """Queue sentinel: everything queued before it runs first."""


class Worker(QObject, Generic[C]):
    """One thread, one context (a Library, a Pipeline...), jobs in order.

    Signals:
        changed(Changes): a job returned changes (applied on the GUI thread).
        failed(str, BaseException): a job without its own failure handler
            failed; the first argument names the worker.
        busy(str): what the worker is doing now ("" when idle).
    """

    changed = Signal(object)
    failed = Signal(str, object)
    busy = Signal(str)
    _finished = Signal(int, bool, object)

    def __init__(
        self,
        name: str,
        context: Callable[[], C],
        close: Callable[[C], None] | None = None,
    ) -> None:
        super().__init__()
        self.name = name
        self._make_context = context
        self._close_context = close
        self._queue: queue.Queue[_Task[C] | _Stop] = queue.Queue()
        self._tasks: dict[int, _Task[C]] = {}
        self._latest: dict[str, int] = {}
        self._next_id = 0
        self._stopped = False
        self._finished.connect(self._deliver)
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    # --- GUI thread --------------------------------------------------------------------------

    def submit(
        self,
        fn: Job[C],
        done: Done | None = None,
        failed: Failed | None = None,
        key: str | None = None,
    ) -> int:
        """Queue `fn(context, cancelled)`; `done(result)` or `failed(exc)` run on the GUI thread."""
        self._next_id += 1
        task = _Task(self._next_id, fn, done, failed, key)
        self._tasks[task.id] = task
        if key is not None:
            self._latest[key] = task.id
        self._queue.put(task)
        return task.id

    def waiting(self) -> bool:
        """Whether jobs wait behind the running one: a long job can stop and make way."""
        return not self._queue.empty()

    def cancel(self, key: str) -> None:
        """Supersede every job with this key (a running one stops at its next check)."""
        self._next_id += 1
        self._latest[key] = self._next_id

    def stop(self, timeout: float = 5.0) -> bool:
        """Run what is queued (superseded jobs excepted), then end; False if it timed out."""
        for key in list(self._latest):
            self.cancel(key)  # keyed work (loading, the model) is not worth waiting for
        self._queue.put(_Stop())
        self._thread.join(timeout)
        self._stopped = True  # results still in flight would reach closed widgets
        return not self._thread.is_alive()

    def wait_idle(self, timeout: float = 5.0) -> bool:
        """Block until every queued job ran (for closing and tests); results are delivered."""
        marker = threading.Event()
        self.submit(lambda _ctx, _cancelled: marker.set())
        ok = marker.wait(timeout)
        from PySide6.QtCore import QCoreApplication

        QCoreApplication.processEvents()
        return ok

    @Slot(int, bool, object)
    def _deliver(self, task_id: int, ok: bool, payload: object) -> None:
        task = self._tasks.pop(task_id, None)
        if task is None or self._stopped:
            return
        if not ok:
            assert isinstance(payload, BaseException)
            if task.failed is not None:
                task.failed(payload)
            else:
                self.failed.emit(self.name, payload)
            return
        changes = payload.changes if isinstance(payload, Result) else payload
        if task.done is not None:
            task.done(payload)
        if isinstance(changes, Changes) and changes:
            self.changed.emit(changes)

    # --- worker thread -------------------------------------------------------------------------

    def _superseded(self, task: _Task[C]) -> bool:
        return task.key is not None and self._latest.get(task.key, task.id) != task.id

    def _run(self) -> None:
        context: C | None = None
        try:
            while True:
                task = self._queue.get()
                if isinstance(task, _Stop):
                    return
                if self._superseded(task):
                    self._tasks.pop(task.id, None)
                    continue
                cancelled = functools.partial(self._superseded, task)
                try:
                    if context is None:
                        context = self._make_context()
                    result = task.fn(context, cancelled)
                except BaseException as exc:
                    if cancelled():
                        self._tasks.pop(task.id, None)
                    else:
                        if isinstance(exc, Cancelled):  # the user stopped it: no failure
                            log.debug("%s: job cancelled", self.name)
                        elif isinstance(exc, REFUSALS):  # told to the user; no bug to trace
                            log.info("%s: %s", self.name, exc)
                        else:
                            log.warning("%s: job failed", self.name, exc_info=True)
                        self._finished.emit(task.id, False, exc)
                else:
                    if cancelled():
                        self._tasks.pop(task.id, None)
                    else:
                        self._finished.emit(task.id, True, result)
        finally:
            if context is not None and self._close_context is not None:
                try:
                    self._close_context(context)
                except Exception:
                    log.exception("%s: closing failed", self.name)
