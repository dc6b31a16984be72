"""Layering: the core and the CLI import neither Qt nor (until a model is used) spaCy."""

from __future__ import annotations

import json
import subprocess
import sys

MODULES = (
    "reader.core",
    "reader.core.article",
    "reader.core.kinds",
    "reader.core.entities",
    "reader.core.store",
    "reader.core.library",
    "reader.core.nlp",
    "reader.cli",
)

PROBE = f"""
import json, sys
import {", ".join(MODULES)}
heavy = ("PySide6", "shiboken6", "spacy", "thinc")
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in heavy)))
"""


def test_core_and_cli_import_neither_qt_nor_spacy() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=False, timeout=120
    )
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert not [m for m in loaded if m.startswith(("PySide6", "shiboken6"))], loaded
    assert not [m for m in loaded if m.startswith(("spacy", "thinc"))], loaded
