"""The model loaded in a second process from the moment Reader starts.

A cold `reader annotate` spends about 0.9 s importing spaCy and loading the
model and 0.3 s on its own start (the store, the overlay's rules, the
library, the article, the cache). One after the other, the user waits for
both; side by side on two cores, for the longer. The window is the same
story with Qt in place of the store, and the first new article of every
session used to wait for the model's load. So `reader` forks first, before
the store, the overlay and Qt are imported: the child imports spaCy, loads
the pipeline the parent names and runs it on every text the parent sends,
sending the spans back (plain `ModelSpan`s, as `parallel`'s workers do).
`reader annotate` has the child import spaCy at once and names the pipeline
only once the article is not in the cache (by then the import, most of the
wait, is under way); for a cached article it kills the child, and its own
process never imports spaCy. The window's child waits for the name before
importing anything, and the window names the pipeline once the first
article's text is on screen: on two cores the child's imports slowed the
window's own start by 0.1-0.2 s, and this way the window shows as fast as
ever while the model loads for the first new article.

Fork, not spawn: a spawned child would import everything again. Forking is
safe here because this process has one thread and no Qt. With one core, no
fork (Windows, and macOS, where forking is unsafe once system frameworks
load), READER_MODEL_PROCESSES=1, or a child that dies, the model runs in
this process as before: same spans, same errors.
"""

from __future__ import annotations

import contextlib
import logging
import os
import queue
import signal
import sys
import threading
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from reader.core import nlp
from reader.core.nlp import Cancelled, ModelSpan, PipelineError

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

PROCESSES_ENV = "READER_MODEL_PROCESSES"  # how many model processes; 1: only Reader's own
POLL_S = 0.05  # how often a wait checks whether the caller cancelled

log = logging.getLogger(__name__)


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def configured_processes() -> int:
    """READER_MODEL_PROCESSES as a number of processes (0: not set, so one per core)."""
    try:
        wanted = int(os.environ.get(PROCESSES_ENV, ""))
    except ValueError:
        return 0
    return 0 if wanted == 0 else max(1, wanted)


def wanted() -> bool:
    """Whether a second process would shorten the wait, and forking is safe here."""
    if not sys.platform.startswith("linux") or configured_processes() == 1:
        return False
    if threading.active_count() > 1 or "PySide6.QtCore" in sys.modules:
        return False  # a fork copies other threads' held locks, never their work
    return _cores() > 1


_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def _die_with_parent(parent: int) -> None:
    """Have the kernel kill this process when its parent dies, however it dies."""
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # it died before the line above
        os._exit(0)


def _child(conn: Connection, parents: Connection, ready: Any, parent: int, at_once: bool) -> None:
    """Import spaCy, load the named pipeline, then answer (number, text, …) with its spans."""
    parents.close()  # else the parent's death never reaches `recv` as end of file
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's to report
    try:
        if at_once:
            nlp.import_spacy()
        pipeline = nlp.Pipeline(conn.recv())  # the first message names it
        try:
            pipeline.load()
        except PipelineError as exc:
            conn.send((None, "error", str(exc)))  # every run would fail the same way
            return
        ready.set()
        # Requests are read as they come, by a thread of their own: the parent may
        # send a long text while this process sends a long answer to a run it gave
        # up, and if neither read, both would wait on a full pipe for ever.
        requests: queue.Queue[Any] = queue.Queue()
        threading.Thread(target=_read, args=(conn, requests), daemon=True).start()

        def superseded() -> bool:
            # The parent waits for one run at a time: a request sent during a run
            # means it gave that run up.
            return not requests.empty()

        while (request := requests.get()) is not None:
            number, text, may_be_given_up = request
            try:
                # A run nobody can give up (the CLI's) reads in fuller, faster batches.
                spans = pipeline.run(text, superseded if may_be_given_up else None)
                conn.send((number, "spans", spans))
            except Cancelled:
                conn.send((number, "stopped", None))
            except PipelineError as exc:
                conn.send((number, "error", str(exc)))
    except (EOFError, OSError):
        return  # the parent left
    except Exception:  # the parent runs the model itself instead, and logs why
        with contextlib.suppress(OSError):
            conn.send((None, "failed", traceback.format_exc()))


def _read(conn: Connection, requests: queue.Queue[Any]) -> None:
    """Queue every request the parent sends; None once it is gone."""
    try:
        while True:
            requests.put(conn.recv())
    except (EOFError, OSError):
        requests.put(None)


class EarlyModel:
    """A child process holding the model; see the module text. One thread uses it at a time."""

    def __init__(self, process: Any, conn: Connection, ready: Any) -> None:
        self._process = process
        self._conn: Connection | None = conn
        self._ready = ready
        self._naming = threading.Lock()  # the window names it on the GUI thread
        self._number = 0  # of the last run sent
        self.stopped = 0  # runs given up and stopped in the child before their end
        self.name: str | None = None  # the pipeline it loads

    @classmethod
    def start(cls, at_once: bool = True) -> EarlyModel | None:
        """Fork the child now (None: not worth it or not safe here; run the model in-process).

        `at_once`: the child imports spaCy now; else once `load` names the pipeline.
        """
        if not wanted():
            return None
        import multiprocessing

        try:
            context = multiprocessing.get_context("fork")
            mine, theirs = context.Pipe()
            ready = context.Event()
            process = context.Process(
                target=_child, args=(theirs, mine, ready, os.getpid(), at_once), daemon=True
            )
            process.start()
        except (OSError, ValueError):  # pragma: no cover - no fork, or out of processes
            return None
        theirs.close()
        return cls(process, mine, ready)

    @property
    def alive(self) -> bool:
        """Whether runs still go to the child (False once it failed or was closed)."""
        return self._conn is not None

    @property
    def ready(self) -> bool:
        """Whether the model is loaded in the child (a run now takes only the run's time)."""
        return self.alive and bool(self._ready.is_set())

    def load(self, name: str) -> None:
        """Name the pipeline to load (the first name counts; the child loads it now)."""
        with self._naming:
            if self._conn is None or self.name is not None:
                return
            self.name = name
            try:
                self._conn.send(name)
            except OSError:
                self.close()

    def run(
        self,
        text: str,
        cancelled: Callable[[], bool] | None = None,
        meanwhile: Callable[[], object] | None = None,
    ) -> list[ModelSpan] | None:
        """The model's spans in `text`, as `Pipeline.run` gives them (None: the child failed).

        `meanwhile` is called first (the child cannot use the text before its
        model is loaded anyway). `cancelled` is polled while waiting:
        Cancelled is raised at once; the child stops the abandoned run as soon
        as the next request reaches it, within one small batch of text, so
        quick switching never queues work. A PipelineError (a
        pipeline that will not load, a text too long) is raised with the
        message the in-process run would give.
        """
        reason = nlp.too_long(text)  # checked first, as Pipeline.run does
        if reason is not None:
            raise PipelineError(reason)
        conn = self._conn
        if conn is None or self.name is None:
            return None
        if meanwhile is not None:
            meanwhile()
        self._number += 1
        number = self._number
        with contextlib.suppress(OSError):  # a child that failed reads no more; what it
            conn.send((number, text, cancelled is not None))  # said before is still there
        while True:
            try:
                while cancelled is not None and not conn.poll(POLL_S):
                    if cancelled():
                        raise Cancelled
                answered, what, value = conn.recv()
            except (EOFError, OSError):
                self.close()
                return None
            if answered is None and what == "error":
                self.close()  # the next run loads here, as the in-process path retries
                raise PipelineError(value)
            if answered is None:
                log.warning("the model process failed; the model runs here:\n%s", value)
                self.close()
                return None
            if answered != number:
                self.stopped += what == "stopped"
                continue  # an abandoned run's answer
            if what == "error":
                raise PipelineError(value)
            return list(value)

    def close(self) -> None:
        """Stop the child, whatever it is doing (a cached article never waits for it)."""
        conn, self._conn = self._conn, None
        if conn is None:
            return
        conn.close()
        if self._process.is_alive():
            self._process.kill()
        self._process.join()


class EarlyPipeline(nlp.Pipeline):
    """Pipeline `name`, whose runs go to the early model's process while it serves that one.

    `meanwhile`: called before each run is sent (`EarlyModel.run`).
    """

    def __init__(
        self, early: EarlyModel, name: str, meanwhile: Callable[[], object] | None = None
    ) -> None:
        super().__init__(name)
        self.early = early
        self._meanwhile = meanwhile

    def run(self, text: str, cancelled: Callable[[], bool] | None = None) -> list[ModelSpan]:
        """As `Pipeline.run`; in this process if the child failed or serves another pipeline."""
        self.early.load(self.name)  # if nothing named it yet
        spans = None
        if self.early.name == self.name:
            spans = self.early.run(text, cancelled, self._meanwhile)
        return spans if spans is not None else super().run(text, cancelled)
