"""Run the installed `reader` program as a user would, with its database in tmp_path."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ._cli import Cli


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Cli:
    db = tmp_path / "reader.db"
    monkeypatch.setenv("READER_DB", str(db))
    env = dict(os.environ)
    env.pop("READER_PIPELINE", None)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONIOENCODING"] = "utf-8"
    work = tmp_path / "work"
    work.mkdir()
    return Cli(db, work, env)
