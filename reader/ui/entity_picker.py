"""The "Same as…" picker: type a few letters, choose the entity a highlight really is."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.lookup import rank_entities
from reader.core.store import EntitySummary


class EntityPicker(QDialog):
    """A searchable list of the library's entities; `chosen()` is the picked id."""

    def __init__(
        self,
        entities: Sequence[EntitySummary],
        title: str,
        parent: QWidget | None = None,
        here: Collection[int] = (),
    ) -> None:
        super().__init__(parent)
        self._here = set(here)  # entities of the library this article names too
        self.setWindowTitle("Same as…")
        self.setObjectName("entityPicker")
        self.resize(420, 460)
        self._entities = list(entities)
        layout = QVBoxLayout(self)
        prompt = QLabel(title)
        prompt.setTextFormat(Qt.TextFormat.PlainText)
        prompt.setWordWrap(True)
        layout.addWidget(prompt)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Type a name or part of one…")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._fill)
        layout.addWidget(self.search)
        self.results = QListWidget()
        self.results.itemActivated.connect(lambda _item: self.accept())
        layout.addWidget(self.results, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._fill("")

    def _fill(self, query: str) -> None:
        self.results.clear()
        for entity in rank_entities(query, self._entities):
            also = f" — also {', '.join(entity.aliases[:3])}" if entity.aliases else ""
            where = "  · in this article" if entity.id < 0 or entity.id in self._here else ""
            item = QListWidgetItem(f"{entity.name}  ({entity.kind.label.lower()}){also}{where}")
            item.setData(Qt.ItemDataRole.UserRole, entity.id)
            self.results.addItem(item)
        # The best match is chosen only once something was typed: an Enter on the
        # bare list must not merge into whatever happens to come first.
        if self.results.count() and query.strip():
            self.results.setCurrentRow(0)

    def chosen(self) -> int | None:
        """The id of the highlighted entity, if any."""
        item = self.results.currentItem()
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None


def pick_entity(
    entities: Sequence[EntitySummary],
    title: str,
    parent: QWidget | None = None,
    here: Collection[int] = (),
) -> int | None:
    """Ask for an entity (`here`: ids this article names); None when the user cancels."""
    dialog = EntityPicker(entities, title, parent, here)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        return dialog.chosen()
    return None
