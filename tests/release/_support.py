"""Helpers for the tests that build Reader and run it the way a user installs it.

Each test writes its own articles, gives `reader` a database in tmp, and runs it
from a folder outside the checkout, so nothing can come from the source tree.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]

# Left out of the copy that wheels and bundles are built from: VCS data, venvs,
# build output and caches (the copy must look like a fresh clone).
COPY_IGNORE = shutil.ignore_patterns(
    ".git",
    ".venv",
    "build",
    "dist",
    "*.egg-info",
    "__pycache__",
    ".mypy_cache",
    ".ruff_cache",
    ".pytest_cache",
    ".hypothesis",
    "out",
)

BODY = (
    "Prime Minister Mohammed Shia al-Sudani met officials of the United Nations in Baghdad"
    " on Tuesday.\n\nThe European Union sent a delegation from Brussels, and Syria was"
    " represented by its foreign minister.\n"
)
TITLE = "Talks on the Euphrates in Baghdad"

# One article in each format Reader opens; all three carry the same names.
ARTICLES = {
    ".txt": f"{TITLE}\n12 March 2026\n\n{BODY}",
    ".md": f"---\ntitle: {TITLE}\nauthor: A. Writer\n---\n\n# {TITLE}\n\n{BODY}",
    ".html": (
        f"<!doctype html><html><head><title>{TITLE}</title></head><body>"
        "<nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
        f"<article><h1>{TITLE}</h1>"
        + "".join(f"<p>{p}</p>" for p in BODY.strip().split("\n\n"))
        + "</article><footer>Copyright 2026 Example News</footer></body></html>"
    ),
}
# Names the small English model finds in BODY, with the kind Reader shows.
EXPECTED = {
    "Mohammed Shia al-Sudani": "person",
    "United Nations": "group",
    "European Union": "group",
    "Baghdad": "place",
    "Syria": "place",
}


def write_articles(folder: Path) -> dict[str, Path]:
    """Write one article per format into `folder`; suffix -> path."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for suffix, content in ARTICLES.items():
        path = folder / f"talks{suffix}"
        path.write_text(content, "utf-8")
        paths[suffix] = path
    return paths


def base_python() -> Path:
    """The interpreter this venv was made from: a user's `python3`."""
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    for candidate in (
        Path(sys.base_prefix, "bin", version),
        Path(sys.base_prefix, "bin", "python3"),
    ):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"no base interpreter under {sys.base_prefix}/bin")


def user_env(db: Path) -> dict[str, str]:
    """A user's environment: no test settings, a throw-away database, no display needed."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("READER_", "PYTHON", "VIRTUAL_ENV", "QT_"))
    }
    env.update(READER_DB=str(db), PYTHONIOENCODING="utf-8", QT_QPA_PLATFORM="offscreen")
    return env


def run(
    command: Sequence[str | Path],
    *,
    cwd: Path,
    env: dict[str, str] | None = None,
    timeout: int = 900,
) -> subprocess.CompletedProcess[str]:
    """Run a command, capturing text output; the timeout only guards against hangs."""
    return subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=timeout,
    )


def check(proc: subprocess.CompletedProcess[str]) -> str:
    """The command's stdout, after asserting that it succeeded."""
    assert proc.returncode == 0, f"{proc.args} failed ({proc.returncode}):\n{proc.stderr[-4000:]}"
    return proc.stdout


def annotate_json(reader: Sequence[str | Path], article: Path, db: Path) -> dict[str, Any]:
    """`reader annotate ARTICLE --json`, run from a folder outside the checkout."""
    proc = run([*reader, "annotate", article, "--json"], cwd=db.parent, env=user_env(db))
    doc = json.loads(check(proc))
    assert isinstance(doc, dict)
    assert "Traceback" not in proc.stderr
    return doc


def assert_entities(doc: dict[str, Any]) -> None:
    """The title is read and every expected name is highlighted with its kind."""
    assert doc["title"] == TITLE
    found = {span["text"]: span["kind"] for span in doc["spans"]}
    missing = {name: kind for name, kind in EXPECTED.items() if found.get(name) != kind}
    assert not missing, f"not highlighted as expected: {missing}; found {found}"
