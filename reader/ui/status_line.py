"""The status bar's permanent part: unsaved notes, and what Reader is waiting for."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar


class StatusLine:
    """A label and an indeterminate progress bar at the right of the status bar."""

    def __init__(self, bar: QStatusBar) -> None:
        self.unsaved = QLabel()
        self.unsaved.setObjectName("unsavedNotes")
        self.unsaved.hide()
        bar.addPermanentWidget(self.unsaved)
        self.label = QLabel()
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(120)
        self.progress.hide()
        bar.addPermanentWidget(self.label)
        bar.addPermanentWidget(self.progress)

    def set_unsaved(self, message: str) -> None:
        """Say, until they are saved, where notes the library refused are kept."""
        self.unsaved.setText(message)
        self.unsaved.setVisible(bool(message))

    def set_busy(self, message: str) -> None:
        """Show what is being waited for; "" hides it."""
        self.label.setText(message)
        self.progress.setVisible(bool(message))
