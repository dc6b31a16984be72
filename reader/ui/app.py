"""Start the window: QApplication, icon, style sheet, first article.

Nothing here imports spaCy: the window is on screen and the text readable
before the model worker even starts loading it.
"""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QLockFile
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from reader import APP_ID, APP_NAME, __version__, logs
from reader.core import private
from reader.core.article import display_name
from reader.core.store import StoreError
from reader.resources import resource
from reader.ui import dialogs

if TYPE_CHECKING:
    from reader.core.early_model import EarlyModel

log = logging.getLogger(__name__)


def make_app() -> QApplication:
    """The QApplication with Reader's name, icon and style sheet."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(QIcon(str(resource("icons", "reader.svg"))))
    style = resource("styles", "reader.qss")
    if style.is_file():
        app.setStyleSheet(style.read_text("utf-8"))
    return app


def _report_bugs(log_file: Path | None) -> None:
    """An exception in a Qt slot reaches the user as a dialog and the log, never silently."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        log.error("unexpected error:\n%s", "".join(traceback.format_exception(kind, exc, tb)))
        where = f"\n\nDetails are in {log_file}." if log_file else ""
        dialogs.critical(
            QApplication.activeWindow(),
            "Unexpected error",
            f"Reader hit an unexpected error ({kind.__name__}: {exc}).{where}",
        )

    sys.excepthook = hook


def lock_library(db_path: Path) -> QLockFile | tuple[str, str]:
    """Hold the library for this window, or say why not: (dialog title, message).

    Two windows on one library would each keep their own copy of a note and
    overwrite the other's typing. The lock (`reader.db.lock`, private) goes
    with the process, even after a crash or `kill -9`. A folder where the lock
    cannot be written is not another window: the library could not be written
    there either.
    """
    path = Path(str(db_path) + ".lock")
    private.ensure_dir(path.parent)
    lock = QLockFile(str(path))
    lock.setStaleLockTime(0)  # only a dead process's lock is stale, never a slow one
    if lock.tryLock(200):
        private.restrict(path)
        return lock
    if lock.error() != QLockFile.LockError.LockFailedError:
        return (
            "Cannot open the library",
            f"{display_name(db_path)}: the library's folder is read-only, and Reader must "
            "write there (the library, its journal and its lock); open a library in a "
            "folder you can write with --db.",
        )
    pid = lock.getLockInfo()[0]  # (pid, host name, application name)
    where = f" (process {pid})" if pid else ""
    return (
        "Library already open",
        f"{display_name(db_path)}: this library is already open in another Reader window"
        f"{where}. Use that window, or open another library with --db.",
    )


def run(
    path: str | None, db_path: Path, pipeline: str | None = None, early: EarlyModel | None = None
) -> int:
    """Open the window on `path`, or on the last article read, or on the sample.

    `early`: the model process `reader` started before importing Qt (`early_model`).
    """
    log_file = logs.setup(db_path)
    app = make_app()
    _report_bugs(log_file)
    held = lock_library(db_path)
    if isinstance(held, tuple):
        title, message = held
        print(f"reader: {message}", file=sys.stderr)
        dialogs.critical(None, title, message)
        return 1
    from reader.ui.main_window import MainWindow

    try:
        window = MainWindow(db_path, pipeline=pipeline, early=early)
    except StoreError as exc:
        print(f"reader: {exc}", file=sys.stderr)
        dialogs.critical(None, "Cannot open the library", str(exc))
        return 1
    failed: list[str] = []
    window.error_shown.connect(failed.append)
    window.show()
    if path:
        window.open_path(path)
    else:
        window.open_initial()
    window.refresh_saved_later()
    code = app.exec()
    for message in failed:
        print(f"reader: {message}", file=sys.stderr)
    return code or (1 if failed and path else 0)
