"""Where details of failures go: a log file beside the library, named in every error.

The user sees one line; the traceback lands in `reader.log` in the same folder
as the database (the user data folder unless --db/READER_DB say otherwise).
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from reader.core import private

LOG_NAME = "reader.log"


class _PrivateRotatingHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose files are created 0600: they name what the user reads."""

    def _open(self):  # type: ignore[no-untyped-def]  # typeshed leaves it untyped
        private.create_file(Path(self.baseFilename))
        return super()._open()


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
        private.ensure_dir(target.parent)
        handler = _PrivateRotatingHandler(
            target, maxBytes=1_000_000, backupCount=2, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    _handler = handler
    return target
