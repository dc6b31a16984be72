"""The real window, started the way `reader` starts it (offscreen), in a fresh process."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from reader.resources import sample_article

from ._cli import REPO

pytestmark = [pytest.mark.e2e, pytest.mark.model]
PROBE = REPO / "benchmarks" / "launch_probe.py"


def launch(db: Path, *args: str) -> list[dict[str, object]]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(
        [sys.executable, str(PROBE), str(db), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "error:" not in proc.stderr
    return [json.loads(line) for line in proc.stdout.splitlines()]


def test_first_launch_opens_sample_and_shows_text_before_loading_spacy(tmp_path: Path) -> None:
    events = launch(tmp_path / "reader.db")
    assert [e["event"] for e in events] == ["window-shown", "text-shown", "highlights-shown"]
    spacy = {str(e["event"]): e["spacy"] for e in events}
    assert spacy == {"window-shown": False, "text-shown": False, "highlights-shown": True}
    # The sample is now the last article read.
    with sqlite3.connect(tmp_path / "reader.db") as conn:
        paths = [r[0] for r in conn.execute("SELECT path FROM articles")]
    assert paths == [str(sample_article().resolve())]


def test_launch_with_a_path_opens_it_and_a_second_launch_needs_no_model(tmp_path: Path) -> None:
    article = tmp_path / "note.md"
    article.write_text("# Talks in Nairobi\n\nKenya and Somalia met in Nairobi.\n", "utf-8")
    launch(tmp_path / "reader.db", str(article))
    events = launch(tmp_path / "reader.db", str(article))  # model output now cached
    assert {str(e["event"]): e["spacy"] for e in events}["highlights-shown"] is False
