"""The model loaded in a second process while `reader annotate` starts up.

A cold `reader annotate` spends about 0.9 s importing spaCy and loading the
model and 0.3 s on its own start (the store, the overlay's rules, the
library, the article, the cache). One after the other, the user waits for
both; side by side on two cores, for the longer. So the command forks first,
before its own imports: the child imports spaCy, loads the pipeline the
parent names, runs it on the text the parent sends and sends the spans back
(plain `ModelSpan`s, as `parallel`'s workers do). A cached article needs no
model: the child is killed, and the command's own process never imports spaCy.

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
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from reader.core import nlp
from reader.core.nlp import ModelSpan, PipelineError

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

PROCESSES_ENV = "READER_MODEL_PROCESSES"  # "1": everything in one process (as parallel.py)


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def wanted() -> bool:
    """Whether a second process would shorten the wait, and forking is safe here."""
    if not sys.platform.startswith("linux") or os.environ.get(PROCESSES_ENV, "").strip() == "1":
        return False
    if threading.active_count() > 1 or "PySide6.QtCore" in sys.modules:
        return False  # a fork copies other threads' held locks, never their work
    return _cores() > 1


def _child(conn: Connection) -> None:
    """Import spaCy, load the named pipeline, run it on the text sent, send the spans."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's to report
    try:
        nlp.import_spacy()
        name = conn.recv()
        if name is None:
            return
        pipeline = nlp.Pipeline(name)
        pipeline.load()
        text = conn.recv()
        if text is None:
            return
        conn.send(("spans", pipeline.run(text)))
    except PipelineError as exc:
        conn.send(("error", str(exc)))
    except (EOFError, OSError):
        return  # the parent left
    except Exception as exc:  # the parent runs the model itself instead
        with contextlib.suppress(OSError):
            conn.send(("failed", f"{exc.__class__.__name__}: {exc}"))


class EarlyModel:
    """A child process that loads the model while this one starts; see the module text."""

    def __init__(self, process: Any, conn: Connection) -> None:
        self._process = process
        self._conn = conn
        self._named = False

    @classmethod
    def start(cls) -> EarlyModel | None:
        """Fork the child now (None: not worth it or not safe here; run the model in-process)."""
        if not wanted():
            return None
        import multiprocessing

        try:
            context = multiprocessing.get_context("fork")
            mine, theirs = context.Pipe()
            process = context.Process(target=_child, args=(theirs,), daemon=True)
            process.start()
        except (OSError, ValueError):  # pragma: no cover - no fork, or out of processes
            return None
        theirs.close()
        return cls(process, mine)

    def load(self, name: str) -> None:
        """Name the pipeline to load, as soon as it is known (the child imports spaCy meanwhile)."""
        with contextlib.suppress(OSError):
            self._conn.send(name)
            self._named = True

    def run(
        self, text: str, meanwhile: Callable[[], object] | None = None
    ) -> Sequence[ModelSpan] | None:
        """The model's spans in `text`, as `Pipeline.run` gives them (None: the child failed).

        `meanwhile` is called once the text is sent, before waiting for the
        spans. A PipelineError (no such pipeline, a text too long) is raised
        with the message the in-process run would give.
        """
        reason = nlp.too_long(text)  # checked first, as Pipeline.run does
        if reason is not None:
            raise PipelineError(reason)
        if not self._named:
            return None
        with contextlib.suppress(OSError):  # a child that already failed reads no more
            self._conn.send(text)
        if meanwhile is not None:
            meanwhile()
        try:
            what, value = self._conn.recv()
        except (EOFError, OSError):
            return None
        if what == "error":
            raise PipelineError(value)
        if what != "spans":
            logging.getLogger(__name__).warning(
                "the model process failed (%s); running here", value
            )
            return None
        return list(value)

    def close(self) -> None:
        """Stop the child, whatever it is doing (a cached article never waits for it)."""
        self._conn.close()
        if self._process.is_alive():
            self._process.kill()
        self._process.join()
