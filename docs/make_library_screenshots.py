"""Regenerate docs/library.png and docs/search.png: the real window on an imported library.

Run under a display, for example:
    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python docs/make_library_screenshots.py [DIR]

Uses a throw-away database. It imports DIR (default: ../shared/corpus/dev/articles
beside the repository, else only the sample article) and the sample through
File ▸ Import, writes a note on a person of the sample, then shoots the
library view and a full-text search.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, QTimer

from reader.core.kinds import Kind
from reader.core.overlay import Mention
from reader.resources import sample_article
from reader.ui.app import make_app
from reader.ui.main_window import MainWindow

DOCS = Path(__file__).parent
DEV = DOCS.parent.parent / "shared" / "corpus" / "dev" / "articles"
NOTE = "Somali defence minister since 2024; pushed for the border patrol deal."
QUERY = "border"


def main() -> int:
    """Import, open the sample, note, shoot the library, then search and shoot."""
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else DEV
    tmp = tempfile.mkdtemp()
    os.environ["READER_DB"] = str(Path(tmp) / "reader.db")
    app = make_app()
    window = MainWindow(Path(tmp) / "reader.db")
    window.resize(1400, 880)
    window.move(0, 0)
    window.show()
    state = {"noted": False}

    def imported(_report: object) -> None:
        window.open_path(str(sample_article()))

    def on_mentions(mentions: list[Mention]) -> None:
        if state["noted"]:
            return
        state["noted"] = True
        person = next(m for m in mentions if m.kind is Kind.PERSON and " " in m.text)
        window.view.show_mention(person)
        window.entities.show_mention(person)
        card = window.panel.cards[0]
        card.editor.setPlainText(NOTE)
        card.set_editing(False)
        window.view.verticalScrollBar().setValue(0)
        window.library_dock.show()
        window.library_dock.raise_()
        window.resizeDocks(
            [window.library_dock, window.dock], [720, 300], Qt.Orientation.Horizontal
        )
        QTimer.singleShot(2500, shoot_library)

    def shoot_library() -> None:
        window.library_panel.table.selectRow(0)
        window.grab().save(str(DOCS / "library.png"))
        window.show_search()
        window.resizeDocks([window.search_dock, window.dock], [520, 320], Qt.Orientation.Horizontal)
        window.search_panel.field.setText(QUERY)
        window.searching.run(QUERY)
        QTimer.singleShot(2000, shoot_search)

    def shoot_search() -> None:
        panel = window.search_panel
        hits = [panel.model.hit_at(r) for r in range(panel.model.rowCount())]
        row = next((r for r, h in enumerate(hits) if h.kind == "article"), 0)
        panel.list.setCurrentIndex(panel.model.index(row))
        window.searching.open_hit(hits[row])
        QTimer.singleShot(2500, finish)

    def finish() -> None:
        window.grab().save(str(DOCS / "search.png"))
        print(f"wrote {DOCS / 'library.png'} and {DOCS / 'search.png'}")
        window.close()
        app.quit()

    window.importer.finished.connect(imported)
    window.mentions_changed.connect(on_mentions)
    paths = [str(folder)] if folder.is_dir() else []
    window.importer.start([*paths, str(sample_article())])
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
