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


def launch(db: Path, *args: str, processes: str = "") -> list[dict[str, object]]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", READER_MODEL_PROCESSES=processes)
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
    assert spacy["window-shown"] is False
    assert spacy["text-shown"] is False
    shown = events[-1]
    # The model ran somewhere: in the process started beside the window, or in the window's.
    assert shown["second_process"] is not shown["spacy"]
    assert shown["second_process"] is (len(os.sched_getaffinity(0)) > 1)
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
    # Yet the model is loading beside the window, for the first new article.
    assert events[-1]["preloading"] is (len(os.sched_getaffinity(0)) > 1)


def test_the_window_finds_the_same_highlights_with_the_model_in_its_own_process(
    tmp_path: Path,
) -> None:
    """READER_MODEL_PROCESSES=1: no second process; spaCy loads in the window's, same count."""
    alone = launch(tmp_path / "alone.db", processes="1")[-1]
    assert alone["spacy"] is True
    assert alone["second_process"] is False
    beside = launch(tmp_path / "beside.db")[-1]
    assert beside["count"] == alone["count"]
    assert isinstance(alone["count"], int)
    assert alone["count"] > 20
