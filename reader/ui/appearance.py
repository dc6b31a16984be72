"""How the window looks: the Light / Dark / System theme, and zooming a panel's text.

A theme is a whole QPalette for the application (with the Fusion style, which
draws every widget from the palette), so the menus, the panel, the tooltips
and the article all switch together; the article's highlight colours follow
through its palette (`ArticleView.highlight_palette_changed`). "System" puts
back the palette and style the application started with, which the desktop's
platform theme chose.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListWidget,
    QStyleFactory,
    QToolTip,
    QWidget,
)

Role = QPalette.ColorRole
Group = QPalette.ColorGroup

# Neutral greys, with text contrast above 12:1 on the reading surface (Base).
_LIGHT: Mapping[Role, str] = {
    Role.Window: "#efefef",
    Role.WindowText: "#1b1b1b",
    Role.Base: "#ffffff",
    Role.AlternateBase: "#f5f5f5",
    Role.ToolTipBase: "#fffff0",
    Role.ToolTipText: "#1b1b1b",
    Role.PlaceholderText: "#6b6b6b",
    Role.Text: "#1b1b1b",
    Role.Button: "#e8e8e8",
    Role.ButtonText: "#1b1b1b",
    Role.BrightText: "#c62828",
    Role.Light: "#ffffff",
    Role.Midlight: "#d9d9d9",
    Role.Mid: "#b4b4b4",
    Role.Dark: "#8f8f8f",
    Role.Shadow: "#5c5c5c",
    Role.Highlight: "#2f6fb7",
    Role.HighlightedText: "#ffffff",
    Role.Link: "#1e5fa8",
    Role.LinkVisited: "#6a3d9a",
}
_DARK: Mapping[Role, str] = {
    Role.Window: "#26282b",
    Role.WindowText: "#e4e4e4",
    Role.Base: "#1c1d20",
    Role.AlternateBase: "#25272b",
    Role.ToolTipBase: "#32353a",
    Role.ToolTipText: "#ececec",
    Role.PlaceholderText: "#9a9ea5",
    Role.Text: "#e4e4e4",
    Role.Button: "#303338",
    Role.ButtonText: "#e4e4e4",
    Role.BrightText: "#ff7b72",
    Role.Light: "#464a50",
    Role.Midlight: "#3a3d42",
    Role.Mid: "#4d5157",
    Role.Dark: "#151618",
    Role.Shadow: "#000000",
    Role.Highlight: "#3d78c4",
    Role.HighlightedText: "#ffffff",
    Role.Link: "#7cb8ff",
    Role.LinkVisited: "#c3a6ff",
}
_DISABLED_TEXT = {"light": "#9c9c9c", "dark": "#6f737a"}


def palette_for(theme: str) -> QPalette:
    """The full palette of Reader's "light" or "dark" theme."""
    colours = _DARK if theme == "dark" else _LIGHT
    palette = QPalette()
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    disabled = QColor(_DISABLED_TEXT["dark" if theme == "dark" else "light"])
    for role in (Role.WindowText, Role.Text, Role.ButtonText, Role.PlaceholderText):
        palette.setColor(Group.Disabled, role, disabled)
    return palette


@dataclass
class _Startup:
    """What the desktop gave the application, to go back to for "System"."""

    palette: QPalette
    tooltip: QPalette
    style: str
    changed: bool = False  # a theme of Reader's was applied since


_startup: _Startup | None = None


def _set_style(app: QApplication, name: str) -> None:
    if app.style().name().lower() != name.lower():
        style = QStyleFactory.create(name)
        if style is not None:
            app.setStyle(style)


def apply_theme(theme: str, app: QApplication | None = None) -> None:
    """Switch the whole application to "light", "dark" or back to "system"."""
    global _startup
    instance = app or QApplication.instance()
    if not isinstance(instance, QApplication):
        return
    if _startup is None:
        _startup = _Startup(
            QPalette(instance.palette()),
            QPalette(QToolTip.palette()),
            instance.style().name(),
        )
    hints = QGuiApplication.styleHints()
    if theme in ("light", "dark"):
        _set_style(instance, "Fusion")  # it draws every widget from the palette
        _startup.changed = True
        palette = palette_for(theme)
        instance.setPalette(palette)
        QToolTip.setPalette(palette)
        if hasattr(hints, "setColorScheme"):  # Qt 6.8: native dialogs follow too
            hints.setColorScheme(Qt.ColorScheme.Dark if theme == "dark" else Qt.ColorScheme.Light)
    else:
        if not _startup.changed:
            return  # still as the desktop made it: nothing to undo
        if hasattr(hints, "unsetColorScheme"):
            hints.unsetColorScheme()
        _set_style(instance, _startup.style)
        instance.setPalette(_startup.palette)
        QToolTip.setPalette(_startup.tooltip)
        _startup.changed = False
    # Style sheets resolve palette(...) when they are set: set it again to follow.
    instance.setStyleSheet(instance.styleSheet())
    # A rich-text label keeps the link colour of the palette it was given its text
    # under (the link in a note card's "Written while reading" stayed dark blue on dark).
    for widget in QApplication.allWidgets():
        if isinstance(widget, QLabel) and widget.textFormat() != Qt.TextFormat.PlainText:
            text = widget.text()
            if "<a " in text:
                widget.clear()  # setText() with the same text does nothing
                widget.setText(text)


_BASE_SIZE = "readerBasePointSize"


class FontZoom(QObject):
    """Draws a widget's text, and all its descendants', `factor` times their normal size.

    Qt does not pass a font set on a parent down to children that an
    application style sheet styles (Reader has one), so every widget of the
    tree is scaled from the size it had when first seen, and widgets added
    later (note cards, the list of mentions of the next entity) are scaled as
    they arrive. List rows that hold a widget are re-measured, so zoomed text
    is not cut off. At 100 %, before any zoom, nothing is touched.
    """

    def __init__(self, root: QWidget) -> None:
        super().__init__(root)
        self.root = root
        self.factor = 1.0
        self._scheduled = False
        root.installEventFilter(self)

    def set_factor(self, factor: float) -> None:
        """Zoom the tree to `factor` (1.0: the normal size)."""
        if factor == self.factor:
            return
        self.factor = factor
        self.apply()

    def apply(self) -> None:
        """Scale every widget of the tree to the current factor."""
        self._scheduled = False
        if self.factor == 1.0 and self.root.property(_BASE_SIZE) is None:
            return  # never zoomed: leave the fonts as the widgets set them
        for widget in [self.root, *self.root.findChildren(QWidget)]:
            if widget is not self.root and widget.property(_BASE_SIZE) is None:
                widget.installEventFilter(self)
            base = widget.property(_BASE_SIZE)
            if not isinstance(base, float):
                widget.ensurePolished()
                base = widget.font().pointSizeF()
                if base <= 0:
                    continue  # a pixel-sized font: leave it
                widget.setProperty(_BASE_SIZE, base)
            size = base * self.factor
            if widget.font().pointSizeF() != size:
                font = QFont(widget.font())
                font.setPointSizeF(size)
                widget.setFont(font)
        for rows in self.root.findChildren(QListWidget):
            for i in range(rows.count()):
                item = rows.item(i)
                shown = rows.itemWidget(item)
                if shown is not None:
                    item.setSizeHint(shown.sizeHint())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """A widget joined the tree: scale it once the event loop is back (it is built then)."""
        if event.type() == QEvent.Type.ChildAdded and not self._scheduled:
            self._scheduled = True
            QTimer.singleShot(0, self.apply)
        return False
