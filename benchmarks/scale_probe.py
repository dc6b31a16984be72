"""In-window measurements for benchmarks/scale.py, each in a process of its own.

Usage:
    python benchmarks/scale_probe.py panel DB ARTICLE
    python benchmarks/scale_probe.py import DB FOLDER

`panel`: opens the real window on DB at ARTICLE, then times on the GUI thread
showing an entity in the side panel and painting it (an entity with a note,
and a name without one, each in 900+ articles), the library and entities
docks' list builds, and finally opens a text the model never saw (spaCy
loads) to report peak memory with the model loaded.

`import`: File ▸ Import of FOLDER in the real window while a 10 ms QTimer
records the longest gap of the event loop, i.e. the worst stall a user feels.
"""

from __future__ import annotations

import functools
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _wait(app: Any, signal: Any, timeout: float = 120.0) -> None:
    hit: list[object] = []
    signal.connect(lambda *a: hit.append(a))
    end = time.monotonic() + timeout
    while not hit and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.002)
    if not hit:
        raise SystemExit(f"timed out waiting for {signal}")


def _ms(samples: list[float]) -> str:
    return f"{statistics.median(samples):.1f} ms (min {min(samples):.1f}, max {max(samples):.1f})"


def panel(db: Path, article: Path) -> None:
    from PySide6.QtCore import QEvent

    from reader import logs
    from reader.core import catalog
    from reader.core.kinds import Kind
    from reader.ui.app import make_app
    from reader.ui.main_window import MainWindow

    logs.setup(db)
    app = make_app()
    window = MainWindow(db)
    window.resize(1280, 820)
    window.show()
    window.open_path(str(article))
    _wait(app, window.mentions_changed)
    store = window.library.store

    def noted(low: int, high: int) -> tuple[int, int]:
        row = store.db.execute(
            "SELECT m.entity_id, count(DISTINCT m.article_id) AS n FROM mentions m "
            "WHERE m.entity_id IS NOT NULL GROUP BY m.entity_id HAVING n BETWEEN ? AND ? "
            "ORDER BY n DESC LIMIT 1",
            [low, high],
        ).fetchone()
        return int(row[0]), int(row[1])

    name = store.db.execute(
        "SELECT max(key), kind, count(DISTINCT article_id) AS n FROM mentions "
        "WHERE entity_id IS NULL GROUP BY key_norm, kind HAVING n BETWEEN 400 AND 3000 "
        "ORDER BY n DESC LIMIT 1"
    ).fetchone()
    window.dock.show()
    ents = window.entities
    shows: dict[str, Callable[[], None]] = {}
    for low, high in ((1, 10), (900, 1500), (1500, 3000), (3000, 100_000)):
        entity_id, count = noted(low, high)
        shows[f"entity with a note, {count} articles"] = functools.partial(
            ents.show_entity, entity_id
        )
    shows[f"name without a note, {name[2]} articles"] = functools.partial(
        ents.show_entity, None, str(name[0]), str(name[1])
    )
    details: list[float] = []
    ents.details_shown.connect(lambda: details.append(time.perf_counter()))
    for label, fn in shows.items():
        builds, paints, fills, gaps = [], [], [], []
        for _ in range(5):
            ents.clear()
            app.processEvents()
            details.clear()
            t0 = time.perf_counter()
            fn()  # on the GUI thread: this article's part; the rest is read on a worker
            t1 = time.perf_counter()
            app.sendPostedEvents(None, QEvent.Type.LayoutRequest)  # layout, nothing else
            window.panel.repaint()  # a synchronous paint of the panel and its lists
            t2 = time.perf_counter()
            builds.append((t1 - t0) * 1000)
            paints.append((t2 - t1) * 1000)
            longest, last = 0.0, time.perf_counter()
            while not details and time.perf_counter() - t0 < 10:
                app.processEvents()  # the GUI thread's steps while the worker reads
                now = time.perf_counter()
                longest, last = max(longest, now - last), now
            window.panel.repaint()
            t3 = time.perf_counter()
            longest = max(longest, t3 - last)
            fills.append((t3 - t0) * 1000)
            gaps.append(longest * 1000)
        rows = window.panel.elsewhere.model_.rowCount()
        totals = [b + p for b, p in zip(builds, paints, strict=True)]
        print(
            f"panel, {label} ({rows} rows): build {_ms(builds)}, layout+paint {_ms(paints)}, "
            f"first shown {_ms(totals)}; every section filled {_ms(fills)}, "
            f"longest GUI step meanwhile {_ms(gaps)}"
        )
    # A knowledge change: the panel re-reads the names `[[` completes.
    t0 = time.perf_counter()
    window.panel.set_entity_names([e.name for e in store.entity_summaries()])
    print(f"panel names for [[ completion (GUI thread): {(time.perf_counter() - t0) * 1000:.0f} ms")

    listed = catalog.library_rows(store)
    window.library_dock.show()
    app.processEvents()
    samples = []
    for _ in range(3):
        t0 = time.perf_counter()
        window.library_panel.set_rows(listed)
        app.processEvents()
        window.library_panel.repaint()
        samples.append((time.perf_counter() - t0) * 1000)
    print(f"library dock: {len(listed)} rows shown (GUI thread): {_ms(samples)}")
    names = catalog.name_rows(store)
    window.entities_dock.show()
    window.entities_dock.raise_()
    app.processEvents()
    for query in ("", "dan"):
        samples = []
        for _ in range(3):
            t0 = time.perf_counter()
            ranked = catalog.rank_names(query, names)
            window.entities_panel.set_names(ranked, ranked=bool(query))
            app.processEvents()
            window.entities_panel.repaint()
            samples.append((time.perf_counter() - t0) * 1000)
        print(f"entities dock: {len(names)} names, filter {query!r} (GUI thread): {_ms(samples)}")
    print(
        "peak RSS before the model: "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )

    fresh = Path(tempfile.mkdtemp()) / "unseen.txt"
    fresh.write_text(
        "Unseen article\n\n" + article.read_text("utf-8").split("\n", 2)[2] + "\nOne more line.\n"
    )
    window.open_path(str(fresh))
    _wait(app, window.mentions_changed)
    _ = Kind
    print(
        "peak RSS with the model loaded (window, 10,000 articles): "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB, "
        f"spaCy in this process: {'spacy' in sys.modules}"
    )
    window.close()


def import_folder(db: Path, folder: Path) -> None:
    from PySide6.QtCore import QTimer

    from reader import logs
    from reader.ui.app import make_app
    from reader.ui.main_window import MainWindow

    logs.setup(db)
    app = make_app()
    window = MainWindow(db)
    window.show()
    window.library_dock.show()  # the worst case: the library list follows the import
    app.processEvents()
    words = sum(len(p.read_text("utf-8").split()) for p in folder.glob("*.txt"))
    gaps: list[float] = []
    last = [time.perf_counter()]

    long: list[str] = []  # when the long gaps were (seconds into the import), for a look
    t0 = time.perf_counter()

    def tick() -> None:
        now = time.perf_counter()
        gaps.append((now - last[0]) * 1000)
        if gaps[-1] > 40:
            long.append(f"{now - t0:.2f} s: {gaps[-1]:.0f} ms")
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    timer.start()
    done: list[object] = []
    window.importer.finished.connect(done.append)
    marks: list[str] = []
    window.importer.progress.connect(
        lambda d, _t: marks.append(f"{time.perf_counter() - t0:.2f} s ({d})")
    )
    c0 = time.process_time()
    t0 = time.perf_counter()
    last[0] = t0
    window.importer.start([str(folder)])
    while not done:
        app.processEvents()
        time.sleep(0.001)
    wall = time.perf_counter() - t0
    cpu = time.process_time() - c0
    timer.stop()
    report: Any = done[0]
    over = [g for g in gaps if g > 50]
    print(
        f"File > Import in the window, {len(report.added)} articles, {words:,} words: "
        f"{wall:.1f} s, {words / wall:,.0f} words/s (incl. model load); CPU in the window's "
        f"process {cpu:.1f} s; event loop: longest gap {max(gaps):.0f} ms, "
        f"{len(over)} gaps over 50 ms, median tick {statistics.median(gaps):.1f} ms"
    )
    print(f"gaps over 40 ms: {', '.join(long) or 'none'}; progress at {', '.join(marks)}")
    window.model.wait_idle(30)  # the worker processes are stopped (and reaped) there
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        f"peak RSS: window {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB, "
        f"largest worker process {children.ru_maxrss / 1024:.0f} MB"
    )
    window.close()


if __name__ == "__main__":
    step, db, target = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    if step == "panel":
        panel(db, target)
    else:
        import_folder(db, target)
