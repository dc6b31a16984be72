"""Files that say what the user reads are private; a bug in a slot is never silent."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

SLOT_BUG = """
import sys
from pathlib import Path
from PySide6.QtCore import QObject, QTimer, Signal
from reader import logs
from reader.ui import app as app_mod, dialogs
app = app_mod.make_app()
dialogs.critical = lambda parent, title, text: print("DIALOG", title, "|", text, flush=True)
app_mod._report_bugs(logs.setup(Path(sys.argv[1])))

class Source(QObject):
    fired = Signal()

def slot() -> None:
    raise ValueError("simulated bug in a slot")

source = Source()
source.fired.connect(slot)
QTimer.singleShot(0, source.fired.emit)
QTimer.singleShot(200, app.quit)
app.exec()
"""


def test_an_exception_in_a_qt_slot_is_shown_and_logged(tmp_path: Path) -> None:
    db = tmp_path / "profile" / "reader.db"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", SLOT_BUG, str(db)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    log = db.parent / "reader.log"
    assert "DIALOG Unexpected error | " in result.stdout, result.stderr
    assert "simulated bug in a slot" in result.stdout
    assert str(log) in result.stdout
    assert "ValueError: simulated bug in a slot" in log.read_text("utf-8")
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert stat.S_IMODE(db.parent.stat().st_mode) == 0o700


HOLDER = """
import sys, time
from pathlib import Path
from reader.ui.app import lock_library, make_app
make_app()
held = lock_library(Path(sys.argv[1]))
print("held" if not isinstance(held, tuple) else " | ".join(held), flush=True)
if not isinstance(held, tuple):
    time.sleep(60)
"""


def test_a_second_window_on_the_same_library_is_refused_until_the_first_is_gone(
    tmp_path: Path,
) -> None:
    """Two windows would each keep their own copy of a note and overwrite each other."""
    import signal

    db = tmp_path / "profile" / "reader.db"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", READER_DB=str(db))
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db)], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "held"
        second = subprocess.run(
            [sys.executable, "-m", "reader", "--version"], env=env, check=False, capture_output=True
        )
        assert second.returncode == 0  # the command line is never locked out
        refused = subprocess.run(
            [sys.executable, "-c", HOLDER, str(db)],
            env=env, capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
        assert "already open in another Reader window" in refused.stdout
        assert str(holder.pid) in refused.stdout
    finally:
        holder.send_signal(signal.SIGKILL)  # a crash: the lock must not outlive it
        holder.communicate(timeout=30)
    again = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db)], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        assert again.stdout is not None
        assert again.stdout.readline().strip() == "held"
    finally:
        again.kill()
        again.communicate(timeout=30)


def test_a_library_in_a_read_only_folder_is_not_called_open_elsewhere(tmp_path: Path) -> None:
    """It once said "already open in another Reader window" with no other window."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    folder = Path("/proc/self")  # read-only for everyone, root included
    refused = subprocess.run(
        [sys.executable, "-c", HOLDER, str(folder / "reader.db")],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert refused.stdout.startswith("Cannot open the library | ")
    assert "folder is read-only" in refused.stdout
    assert "already open" not in refused.stdout
