"""Preferences: the theme, the reading font and size, and the language model.

The values live in the library's settings table (`reader.core.settings`), so
`reader config` sees the same ones. The dialog only edits a `Preferences`
value; the controller applies it to the window at once and stores it through
the writer. A new language model is used from the next article opened: the
article on screen keeps the highlights it has.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reader.core import settings
from reader.core.library import Library
from reader.core.nlp import default_pipeline
from reader.core.pipelines import installed_pipelines
from reader.ui.appearance import apply_theme
from reader.ui.article_view import ArticleView
from reader.ui.jobs import Worker

THEME_LABELS = {"system": "Same as the system", "light": "Light", "dark": "Dark"}


@dataclass(frozen=True)
class Preferences:
    """What the Preferences dialog edits ("" font family or pipeline: the default)."""

    theme: str = settings.DEFAULT_THEME
    font_family: str = ""
    font_size: float = settings.DEFAULT_FONT_SIZE
    pipeline: str = ""

    @classmethod
    def read(cls, library: Library) -> Preferences:
        """The stored preferences (anything unreadable reads as its default)."""
        get = library.get_setting
        return cls(
            theme=settings.theme(get(settings.THEME)),
            font_family=settings.font_family(get(settings.FONT_FAMILY)),
            font_size=settings.font_size(get(settings.FONT_SIZE)),
            pipeline=(get(settings.PIPELINE) or "").strip(),  # "": the best installed
        )

    def stored(self) -> dict[str, str | None]:
        """As settings rows; a default is stored as no row."""
        size = None if self.font_size == settings.DEFAULT_FONT_SIZE else f"{self.font_size:g}"
        return {
            settings.THEME: None if self.theme == settings.DEFAULT_THEME else self.theme,
            settings.FONT_FAMILY: self.font_family or None,
            settings.FONT_SIZE: size,
            settings.PIPELINE: self.pipeline or None,
        }


class PreferencesDialog(QDialog):
    """A small form: theme, reading font, size, language model; OK stores it."""

    def __init__(
        self,
        current: Preferences,
        pipelines: list[str],
        parent: QWidget | None = None,
        imposed: str | None = None,
    ) -> None:
        """`imposed`: the pipeline --pipeline or READER_PIPELINE sets for this run."""
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle("Preferences")
        form = QFormLayout()

        self.theme = QComboBox()
        self.theme.setObjectName("themeChoice")
        for key in ("light", "dark", "system"):
            self.theme.addItem(THEME_LABELS[key], key)
        self.theme.setCurrentIndex(self.theme.findData(current.theme))
        form.addRow("&Theme:", self.theme)

        self.font_family = QComboBox()
        self.font_family.setObjectName("fontChoice")
        self.font_family.addItem("Reader's serif (default)", "")
        for family in QFontDatabase.families():
            if not QFontDatabase.isPrivateFamily(family):
                self.font_family.addItem(family, family)
        if current.font_family and self.font_family.findData(current.font_family) < 0:
            self.font_family.addItem(f"{current.font_family} (not installed)", current.font_family)
        self.font_family.setCurrentIndex(max(0, self.font_family.findData(current.font_family)))
        form.addRow("Reading &font:", self.font_family)

        self.font_size = QSpinBox()
        self.font_size.setObjectName("fontSize")
        self.font_size.setRange(int(settings.MIN_FONT_SIZE), int(settings.MAX_FONT_SIZE))
        self.font_size.setSuffix(" pt")
        self.font_size.setValue(round(current.font_size))
        form.addRow("Reading &size:", self.font_size)

        self.pipeline = QComboBox()
        self.pipeline.setObjectName("pipelineChoice")
        self.pipeline.addItem(f"The best installed (now {default_pipeline()})", "")
        for name in pipelines:
            self.pipeline.addItem(name, name)
        if self.pipeline.findData(current.pipeline) < 0:  # a folder, or a package since removed
            self.pipeline.addItem(f"{current.pipeline} (not installed)", current.pipeline)
        self.pipeline.setCurrentIndex(self.pipeline.findData(current.pipeline))
        form.addRow("&Language model:", self.pipeline)
        text = "A new language model finds the entities of the next article you open."
        if imposed:
            text = (
                f"This run uses {imposed}, set by --pipeline or READER_PIPELINE; "
                "the choice here applies when Reader starts without them."
            )
        hint = QLabel(text)
        hint.setObjectName("preferencesHint")
        hint.setWordWrap(True)
        form.addRow("", hint)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def value(self) -> Preferences:
        """What the form says now."""
        return Preferences(
            theme=str(self.theme.currentData()),
            font_family=str(self.font_family.currentData() or ""),
            font_size=float(self.font_size.value()),
            pipeline=str(self.pipeline.currentData() or ""),
        )


class PreferencesController(QObject):
    """Applies the stored preferences at start, and edits them (Edit ▸ Preferences…).

    Signals:
        changed(Preferences): new preferences were applied (and sent to be stored).
        error(str, str): they could not be stored (title, message).
    """

    changed = Signal(object)
    error = Signal(str, str)

    def __init__(self, library: Library, writer: Worker[Library], view: ArticleView) -> None:
        super().__init__()
        self.library = library  # reads only, on the GUI thread
        self.writer = writer
        self.view = view
        self.current = Preferences.read(library)

    def apply_saved(self) -> None:
        """Apply what the library holds (at start)."""
        self.current = Preferences.read(self.library)
        self._apply(self.current)

    def _apply(self, prefs: Preferences) -> None:
        apply_theme(prefs.theme)
        self.view.set_reading_font(prefs.font_family, prefs.font_size)

    def set(self, prefs: Preferences) -> None:
        """Apply new preferences now and store them."""
        self.current = prefs
        self._apply(prefs)
        values = prefs.stored()
        self.writer.submit(
            lambda lib, _c: lib.set_settings(values),
            failed=lambda exc: self.error.emit("Preferences not saved", str(exc)),
        )
        self.changed.emit(prefs)

    def edit(self, parent: QWidget | None = None) -> None:
        """Show the dialog; OK applies and stores what it says."""
        dialog = PreferencesDialog(
            self.current, installed_pipelines(), parent, self.library.pipeline_override
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            new = dialog.value()
            if new != self.current:
                self.set(new)
        dialog.deleteLater()
