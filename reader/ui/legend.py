"""The legend: one toggle per kind, with its colour and its count in this article."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QWidget

from reader.core.kinds import ORDER, Kind
from reader.core.overlay import Mention
from reader.ui.article_view import Palette


def dot_icon(colour: QColor, size: int = 12) -> QIcon:
    """A filled circle in the kind's colour."""
    pixmap = QPixmap(size * 2, size * 2)
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(colour)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)


class Legend(QWidget):
    """Three checkable buttons: "● Groups 12", "● People 5", "● Places 20".

    Signals:
        kind_toggled(Kind, bool): show or hide that kind's highlights.
    """

    kind_toggled = Signal(object, bool)

    def __init__(self, palette: Palette, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("legend")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.buttons: dict[Kind, QToolButton] = {}
        self._counts: Counter[Kind] = Counter()
        for kind in ORDER:
            button = QToolButton()
            button.setObjectName(f"legend-{kind.value}")
            button.setCheckable(True)
            button.setChecked(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setIconSize(QSize(12, 12))
            button.setToolTip(f"Show or hide {kind.plural.lower()}")
            button.toggled.connect(lambda on, k=kind: self.kind_toggled.emit(k, on))
            layout.addWidget(button)
            self.buttons[kind] = button
        self.set_palette(palette)
        for kind, button in self.buttons.items():
            button.setText(kind.plural)  # no article yet: no count to show

    def set_palette(self, palette: Palette) -> None:
        """Recolour the dots (light/dark theme change)."""
        for kind, button in self.buttons.items():
            button.setIcon(dot_icon(palette.accent(kind)))

    def set_counts(self, mentions: Iterable[Mention] | None) -> None:
        """Update the counts; None means "not known yet"."""
        self._counts = Counter(m.kind for m in mentions) if mentions is not None else Counter()
        for kind, button in self.buttons.items():
            count = str(self._counts[kind]) if mentions is not None else "…"
            button.setText(f"{kind.plural}  {count}")

    def count(self, kind: Kind) -> int:
        """Mentions of this kind in the article shown."""
        return self._counts[kind]
