"""Reader at the scale of a real library (issue 8): 10,000 articles.

Usage:
    python benchmarks/scale.py build DIR [--articles 10000]
    python benchmarks/scale.py core DIR          # search, panel data, lists, a correction
    python benchmarks/scale.py correction DIR    # only the correction and its refresh
    python benchmarks/scale.py gui DIR           # window to text, panel paint, docks, memory
    python benchmarks/scale.py import DIR [--articles 300] [--processes N]

`build` writes DIR/articles/*.txt (benchmarks/scale_corpus.py: news-like text,
a Zipf spread of ~15,000 made-up names) and DIR/library.db. First it writes
notes on 300 entities through `Library.add_note`, then it imports every file
through the import's own steps (`importer.load_batch`, `importer.record_batch`:
one transaction per batch, the real overlay, the real store), with ONE
STAND-IN: the model's spans are the names the generator wrote, labelled as
spaCy would (a stub, for speed: the real model would take hours here). They
are cached under the real pipeline's name and version, so the library is
exactly what an import with a perfect model would leave, and opening an
article never needs spaCy. `import` measures throughput with the REAL model.

Every measurement prints wall and CPU medians; nothing here is a test.
Wall-clock figures depend on the machine and its load: `core`/`gui` print
`uptime` and the CPU count with the figures.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from scale_corpus import Corpus, Name, make_names  # noqa: E402

NOTED = 300  # entities with a note
LABEL_KIND = {"PERSON": "person", "ORG": "group", "GPE": "place"}


def machine() -> str:
    """One line: the machine and its load now."""
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"load average {load}, {time.strftime('%Y-%m-%d %H:%M')}"
    )


def timed(fn: Callable[[], Any], runs: int = 7) -> dict[str, float]:
    """Median (min, max) wall and median CPU milliseconds of `runs` calls."""
    walls, cpus = [], []
    for _ in range(runs):
        c0, t0 = time.process_time(), time.perf_counter()
        fn()
        walls.append((time.perf_counter() - t0) * 1000)
        cpus.append((time.process_time() - c0) * 1000)
    return {
        "wall_ms": statistics.median(walls),
        "min_ms": min(walls),
        "max_ms": max(walls),
        "cpu_ms": statistics.median(cpus),
    }


def show(label: str, m: dict[str, float]) -> None:
    print(
        f"| {label} | {m['wall_ms']:.1f} ms | {m['min_ms']:.1f}–{m['max_ms']:.1f} ms "
        f"| {m['cpu_ms']:.1f} ms |",
        flush=True,
    )


# --- build ------------------------------------------------------------------------------------


def build(folder: Path, count: int) -> None:
    """The 10,000-article library (stub model: see the module's docstring)."""
    from reader.core import importer
    from reader.core.article import Article
    from reader.core.kinds import Kind
    from reader.core.library import EntityRef, Library, ModelRun
    from reader.core.nlp import ModelSpan

    articles = folder / "articles"
    db = folder / "library.db"
    if db.exists():
        db.unlink()
    names = make_names()
    corpus = Corpus(names)
    articles.mkdir(parents=True, exist_ok=True)
    spans: dict[str, tuple[tuple[int, int, str], ...]] = {}
    t0 = time.perf_counter()
    for i in range(count):
        generated = corpus.article(i)
        path = articles / f"{i:05d}.txt"
        path.write_text(generated.text, encoding="utf-8")
        spans[str(path)] = generated.spans
    print(f"wrote {count} articles in {time.perf_counter() - t0:.1f} s", flush=True)
    lib = Library(db)
    pipeline = lib.pipeline  # name and version only: spaCy is never imported here
    rng = random.Random(8)
    noted = list(range(20)) + rng.sample(range(20, 3000), NOTED - 20)
    for rank in noted:
        name: Name = names[rank]
        ref = EntityRef(None, name.text, Kind(LABEL_KIND[name.label]), (name.text,))
        lib.add_note(ref, f"{name.text} — background.\n\nMore on [[{names[rank + 1].text}]].")
    t0 = time.perf_counter()
    files = sorted(articles.glob("*.txt"))
    words = 0
    for n, batch in enumerate(importer.batches(files, importer.estimated_words)):
        loaded = [a for a in importer.load_batch(batch) if isinstance(a, Article)]
        runs = [
            ModelRun(
                pipeline.name,
                pipeline.version,
                tuple(ModelSpan(s, e, label) for s, e, label in spans[a.path]),
            )
            for a in loaded
        ]
        importer.record_batch(lib, loaded, runs)
        words += sum(len(a.text.split()) for a in loaded)
        if n % 10 == 0:
            print(f"  {n * len(batch)} articles, {time.perf_counter() - t0:.0f} s", flush=True)
    lib.open_article(files[-1])  # the last article read (what the window opens)
    elapsed = time.perf_counter() - t0
    size = db.stat().st_size / 1e6
    print(
        f"built {count} articles ({words:,} words) in {elapsed:.0f} s "
        f"(stub model: {words / elapsed:,.0f} words/s for parse + overlay + write); "
        f"{size:.0f} MB, {size * 1e3 / count:.1f} kB per article"
    )
    lib.close()


# --- helpers on a built library -------------------------------------------------------------


def popular(lib: Any, low: int, high: int, noted: bool) -> tuple[int | None, str, str, int]:
    """(entity id or None, name, kind, articles) of a name in `low`..`high` articles."""
    if noted:
        row = lib.store.db.execute(
            "SELECT m.entity_id, e.name, e.kind, count(DISTINCT m.article_id) AS n "
            "FROM mentions m JOIN entities e ON e.id = m.entity_id "
            "GROUP BY m.entity_id HAVING n BETWEEN ? AND ? ORDER BY n DESC LIMIT 1",
            [low, high],
        ).fetchone()
    else:
        row = lib.store.db.execute(
            "SELECT NULL, max(key), kind, count(DISTINCT article_id) AS n FROM mentions "
            "WHERE entity_id IS NULL GROUP BY key_norm, kind HAVING n BETWEEN ? AND ? "
            "ORDER BY n DESC LIMIT 1",
            [low, high],
        ).fetchone()
    return row[0], str(row[1]), str(row[2]), int(row[3])


def core(folder: Path) -> None:
    """Core-side figures on the built library (no Qt)."""
    from reader.core import catalog, search
    from reader.core.kinds import Kind
    from reader.core.library import Library

    db = folder / "library.db"
    print(machine())
    lib = Library(db)
    n = lib.store.count_articles()
    print(
        f"{n} articles\n\n| measure | wall median | min–max | CPU median |\n"
        "| --- | ---: | ---: | ---: |"
    )
    queries = {
        "search: a common word (officials)": "officials",
        "search: two words (talks stall)": "talks stall",
        "search: typing a prefix (negoti)": "negoti",
        "search: a rare word (outage)": "outage",
    }
    for noted, lo, hi in ((True, 900, 1500), (True, 1500, 3000), (False, 400, 3000)):
        entity_id, name, kind, count = popular(lib, lo, hi, noted)
        queries[f"search: an entity's name ({count} articles)"] = name
        what = "noted entity" if noted else "unlinked name"
        mentions = lib.current_mentions(1) or []
        for later in (False, True):
            # The window reads what other articles say on its query worker (details_later).
            lib.details_later = later
            how = "on the GUI thread (the rest on a worker)" if later else "all of it"
            if entity_id is not None:
                show(
                    f"panel data (entity_view_by_id), {how}: {what} in {count} articles",
                    timed(functools.partial(lib.entity_view_by_id, entity_id, mentions, 1)),
                )
            else:
                show(
                    f"panel data (entity_view_by_name), {how}: {what} in {count} articles",
                    timed(
                        functools.partial(lib.entity_view_by_name, name, mentions, 1, Kind(kind))
                    ),
                )
        lib.details_later = False
        if entity_id is None:
            norm = lib.store.db.execute(
                "SELECT key_norm FROM mentions WHERE key = ? LIMIT 1", [name]
            ).fetchone()[0]
            show(
                f"first mention of a name in {count} articles (catalog.first_mention)",
                timed(functools.partial(catalog.first_mention, lib.store, None, norm, Kind(kind))),
            )
    for label, q in queries.items():
        show(label, timed(functools.partial(search.search, lib.store, q)))
    show("library list (catalog.library_rows)", timed(lambda: catalog.library_rows(lib.store), 3))
    rows: list[Any] = []
    show(
        "name list (catalog.name_rows)", timed(lambda: rows.extend(catalog.name_rows(lib.store)), 3)
    )
    rows = catalog.name_rows(lib.store)
    print(f"({len(rows)} names)")
    show("name ranking (catalog.rank_names 'dan')", timed(lambda: catalog.rank_names("dan", rows)))
    show("entity names (store.entity_summaries)", timed(lambda: lib.store.entity_summaries(), 3))
    lib.close()
    correction(folder)


def correction(folder: Path) -> None:
    """A correction on a popular name, then refreshing every article it touches.

    Wall time, and CPU time of this process and of the worker processes (the
    wall time depends on what else the machine runs; the CPU time much less).
    """
    from reader.core.kinds import Kind
    from reader.core.library import EntityRef, Library

    db = folder / "library.db"
    for noted in (True, False):
        work = Path(tempfile.mkdtemp()) / "library.db"
        shutil.copy(db, work)
        lib = Library(work)
        entity_id, name, kind, count = (
            popular(lib, 900, 1500, noted) if noted else popular(lib, 400, 3000, noted)
        )
        other = next(k for k in Kind if k.value != kind)
        t0, c0, w0 = time.perf_counter(), time.process_time(), os.times()
        result = lib.set_kind(EntityRef(entity_id, name, Kind(kind), (name,)), other)
        t1 = time.perf_counter()
        stale = len(result.changes.stale)
        done = lib.refresh_stale()
        t2, c2, w2 = time.perf_counter(), time.process_time(), os.times()
        workers = w2.children_user + w2.children_system - w0.children_user - w0.children_system
        what = "noted entity" if noted else "unlinked name"
        print(
            f"| correction (set_kind) on a {what} in {count} articles: write "
            f"{(t1 - t0) * 1000:.0f} ms, refresh {len(done.articles)} of {stale} stale articles "
            f"| {(t2 - t0):.2f} s | | {(c2 - c0):.2f} s here, {workers:.2f} s in workers |",
            flush=True,
        )
        lib.close()
        shutil.rmtree(work.parent)


# --- GUI (in a child process: a QApplication of its own) -------------------------------------


def gui(folder: Path) -> None:
    """Window to text, the panel, the docks and peak memory, each in a fresh process."""
    from launch import gui_run

    print(machine())
    db = folder / "library.db"
    work = Path(tempfile.mkdtemp())
    article = sorted((folder / "articles").glob("*.txt"))[-1]
    texts = []
    for _ in range(3):
        copy = work / "library.db"
        shutil.copy(db, copy)
        events = gui_run(article, copy)
        texts.append(events)
        for suffix in ("-wal", "-shm"):
            Path(f"{copy}{suffix}").unlink(missing_ok=True)
    print(
        "window to text (process start to text shown), median of 3: "
        f"{statistics.median(e['text-shown'] for e in texts):.2f} s; to highlights "
        f"{statistics.median(e['highlights-shown'] for e in texts):.2f} s; peak RSS "
        f"{statistics.median(e['peak-rss-mb'] for e in texts):.0f} MB (cached article: no spaCy)"
    )
    shutil.copy(db, work / "library.db")
    out = subprocess.run(
        [
            sys.executable,
            str(HERE / "scale_probe.py"),
            "panel",
            str(work / "library.db"),
            str(article),
        ],
        capture_output=True,
        text=True,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )
    print(out.stdout, out.stderr[-2000:])
    shutil.rmtree(work)


def import_run(folder: Path, count: int, processes: int | None) -> None:
    """Throughput of `reader import` with the real model, into a fresh library and in the window."""
    print(machine())
    source = folder / f"import-{count}"
    if not source.exists():
        corpus = Corpus(make_names(), seed=99)  # other articles than the library's
        source.mkdir(parents=True)
        for i in range(count):
            (source / f"{i:05d}.txt").write_text(corpus.article(i).text, encoding="utf-8")
    words = sum(len(p.read_text("utf-8").split()) for p in source.glob("*.txt"))
    work = Path(tempfile.mkdtemp())
    env = dict(os.environ)
    if processes is not None:
        env["READER_MODEL_PROCESSES"] = str(processes)
    exe = shutil.which("reader", path=str(Path(sys.executable).parent))
    cmd = [exe or sys.executable, "import", str(source), "--json"]
    env["READER_DB"] = str(work / "fresh.db")
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    report = json.loads(proc.stdout.read() if proc.stdout else b"{}")
    print(
        f"reader import, {count} files, {words:,} words, fresh library: {wall:.1f} s wall, "
        f"{words / wall:,.0f} words/s (incl. start and model load); "
        f"CPU {usage.ru_utime + usage.ru_stime:.1f} s (reader and its worker processes); "
        f"peak RSS {usage.ru_maxrss / 1024:.0f} MB (the largest of them); "
        f"added {report.get('added')}"
    )
    env["READER_DB"] = str(work / "library.db")
    shutil.copy(folder / "library.db", work / "library.db")
    out = subprocess.run(
        [
            sys.executable,
            str(HERE / "scale_probe.py"),
            "import",
            str(work / "library.db"),
            str(source),
        ],
        capture_output=True,
        text=True,
        env=dict(env, QT_QPA_PLATFORM="offscreen"),
    )
    print(out.stdout, out.stderr[-3000:])
    shutil.rmtree(work)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=["build", "core", "correction", "gui", "import"])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--articles", type=int, default=None)
    parser.add_argument("--processes", type=int, default=None)
    args = parser.parse_args()
    if args.step == "build":
        build(args.folder, args.articles or 10_000)
    elif args.step == "core":
        core(args.folder)
    elif args.step == "correction":
        print(machine())
        correction(args.folder)
    elif args.step == "gui":
        gui(args.folder)
    else:
        import_run(args.folder, args.articles or 300, args.processes)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
