"""A clean copy of the source and a wheel built from it, shared by the packaging tests."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from ._support import COPY_IGNORE, REPO, check, run


@pytest.fixture(scope="session")
def source_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The checkout as a fresh clone would have it (no venv, no build output)."""
    dest = tmp_path_factory.mktemp("source") / "reader"
    shutil.copytree(REPO, dest, ignore=COPY_IGNORE, symlinks=True)
    return dest


@pytest.fixture(scope="session")
def wheel(source_copy: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Reader's wheel, built with the pip a new venv has (`pip wheel --no-deps`)."""
    out = tmp_path_factory.mktemp("wheelhouse")
    check(
        run(
            [sys.executable, "-m", "pip", "wheel", "--no-deps", "--wheel-dir", out, "."],
            cwd=source_copy,
        )
    )
    (built,) = out.glob("reader-*.whl")
    return built
