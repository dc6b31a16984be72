"""The real `reader` program, started the way a user starts it (offscreen)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reader.resources import sample_article

pytestmark = [pytest.mark.e2e, pytest.mark.model]


def launch(args: list[str], db: Path) -> list[list[str]]:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        READER_DB=str(db),
        READER_BENCH="1",
        READER_BENCH_QUIT="1",
    )
    proc = subprocess.run(
        [sys.executable, "-m", "reader", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return [line.split() for line in proc.stderr.splitlines() if line.startswith("READER_BENCH")]


def test_first_launch_opens_sample_and_shows_text_before_loading_spacy(tmp_path: Path) -> None:
    events = launch([], tmp_path / "reader.db")
    names = [e[1] for e in events]
    assert names == ["window-shown", "text-shown", "highlights-shown"]
    by_name = {e[1]: e for e in events}
    assert by_name["window-shown"][3] == "spacy-not-loaded"
    assert by_name["text-shown"][3] == "spacy-not-loaded"
    assert by_name["highlights-shown"][3] == "spacy-loaded"
    # The sample is now the last article read.
    import sqlite3

    with sqlite3.connect(tmp_path / "reader.db") as conn:
        paths = [r[0] for r in conn.execute("SELECT path FROM articles")]
    assert paths == [str(sample_article().resolve())]


def test_launch_with_a_path_opens_it_and_a_second_launch_needs_no_model(tmp_path: Path) -> None:
    article = tmp_path / "note.md"
    article.write_text("# Talks in Nairobi\n\nKenya and Somalia met in Nairobi.\n", "utf-8")
    launch([str(article)], tmp_path / "reader.db")
    events = launch([str(article)], tmp_path / "reader.db")  # model output now cached
    assert {e[1]: e[3] for e in events}["highlights-shown"] == "spacy-not-loaded"
