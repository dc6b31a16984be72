"""Edit an entity's names: its display name, and the other names articles use for it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class NamesDialog(QDialog):
    """Rename, add and remove names; `changes()` says what the user changed."""

    def __init__(self, name: str, aliases: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Names")
        self.setObjectName("namesDialog")
        self._name, self._aliases = name, list(aliases)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.name = QLineEdit(name)
        form.addRow("Name shown", self.name)
        layout.addLayout(form)
        self.others = QListWidget()
        for alias in aliases:
            item = QListWidgetItem(alias)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            item.setToolTip("Untick to forget this name")
            self.others.addItem(item)
        layout.addWidget(self.others)
        adding = QHBoxLayout()
        self.new_alias = QLineEdit()
        self.new_alias.setPlaceholderText("Another name for it (e.g. an acronym)")
        add = QPushButton("Add")
        add.clicked.connect(self._add)
        self.new_alias.returnPressed.connect(self._add)
        adding.addWidget(self.new_alias, 1)
        adding.addWidget(add)
        layout.addLayout(adding)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _add(self) -> None:
        text = " ".join(self.new_alias.text().split())
        if text:
            item = QListWidgetItem(text)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.others.addItem(item)
            self.new_alias.clear()

    def changes(self) -> tuple[str | None, list[str], list[str]]:
        """(new display name or None, names added, names removed)."""
        kept = [
            self.others.item(i).text()
            for i in range(self.others.count())
            if self.others.item(i).checkState() == Qt.CheckState.Checked
        ]
        name = " ".join(self.name.text().split())
        renamed = name if name and name != self._name else None
        added = [a for a in kept if a not in self._aliases]
        removed = [a for a in self._aliases if a not in kept]
        return renamed, added, removed
