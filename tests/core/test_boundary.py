"""Layering: the core and the CLI import neither Qt nor (until a model is used) spaCy."""

from __future__ import annotations

import json
import subprocess
import sys

# Every module under reader.core, found at run time, so a new module is covered too.
PROBE = """
import json, pkgutil, sys, importlib
import reader.core
names = [m.name for m in pkgutil.walk_packages(reader.core.__path__, "reader.core.")]
for name in [*names, "reader.cli", "reader.logs", "reader.resources"]:
    importlib.import_module(name)
heavy = ("PySide6", "shiboken6", "spacy", "thinc", "numpy")
print(json.dumps({
    "modules": names,
    "heavy": sorted(m for m in sys.modules if m.split(".")[0] in heavy),
}))
"""


def test_core_and_cli_import_neither_qt_nor_spacy() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=False, timeout=120
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert {"reader.core.overlay", "reader.core.formats.html"} <= set(found["modules"])
    loaded = found["heavy"]
    assert not [m for m in loaded if m.startswith(("PySide6", "shiboken6"))], loaded
    assert not [m for m in loaded if m.startswith(("spacy", "thinc"))], loaded
    # sqlite-utils would import numpy for nothing (reader/core/_sqlite.py): 0.1–0.25 s.
    assert not [m for m in loaded if m.startswith("numpy")], loaded
