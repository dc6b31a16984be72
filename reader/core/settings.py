"""Reader's own settings: their keys, defaults, and how a stored value is read.

Settings live in the library's `settings` table, so the window and `reader
config` see the same values and they travel with the library file. Values are
stored as text; the readers here turn whatever is stored (possibly written by
hand with `reader config`, or by a newer Reader) into a usable value and fall
back to the default rather than fail. Writing goes through
`Library.set_settings`, on the writer thread, like every other write.
"""

from __future__ import annotations

import math

PIPELINE = "pipeline"  # spaCy pipeline: a package name or a folder ("" or absent: the default)
THEME = "theme"  # "system", "light" or "dark"
FONT_FAMILY = "font_family"  # reading font ("" or absent: Reader's serif list)
FONT_SIZE = "font_size"  # reading size in points, before zoom
ZOOM = "zoom_steps"  # zoom steps from 0 (each step is ZOOM_STEP times larger)

THEMES = ("system", "light", "dark")
DEFAULT_THEME = "system"
DEFAULT_FONT_SIZE = 13.0
MIN_FONT_SIZE, MAX_FONT_SIZE = 8.0, 32.0
ZOOM_STEP = 1.1
MIN_ZOOM, MAX_ZOOM = -5, 12


def theme(value: str | None) -> str:
    """The stored theme, or "system"."""
    value = (value or "").strip().lower()
    return value if value in THEMES else DEFAULT_THEME


def font_size(value: str | None) -> float:
    """The stored reading size in points, clamped to a readable range."""
    try:
        size = float(value) if value else DEFAULT_FONT_SIZE
    except ValueError:
        return DEFAULT_FONT_SIZE
    if not math.isfinite(size):
        return DEFAULT_FONT_SIZE
    return max(MIN_FONT_SIZE, min(MAX_FONT_SIZE, size))


def font_family(value: str | None) -> str:
    """The stored reading font family ("" means Reader's default list)."""
    return (value or "").strip()


def zoom(value: str | None) -> int:
    """The stored zoom level (steps), clamped."""
    try:
        level = int(value) if value else 0
    except ValueError:
        return 0
    return clamp_zoom(level)


def clamp_zoom(level: int) -> int:
    """A zoom level within the steps Reader offers."""
    return max(MIN_ZOOM, min(MAX_ZOOM, level))


def zoom_factor(level: int) -> float:
    """How much larger than 100 % the text is at this zoom level."""
    return float(ZOOM_STEP ** clamp_zoom(level))


def problem(key: str, value: str) -> str | None:
    """Why `value` cannot be stored for `key` (None when it can): `reader config` checks."""
    if key == THEME and value.strip().lower() not in THEMES:
        return f"theme must be one of {', '.join(THEMES)}"
    if key == FONT_SIZE:
        try:
            size = float(value)
        except ValueError:
            size = math.nan
        if not MIN_FONT_SIZE <= size <= MAX_FONT_SIZE:
            return (
                f"font_size must be a number of points from {MIN_FONT_SIZE:g} to {MAX_FONT_SIZE:g}"
            )
    if key == ZOOM:
        try:
            level = int(value)
        except ValueError:
            level = MAX_ZOOM + 1
        if not MIN_ZOOM <= level <= MAX_ZOOM:
            return f"zoom_steps must be a whole number from {MIN_ZOOM} to {MAX_ZOOM}"
    if key == PIPELINE:
        from reader.core.nlp import PipelineError, pipeline_version

        try:
            pipeline_version(value)
        except PipelineError as exc:
            return str(exc)
    return None
