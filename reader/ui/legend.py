"""The legend: one toggle per kind, with its colour and its count in this article.

A toggle shows its state by more than colour, so it reads in grey and for
colour-blind readers too: on, it is a tinted pill with a solid border and a
filled dot, like the highlights it stands for; off, it is a dashed outline
with a hollow ring and struck-through, dimmed text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QWidget

from reader.core.kinds import ORDER, Kind
from reader.core.overlay import Mention
from reader.ui.article_view import Palette


def _dot(colour: QColor, filled: bool, size: int) -> QPixmap:
    pixmap = QPixmap(size * 2, size * 2)
    pixmap.setDevicePixelRatio(2.0)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if filled:
        painter.setBrush(colour)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.drawEllipse(1, 1, size - 2, size - 2)
    else:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(colour, 1.5))
        painter.drawEllipse(2, 2, size - 4, size - 4)
    painter.end()
    return pixmap


def dot_icon(colour: QColor, size: int = 12) -> QIcon:
    """A filled circle in the kind's colour when on, a hollow ring when off."""
    icon = QIcon()
    icon.addPixmap(_dot(colour, True, size), QIcon.Mode.Normal, QIcon.State.On)
    icon.addPixmap(_dot(colour, False, size), QIcon.Mode.Normal, QIcon.State.Off)
    return icon


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
            button.toggled.connect(lambda on, k=kind: self._toggled(k, on))
            layout.addWidget(button)
            self.buttons[kind] = button
            self._show_state(kind)
        self.set_palette(palette)
        for kind, button in self.buttons.items():
            button.setText(kind.plural)  # no article yet: no count to show

    def _toggled(self, kind: Kind, on: bool) -> None:
        self._show_state(kind)
        self.kind_toggled.emit(kind, on)

    def _show_state(self, kind: Kind) -> None:
        """Say the state in words too (tooltip, screen readers) and strike out an off kind."""
        button = self.buttons[kind]
        on = button.isChecked()
        name = kind.plural.lower()
        button.setToolTip(
            f"{kind.plural} are highlighted: click to hide them"
            if on
            else f"{kind.plural} are hidden: click to highlight them"
        )
        button.setAccessibleDescription(f"{name} {'shown' if on else 'hidden'}")
        font = button.font()
        font.setStrikeOut(not on)
        button.setFont(font)

    def set_palette(self, palette: Palette) -> None:
        """Recolour the dots and the pills (light/dark theme change)."""
        for kind, button in self.buttons.items():
            button.setIcon(dot_icon(palette.accent(kind)))
            tint, accent = palette.background(kind).name(), palette.accent(kind).name()
            button.setStyleSheet(
                "QToolButton { padding: 3px 10px 3px 7px; border-radius: 11px;"
                " border: 1px dashed palette(mid); background: transparent;"
                " color: palette(placeholder-text); }"
                f" QToolButton:checked {{ border: 1px solid {accent}; background: {tint};"
                " color: palette(text); }"
                f" QToolButton:hover {{ border: 1px solid {accent}; }}"
            )

    def set_counts(self, mentions: Iterable[Mention] | None) -> None:
        """Update the counts; None means "not known yet"."""
        self._counts = Counter(m.kind for m in mentions) if mentions is not None else Counter()
        for kind, button in self.buttons.items():
            count = str(self._counts[kind]) if mentions is not None else "…"
            button.setText(f"{kind.plural}  {count}")

    def count(self, kind: Kind) -> int:
        """Mentions of this kind in the article shown."""
        return self._counts[kind]
