"""Where details of failures go: a log file beside the library, named in every error.

The user sees one line; the traceback lands in `reader.log` in the same folder
as the database (the user data folder unless --db/READER_DB say otherwise).
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_NAME = "reader.log"
_handler: logging.Handler | None = None


def log_path(db_path: Path) -> Path:
    """The log file that goes with a library."""
    return Path(db_path).expanduser().parent / LOG_NAME


def setup(db_path: Path) -> Path | None:
    """Send Reader's log records to the library's log file; returns its path (None if unwritable).

    Never raises: a log that cannot be written must not stop Reader.
    """
    global _handler
    target = log_path(db_path)
    root = logging.getLogger("reader")
    root.setLevel(logging.INFO)
    if _handler is not None:
        root.removeHandler(_handler)
        _handler.close()
        _handler = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            target, maxBytes=1_000_000, backupCount=2, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    _handler = handler
    return target
