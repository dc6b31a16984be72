"""Where a note goes when the library cannot take it: unsaved-notes.md, whole or not at all.

The file holds what it held before this session (notes rescued earlier, never
dropped) followed by every note that is still unsaved now. It is rewritten
atomically on each change, so a full disk leaves the previous version intact,
never an empty or truncated file. A note that reaches the library later is
dropped from the list, because it is safe there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from reader.core.private import write_atomically

FILE_NAME = "unsaved-notes.md"


@dataclass(frozen=True)
class UnsavedNote:
    """A note's text that is not in the library yet."""

    name: str  # the entity it is about
    body: str
    since: str  # when saving it first failed (local time, for the reader of the file)


def unsaved(name: str, body: str) -> UnsavedNote:
    """An unsaved note stamped with the time now."""
    return UnsavedNote(name, body, datetime.now().isoformat(timespec="seconds"))


def as_markdown(notes: Sequence[UnsavedNote]) -> str:
    """The notes as Markdown: one section per note, as they go to the file or the clipboard."""
    return "".join(f"\n## {n.name} ({n.since})\n\n{n.body.rstrip()}\n" for n in notes)


class RecoveryFile:
    """unsaved-notes.md beside the library."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / FILE_NAME
        self._before: str | None = None  # the file as this session found it

    def write(self, notes: Sequence[UnsavedNote]) -> Path:
        """Make the file hold its earlier contents plus `notes` (OSError if it cannot)."""
        if self._before is None:
            try:
                self._before = self.path.read_text("utf-8")
            except FileNotFoundError:
                self._before = ""
        if not notes and not self._before:
            if self.path.exists():
                self.path.unlink()
            return self.path
        header = (
            ""
            if self._before
            else "# Notes Reader could not save in its library\n\n"
            "Copy them back into Reader; each section names the entity.\n"
        )
        write_atomically(self.path, self._before + header + as_markdown(notes))
        return self.path
