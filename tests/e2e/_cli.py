"""How the end-to-end tests find and run the installed `reader` program."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).parents[2]
# ../shared/corpus beside the repository (absent in many checkouts: those tests skip).
CORPUS = REPO.parent / "shared" / "corpus"
SAMPLE = REPO / "resources" / "sample" / "sample-article.txt"


def reader_command() -> list[str]:
    """The console script next to this interpreter (the venv's), else `python -m reader`."""
    script = shutil.which("reader", path=str(Path(sys.executable).parent)) or shutil.which("reader")
    return [script] if script else [sys.executable, "-m", "reader"]


@dataclass(frozen=True)
class Cli:
    """The `reader` command bound to one throw-away database."""

    db: Path
    cwd: Path
    env: dict[str, str]

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*reader_command(), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=self.env,
            cwd=self.cwd,
            check=False,
            timeout=600,  # a hang guard only, not a speed assertion
        )

    def run_with_env(self, extra: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*reader_command(), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env={**self.env, **extra},
            cwd=self.cwd,
            check=False,
            timeout=600,
        )

    def popen(self, *args: str) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            [*reader_command(), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=self.env,
            cwd=self.cwd,
        )
