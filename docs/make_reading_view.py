"""Regenerate docs/reading-view.png: the real window on a page with a quote, a list, a table.

It shows how the view draws block roles (list markers, table columns, quote bars).

Run under a display, for example:
    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python docs/make_reading_view.py [OUT.png]

Uses a throw-away database and a page written here (no fetched content).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer

from reader.core.overlay import Mention
from reader.ui.app import make_app
from reader.ui.main_window import MainWindow

DOCS = Path(__file__).parent

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Port talks resume in Mombasa | The Coastal Ledger</title>
<meta name="author" content="Amina Odhiambo">
<meta property="article:published_time" content="2024-03-14T09:00:00Z">
<meta property="og:site_name" content="The Coastal Ledger">
<meta property="og:url" content="https://ledger.example.com/2024/03/port-talks">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<main><article>
<h1>Port talks resume in Mombasa</h1>
<p>Negotiators from the Dock Workers Union and the Kenya Ports Authority met again on
Thursday in Mombasa, after a week in which cranes stood idle and container ships queued
outside the harbour.</p>
<blockquote><p>We want written guarantees on night shifts before anyone goes back to
work, and we want them this week.</p></blockquote>
<p>The union's secretary general, Simon Sang, said three demands remained open:</p>
<ul>
<li>Representatives of casual workers at every shift meeting</li>
<li>Overtime paid at the rates agreed in 2022
  <ul><li>including work on public holidays</li></ul></li>
<li>A review of safety rules with the Ministry of Labour</li>
</ul>
<p>Officials at the authority said the backlog would take at least two weeks to clear.
They published these figures for the first week of the strike:</p>
<table>
<tr><th>Terminal</th><th>Ships waiting</th><th>Containers delayed</th></tr>
<tr><td>Kilindini</td><td>14</td><td>21,400</td></tr>
<tr><td>Lamu</td><td>3</td><td>2,150</td></tr>
<tr><td>Kipevu oil terminal</td><td>5</td><td>0</td></tr>
</table>
<h2>What comes next</h2>
<ol><li>Talks continue on Monday in Nairobi.</li><li>A vote among members follows.</li></ol>
<p>President William Ruto has asked both sides to settle before the end of the month.</p>
</article></main>
<footer>Copyright 2024 The Coastal Ledger</footer>
</body></html>
"""


def main() -> int:
    """Open the page, wait for the highlights, save the PNG."""
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else DOCS / "reading-view.png"
    tmp = Path(tempfile.mkdtemp())
    os.environ["READER_DB"] = str(tmp / "reader.db")
    page = tmp / "port-talks.html"
    page.write_text(PAGE, "utf-8")
    app = make_app()
    window = MainWindow(tmp / "reader.db")
    window.resize(1280, 900)
    window.show()
    done = {"shot": False}

    def on_mentions(mentions: list[Mention]) -> None:
        if done["shot"]:
            return
        done["shot"] = True
        QTimer.singleShot(600, shoot)

    def shoot() -> None:
        window.grab().save(str(out))
        print(f"wrote {out}")
        window.close()
        app.quit()

    window.mentions_changed.connect(on_mentions)
    window.open_path(str(page))
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
