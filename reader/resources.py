"""Find bundled resources in a source checkout, an installed wheel or a frozen bundle.

One function answers "where is resources/…" for every way Reader runs
(as calibre's PathResolver and qutebrowser's utils/resources.py do), so no
other module guesses paths. Qt-free: the CLI and the core use it too.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path


@cache
def resources_dir() -> Path:
    """The folder holding icons, style sheets and the sample article."""
    candidates = []
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:  # PyInstaller bundle
        candidates.append(Path(frozen) / "resources")
    candidates.append(Path(__file__).resolve().parent.parent / "resources")  # checkout
    candidates.append(Path(sys.prefix) / "share" / "reader" / "resources")  # wheel data
    for candidate in candidates:
        if (candidate / "sample").is_dir():
            return candidate
    raise FileNotFoundError(
        "Reader's resources folder is missing; looked in: " + ", ".join(map(str, candidates))
    )


def resource(*parts: str) -> Path:
    """Path of one bundled resource, such as the icon at icons/reader.svg."""
    return resources_dir().joinpath(*parts)


def sample_article() -> Path:
    """The original sample article a new user sees first."""
    return resource("sample", "sample-article.txt")
