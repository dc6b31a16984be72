"""Fixtures for the core tests: every database lives in tmp_path, never in the user's data."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Anything that falls back to the default database lands in tmp_path."""
    monkeypatch.setenv("READER_DB", str(tmp_path / "env-default.db"))
    monkeypatch.delenv("READER_PIPELINE", raising=False)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """An explicit database path for a test's Store or Library."""
    return tmp_path / "reader.db"
