"""The window at the scale of a real library (issue 8): work off the GUI thread, progress.

No wall-clock assertion: benchmarks/scale.py measures how long things take.
These tests check where the work runs and what the user is shown.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from reader.core import importer, parallel
from reader.core.kinds import Kind
from reader.core.library import EntityRef, Library
from reader.core.nlp import Pipeline
from reader.core.store import Store
from reader.ui.main_window import MainWindow
from reader.ui.status_line import StatusLine

from .test_library_window import write_articles
from .test_main_window import TIMEOUT

Factory = Callable[[], MainWindow]


def _spy(
    monkeypatch: pytest.MonkeyPatch, owner: Any, name: str, threads: dict[str, set[str]]
) -> None:
    real = getattr(owner, name)

    def spy(*args: Any, **kwargs: Any) -> Any:
        threads.setdefault(name, set()).add(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, spy)


def test_an_import_runs_off_the_gui_thread_while_the_loop_keeps_turning(
    qtbot: QtBot,
    make_window: Factory,
    fake_model: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(importer, "BATCH_FILES", 2)
    write_articles(tmp_path / "saved", 7)
    threads: dict[str, set[str]] = {}
    _spy(monkeypatch, Pipeline, "run_many", threads)
    _spy(monkeypatch, parallel, "local_finish", threads)
    _spy(monkeypatch, Store, "replace_mentions", threads)
    _spy(monkeypatch, importer, "load_batch", threads)
    window = make_window()
    window.library_dock.show()  # its list follows the import too, read on the query worker
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(1)
    timer.timeout.connect(lambda: ticks.append(len(ticks)))
    between: list[int] = []
    window.importer.progress.connect(lambda done, _total: between.append(len(ticks)))
    timer.start()
    with qtbot.wait_signal(window.importer.finished, timeout=TIMEOUT):
        window.importer.start([str(tmp_path / "saved")])
    timer.stop()
    assert window.library.store.count_articles() == 7
    gui = threading.main_thread().name
    for step in ("run_many", "local_finish", "replace_mentions", "load_batch"):
        assert threads.get(step), f"{step} ran"
        assert gui not in threads[step], f"{step} ran on the GUI thread"
    assert between[-1] > between[0], "the event loop ran between the batches"


def test_a_correction_refreshes_every_article_in_the_background_with_progress(
    qtbot: QtBot,
    make_window: Factory,
    fake_model: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write_articles(tmp_path / "saved", 5)
    window = make_window()
    with qtbot.wait_signal(window.importer.finished, timeout=TIMEOUT):
        window.importer.start([str(tmp_path / "saved")])
    monkeypatch.setattr(Library, "REFRESH_BATCH", 2)
    monkeypatch.setattr(Library, "PARALLEL_FROM", 10**6)  # the writer's own thread, here
    shown: list[tuple[str, int, int, bool]] = []
    real = StatusLine.set_refresh

    def set_refresh(self: StatusLine, done: int, total: int) -> None:
        real(self, done, total)
        shown.append((threading.current_thread().name, done, total, not self.refresh.isHidden()))

    monkeypatch.setattr(StatusLine, "set_refresh", set_refresh)
    refreshed: list[Any] = []
    window.writer.changed.connect(lambda changes: refreshed.append(changes))
    window.writer.submit(
        lambda lib, _c: lib.set_kind(
            EntityRef(None, "Port Amira", Kind.PLACE, ("Port Amira",)), Kind.GROUP
        )
    )
    qtbot.waitUntil(lambda: any(done == total for _, done, total, _ in shown), timeout=TIMEOUT)
    qtbot.waitUntil(lambda: window.status_line.refresh.isHidden(), timeout=TIMEOUT)
    progress = [(done, total) for _, done, total, _ in shown if total]
    assert progress[:4] == [(0, 5), (2, 5), (4, 5), (5, 5)]
    assert {name for name, *_ in shown} == {threading.main_thread().name}
    assert [visible for _, done, total, visible in shown if total][:4] == [True, True, True, False]
    store = window.library.store
    kinds = {
        str(r[0])
        for r in store.db.execute("SELECT DISTINCT kind FROM mentions WHERE key = 'Port Amira'")
    }
    assert kinds == {"group"}, "every saved article was refreshed"
    assert refreshed


def _upgraded(
    qtbot: QtBot,
    make_window: Factory,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    articles: int,
) -> tuple[MainWindow, Callable[[], int]]:
    """A window on saved articles whose highlights older rules made; how many are stale."""
    from reader.core import overlay as overlay_mod

    write_articles(tmp_path / "saved", articles)
    window = make_window()
    with qtbot.wait_signal(window.importer.finished, timeout=TIMEOUT):
        window.importer.start([str(tmp_path / "saved")])
    monkeypatch.setattr(Library, "PARALLEL_FROM", 10**6)  # the writer's own thread, here
    monkeypatch.setattr(overlay_mod, "RULES_VERSION", "next release")
    store = window.library.store
    pipeline = window.library.pipeline
    return window, lambda: len(store.refreshable_articles(pipeline.name, pipeline.version))


def test_after_new_rules_the_window_brings_saved_articles_up_to_date(
    qtbot: QtBot,
    make_window: Factory,
    fake_model: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An upgrade whose rules differ: saved articles are recomputed soon after start."""
    window, stale = _upgraded(qtbot, make_window, tmp_path, monkeypatch, 3)
    assert stale() == 3
    window.refresh_saved_later(delay_ms=0)
    qtbot.waitUntil(lambda: stale() == 0, timeout=TIMEOUT)


def test_a_long_refresh_makes_way_for_what_the_user_asks(
    qtbot: QtBot,
    make_window: Factory,
    fake_model: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Opening an article (any writer job) does not wait for the whole refresh to end."""
    import time

    window, stale = _upgraded(qtbot, make_window, tmp_path, monkeypatch, 8)
    monkeypatch.setattr(Library, "REFRESH_BATCH", 1)
    real = parallel.refreshed

    def slow(*args: Any) -> Any:
        time.sleep(0.15)
        return real(*args)

    monkeypatch.setattr(parallel, "refreshed", slow)
    pipeline = window.library.pipeline
    window.refresh_saved_later(delay_ms=0)
    qtbot.waitUntil(lambda: stale() < 8, timeout=TIMEOUT)  # the refresh has begun
    seen: list[int] = []
    window.writer.submit(
        lambda lib, _c: seen.append(
            len(lib.store.refreshable_articles(pipeline.name, pipeline.version))
        )
    )
    qtbot.waitUntil(lambda: bool(seen), timeout=TIMEOUT)
    assert seen[0] > 0, "the job ran before the refresh had finished"
    qtbot.waitUntil(lambda: stale() == 0, timeout=TIMEOUT)  # and the refresh went on after it
