"""Regenerate docs/screenshot.png: the real window on the sample article.

Run under a display, for example:
    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python docs/make_screenshot.py

Uses a throw-away database, clicks a person, and types a note the way a user would.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer

from reader.core.kinds import Kind
from reader.core.overlay import Mention
from reader.resources import sample_article
from reader.ui.app import make_app
from reader.ui.main_window import MainWindow

OUT = Path(__file__).with_name("screenshot.png")
NOTE = (
    "Somali defence minister since 2024; former police commissioner.\n\n"
    "- Pushed for the **JBSC** patrol deal\n- Seen as close to the Jubaland leadership"
)


def main() -> int:
    """Open the sample, select a person, write a note, save the window as PNG."""
    tmp = tempfile.mkdtemp()
    os.environ["READER_DB"] = str(Path(tmp) / "reader.db")
    app = make_app()
    window = MainWindow(Path(tmp) / "reader.db")
    window.resize(1360, 860)
    window.show()
    done = {"shot": False}

    def on_mentions(mentions: list[Mention]) -> None:
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
        QTimer.singleShot(800, finish)

    def finish() -> None:
        window.grab().save(str(OUT))
        print(f"wrote {OUT}")
        window.close()
        app.quit()

    window.mentions_changed.connect(on_mentions)
    window.open_path(str(sample_article()))
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
