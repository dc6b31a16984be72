"""Suite-wide setup: Qt runs offscreen, and no test touches the real user profile."""

from __future__ import annotations

import os

# Before any Qt import: tests never need a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
