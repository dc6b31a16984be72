"""Files that hold the user's notes are private: 0600 files in a 0700 folder.

The library, its backups, the recovery file, the window settings and the log
all say something about what the user reads and thinks, so none of them is
created readable by other accounts on the machine.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700


def ensure_dir(folder: Path, tighten: bool = False) -> None:
    """Create `folder` (0700) if missing; with `tighten`, also close an existing one of ours."""
    if not folder.exists():
        folder.mkdir(parents=True, mode=DIR_MODE)
        os.chmod(folder, DIR_MODE)  # mkdir's mode is filtered by the umask
    elif tighten:
        _restrict(folder, DIR_MODE)


def create_file(path: Path) -> None:
    """Create an empty private file if none exists (an existing one is made private)."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE)
    except FileExistsError:
        _restrict(path, FILE_MODE)
    else:
        os.close(fd)


def restrict(path: Path) -> None:
    """Make an existing file of ours private (files written by other libraries, e.g. Qt)."""
    _restrict(path, FILE_MODE)


def _restrict(path: Path, mode: int) -> None:
    with contextlib.suppress(OSError):  # not ours, or gone: nothing to tighten
        info = path.stat()
        if info.st_uid == os.getuid() and stat.S_IMODE(info.st_mode) & 0o077:
            os.chmod(path, stat.S_IMODE(info.st_mode) & ~0o077)


def write_atomically(path: Path, text: str) -> None:
    """Replace `path` with `text` so that a failed write leaves the old file whole.

    The text goes to a private temporary file in the same folder, is flushed to
    disk, and only then renamed over the target: a full disk fails before the
    rename, never leaving the target empty or truncated.
    """
    temp = path.with_name(f".{path.name}.tmp")
    fd = os.open(temp, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, FILE_MODE)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
