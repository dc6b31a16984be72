"""Suite-wide setup: Qt runs offscreen, and no test touches the real user profile."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

# Before any Qt import: tests never need a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Reader's cache folder (the town list, reader/core/gazetteer.py) is the suite's own.
_CACHE = tempfile.mkdtemp(prefix="reader-tests-cache-")
os.environ["XDG_CACHE_HOME"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)
