"""Start Reader's window exactly as `reader [PATH]` does and report when things appear.

Usage: python benchmarks/launch_probe.py DB [PATH]

Prints one JSON line per event — window-shown, text-shown, highlights-shown —
with the wall-clock time and whether spaCy is imported yet in the window's
process (highlights-shown adds how many, and whether the model process
`reader` starts beside the window has the model), then closes the window. It
listens to the window's own signals, so the product carries no timing hooks.
Used by benchmarks/launch.py and the end-to-end launch tests.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def event(name: str, **more: object) -> None:
    print(
        json.dumps({"event": name, "time": time.time(), "spacy": "spacy" in sys.modules, **more}),
        flush=True,
    )


def main() -> int:
    from reader.core.early_model import EarlyModel

    early = EarlyModel.start(at_once=False)  # as `reader` does, before Qt is imported
    from reader import logs
    from reader.ui.app import make_app
    from reader.ui.main_window import MainWindow

    db = Path(sys.argv[1])
    path = sys.argv[2] if len(sys.argv) > 2 else None
    logs.setup(db)
    app = make_app()
    window = MainWindow(db, early=early)
    window.show()
    event("window-shown")
    window.article_changed.connect(lambda _article: event("text-shown"))

    def highlights(mentions: list[object]) -> None:
        # "second_process": the model is loaded in the process `early_model` started.
        ready = early is not None and early.ready
        named = early is not None and early.name is not None  # asked to load: a preload
        event("highlights-shown", count=len(mentions), second_process=ready, preloading=named)
        window.close()
        app.quit()

    window.mentions_changed.connect(highlights)
    window.error_shown.connect(lambda message: print(f"error: {message}", file=sys.stderr))
    if path:
        window.open_path(path)
    else:
        window.open_initial()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
