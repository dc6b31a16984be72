"""Regenerate the screenshots in docs/: the real window on the sample article.

Run under a display, for example:
    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python docs/make_screenshot.py

Uses a throw-away database. docs/screenshot.png: a person selected and a note
typed the way a user would; docs/corrections-menu.png: the right-click menu
on a highlight, as the screen shows it; docs/same-as-picker.png: the window
with the picker that **Same as…** opens (the library is read in the writer,
so the picker appears when that read is back).
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Collection, Sequence
from pathlib import Path

from PySide6.QtCore import QPoint, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QWidget

from reader.core.kinds import Kind
from reader.core.overlay import Mention
from reader.core.store import EntitySummary
from reader.resources import sample_article
from reader.ui import entity_picker
from reader.ui.app import make_app
from reader.ui.main_window import MainWindow

DOCS = Path(__file__).parent
NOTE = (
    "Somali defence minister since 2024; former police commissioner.\n\n"
    "- Pushed for the [[Joint Border Security Commission]] patrol deal\n"
    "- Seen as close to the Jubaland leadership"
)
# A second (made-up) article, so "appears in" and "what the articles say" have something.
SECOND = """Border commission meets in Addis Ababa
Friday, 10/24/2025

ADDIS ABABA - The Joint Border Security Commission met again on Friday. Hodan Abdi \
Warsame, the Somali defence minister, said the first joint patrols had left Dolow.

Ethiopian officials said al-Shabaab fighters were seen near Mandera. Warsame said the \
African Union would pay for fuel.
"""


def main() -> int:
    """Open the sample, select a person, write a note, save PNGs."""
    tmp = tempfile.mkdtemp()
    os.environ["READER_DB"] = str(Path(tmp) / "reader.db")
    app = make_app()
    window = MainWindow(Path(tmp) / "reader.db")
    window.resize(1360, 860)
    window.move(0, 0)
    window.show()
    done = {"shot": False, "opened": 0}
    second = Path(tmp) / "border-commission.txt"
    second.write_text(SECOND, "utf-8")

    def on_mentions(mentions: list[Mention]) -> None:
        done["opened"] += 1
        if done["opened"] == 1:  # the second article is read first, then the sample
            window.open_path(str(sample_article()))
            return
        if done["shot"]:
            return
        done["shot"] = True
        person = next(m for m in mentions if m.kind is Kind.PERSON and " " in m.text)
        window.view.show_mention(person)
        window.entities.show_mention(person)
        card = window.panel.cards[0]
        card.editor.setPlainText(NOTE)
        card.set_editing(False)
        window.view.verticalScrollBar().setValue(0)
        QTimer.singleShot(800, lambda: shoot(mentions))

    def shoot(mentions: list[Mention]) -> None:
        window.panel.cards[0].set_editing(False)
        window.grab().save(str(DOCS / "screenshot.png"))
        place = next(m for m in mentions if m.kind is Kind.PLACE and m.start > 300)
        window.view.show_mention(place)
        cursor = QTextCursor(window.view.document())
        cursor.setPosition(window.view._map.to_qt(place.start) + 1)
        point = window.view.viewport().mapToGlobal(window.view.cursorRect(cursor).center())
        menu = window.corrections.menu_for(place, None)
        assert menu is not None
        menu.popup(point + QPoint(4, 4))
        QTimer.singleShot(500, lambda: menu_shot(point))

    def menu_shot(point: QPoint) -> None:
        screen = app.primaryScreen().grabWindow(0)
        x, y = max(0, point.x() - 420), max(0, point.y() - 160)
        screen.copy(x, y, 760, 460).save(str(DOCS / "corrections-menu.png"))
        for widget in app.topLevelWidgets():
            if widget.isVisible() and widget is not window:
                widget.close()  # the menu
        acronym = next(m for m in window.articles.mentions if m.text == "JBSC")
        window.corrections.same_as(acronym)  # the picker opens when the writer's read is back

    def pick(
        entities: Sequence[EntitySummary],
        title: str,
        parent: QWidget | None = None,
        here: Collection[int] = (),
    ) -> int | None:
        picker = entity_picker.EntityPicker(entities, title, window, here)
        picker.move(window.geometry().center() - picker.rect().center())
        picker.show()
        picker.search.setText("Af")
        QTimer.singleShot(500, lambda: picker_shot(picker))
        return None

    def picker_shot(picker: entity_picker.EntityPicker) -> None:
        screen = app.primaryScreen().grabWindow(0)
        screen.copy(window.frameGeometry()).save(str(DOCS / "same-as-picker.png"))
        picker.reject()
        print(f"wrote {DOCS / 'screenshot.png'}, corrections-menu.png and same-as-picker.png")
        window.close()
        app.quit()

    entity_picker.pick_entity = pick  # show it without blocking, to photograph it

    window.mentions_changed.connect(on_mentions)
    window.open_path(str(second))
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
