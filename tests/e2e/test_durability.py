"""kill -9 while the user types a note loses at most about a second of typing."""

from __future__ import annotations

import math
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e
SCRIPT = Path(__file__).with_name("_typing_window.py")
TEXT = "the quick brown fox jumps over the lazy dog " * 10
INTERVAL_MS = 150  # one key every 150 ms: steady typing, never a pause long enough to save
# The promise: at most about the last second of typing (plus a little for the write).
ALLOWED = math.ceil(1250 / INTERVAL_MS)


def start(tmp_path: Path, count: int) -> subprocess.Popen[str]:
    article = tmp_path / "a.txt"
    article.write_text("Okafor wins\n\nLena Okafor won the vote in Valdoria.\n", "utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.Popen(
        [
            sys.executable,
            str(SCRIPT),
            str(tmp_path / "reader.db"),
            str(article),
            str(INTERVAL_MS),
            str(count),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def wait_for(proc: subprocess.Popen[str], line: str, timeout: float = 60) -> int:
    """Read the window's output until `line` (or "typed N" with N >= line's number)."""
    assert proc.stdout is not None
    deadline = time.monotonic() + timeout
    typed = 0
    while time.monotonic() < deadline:
        out = proc.stdout.readline()
        if not out:
            raise AssertionError(f"the window exited: {proc.stderr.read() if proc.stderr else ''}")
        out = out.strip()
        if out.startswith("typed "):
            typed = int(out.split()[1])
        if out == line or (line.startswith("typed ") and typed >= int(line.split()[1])):
            return typed
    raise AssertionError(f"no {line!r} within {timeout} s")


def saved_note(tmp_path: Path) -> str:
    with sqlite3.connect(tmp_path / "reader.db") as conn:
        rows = conn.execute("SELECT body FROM notes").fetchall()
    assert len(rows) <= 1
    return rows[0][0] if rows else ""


def kill(proc: subprocess.Popen[str]) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)  # also closes the pipes


def test_kill_during_continuous_typing_loses_at_most_about_a_second(tmp_path: Path) -> None:
    proc = start(tmp_path, count=len(TEXT))
    try:
        wait_for(proc, "ready")
        typed = wait_for(proc, "typed 40")  # six seconds of typing that never pauses
    finally:
        kill(proc)
    saved = saved_note(tmp_path)
    assert TEXT[:typed].startswith(saved)
    assert len(saved) >= typed - ALLOWED, (len(saved), typed)


def test_kill_right_after_the_last_key_loses_at_most_about_a_second(tmp_path: Path) -> None:
    proc = start(tmp_path, count=34)
    try:
        wait_for(proc, "ready")
        wait_for(proc, "done")
        time.sleep(0.25)  # before the pause after the last key would have saved it
    finally:
        kill(proc)
    saved = saved_note(tmp_path)
    assert TEXT[:34].startswith(saved)
    assert len(saved) >= 34 - ALLOWED, len(saved)
