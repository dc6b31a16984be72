"""The status bar's permanent part: review progress, unsaved notes, what Reader awaits."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar


class StatusLine:
    """A label and an indeterminate progress bar at the right of the status bar."""

    def __init__(self, bar: QStatusBar) -> None:
        self.review = QLabel()
        self.review.setObjectName("reviewProgress")
        self.review.hide()
        bar.addPermanentWidget(self.review)
        self.unsaved = QLabel()
        self.unsaved.setObjectName("unsavedNotes")
        self.unsaved.hide()
        bar.addPermanentWidget(self.unsaved)
        self.refresh = QLabel()
        self.refresh.setObjectName("refreshProgress")
        self.refresh.hide()
        bar.addPermanentWidget(self.refresh)
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

    def set_review(self, message: str) -> None:
        """Review mode's progress ("12 of 40 highlights left"); "" hides it."""
        self.review.setText(message)
        self.review.setVisible(bool(message))

    def set_busy(self, message: str) -> None:
        """Show what is being waited for; "" hides it."""
        self.label.setText(message)
        self.progress.setVisible(bool(message))

    def set_refresh(self, done: int, total: int) -> None:
        """Highlights being updated after a correction (done of total); hidden when done."""
        self.refresh.setText(f"Updating highlights: {done:,} of {total:,} articles…")
        self.refresh.setVisible(done < total)
