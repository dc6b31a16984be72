"""Start a Reader program on an X display and watch the screen until highlights show.

    python tests/release/_screen.py [--timeout S] [--save PNG] -- COMMAND [ARG...]

Run it under `xvfb-run -a -s "-screen 0 1280x800x24"`. It starts COMMAND,
grabs the whole screen every few tens of milliseconds with Qt's xcb plugin,
and prints one JSON object: seconds from start until a window covered the
screen (`window_s`) and until every kind's highlight colour was on it
(`highlights_s`, null if that never happened), the pixel count per kind on the
last screenshot, and COMMAND's exit status if it ended by itself. It then
stops COMMAND. This sees what a user sees, so it needs no hook in Reader.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

# The pale highlight backgrounds of the light theme (Palette.LIGHT in
# reader/ui/article_view.py): group, person, place.
HIGHLIGHTS = {"group": "#d8e8f6", "person": "#fbe3d2", "place": "#d5f0e4"}
# A window is "shown" once this many pixels of the (black) root window changed.
WINDOW_PIXELS = 100_000
# Each kind's colour must cover this many pixels: a few highlighted words.
HIGHLIGHT_PIXELS = 500


def _pattern(colour: str) -> bytes:
    """The colour as one pixel of a little-endian QImage.Format_RGB32 buffer (B, G, R, 0xff)."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return bytes((b, g, r, 0xFF))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--save", type=Path, help="write the last screenshot here")
    parser.add_argument("command", nargs="+")
    args = parser.parse_args()

    os.environ["QT_QPA_PLATFORM"] = "xcb"
    from PySide6.QtGui import QGuiApplication, QImage

    app = QGuiApplication(sys.argv[:1])
    screen = app.primaryScreen()
    black = _pattern("#000000")
    patterns = {kind: _pattern(colour) for kind, colour in HIGHLIGHTS.items()}

    start = time.monotonic()
    proc = subprocess.Popen(args.command)
    window_s: float | None = None
    highlights_s: float | None = None
    counts: dict[str, int] = dict.fromkeys(HIGHLIGHTS, 0)
    image = QImage()
    try:
        while time.monotonic() - start < args.timeout and proc.poll() is None:
            image = screen.grabWindow(0).toImage().convertToFormat(QImage.Format.Format_RGB32)
            now = time.monotonic() - start
            pixels = bytes(image.constBits())
            total = len(pixels) // 4
            if window_s is None and total - pixels.count(black) > WINDOW_PIXELS:
                window_s = now
            counts = {kind: pixels.count(p) for kind, p in patterns.items()}
            if window_s is not None and min(counts.values()) >= HIGHLIGHT_PIXELS:
                highlights_s = now
                break
            time.sleep(0.02)
    finally:
        exit_code = proc.poll()
        if exit_code is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    if args.save and not image.isNull():
        image.save(str(args.save))
    result = {
        "window_s": window_s,
        "highlights_s": highlights_s,
        "pixels": counts,
        "exit_code": exit_code,
    }
    print(json.dumps(result))
    return 0 if highlights_s is not None else 1


if __name__ == "__main__":
    raise SystemExit(main())
