"""The checks the README promises are clean: ruff's lint and format, and strict mypy.

They run here, from the test venv, so the one test command (and CI) checks them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "check", "--no-cache", "."],
        ["ruff", "format", "--check", "--no-cache", "."],
        ["mypy"],  # files and strictness come from pyproject.toml
    ],
    ids=["ruff-check", "ruff-format", "mypy"],
)
def test_tool_reports_no_problem(command: list[str]) -> None:
    tool = BIN / command[0]
    assert tool.is_file(), f"{tool} is missing: run `bash packaging/bootstrap.sh --test`"
    proc = subprocess.run(
        [str(tool), *command[1:]],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert proc.returncode == 0, f"{' '.join(command)} found problems:\n{proc.stdout}{proc.stderr}"
