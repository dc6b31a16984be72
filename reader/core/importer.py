"""Importing files and folders into the library, in batches, all or nothing per article.

The steps are separate so the window can run each on its own worker and the
CLI can run them in a row: `discover` lists the files the formats registry
reads (folders recursively), `load_batch` parses some of them, `model_batch`
runs the model over many texts in one `nlp.pipe` (`Pipeline.run_many`), and
`record_batch` writes a batch in one transaction: each new article with its
model output and mentions, so a cancel between batches or a failure inside
one never leaves half an article. A text the library already holds (same
sha256) is recognised and left as it is.
"""

from __future__ import annotations

import collections
import errno
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reader.core import article as article_mod
from reader.core import catalog, formats, parallel
from reader.core.article import Article, ArticleError
from reader.core.changes import Changes, Result
from reader.core.library import Library, ModelRun
from reader.core.nlp import Pipeline
from reader.core.overlay import Knowledge

BATCH_WORDS = 20_000  # about a second of the model per batch: cancel and progress stay lively
BATCH_FILES = 200


@dataclass(frozen=True, slots=True)
class Failure:
    """A file that was not imported, and why (one line)."""

    path: str
    reason: str


@dataclass
class ImportReport:
    """What an import did: the counts the CLI prints and the window's summary."""

    added: list[str] = field(default_factory=list)
    present: list[str] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    unhighlighted: list[str] = field(default_factory=list)  # kept, too long for the model
    words: int = 0
    cancelled: bool = False

    def as_json(self) -> dict[str, object]:
        """The `--json` form: counts, and each failure with its reason."""
        return {
            "added": len(self.added),
            "already_there": len(self.present),
            "failed": [{"path": f.path, "reason": f.reason} for f in self.failed],
            "without_highlights": list(self.unhighlighted),
            "words": self.words,
            "cancelled": self.cancelled,
        }

    def summary(self) -> str:
        """One sentence for people."""
        added = f"{len(self.added)} article{'s' if len(self.added) != 1 else ''} added"
        if self.unhighlighted:
            added += (
                f" ({len(self.unhighlighted)} of them without highlights: "
                "too long for entity recognition)"
            )
        parts = [added]
        if self.present:
            parts.append(f"{len(self.present)} already in the library")
        if self.failed:
            parts.append(f"{len(self.failed)} not imported")
        text = ", ".join(parts) + "."
        return ("Import cancelled: " + text) if self.cancelled else text


def discover(paths: Iterable[str | Path]) -> tuple[list[Path], list[Failure]]:
    """The files to import: each file given, and every readable file under each folder.

    Files given by name are tried whatever their suffix (a bad one becomes a
    failure with its reason); inside folders only suffixes some format reads
    are taken, hidden files and folders skipped. Order: as given, folders sorted.
    """
    files: list[Path] = []
    failed: list[Failure] = []
    seen: set[Path] = set()

    def take(p: Path) -> None:
        try:
            key = p.resolve()
        except (OSError, RuntimeError) as exc:  # a link to itself, or a loop of links
            failed.append(Failure(str(p), f"cannot be read ({_link_reason(exc)})"))
            return
        if key not in seen:
            seen.add(key)
            files.append(p)

    for raw in paths:
        p = Path(raw).expanduser()
        if p.is_dir():
            for root, dirs, names in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(names):
                    child = Path(root) / name
                    if not name.startswith(".") and formats.is_supported(child):
                        take(child)
        elif p.exists():
            take(p)
        else:
            failed.append(Failure(str(p), "no such file or folder"))
    return files, failed


def _link_reason(exc: BaseException) -> str:
    if isinstance(exc, RuntimeError) or getattr(exc, "errno", None) == errno.ELOOP:
        return "a symbolic link that loops"
    return getattr(exc, "strerror", None) or str(exc)


def load_one(path: Path) -> Article | Failure:
    """Parse one file; a bad file becomes a Failure naming the reason, never an exception."""
    try:
        return article_mod.load(path)
    except ArticleError as exc:
        return Failure(str(path), exc.reason)
    except Exception as exc:  # a parser's bug must not stop the other files
        return Failure(str(path), f"unexpected error ({exc.__class__.__name__}: {exc})")


def batches(paths: Sequence[Path], words: Callable[[Path], int]) -> Iterator[list[Path]]:
    """Cut the files into batches of about BATCH_WORDS words (estimated from `words`)."""
    batch: list[Path] = []
    size = 0
    for p in paths:
        batch.append(p)
        size += words(p)
        if size >= BATCH_WORDS or len(batch) >= BATCH_FILES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def estimated_words(path: Path) -> int:
    """About how many words a file holds, from its size (for batching only)."""
    try:
        return max(1, path.stat().st_size // 6)
    except OSError:
        return 1


def load_batch(
    paths: Sequence[Path], cancelled: Callable[[], bool] | None = None
) -> list[Article | Failure]:
    """Parse a batch of files (for the loader thread)."""
    out: list[Article | Failure] = []
    for p in paths:
        if cancelled is not None and cancelled():
            break
        out.append(load_one(p))
    return out


def model_batch(
    pipeline: Pipeline, articles: Sequence[Article], cancelled: Callable[[], bool] | None = None
) -> list[ModelRun]:
    """Run the model over many articles at once (for the thread that owns the pipeline)."""
    spans = pipeline.run_many([a.text for a in articles], cancelled)
    return [ModelRun(pipeline.name, pipeline.version, tuple(s)) for s in spans]


# Stands in for the model's output of a text too long for it: the article is kept
# without highlights, as the window keeps it (opening it says why).
NOT_MODELLED = ModelRun("", "", ())


@dataclass(frozen=True)
class Recorded:
    """What one batch's transaction did."""

    added: tuple[tuple[int, str], ...]  # (article id, path)
    present: tuple[str, ...]  # paths whose text the library already had


def record_batch(
    lib: Library,
    articles: Sequence[Article],
    runs: Sequence[ModelRun | None],
    computed: Sequence[tuple[int, parallel.Computed] | None] | None = None,
) -> Result[Recorded]:
    """Write a batch in one transaction: each new article with its model output and mentions.

    `runs[i]` None or NOT_MODELLED: the model has not run on that text (its
    mentions come when it is opened). `computed[i]`: the overlay already made by a worker, with
    the knowledge version it used (recomputed here if that changed). An
    article the library already holds is left untouched.
    """
    added: list[tuple[int, str]] = []
    present: list[str] = []
    done = list(computed) if computed is not None else [None] * len(articles)
    with lib.store.transaction():
        for art, run, made in zip(articles, runs, done, strict=True):
            article_id = catalog.insert_new(lib.store, art)
            if article_id is None:
                present.append(art.path)
                continue
            if run is not None and run is not NOT_MODELLED:
                lib.record_model_run(article_id, art, run, made)
            added.append((article_id, art.path))
    ids = frozenset(i for i, _ in added)
    return Result(
        Recorded(tuple(added), tuple(present)),
        Changes(articles=ids, library=bool(ids)),
    )


@dataclass
class Prepared:
    """A batch parsed and checked against the library, ready for the model."""

    files: int  # how many files the batch had
    new: list[Article]  # texts the library does not hold yet
    present: list[str]  # paths of texts it holds (or this import had already)
    failed: list[Failure]
    cached: list[ModelRun | None]  # the model's cached output for each new text, if any
    unhighlighted: list[str]  # paths of new texts too long for the model (NOT_MODELLED)
    knowledge: Knowledge  # as it was when the batch was checked


def prepare_batch(
    lib: Library,
    paths: Sequence[Path],
    seen: set[str],
    cancelled: Callable[[], bool] | None = None,
) -> Prepared:
    """Parse a batch and sort out what is new (reads only: for a thread of its own).

    `seen` collects the texts of this import, so batches must be prepared in order.
    """
    scratch = ImportReport()
    new, present = split_known(lib, load_batch(paths, cancelled), seen, scratch)
    from reader.core.nlp import too_long

    long = [a.path for a in new if too_long(a.text)]
    cached = [NOT_MODELLED if too_long(a.text) else lib.cached_run(a) for a in new]
    return Prepared(len(paths), new, present, scratch.failed, cached, long, lib.knowledge())


@dataclass
class Analysed:
    """A batch's model runs (None: not run) and overlays made by the workers, per article."""

    runs: list[ModelRun | None]
    computed: list[tuple[int, parallel.Computed] | None]


def analyse(
    pool: parallel.Pool,
    pipeline: Pipeline,
    knowledge: Knowledge,
    articles: Sequence[Article],
    cached: Sequence[ModelRun | None],
) -> Callable[[Callable[[], bool] | None], Analysed]:
    """Start the workers on the articles the model has not seen; call the result to wait.

    The model and the overlay run in the pool's processes, so the caller's
    process only writes.
    """
    todo = [a.text for a, c in zip(articles, cached, strict=True) if c is None]
    wait = pool.submit_import(pipeline.name, knowledge, todo) if todo else None

    def result(cancelled: Callable[[], bool] | None = None) -> Analysed:
        fresh = iter(wait(cancelled) if wait is not None else [])
        runs: list[ModelRun | None] = []
        computed: list[tuple[int, parallel.Computed] | None] = []
        for c in cached:
            if c is not None:
                runs.append(c)
                computed.append(None)
            else:
                spans, made, prepared = next(fresh)
                runs.append(ModelRun(pipeline.name, pipeline.version, tuple(spans), prepared))
                computed.append((knowledge.version, made))
        return Analysed(runs, computed)

    return result


PARALLEL_FROM_WORDS = 40_000  # a smaller import is done before worker processes could start


def import_paths(
    lib: Library,
    paths: Iterable[str | Path],
    progress: Callable[[int, int, ImportReport], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportReport:
    """Import files and folders in this thread (the CLI): parse, model, record, batch by batch.

    `progress(done, total, report)` is called after each batch. Stops between
    batches when `cancelled()`; every batch written is whole. An import of
    PARALLEL_FROM_WORDS or more runs the model and the overlay in worker
    processes (`parallel.processes()` of them), the next batch while this one
    is written.
    """
    files, failed = discover(paths)
    report = ImportReport(failed=list(failed))
    seen: set[str] = set()
    if progress is not None:
        progress(0, len(files), report)
    words = sum(estimated_words(p) for p in files)
    pool = None
    if parallel.processes() > 1 and words >= PARALLEL_FROM_WORDS:
        pool = parallel.Pool()
    try:
        _import_batches(lib, files, report, seen, pool, progress, cancelled)
    finally:
        if pool is not None:
            pool.close()
    return report


def _import_batches(
    lib: Library,
    files: list[Path],
    report: ImportReport,
    seen: set[str],
    pool: parallel.Pool | None,
    progress: Callable[[int, int, ImportReport], None] | None,
    cancelled: Callable[[], bool] | None,
) -> None:
    done = 0

    def start(batch: list[Path]) -> tuple[list[Path], list[Article], Callable[..., Analysed]]:
        prepared = prepare_batch(lib, batch, seen)
        report.failed += prepared.failed
        report.present += prepared.present
        report.unhighlighted += prepared.unhighlighted
        new, cached = prepared.new, prepared.cached
        if pool is not None:
            return batch, new, analyse(pool, lib.pipeline, prepared.knowledge, new, cached)
        todo = [a for a, c in zip(new, cached, strict=True) if c is None]

        def here(cancelled: Callable[[], bool] | None = None) -> Analysed:
            fresh = iter(model_batch(lib.pipeline, todo, cancelled) if todo else [])
            runs: list[ModelRun | None] = [c if c is not None else next(fresh) for c in cached]
            return Analysed(runs, [None] * len(runs))

        return batch, new, here

    def finish(batch: list[Path], new: list[Article], result: Analysed) -> None:
        nonlocal done
        recorded = record_batch(lib, new, result.runs, result.computed).value
        report.added += [p for _, p in recorded.added]
        report.present += list(recorded.present)
        report.words += sum(len(a.text.split()) for a in new)
        done += len(batch)
        if progress is not None:
            progress(done, len(files), report)

    # With workers, two batches wait ahead of the one being written, so they never run dry.
    ahead = 2 if pool is not None else 1
    pending: collections.deque[tuple[list[Path], list[Article], Callable[..., Analysed]]] = (
        collections.deque()
    )
    for batch in batches(files, estimated_words):
        if cancelled is not None and cancelled():
            report.cancelled = True
            break
        pending.append(start(batch))
        if len(pending) > ahead:
            batch_done, new, result = pending.popleft()
            finish(batch_done, new, result(cancelled))
    while pending and not report.cancelled:
        if cancelled is not None and cancelled():
            report.cancelled = True  # batches not written yet are dropped whole
            break
        batch_done, new, result = pending.popleft()
        finish(batch_done, new, result(cancelled))


def split_known(
    lib: Library, loaded: Sequence[Article | Failure], seen: set[str], report: ImportReport
) -> tuple[list[Article], list[str]]:
    """New articles, and the paths of texts already in the library or earlier in this import.

    Failures go to `report`; `seen` collects the texts of this import.
    """
    articles = [a for a in loaded if isinstance(a, Article)]
    report.failed += [f for f in loaded if isinstance(f, Failure)]
    known = catalog.known_texts(lib.store, [a.sha256 for a in articles])
    new: list[Article] = []
    present: list[str] = []
    for a in articles:
        if a.sha256 in known or a.sha256 in seen:
            present.append(a.path)
        else:
            seen.add(a.sha256)
            new.append(a)
    return new, present
