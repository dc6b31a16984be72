"""Which spaCy pipelines are installed, found without importing spaCy.

The Preferences dialog lists them, and importing spaCy for that would cost a
second or more on the GUI thread. A pipeline package announces itself in one
of three ways, and any is enough: an entry point in the `spacy_models` group
(what `spacy package` writes), a top-level package holding spaCy's
`meta.json` (a pipeline installed some other way), or being one of the
pipelines Reader ranks (`nlp.RANKED_PIPELINES`, some of which vendor the model
as package data).
"""

from __future__ import annotations

import contextlib
import json
import sys
from importlib import metadata
from pathlib import Path

from reader.core.early_model import EarlyModel, EarlyPipeline
from reader.core.nlp import RANKED_PIPELINES, Pipeline, is_installed

ENTRY_POINT_GROUP = "spacy_models"


def _is_pipeline_dir(path: Path) -> bool:
    meta = path / "meta.json"
    if not meta.is_file():
        return False
    with contextlib.suppress(OSError, ValueError):
        data = json.loads(meta.read_text("utf-8"))
        return isinstance(data, dict) and "lang" in data and "pipeline" in data
    return False


def installed_pipelines(search_path: list[str] | None = None) -> list[str]:
    """Names of the installed spaCy pipeline packages, sorted."""
    names = {ep.name for ep in metadata.entry_points(group=ENTRY_POINT_GROUP)}
    names.update(name for name in RANKED_PIPELINES if is_installed(name))
    for entry in sys.path if search_path is None else search_path:
        folder = Path(entry or ".")
        if not folder.is_dir() or folder.suffix in {".zip", ".egg"}:
            continue
        with contextlib.suppress(OSError):
            for child in folder.iterdir():
                if child.is_dir() and child.name.isidentifier() and _is_pipeline_dir(child):
                    names.add(child.name)
    return sorted(names)


class PipelineSlot:
    """The model thread's one pipeline, replaced when another one is asked for.

    A pipeline chosen in Preferences is used from the next article on; the
    previous one is dropped (and its memory with it) when the new one is made.
    `early`: the model process started with Reader (`early_model`), used while
    its pipeline is the one asked for.
    """

    def __init__(self, name: str, early: EarlyModel | None = None) -> None:
        self._early = early
        self._pipeline = self._make(name)

    def _make(self, name: str) -> Pipeline:
        if self._early is not None and self._early.alive and self._early.name in (None, name):
            return EarlyPipeline(self._early, name)
        if self._early is not None:  # another pipeline is wanted: the child's is not
            self._early.close()
            self._early = None
        return Pipeline(name)

    def get(self, name: str) -> Pipeline:
        """The pipeline called `name` (loaded lazily, on first use)."""
        if self._pipeline.name != name:
            self._pipeline = self._make(name)
        return self._pipeline

    def close(self) -> None:
        """Stop the model process, if there is one (the window is closing)."""
        if self._early is not None:
            self._early.close()
